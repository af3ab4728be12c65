package basins

import (
	"bytes"
	"context"
	"encoding/csv"
	"math"
	"strconv"
	"testing"

	"descent/optim"
	"descent/scene/run"
	"descent/scene/surface"
	"descent/scene/trace"
)

// traceEnd runs `descent trace`'s engine from one start and returns the
// last row's point and loss and the divergence step (0 if none).
func traceEnd(t *testing.T, o trace.Options) (x, y, loss float64, divergedAt int) {
	t.Helper()
	tr, err := trace.New(o)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	divs, err := tr.Write(&buf)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(divs) > 0 {
		divergedAt = divs[0].Step
	}
	if len(rows) == 1 { // diverged at the start: no rows
		return math.NaN(), math.NaN(), math.NaN(), divergedAt
	}
	last := rows[len(rows)-1]
	num := func(s string) float64 {
		v, err := strconv.ParseFloat(s, 64)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	return num(last[3]), num(last[4]), num(last[5]), divergedAt
}

// exactCases are surfaces, specs and stochastic settings whose maps must
// match trace start for start: every method, the aliases, the variants of
// each update rule, runs that diverge, noise and mini-batches.
var exactCases = []struct {
	surface, expr string
	specs         []string
	st            run.Stochastic
	steps         int
}{
	{surface: "himmelblau", steps: 80, specs: []string{
		"sgd:lr=0.01", "momentum:lr=0.01", "nesterov:lr=0.005", "sgd:lr=0.01,momentum=0.5,dampening=0.3,weight_decay=0.1",
		"adagrad:lr=0.5", "adagrad:lr=0.5,lr_decay=0.01,initial_accumulator_value=0.1,weight_decay=0.01",
		"adadelta:lr=5", "rmsprop:lr=0.05", "rmsprop:lr=0.01,momentum=0.9,centered=true,weight_decay=0.01",
		"adam:lr=0.05", "adam:lr=0.1,amsgrad=true,weight_decay=0.01", "adamw:lr=0.1", "adamax:lr=0.2",
		"nadam:lr=0.1", "nadam:lr=0.1,decoupled_weight_decay=true,weight_decay=0.1", "radam:lr=0.2", "rprop:lr=0.05",
		"sgd:lr=0.001,maximize=true",
	}},
	{surface: "rosenbrock", steps: 60, specs: []string{"sgd:lr=0.004", "adam:lr=0.3", "nesterov:lr=0.002", "rprop"}},
	{surface: "beale", steps: 50, specs: []string{"sgd:lr=0.01", "rmsprop:lr=0.1", "adamax"}},
	{surface: "goldstein-price", steps: 40, specs: []string{"sgd:lr=0.0001", "adam:lr=0.1"}},
	{surface: "rastrigin", steps: 50, specs: []string{"adam:lr=0.1", "adagrad:lr=1"}},
	{expr: "x^4 - 3*x^2 + y^2 + 0.5*x*y", steps: 50, specs: []string{"sgd:lr=0.05", "radam:lr=0.1"}},
	{surface: "himmelblau", steps: 40, specs: []string{"adam:lr=0.1", "sgd:lr=0.01"}, st: run.Stochastic{Noise: 2, Seed: 7}},
	{surface: "ols", steps: 40, specs: []string{"sgd:lr=0.05", "adam:lr=0.3"}, st: run.Stochastic{Batch: 4, Noise: 0.5, Seed: 3}},
	{surface: "ols", steps: 40, specs: []string{"momentum:lr=0.1"}, st: run.Stochastic{Batch: 8, Seed: 11}},
}

// TestMapMatchesTrace checks, for every case, that each cell of a small
// map ends exactly (same float64 bits) where `descent trace` ends from that
// cell's start with that spec and the start's seed, with the same loss, and
// diverges at the same step.
func TestMapMatchesTrace(t *testing.T) {
	const n = 5
	for _, c := range exactCases {
		for _, text := range c.specs {
			name := c.surface + c.expr + "/" + text + "/" + c.st.String()
			t.Run(name, func(t *testing.T) {
				surf, err := trace.LoadSurface(c.surface, c.expr, "")
				if err != nil {
					t.Fatal(err)
				}
				spec, err := optim.ParseSpec(text)
				if err != nil {
					t.Fatal(err)
				}
				p := Problem{Surface: surf, Spec: spec, Steps: c.steps, Stochastic: c.st}
				m, err := Compute(context.Background(), p, n, Options{})
				if err != nil {
					t.Fatal(err)
				}
				diverged := 0
				for k := range n * n {
					x0, y0 := m.Start(k)
					st := c.st
					st.Seed = StartSeed(c.st.Seed, k)
					x, y, loss, at := traceEnd(t, trace.Options{Surface: c.surface, Expr: c.expr, Optimizers: []string{text},
						Starts: [][]float64{{x0, y0}}, Steps: c.steps, Stochastic: st})
					if at != 0 {
						diverged++
						if m.Outcome[k] != Diverged || int(m.StepsTo[k]) != at {
							t.Errorf("start %d (%v, %v): trace diverged at step %d, map says outcome %d at %d", k, x0, y0, at, m.Outcome[k], m.StepsTo[k])
						}
						if math.IsNaN(x) { // no rows: the start itself
							x, y, loss = x0, y0, surf.Eval(x0, y0)
						}
					} else if m.Outcome[k] == Diverged {
						t.Errorf("start %d (%v, %v): map diverged at %d, trace did not", k, x0, y0, m.StepsTo[k])
					}
					if !same(x, m.EndX[k]) || !same(y, m.EndY[k]) || !same(loss, m.Loss[k]) {
						t.Errorf("start %d (%v, %v): map ends at (%v, %v) loss %v, trace at (%v, %v) loss %v",
							k, x0, y0, m.EndX[k], m.EndY[k], m.Loss[k], x, y, loss)
					}
				}
				t.Logf("%d of %d starts diverged", diverged, n*n)
			})
		}
	}
}

// same reports whether a and b are the same float64 (NaN equal to NaN).
func same(a, b float64) bool {
	return math.Float64bits(a) == math.Float64bits(b) || (math.IsNaN(a) && math.IsNaN(b))
}

// TestGradientValueIsEval checks what the swarm relies on to test each step
// for divergence with one call: every built-in surface's Gradient returns
// as its value exactly what Eval returns, inside the domain and far out.
func TestGradientValueIsEval(t *testing.T) {
	for _, s := range surface.All() {
		if s.Dim != 2 {
			continue
		}
		d := s.Domain
		for _, scale := range []float64{1, 1e3, 1e60, 1e120, 1e200} {
			for j := range 23 {
				for i := range 23 {
					x := scale * (d.XMin + (d.XMax-d.XMin)*float64(i)/22)
					y := scale * (d.YMin + (d.YMax-d.YMin)*float64(j)/22)
					f, _, _ := s.Gradient(x, y)
					if e := s.Eval(x, y); !same(e, f) {
						t.Fatalf("%s at (%v, %v): Gradient's value %v, Eval %v", s.Name, x, y, f, e)
					}
				}
			}
		}
	}
}
