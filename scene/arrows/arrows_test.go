package arrows

import (
	"math"
	"testing"

	"descent/optim"
	"descent/scene/stability"
	"descent/scene/surface"
)

func TestNice(t *testing.T) {
	for _, c := range []struct {
		r    float64
		k    float64
		text string
	}{
		{1, 1, "1"},
		{1.999, 1, "1"},
		{2, 2, "2"},
		{4.99, 2, "2"},
		{5, 5, "5"},
		{9.99, 5, "5"},
		{10, 10, "10"},
		{25, 20, "20"},
		{0.5, 0.5, "0.5"},
		{0.49, 0.2, "0.2"},
		{0.1, 0.1, "0.1"},
		{0.0999, 0.05, "0.05"},
		{0.003, 0.002, "0.002"},
		{0.0001, 0.0001, "0.0001"},
		{0.00009, 5e-5, "5e-05"},
		{999999, 500000, "500000"},
		{1e6, 1e6, "1e+06"},
		{3e8, 2e8, "2e+08"},
		{1e-300, 1e-300, "1e-300"},
		{0, 1, "1"},
		{-3, 1, "1"},
		{math.NaN(), 1, "1"},
		{math.Inf(1), 1, "1"},
	} {
		k, text := Nice(c.r)
		if k != c.k || text != c.text {
			t.Errorf("Nice(%g) = %g, %q; want %g, %q", c.r, k, text, c.k, c.text)
		}
		if c.r > 0 && !math.IsInf(c.r, 0) && k > c.r {
			t.Errorf("Nice(%g) = %g is above it", c.r, k)
		}
	}
}

func TestScale(t *testing.T) {
	pixels := func(v []float64) float64 { return math.Hypot(100*v[0], 50*v[1]) } // anisotropic
	for _, c := range []struct {
		name   string
		steps  []Step
		maxLen float64
		length Length
		k      float64
		label  string
	}{
		{"no steps", nil, 100, nil, 1, "arrows ×1"},
		{"zero vectors", []Step{{From: []float64{0, 0}, Update: []float64{0, 0}}}, 100, nil, 1, "arrows ×1"},
		{"update alone", []Step{{From: []float64{0, 0}, Update: []float64{3, 4}}}, 100, nil, 20, "arrows ×20"},
		{"exact fit", []Step{{From: []float64{0, 0}, Update: []float64{3, 4}}}, 50, nil, 10, "arrows ×10"},
		{"gradient longest", []Step{{From: []float64{0, 0}, Gradient: []float64{0, -40}, Update: []float64{0, 1}}}, 20, nil, 0.5, "arrows ×0.5"},
		{"velocity longest", []Step{{From: []float64{1}, Gradient: []float64{0.1}, Velocity: []float64{-0.3}, Update: []float64{0.2}}}, 1, nil, 2, "arrows ×2"},
		{"box diagonal", []Step{{From: []float64{0, 0}, Update: []float64{0.01, 0}, Box: []float64{0.3, 0.4}}}, 1, nil, 2, "arrows ×2"},
		{"longest of two runs", []Step{
			{From: []float64{0, 0}, Update: []float64{0.001, 0}},
			{From: []float64{0, 0}, Update: []float64{0, 0.004}},
		}, 100, nil, 20000, "arrows ×20000"},
		{"non-finite left out", []Step{
			{From: []float64{0, 0}, Update: []float64{math.NaN(), 0}},
			{From: []float64{0, 0}, Update: []float64{0.3, 0}},
		}, 1, nil, 2, "arrows ×2"},
		{"length in pixels", []Step{{From: []float64{0, 0}, Update: []float64{0.01, 0.01}}}, 30, pixels, 20, "arrows ×20"},
		{"tiny", []Step{{From: []float64{0}, Update: []float64{1e-9}}}, 200, nil, 2e11, "arrows ×2e+11"},
		{"no room", []Step{{From: []float64{0}, Update: []float64{1}}}, 0, nil, 0, ""},
	} {
		k, label := Scale(c.steps, c.maxLen, c.length)
		if k != c.k || label != c.label {
			t.Errorf("%s: Scale = %g, %q; want %g, %q", c.name, k, label, c.k, c.label)
		}
	}
}

