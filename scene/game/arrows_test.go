package game

import (
	"testing"
)

// TestArrowsAndStability: with G every run's next step is explained where
// the run is (its update is the step the run then takes, noise included);
// a selected run keeps the arrows to itself; U judges the selected
// gradient-descent run's current lr, and none for Adam.
func TestArrowsAndStability(t *testing.T) {
	g := newTestGame(t, "himmelblau-six") // GD, momentum, Nesterov, Adagrad, RMSprop, Adam
	g.show.Arrows = true
	for range 7 {
		g.step()
	}
	for i, e := range g.entries {
		s := g.arrowStep(i)
		if s == nil {
			t.Fatalf("run %d has no arrows", i+1)
		}
		from := append([]float64(nil), e.run.Point()...)
		if s.From[0] != from[0] || s.From[1] != from[1] {
			t.Fatalf("run %d's arrows start at %v, the run is at %v", i+1, s.From, from)
		}
		if err := e.run.Step(); err != nil {
			t.Fatal(err)
		}
		if got := e.run.Point(); got[0]-from[0] != s.Update[0] || got[1]-from[1] != s.Update[1] {
			t.Errorf("run %d: the update arrow %v, the step taken %v", i+1, s.Update, []float64{got[0] - from[0], got[1] - from[1]})
		}
		if (s.Box != nil) != (i >= 3) {
			t.Errorf("run %d (%s): box %v; want one for the adaptive methods only", i+1, g.sc.Runs[i].Optimizer, s.Box)
		}
	}
	g.selected = 2
	for i := range g.entries {
		if (g.arrowStep(i) != nil) != (i == 2) {
			t.Errorf("with run 3 selected, run %d has arrows %v", i+1, g.arrowStep(i) != nil)
		}
	}
	if g.stabilityOverlay() != nil {
		t.Error("the overlay is drawn while off")
	}
	g.show.Stability = true
	st := g.stabilityOverlay()
	if st == nil || st.Rule.LR != 0.004 || st.Rule.Momentum != 0.9 || !st.Rule.Nesterov {
		t.Fatalf("overlay for the selected Nesterov run: %+v", st)
	}
	g.selected = 5
	if g.stabilityOverlay() != nil {
		t.Error("an overlay for Adam, which has no single lr bound")
	}
	g.selected = -1
	if st := g.stabilityOverlay(); st == nil || st.Rule.LR != 0.01 || st.Rule.Momentum != 0 {
		t.Errorf("with none selected the first GD run's overlay: %+v", st)
	}
}
