package optim

import (
	"fmt"
	"math"
	"math/big"
	"math/rand/v2"
	"strings"
	"testing"
)

func mustNew(t testing.TB, spec string) Optimizer {
	t.Helper()
	s, err := ParseSpec(spec)
	if err != nil {
		t.Fatal(err)
	}
	o, err := New(s)
	if err != nil {
		t.Fatal(err)
	}
	return o
}

func near(got, want float64) bool {
	return math.Abs(got-want) <= 1e-12*math.Max(1, math.Abs(want))
}

// TestHandSteps runs two steps of each method on the quadratic
// f(x, y) = (x^2 + y^2)/2, whose gradient is (x, y), from (1, -2), and
// compares with the update rules written out by hand for one coordinate.
func TestHandSteps(t *testing.T) {
	const eps8 = 1e-8
	// mu is NAdam's momentum schedule for step k with the default decay.
	mu := func(k float64) float64 { return 0.9 * (1 - 0.5*math.Pow(0.96, k*0.004)) }
	tests := []struct {
		spec string
		// steps returns x after step 1 and step 2 for one coordinate x0.
		steps func(x0 float64) (x1, x2 float64)
	}{
		{"sgd:lr=0.1", func(x0 float64) (float64, float64) { return 0.9 * x0, 0.81 * x0 }},
		{"gd:lr=0.1,momentum=0.9", func(x0 float64) (float64, float64) {
			// buf1 = g1 (no dampening at first), buf2 = 0.9*buf1 + g2
			return 0.9 * x0, 0.9*x0 - 0.1*(0.9*x0+0.9*x0)
		}},
		{"sgd:lr=0.1,momentum=0.9,dampening=0.5", func(x0 float64) (float64, float64) {
			return 0.9 * x0, 0.9*x0 - 0.1*(0.9*x0+0.5*0.9*x0)
		}},
		{"nesterov:lr=0.1", func(x0 float64) (float64, float64) { return 0.81 * x0, 0.5751 * x0 }},
		{"sgd:lr=0.1,weight_decay=0.1", func(x0 float64) (float64, float64) { return 0.89 * x0, 0.7921 * x0 }},
		{"sgd:lr=0.1,maximize=true", func(x0 float64) (float64, float64) { return 1.1 * x0, 1.21 * x0 }},
		{"adagrad:lr=0.1", func(x0 float64) (float64, float64) {
			x1 := x0 - 0.1*x0/(math.Abs(x0)+1e-10)
			return x1, x1 - 0.1*x1/(math.Sqrt(x0*x0+x1*x1)+1e-10)
		}},
		{"adagrad:lr=0.1,lr_decay=1,initial_accumulator_value=1", func(x0 float64) (float64, float64) {
			x1 := x0 - 0.1*x0/(math.Sqrt(1+x0*x0)+1e-10)
			return x1, x1 - 0.05*x1/(math.Sqrt(1+x0*x0+x1*x1)+1e-10)
		}},
		{"adadelta", func(x0 float64) (float64, float64) {
			v1 := 0.1 * x0 * x0
			d1 := math.Sqrt(1e-6) / math.Sqrt(v1+1e-6) * x0
			u1 := 0.1 * d1 * d1
			x1 := x0 - d1
			v2 := 0.9*v1 + 0.1*x1*x1
			d2 := math.Sqrt(u1+1e-6) / math.Sqrt(v2+1e-6) * x1
			return x1, x1 - d2
		}},
		{"rmsprop", func(x0 float64) (float64, float64) {
			v1 := 0.01 * x0 * x0
			x1 := x0 - 0.01*x0/(math.Sqrt(v1)+eps8)
			v2 := 0.99*v1 + 0.01*x1*x1
			return x1, x1 - 0.01*x1/(math.Sqrt(v2)+eps8)
		}},
		{"rmsprop:centered=true,momentum=0.5", func(x0 float64) (float64, float64) {
			v1, m1 := 0.01*x0*x0, 0.01*x0
			b1 := x0 / (math.Sqrt(v1-m1*m1) + eps8)
			x1 := x0 - 0.01*b1
			v2, m2 := 0.99*v1+0.01*x1*x1, 0.99*m1+0.01*x1
			b2 := 0.5*b1 + x1/(math.Sqrt(v2-m2*m2)+eps8)
			return x1, x1 - 0.01*b2
		}},
		{"adam:lr=0.1", func(x0 float64) (float64, float64) {
			m1, v1 := 0.1*x0, 0.001*x0*x0
			x1 := x0 - 0.1/0.1*m1/(math.Sqrt(v1)/math.Sqrt(0.001)+eps8)
			m2, v2 := 0.9*m1+0.1*x1, 0.999*v1+0.001*x1*x1
			return x1, x1 - 0.1/0.19*m2/(math.Sqrt(v2)/math.Sqrt(1-0.999*0.999)+eps8)
		}},
		{"adam:lr=0.1,weight_decay=0.1", func(x0 float64) (float64, float64) {
			g1 := 1.1 * x0
			m1, v1 := 0.1*g1, 0.001*g1*g1
			x1 := x0 - 0.1/0.1*m1/(math.Sqrt(v1)/math.Sqrt(0.001)+eps8)
			g2 := 1.1 * x1
			m2, v2 := 0.9*m1+0.1*g2, 0.999*v1+0.001*g2*g2
			return x1, x1 - 0.1/0.19*m2/(math.Sqrt(v2)/math.Sqrt(1-0.999*0.999)+eps8)
		}},
		{"adamw:lr=0.1", func(x0 float64) (float64, float64) {
			// the gradient is taken before the decay shrinks x by 1 - 0.1*0.01
			m1, v1 := 0.1*x0, 0.001*x0*x0
			x1 := 0.999*x0 - 0.1/0.1*m1/(math.Sqrt(v1)/math.Sqrt(0.001)+eps8)
			m2, v2 := 0.9*m1+0.1*x1, 0.999*v1+0.001*x1*x1
			return x1, 0.999*x1 - 0.1/0.19*m2/(math.Sqrt(v2)/math.Sqrt(1-0.999*0.999)+eps8)
		}},
		{"adamax:lr=0.1", func(x0 float64) (float64, float64) {
			m1, u1 := 0.1*x0, math.Abs(x0)+eps8
			x1 := x0 - 0.1/0.1*m1/u1
			m2, u2 := 0.9*m1+0.1*x1, math.Max(0.999*u1, math.Abs(x1)+eps8)
			return x1, x1 - 0.1/0.19*m2/u2
		}},
		{"nadam:lr=0.1", func(x0 float64) (float64, float64) {
			m1, v1 := 0.1*x0, 0.001*x0*x0
			d1 := math.Sqrt(v1/0.001) + eps8
			x1 := x0 - 0.1*(1-mu(1))/(1-mu(1))*x0/d1 - 0.1*mu(2)/(1-mu(1)*mu(2))*m1/d1
			m2, v2 := 0.9*m1+0.1*x1, 0.999*v1+0.001*x1*x1
			d2 := math.Sqrt(v2/(1-0.999*0.999)) + eps8
			p2 := mu(1) * mu(2)
			return x1, x1 - 0.1*(1-mu(2))/(1-p2)*x1/d2 - 0.1*mu(3)/(1-p2*mu(3))*m2/d2
		}},
		{"radam:lr=0.1", func(x0 float64) (float64, float64) {
			// rho_1 = 1 and rho_2 < 2: both steps are unrectified momentum steps.
			x1 := x0 - 0.1*(0.1*x0)/0.1
			return x1, x1 - 0.1*(0.09*x0+0.1*x1)/0.19
		}},
		{"rprop:lr=0.1", func(x0 float64) (float64, float64) {
			s := math.Copysign(1, x0)
			return x0 - 0.1*s, x0 - 0.1*s - 0.12*s
		}},
	}
	for _, tt := range tests {
		t.Run(tt.spec, func(t *testing.T) {
			o := mustNew(t, tt.spec)
			x := []float64{1, -2}
			var want [2][2]float64
			for i, x0 := range x {
				want[0][i], want[1][i] = tt.steps(x0)
			}
			for k := range 2 {
				o.Step(x, []float64{x[0], x[1]})
				for i := range x {
					if !near(x[i], want[k][i]) {
						t.Errorf("step %d, coordinate %d: got %.17g, want %.17g", k+1, i, x[i], want[k][i])
					}
				}
			}
		})
	}
}