// TestScaleBound: whatever the vectors, k times the longest is within maxLen
// and the next 1-2-5 number up would not be.
func TestScaleBound(t *testing.T) {
	for _, l := range []float64{1e-7, 3e-3, 0.07, 0.1, 0.2, 0.3, 1, 1.5, 2.5, 7, 33, 1e4} {
		for _, maxLen := range []float64{1, 10, 37, 100, 150, 0.3} {
			s := []Step{{From: []float64{0, 0}, Update: []float64{l, 0}}}
			k, _ := Scale(s, maxLen, nil)
			if k*l > maxLen {
				t.Errorf("l %g maxLen %g: k %g draws %g", l, maxLen, k, k*l)
			}
			// The next 1-2-5 number up (1 to 2, 2 to 5, 5 to 10) would not fit.
			if up, _ := Nice(k * 2.6); up*l <= maxLen {
				t.Errorf("l %g maxLen %g: k %g leaves room for %g", l, maxLen, k, up)
			}
		}
	}
}

// explain steps an optimizer n times on f(x, y) = x² + 4y² from (1, 2) and
// explains the next step.
func explain(t *testing.T, spec string, n int) ([]float64, optim.Explanation) {
	t.Helper()
	s, err := optim.ParseSpec(spec)
	if err != nil {
		t.Fatal(err)
	}
	o, err := optim.New(s)
	if err != nil {
		t.Fatal(err)
	}
	x := []float64{1, 2}
	grad := func(x []float64) []float64 { return []float64{2 * x[0], 8 * x[1]} }
	for range n {
		o.Step(x, grad(x))
	}
	return x, optim.Explain(o, x, grad(x))
}

func TestFromExplanation(t *testing.T) {
	for _, c := range []struct {
		spec     string
		steps    int
		velocity bool
		box      string // "", "scaled" (eff*|g|) or "sign" (eff)
	}{
		{"sgd:lr=0.1", 3, false, ""},
		{"sgd:lr=0.1,momentum=0.9", 3, true, ""},
		{"sgd:lr=0.1,momentum=0.9,nesterov=true", 3, true, ""},
		{"sgd:lr=0.1,weight_decay=0.1", 3, false, ""},
		{"adagrad:lr=0.1", 3, false, "scaled"},
		{"adadelta:lr=1", 3, false, "scaled"},
		{"rmsprop:lr=0.01", 3, false, "scaled"},
		{"rmsprop:lr=0.01,momentum=0.5", 3, true, "scaled"},
		{"adam:lr=0.1", 0, true, "scaled"},
		{"adam:lr=0.1", 3, true, "scaled"},
		{"adamw:lr=0.1", 3, true, "scaled"},
		{"adamax:lr=0.1", 3, true, "scaled"},
		{"nadam:lr=0.1", 3, true, "scaled"},
		{"radam:lr=0.1", 1, true, ""}, // not rectified yet: plain lr
		{"radam:lr=0.1", 8, true, "scaled"},
		{"rprop:lr=0.1", 0, false, ""}, // first step: every step size is lr
		{"rprop:lr=0.1", 3, false, "sign"},
	} {
		from, e := explain(t, c.spec, c.steps)
		s := FromExplanation(from, e)
		name := c.spec
		if &s.From[0] == &from[0] || s.From[0] != from[0] || s.From[1] != from[1] {
			t.Errorf("%s: From %v not a copy of %v", name, s.From, from)
		}
		for i := range 2 {
			if want := -e.LR * e.Gradient[i]; s.Gradient[i] != want {
				t.Errorf("%s: Gradient[%d] = %g, want %g", name, i, s.Gradient[i], want)
			}
			if s.Update[i] != e.Update[i] {
				t.Errorf("%s: Update[%d] = %g, want %g", name, i, s.Update[i], e.Update[i])
			}
		}
		if (s.Velocity != nil) != c.velocity {
			t.Errorf("%s: Velocity %v, want one: %v", name, s.Velocity, c.velocity)
		} else if c.velocity {
			for i := range 2 {
				if want := -e.LR * e.Velocity[i]; s.Velocity[i] != want {
					t.Errorf("%s: Velocity[%d] = %g, want %g", name, i, s.Velocity[i], want)
				}
			}
		}
		switch c.box {
		case "":
			if s.Box != nil {
				t.Errorf("%s: Box %v, want none (effective step %v, lr %g)", name, s.Box, e.EffectiveStep, e.LR)
			}
		case "scaled", "sign":
			if len(s.Box) != 2 {
				t.Errorf("%s: Box %v, want 2 half-widths", name, s.Box)
				continue
			}
			for i := range 2 {
				want := e.EffectiveStep[i] * math.Abs(e.Gradient[i])
				if c.box == "sign" {
					want = e.EffectiveStep[i]
				}
				if math.Abs(s.Box[i]-want) > 1e-15*want {
					t.Errorf("%s: Box[%d] = %g, want %g", name, i, s.Box[i], want)
				}
			}
		}
		if !s.Finite() {
			t.Errorf("%s: not finite: %+v", name, s)
		}
	}
}

