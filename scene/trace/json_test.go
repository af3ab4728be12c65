package trace

import (
	"bytes"
	"encoding/json"
	"io"
	"math"
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"
)

// streamedDoc is the JSON document in the order the stream writes it.
type streamedDoc struct {
	Surface string   `json:"surface"`
	Dim     int      `json:"dim"`
	Steps   int      `json:"steps"`
	Columns []string `json:"columns"`
	Runs    []struct {
		Run        int         `json:"run"`
		Optimizer  string      `json:"optimizer"`
		Start      []float64   `json:"start"`
		Trajectory [][]float64 `json:"trajectory"`
		DivergedAt *int        `json:"diverged_at"`
	} `json:"runs"`
}

// TestJSONStreamIsEncodingJSON: the streamed document, decoded and encoded
// again by encoding/json, comes out byte for byte the same, so every
// number and string is written as encoding/json writes it; diverged_at
// says where a run diverged.
func TestJSONStreamIsEncodingJSON(t *testing.T) {
	tests := []Options{
		{Surface: "rosenbrock", Steps: 30, Optimizers: []string{"adam:lr=0.05", "sgd:lr=1e6", "nesterov:lr=0.001"}},
		{Surface: "parabola", Steps: 5, Starts: [][]float64{{6}, {-1e-7}}},
		{Expr: "x^2/1e25 + y^2*1e-9", Steps: 3, Starts: [][]float64{{3e21, 1e-8}}},
		{Surface: "ols", Steps: 0, Optimizers: []string{"sgd:lr=0.01"}},
	}
	for _, o := range tests {
		o.Format = "json"
		tr, err := New(o)
		if err != nil {
			t.Fatal(err)
		}
		var out bytes.Buffer
		divs, err := tr.Write(&out)
		if err != nil {
			t.Fatal(err)
		}
		var doc streamedDoc
		if err := json.Unmarshal(out.Bytes(), &doc); err != nil {
			t.Fatalf("%+v: %v\n%s", o, err, out.String())
		}
		var again bytes.Buffer
		if err := json.NewEncoder(&again).Encode(doc); err != nil {
			t.Fatal(err)
		}
		if again.String() != out.String() {
			t.Errorf("%+v: streamed\n%s\nencoding/json\n%s", o, out.String(), again.String())
		}
		diverged := map[int]int{}
		for _, d := range divs {
			diverged[d.Run] = d.Step
		}
		for _, r := range doc.Runs {
			step, ok := diverged[r.Run]
			switch {
			case ok != (r.DivergedAt != nil):
				t.Errorf("run %d: diverged_at %v, reported divergences %v", r.Run, r.DivergedAt, divs)
			case ok && *r.DivergedAt != step:
				t.Errorf("run %d: diverged_at %d, reported at %d", r.Run, *r.DivergedAt, step)
			case ok && len(r.Trajectory) != step:
				t.Errorf("run %d diverged at step %d after %d rows", r.Run, step, len(r.Trajectory))
			}
		}
	}
}

// TestJSONFloat: numbers are written as encoding/json writes float64s.
func TestJSONFloat(t *testing.T) {
	values := []float64{0, math.Copysign(0, -1), 1, -1, 0.1, 1e-6, 9.99e-7, 1e-7, 1.5e-9, 1e20, 1e21, 1.2e21, -3e-300,
		5e-324, math.MaxFloat64, 123456789.125, 1e-10, 1e100, 0.000001234}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 10000 {
		values = append(values, math.Float64frombits(rng.Uint64()))
	}
	for _, v := range values {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			continue
		}
		want, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		if got := appendJSONFloat(nil, v); string(got) != string(want) {
			t.Errorf("%v: %s, encoding/json %s", v, got, want)
		}
	}
}

// TestJSONMemoryFlat: writing a JSON trace allocates the same whether it
// has 100,000 or 1,000,000 steps, as counted by the runtime (the test is
// not parallel): the document is streamed, not held.
func TestJSONMemoryFlat(t *testing.T) {
	allocated := func(steps int) uint64 {
		tr, err := New(Options{Surface: "rosenbrock", Steps: steps, Optimizers: []string{"adam:lr=0.01"}, Format: "json"})
		if err != nil {
			t.Fatal(err)
		}
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		if _, err := tr.Write(io.Discard); err != nil {
			t.Fatal(err)
		}
		runtime.ReadMemStats(&after)
		return after.TotalAlloc - before.TotalAlloc
	}
	small, large := allocated(100_000), allocated(1_000_000)
	if large > 256<<10 || large > small+64<<10 {
		t.Errorf("100,000 steps allocate %d bytes, 1,000,000 steps %d", small, large)
	}
}

// TestJSONWriteError: a failing writer's error is returned.
func TestJSONWriteError(t *testing.T) {
	tr, err := New(Options{Steps: 100_000, Format: "json"})
	if err != nil {
		t.Fatal(err)
	}
	w := &failAfter{n: 1 << 20}
	if _, err := tr.Write(w); err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Fatalf("error %v, want the writer's", err)
	}
}

// failAfter accepts n bytes, then fails every write.
type failAfter struct{ n int }

func (f *failAfter) Write(p []byte) (int, error) {
	if f.n <= 0 {
		return 0, errDiskFull
	}
	f.n -= len(p)
	return len(p), nil
}

var errDiskFull = &writeError{"disk full"}

type writeError struct{ msg string }

func (e *writeError) Error() string { return e.msg }
