package basins

import (
	"context"
	"errors"
	"math"
	"slices"
	"strings"
	"testing"

	"descent/optim"
	"descent/scene/run"
	"descent/scene/surface"
)

// problem returns a problem of the named surface (or expression) and spec.
func problem(t testing.TB, surf, expr, spec string, steps int) Problem {
	t.Helper()
	var s *surface.Surface
	var err error
	if expr != "" {
		s, err = surface.FromExpr(expr)
	} else {
		s, err = surface.Lookup(surf)
	}
	if err != nil {
		t.Fatal(err)
	}
	sp, err := optim.ParseSpec(spec)
	if err != nil {
		t.Fatal(err)
	}
	return Problem{Surface: s, Spec: sp, Steps: steps}
}

// TestSymmetricShares: on (x^2-1)^2 + (y^2-1)^2 over [-2,2]^2 with a grid
// of 64 (cell centres exact binary fractions), the map is exactly symmetric
// under x -> -x and y -> -y, so each of the four minima gets exactly a
// quarter of the starts, and mirrored cells reach mirrored minima in the
// same number of steps.
func TestSymmetricShares(t *testing.T) {
	p := problem(t, "", "(x^2-1)^2 + (y^2-1)^2", "sgd:lr=0.05", 200)
	p.Domain = surface.Domain{XMin: -2, XMax: 2, YMin: -2, YMax: 2}
	if len(p.Surface.Minima) != 4 {
		t.Fatalf("found minima %v, want the four (±1, ±1)", p.Surface.Minima)
	}
	const n = 64
	m, err := Compute(context.Background(), p, n, Options{})
	if err != nil {
		t.Fatal(err)
	}
	sh := m.Shares()
	for i, s := range sh.Minima {
		if s != 0.25 {
			t.Errorf("share of minimum %d (%v, %v) = %v, want 0.25", i, m.Minima[i].X, m.Minima[i].Y, s)
		}
	}
	if sh.None != 0 || sh.Diverged != 0 {
		t.Errorf("none %v, diverged %v, want 0", sh.None, sh.Diverged)
	}
	index := func(x, y float64) int16 {
		for i, mn := range m.Minima {
			if math.Abs(mn.X-x) < 1e-6 && math.Abs(mn.Y-y) < 1e-6 {
				return int16(i)
			}
		}
		return -3
	}
	for j := range n {
		for i := range n {
			k, mirror := j*n+i, (n-1-j)*n+(n-1-i)
			mn := m.Minima[m.Outcome[k]]
			if got, want := m.Outcome[mirror], index(-mn.X, -mn.Y); got != want || m.StepsTo[k] != m.StepsTo[mirror] {
				t.Fatalf("cell %d reaches %d in %d steps, its mirror %d reaches %d in %d (want %d)", k, m.Outcome[k], m.StepsTo[k], mirror, got, m.StepsTo[mirror], want)
			}
		}
	}
}

// TestHimmelblauShares: the shares of the four minima of Himmelblau's
// function for Adam lr 0.05, 300 steps, on a 200 x 200 grid agree within
// 0.5 percentage points with those of the NumPy script's 400 x 400 grid
// (0.266, 0.268, 0.242, 0.223, none 0), and no start diverges.
func TestHimmelblauShares(t *testing.T) {
	p := himmelblauAdam(t, 300)
	m, err := Compute(context.Background(), p, 200, Options{})
	if err != nil {
		t.Fatal(err)
	}
	sh := m.Shares()
	want := []float64{0.266, 0.268, 0.242, 0.223}
	for i, w := range want {
		if math.Abs(sh.Minima[i]-w) > 0.005 {
			t.Errorf("minimum %d: share %.4f, NumPy %.3f", i, sh.Minima[i], w)
		}
	}
	if sh.None > 0.005 || sh.Diverged != 0 {
		t.Errorf("none %v, diverged %v", sh.None, sh.Diverged)
	}
}

