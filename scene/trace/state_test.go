package trace

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// stateCase is one line of optim/testdata/torch-state.jsonl: a golden case
// with torch's optimizer.state[p] after each step.
type stateCase struct {
	goldenCase
	State []json.RawMessage `json:"state"`
}

func loadStateGolden(t *testing.T) []stateCase {
	t.Helper()
	f, err := os.Open("../../optim/testdata/torch-state.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var cases []stateCase
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		var c stateCase
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			t.Fatal(err)
		}
		cases = append(cases, c)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(cases) < 8 {
		t.Fatalf("only %d state cases", len(cases))
	}
	return cases
}

// stateObject is a JSON object of numbers and number arrays, keys in order;
// a scalar is a one-value slice with scalar[key] set.
type stateObject struct {
	keys   []string
	values map[string][]float64
	scalar map[string]bool
}

func parseStateObject(t *testing.T, raw []byte) stateObject {
	t.Helper()
	o := stateObject{values: map[string][]float64{}, scalar: map[string]bool{}}
	dec := json.NewDecoder(bytes.NewReader(raw))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		t.Fatalf("state %s is not an object", raw)
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			t.Fatal(err)
		}
		key := tok.(string)
		var v any
		if err := dec.Decode(&v); err != nil {
			t.Fatal(err)
		}
		o.keys = append(o.keys, key)
		switch v := v.(type) {
		case float64:
			o.values[key], o.scalar[key] = []float64{v}, true
		case []any:
			for _, x := range v {
				o.values[key] = append(o.values[key], x.(float64))
			}
		default:
			t.Fatalf("key %s: unexpected %T", key, v)
		}
	}
	return o
}

// relDiff is |got-want| relative to |want| itself (absolute below 1e-300).
func relDiff(got, want float64) float64 {
	if got == want {
		return 0
	}
	return math.Abs(got-want) / math.Max(math.Abs(want), 1e-300)
}

// TestGoldenTorchStateCSV runs every case of torch-state.jsonl through the
// code path of `descent trace -state` (options -> CSV text) and requires
// the state columns to hold torch's state after each step: the columns
// NAME_x, NAME_y and NAME of exactly torch's keys (step aside, which must be
// the row's step), every value within 1e-9 relative to the value itself.
func TestGoldenTorchStateCSV(t *testing.T) {
	for i, c := range loadStateGolden(t) {
		t.Run(fmt.Sprintf("%02d-%s-%s", i, c.Surface, c.Optimizer), func(t *testing.T) {
			o := c.options()
			o.State = true
			tr, err := New(o)
			if err != nil {
				t.Fatalf("%s: %v", c.spec(), err)
			}
			var out bytes.Buffer
			if divs, err := tr.Write(&out); err != nil || len(divs) > 0 {
				t.Fatalf("write: %v, divergences %v", err, divs)
			}
			rows, err := csv.NewReader(&out).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			header := rows[0]
			if len(rows)-1 != c.Steps+1 {
				t.Fatalf("%d rows for %d steps", len(rows)-1, c.Steps)
			}
			first := parseStateObject(t, c.State[0])
			var wantCols []string
			for _, k := range first.keys {
				switch {
				case k == "step":
				case first.scalar[k]:
					wantCols = append(wantCols, k)
				default:
					wantCols = append(wantCols, k+"_x", k+"_y")
				}
			}
			if got := header[6:]; !slices.Equal(got, wantCols) {
				t.Fatalf("state columns %v, want %v", got, wantCols)
			}
			for _, cell := range rows[1][6:] {
				if cell != "" {
					t.Fatalf("row 0 has state %v", rows[1][6:])
				}
			}
			worst := 0.0
			for k, raw := range c.State {
				want := parseStateObject(t, raw)
				if s, ok := want.values["step"]; ok && s[0] != float64(k+1) {
					t.Fatalf("torch's step %v on row %d", s[0], k+1)
				}
				row := rows[k+2]
				if row[2] != strconv.Itoa(k+1) {
					t.Fatalf("row %d has step %s", k+1, row[2])
				}
				col := 6
				for _, key := range want.keys {
					if key == "step" {
						continue
					}
					for q, w := range want.values[key] {
						g, err := strconv.ParseFloat(row[col], 64)
						if err != nil {
							t.Fatalf("row %d column %s: %v", k+1, header[col], err)
						}
						d := relDiff(g, w)
						worst = math.Max(worst, d)
						if !(d <= 1e-9) {
							t.Fatalf("step %d %s[%d]: got %v, torch %v (relative difference %.3g)", k+1, key, q, g, w, d)
						}
						col++
					}
				}
			}
			t.Logf("worst relative difference %.3g", worst)
		})
	}
}