// runGrads steps a fresh optimizer from x0 with the given gradients
// (1-D) and returns x after each step.
func runGrads(t *testing.T, spec string, x0 float64, grads ...float64) []float64 {
	t.Helper()
	o := mustNew(t, spec)
	x := []float64{x0}
	var out []float64
	for _, g := range grads {
		o.Step(x, []float64{g})
		out = append(out, x[0])
	}
	return out
}

func TestSequences(t *testing.T) {
	bc2 := 1 - 0.999*0.999
	amsX1 := -0.1 / (1 + 1e-8)
	nan := math.NaN()
	tests := []struct {
		name, spec string
		x0         float64
		grads      []float64
		want       []float64
	}{
		{"rprop grows, then a sign change shrinks the step and skips the move", "rprop:lr=0.1", 1,
			[]float64{1, 1, -1, 1, 1}, []float64{0.9, 0.78, 0.78, 0.72, 0.648}},
		{"rprop step_max clamps", "rprop:lr=0.1,step_max=0.11", 1,
			[]float64{1, 1, -1, 1, 1}, []float64{0.9, 0.79, 0.79, 0.735, 0.669}},
		{"rprop step_min clamps", "rprop:lr=0.1,step_min=0.08", 1,
			[]float64{1, 1, -1, 1, 1}, []float64{0.9, 0.78, 0.78, 0.70, 0.604}},
		{"rprop: a product that underflows to 0 keeps the step", "rprop:lr=0.1", 1,
			[]float64{1e-200, 1e-200}, []float64{0.9, 0.8}},
		{"rprop: a NaN gradient does not move (torch.sign(NaN) is 0)", "rprop:lr=0.1", 1,
			[]float64{1, nan, 1}, []float64{0.9, 0.9, 0.8}},
		{"rprop maximize", "rprop:lr=0.1,maximize=true", 1,
			[]float64{-1, -1}, []float64{0.9, 0.78}},
		{"amsgrad keeps the larger squared-gradient average", "adam:lr=0.1,amsgrad=true", 0,
			[]float64{1, 0.01}, []float64{amsX1, amsX1 - 0.1/0.19*0.091/(math.Sqrt(0.001)/math.Sqrt(bc2)+1e-8)}},
		{"without amsgrad the smaller average is used", "adam:lr=0.1", 0,
			[]float64{1, 0.01}, []float64{amsX1, amsX1 - 0.1/0.19*0.091/(math.Sqrt(0.0009991)/math.Sqrt(bc2)+1e-8)}},
		{"sgd with lr=0 never moves", "sgd:lr=0,momentum=0.9", 3,
			[]float64{1, 2, 3}, []float64{3, 3, 3}},
	}
	for _, tt := range tests {
		got := runGrads(t, tt.spec, tt.x0, tt.grads...)
		for k := range got {
			if !near(got[k], tt.want[k]) {
				t.Errorf("%s: step %d: got %.17g, want %.17g", tt.name, k+1, got[k], tt.want[k])
			}
		}
	}
}

