package stability

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/diff/fd"
	"gonum.org/v1/gonum/mat"

	"descent/optim"
	"descent/scene/surface"
)

// checkEigen verifies an eigen-decomposition of [[a, b], [b, c]]: ascending,
// orthonormal, oriented, small residuals, and the eigenvalues of gonum's
// mat.EigenSym.
func checkEigen(t *testing.T, a, b, c float64) {
	t.Helper()
	vals, vecs := Eigen(a, b, c)
	norm := math.Max(math.Max(math.Abs(a), math.Abs(b)), math.Abs(c))
	if !(vals[0] <= vals[1]) {
		t.Fatalf("[[%v %v] [%v %v]]: eigenvalues %v not ascending", a, b, b, c, vals)
	}
	for i, v := range vecs {
		if d := math.Abs(math.Hypot(v[0], v[1]) - 1); d > 1e-15 {
			t.Fatalf("eigenvector %v not a unit vector", v)
		}
		if v[0] < 0 || (v[0] == 0 && v[1] < 0) {
			t.Fatalf("eigenvector %v breaks the sign convention", v)
		}
		// Residual H v - lambda v.
		r0 := a*v[0] + b*v[1] - vals[i]*v[0]
		r1 := b*v[0] + c*v[1] - vals[i]*v[1]
		if res := math.Hypot(r0, r1); res > 2e-15*norm {
			t.Fatalf("[[%v %v] [%v %v]]: residual %.3g for eigenpair %v, %v", a, b, b, c, res, vals[i], v)
		}
	}
	if d := vecs[0][0]*vecs[1][0] + vecs[0][1]*vecs[1][1]; math.Abs(d) > 1e-15 {
		t.Fatalf("eigenvectors %v not orthogonal", vecs)
	}
	var es mat.EigenSym
	if !es.Factorize(mat.NewSymDense(2, []float64{a, b, b, c}), false) {
		t.Fatal("gonum failed")
	}
	want := es.Values(nil)
	for i := range 2 {
		if d := math.Abs(vals[i] - want[i]); d > 4e-16*norm {
			t.Fatalf("[[%v %v] [%v %v]]: eigenvalue %v, gonum %v", a, b, b, c, vals[i], want[i])
		}
	}
}

