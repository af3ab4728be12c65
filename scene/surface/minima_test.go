package surface

import (
	"errors"
	"math"
	"strings"
	"testing"

	"descent/scene/expr"
)

func TestFindMinimaRecoversKnownMinima(t *testing.T) {
	cases := []struct {
		name string
		// want lists the minima that must be found; lowest says whether
		// they must also be the lowest ones found, in that order of value.
		want   []Minimum
		lowest bool
		count  int // exact number found; -1 when the surface has many
	}{
		{"himmelblau", nil, true, 4},
		{"six-hump-camel", nil, true, 6},
		{"rosenbrock", nil, true, 1},
		{"beale", nil, true, 1},
		{"bowl", nil, true, 1},
		{"parabola", nil, true, 1},
		{"booth", nil, true, 1},
		{"matyas", nil, true, 1},
		{"goldstein-price", nil, true, 4},
		{"styblinski-tang", nil, true, 4},
		{"rastrigin", nil, true, -1},
		{"ackley", nil, true, -1},
		{"levi", nil, true, -1},
		{"ols", nil, true, 1},
		{"saddle", nil, true, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s, err := Lookup(c.name)
			if err != nil {
				t.Fatal(err)
			}
			found := FindMinima(s, s.Domain)
			if c.count >= 0 && len(found) != c.count {
				t.Errorf("found %d minima, want %d: %+v", len(found), c.count, found)
			}
			for i, m := range s.Minima {
				if i >= len(found) {
					t.Fatalf("known minimum %+v not found", m)
				}
				best := math.Inf(1)
				for j, f := range found {
					d := math.Hypot(f.X-m.X, f.Y-m.Y)
					if d < best {
						best = d
					}
					// Global minima come first.
					if d <= 1e-4 && j >= len(s.Minima) {
						t.Errorf("known minimum %+v found at rank %d", m, j)
					}
				}
				if best > 1e-4 {
					t.Errorf("known minimum %+v: nearest found is %g away (%+v)", m, best, found)
				}
			}
			for i := 1; i < len(found); i++ {
				if found[i].Value < found[i-1].Value {
					t.Errorf("not sorted by value: %+v", found)
				}
			}
			for _, f := range found {
				if !s.Domain.Contains(f.X, f.Y, s.Dim) {
					t.Errorf("found %+v outside the domain", f)
				}
				if v := s.Eval(f.X, f.Y); v != f.Value {
					t.Errorf("found %+v but f there is %v", f, v)
				}
			}
		})
	}
}

func TestFindMinimaDomains(t *testing.T) {
	bowl, _ := Lookup("bowl")
	// The bowl's minimum (2, 3) is outside: f still falls towards the edge.
	if got := FindMinima(bowl, Domain{XMin: 3, XMax: 5, YMin: 0, YMax: 6}); len(got) != 0 {
		t.Errorf("bowl on x in [3,5]: %+v, want none", got)
	}
	// Only two of Himmelblau's minima have x > 0.
	h, _ := Lookup("himmelblau")
	if got := FindMinima(h, Domain{XMin: 0, XMax: 5, YMin: -5, YMax: 5}); len(got) != 2 || got[0].X <= 0 || got[1].X <= 0 {
		t.Errorf("himmelblau on x in [0,5]: %+v, want two minima", got)
	}
	for _, d := range []Domain{{}, {XMin: 1, XMax: -1, YMin: 0, YMax: 1}, {XMin: 0, XMax: math.NaN(), YMin: 0, YMax: 1}} {
		if got := FindMinima(h, d); got != nil {
			t.Errorf("empty domain %+v: %+v", d, got)
		}
	}
	if got := FindMinima(nil, h.Domain); got != nil {
		t.Errorf("nil surface: %+v", got)
	}
}

