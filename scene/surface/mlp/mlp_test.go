package mlp

import (
	"bytes"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"gonum.org/v1/gonum/diff/fd"
)

// TestLossGradient checks back-propagation against gonum's central finite
// differences on every parameter, for several shapes, batches and L2 terms.
func TestLossGradient(t *testing.T) {
	inputs, labels := Moons(30, 0.2, 4)
	cases := []struct {
		name   string
		sizes  []int
		idx    []int
		lambda float64
	}{
		{"2-16-16-1", []int{2, 16, 16, 1}, nil, 1e-3},
		{"2-3-1, no penalty", []int{2, 3, 1}, nil, 0},
		{"logistic regression 2-1", []int{2, 1}, nil, 0.1},
		{"2-5-4-3-1 on a batch", []int{2, 5, 4, 3, 1}, []int{3, 3, 17, 0, 29}, 1e-2},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			net := Net{Sizes: c.sizes}
			rng := rand.New(rand.NewPCG(9, uint64(len(c.sizes))))
			w := net.Init(rng.Uint64())
			for k := range w {
				w[k] *= 3 // away from the near-linear start
			}
			grad := make([]float64, len(w))
			f := net.Loss(w, inputs, labels, c.idx, c.lambda, grad)
			if g := net.Loss(w, inputs, labels, c.idx, c.lambda, nil); g != f {
				t.Errorf("loss %v with the gradient, %v without", f, g)
			}
			num := fd.Gradient(nil, func(v []float64) float64 {
				return net.Loss(v, inputs, labels, c.idx, c.lambda, nil)
			}, w, &fd.Settings{Formula: fd.Central, Step: 1e-6})
			for k := range grad {
				if d := math.Abs(grad[k] - num[k]); d > 1e-7*math.Max(1, math.Abs(num[k])) {
					t.Errorf("parameter %d: back-propagation %v, finite differences %v", k, grad[k], num[k])
				}
			}
		})
	}
}

// TestLossByHand checks the smallest network, a logistic regression, against
// the formula written out.
func TestLossByHand(t *testing.T) {
	net := Net{Sizes: []int{2, 1}}
	w := []float64{0.5, -1, 0.25} // weights of x1, x2, then the bias
	inputs := [][]float64{{1, 2}, {-1, 0.5}}
	labels := []float64{1, 0}
	z0, z1 := 0.5-2+0.25, -0.5-0.5+0.25
	want := (BCEWithLogits(z0, 1)+BCEWithLogits(z1, 0))/2 + 0.1/2*(0.25+1+0.0625)
	if got := net.Loss(w, inputs, labels, nil, 0.1, nil); math.Abs(got-want) > 1e-15 {
		t.Errorf("loss %v, want %v", got, want)
	}
	if got := net.Logit(w, inputs[0]); got != z0 {
		t.Errorf("logit %v, want %v", got, z0)
	}
	if got := net.Loss(w, inputs, labels, []int{}, 0.1, nil); got != 0 {
		t.Errorf("empty batch: %v", got)
	}
}

func TestNetShape(t *testing.T) {
	net := Net{Sizes: []int{2, 16, 16, 1}}
	if n := net.NumParams(); n != 2*16+16+16*16+16+16+1 {
		t.Errorf("NumParams = %d", n)
	}
	ls := net.Layers()
	if len(ls) != 3 || ls[0] != (Layer{In: 2, Out: 16, W: 0, B: 32}) || ls[2].B+ls[2].Out != net.NumParams() {
		t.Errorf("layers %+v", ls)
	}
	bad := []struct {
		sizes []int
		want  string
	}{
		{[]int{2}, "needs at least an input and an output layer"},
		{[]int{2, 0, 1}, "layer sizes must be at least 1"},
		{[]int{2, 3, 2}, "the output layer must have one unit"},
	}
	for _, b := range bad {
		err := Net{Sizes: b.sizes}.Validate()
		if err == nil || !strings.Contains(err.Error(), b.want) || !strings.HasPrefix(err.Error(), "mlp: ") {
			t.Errorf("%v: %v, want %q", b.sizes, err, b.want)
		}
	}
}