// TestWorkersDoNotMatter: the map, stochastic or not, is the same on one
// worker as on several.
func TestWorkersDoNotMatter(t *testing.T) {
	for _, st := range []run.Stochastic{{}, {Noise: 1, Seed: 5}} {
		p := himmelblauAdam(t, 50)
		p.Stochastic = st
		a, err := Compute(context.Background(), p, 30, Options{Workers: 1})
		if err != nil {
			t.Fatal(err)
		}
		b, err := Compute(context.Background(), p, 30, Options{Workers: 7})
		if err != nil {
			t.Fatal(err)
		}
		for k := range a.Outcome {
			if a.Outcome[k] != b.Outcome[k] || a.StepsTo[k] != b.StepsTo[k] || !same(a.EndX[k], b.EndX[k]) || !same(a.EndY[k], b.EndY[k]) {
				t.Fatalf("%v: cell %d differs between 1 and 7 workers", st, k)
			}
		}
	}
}

// TestStepsToTolerance follows runs step by step with run.Run and checks
// the map's outcome and steps to tolerance against the definitions: the
// minimum within Tol of the last iterate, and the first step from which
// every iterate is within Tol of it. The cases crawl into their minima,
// overshoot them, wander with noise and pass by other minima.
func TestStepsToTolerance(t *testing.T) {
	cases := []struct {
		surface, spec string
		st            run.Stochastic
		steps, n      int
	}{
		{"himmelblau", "momentum:lr=0.005", run.Stochastic{}, 120, 9},
		{"himmelblau", "adam:lr=0.05", run.Stochastic{}, 150, 9},
		{"bowl", "sgd:lr=0.01", run.Stochastic{}, 200, 7},
		{"six-hump-camel", "nesterov:lr=0.01", run.Stochastic{}, 150, 9},
		{"himmelblau", "sgd:lr=0.005", run.Stochastic{Noise: 5, Seed: 3}, 150, 7},
	}
	for _, c := range cases {
		t.Run(c.surface+"/"+c.spec, func(t *testing.T) {
			p := problem(t, c.surface, "", c.spec, c.steps)
			p.Stochastic = c.st
			m, err := Compute(context.Background(), p, c.n, Options{})
			if err != nil {
				t.Fatal(err)
			}
			arrived := 0
			for k := range c.n * c.n {
				x0, y0 := m.Start(k)
				opt, _ := optim.New(p.Spec)
				st := c.st
				st.Seed = StartSeed(c.st.Seed, k)
				r, err := run.New(p.Surface, opt, []float64{x0, y0}, st, 2)
				if err != nil {
					t.Fatal(err)
				}
				pts := [][2]float64{{x0, y0}}
				for range p.Steps {
					if r.Step() != nil {
						break
					}
					pts = append(pts, [2]float64{r.Point()[0], r.Point()[1]})
				}
				if r.Diverged() {
					if m.Outcome[k] != Diverged {
						t.Errorf("start %d diverged, map says %d", k, m.Outcome[k])
					}
					continue
				}
				last := pts[len(pts)-1]
				want, wantSteps := None, p.Steps
				for i, mn := range m.Minima {
					if math.Hypot(last[0]-mn.X, last[1]-mn.Y) <= m.Tol {
						want, wantSteps = i, len(pts)
						for wantSteps > 0 && math.Hypot(pts[wantSteps-1][0]-mn.X, pts[wantSteps-1][1]-mn.Y) <= m.Tol {
							wantSteps--
						}
					}
				}
				if int(m.Outcome[k]) != want || int(m.StepsTo[k]) != wantSteps {
					t.Errorf("start %d: outcome %d after %d steps, want %d after %d", k, m.Outcome[k], m.StepsTo[k], want, wantSteps)
				}
				if want >= 0 {
					arrived++
				}
			}
			if arrived < c.n*c.n/4 {
				t.Errorf("only %d of %d starts reached a minimum", arrived, c.n*c.n)
			}
		})
	}
}

