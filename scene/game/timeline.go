package game

import (
	"descent/scene/hud"
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
	for _, e := range g.entries {
		e.tape.Seek(e.run, step)
	}
	g.acc = 0
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