// TestGoldenTorchStateJSON: with -format json, each run's "state" has one
// object per row, {} first, then torch's state dict with torch's keys in
// torch's order (step included), every value within 1e-9 relative.
func TestGoldenTorchStateJSON(t *testing.T) {
	for i, c := range loadStateGolden(t) {
		t.Run(fmt.Sprintf("%02d-%s-%s", i, c.Surface, c.Optimizer), func(t *testing.T) {
			o := c.options()
			o.State, o.Format = true, "json"
			tr, err := New(o)
			if err != nil {
				t.Fatal(err)
			}
			var out bytes.Buffer
			if _, err := tr.Write(&out); err != nil {
				t.Fatal(err)
			}
			var doc struct {
				Runs []struct {
					Trajectory [][]float64       `json:"trajectory"`
					State      []json.RawMessage `json:"state"`
				} `json:"runs"`
			}
			if err := json.Unmarshal(out.Bytes(), &doc); err != nil {
				t.Fatal(err)
			}
			r := doc.Runs[0]
			if len(r.State) != len(r.Trajectory) || len(r.State) != c.Steps+1 {
				t.Fatalf("%d states, %d trajectory rows, %d steps", len(r.State), len(r.Trajectory), c.Steps)
			}
			if s := strings.TrimSpace(string(r.State[0])); s != "{}" {
				t.Fatalf("row 0 state %s, want {}", s)
			}
			for k, raw := range c.State {
				want := parseStateObject(t, raw)
				got := parseStateObject(t, r.State[k+1])
				if !slices.Equal(got.keys, want.keys) {
					t.Fatalf("step %d: keys %v, torch %v", k+1, got.keys, want.keys)
				}
				for _, key := range want.keys {
					if got.scalar[key] != want.scalar[key] || len(got.values[key]) != len(want.values[key]) {
						t.Fatalf("step %d: %s is %v, torch %v", k+1, key, got.values[key], want.values[key])
					}
					for q, w := range want.values[key] {
						if d := relDiff(got.values[key][q], w); !(d <= 1e-9) {
							t.Fatalf("step %d %s[%d]: got %v, torch %v", k+1, key, q, got.values[key][q], w)
						}
					}
				}
			}
		})
	}
}

// TestStateColumnsMixedRuns: runs of different optimizers share one header,
// the union of their columns; a run leaves the others' columns empty. 1-D
// surfaces have NAME_x only. Without -state nothing changes.
func TestStateColumnsMixedRuns(t *testing.T) {
	tr, err := New(Options{Surface: "bowl", Steps: 2, State: true, Optimizers: []string{"gd", "momentum", "adam", "nadam"}})
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	tr.Write(&out)
	rows, _ := csv.NewReader(&out).ReadAll()
	want := "run,optimizer,step,x,y,loss,momentum_buffer_x,momentum_buffer_y,exp_avg_x,exp_avg_y,exp_avg_sq_x,exp_avg_sq_y,mu_product"
	if got := strings.Join(rows[0], ","); got != want {
		t.Fatalf("header %s\nwant   %s", got, want)
	}
	for _, row := range rows[1:] {
		filled := []bool{}
		for _, cell := range row[6:] {
			filled = append(filled, cell != "")
		}
		var wantFilled []bool
		step := row[2]
		switch row[1] {
		case "sgd":
			wantFilled = []bool{false, false, false, false, false, false, false}
		case "sgd:momentum=0.9":
			wantFilled = []bool{true, true, false, false, false, false, false}
		case "adam":
			wantFilled = []bool{false, false, true, true, true, true, false}
		case "nadam":
			wantFilled = []bool{false, false, true, true, true, true, true}
		}
		if step == "0" {
			wantFilled = make([]bool, 7)
		}
		if !slices.Equal(filled, wantFilled) {
			t.Errorf("%s step %s: filled %v, want %v", row[1], step, filled, wantFilled)
		}
	}
	one, _ := New(Options{Surface: "parabola", Steps: 1, State: true, Optimizers: []string{"adam"}})
	if got := strings.Join(one.StateColumns(), ","); got != "exp_avg_x,exp_avg_sq_x" {
		t.Errorf("1-D state columns %s", got)
	}
	plain, _ := New(Options{Surface: "bowl", Steps: 1, Optimizers: []string{"adam"}})
	out.Reset()
	plain.Write(&out)
	if !strings.HasPrefix(out.String(), "run,optimizer,step,x,y,loss\n") {
		t.Errorf("without -state: %q", out.String())
	}
}

// TestStateNonFiniteJSON: a state value that overflows is written as null in
// JSON (JSON has no infinities) and as +Inf in CSV.
func TestStateNonFiniteJSON(t *testing.T) {
	// Adagrad's sum overflows while x barely moves.
	o := Options{Expr: "1e200*x", Steps: 2, State: true, Optimizers: []string{"adagrad"}, Starts: [][]float64{{1}}}
	tr, _ := New(o)
	var out bytes.Buffer
	tr.Write(&out)
	if !strings.Contains(out.String(), "+Inf") {
		t.Fatalf("CSV without +Inf:\n%s", out.String())
	}
	o.Format = "json"
	tr, _ = New(o)
	out.Reset()
	if _, err := tr.Write(&out); err != nil {
		t.Fatal(err)
	}
	if !json.Valid(out.Bytes()) || !strings.Contains(out.String(), `"sum":[null]`) {
		t.Fatalf("JSON: %s", out.String())
	}
}

// BenchmarkTraceState measures `descent trace` per optimizer step (CSV, Adam
// on Rosenbrock) with the state bookkeeping off and on; ns/step is the
// median-friendly figure the README quotes.
func BenchmarkTraceState(b *testing.B) {
	const steps = 10000
	for _, format := range []string{"csv", "json"} {
		for _, on := range []bool{false, true} {
			name := format + "/off"
			if on {
				name = format + "/on"
			}
			b.Run(name, func(b *testing.B) {
				var out bytes.Buffer
				for b.Loop() {
					tr, _ := New(Options{Surface: "rosenbrock", Steps: steps, Format: format, State: on, Optimizers: []string{"adam:lr=0.05"}})
					out.Reset()
					tr.Write(&out)
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*steps), "ns/step")
			})
		}
	}
}