// TestNoneAndDiverged: a start that ends far from every minimum is None
// with StepsTo = Steps; one whose run overflows is Diverged at the step
// trace reports.
func TestNoneAndDiverged(t *testing.T) {
	p := problem(t, "himmelblau", "", "sgd:lr=0.0001", 3) // too few steps to arrive
	m, err := Compute(context.Background(), p, 4, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for k, c := range m.Outcome {
		if c != None || m.StepsTo[k] != 3 {
			t.Errorf("slow start %d: outcome %d after %d steps, want none after 3", k, c, m.StepsTo[k])
		}
	}
	p = problem(t, "himmelblau", "", "sgd:lr=10", 50)
	m, err = Compute(context.Background(), p, 4, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if sh := m.Shares(); sh.Diverged != 1 {
		t.Errorf("lr 10: diverged share %v, want 1", sh.Diverged)
	}
	for k := range m.Outcome {
		if s := m.StepsTo[k]; s < 1 || s > 50 {
			t.Errorf("start %d diverged at step %d", k, s)
		}
	}
}

// TestComputeProgress: Progress hears of every row once, the last call
// saying all are done.
func TestComputeProgress(t *testing.T) {
	p := himmelblauAdam(t, 20)
	calls, last := 0, 0
	if _, err := Compute(context.Background(), p, 50, Options{Progress: func(done, total int) {
		calls++
		last = done
		if total != 50 {
			t.Errorf("total %d, want 50", total)
		}
	}}); err != nil {
		t.Fatal(err)
	}
	if calls != 50 || last != 50 {
		t.Errorf("%d progress calls, last %d; want 50, 50", calls, last)
	}
}

// TestComputeCancelled: cancelling the context while the first rows of a
// map of 2000 rows of 5,000 steps are done stops Compute long before the
// rest are, with the context's error and no map.
func TestComputeCancelled(t *testing.T) {
	p := himmelblauAdam(t, 5_000)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	rows := 0
	m, err := Compute(ctx, p, 2000, Options{Workers: 2, Progress: func(done, total int) {
		rows = done
		cancel()
	}})
	if !errors.Is(err, context.Canceled) || m != nil {
		t.Errorf("cancelled compute = %v, %v; want nil, context.Canceled", m, err)
	}
	if rows == 0 || rows > 4 {
		t.Errorf("%d rows finished after the cancel at the first, want 1 or a few", rows)
	}
	ctx, cancel = context.WithCancel(context.Background())
	cancel()
	if m, err = Compute(ctx, p, 10, Options{}); !errors.Is(err, context.Canceled) || m != nil {
		t.Errorf("compute under a cancelled context = %v, %v; want nil, context.Canceled", m, err)
	}
}

// TestBadProblems: every invalid problem or size is refused with a message
// that names it.
func TestBadProblems(t *testing.T) {
	good := himmelblauAdam(t, 10)
	parabola := problem(t, "parabola", "", "sgd", 10)
	tests := []struct {
		name string
		edit func(p *Problem)
		n    int
		want string
	}{
		{"grid zero", nil, 0, "invalid grid 0 (must be 1..2000)"},
		{"grid too big", nil, 2001, "invalid grid 2001"},
		{"negative steps", func(p *Problem) { p.Steps = -1 }, 10, "invalid number of steps: -1"},
		{"too many steps", func(p *Problem) { p.Steps = MaxSteps + 1 }, 10, "invalid number of steps: 100001"},
		{"too much work", func(p *Problem) { p.Steps = MaxSteps }, 1500, "more than 100000000000"},
		{"1-D surface", func(p *Problem) { *p = parabola }, 10, "parabola is 1-D"},
		{"no surface", func(p *Problem) { p.Surface = nil }, 10, "basins: no surface"},
		{"bad spec", func(p *Problem) { p.Spec = optim.Spec{Method: "adam", Values: map[string]float64{"lr": -1}} }, 10, "invalid lr: -1"},
		{"empty domain", func(p *Problem) { p.Domain = surface.Domain{XMin: 1, XMax: 1, YMin: 0, YMax: 1} }, 10, "empty or infinite domain"},
		{"negative tolerance", func(p *Problem) { p.Tol = -1 }, 10, "invalid tolerance -1"},
		{"tolerance too large", func(p *Problem) { p.Tol = 3 }, 10, "tolerance 3 too large"},
		{"batch without data", func(p *Problem) { p.Stochastic.Batch = 2 }, 10, "-batch needs a data surface"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := good
			if tt.edit != nil {
				tt.edit(&p)
			}
			_, err := Compute(context.Background(), p, tt.n, Options{})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want one containing %q", err, tt.want)
			}
			if err != nil && !strings.HasPrefix(err.Error(), "basins: ") && !strings.HasPrefix(err.Error(), "optim: ") && !strings.HasPrefix(err.Error(), "run: ") {
				t.Errorf("error %q has no package prefix", err)
			}
		})
	}
}

