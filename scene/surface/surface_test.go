package surface

import (
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"gonum.org/v1/gonum/diff/fd"
)

// randomPoint returns a point drawn uniformly from the domain of s.
func randomPoint(rng *rand.Rand, s *Surface) []float64 {
	d := s.Domain
	x := d.XMin + rng.Float64()*(d.XMax-d.XMin)
	if s.Dim == 1 {
		return []float64{x}
	}
	return []float64{x, d.YMin + rng.Float64()*(d.YMax-d.YMin)}
}

// testSurfaces returns every built-in surface plus a few expression surfaces.
func testSurfaces(t testing.TB) []*Surface {
	all := All()
	for _, src := range []string{"x^2 + 3*y^2 + sin(x*y)", "(x-1)^4 - 3*x^2", "exp(-x^2-y^2) * cos(x)"} {
		s, err := FromExpr(src)
		if err != nil {
			t.Fatalf("FromExpr(%q): %v", src, err)
		}
		all = append(all, s)
	}
	return all
}

func TestGradientMatchesFiniteDifferences(t *testing.T) {
	for _, s := range testSurfaces(t) {
		t.Run(s.Name+"/"+s.Title, func(t *testing.T) {
			rng := rand.New(rand.NewPCG(1, uint64(len(s.Title))))
			settings := &fd.Settings{Formula: fd.Central, Step: 1e-6}
			grad := make([]float64, s.Dim)
			for range 50 {
				p := randomPoint(rng, s)
				f := s.Grad(p, grad)
				if want := s.Value(p); f != want {
					t.Errorf("at %v: Gradient's value %v, Eval %v", p, f, want)
				}
				num := fd.Gradient(nil, s.Value, p, settings)
				norm := math.Sqrt(dot(grad, grad))
				for i := range grad {
					if d := math.Abs(grad[i] - num[i]); d > 1e-5*math.Max(1, norm) {
						t.Errorf("at %v: d/dx%d exact %v, finite differences %v (diff %.3g)", p, i, grad[i], num[i], d)
					}
				}
			}
		})
	}
}

func dot(a, b []float64) float64 {
	var s float64
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}

func TestKnownMinima(t *testing.T) {
	wantCount := map[string]int{"saddle": 0, "himmelblau": 4, "six-hump-camel": 2, "mlp-slice": 2}
	for _, s := range All() {
		t.Run(s.Name, func(t *testing.T) {
			want, ok := wantCount[s.Name]
			if !ok {
				want = 1
			}
			if len(s.Minima) != want {
				t.Fatalf("%d known minima, want %d", len(s.Minima), want)
			}
			for _, m := range s.Minima {
				if !s.Domain.Contains(m.X, m.Y, s.Dim) {
					t.Errorf("minimum %+v outside the domain %+v", m, s.Domain)
				}
				f, dx, dy := s.Gradient(m.X, m.Y)
				if g := math.Hypot(dx, dy); g > 1e-8 {
					t.Errorf("gradient at minimum %+v is (%g, %g)", m, dx, dy)
				}
				if d := math.Abs(f - m.Value); d > 1e-12*math.Max(1, math.Abs(f)) {
					t.Errorf("f at minimum %+v is %v", m, f)
				}
			}
		})
	}
}

// TestTableMinima checks the minima against the published values of the
// test functions, at their printed precision.
func TestTableMinima(t *testing.T) {
	cases := []struct {
		name      string
		x, y, val float64
		tol       float64
	}{
		{"bowl", 2, 3, 0, 0},
		{"parabola", 1, 0, 1, 0},
		{"rosenbrock", 1, 1, 0, 0},
		{"beale", 3, 0.5, 0, 0},
		{"himmelblau", 3, 2, 0, 0},
		{"rastrigin", 0, 0, 0, 0},
		{"ackley", 0, 0, 0, 0},
		{"booth", 1, 3, 0, 0},
		{"matyas", 0, 0, 0, 0},
		{"goldstein-price", 0, -1, 3, 0},
		{"six-hump-camel", 0.0898, -0.7126, -1.0316, 1e-4},
		{"six-hump-camel", -0.0898, 0.7126, -1.0316, 1e-4},
		{"styblinski-tang", -2.9035, -2.9035, -78.332, 1e-3},
		{"levi", 1, 1, 0, 0},
	}
	for _, c := range cases {
		s, err := Lookup(c.name)
		if err != nil {
			t.Fatal(err)
		}
		m, dist, ok := s.NearestMinimum(c.x, c.y)
		if !ok || dist > c.tol || math.Abs(m.Value-c.val) > c.tol {
			t.Errorf("%s: nearest minimum to (%v, %v) is %+v at distance %g, want value %v", c.name, c.x, c.y, m, dist, c.val)
		}
		// The function itself, not just the listed value, is at the table's value.
		if f := s.Eval(m.X, m.Y); math.Abs(f-c.val) > c.tol+1e-14 {
			t.Errorf("%s: f(%v, %v) = %v, want %v", c.name, m.X, m.Y, f, c.val)
		}
	}
}

