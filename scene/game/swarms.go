package game

import (
	"fmt"
	"image/color"
	"slices"

	"descent/scene/basins"
	"descent/scene/flatview"
	"descent/scene/hud"
	"descent/scene/parallel"
	"descent/scene/run"
	"descent/scene/surface"
	"descent/scene/view3d"
)

// Swarms: a run whose scene settings ask for one (swarm = N) has N
// particles that start spread over the domain (or around its start) and
// take the run's optimizer steps with it, one step each time the run
// steps. They are drawn as dots in the run's colour on the 3-D surface and
// the flat views, and the legend counts the share at each minimum.
//
// Going back in time, a swarm is put back at its start and stepped again
// to the step shown (swarms are deterministic, as runs are): the same
// particles at the same places as the first time. While the timeline's
// handle is dragged the swarms are hidden, and they catch up when it is
// let go.

// swarmSet holds the runs' swarms.
type swarmSet struct {
	runs []*runSwarm // per entry; nil: the run has no swarm
}

// runSwarm is one run's swarm and what it was made from.
type runSwarm struct {
	key swarmKey
	s   *basins.Swarm
}

// swarmKey is what a swarm is made from: a change of any of it makes a new
// swarm.
type swarmKey struct {
	surf      *surface.Surface
	optimizer string
	start     [2]float64
	hasStart  bool
	n         int
	radius    float64
	stoch     run.Stochastic
}

// swarmKeyOf returns the key of run i's swarm.
func (g *Game) swarmKeyOf(i int) swarmKey {
	rc := g.sc.Runs[i]
	k := swarmKey{surf: g.surf, optimizer: rc.Optimizer, n: rc.Swarm, radius: rc.SwarmRadius, stoch: rc.Stochastic()}
	if len(rc.Start) == 2 {
		k.start, k.hasStart = [2]float64{rc.Start[0], rc.Start[1]}, true
	}
	return k
}

// syncSwarms makes the runs' swarms match the scene: unchanged ones stay
// where they are, changed and new ones start afresh and catch up with
// their runs.
func (g *Game) syncSwarms() {
	old := slices.Clone(g.swarms.runs)
	runs := make([]*runSwarm, len(g.entries))
	for i := range min(len(g.sc.Runs), len(g.entries)) {
		if g.sc.Runs[i].Swarm <= 0 || g.surf.Dim != 2 {
			continue
		}
		k := g.swarmKeyOf(i)
		for j, o := range old {
			if o != nil && o.key == k {
				runs[i], old[j] = o, nil
				break
			}
		}
		if runs[i] != nil {
			continue
		}
		s, err := g.sc.NewSwarm(i, g.surf)
		if err != nil {
			g.notices.Say("Swarm of run %d: %v", i+1, err)
			continue
		}
		runs[i] = &runSwarm{key: k, s: s}
	}
	g.swarms.runs = runs
	g.followSwarms()
}

// swarmTarget returns the step run i's swarm should be at: its run's, or
// the window's when the run has stopped early (it diverged), within the
// scene's step limit.
func (g *Game) swarmTarget(i int) int {
	r := g.entries[i].run
	t := r.Steps()
	if r.Ended() {
		t = max(t, g.shownStep())
	}
	if g.sc.Steps > 0 {
		t = min(t, g.sc.Steps)
	}
	return t
}

// followSwarms brings every swarm to its target step: a step or a few
// forward as the runs play, or back to the start and forward again when
// the window went back in time. While the timeline is dragged it waits.
func (g *Game) followSwarms() {
	if g.scrubbing {
		return
	}
	var todo []int
	for i, rs := range g.swarms.runs {
		if rs != nil && i < len(g.entries) && rs.s.Steps() != g.swarmTarget(i) {
			todo = append(todo, i)
		}
	}
	targets := make([]int, len(todo))
	for k, i := range todo {
		targets[k] = g.swarmTarget(i)
	}
	// Separate swarms step on separate goroutines.
	parallel.For(len(todo), func(lo, hi int) {
		for k := lo; k < hi; k++ {
			s := g.swarms.runs[todo[k]].s
			if s.Steps() > targets[k] {
				s.Reset()
			}
			for s.Steps() < targets[k] {
				s.Step()
			}
		}
	})
}

// resetSwarms puts every swarm back at its start (the runs restarted).
func (g *Game) resetSwarms() {
	for _, rs := range g.swarms.runs {
		if rs != nil {
			rs.s.Reset()
		}
	}
	g.followSwarms()
}

// shownSwarm returns run i's swarm when it is to be drawn: it has one and
// it is at the step its run shows.
func (g *Game) shownSwarm(i int) *basins.Swarm {
	if i >= len(g.swarms.runs) || g.swarms.runs[i] == nil {
		return nil
	}
	s := g.swarms.runs[i].s
	if s.Steps() != g.swarmTarget(i) {
		return nil
	}
	return s
}

// swarms3D returns the swarms the 3-D view draws, indexed as its runs are:
// every run in a grid, the runs shown otherwise.
func (g *Game) swarms3D(grid bool) []view3d.Swarm {
	var out []view3d.Swarm
	k := 0
	for i, e := range g.entries {
		if e.hidden && !grid {
			continue
		}
		if s := g.shownSwarm(i); s != nil {
			xs, ys := s.Points()
			out = append(out, view3d.Swarm{Xs: xs, Ys: ys, Color: e.color, Grey: e.run.Diverged(), Run: k})
		}
		k++
	}
	return out
}

// swarmsFlat returns the swarms a flat view draws: every shown run's (only
// < 0), or run only's (a grid's cell).
func (g *Game) swarmsFlat(only int) []flatview.Swarm {
	var out []flatview.Swarm
	for i, e := range g.entries {
		if !g.flatShows(i, only) {
			continue
		}
		if s := g.shownSwarm(i); s != nil {
			xs, ys := s.Points()
			out = append(out, flatview.Swarm{Xs: xs, Ys: ys, Color: e.color, Grey: e.run.Diverged()})
		}
	}
	return out
}

// swarmLegend fills run i's legend row's swarm line: the share of its
// particles at each known minimum so far, then elsewhere and diverged
// (those two only when some particle is there).
func (g *Game) swarmLegend(i int, r *hud.Run) {
	if i >= len(g.swarms.runs) || g.swarms.runs[i] == nil {
		return
	}
	s := g.swarms.runs[i].s
	r.SwarmNote = fmt.Sprintf("%s particles:", groupThousands(s.Len()))
	if g.shownSwarm(i) == nil {
		r.SwarmNote = fmt.Sprintf("%s particles: shown when the timeline is let go", groupThousands(s.Len()))
		return
	}
	sh := s.Shares()
	for m, v := range sh.Minima {
		r.Swarm = append(r.Swarm, hud.Share{Color: basins.MinimumColor(m), Value: v})
	}
	if sh.None > 0 {
		r.Swarm = append(r.Swarm, hud.Share{Color: basins.NoneColor, Value: sh.None})
	}
	if sh.Diverged > 0 {
		r.Swarm = append(r.Swarm, hud.Share{Color: color.RGBA(basins.DivergedColor), Value: sh.Diverged})
	}
}

// groupThousands writes n with commas between groups of three digits.
func groupThousands(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
