package trace

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
)

// scheduleCase is one line of optim/testdata/torch-schedules.jsonl.
type scheduleCase struct {
	goldenCase
	Schedulers []struct {
		Name   string         `json:"name"`
		Params map[string]any `json:"params"`
	} `json:"schedulers"`
	LRs         []float64 `json:"lrs"`
	Sensitivity float64   `json:"sensitivity"`
}

func loadScheduleCases(t *testing.T) []scheduleCase {
	t.Helper()
	f, err := os.Open("../../optim/testdata/torch-schedules.jsonl")
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

// scheduleSpec writes a case as a command-line spec: the optimizer, then
// "+name:key=value,..." per scheduler, lists joined by ';'.
func (c scheduleCase) scheduleSpec() string {
	text := c.spec()
	for _, s := range c.Schedulers {
		keys := make([]string, 0, len(s.Params))
		for k := range s.Params {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		parts := make([]string, len(keys))
		for i, k := range keys {
			v := s.Params[k]
			if list, ok := v.([]any); ok {
				items := make([]string, len(list))
				for j, x := range list {
					items[j] = fmt.Sprint(x)
				}
				v = strings.Join(items, ";")
			}
			parts[i] = fmt.Sprintf("%s=%v", k, v)
		}
		text += "+" + s.Name
		if len(parts) > 0 {
			text += ":" + strings.Join(parts, ",")
		}
	}
	return text
}

// TestGoldenSchedules runs every torch schedule case through the code path
// of `descent trace` (options -> CSV text) and requires the trajectory
// within 1e-9 relative to max(1, |value|) and the lr column within 1e-9
// relative to the lr.
func TestGoldenSchedules(t *testing.T) {
	for i, c := range loadScheduleCases(t) {
		spec := c.scheduleSpec()
		t.Run(fmt.Sprintf("%02d-%s", i, spec), func(t *testing.T) {
			o := c.options()
			o.Optimizers = []string{spec}
			tr, err := New(o)
			if err != nil {
				t.Fatalf("%s: %v", spec, err)
			}
			var out bytes.Buffer
			divs, err := tr.Write(&out)
			if err != nil || len(divs) > 0 {
				t.Fatalf("write: %v, divergences %v", err, divs)
			}
			rows, err := csv.NewReader(&out).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			if got := rows[0][len(rows[0])-1]; got != "lr" {
				t.Fatalf("header %v has no lr column", rows[0])
			}
			if len(rows)-1 != len(c.Trajectory) {
				t.Fatalf("%d rows, torch has %d", len(rows)-1, len(c.Trajectory))
			}
			worst, worstLR := 0.0, 0.0
			for k, want := range c.Trajectory {
				row := rows[k+1]
				got := row[3 : len(row)-1]
				for j := range want {
					g, err := strconv.ParseFloat(got[j], 64)
					if err != nil {
						t.Fatal(err)
					}
					d := math.Abs(g-want[j]) / math.Max(1, math.Abs(want[j]))
					worst = math.Max(worst, d)
					if !(d <= 1e-9) {
						t.Fatalf("step %d column %d: got %v, torch %v (relative difference %.3g)", k, j, g, want[j], d)
					}
				}
				lr := row[len(row)-1]
				if k == c.Steps {
					if lr != "" {
						t.Fatalf("last row has lr %q, want it empty", lr)
					}
					continue
				}
				g, err := strconv.ParseFloat(lr, 64)
				if err != nil {
					t.Fatalf("row %d: lr %q: %v", k, lr, err)
				}
				d := math.Abs(g - c.LRs[k])
				if c.LRs[k] != 0 {
					d /= math.Abs(c.LRs[k])
				}
				worstLR = math.Max(worstLR, d)
				if !(d <= 1e-9) {
					t.Fatalf("lr of step %d: got %v, torch %v (relative difference %.3g)", k+1, g, c.LRs[k], d)
				}
			}
			t.Logf("worst relative difference: trajectory %.3g, lr %.3g (sensitivity %.3g)", worst, worstLR, c.Sensitivity)
		})
	}
}

// TestLRColumn: the lr column appears with a schedule only, in CSV and
// JSON alike, with the lr of the next step on each row and none on the
// last; a run without a schedule shows its constant lr beside scheduled ones.
func TestLRColumn(t *testing.T) {
	o := Options{Surface: "bowl", Steps: 4, Optimizers: []string{"sgd:lr=0.1+steplr:step_size=2,gamma=0.5", "adam:lr=0.3"}}
	tr, err := New(o)
	if err != nil {
		t.Fatal(err)
	}
	var c bytes.Buffer
	tr.Write(&c)
	lines := strings.Split(strings.TrimSpace(c.String()), "\n")
	if lines[0] != "run,optimizer,step,x,y,loss,lr" || lines[1] != `1,"sgd:lr=0.1+steplr:step_size=2,gamma=0.5",0,0,0,13,0.1` {
		t.Errorf("CSV starts\n%s\n%s", lines[0], lines[1])
	}
	rows, _ := csv.NewReader(strings.NewReader(c.String())).ReadAll()
	wantLR := []string{"0.1", "0.1", "0.05", "0.05", "", "0.3", "0.3", "0.3", "0.3", ""}
	for i, w := range wantLR {
		if got := rows[i+1][6]; got != w {
			t.Errorf("row %d: lr %q, want %q", i+1, got, w)
		}
	}
	o.Format = "json"
	tr, _ = New(o)
	var j bytes.Buffer
	tr.Write(&j)
	var doc struct {
		Columns []string `json:"columns"`
		Runs    []struct {
			Trajectory [][]*float64 `json:"trajectory"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(j.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if strings.Join(doc.Columns, ",") != "x,y,loss,lr" {
		t.Errorf("columns %v", doc.Columns)
	}
	k := 0
	for _, r := range doc.Runs {
		for _, row := range r.Trajectory {
			got := ""
			if row[3] != nil {
				got = FormatFloat(*row[3])
			}
			if got != wantLR[k] {
				t.Errorf("json row %d: lr %q, want %q", k, got, wantLR[k])
			}
			k++
		}
	}
	// Without a schedule: no lr column.
	tr, _ = New(Options{Surface: "parabola", Steps: 1, Optimizers: []string{"adam:lr=0.3"}})
	c.Reset()
	tr.Write(&c)
	if !strings.HasPrefix(c.String(), "run,optimizer,step,x,loss\n") {
		t.Errorf("CSV without a schedule starts %q", c.String()[:30])
	}
}

// TestDivergedRunKeepsItsLR: a run that diverges ends at its last finite
// row, which shows the lr of the step that diverged.
func TestDivergedRunKeepsItsLR(t *testing.T) {
	tr, err := New(Options{Surface: "rosenbrock", Steps: 50, Optimizers: []string{"sgd:lr=0.01+exponentiallr:gamma=2"}})
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	divs, _ := tr.Write(&out)
	if len(divs) != 1 {
		t.Fatalf("divergences %v", divs)
	}
	rows, _ := csv.NewReader(&out).ReadAll()
	last := rows[len(rows)-1]
	step, _ := strconv.Atoi(last[2])
	if lr, err := strconv.ParseFloat(last[6], 64); err != nil || lr != 0.01*math.Pow(2, float64(step)) {
		t.Errorf("last row %v: lr %q, want the lr of step %d, 0.01*2^%d", last, last[6], step+1, step)
	}
}

// TestScheduleOptionErrors: bad schedules are refused before anything is
// written, naming the spec.
func TestScheduleOptionErrors(t *testing.T) {
	tests := []struct {
		opts Options
		want string
	}{
		{Options{Steps: 101, Optimizers: []string{"adam+onecyclelr:max_lr=0.1,total_steps=100"}},
			`trace: "adam+onecyclelr:max_lr=0.1,total_steps=100" allows at most 100 steps, not 101 (torch raises past onecyclelr's total_steps)`},
		{Options{Steps: 10, Optimizers: []string{"adam+steplrr:step_size=3"}}, `optim: unknown scheduler "steplrr" (did you mean "steplr"?)`},
		{Options{Steps: 10, Optimizers: []string{"adam+cycliclr:base_lr=0.1,max_lr=1"}}, "add cycle_momentum=false"},
	}
	for _, tt := range tests {
		_, err := New(tt.opts)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%v: error %v, want %q", tt.opts.Optimizers, err, tt.want)
		}
	}
	if _, err := New(Options{Steps: 100, Optimizers: []string{"adam+onecyclelr:max_lr=0.1,total_steps=100"}}); err != nil {
		t.Errorf("total_steps steps: %v", err)
	}
}

// BenchmarkTraceScheduleOverhead measures `descent trace` (1000 steps on
// Rosenbrock, CSV) with a cosine schedule and without one, alternating the
// two, and reports the median time per step of each and their ratio. With
// the schedule each row also has the lr column.
func BenchmarkTraceScheduleOverhead(b *testing.B) {
	const steps = 1000
	perStep := func(spec string) time.Duration {
		tr, err := New(Options{Surface: "rosenbrock", Steps: steps, Optimizers: []string{spec}})
		if err != nil {
			b.Fatal(err)
		}
		start := time.Now()
		if _, err := tr.Write(io.Discard); err != nil {
			b.Fatal(err)
		}
		return time.Since(start) / steps
	}
	var base, sched []time.Duration
	for b.Loop() {
		base = append(base, perStep("sgd:lr=0.001,momentum=0.9"))
		sched = append(sched, perStep("sgd:lr=0.001,momentum=0.9+cosineannealinglr:T_max=1000"))
	}
	slices.Sort(base)
	slices.Sort(sched)
	mb, ms := base[len(base)/2], sched[len(sched)/2]
	b.ReportMetric(float64(mb.Nanoseconds()), "base-ns/step")
	b.ReportMetric(float64(ms.Nanoseconds()), "sched-ns/step")
	b.ReportMetric(float64(ms)/float64(mb), "ratio")
}
