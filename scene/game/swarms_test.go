package game

import (
	"math"
	"slices"
	"testing"

	"descent/scene/hud"
)

// TestSwarmsFollowTheirRuns: each run's swarm is at its run's step as the
// runs play; going back in time puts it back and forward again to the very
// same places; the legend's shares of each swarm add up to one; a change
// of a run's optimizer gives it a new swarm, and the other runs keep
// theirs.
func TestSwarmsFollowTheirRuns(t *testing.T) {
	g := newTestGame(t, "himmelblau-swarm")
	if len(g.swarms.runs) != 4 {
		t.Fatalf("%d swarms, want 4", len(g.swarms.runs))
	}
	for i, rs := range g.swarms.runs {
		if rs == nil || rs.s.Len() != 2000 {
			t.Fatalf("run %d: swarm %v, want 2,000 particles", i+1, rs)
		}
	}
	for range 30 {
		g.step()
	}
	xs, ys := g.shownSwarm(0).Points()
	at30 := slices.Concat(xs, ys)
	for i := range g.entries {
		if s := g.shownSwarm(i); s == nil || s.Steps() != g.entries[i].run.Steps() {
			t.Fatalf("run %d at step %d: its swarm is not shown at that step", i+1, g.entries[i].run.Steps())
		}
	}
	g.seek(10)
	if s := g.shownSwarm(0); s == nil || s.Steps() != 10 {
		t.Fatalf("after seeking to step 10 the swarm is not at step 10")
	}
	xs, ys = g.shownSwarm(0).Points()
	if slices.Equal(slices.Concat(xs, ys), at30) {
		t.Fatal("back at step 10, the particles are where they were at step 30")
	}
	g.seek(30)
	xs, ys = g.shownSwarm(0).Points()
	if !slices.Equal(slices.Concat(xs, ys), at30) {
		t.Fatal("forward to step 30 again, the particles are elsewhere than the first time")
	}
	for i := range g.entries {
		var r hud.Run
		g.swarmLegend(i, &r)
		sum := 0.0
		for _, sh := range r.Swarm {
			sum += sh.Value
		}
		if r.SwarmNote != "2,000 particles:" || len(r.Swarm) < 4 || math.Abs(sum-1) > 1e-9 {
			t.Errorf("run %d's legend: %q, %d shares summing to %v", i+1, r.SwarmNote, len(r.Swarm), sum)
		}
	}
	kept := g.swarms.runs[1]
	sc := g.sc.Clone()
	sc.Runs[0].Optimizer = "adam:lr=0.1"
	sc.Runs[0].SwarmRadius = 0.5
	if err := g.applyScene(sc); err != nil {
		t.Fatal(err)
	}
	if g.swarms.runs[1] != kept {
		t.Error("a change of run 1 made run 2 a new swarm")
	}
	s := g.swarms.runs[0].s
	if s.Problem().Spec.String() != "adam:lr=0.1" {
		t.Fatalf("run 1's swarm runs %s", s.Problem().Spec.String())
	}
	g.restart()
	xs, ys = s.Points()
	st := sc.Runs[0].Start
	for k := range xs {
		if math.Abs(xs[k]-st[0]) > 0.5 || math.Abs(ys[k]-st[1]) > 0.5 {
			t.Fatalf("particle %d starts at (%v, %v), outside the square of half side 0.5 around %v", k, xs[k], ys[k], st)
		}
	}
}
