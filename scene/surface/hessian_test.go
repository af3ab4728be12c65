package surface

import (
	"math"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"

	"gonum.org/v1/gonum/diff/fd"
	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/optimize/functions"
)

// fdHessian approximates the Hessian of s at p by gonum's central
// differences of the exact gradient (fd.Jacobian of Grad).
func fdHessian(s *Surface, p []float64) *mat.Dense {
	n := s.Dim
	jac := mat.NewDense(n, n, nil)
	fd.Jacobian(jac, func(dst, q []float64) { s.Grad(q, dst) }, p, &fd.JacobianSettings{Formula: fd.Central})
	return jac
}

// hessianScale is the largest magnitude among the exact entries: the scale
// the finite-difference error is measured against.
func hessianScale(h [2][2]float64) float64 {
	return math.Max(math.Max(math.Abs(h[0][0]), math.Abs(h[0][1])), math.Abs(h[1][1]))
}

// hessianSurfaces returns the surfaces whose Hessians are tested: every
// built-in surface, a few expression surfaces and every model surface (of
// the built-in data sets, through LoadModel, and of random data).
func hessianSurfaces(t testing.TB) []*Surface {
	out := testSurfaces(t)
	seen := map[string]bool{}
	for _, s := range out {
		seen[s.Name+"/"+s.Title] = true
	}
	for _, s := range modelSurfaces(t) {
		if !seen[s.Name+"/"+s.Title] {
			out = append(out, s)
		}
	}
	return out
}

// TestHessianMatchesFiniteDifferences compares the exact Hessian of every
// built-in surface, a few expression surfaces and every model surface
// (ols, logistic on the built-in and on separable data, tanh-unit,
// mlp-slice) with gonum's central differences of the exact gradient at 200
// random points of its domain, to 1e-6 relative to the Hessian's largest
// entry.
func TestHessianMatchesFiniteDifferences(t *testing.T) {
	const tol = 1e-6
	for _, s := range hessianSurfaces(t) {
		t.Run(s.Name+"/"+s.Title, func(t *testing.T) {
			if s.Hessian == nil {
				t.Fatal("no Hessian")
			}
			rng := rand.New(rand.NewPCG(7, uint64(len(s.Title))))
			worst := 0.0
			for range 200 {
				p := randomPoint(rng, s)
				h := s.Hess(p)
				num := fdHessian(s, p)
				scale := hessianScale(h)
				if s.Dim == 1 {
					if h[0][1] != 0 || h[1][0] != 0 || h[1][1] != 0 {
						t.Fatalf("1-D Hessian %v: only f'' may be non-zero", h)
					}
				}
				if h[0][1] != h[1][0] {
					t.Fatalf("at %v: Hessian %v not symmetric", p, h)
				}
				for i := range s.Dim {
					for j := range s.Dim {
						d := math.Abs(h[i][j]-num.At(i, j)) / scale
						worst = math.Max(worst, d)
						if !(d <= tol) {
							t.Fatalf("at %v: H[%d][%d] exact %v, finite differences %v (relative %.3g)", p, i, j, h[i][j], num.At(i, j), d)
						}
					}
				}
			}
			t.Logf("worst relative difference %.3g", worst)
		})
	}
}

// TestHessianOfDataSurface: a least-squares surface from a file has the
// constant Hessian 2*[[1, mean u], [mean u, mean u^2]].
func TestHessianOfDataSurface(t *testing.T) {
	s, err := ReadCSV(strings.NewReader("x,y\n1,2\n2,3\n4,9\n"), "pts.csv")
	if err != nil {
		t.Fatal(err)
	}
	dxx, dxy, dyy := s.Hessian(0.3, -7)
	mu, mu2 := 7.0/3, 21.0/3
	if math.Abs(dxx-2) > 1e-15 || math.Abs(dxy-2*mu) > 1e-14 || math.Abs(dyy-2*mu2) > 1e-13 {
		t.Fatalf("Hessian %v %v %v, want 2, %v, %v", dxx, dxy, dyy, 2*mu, 2*mu2)
	}
	num := fdHessian(s, []float64{0.3, -7})
	if math.Abs(num.At(1, 1)-dyy) > 1e-6*dyy {
		t.Fatalf("finite differences %v", mat.Formatted(num))
	}
}