func TestEigen(t *testing.T) {
	fixed := [][3]float64{
		{2, 0, 2}, {2, 0, -2}, {-2, 0, 2}, {10, 8, 10}, {0.52, -0.48, 0.52}, {0, 1, 0}, {1, 1e-20, 1},
		{1e8, 1, 1e-8}, {1, 1, 1}, {-3, 2, -1}, {2102, 600, 200}, {0, 0, 0}, {5, -5, 5},
	}
	for _, m := range fixed {
		checkEigen(t, m[0], m[1], m[2])
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 10000 {
		s := math.Pow(10, 6*rng.Float64()-3)
		checkEigen(t, s*rng.NormFloat64(), s*rng.NormFloat64(), s*rng.NormFloat64())
	}
	// A nearly singular matrix keeps its small eigenvalue's digits.
	vals, _ := Eigen(1, 1, 1+1e-12)
	if d := math.Abs(vals[0]-5e-13) / 5e-13; d > 1e-3 {
		t.Errorf("small eigenvalue %v, want about 5e-13", vals[0])
	}
	if v := LambdaMax(2102, 600, 200); math.Abs(v-func() float64 { e, _ := Eigen(2102, 600, 200); return e[1] }()) > 1e-12 {
		t.Errorf("LambdaMax %v", v)
	}
	// Diagonal matrices come out exactly, with the axes.
	vals, vecs := Eigen(3, 0, -1)
	if vals != [2]float64{-1, 3} || vecs != [2][2]float64{{0, 1}, {1, 0}} {
		t.Errorf("diagonal: %v %v", vals, vecs)
	}
}

// quadraticRun steps opt on f(x) = x·H·x/2 from (1, 0.7) and reports whether
// the iterate converged (shrank by 1e-6) or diverged (grew by 1e6).
func quadraticRun(opt optim.Optimizer, h [2][2]float64, steps int) (converged, diverged bool) {
	x := []float64{1, 0.7}
	g := make([]float64, 2)
	for range steps {
		g[0] = h[0][0]*x[0] + h[0][1]*x[1]
		g[1] = h[1][0]*x[0] + h[1][1]*x[1]
		opt.Step(x, g)
		n := math.Hypot(x[0], x[1])
		if n > 1e6 || math.IsNaN(n) {
			return false, true
		}
		if n < 1e-6 {
			return true, false
		}
	}
	return false, false
}

// TestLRMaxAgainstTorchSGD runs the package's torch-exact SGD on quadratics
// at 0.97x and 1.03x the predicted critical learning rate: below it the run
// converges, above it diverges, for plain gradient descent, heavy-ball and
// Nesterov momentum, dampening and weight decay.
func TestLRMaxAgainstTorchSGD(t *testing.T) {
	hessians := [][2][2]float64{{{2, 0}, {0, 2}}, {{10, 8}, {8, 10}}, {{2102, 600}, {600, 200}}, {{3, 1}, {1, -0.5}}}
	rules := []Rule{{}, {Momentum: 0.9}, {Momentum: 0.5}, {Momentum: 0.9, Nesterov: true}, {Momentum: 0.6, Dampening: 0.4}, {WeightDecay: 0.3}, {Momentum: 0.3, WeightDecay: 1}}
	for _, h := range hessians {
		for _, r := range rules {
			lam := LambdaMax(h[0][0], h[0][1], h[1][1])
			lrMax, ok := r.LRMax(lam)
			if !ok {
				t.Fatalf("no lr_max for %v", h)
			}
			for _, f := range []float64{0.97, 1.03} {
				r.LR = f * lrMax
				o := &optim.SGD{LR: r.LR, Momentum: r.Momentum, Dampening: r.Dampening, Nesterov: r.Nesterov, WeightDecay: r.WeightDecay}
				conv, div := quadraticRun(o, h, 20000)
				v := r.Classify(h[0][0], h[0][1], h[1][1])
				vals, _ := Eigen(h[0][0], h[0][1], h[1][1])
				if vals[0]+r.WeightDecay < 0 && f < 1 {
					// A saddle: the negative direction leads away at any lr.
					if !div || v != Stable {
						t.Errorf("H %v rule %+v: saddle run diverged %v, verdict %v", h, r, div, v)
					}
					continue
				}
				if f < 1 && (!conv || v != Stable) {
					t.Errorf("H %v rule %+v at %.2f lr_max: converged %v, verdict %v", h, r, f, conv, v)
				}
				if f > 1 && (!div || v != Unstable) {
					t.Errorf("H %v rule %+v at %.2f lr_max: diverged %v, verdict %v", h, r, f, div, v)
				}
			}
		}
	}
}

// TestParabolaEdge: on the parabola (second derivative 2) lr 1 is exactly the edge, and
// gradient descent there hops between 6 and -4 forever.
func TestParabolaEdge(t *testing.T) {
	s, _ := surface.Lookup("parabola")
	for _, c := range []struct {
		lr   float64
		want Verdict
	}{{0.5, Stable}, {0.9, Stable}, {1, Edge}, {1.1, Unstable}} {
		v, p, err := Check(s, 6, 0, Rule{LR: c.lr})
		if err != nil || v != c.want {
			t.Errorf("lr %v: verdict %v (%v), want %v", c.lr, v, err, c.want)
		}
		if lr, ok := p.LRMaxGD(); !ok || lr != 1 {
			t.Errorf("lr_max_gd %v %v", lr, ok)
		}
		if lr, ok := p.LRMaxMomentum(0.5); !ok || lr != 1.5 {
			t.Errorf("lr_max_momentum %v %v", lr, ok)
		}
	}
	o := &optim.SGD{LR: 1}
	x, g := []float64{6}, make([]float64, 1)
	for k := 1; k <= 101; k++ {
		s.Grad(x, g)
		o.Step(x, g)
	}
	if x[0] != -4 {
		t.Errorf("after 101 steps at the edge x = %v, want -4", x[0])
	}
}

// TestAtMatchesFiniteDifferences: the model's gradient and Hessian at random
// points of every surface agree with gonum's central differences of the loss
// and of the gradient, and the eigenpairs decompose the Hessian.
func TestAtMatchesFiniteDifferences(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 9))
	for _, s := range surface.All() {
		for range 50 {
			d := s.Domain
			x := d.XMin + rng.Float64()*(d.XMax-d.XMin)
			y := d.YMin + rng.Float64()*(d.YMax-d.YMin)
			p, err := At(s, x, y)
			if err != nil {
				t.Fatal(err)
			}
			q := []float64{x, y}[:s.Dim]
			jac := mat.NewDense(s.Dim, s.Dim, nil)
			fd.Jacobian(jac, func(dst, q []float64) { s.Grad(q, dst) }, q, &fd.JacobianSettings{Formula: fd.Central})
			scale := math.Max(math.Abs(p.Hessian[0][0]), math.Max(math.Abs(p.Hessian[0][1]), math.Abs(p.Hessian[1][1])))
			for i := range s.Dim {
				for j := range s.Dim {
					if dd := math.Abs(p.Hessian[i][j]-jac.At(i, j)) / scale; !(dd <= 1e-6) {
						t.Fatalf("%s at %v: H[%d][%d] %v, finite differences %v", s.Name, q, i, j, p.Hessian[i][j], jac.At(i, j))
					}
				}
			}
			if s.Dim == 2 {
				// H = sum lambda_i v_i v_i^T.
				for i := range 2 {
					for j := range 2 {
						r := p.Eigenvalues[0]*p.Eigenvectors[0][i]*p.Eigenvectors[0][j] + p.Eigenvalues[1]*p.Eigenvectors[1][i]*p.Eigenvectors[1][j]
						if math.Abs(r-p.Hessian[i][j]) > 1e-13*scale {
							t.Fatalf("%s at %v: eigenpairs rebuild H[%d][%d] = %v, not %v", s.Name, q, i, j, r, p.Hessian[i][j])
						}
					}
				}
			}
		}
	}
}

