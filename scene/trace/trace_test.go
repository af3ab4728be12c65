package trace

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"sort"
	"strconv"
	"strings"
	"testing"

	"descent/optim"
	"descent/scene/run"
	"descent/scene/surface"
)

// goldenCase is one line of optim/testdata/torch-trajectories.jsonl or of
// testdata/torch-models.jsonl.
type goldenCase struct {
	Surface    string         `json:"surface"`
	Expr       string         `json:"expr"`
	Data       string         `json:"data"`
	Optimizer  string         `json:"optimizer"`
	Params     map[string]any `json:"params"`
	Start      []float64      `json:"start"`
	Steps      int            `json:"steps"`
	Trajectory [][]float64    `json:"trajectory"`
}

func loadGolden(t *testing.T) []goldenCase {
	t.Helper()
	cases := readGolden(t, "../../optim/testdata/torch-trajectories.jsonl")
	if len(cases) < 20 {
		t.Fatalf("only %d golden cases", len(cases))
	}
	return cases
}

// readGolden reads the cases of a JSON-lines file of torch trajectories.
func readGolden(t *testing.T, path string) []goldenCase {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var cases []goldenCase
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		var c goldenCase
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			t.Fatal(err)
		}
		cases = append(cases, c)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return cases
}

// spec writes a golden case's optimizer and parameters as a command-line spec.
func (c goldenCase) spec() string {
	keys := make([]string, 0, len(c.Params))
	for k := range c.Params {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s=%v", k, c.Params[k])
	}
	// The reference was made with torch 1.13, whose NAdam differs from
	// torch >= 2.0 (see optim.NAdam.LegacyMuProduct); Descent follows current
	// torch by default and reproduces 1.13 with this key.
	if c.Optimizer == "nadam" {
		parts = append(parts, "legacy_mu_product=true")
	}
	return c.Optimizer + ":" + strings.Join(parts, ",")
}

func (c goldenCase) options() Options {
	o := Options{Optimizers: []string{c.spec()}, Starts: [][]float64{c.Start}, Steps: c.Steps}
	switch c.Surface {
	case "expr":
		o.Expr = c.Expr
	case "ols":
		o.Data = "../../assets/data/" + c.Data
	case "logistic", "tanh-unit":
		o.Surface, o.Data = c.Surface, "../../assets/data/"+c.Data
	default:
		o.Surface = c.Surface
	}
	return o
}

// TestGoldenTorchTrajectories runs every torch reference case through the
// code path of `descent trace` (options -> CSV text) and requires agreement
// within 1e-9 relative to max(1, |value|) on every coordinate and loss.
func TestGoldenTorchTrajectories(t *testing.T) {
	for i, c := range loadGolden(t) {
		name := fmt.Sprintf("%02d-%s-%s", i, c.Surface, c.Optimizer)
		t.Run(name, func(t *testing.T) {
			worst, _ := runGolden(t, c)
			t.Logf("worst relative difference %.3g", worst)
		})
	}
}

// TestGoldenTorchModels runs torch's trajectories on the model surfaces
// (logistic regression on overlapping and on separable data, the tanh
// unit) through `descent trace`'s code path: every weight, bias and loss
// within 1e-9 of torch's relative to max(1, |value|), and within 1e-9
// relative to the value itself (the loss on separable data falls far
// below 1). In fact they agree to about 1e-14.
func TestGoldenTorchModels(t *testing.T) {
	cases := readGolden(t, "testdata/torch-models.jsonl")
	seen := map[string]bool{}
	for i, c := range cases {
		seen[c.Surface+" "+c.Data] = true
		t.Run(fmt.Sprintf("%02d-%s-%s-%s", i, c.Surface, c.Data, c.Optimizer), func(t *testing.T) {
			worst, worstPure := runGolden(t, c)
			t.Logf("worst relative difference %.3g (to the value itself %.3g)", worst, worstPure)
			if worstPure > 1e-9 {
				t.Errorf("worst difference relative to the value itself %.3g > 1e-9", worstPure)
			}
		})
	}
	for _, want := range []string{"logistic logistic-200.csv", "logistic logistic-separable-100.csv", "tanh-unit tanh-300.csv"} {
		if !seen[want] {
			t.Errorf("no golden case for %s", want)
		}
	}
}