// TestBealeHessianMatchesGonum: Beale's Hessian equals gonum's own
// (optimize/functions.Beale.Hess) to rounding on the line x = y. Elsewhere
// gonum v0.17.0's is wrong, and Descent does not use it: its f1, f2, f3 are
// computed from x[1] where x[0] is meant (1.5 - x[1]*(1-x[1]), ...), which
// only the line x = y hides; finite differences side with Descent's
// (TestHessianMatchesFiniteDifferences).
func TestBealeHessianMatchesGonum(t *testing.T) {
	s, _ := Lookup("beale")
	rng := rand.New(rand.NewPCG(1, 1))
	var fn functions.Beale
	h := mat.NewSymDense(2, nil)
	for range 100 {
		p := randomPoint(rng, s)
		p[1] = p[0]
		fn.Hess(h, p)
		got := s.Hess(p)
		scale := hessianScale(got)
		for i := range 2 {
			for j := range 2 {
				if d := math.Abs(got[i][j] - h.At(i, j)); d > 1e-13*scale {
					t.Fatalf("at %v: H[%d][%d] = %v, gonum %v", p, i, j, got[i][j], h.At(i, j))
				}
			}
		}
	}
}

// TestBuiltinHessianMatchesExpression: each built-in surface's written-out
// Hessian equals the automatic one of its formula typed as an expression.
func TestBuiltinHessianMatchesExpression(t *testing.T) {
	formulas := map[string]string{
		"bowl":            "(x-2)^2 + (y-3)^2",
		"saddle":          "x^2 - y^2",
		"booth":           "(x+2*y-7)^2 + (2*x+y-5)^2",
		"matyas":          "0.26*(x^2+y^2) - 0.48*x*y",
		"rosenbrock":      "(1-x)^2 + 100*(y-x^2)^2",
		"beale":           "(1.5-x+x*y)^2 + (2.25-x+x*y^2)^2 + (2.625-x+x*y^3)^2",
		"himmelblau":      "(x^2+y-11)^2 + (x+y^2-7)^2",
		"six-hump-camel":  "(4-2.1*x^2+x^4/3)*x^2 + x*y + (-4+4*y^2)*y^2",
		"styblinski-tang": "((x^4-16*x^2+5*x) + (y^4-16*y^2+5*y))/2",
		"goldstein-price": "(1 + (x+y+1)^2*(19-14*x+3*x^2-14*y+6*x*y+3*y^2)) * (30 + (2*x-3*y)^2*(18-32*x+12*x^2+48*y-36*x*y+27*y^2))",
		"rastrigin":       "20 + x^2 - 10*cos(2*pi*x) + y^2 - 10*cos(2*pi*y)",
		"ackley":          "-20*exp(-0.2*sqrt((x^2+y^2)/2)) - exp((cos(2*pi*x)+cos(2*pi*y))/2) + e + 20",
		"levi":            "sin(3*pi*x)^2 + (x-1)^2*(1+sin(3*pi*y)^2) + (y-1)^2*(1+sin(2*pi*y)^2)",
	}
	for name, src := range formulas {
		b, err := Lookup(name)
		if err != nil {
			t.Fatal(err)
		}
		e, err := FromExpr(src)
		if err != nil {
			t.Fatal(err)
		}
		rng := rand.New(rand.NewPCG(2, 3))
		for range 100 {
			p := randomPoint(rng, b)
			hb, he := b.Hess(p), e.Hess(p)
			scale := hessianScale(hb)
			for i := range 2 {
				for j := range 2 {
					if d := math.Abs(hb[i][j] - he[i][j]); d > 1e-11*scale {
						t.Fatalf("%s at %v: H[%d][%d] written %v, expression %v", name, p, i, j, hb[i][j], he[i][j])
					}
				}
			}
		}
	}
}

// TestAckleyHessianAtTheOrigin: the cone tip has infinite curvature.
func TestAckleyHessianAtTheOrigin(t *testing.T) {
	s, _ := Lookup("ackley")
	dxx, dxy, dyy := s.Hessian(0, 0)
	if !math.IsInf(dxx, 1) || !math.IsInf(dyy, 1) || dxy != 0 {
		t.Fatalf("Hessian at the origin %v %v %v", dxx, dxy, dyy)
	}
}

