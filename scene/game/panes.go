package game

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"descent/scene/hud"
	"descent/scene/plot"
)

// viewKind is what a single pane shows.
type viewKind int

const (
	view3D    viewKind = iota
	viewFlat           // the contour map, or the curve of a 1-D surface
	viewChart          // the loss chart
	viewKinds
)

// layoutKind is how the screen is split.
type layoutKind int

const (
	layoutSingle layoutKind = iota // the current view alone
	layoutSplit                    // 3-D and flat side by side, the chart below
	layoutChart                    // the current view above the chart
	layoutKinds
)

// layoutNames are the layouts' names, in layoutKind order.
var layoutNames = [layoutKinds]string{"single", "split", "chart"}

// Layouts returns the names of the screen layouts ('descent -layout' and
// the web page's layout parameter accept exactly these).
func Layouts() []string { return slices.Clone(layoutNames[:]) }

// parseLayout returns the layout named name ("" is the default, single).
func parseLayout(name string) (layoutKind, error) {
	if name == "" {
		return layoutSingle, nil
	}
	if i := slices.Index(layoutNames[:], name); i >= 0 {
		return layoutKind(i), nil
	}
	return 0, fmt.Errorf("game: unknown layout %q (want %s)", name, strings.Join(layoutNames[:], ", "))
}

// chartShare is the share of the screen's height above the loss chart when
// a layout shows it under other panes.
const chartShare = 0.64

// titleGap is the room under the title before the panes start (pixels at
// scale 1).
const titleGap = 14

// panes says where each pane goes on the screen (an empty rectangle: not
// shown) and what they leave free for the overlays.
type panes struct {
	view3D, flat, chart plot.Rect
	// top is the room the panes leave at their top for the title and the
	// HUD's status.
	top float64
}

// layoutPanes computes the panes for the screen, the current view and
// layout, and places the 3-D camera's viewport and the flat views'
// transforms in them. It runs once per frame (from LayoutF) and when
// Update changes the view or the layout; Draw only reads its result.
func (g *Game) layoutPanes() {
	w, h := g.width, g.height
	full := plot.Rect{X1: w, Y1: h}
	top := math.Round(h * chartShare)
	var p panes
	switch g.layout {
	case layoutSplit:
		half := math.Round(w / 2)
		p.view3D = plot.Rect{X1: half, Y1: top}
		p.flat = plot.Rect{X0: half, X1: w, Y1: top}
		p.chart = plot.Rect{Y0: top, X1: w, Y1: h}
	case layoutChart:
		upper := plot.Rect{X1: w, Y1: top}
		switch g.kind {
		case view3D:
			p.view3D = upper
		case viewFlat:
			p.flat = upper
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
	g.panes = p
	// The 3-D pane sits at the top left, so the camera works in screen
	// coordinates; alone, it is the whole screen.
	if g.cam != nil {
		if !p.view3D.Empty() {
			g.cam.SetViewport(p.view3D.W(), p.view3D.H())
		} else {
			g.cam.SetViewport(w, h)
		}
	}
	if g.contour != nil && !p.flat.Empty() {
		if g.surf.Dim == 1 {
			g.curve.Fit(p.flat, p.top, st)
		} else {
			g.contour.Fit(p.flat, p.top, st)
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
	r.Y1 -= hud.HintHeight(g.style().Scale)
	return r
}
