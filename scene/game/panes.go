package game

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"descent/scene"
	"descent/scene/hud"
	"descent/scene/plot"
)

// viewKind is what a single pane shows.
type viewKind int

const (
	view3D    viewKind = iota
	viewFlat           // the contour map, or the curve of a 1-D surface
	viewChart          // the loss chart
	viewFit            // the fit view of a model surface
	viewKinds
)

// layoutKind is how the screen is split.
type layoutKind int

// The layouts, in the order of scene.Layouts.
const (
	layoutSingle layoutKind = iota // the current view alone
	layoutSplit                    // 3-D and flat side by side, the chart below
	layoutChart                    // the current view above the chart
	layoutGrid                     // one pane per run, the same view in each
	layoutKinds
)

// Layouts returns the names of the screen layouts ('descent -layout', the
// scene files' layout key and the web page's layout parameter accept
// exactly these).
func Layouts() []string { return scene.Layouts() }

// parseLayout returns the layout named name ("" is the default, single).
func parseLayout(name string) (layoutKind, error) {
	if name == "" {
		return layoutSingle, nil
	}
	names := scene.Layouts()
	if i := slices.Index(names, name); i >= 0 && i < int(layoutKinds) {
		return layoutKind(i), nil
	}
	return 0, fmt.Errorf("game: unknown layout %q (want %s)", name, strings.Join(names, ", "))
}

// chartShare is the share of the screen's height above the loss chart when
// a layout shows it under other panes.
const chartShare = 0.64

// legendGap is the room between a pane and the legend beside it (pixels
// at scale 1).
const legendGap = 12

// titleGap is the room under the title before the panes start (pixels at
// scale 1).
const titleGap = 14

// panes says where each pane goes on the screen (an empty rectangle: not
// shown) and what they leave free for the overlays.
type panes struct {
	view3D, flat, chart, fit plot.Rect
	// flatB is the split layout's second map in the basins view (basins.go).
	flatB plot.Rect
	// top is the room the panes leave at their top for the title and the
	// HUD's status.
	top float64
	// cells are the grid layout's panes, one per run: a title strip of
	// cellTitle pixels, then the view, drawn offscreen at cellSize and
	// copied into place.
	cells     []plot.Rect
	cellTitle float64
	// cellFoot is the room under each cell's view for its run's swarm
	// line (0: no run has a swarm).
	cellFoot float64
	cellSize plot.Rect // the view's rectangle in a cell's own pixels (at 0, 0)
}

// cellView returns the screen rectangle of cell i's view.
func (p *panes) cellView(i int) plot.Rect {
	c := p.cells[i]
	return plot.Rect{X0: c.X0, Y0: c.Y0 + p.cellTitle, X1: c.X1, Y1: c.Y1 - p.cellFoot}
}

// cellAt returns the cell whose view holds pixel (x, y), and the pixel in
// that view's own coordinates.
func (p *panes) cellAt(x, y float64) (i int, lx, ly float64, ok bool) {
	for i := range p.cells {
		if v := p.cellView(i); v.Contains(x, y) {
			return i, x - v.X0, y - v.Y0, true
		}
	}
	return 0, 0, 0, false
}

// layoutPanes computes the panes for the screen, the current view and
// layout, and places the 3-D camera's viewport and the flat views'
// transforms in them. It runs once per frame (from LayoutF) and when
// Update changes the view or the layout; Draw only reads its result.
func (g *Game) layoutPanes() {
	w, h := g.width, g.height-g.timelineRoom()
	full := plot.Rect{X1: w, Y1: h}
	top := math.Round(h * chartShare)
	var p panes
	switch g.layout {
	case layoutGrid:
		if len(g.entries) > 0 {
			p.cells = make([]plot.Rect, len(g.entries)) // placed below, once top is known
			break
		}
		p.view3D = full
	case layoutSplit:
		half := math.Round(w / 2)
		p.view3D = plot.Rect{X1: half, Y1: top}
		p.flat = plot.Rect{X0: half, X1: w, Y1: top}
		if g.basinsSplit() { // two runs' basins side by side
			p.view3D, p.flat, p.flatB = plot.Rect{}, plot.Rect{X1: half, Y1: top}, p.flat
		}
		p.chart = plot.Rect{Y0: top, X1: w, Y1: h}
		if g.fit != nil { // a model's fit beside the chart
			p.chart.X1 = half
			p.fit = plot.Rect{X0: half, Y0: top, X1: w, Y1: h}
		}
	case layoutChart:
		upper := plot.Rect{X1: w, Y1: top}
		switch g.kind {
		case view3D:
			p.view3D = upper
		case viewFlat:
			p.flat = upper
		case viewFit:
			p.fit = upper
		}
		p.chart = plot.Rect{Y0: top, X1: w, Y1: h}
		if g.kind == viewChart {
			p.chart = full
		}
	default:
		switch g.kind {
		case view3D:
			p.view3D = full
		case viewFlat:
			p.flat = full
		case viewChart:
			p.chart = full
		case viewFit:
			p.fit = full
		}
	}
	// Room at the top for the title and, on the left, the HUD's status.
	st := g.style()
	if g.sc.Title != "" {
		_, th := st.MeasureText("Ag", -plot.TitleSize*st.Scale)
		p.top = th + titleGap*st.Scale
	}
	if g.hudShown {
		p.top = math.Max(p.top, hud.StatusHeight(st.Scale))
	}
	if len(p.cells) > 0 {
		g.placeCells(&p, st)
	}
	// A flat view shown alone keeps clear of the legend at the top right.
	g.panes = p
	if !p.flat.Empty() && g.legendShown() {
		if lg := hud.LegendBox(g.legendFrame(st)); !lg.Empty() {
			p.flat.X1 = math.Max(p.flat.X0+p.flat.W()/2, lg.X0-legendGap*st.Scale)
		}
	}
	g.panes = p
	// The 3-D pane sits at the top left, so the camera works in screen
	// coordinates; alone, it is the whole screen; in a grid, every cell's
	// view has the same size and the camera works in a cell's coordinates.
	if g.cam != nil {
		switch {
		case len(p.cells) > 0:
			g.cam.SetViewport(p.cellSize.W(), p.cellSize.H())
		case !p.view3D.Empty():
			g.cam.SetViewport(p.view3D.W(), p.view3D.H())
		default:
			g.cam.SetViewport(w, h)
		}
	}
	if g.fit != nil && !p.fit.Empty() {
		fitTop := p.top
		if !p.chart.Empty() && p.fit.Y0 > 0 {
			fitTop = 0 // under other panes, away from the title
		}
		g.fit.Fit(p.fit, fitTop, st)
	}
	if g.contour == nil {
		return
	}
	flat, top := p.flat, p.top
	if len(p.cells) > 0 {
		flat, top = p.cellSize, 0
	}
	if !flat.Empty() {
		if g.surf.Dim == 1 {
			g.curve.Fit(flat, top, st)
		} else {
			g.contour.Fit(flat, top, st)
		}
	}
}

// chartPane returns the rectangle the loss chart draws in: its pane less
// the room the title or status need above it when it is alone, and the
// hint line below it.
func (g *Game) chartPane() plot.Rect {
	r := g.panes.chart
	if g.panes.view3D.Empty() && g.panes.flat.Empty() {
		r.Y0 += g.panes.top
	}
	if g.timelineRoom() == 0 { // else the pane ends above the strip that holds the hint
		r.Y1 -= hud.HintHeight(g.style().Scale)
	}
	return r
}
