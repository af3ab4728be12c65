package game

import (
	"descent/optim"
	"descent/scene/hud"
	"descent/scene/run"
)

// shownStep returns the step the window shows: the furthest any run shows
// (runs that stopped earlier stay at their last step).
func (g *Game) shownStep() int {
	n := 0
	for _, e := range g.entries {
		n = max(n, e.run.Steps())
	}
	return n
}

// frontier returns the furthest step any run has computed.
func (g *Game) frontier() int {
	n := 0
	for _, e := range g.entries {
		n = max(n, e.tape.Frontier())
	}
	return n
}

// seek shows every run at step (each at most at the steps it computed):
// the timeline's slider and keys. The loss histories keep every step
// computed; playing on resumes from the step shown.
func (g *Game) seek(step int) {
	step = max(0, min(step, g.frontier()))
	for i := range g.entries {
		e := &g.entries[i]
		e.last = nil
		target := min(step, e.tape.Frontier())
		if target > 0 {
			// One step short first, to explain the last step shown.
			e.tape.Seek(e.run, target-1)
			before := e.run.Snapshot()
			e.tape.Seek(e.run, target)
			if e.run.Steps() > before.Step() {
				e.last = explainLast(before, e.run)
			}
		} else {
			e.tape.Seek(e.run, 0)
		}
		explainNext(e)
	}
	g.acc = 0
	g.followSwarms()
}

// explainNext explains the step e's run takes next from where it is, with
// the very gradient it will draw (nil when the run can step no more).
func explainNext(e *entry) {
	r := e.run
	e.next = nil
	if r.Ended() {
		return
	}
	grad := make([]float64, len(r.Point()))
	r.NextGradient(grad)
	ex := optim.Explain(r.Snapshot().NextOptimizer(), r.Point(), grad)
	e.next = &ex
}

// explainLast explains the step r just took from the state before.
func explainLast(before run.Snapshot, r *run.Run) *optim.Explanation {
	n := r.Trail.Len()
	if n < 2 {
		return nil
	}
	s := r.Trail.At(n - 2)
	if !s.HasGrad {
		return nil
	}
	grad := []float64{s.GradX, s.GradY}[:len(r.Point())]
	e := optim.Explain(before.NextOptimizer(), before.Point(), grad)
	return &e
}

// stepBack pauses and shows n steps earlier (',' and '<').
func (g *Game) stepBack(n int) {
	g.paused = true
	g.seek(g.shownStep() - n)
}

// stepForward pauses and shows n steps later, computing the steps not yet
// computed ('.' and '>', N for one).
func (g *Game) stepForward(n int) {
	g.paused = true
	for range n {
		g.singleStep()
	}
}

// timelineFrame returns what the timeline strip shows.
func (g *Game) timelineFrame() hud.Timeline {
	return hud.Timeline{
		Shown:    !g.offscreen && len(g.entries) > 0,
		Step:     g.shownStep(),
		Frontier: g.frontier(),
		MaxSteps: g.sc.Steps,
	}
}

// timelineRoom returns the height the timeline strip takes at the bottom.
func (g *Game) timelineRoom() float64 {
	return hud.TimelineRoom(hud.Frame{Style: g.style(), ShowHUD: g.hudShown, Timeline: g.timelineFrame()})
}

// scrubAt shows the step under pointer column x of the timeline's track.
func (g *Game) scrubAt(x float64) {
	g.seek(hud.TimelineStepAt(g.hudFrame(g.style()), x))
}
