package game

import (
	"fmt"
	"strings"

	"descent/scene/hud"
	"descent/scene/plot"
)

// readout returns the state readout of the selected run (none when no run
// is selected): its step, point, loss, learning rate and the gradient its
// last step used.
func (g *Game) readout() hud.Readout {
	if g.selected < 0 || g.selected >= len(g.entries) {
		return hud.Readout{}
	}
	e := g.entries[g.selected]
	r := e.run
	out := hud.Readout{
		Title: fmt.Sprintf("%d. %s", g.selected+1, e.label),
		Color: [4]uint8{e.color.R, e.color.G, e.color.B, e.color.A},
	}
	row := func(name string, v ...float64) {
		out.Rows = append(out.Rows, hud.ReadoutRow{Name: name, Value: vector(v)})
	}
	out.Rows = append(out.Rows, hud.ReadoutRow{Name: "step", Value: fmt.Sprint(r.Steps())})
	if at := r.DivergedAt(); at > 0 {
		out.Rows = append(out.Rows, hud.ReadoutRow{Name: "diverged", Value: fmt.Sprintf("at step %d", at)})
	}
	row(strings.Join(g.axisNames(), ", "), r.Point()...)
	row("loss", r.Loss())
	if e.lr > 0 {
		row("lr", e.lr)
	}
	if n := r.Trail.Len(); n >= 2 {
		if s := r.Trail.At(n - 2); s.HasGrad {
			grad := []float64{s.GradX, s.GradY}
			row("gradient (last step)", grad[:len(r.Point())]...)
		}
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

// vector writes numbers briefly, separated by commas.
func vector(v []float64) string {
	parts := make([]string, len(v))
	for i, x := range v {
		parts[i] = plot.FormatValue(x)
	}
	return strings.Join(parts, ", ")
}