// BenchmarkHessianGrid evaluates the Hessian of each surface over a 200x200
// grid of its domain: the work of one stability overlay. One iteration is
// the whole grid (40,000 points); for a costly surface that names its own
// mesh resolution (mlp-slice: 60) the grid is that many points a side
// instead.
func BenchmarkHessianGrid(b *testing.B) {
	surfs := All()
	for _, src := range []string{"x^2 + 3*y^2 + sin(x*y)", "log(1 + x^2) + tanh(y)^2 + exp(-x*y)/5"} {
		s, _ := FromExpr(src)
		s.Name = "expr " + src
		surfs = append(surfs, s)
	}
	for _, s := range surfs {
		n := 200
		if s.Mesh > 0 {
			n = s.Mesh
		}
		b.Run(s.Name, func(b *testing.B) {
			d := s.Domain
			sum := 0.0
			for b.Loop() {
				for j := range n {
					y := d.YMin + (d.YMax-d.YMin)*float64(j)/float64(n-1)
					for i := range n {
						x := d.XMin + (d.XMax-d.XMin)*float64(i)/float64(n-1)
						dxx, dxy, dyy := s.Hessian(x, y)
						sum += dxx + dxy + dyy
					}
				}
			}
			if sum == 0 && s.Name != "ols" {
				b.Log("zero sum")
			}
		})
	}
}

// TestModelHessians: the Hessian of every model surface is symmetric by
// construction (one mixed entry), does not allocate (mlp-slice once its
// scratch pool is warm), and gives the same numbers, bit for bit, when
// called from many goroutines at once, as the stability overlay does.
func TestModelHessians(t *testing.T) {
	for _, s := range modelSurfaces(t) {
		t.Run(s.Name+"/"+s.Title, func(t *testing.T) {
			if s.Hessian == nil {
				t.Fatal("no Hessian")
			}
			rng := rand.New(rand.NewPCG(5, uint64(len(s.Title))))
			const n = 16
			pts := make([][]float64, n)
			want := make([][2][2]float64, n)
			for i := range pts {
				pts[i] = randomPoint(rng, s)
				want[i] = s.Hess(pts[i])
				if h := want[i]; h[0][1] != h[1][0] || !finite(h[0][0]) || !finite(h[0][1]) || !finite(h[1][1]) {
					t.Fatalf("at %v: Hessian %v", pts[i], h)
				}
			}
			x, y := pts[0][0], pts[0][1]
			if a := testing.AllocsPerRun(20, func() { s.Hessian(x, y) }); a != 0 && !raceEnabled {
				t.Errorf("%v allocations per Hessian", a)
			}
			var wg sync.WaitGroup
			got := make([][2][2]float64, 4*n)
			for g := range 4 {
				wg.Go(func() {
					for i := range n {
						got[g*n+i] = s.Hess(pts[i])
					}
				})
			}
			wg.Wait()
			for k, h := range got {
				if h != want[k%n] {
					t.Fatalf("at %v: Hessian %v concurrently, %v alone", pts[k%n], h, want[k%n])
				}
			}
		})
	}
}

// TestSigmoidPrime: sigmoid'(z) is exact to rounding where 1 - sigmoid(z)
// would cancel, and neither overflows nor gives NaN for huge logits.
func TestSigmoidPrime(t *testing.T) {
	if v := sigmoidPrime(0); v != 0.25 {
		t.Errorf("sigmoid'(0) = %v", v)
	}
	for _, z := range []float64{1e-3, 0.5, 3, 20, 40, 300, 700} {
		p, m := sigmoidPrime(z), sigmoidPrime(-z)
		if p != m {
			t.Errorf("sigmoid'(%v) = %v but sigmoid'(%v) = %v", z, p, -z, m)
		}
		// sigmoid'(z) = 1 / (4 cosh^2(z/2)).
		c := math.Cosh(z / 2)
		if want := 1 / (4 * c * c); math.Abs(p-want) > 1e-14*want {
			t.Errorf("sigmoid'(%v) = %v, want %v", z, p, want)
		}
	}
	for _, z := range []float64{800, -800, 1e300, math.Inf(1), math.Inf(-1)} {
		if v := sigmoidPrime(z); v != 0 {
			t.Errorf("sigmoid'(%v) = %v, want 0", z, v)
		}
	}
}

// TestLogisticHessianFarOut: far along the separable data's descent
// direction, where every logit is huge, the Hessian is finite, positive
// semi-definite and tiny, not NaN.
func TestLogisticHessianFarOut(t *testing.T) {
	s, err := LoadModel("logistic", "logistic-separable-100.csv")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range [][2]float64{{1e3, -1e3}, {-1e3, 1e3}, {1e8, 5}, {0, -1e6}, {1e300, 1e300}} {
		dww, dwb, dbb := s.Hessian(p[0], p[1])
		if !finite(dww) || !finite(dwb) || !finite(dbb) || dww < 0 || dbb < 0 || dww*dbb-dwb*dwb < -1e-12*dww*dbb {
			t.Errorf("at %v: Hessian %v %v %v", p, dww, dwb, dbb)
		}
	}
}
