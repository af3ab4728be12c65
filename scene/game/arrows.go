package game

import (
	"slices"

	"descent/scene/arrows"
	"descent/scene/stability"
)

// arrowStep returns run i's step arrows (G): the gradient, velocity and
// update of the step it takes next, from where it is; for the selected
// run only when one is selected; nil when the arrows are off.
func (g *Game) arrowStep(i int) *arrows.Step {
	if !g.show.Arrows || i >= len(g.entries) || (g.selected >= 0 && i != g.selected) {
		return nil
	}
	e := g.entries[i]
	if e.next == nil || e.hidden {
		return nil
	}
	s := arrows.FromExplanation(slices.Clone(e.run.Point()), *e.next)
	if !s.Finite() {
		return nil
	}
	return &s
}

// stabilityRun returns the run the stability overlay (U) is drawn for:
// the selected one, else the first gradient-descent-family run; -1 for
// none.
func (g *Game) stabilityRun() int {
	if g.selected >= 0 && g.selected < len(g.entries) {
		return g.selected
	}
	for i, e := range g.entries {
		if _, ok := stability.RuleOf(e.run.Optimizer); ok && !e.hidden {
			return i
		}
	}
	return -1
}

// stabilityOverlay returns the stability overlay for the frame: where the
// local quadratic model is unstable for the chosen run's lr (the
// schedule's current one) and momentum, with the Hessian's eigen-directions
// at its iterate; nil when the overlay is off or no run has a rule (only
// gradient descent, momentum and Nesterov have one).
func (g *Game) stabilityOverlay() *arrows.Stability {
	if !g.show.Stability {
		return nil
	}
	i := g.stabilityRun()
	if i < 0 {
		return nil
	}
	e := g.entries[i]
	rule, ok := stability.RuleOf(e.run.Optimizer)
	if !ok {
		return nil
	}
	rule.LR = e.run.LR()
	return &arrows.Stability{Rule: rule, At: slices.Clone(e.run.Point()), Color: e.color}
}

// toggleStability turns the stability overlay on or off (U), and says
// when no run has a learning-rate rule to judge.
func (g *Game) toggleStability() {
	g.show.Stability = !g.show.Stability
	if g.show.Stability && g.stabilityOverlay() == nil {
		g.notices.Say("stability overlay: select a gradient-descent, momentum or Nesterov run (other optimizers have no single lr bound)")
	}
}