func TestSurfaceFields(t *testing.T) {
	for _, s := range All() {
		t.Run(s.Name, func(t *testing.T) {
			if s.Title == "" || s.Formula == "" {
				t.Errorf("missing title %q or formula %q", s.Title, s.Formula)
			}
			if s.Dim != 1 && s.Dim != 2 {
				t.Fatalf("Dim %d", s.Dim)
			}
			if len(s.Start) != s.Dim {
				t.Fatalf("start %v has %d numbers, want %d", s.Start, len(s.Start), s.Dim)
			}
			var y float64
			if s.Dim == 2 {
				y = s.Start[1]
			}
			if !s.Domain.Contains(s.Start[0], y, s.Dim) {
				t.Errorf("start %v outside the domain %+v", s.Start, s.Domain)
			}
			_, dx, dy := s.Gradient(s.Start[0], y)
			if math.Hypot(dx, dy) < 1e-3 {
				t.Errorf("start %v is (nearly) stationary: gradient (%g, %g)", s.Start, dx, dy)
			}
			if (s.Data != nil) != (s.Name == "ols") {
				t.Errorf("Data set: %v", s.Data != nil)
			}
			_, isModel := LookupModel(s.Name)
			if (s.Model != nil) != isModel {
				t.Errorf("Model set: %v, a model surface: %v", s.Model != nil, isModel)
			}
			if s.Axes[0] == "" || s.Axes[1] == "" || s.Axes[0] == s.Axes[1] {
				t.Errorf("axes %q", s.Axes)
			}
		})
	}
}

func TestTableDomains(t *testing.T) {
	cases := map[string]Domain{
		"saddle":          {-1, 1, -1, 1},
		"bowl":            {-1, 5, 0, 6},
		"parabola":        {-5, 7, 0, 0},
		"ols":             {-10, 10, -10, 10},
		"rosenbrock":      {-2, 2, -1, 3},
		"beale":           {-4.5, 4.5, -4.5, 4.5},
		"himmelblau":      {-5, 5, -5, 5},
		"rastrigin":       {-5.12, 5.12, -5.12, 5.12},
		"ackley":          {-5, 5, -5, 5},
		"booth":           {-10, 10, -10, 10},
		"matyas":          {-10, 10, -10, 10},
		"goldstein-price": {-2, 2, -2, 2},
		"six-hump-camel":  {-3, 3, -2, 2},
		"styblinski-tang": {-5, 5, -5, 5},
		"levi":            {-10, 10, -10, 10},
		"mlp-slice":       {-2, 2, -2, 2},
	}
	if len(cases) != len(Names()) {
		t.Errorf("%d surfaces registered, the table has %d", len(Names()), len(cases))
	}
	for name, want := range cases {
		s, err := Lookup(name)
		if err != nil {
			t.Errorf("Lookup(%q): %v", name, err)
			continue
		}
		if s.Domain != want {
			t.Errorf("%s: domain %+v, want %+v", name, s.Domain, want)
		}
		if s.Name != name {
			t.Errorf("Lookup(%q).Name = %q", name, s.Name)
		}
	}
}

func TestRegistry(t *testing.T) {
	names := Names()
	all := All()
	if len(all) != len(names) {
		t.Fatalf("All has %d surfaces, Names %d", len(all), len(names))
	}
	for i, s := range all {
		if s.Name != names[i] {
			t.Errorf("All()[%d] is %q, Names()[%d] is %q", i, s.Name, i, names[i])
		}
		if slices.Index(names, s.Name) != i {
			t.Errorf("name %q repeated", s.Name)
		}
	}
	if names[0] != "parabola" || names[1] != "bowl" {
		t.Errorf("teaching order starts %v", names[:2])
	}

	// Each Lookup is a fresh copy.
	a, _ := Lookup("himmelblau")
	a.Start[0] = 99
	a.Minima[0].X = 99
	b, _ := Lookup("himmelblau")
	if b.Start[0] == 99 || b.Minima[0].X == 99 {
		t.Errorf("Lookup shares slices between calls")
	}
}