func TestRuleOf(t *testing.T) {
	spec, _ := optim.ParseSpec("nesterov:lr=0.01,weight_decay=0.1")
	o, _ := optim.New(spec)
	r, ok := RuleOf(o)
	if !ok || r != (Rule{LR: 0.01, Momentum: 0.9, Nesterov: true, WeightDecay: 0.1}) {
		t.Fatalf("RuleOf: %+v %v", r, ok)
	}
	spec, _ = optim.ParseSpec("adam")
	o, _ = optim.New(spec)
	if _, ok := RuleOf(o); ok {
		t.Fatal("adam has a rule")
	}
	if lr, ok := (Rule{Momentum: 1}).LRMax(2); !ok || lr != 0 {
		t.Fatalf("momentum 1: lr_max %v %v, want 0 (never stable)", lr, ok)
	}
	if v := (Rule{LR: 1e-9, Momentum: 1}).Classify(2, 0, 2); v != Unstable {
		t.Fatalf("momentum 1 verdict %v", v)
	}
	if v := (Rule{LR: 1}).Classify(-1, 0.5, -2); v != NoCurvature {
		t.Fatalf("concave verdict %v", v)
	}
}

func TestGrid(t *testing.T) {
	s, _ := surface.Lookup("rosenbrock")
	r := Rule{LR: 0.001}
	g, err := Grid(s, s.Domain, 50, 40, r, nil)
	if err != nil || len(g) != 2000 {
		t.Fatalf("grid: %v, %d verdicts", err, len(g))
	}
	counts := map[Verdict]int{}
	for j := range 40 {
		for i := range 50 {
			x := s.Domain.XMin + (s.Domain.XMax-s.Domain.XMin)*float64(i)/49
			y := s.Domain.YMin + (s.Domain.YMax-s.Domain.YMin)*float64(j)/39
			v, _, _ := Check(s, x, y, r)
			if g[j*50+i] != v {
				t.Fatalf("grid (%d, %d) %v, Check %v", i, j, g[j*50+i], v)
			}
			counts[v]++
		}
	}
	if counts[Stable] == 0 || counts[Unstable] == 0 {
		t.Fatalf("lr 0.001 on Rosenbrock: verdicts %v, want both stable and unstable regions", counts)
	}
	lam, err := Curvatures(s, s.Domain, 50, 40, nil)
	if err != nil {
		t.Fatal(err)
	}
	for k, l := range lam {
		if v := r.ClassifyLambda(l); v != g[k] {
			t.Fatalf("point %d: Curvatures then ClassifyLambda %v, Grid %v", k, v, g[k])
		}
		if q := r.Ratio(l); (q < 1) != (g[k] == Stable) && g[k] != NoCurvature {
			t.Fatalf("point %d: ratio %v, verdict %v", k, q, g[k])
		}
	}
	p, _ := surface.Lookup("parabola")
	g, _ = Grid(p, p.Domain, 10, 3, Rule{LR: 1.1}, g)
	for _, v := range g {
		if v != Unstable {
			t.Fatalf("parabola at lr 1.1: %v", g)
		}
	}
	lam, _ = Curvatures(p, p.Domain, 10, 3, lam)
	for _, l := range lam {
		if l != 2 {
			t.Fatalf("parabola curvatures %v", lam)
		}
	}
	if q := (Rule{LR: 1.1}).Ratio(2); math.Abs(q-1.1) > 1e-15 {
		t.Fatalf("ratio %v", q)
	}
	if _, err := Grid(p, p.Domain, 1, 3, Rule{}, nil); err == nil {
		t.Fatal("a 1-point-wide grid")
	}
}

