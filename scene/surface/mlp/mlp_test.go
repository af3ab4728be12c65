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