// TestFromExplanationUpdateIsSGDStep: for plain SGD the update is the
// gradient arrow (to rounding), and with heavy-ball momentum the velocity
// arrow.
func TestFromExplanationUpdateIsSGDStep(t *testing.T) {
	for _, c := range []struct {
		spec   string
		target func(Step) []float64
	}{
		{"sgd:lr=0.05", func(s Step) []float64 { return s.Gradient }},
		{"sgd:lr=0.05,momentum=0.9", func(s Step) []float64 { return s.Velocity }},
	} {
		from, e := explain(t, c.spec, 4)
		s := FromExplanation(from, e)
		want := c.target(s)
		for i := range 2 {
			if math.Abs(s.Update[i]-want[i]) > 1e-12 {
				t.Errorf("%s: update %v, want %v", c.spec, s.Update, want)
			}
		}
	}
}

func TestFinite(t *testing.T) {
	for _, c := range []struct {
		name string
		s    Step
		want bool
	}{
		{"empty", Step{}, false},
		{"point", Step{From: []float64{1}}, true},
		{"nan update", Step{From: []float64{1}, Update: []float64{math.NaN()}}, false},
		{"inf box", Step{From: []float64{1}, Box: []float64{math.Inf(1)}}, false},
		{"nan from", Step{From: []float64{math.NaN(), 0}}, false},
	} {
		if got := c.s.Finite(); got != c.want {
			t.Errorf("%s: Finite %v, want %v", c.name, got, c.want)
		}
	}
}

func TestLegendAndGain(t *testing.T) {
	for _, c := range []struct {
		r      stability.Rule
		gain   float64
		legend string
	}{
		{stability.Rule{LR: 0.1}, 2, "unstable for lr 0.1 (lr·λmax > 2)"},
		{stability.Rule{LR: 0.01, Momentum: 0.9}, 3.8, "unstable for lr 0.01, momentum 0.9 (lr·λmax > 3.8)"},
		{stability.Rule{LR: 0.01, Momentum: 0.5, Nesterov: true}, 1.5, "unstable for lr 0.01, Nesterov 0.5 (lr·λmax > 1.5)"},
		{stability.Rule{LR: 0.1, WeightDecay: 0.01}, 2, "unstable for lr 0.1 (lr·(λmax+0.01) > 2)"},
		{stability.Rule{LR: 0.1, Momentum: 1}, 0, "unstable everywhere for lr 0.1, momentum 1"},
	} {
		if g := Gain(c.r); math.Abs(g-c.gain) > 1e-12 {
			t.Errorf("%+v: gain %g, want %g", c.r, g, c.gain)
		}
		if got := (Stability{Rule: c.r}).Legend(); got != c.legend {
			t.Errorf("%+v: legend %q, want %q", c.r, got, c.legend)
		}
	}
}

