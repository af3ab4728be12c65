package expr

import (
	"bufio"
	"encoding/json"
	"math"
	"os"
	"testing"
)

// goldenCase is one line of testdata/torch-expr.jsonl: a trajectory that
// torch.optim produced on an expression (copied from the shared golden set).
type goldenCase struct {
	Optimizer  string             `json:"optimizer"`
	Params     map[string]float64 `json:"params"`
	Start      []float64          `json:"start"`
	Steps      int                `json:"steps"`
	Expr       string             `json:"expr"`
	Trajectory [][]float64        `json:"trajectory"`
}

// TestTorchTrajectories replays torch's SGD and Adam on the golden
// expressions with this package's gradients; a wrong derivative or a wrong
// value would pull the path away from torch's.
func TestTorchTrajectories(t *testing.T) {
	file, err := os.Open("testdata/torch-expr.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	sc := bufio.NewScanner(file)
	sc.Buffer(nil, 1<<20)
	cases := 0
	for sc.Scan() {
		var c goldenCase
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			t.Fatal(err)
		}
		cases++
		e, err := Parse(c.Expr)
		if err != nil {
			t.Fatalf("%q: %v", c.Expr, err)
		}
		step := newStepper(t, c.Optimizer, c.Params)
		p := []float64{c.Start[0], c.Start[1]}
		worst := 0.0
		for k, row := range c.Trajectory {
			f, dx, dy := e.Gradient(p[0], p[1])
			for i, got := range []float64{p[0], p[1], f} {
				worst = max(worst, math.Abs(got-row[i]))
			}
			if k < c.Steps {
				step(p, []float64{dx, dy})
			}
		}
		// Go's math library may differ from glibc's in the last bit, so
		// allow a few ulps of drift over the run.
		if worst > 1e-13 {
			t.Errorf("%s on %q: off torch's trajectory by up to %g", c.Optimizer, c.Expr, worst)
		} else {
			t.Logf("%s on %q: largest difference from torch %g", c.Optimizer, c.Expr, worst)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if cases == 0 {
		t.Fatal("no golden cases")
	}
}

// newStepper returns torch's update for the named optimizer (the subset the
// golden expression cases use), written as torch.optim writes it.
func newStepper(t *testing.T, name string, params map[string]float64) func(p, g []float64) {
	lr := params["lr"]
	switch name {
	case "sgd":
		return func(p, g []float64) {
			for i := range p {
				p[i] += -lr * g[i]
			}
		}
	case "adam":
		const beta1, beta2, eps = 0.9, 0.999, 1e-8
		m := make([]float64, 2)
		v := make([]float64, 2)
		k := 0
		return func(p, g []float64) {
			k++
			bc1 := 1 - math.Pow(beta1, float64(k))
			bc2 := 1 - math.Pow(beta2, float64(k))
			stepSize := lr / bc1
			for i := range p {
				m[i] = m[i]*beta1 + g[i]*(1-beta1)
				v[i] = v[i]*beta2 + g[i]*g[i]*(1-beta2)
				denom := math.Sqrt(v[i])/math.Sqrt(bc2) + eps
				p[i] += -stepSize * (m[i] / denom)
			}
		}
	}
	t.Fatalf("no stepper for optimizer %q", name)
	return nil
}
