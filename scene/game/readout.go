package game

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"descent/scene/hud"
)

// readoutItem is one quantity of the selected run's readout: its name and
// numbers (a vector's coordinates, or one number), or words; a heading has
// neither.
type readoutItem struct {
	name    string
	values  []float64
	words   string
	heading bool
}

// readoutItems returns what the readout shows of run i: its step, point,
// loss and learning rate; the optimizer's state after the step shown, in
// torch's names (torch's optimizer.state[p], the numbers `descent trace
// -state` prints for that step); and the step's own derived quantities
// (optim.Explain: the gradient it used, bias corrections, the effective
// per-coordinate step, the velocity and the update).
func (g *Game) readoutItems(i int) []readoutItem {
	e := g.entries[i]
	r := e.run
	var out []readoutItem
	add := func(name string, v ...float64) { out = append(out, readoutItem{name: name, values: v}) }
	words := func(name, w string) { out = append(out, readoutItem{name: name, words: w}) }
	words("step", strconv.Itoa(r.Steps()))
	if at := r.DivergedAt(); at > 0 {
		words("diverged", fmt.Sprintf("at step %d", at))
	}
	add(strings.Join(g.axisNames(), ", "), r.Point()...)
	add("loss", r.Loss())
	if e.last != nil {
		add("lr of this step", e.last.LR)
	}
	if r.Schedule() != nil || e.last == nil {
		add("lr of the next step", r.LR())
	}
	if e.last == nil {
		return out
	}
	ex := e.last
	add("gradient", ex.Gradient...)
	out = append(out, readoutItem{name: "state (torch's optimizer.state)", heading: true})
	for _, en := range r.Optimizer.State(nil) {
		add(en.Name, en.Values...)
	}
	out = append(out, readoutItem{name: "this step", heading: true})
	for _, sc := range ex.Scalars {
		name := sc.Name
		if d, ok := scalarMeaning[name]; ok {
			name += " = " + d
		}
		add(name, sc.Values...)
	}
	if ex.EffectiveStep != nil {
		add("effective step per coordinate", ex.EffectiveStep...)
	}
	if ex.Velocity != nil {
		add("velocity (momentum direction)", ex.Velocity...)
	}
	add("update", ex.Update...)
	return out
}

// scalarMeaning says what the derived scalars of optim.Explain (torch's
// local variable names) are.
var scalarMeaning = map[string]string{
	"bias_correction1": "1 - beta1^t",
	"bias_correction2": "1 - beta2^t",
	"bias_correction":  "1 - beta1^t",
	"step_size":        "lr / bias_correction1",
	"clr":              "the decayed lr",
	"mu":               "beta1 (1 - 0.5 * 0.96^(t * momentum_decay))",
	"rho_t":            "the variance's degrees of freedom",
	"rect":             "the variance rectification",
}

// readout returns the state readout of the selected run (none when no run
// is selected).
func (g *Game) readout() hud.Readout {
	if g.selected < 0 || g.selected >= len(g.entries) {
		return hud.Readout{}
	}
	e := g.entries[g.selected]
	out := hud.Readout{
		Title: fmt.Sprintf("%d. %s", g.selected+1, e.label),
		Color: [4]uint8{e.color.R, e.color.G, e.color.B, e.color.A},
	}
	for _, it := range g.readoutItems(g.selected) {
		v := it.words
		if it.values != nil {
			v = vector(it.values)
		}
		out.Rows = append(out.Rows, hud.ReadoutRow{Name: it.name, Value: v, Heading: it.heading})
	}
	return out
}

// axisNames returns the names of the surface's coordinates.
func (g *Game) axisNames() []string {
	x, y := orDefault(g.sc.XLabel, "x"), orDefault(g.sc.YLabel, "y")
	if g.surf.Dim == 1 {
		return []string{x}
	}
	return []string{x, y}
}

// vector writes numbers to six significant digits, separated by commas.
func vector(v []float64) string {
	parts := make([]string, len(v))
	for i, x := range v {
		switch {
		case math.IsNaN(x), math.IsInf(x, 0):
			parts[i] = strconv.FormatFloat(x, 'g', -1, 64)
		default:
			parts[i] = strconv.FormatFloat(x, 'g', 6, 64)
		}
	}
	return strings.Join(parts, ", ")
}