// runGolden traces one golden case and checks every row against torch's
// within 1e-9 relative to max(1, |value|). It returns the worst difference
// so measured and the worst relative to |value| alone.
func runGolden(t *testing.T, c goldenCase) (worst, worstPure float64) {
	t.Helper()
	tr, err := New(c.options())
	if err != nil {
		t.Fatalf("%s: %v", c.spec(), err)
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
	if len(rows)-1 != len(c.Trajectory) {
		t.Fatalf("%d rows, torch has %d", len(rows)-1, len(c.Trajectory))
	}
	for k, want := range c.Trajectory {
		row := rows[k+1]
		if row[2] != strconv.Itoa(k) {
			t.Fatalf("row %d has step %s", k, row[2])
		}
		got := row[3:]
		if len(got) != len(want) {
			t.Fatalf("row %d has %d values, torch %d", k, len(got), len(want))
		}
		for j := range want {
			g, err := strconv.ParseFloat(got[j], 64)
			if err != nil {
				t.Fatal(err)
			}
			d := math.Abs(g - want[j])
			worst = math.Max(worst, d/math.Max(1, math.Abs(want[j])))
			if want[j] != 0 {
				worstPure = math.Max(worstPure, d/math.Abs(want[j]))
			}
			if !(d/math.Max(1, math.Abs(want[j])) <= 1e-9) {
				t.Fatalf("step %d column %d: got %v, torch %v (relative difference %.3g)", k, j, g, want[j], d)
			}
		}
	}
	return worst, worstPure
}

func TestCSVShape(t *testing.T) {
	tests := []struct {
		name   string
		opts   Options
		header string
		rows   int
	}{
		{"2-D default", Options{Surface: "bowl", Steps: 3}, "run,optimizer,step,x,y,loss", 4},
		{"1-D", Options{Surface: "parabola", Steps: 5}, "run,optimizer,step,x,loss", 6},
		{"starts outer", Options{Surface: "booth", Steps: 2, Optimizers: []string{"sgd", "adam"}, Starts: [][]float64{{1, 2}, {3, 4}}}, "run,optimizer,step,x,y,loss", 12},
		{"zero steps", Options{Expr: "x^2+y^2", Steps: 0}, "run,optimizer,step,x,y,loss", 1},
		{"1-D expression", Options{Expr: "(x-1)^2", Steps: 1}, "run,optimizer,step,x,loss", 2},
		{"ols keeps x,y", Options{Surface: "ols", Steps: 1}, "run,optimizer,step,x,y,loss", 2},
		{"ols of a file", Options{Surface: "ols", Data: "../../assets/data/ols-1000.csv", Steps: 1}, "run,optimizer,step,x,y,loss", 2},
		{"logistic", Options{Surface: "logistic", Data: "../../assets/data/logistic-200.csv", Steps: 2}, "run,optimizer,step,weight,bias,loss", 3},
		{"tanh unit", Options{Surface: "tanh-unit", Data: "tanh-300.csv", Steps: 2}, "run,optimizer,step,w1,w2,loss", 3},
		{"mlp slice", Options{Surface: "mlp-slice", Steps: 1}, "run,optimizer,step,alpha,beta,loss", 2},
		{"mlp slice batches", Options{Surface: "mlp-slice", Steps: 1, Stochastic: run.Stochastic{Batch: 4, Seed: 2}}, "run,optimizer,step,alpha,beta,loss", 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tr, err := New(tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			var out bytes.Buffer
			if _, err := tr.Write(&out); err != nil {
				t.Fatal(err)
			}
			lines := strings.Split(strings.TrimSpace(out.String()), "\n")
			if lines[0] != tc.header {
				t.Errorf("header %q, want %q", lines[0], tc.header)
			}
			if len(lines)-1 != tc.rows {
				t.Errorf("%d rows, want %d", len(lines)-1, tc.rows)
			}
		})
	}
	// Starts are the outer loop: runs 1 and 2 start at (1,2), runs 3 and 4 at (3,4).
	tr, _ := New(Options{Surface: "booth", Steps: 0, Optimizers: []string{"sgd", "adam"}, Starts: [][]float64{{1, 2}, {3, 4}}})
	var out bytes.Buffer
	tr.Write(&out)
	rows, _ := csv.NewReader(&out).ReadAll()
	wantStarts := []string{"1", "1", "3", "3"}
	wantOpts := []string{"sgd", "adam", "sgd", "adam"}
	for i := range 4 {
		if rows[i+1][3] != wantStarts[i] || rows[i+1][1] != wantOpts[i] {
			t.Errorf("run %d: start x %s optimizer %s, want %s %s", i+1, rows[i+1][3], rows[i+1][1], wantStarts[i], wantOpts[i])
		}
	}
}

func TestJSONMatchesCSV(t *testing.T) {
	o := Options{Surface: "rosenbrock", Steps: 20, Optimizers: []string{"adam:lr=0.05", "nesterov:lr=0.001"}}
	csvTrace, _ := New(o)
	var c bytes.Buffer
	csvTrace.Write(&c)
	o.Format = "json"
	jsonTrace, _ := New(o)
	var j bytes.Buffer
	jsonTrace.Write(&j)
	var doc struct {
		Runs []struct {
			Optimizer  string      `json:"optimizer"`
			Trajectory [][]float64 `json:"trajectory"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(j.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	rows, _ := csv.NewReader(&c).ReadAll()
	k := 1
	for _, r := range doc.Runs {
		for _, p := range r.Trajectory {
			for col, v := range p {
				if rows[k][3+col] != FormatFloat(v) {
					t.Fatalf("row %d col %d: csv %s json %v", k, col, rows[k][3+col], v)
				}
			}
			k++
		}
	}
	if k != len(rows) {
		t.Errorf("json has %d rows, csv %d", k-1, len(rows)-1)
	}
}

// TestHugeLearningRateDiverges runs every optimizer at lr=1e6 on every
// surface for 500 steps: nothing panics, and every run either stays finite
// or is reported diverged at its last finite row.
func TestHugeLearningRateDiverges(t *testing.T) {
	diverged := 0
	for _, surf := range surface.All() {
		for _, m := range optim.Methods() {
			tr, err := New(Options{Surface: surf.Name, Optimizers: []string{m.Name + ":lr=1e6"}, Steps: 500})
			if err != nil {
				t.Fatalf("%s %s: %v", surf.Name, m.Name, err)
			}
			var out bytes.Buffer
			divs, err := tr.Write(&out)
			if err != nil {
				t.Fatal(err)
			}
			rows, _ := csv.NewReader(&out).ReadAll()
			for _, row := range rows[1:] {
				for _, v := range row[3:] {
					f, _ := strconv.ParseFloat(v, 64)
					if math.IsNaN(f) || math.IsInf(f, 0) {
						t.Fatalf("%s %s: non-finite value %s in output", surf.Name, m.Name, v)
					}
				}
			}
			if len(divs) == 1 {
				diverged++
				lastStep, _ := strconv.Atoi(rows[len(rows)-1][2])
				if divs[0].Step != lastStep+1 {
					t.Errorf("%s %s: diverged at step %d but last row is step %d", surf.Name, m.Name, divs[0].Step, lastStep)
				}
				if !strings.Contains(divs[0].String(), "diverged at step") {
					t.Errorf("message %q", divs[0])
				}
			} else if len(rows) != 502 {
				t.Errorf("%s %s: %d rows without divergence", surf.Name, m.Name, len(rows)-1)
			}
		}
	}
	if diverged == 0 {
		t.Fatal("no run diverged at lr=1e6")
	}
	t.Logf("%d runs diverged", diverged)
}

func TestSameSeedSameTrace(t *testing.T) {
	o := Options{Surface: "ols", Steps: 50, Optimizers: []string{"sgd:lr=0.05", "adam:lr=0.1"},
		Stochastic: run.Stochastic{Batch: 8, Noise: 0.3, Seed: 42}}
	traceText := func(o Options) string {
		tr, err := New(o)
		if err != nil {
			t.Fatal(err)
		}
		var out bytes.Buffer
		tr.Write(&out)
		return out.String()
	}
	a, b := traceText(o), traceText(o)
	if a != b {
		t.Fatal("same seed gave different traces")
	}
	o.Stochastic.Seed = 43
	if traceText(o) == a {
		t.Fatal("a different seed gave the same trace")
	}
	o.Stochastic = run.Stochastic{}
	if traceText(o) == a {
		t.Fatal("exact gradients gave the stochastic trace")
	}
}

func TestBadOptions(t *testing.T) {
	tests := []struct {
		name string
		opts Options
		want string
	}{
		{"negative steps", Options{Steps: -1}, "invalid number of steps"},
		{"format", Options{Format: "xml"}, "unknown format"},
		{"two surfaces", Options{Surface: "bowl", Expr: "x"}, "only one of"},
		{"unknown surface", Options{Surface: "bowel"}, "unknown surface"},
		{"bad expression", Options{Expr: "x +"}, "column"},
		{"bad optimizer", Options{Optimizers: []string{"adma"}}, "unknown optimizer"},
		{"start dims", Options{Surface: "bowl", Starts: [][]float64{{1}}}, "needs 2"},
		{"batch on non-data", Options{Surface: "bowl", Stochastic: run.Stochastic{Batch: 3}}, "data surface"},
		{"negative noise", Options{Surface: "bowl", Stochastic: run.Stochastic{Noise: -1}}, "invalid noise"},
		{"missing data", Options{Data: "/nonexistent/points.csv"}, "points.csv"},
		{"model without data", Options{Surface: "logistic"}, "trace: -surface logistic needs -data FILE.csv with columns x,label"},
		{"tanh without data", Options{Surface: "tanh-unit"}, "trace: -surface tanh-unit needs -data FILE.csv with columns x,y"},
		{"data on a test function", Options{Surface: "rosenbrock", Data: "tanh-300.csv"}, "trace: -data goes with a data surface (ols, logistic, tanh-unit), not -surface rosenbrock"},
		{"data on mlp-slice", Options{Surface: "mlp-slice", Data: "tanh-300.csv"}, "trace: -surface mlp-slice trains on its built-in data set (moons-100.csv) and takes no -data"},
		{"data on an unknown surface", Options{Surface: "logistik", Data: "tanh-300.csv"}, `unknown surface "logistik" (did you mean "logistic"?)`},
		{"logistic of x,y columns", Options{Surface: "logistic", Data: "tanh-300.csv"}, `surface: tanh-300.csv: no column "label" (the header has x,y; want columns x,label)`},
		{"logistic of missing data", Options{Surface: "logistic", Data: "/nonexistent/l.csv"}, "surface: /nonexistent/l.csv: no such file"},
		{"batch on expression", Options{Expr: "x^2+y^2", Stochastic: run.Stochastic{Batch: 3}}, "-batch needs a data surface"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := New(tc.opts)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want it to mention %q", err, tc.want)
			}
		})
	}
}

func BenchmarkTraceRosenbrockAdam(b *testing.B) {
	for b.Loop() {
		tr, _ := New(Options{Surface: "rosenbrock", Steps: 1000, Optimizers: []string{"adam:lr=0.05"}})
		tr.Write(&bytes.Buffer{})
	}
}