// TestTrain: training lowers the loss and classifies the moons, repeats
// exactly, and rejects bad settings with their reason.
func TestTrain(t *testing.T) {
	inputs, labels := Moons(40, 0.1, 2)
	net := Net{Sizes: []int{2, 8, 1}}
	tr := Training{Optimizer: "adam:lr=0.05", Steps: 300, Lambda: 1e-3, Seed: 3}
	w, loss, err := net.Train(inputs, labels, tr)
	if err != nil {
		t.Fatal(err)
	}
	start := net.Loss(net.Init(3), inputs, labels, nil, tr.Lambda, nil)
	if !(loss < start/3) {
		t.Errorf("loss %v after training, %v before", loss, start)
	}
	right := 0
	for i, in := range inputs {
		if (net.Logit(w, in) > 0) == (labels[i] == 1) {
			right++
		}
	}
	if right < 36 {
		t.Errorf("%d of 40 points right after training", right)
	}
	again, _, _ := net.Train(inputs, labels, tr)
	for k := range w {
		if again[k] != w[k] {
			t.Fatalf("a second training differs at parameter %d", k)
		}
	}
	bad := []struct {
		net    Net
		inputs [][]float64
		labels []float64
		tr     Training
		want   string
	}{
		{Net{Sizes: []int{2}}, inputs, labels, tr, "at least an input and an output layer"},
		{net, inputs, labels[:3], tr, "40 inputs and 3 labels"},
		{net, [][]float64{{1}}, []float64{1}, tr, "input 1 has 1 numbers, the network takes 2"},
		{net, inputs, labels, Training{Optimizer: "adma", Steps: 1}, `mlp: optim: unknown optimizer "adma"`},
		{net, inputs, labels, Training{Optimizer: "adam:lr=-1", Steps: 1}, "invalid lr"},
		{net, inputs, labels, Training{Optimizer: "adam", Steps: -1}, "invalid number of steps -1"},
	}
	for _, b := range bad {
		if _, _, err := b.net.Train(b.inputs, b.labels, b.tr); err == nil || !strings.Contains(err.Error(), b.want) {
			t.Errorf("Train: %v, want %q", err, b.want)
		}
	}
}

// TestDirections: every filter of a direction has the norm of the same
// filter of the weights (to the 1e-10 Li et al. add to the divisor), biases
// are untouched, and the two directions differ.
func TestDirections(t *testing.T) {
	net := Net{Sizes: []int{2, 16, 16, 1}}
	w := net.Init(5)
	w[3] = 0 // a filter with one zero weight
	d1, d2 := net.Directions(w, 7)
	for _, ly := range net.Layers() {
		for j := range ly.Out {
			lo, hi := ly.W+j*ly.In, ly.W+(j+1)*ly.In
			var dn, en, wn float64
			for k := lo; k < hi; k++ {
				dn += d1[k] * d1[k]
				en += d2[k] * d2[k]
				wn += w[k] * w[k]
			}
			// Li et al.'s normalisation divides by |d| + 1e-10.
			if math.Abs(math.Sqrt(dn)-math.Sqrt(wn)) > 1e-9 || math.Abs(math.Sqrt(en)-math.Sqrt(wn)) > 1e-9 {
				t.Errorf("filter %d of a layer: norms %v, %v, want %v", j, math.Sqrt(dn), math.Sqrt(en), math.Sqrt(wn))
			}
			if d1[ly.B+j] != 0 || d2[ly.B+j] != 0 {
				t.Errorf("bias %d moves along a direction", j)
			}
		}
	}
	var dot, n1, n2 float64
	for k := range d1 {
		dot += d1[k] * d2[k]
		n1 += d1[k] * d1[k]
		n2 += d2[k] * d2[k]
	}
	if c := dot / math.Sqrt(n1*n2); math.Abs(c) > 0.5 {
		t.Errorf("the directions are nearly parallel: cosine %v", c)
	}
	e1, _ := net.Directions(w, 7)
	for k := range d1 {
		if e1[k] != d1[k] {
			t.Fatalf("the same seed gave another direction")
		}
	}
}

func TestMoons(t *testing.T) {
	inputs, labels := Moons(11, 0, 1)
	if len(inputs) != 11 || len(labels) != 11 {
		t.Fatalf("%d points, %d labels", len(inputs), len(labels))
	}
	ones := 0
	for i, p := range inputs {
		ones += int(labels[i])
		// Without noise the points lie on their unit circles.
		cx, cy := 0.0, 0.0
		if labels[i] == 1 {
			cx, cy = 1, 0.5
		}
		if r := math.Hypot(p[0]-cx, p[1]-cy); math.Abs(r-1) > 1e-15 {
			t.Errorf("point %d %v is %v from its moon's centre", i, p, r)
		}
	}
	if ones != 6 {
		t.Errorf("%d points of label 1, want 6 (the odd one goes to the lower moon)", ones)
	}
	a, _ := Moons(20, 0.2, 3)
	b, _ := Moons(20, 0.2, 3)
	c, _ := Moons(20, 0.2, 4)
	if a[7][1] != b[7][1] || a[7][1] == c[7][1] {
		t.Errorf("the seed does not decide the noise")
	}
	var buf bytes.Buffer
	if err := WriteCSV(&buf, [][]float64{{0.1, -2}, {1e-20, 3}}, []float64{0, 1}); err != nil {
		t.Fatal(err)
	}
	if got := buf.String(); got != "x1,x2,label\n0.1,-2,0\n1e-20,3,1\n" {
		t.Errorf("CSV %q", got)
	}
}