// TestRAdamRectification checks RAdam's switch: with a constant gradient 1
// the bias-corrected averages are 1, so steps 1-5 (rho_t <= 5) move by lr and
// later steps by lr*rect(t)*sqrt(bc2)/(sqrt(bc2)+eps): torch adds eps to the
// root of the uncorrected average bc2 = 1 - beta2^t.
func TestRAdamRectification(t *testing.T) {
	const lr, b2 = 0.01, 0.999
	rhoInf := 2/(1-b2) - 1
	x := []float64{0}
	o := mustNew(t, "radam:lr=0.01")
	prev := 0.0
	for k := 1; k <= 10; k++ {
		o.Step(x, []float64{1})
		step := prev - x[0]
		prev = x[0]
		bt := math.Pow(b2, float64(k))
		rho := rhoInf - 2*float64(k)*bt/(1-bt)
		want := lr
		if rho > 5 {
			want = lr * math.Sqrt(1-bt) / (math.Sqrt(1-bt) + 1e-8) * math.Sqrt((rho-4)*(rho-2)*rhoInf/((rhoInf-4)*(rhoInf-2)*rho))
		}
		if (k <= 5) != (rho <= 5) {
			t.Fatalf("step %d: rho_t = %g; the switch should come after step 5", k, rho)
		}
		if math.Abs(step-want) > 1e-12 {
			t.Errorf("step %d: moved %.17g, want %.17g (rho_t %g)", k, step, want, rho)
		}
	}
}