func TestLookupErrors(t *testing.T) {
	cases := []struct{ name, want string }{
		{"rosenbrok", `surface: unknown surface "rosenbrok" (did you mean "rosenbrock"?)`},
		{"Rosenbrock", `(did you mean "rosenbrock"?)`},
		{"himmelblue", `(did you mean "himmelblau"?)`},
		{"sixhumpcamel", `(did you mean "six-hump-camel"?)`},
		{"goldstein_price", `(did you mean "goldstein-price"?)`},
		{"levy", `(did you mean "levi"?)`},
		{"banana-split-sundae", `surface: unknown surface "banana-split-sundae" (known: [parabola bowl`},
		{"", `surface: unknown surface ""`},
	}
	for _, c := range cases {
		s, err := Lookup(c.name)
		if err == nil {
			t.Errorf("Lookup(%q) = %v, want an error", c.name, s.Name)
			continue
		}
		if !strings.Contains(err.Error(), c.want) {
			t.Errorf("Lookup(%q): %q, want it to contain %q", c.name, err, c.want)
		}
	}
}

func TestValueAndGrad(t *testing.T) {
	cases := []struct {
		name     string
		p        []float64
		f        float64
		wantGrad []float64
	}{
		{"parabola", []float64{6}, 26, []float64{10}},
		{"bowl", []float64{0, 0}, 13, []float64{-4, -6}},
		{"saddle", []float64{0.5, -0.25}, 0.1875, []float64{1, 0.5}},
		{"booth", []float64{0, 0}, 74, []float64{-34, -38}},
	}
	for _, c := range cases {
		s, _ := Lookup(c.name)
		if v := s.Value(c.p); v != c.f {
			t.Errorf("%s.Value(%v) = %v, want %v", c.name, c.p, v, c.f)
		}
		grad := make([]float64, len(c.p))
		if v := s.Grad(c.p, grad); v != c.f || !slices.Equal(grad, c.wantGrad) {
			t.Errorf("%s.Grad(%v) = %v, %v; want %v, %v", c.name, c.p, v, grad, c.f, c.wantGrad)
		}
	}
}

func TestNearestMinimum(t *testing.T) {
	h, _ := Lookup("himmelblau")
	m, d, ok := h.NearestMinimum(3.5, -1.5)
	if !ok || math.Abs(m.X-3.5844283403304917) > 1e-12 || math.Abs(d-math.Hypot(m.X-3.5, m.Y+1.5)) > 1e-15 {
		t.Errorf("himmelblau near (3.5, -1.5): %+v %v %v", m, d, ok)
	}
	s, _ := Lookup("saddle")
	if _, _, ok := s.NearestMinimum(0, 0); ok {
		t.Errorf("saddle reports a minimum")
	}
	p, _ := Lookup("parabola")
	if m, d, ok := p.NearestMinimum(4, 123); !ok || m.X != 1 || d != 3 {
		t.Errorf("parabola near 4 (y ignored): %+v %v %v", m, d, ok)
	}
}

func TestLowestMinimum(t *testing.T) {
	tests := []struct {
		name string
		want float64
	}{
		{"himmelblau", 0}, {"six-hump-camel", -1.0316}, {"styblinski-tang", -78.332}, {"goldstein-price", 3}, {"parabola", 1},
	}
	for _, tt := range tests {
		s, err := Lookup(tt.name)
		if err != nil {
			t.Fatal(err)
		}
		if got := s.LowestMinimum(); math.Abs(got-tt.want) > 1e-3 {
			t.Errorf("%s: lowest minimum %v, want %v", tt.name, got, tt.want)
		}
	}
	if s, _ := Lookup("saddle"); !math.IsNaN(s.LowestMinimum()) {
		t.Errorf("the saddle's lowest minimum is %v, want NaN", s.LowestMinimum())
	}
}

func BenchmarkGrid400(b *testing.B) {
	const n = 400
	for _, s := range All() {
		b.Run(s.Name, func(b *testing.B) {
			if s.Mesh > 0 {
				b.Skipf("%s is drawn at its own mesh of %d x %d (see BenchmarkModelSurfaces)", s.Name, s.Mesh, s.Mesh)
			}
			d := s.Domain
			xs := make([]float64, n)
			ys := make([]float64, n)
			for i := range n {
				xs[i] = d.XMin + (d.XMax-d.XMin)*float64(i)/(n-1)
				ys[i] = d.YMin + (d.YMax-d.YMin)*float64(i)/(n-1)
			}
			var sink float64
			for b.Loop() {
				for _, y := range ys {
					for _, x := range xs {
						sink += s.Eval(x, y)
					}
				}
			}
			if math.IsNaN(sink) {
				b.Fatal("NaN on the grid")
			}
		})
	}
}