// TestSwarmAPI: a swarm reports its validated problem, resets to its
// starts, and refuses mismatched or non-finite starts.
func TestSwarmAPI(t *testing.T) {
	p := himmelblauAdam(t, 0)
	s, err := NewSwarm(p, []float64{1, -1}, []float64{1, -1})
	if err != nil {
		t.Fatal(err)
	}
	if got := s.Problem().Tol; got != 0.1 {
		t.Errorf("tolerance %v, want 0.1 (1%% of 10)", got)
	}
	for range 5 {
		s.Step()
	}
	if s.Steps() != 5 {
		t.Errorf("steps %d, want 5", s.Steps())
	}
	s.Reset()
	xs, ys := s.Points()
	if s.Steps() != 0 || xs[0] != 1 || ys[1] != -1 || s.Loss(0) != p.Surface.Eval(1, 1) {
		t.Errorf("after Reset: steps %d, points %v %v", s.Steps(), xs, ys)
	}
	for _, tt := range []struct {
		xs, ys []float64
		want   string
	}{
		{[]float64{1}, []float64{1, 2}, "1 x coordinates but 2 y coordinates"},
		{[]float64{math.NaN()}, []float64{0}, "start 0 (NaN, 0) is not finite"},
	} {
		if _, err := NewSwarm(p, tt.xs, tt.ys); err == nil || err.Error() != "basins: "+tt.want {
			t.Errorf("NewSwarm(%v, %v) = %v, want %q", tt.xs, tt.ys, err, tt.want)
		}
	}
}

// TestSwarmOfGridStarts: a swarm of a map's starts, stepped as many times,
// ends where the map's runs end, with the same outcomes and shares.
func TestSwarmOfGridStarts(t *testing.T) {
	p := problem(t, "himmelblau", "", "nesterov:lr=0.003", 80)
	p.Stochastic = run.Stochastic{Noise: 0.5, Seed: 42}
	const n = 12
	m, err := Compute(context.Background(), p, n, Options{})
	if err != nil {
		t.Fatal(err)
	}
	xs, ys := GridStarts(m.Domain, n)
	s, err := NewSwarm(p, xs, ys)
	if err != nil {
		t.Fatal(err)
	}
	for range p.Steps {
		s.Step()
	}
	px, py := s.Points()
	for k := range n * n {
		if !same(px[k], m.EndX[k]) || !same(py[k], m.EndY[k]) || s.Outcome(k) != int(m.Outcome[k]) || s.StepsTo(k) != int(m.StepsTo[k]) {
			t.Fatalf("start %d: swarm at (%v, %v) outcome %d/%d, map (%v, %v) %d/%d", k, px[k], py[k], s.Outcome(k), s.StepsTo(k), m.EndX[k], m.EndY[k], m.Outcome[k], m.StepsTo[k])
		}
	}
	if a, b := s.Shares(), m.Shares(); !slices.Equal(a.Minima, b.Minima) || a.None != b.None || a.Diverged != b.Diverged {
		t.Errorf("swarm shares %+v, map %+v", a, b)
	}
}