// TestNAdamMuProductNext checks today's torch (2.0 and later): the second
// coefficient uses mu_product_next = mu_1*...*mu_t * mu_{t+1}, not torch
// 1.13's mu_1*...*mu_t * mu_t * mu_{t+1}.
func TestNAdamMuProductNext(t *testing.T) {
	mu := func(k float64) float64 { return 0.9 * (1 - 0.5*math.Pow(0.96, k*0.004)) }
	m1, v1 := 0.1, 0.001
	d1 := math.Sqrt(v1/0.001) + 1e-8
	want := 1 - 0.2*1/d1 - 0.2*mu(2)/(1-mu(1)*mu(2))*m1/d1
	legacy := 1 - 0.2*1/d1 - 0.2*mu(2)/(1-mu(1)*mu(1)*mu(2))*m1/d1
	got := runGrads(t, "nadam:lr=0.2", 1, 1)[0]
	if !near(got, want) {
		t.Errorf("NAdam step 1: got %.17g, want %.17g (torch 1.13 gave %.17g)", got, want, legacy)
	}
	o := &NAdam{LR: 0.2, Beta1: 0.9, Beta2: 0.999, Eps: 1e-8, MomentumDecay: 0.004, LegacyMuProduct: true}
	x := []float64{1}
	o.Step(x, []float64{1})
	if !near(x[0], legacy) || near(legacy, want) {
		t.Errorf("legacy NAdam step 1: got %.17g, want %.17g", x[0], legacy)
	}
}

// variants are specs that switch on every branch of every method.
var variants = []string{
	"sgd:lr=0.1", "momentum:lr=0.1,dampening=0.3,weight_decay=0.1", "nesterov:lr=0.1,maximize=true",
	"adagrad:lr=0.1,lr_decay=0.1,weight_decay=0.1,initial_accumulator_value=0.5",
	"adadelta:weight_decay=0.1", "rmsprop:lr=0.1", "rmsprop:lr=0.1,centered=true,momentum=0.5,weight_decay=0.1",
	"adam:lr=0.1", "adam:lr=0.1,amsgrad=true,weight_decay=0.1", "adam:lr=0.1,decoupled_weight_decay=true,weight_decay=0.1",
	"adamw:lr=0.1,amsgrad=true", "adamax:lr=0.1,weight_decay=0.1",
	"nadam:lr=0.1", "nadam:lr=0.1,weight_decay=0.1,decoupled_weight_decay=true", "nadam:lr=0.1,weight_decay=0.1",
	"radam:lr=0.1", "radam:lr=0.1,weight_decay=0.1,decoupled_weight_decay=true", "radam:lr=0.1,weight_decay=0.1",
	"rprop:lr=0.1",
}

// trajectory runs n steps on Matyas's function from (8, -6), where every
// variant converges without diverging.
func trajectory(o Optimizer, n int) [][2]float64 {
	x, g := []float64{8, -6}, make([]float64, 2)
	matyas := goldenSurfaces["matyas"]
	var out [][2]float64
	for range n {
		matyas(x, g)
		o.Step(x, g)
		out = append(out, [2]float64{x[0], x[1]})
	}
	return out
}

// TestReset checks that Reset returns an optimizer to its freshly built
// state: the same steps follow, bit for bit, and it may then take a vector
// of another length.
func TestReset(t *testing.T) {
	for _, spec := range variants {
		o := mustNew(t, spec)
		first := trajectory(o, 20)
		o.Reset()
		again := trajectory(o, 20)
		fresh := trajectory(mustNew(t, spec), 20)
		for k := range first {
			if first[k] != again[k] || first[k] != fresh[k] {
				t.Errorf("%s: step %d: after Reset %v, first run %v, fresh %v", spec, k, again[k], first[k], fresh[k])
				break
			}
		}
		if first[0] == [2]float64{8, -6} || first[19] == first[18] || math.IsNaN(first[19][0]) {
			t.Errorf("%s: the trajectory does not move: %v", spec, first[:3])
		}
		// After a Reset the state may be sized for another length.
		o.Reset()
		x := []float64{1, 2, 3}
		o.Step(x, []float64{1, -1, 0.5})
		if x[0] == 1 || x[1] == 2 {
			t.Errorf("%s: 3-D step after Reset did not move: %v", spec, x)
		}
		// A 1-D run compared to one coordinate of a 2-D run: the
		// coordinates are independent (no weight coupling in torch.optim).
		one, two := mustNew(t, spec), mustNew(t, spec)
		x1, x2 := []float64{0.7}, []float64{0.7, -3}
		for range 10 {
			one.Step(x1, []float64{x1[0] * 3})
			two.Step(x2, []float64{x2[0] * 3, x2[1]})
		}
		if x1[0] != x2[0] {
			t.Errorf("%s: 1-D run %v differs from the same coordinate in 2-D %v", spec, x1[0], x2[0])
		}
	}
}