// BenchmarkTrain is the time it takes to train the mlp-slice network (a
// 2-16-16-1 MLP, 100 points, 2000 full-batch Adam steps): the reason its
// weights ship in assets/models rather than being trained at start-up.
func BenchmarkTrain(b *testing.B) {
	inputs, labels := Moons(100, 0.2, 1)
	net := Net{Sizes: []int{2, 16, 16, 1}}
	for b.Loop() {
		if _, _, err := net.Train(inputs, labels, Training{Optimizer: "adam:lr=0.01", Steps: 2000, Lambda: 1e-3, Seed: 1}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLoss is one full-batch loss of the mlp-slice network, with and
// without its gradient.
func BenchmarkLoss(b *testing.B) {
	inputs, labels := Moons(100, 0.2, 1)
	net := Net{Sizes: []int{2, 16, 16, 1}}
	w := net.Init(1)
	grad := make([]float64, len(w))
	b.Run("value", func(b *testing.B) {
		for b.Loop() {
			net.Loss(w, inputs, labels, nil, 1e-3, nil)
		}
	})
	b.Run("gradient", func(b *testing.B) {
		for b.Loop() {
			clear(grad)
			net.Loss(w, inputs, labels, nil, 1e-3, grad)
		}
	})
}

// fdHessVec approximates H·v by gonum's central difference of the exact
// gradient along v: the derivative at t = 0 of t -> grad(w + t*v).
func fdHessVec(net Net, w []float64, inputs [][]float64, labels []float64, idx []int, lambda float64, v []float64) []float64 {
	q := make([]float64, len(w))
	out := make([]float64, len(w))
	for k := range w {
		// One coordinate of the gradient at a time keeps fd.Derivative's
		// interface; the whole gradient is recomputed at each step.
		out[k] = fd.Derivative(func(t float64) float64 {
			for j := range w {
				q[j] = w[j] + t*v[j]
			}
			g := make([]float64, len(w))
			net.Loss(q, inputs, labels, idx, lambda, g)
			return g[k]
		}, 0, &fd.Settings{Formula: fd.Central})
	}
	return out
}

// TestHessVec checks the R-operator's Hessian-vector products against
// gonum's central differences of back-propagation's gradient along the
// direction, for several shapes, batches and L2 terms, and that the
// Hessian they stand for is symmetric: u·(H v) = v·(H u).
func TestHessVec(t *testing.T) {
	inputs, labels := Moons(30, 0.2, 4)
	cases := []struct {
		name   string
		sizes  []int
		idx    []int
		lambda float64
	}{
		{"2-16-16-1", []int{2, 16, 16, 1}, nil, 1e-3},
		{"2-3-1, no penalty", []int{2, 3, 1}, nil, 0},
		{"logistic regression 2-1", []int{2, 1}, nil, 0.1},
		{"2-5-4-3-1 on a batch", []int{2, 5, 4, 3, 1}, []int{3, 3, 17, 0, 29}, 1e-2},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			net := Net{Sizes: c.sizes}
			rng := rand.New(rand.NewPCG(11, uint64(len(c.sizes))))
			w := net.Init(rng.Uint64())
			for k := range w {
				w[k] *= 3 // away from the near-linear start
			}
			u, v := make([]float64, len(w)), make([]float64, len(w))
			for k := range w {
				u[k], v[k] = rng.NormFloat64(), rng.NormFloat64()
			}
			hu, hv := make([]float64, len(w)), make([]float64, len(w))
			ws := net.NewWorkspace(2)
			net.HessVec(w, inputs, labels, c.idx, c.lambda, [][]float64{u, v}, [][]float64{hu, hv}, ws)
			worst := 0.0
			for _, pair := range [][2][]float64{{u, hu}, {v, hv}} {
				num := fdHessVec(net, w, inputs, labels, c.idx, c.lambda, pair[0])
				scale := 0.0
				for _, x := range num {
					scale = math.Max(scale, math.Abs(x))
				}
				for k := range num {
					d := math.Abs(pair[1][k]-num[k]) / scale
					worst = math.Max(worst, d)
					if !(d <= 1e-6) {
						t.Errorf("(H v)[%d]: R-operator %v, finite differences %v (relative %.3g)", k, pair[1][k], num[k], d)
					}
				}
			}
			t.Logf("worst relative difference %.3g", worst)
			var uhv, vhu, norm float64
			for k := range w {
				uhv += u[k] * hv[k]
				vhu += v[k] * hu[k]
				norm += math.Abs(u[k] * hv[k])
			}
			if math.Abs(uhv-vhu) > 1e-12*norm {
				t.Errorf("u·Hv = %v but v·Hu = %v", uhv, vhu)
			}
			// One direction at a time, with a fresh workspace, gives the
			// same products bit for bit.
			again := make([]float64, len(w))
			net.HessVec(w, inputs, labels, c.idx, c.lambda, [][]float64{v}, [][]float64{again}, nil)
			for k := range again {
				if again[k] != hv[k] {
					t.Fatalf("(H v)[%d] = %v alone, %v beside another direction", k, again[k], hv[k])
				}
			}
		})
	}
}

// TestHessVecLogisticByHand: for the network without hidden layers, a
// logistic regression, H = mean sigmoid'(z) [x;1][x;1]^T + lambda I.
func TestHessVecLogisticByHand(t *testing.T) {
	net := Net{Sizes: []int{2, 1}}
	w := []float64{0.5, -1, 0.25}
	inputs := [][]float64{{1, 2}, {-1, 0.5}, {40, 3}}
	labels := []float64{1, 0, 1}
	const lambda = 0.1
	var want [3][3]float64
	for _, in := range inputs {
		z := w[0]*in[0] + w[1]*in[1] + w[2]
		// sigmoid'(z) = exp(-z)/(1+exp(-z))^2 (no p*(1-p): at z = 17.25,
		// the third point's, 1-p loses nine digits).
		e := math.Exp(-z)
		sp := e / ((1 + e) * (1 + e))
		x := [3]float64{in[0], in[1], 1}
		for a := range 3 {
			for b := range 3 {
				want[a][b] += sp * x[a] * x[b] / 3
			}
		}
	}
	for a := range 3 {
		want[a][a] += lambda
	}
	for a := range 3 {
		e := make([]float64, 3)
		e[a] = 1
		col := make([]float64, 3)
		net.HessVec(w, inputs, labels, nil, lambda, [][]float64{e}, [][]float64{col}, nil)
		for b := range 3 {
			if math.Abs(col[b]-want[b][a]) > 1e-14*math.Abs(want[b][a]) {
				t.Errorf("H[%d][%d] = %v, want %v", b, a, col[b], want[b][a])
			}
		}
	}
}

// TestHessVecPanics: mismatched lengths are a programming error.
func TestHessVecPanics(t *testing.T) {
	net := Net{Sizes: []int{2, 3, 1}}
	w := make([]float64, net.NumParams())
	inputs, labels := Moons(4, 0, 1)
	for _, c := range []struct {
		w     []float64
		v, hv [][]float64
		want  string
	}{
		{w, [][]float64{w}, nil, "1 directions but 0 products"},
		{w[:3], [][]float64{w}, [][]float64{w}, "3 weights for a network of 13 parameters"},
		{w, [][]float64{w[:2]}, [][]float64{make([]float64, len(w))}, "direction 0 has 2 numbers"},
	} {
		func() {
			defer func() {
				r := recover()
				if s, ok := r.(string); !ok || !strings.Contains(s, c.want) || !strings.HasPrefix(s, "mlp: ") {
					t.Errorf("panic %v, want %q", r, c.want)
				}
			}()
			net.HessVec(c.w, inputs, labels, nil, 0, c.v, c.hv, nil)
		}()
	}
}

// BenchmarkHessVec is the two Hessian-vector products of one mlp-slice
// Hessian (the 2-16-16-1 network on 100 points), and one alone.
func BenchmarkHessVec(b *testing.B) {
	inputs, labels := Moons(100, 0.2, 1)
	net := Net{Sizes: []int{2, 16, 16, 1}}
	w := net.Init(1)
	d1, d2 := net.Directions(w, 2)
	h1, h2 := make([]float64, len(w)), make([]float64, len(w))
	ws := net.NewWorkspace(2)
	b.Run("two", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			net.HessVec(w, inputs, labels, nil, 1e-3, [][]float64{d1, d2}, [][]float64{h1, h2}, ws)
		}
	})
	b.Run("one", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			net.HessVec(w, inputs, labels, nil, 1e-3, [][]float64{d1}, [][]float64{h1}, ws)
		}
	})
}
