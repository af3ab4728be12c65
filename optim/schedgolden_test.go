package optim

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"testing"
)

// scheduleCase is one line of testdata/torch-schedules.jsonl (see GOLDEN.md).
type scheduleCase struct {
	goldenCase
	Schedulers []struct {
		Name   string         `json:"name"`
		Params map[string]any `json:"params"`
	} `json:"schedulers"`
	LRs []float64 `json:"lrs"`
}

func readScheduleCases(t *testing.T) []scheduleCase {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "torch-schedules.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var cases []scheduleCase
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		var c scheduleCase
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			t.Fatal(err)
		}
		cases = append(cases, c)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(cases) < 13 {
		t.Fatalf("only %d schedule cases", len(cases))
	}
	return cases
}

// spec turns a case's optimizer and schedulers into a Spec.
func (c scheduleCase) spec(t *testing.T) Spec {
	t.Helper()
	s := goldenSpec(t, c.goldenCase)
	for _, sc := range c.Schedulers {
		ss := SchedulerSpec{Name: sc.Name}
		for k, v := range sc.Params {
			switch v := v.(type) {
			case float64:
				ss.setValue(k, v)
			case bool:
				ss.setValue(k, 0)
				if v {
					ss.setValue(k, 1)
				}
			case string:
				ss.setString(k, v)
			case []any:
				var l []float64
				for _, x := range v {
					l = append(l, x.(float64))
				}
				ss.setList(k, l)
			default:
				t.Fatalf("%s: param %s: unexpected %T", sc.Name, k, v)
			}
		}
		s.Schedulers = append(s.Schedulers, ss)
	}
	return s
}

// relDiff is |got - want| relative to |want| (absolute when want is 0).
func relDiff(got, want float64) float64 {
	if want == 0 {
		return math.Abs(got)
	}
	return math.Abs(got-want) / math.Abs(want)
}

// TestGoldenSchedules runs every torch schedule case with a hand-written
// gradient, applying the schedule before each step and stepping it after,
// and requires the learning rate of every step to agree with torch within
// 1e-12 relative, and every coordinate and loss within 1e-9 relative to
// max(1, |value|).
func TestGoldenSchedules(t *testing.T) {
	for i, c := range readScheduleCases(t) {
		name := c.Surface
		if c.Expr != "" {
			name = c.Expr
		}
		var f objective
		switch c.Surface {
		case "ols":
			f = olsObjective(t, filepath.Join("..", "assets", "data", c.Data))
		case "expr":
			f = goldenSurfaces[c.Expr]
		default:
			f = goldenSurfaces[c.Surface]
		}
		t.Run(fmt.Sprintf("%02d-%s-%s-%s", i, name, c.Optimizer, c.Schedulers[0].Name), func(t *testing.T) {
			if f == nil {
				t.Fatalf("no gradient written for surface %q", name)
			}
			if len(c.Trajectory) != c.Steps+1 || len(c.LRs) != c.Steps {
				t.Fatalf("%d rows and %d lrs for %d steps", len(c.Trajectory), len(c.LRs), c.Steps)
			}
			spec := c.spec(t)
			opt, err := New(spec)
			if err != nil {
				t.Fatal(err)
			}
			sched, err := NewSchedule(spec, opt)
			if err != nil {
				t.Fatal(err)
			}
			x := append([]float64(nil), c.Start...)
			g := make([]float64, len(x))
			worstLR, worst := 0.0, 0.0
			for k, row := range c.Trajectory {
				loss := f(x, g)
				got := append(append([]float64(nil), x...), loss)
				for j := range row {
					d := math.Abs(got[j]-row[j]) / math.Max(1, math.Abs(row[j]))
					worst = math.Max(worst, d)
					if !(d <= 1e-9) {
						t.Fatalf("step %d, value %d: got %v, torch %v (relative difference %.3g)", k, j, got[j], row[j], d)
					}
				}
				if k == c.Steps {
					break
				}
				if d := relDiff(sched.LR(), c.LRs[k]); !(d <= 1e-12) {
					t.Fatalf("lr of step %d: got %v, torch %v (relative difference %.3g)", k+1, sched.LR(), c.LRs[k], d)
				} else {
					worstLR = math.Max(worstLR, d)
				}
				sched.Apply(opt)
				opt.Step(x, g)
				if err := sched.Step(loss); err != nil {
					t.Fatalf("after step %d: %v", k+1, err)
				}
			}
			t.Logf("worst relative difference: lr %.3g, trajectory %.3g (sensitivity %.3g)", worstLR, worst, c.Sensitivity)
		})
	}
}