// TestMaximizeNegatesGradient checks maximize=true with gradient g moves
// exactly as maximize=false with -g, for every method.
func TestMaximizeNegatesGradient(t *testing.T) {
	for _, m := range Methods() {
		lr := "0.1"
		a, b := mustNew(t, m.Name+":lr="+lr), mustNew(t, m.Name+":lr="+lr+",maximize=true")
		xa, xb := []float64{1, -2}, []float64{1, -2}
		for k := range 10 {
			g := []float64{math.Sin(float64(k)), math.Cos(float64(k))}
			a.Step(xa, []float64{-g[0], -g[1]})
			b.Step(xb, g)
		}
		if xa[0] != xb[0] || xa[1] != xb[1] {
			t.Errorf("%s: maximize with g reached %v, minimize with -g %v", m.Name, xb, xa)
		}
	}
}

func TestAdamDecoupledIsAdamW(t *testing.T) {
	a := trajectory(mustNew(t, "adam:lr=0.05,weight_decay=0.01,decoupled_weight_decay=true"), 50)
	w := trajectory(mustNew(t, "adamw:lr=0.05"), 50)
	plain := trajectory(mustNew(t, "adam:lr=0.05,weight_decay=0.01"), 50)
	for k := range a {
		if a[k] != w[k] {
			t.Fatalf("step %d: adam decoupled %v, adamw %v", k, a[k], w[k])
		}
	}
	if plain[49] == w[49] {
		t.Error("coupled and decoupled weight decay gave the same trajectory")
	}
}

// TestHugeLearningRate runs every method at lr=1e6 for 500 steps on several
// surfaces, and feeds NaN and infinite gradients: values may become Inf or
// NaN, but nothing panics.
func TestHugeLearningRate(t *testing.T) {
	surfaces := map[string]func(p, g []float64) float64{
		"rosenbrock": goldenSurfaces["rosenbrock"],
		"bowl":       goldenSurfaces["bowl"],
		"himmelblau": goldenSurfaces["himmelblau"],
		"saddle":     goldenSurfaces["saddle"],
		"goldstein":  goldenSurfaces["goldstein-price"],
	}
	diverged := 0
	for _, f := range surfaces {
		for _, spec := range variants {
			s, _ := ParseSpec(spec)
			s.Values["lr"] = 1e6
			o, err := New(s)
			if err != nil {
				t.Fatal(err)
			}
			x, g := []float64{0.5, -0.5}, make([]float64, 2)
			for range 500 {
				f(x, g)
				o.Step(x, g)
			}
			if math.IsNaN(x[0]+x[1]) || math.IsInf(x[0]+x[1], 0) {
				diverged++
			}
		}
	}
	if diverged == 0 {
		t.Error("no run at lr=1e6 went non-finite: the test does not reach that path")
	}
	inf := math.Inf(1)
	for _, spec := range variants {
		o := mustNew(t, spec)
		x := []float64{1, 1}
		for _, g := range [][]float64{{math.NaN(), 1}, {inf, -inf}, {0, 0}, {1e308, -1e308}, {5e-324, -5e-324}, {1, 1}} {
			o.Step(x, g)
		}
	}
}

func TestStepLengthPanics(t *testing.T) {
	tests := []struct {
		name string
		run  func(o Optimizer)
		want string
	}{
		{"grad shorter than x", func(o Optimizer) { o.Step([]float64{1, 2}, []float64{1}) }, "len(grad) = 1, len(x) = 2"},
		{"x changes length", func(o Optimizer) {
			o.Step([]float64{1, 2}, []float64{1, 1})
			o.Step([]float64{1}, []float64{1})
		}, "len(x) = 1, but the state was sized for 2"},
	}
	for _, tt := range tests {
		for _, m := range Methods() {
			o := mustNew(t, m.Name)
			func() {
				defer func() {
					r := recover()
					if s, ok := r.(string); !ok || !strings.Contains(s, tt.want) {
						t.Errorf("%s, %s: panic %v, want one containing %q", m.Name, tt.name, r, tt.want)
					}
				}()
				tt.run(o)
			}()
		}
	}
}