func TestFromExpr(t *testing.T) {
	cases := []struct {
		src    string
		dim    int
		start  []float64
		minima []Minimum
	}{
		{"x^2 + y^2", 2, []float64{-4, 4}, []Minimum{{0, 0, 0}}},
		{"(x-1)^2 + 1", 1, []float64{-4}, []Minimum{{1, 0, 1}}},
		{"(x^2+y-11)^2 + (x+y^2-7)^2", 2, []float64{-4, 4}, nil}, // the four of himmelblau
		{"x^4 - 4*x^2 + x", 1, []float64{-4}, []Minimum{{-1.4729976011140302, 0, -5.4441920666108965}, {1.346997408527774, 0, -2.6185559807652474}}},
		{"log(x) + (x-2)^2", 1, []float64{4}, []Minimum{{1.7071067811865475, 0, math.Log(1.7071067811865475) + 0.08578643762690492}}},
		{"(x+4)^2 + (y-4)^2 + 1", 2, []float64{4, 4}, []Minimum{{-4, 4, 1}}},
		{"x*y - y^2 - x^2", 2, []float64{-4, 4}, nil}, // a maximum: no minima
		{"3", 1, []float64{-4}, nil}, // flat: no minima
	}
	for _, c := range cases {
		t.Run(c.src, func(t *testing.T) {
			s, err := FromExpr(c.src)
			if err != nil {
				t.Fatal(err)
			}
			if s.Name != "expr" || s.Title != c.src || s.Dim != c.dim {
				t.Errorf("name %q title %q dim %d", s.Name, s.Title, s.Dim)
			}
			if len(s.Start) != len(c.start) || s.Start[0] != c.start[0] || (c.dim == 2 && s.Start[1] != c.start[1]) {
				t.Errorf("start %v, want %v", s.Start, c.start)
			}
			if c.dim == 2 && s.Domain != (Domain{-5, 5, -5, 5}) || s.Domain.XMin != -5 || s.Domain.XMax != 5 {
				t.Errorf("domain %+v", s.Domain)
			}
			want := c.minima
			if strings.HasPrefix(c.src, "(x^2+y-11)") {
				h, _ := Lookup("himmelblau")
				want = h.Minima
			}
			if len(s.Minima) != len(want) {
				t.Fatalf("minima %+v, want %+v", s.Minima, want)
			}
			for _, w := range want {
				m, d, ok := s.NearestMinimum(w.X, w.Y)
				if !ok || d > 1e-6 || math.Abs(m.Value-w.Value) > 1e-9 {
					t.Errorf("minimum %+v: nearest found %+v at %g", w, m, d)
				}
			}
		})
	}
}

func TestFromExprErrors(t *testing.T) {
	for _, src := range []string{"x +", "(x + y", "sin(x", "x $ y", ""} {
		s, err := FromExpr(src)
		if err == nil {
			t.Errorf("FromExpr(%q) = %v, want an error", src, s.Title)
			continue
		}
		var se *expr.SyntaxError
		if !errors.As(err, &se) || !strings.HasPrefix(err.Error(), "surface: expr: column ") {
			t.Errorf("FromExpr(%q): %v (%T), want a wrapped *expr.SyntaxError", src, err, err)
		}
	}
}

// TestCostlyExpressionSearchIsBounded: the minimum search on a long
// formula evaluates it at most about minimaWork/cost times, and still
// finds its minimum; a short formula gets the full search.
func TestCostlyExpressionSearchIsBounded(t *testing.T) {
	src := "(x-1)^2+(y+2)^2" + strings.Repeat("+(x-1)^2+(y+2)^2", 3000)
	s, err := FromExpr(src)
	if err != nil {
		t.Fatal(err)
	}
	if s.cost < 10_000 {
		t.Fatalf("cost %d: the formula should be costly", s.cost)
	}
	evals := 0
	eval, grad := s.Eval, s.Gradient
	s.Eval = func(x, y float64) float64 { evals++; return eval(x, y) }
	s.Gradient = func(x, y float64) (float64, float64, float64) { evals++; return grad(x, y) }
	minima := FindMinima(s, s.Domain)
	if limit := 2 * minimaWork / s.cost; evals > limit {
		t.Errorf("%d evaluations of a %d-instruction formula, want at most %d", evals, s.cost, limit)
	}
	if len(minima) == 0 || math.Hypot(minima[0].X-1, minima[0].Y+2) > 1e-3 {
		t.Errorf("minima %v, want one at (1, -2)", minima)
	}
	if e := effortFor(&Surface{cost: 100}); e != (effort{grid: findGrid, grid1D: findGrid1D, starts: findMaxStarts}) {
		t.Errorf("a 100-instruction formula gets effort %+v, want the full search", e)
	}
}
