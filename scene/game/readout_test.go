package game

import (
	"bytes"
	"encoding/csv"
	"strconv"
	"testing"

	"descent/scene/trace"
)

// traceState returns the state columns `descent trace -state` prints for
// run i of g's scene at step, by column name.
func traceState(t *testing.T, g *Game, i, step int) map[string]float64 {
	t.Helper()
	rc := g.sc.Runs[i]
	tr, err := trace.New(trace.Options{
		Surface: g.sc.Surface, Optimizers: []string{rc.Optimizer}, Starts: [][]float64{g.entries[i].run.Start},
		Steps: step, State: true, Stochastic: rc.Stochastic(),
	})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := tr.Write(&buf); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	last := rows[len(rows)-1]
	if last[2] != strconv.Itoa(step) {
		t.Fatalf("trace's last row is step %s, want %d", last[2], step)
	}
	out := map[string]float64{}
	for c, name := range rows[0] {
		if c < 6 || last[c] == "" {
			continue
		}
		v, err := strconv.ParseFloat(last[c], 64)
		if err != nil {
			t.Fatal(err)
		}
		out[name] = v
	}
	return out
}

// readoutState returns the state rows of the readout of run i, by trace's
// column names.
func readoutState(g *Game, i int) map[string]float64 {
	out := map[string]float64{}
	inState := false
	for _, it := range g.readoutItems(i) {
		if it.heading {
			inState = it.name == "state (torch's optimizer.state)"
			continue
		}
		if !inState || it.name == "step" {
			continue
		}
		switch len(it.values) {
		case 1:
			out[it.name] = it.values[0]
			if it.name != "mu_product" { // a scalar in torch; a 1-element tensor otherwise
				out[it.name+"_x"] = it.values[0]
				delete(out, it.name)
			}
		case 2:
			out[it.name+"_x"], out[it.name+"_y"] = it.values[0], it.values[1]
		}
	}
	return out
}

// TestReadoutMatchesTraceState: for every run of the default scene (six
// optimizers), the readout's state after 25 steps, and after going back to
// step 9, is the state `descent trace -state` prints for that step, value
// for value; and the readout's update is the step the run took.
func TestReadoutMatchesTraceState(t *testing.T) {
	g := newTestGame(t, "himmelblau-six")
	for range 25 {
		g.step()
	}
	check := func(step int) {
		t.Helper()
		values := 0
		defer func() {
			if values < 12 { // momentum, nesterov, adagrad and rmsprop 2 each, adam 4
				t.Errorf("at step %d only %d state values compared", step, values)
			}
		}()
		for i := range g.entries {
			want := traceState(t, g, i, step)
			got := readoutState(g, i)
			values += len(want)
			if len(got) != len(want) {
				t.Fatalf("run %d (%s) at step %d: readout state %v, trace %v", i+1, g.sc.Runs[i].Optimizer, step, got, want)
			}
			for name, v := range want {
				if got[name] != v {
					t.Errorf("run %d (%s) at step %d: %s = %v in the readout, %v in trace -state", i+1, g.sc.Runs[i].Optimizer, step, name, got[name], v)
				}
			}
			e := g.entries[i]
			tr := e.run.Trail
			before, now := tr.At(tr.Len()-2), tr.At(tr.Len()-1)
			if e.last == nil || e.last.Update[0] != now.X-before.X || e.last.Update[1] != now.Y-before.Y || e.last.Next[0] != now.X {
				t.Errorf("run %d at step %d: the explained update %v is not the step the run took", i+1, step, e.last)
			}
		}
	}
	check(25)
	g.seek(9)
	check(9)
	g.selected = 5
	if ro := g.readout(); len(ro.Rows) < 12 || ro.Title == "" {
		t.Errorf("Adam's readout has %d rows: %+v", len(ro.Rows), ro.Rows)
	}
}