func TestStepDoesNotAllocate(t *testing.T) {
	for _, spec := range variants {
		o := mustNew(t, spec)
		x, g := []float64{1, 2}, []float64{0.5, -0.5}
		o.Step(x, g)
		if n := testing.AllocsPerRun(100, func() { o.Step(x, g) }); n != 0 {
			t.Errorf("%s: %v allocations per Step", spec, n)
		}
		o.Reset()
		if n := testing.AllocsPerRun(100, func() { o.Reset(); o.Step(x, g) }); n != 0 {
			t.Errorf("%s: %v allocations per Reset and first Step", spec, n)
		}
	}
}

// TestPowInt compares powInt with b^n computed exactly and rounded once.
func TestPowInt(t *testing.T) {
	exact := func(b float64, n int) float64 {
		x := new(big.Float).SetPrec(4096).SetFloat64(b)
		r := new(big.Float).SetPrec(4096).SetFloat64(1)
		for range n {
			r.Mul(r, x)
		}
		f, _ := r.Float64()
		return f
	}
	rng := rand.New(rand.NewPCG(1, 2))
	bases := []float64{0.9, 0.999, 0.99, 0.5, 0.8, 0.95, 0.9999, 0, 1, 0.3}
	for range 40 {
		bases = append(bases, rng.Float64())
	}
	wrong, total := 0, 0
	for _, b := range bases {
		for _, n := range []int{0, 1, 2, 3, 7, 10, 31, 100, 255, 1000, 4097} {
			got, want := powInt(b, n), exact(b, n)
			if want != 0 && (math.Abs(want) < 0x1p-960 || math.Abs(want) > 0x1p960) {
				// Out there powInt hands over to math.Pow (the last bits
				// cannot matter next to 1 - b^n): only closeness counts.
				if math.Abs(got-want) > 1e-12*math.Abs(want) {
					t.Errorf("powInt(%v, %d) = %v, want %v", b, n, got, want)
				}
				continue
			}
			total++
			if got != want {
				wrong++
				if ulps := math.Abs(got-want) / (math.Nextafter(want, 2) - want); ulps > 1 {
					t.Errorf("powInt(%v, %d) = %v, want %v (%.1f ulp)", b, n, got, want, ulps)
				}
			}
		}
	}
	if wrong*1000 > total {
		t.Errorf("powInt misrounded %d of %d cases", wrong, total)
	}
	if powInt(0.5, 10) != 1.0/1024 || powInt(0.9, 1) != 0.9 || powInt(0.9, 0) != 1 {
		t.Error("powInt fails on exact cases")
	}
	if got := powInt(0.5, 2000); got != 0 {
		t.Errorf("powInt(0.5, 2000) = %v, want 0 (underflow)", got)
	}
}

// BenchmarkStep measures one 2-D Step of each method at torch's defaults,
// in runs of 1000 steps (a Reset every 1000 steps, as a restarted run; the
// Adam family's beta^t costs O(log t)). The gradient alternates between
// (0.5, -0.25) and (-0.4, 0.3): a converging run would drift into subnormal
// numbers, whose slow arithmetic measures the CPU rather than the optimizer.
func BenchmarkStep(b *testing.B) {
	grads := [2][]float64{{0.5, -0.25}, {-0.4, 0.3}}
	for _, m := range Methods() {
		b.Run(m.Name, func(b *testing.B) {
			o, err := New(m.Defaults())
			if err != nil {
				b.Fatal(err)
			}
			x := []float64{1, -2}
			o.Step(x, grads[1]) // the first step allocates the state
			b.ReportAllocs()
			b.ResetTimer()
			for i := range b.N {
				if i%1000 == 999 {
					o.Reset()
				}
				o.Step(x, grads[i&1])
			}
		})
	}
}