// BenchmarkAt is the cost of one inspected point: loss, gradient, Hessian
// and eigen-decomposition.
func BenchmarkAt(b *testing.B) {
	for _, name := range []string{"rosenbrock", "goldstein-price", "levi"} {
		s, _ := surface.Lookup(name)
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				At(s, 0.3, -0.4)
			}
		})
	}
	e, _ := surface.FromExpr("log(1 + x^2) + tanh(y)^2 + exp(-x*y)/5")
	b.Run("expr", func(b *testing.B) {
		for b.Loop() {
			At(e, 0.3, -0.4)
		}
	})
}

// BenchmarkGrid200 is the stability overlay's work on 200x200 points: a
// verdict at each (Grid), the curvatures alone (once per surface), and
// judging a new learning rate against kept curvatures (Reclassify).
func BenchmarkGrid200(b *testing.B) {
	e, _ := surface.FromExpr("log(1 + x^2) + tanh(y)^2 + exp(-x*y)/5")
	for _, s := range []*surface.Surface{mustLookup("rosenbrock"), mustLookup("levi"), e} {
		r := Rule{LR: 0.01, Momentum: 0.9}
		b.Run("Grid/"+s.Name, func(b *testing.B) {
			var g []Verdict
			for b.Loop() {
				g, _ = Grid(s, s.Domain, 200, 200, r, g)
			}
		})
		b.Run("Curvatures/"+s.Name, func(b *testing.B) {
			var lam []float64
			for b.Loop() {
				lam, _ = Curvatures(s, s.Domain, 200, 200, lam)
			}
		})
		b.Run("Reclassify/"+s.Name, func(b *testing.B) {
			lam, _ := Curvatures(s, s.Domain, 200, 200, nil)
			g := make([]Verdict, len(lam))
			for b.Loop() {
				for k, l := range lam {
					g[k] = r.ClassifyLambda(l)
				}
			}
		})
	}
}

func mustLookup(name string) *surface.Surface {
	s, err := surface.Lookup(name)
	if err != nil {
		panic(err)
	}
	return s
}

func TestNoHessian(t *testing.T) {
	s := mustLookup("bowl")
	s.Hessian = nil
	if _, err := At(s, 0, 0); !errors.Is(err, ErrNoHessian) {
		t.Fatalf("At: %v", err)
	}
	if _, err := Grid(s, s.Domain, 4, 4, Rule{}, nil); !errors.Is(err, ErrNoHessian) {
		t.Fatalf("Grid: %v", err)
	}
	if _, err := Curvatures(s, s.Domain, 4, 4, nil); !errors.Is(err, ErrNoHessian) {
		t.Fatalf("Curvatures: %v", err)
	}
}