func TestCurvatureCaches(t *testing.T) {
	rosen, err := surface.Lookup("rosenbrock")
	if err != nil {
		t.Fatal(err)
	}
	bowl, _ := surface.Lookup("bowl")
	var c Curvature
	if c.Ratios(stability.Rule{LR: 1}) != nil {
		t.Error("ratios before sampling")
	}
	d := rosen.Domain
	for _, step := range []struct {
		surf    *surface.Surface
		d       surface.Domain
		n       int
		changed bool
	}{
		{rosen, d, 20, true},
		{rosen, d, 20, false},
		{rosen, d, 21, true},
		{rosen, surface.Domain{XMin: -1, XMax: 1, YMin: 0, YMax: 2}, 21, true},
		{bowl, surface.Domain{XMin: -1, XMax: 1, YMin: 0, YMax: 2}, 21, true},
		{bowl, surface.Domain{XMin: -1, XMax: 1, YMin: 0, YMax: 2}, 21, false},
	} {
		changed, err := c.Sample(step.surf, step.d, step.n, step.n)
		if err != nil || changed != step.changed {
			t.Errorf("%s %v %d: changed %v, %v; want %v", step.surf.Name, step.d, step.n, changed, err, step.changed)
		}
	}
	// The bowl's λmax is 2 everywhere: lr 1.1 unstable, 0.5 stable.
	for _, c2 := range []struct {
		lr, ratio float64
	}{{1.1, 1.1}, {0.5, 0.5}, {1, 1}} {
		r := stability.Rule{LR: c2.lr}
		got := c.Ratios(r)
		if len(got) != 21*21 || !c.Judged(r) {
			t.Fatalf("lr %g: %d ratios, judged %v", c2.lr, len(got), c.Judged(r))
		}
		for _, v := range got {
			if math.Abs(v-c2.ratio) > 1e-12 {
				t.Fatalf("lr %g: ratio %g, want %g", c2.lr, v, c2.ratio)
			}
		}
	}
	if got := c.Ratios(stability.Rule{LR: 1, Momentum: 1.5}); got[0] != MaxRatio {
		t.Errorf("momentum 1.5: ratio %g, want the bound %g", got[0], MaxRatio)
	}
	// Rosenbrock's curvature varies: every ratio is the rule's own, to
	// rounding, for every kind of rule.
	if _, err := c.Sample(rosen, rosen.Domain, 30, 30); err != nil {
		t.Fatal(err)
	}
	for _, r := range []stability.Rule{
		{LR: 0.001}, {LR: 0.001, Momentum: 0.9}, {LR: 0.001, Momentum: 0.9, Nesterov: true},
		{LR: 0.001, Momentum: 0.5, Dampening: 0.5}, {LR: 0.002, WeightDecay: 3}, {LR: 0.002, WeightDecay: -500},
	} {
		got := c.Ratios(r)
		for i, l := range c.Lambda() {
			want := math.Min(r.Ratio(l), MaxRatio)
			if math.Abs(got[i]-want) > 1e-14*want {
				t.Fatalf("%+v: λ %g: ratio %g, want %g", r, l, got[i], want)
			}
		}
	}
	// A surface without a Hessian: an error, and no ratios.
	flat := &surface.Surface{Name: "no-hessian", Dim: 2, Domain: d, Eval: func(x, y float64) float64 { return 0 }}
	if _, err := c.Sample(flat, d, 4, 4); err == nil {
		t.Error("no error for a surface without a Hessian")
	}
	if c.Ratios(stability.Rule{LR: 1}) != nil || c.Lambda() != nil {
		t.Error("ratios for a surface without a Hessian")
	}
}