func ExampleParseSpec() {
	s, err := ParseSpec("momentum:lr=0.01")
	if err != nil {
		fmt.Println(err)
		return
	}
	o, _ := New(s)
	x := []float64{1, 2}
	o.Step(x, []float64{2, 4}) // the gradient of x^2 + y^2 at (1, 2)
	fmt.Println(s, "|", s.Label(), "|", x)
	_, err = ParseSpec("adma:lr=0.1")
	fmt.Println(err)
	// Output:
	// sgd:lr=0.01,momentum=0.9 | SGD lr=0.01 momentum=0.9 | [0.98 1.96]
	// optim: unknown optimizer "adma" (did you mean "adam"?)
}

// TestPowerCache checks the per-step cache of b^t against powInt: stepping t
// by one, after a changed b, after a Reset (t back to 1), and into the tiny
// range where the result underflows.
func TestPowerCache(t *testing.T) {
	for _, b := range []float64{0.9, 0.999, 0.5, 0.99} {
		var p power
		off := 0
		for step := 1; step <= 5000; step++ {
			got, want := p.at(b, step), powInt(b, step)
			if got != want {
				off++
				if math.Abs(got-want) > 1e-15*math.Abs(want) {
					t.Fatalf("b=%v t=%d: cached %v, powInt %v", b, step, got, want)
				}
			}
		}
		if off > 5 {
			t.Errorf("b=%v: cache differs from powInt in the last bit %d times in 5000", b, off)
		}
		if got := p.at(b, 1); got != b {
			t.Errorf("after a reset to t=1: %v, want %v", got, b)
		}
		if got, want := p.at(0.8, 2), powInt(0.8, 2); got != want {
			t.Errorf("after b changed: %v, want %v", got, want)
		}
	}
	var p power
	for step := 1; step <= 12000; step++ {
		p.at(0.9, step)
	}
	if got := p.at(0.9, 12001); got != 0 {
		t.Errorf("0.9^12001 = %v, want 0 (underflow)", got)
	}
}

// TestSettingsChangeMidRun changes every setting of every optimizer between
// steps, as a settings panel does: switching on momentum, AMSGrad or
// centring mid-run starts that buffer then (SGD's from the gradient, as
// torch's momentum_buffer None), and nothing panics.
func TestSettingsChangeMidRun(t *testing.T) {
	for _, m := range Methods() {
		o, err := New(m.Defaults())
		if err != nil {
			t.Fatal(err)
		}
		x := []float64{1, -2}
		for k := range 6 {
			if k == 3 {
				switch o := o.(type) {
				case *SGD:
					o.Momentum, o.Nesterov, o.WeightDecay, o.LR = 0.9, true, 0.1, 0.1
				case *Adagrad:
					o.LRDecay, o.WeightDecay, o.InitialAccumulatorValue = 0.1, 0.1, 5
				case *Adadelta:
					o.Rho, o.WeightDecay = 0.5, 0.1
				case *RMSprop:
					o.Centered, o.Momentum, o.Alpha = true, 0.5, 0.9
				case *Adam:
					o.AMSGrad, o.Decoupled, o.WeightDecay, o.Beta1, o.Beta2 = true, true, 0.1, 0.5, 0.9
				case *Adamax:
					o.Beta1, o.Beta2, o.WeightDecay = 0.5, 0.9, 0.1
				case *NAdam:
					o.Beta1, o.MomentumDecay, o.Decoupled, o.WeightDecay = 0.5, 0.1, true, 0.1
				case *RAdam:
					o.Beta1, o.Beta2, o.Decoupled, o.WeightDecay = 0.5, 0.9, true, 0.1
				case *Rprop:
					o.EtaMinus, o.EtaPlus, o.StepMax = 0.1, 2, 0.05
				default:
					t.Fatalf("%s: untested type %T", m.Name, o)
				}
			}
			o.Step(x, []float64{x[0], x[1]})
			if math.IsNaN(x[0]) || math.IsNaN(x[1]) {
				t.Fatalf("%s: step %d: %v", m.Name, k, x)
			}
		}
	}
	// SGD: momentum switched on at step 2 starts its buffer from that
	// step's gradient, without dampening.
	s := &SGD{LR: 0.1}
	x := []float64{1}
	s.Step(x, []float64{1}) // x = 0.9
	s.Momentum, s.Dampening = 0.5, 0.5
	s.Step(x, []float64{1}) // buf = 1, x = 0.8
	s.Step(x, []float64{1}) // buf = 0.5 + 0.5 = 1, x = 0.7
	if !near(x[0], 0.7) {
		t.Errorf("SGD with momentum switched on mid-run: x = %v, want 0.7", x[0])
	}
}
