package game

import (
	"image"
	"math"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"

	"descent/optim"
	"descent/scene/contour"
	"descent/shaders"
)

// This file arranges the views on the screen: one view alone (3D, the
// contour map or curve, or the loss chart; V cycles them) or several side
// by side (L cycles the layouts). Each pane keeps its own camera or 2-D
// transform. The 3D pane always sits at the top left, so the orbit camera
// works in screen coordinates and Game.render draws it unchanged into a
// sub-image.

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
	layoutSplit                    // 3D and flat side by side, the chart below
	layoutChart                    // the current view above the chart
	layoutKinds
)

// views is the state of the 2-D views, the layout and the control panel.
type views struct {
	kind    viewKind
	layout  layoutKind
	arrows  bool // step arrows on the contour map (G)
	tangent bool // tangent on the curve (T)

	contour *contourView
	curve   *curveView
	chart   lossChart
	hist    []*lossHistory
	specs   []specInfo

	// Panes of the last prepared frame.
	pane3D, paneFlat, paneChart rect
	hudTexts                    []textItem
	hudPanels                   [2]shaders.Lines
	texts3D                     []textItem
	seams                       shaders.Lines
	inner                       bool // Game.render is drawing the 3D pane

	// Pointer state for the 2-D panes.
	drag  flatDrag
	press pressState

	panel panelState
}

// specInfo is what the arrows need from a run's optimizer spec.
type specInfo struct {
	spec     string
	lr       float64
	momentum bool
}

type flatDrag struct {
	active bool
	pane   viewKind
	x, y   int
}

type pressState struct {
	active bool
	x, y   int
	moved  bool
	shift  bool
}

// initViews sets the views up from the scene (called by New).
func (g *Game) initViews() {
	v := &g.views
	v.arrows = g.sc.Arrows
	v.tangent = true
	v.chart.log = true
	switch g.sc.View {
	case "contour", "curve":
		v.kind = viewFlat
	}
	switch g.opts.Layout {
	case "split":
		v.layout = layoutSplit
	case "chart":
		v.layout = layoutChart
	}
	g.resetFlatViews()
}

// resetFlatViews builds the 2-D views for the current surface.
func (g *Game) resetFlatViews() {
	v := &g.views
	scale, err := contour.ParseScale(g.sc.ContourOf)
	if err != nil || g.sc.ContourOf == "loss" {
		scale = contour.Linear
	}
	// Dashed iso-lines for scenes made as contour figures (regression-race),
	// thin solid ones otherwise.
	v.contour = newContourView(g.surf.Domain, scale, g.sc.View == "contour")
	v.curve = newCurveView(g.surf, g.sc.Axes)
	v.hist = nil
}

// flatKindOK reports whether layouts other than 3D alone are in use.
func (g *Game) panesActive() bool {
	return g.views.layout != layoutSingle || g.views.kind != view3D
}

// splitScreen computes the pane rectangles for a w x h screen.
func (g *Game) splitScreen(w, h float64) {
	v := &g.views
	full := rect{0, 0, w, h}
	v.pane3D, v.paneFlat, v.paneChart = rect{}, rect{}, rect{}
	top := math.Round(h * 0.64)
	switch v.layout {
	case layoutSplit:
		half := math.Round(w / 2)
		v.pane3D = rect{0, 0, half, top}
		v.paneFlat = rect{half, 0, w, top}
		v.paneChart = rect{0, top, w, h}
	case layoutChart:
		upper := rect{0, 0, w, top}
		switch v.kind {
		case view3D:
			v.pane3D = upper
		case viewFlat:
			v.paneFlat = upper
		}
		v.paneChart = rect{0, top, w, h}
		if v.kind == viewChart {
			v.paneChart = full
		}
	default:
		switch v.kind {
		case view3D:
			v.pane3D = full
		case viewFlat:
			v.paneFlat = full
		case viewChart:
			v.paneChart = full
		}
	}
}

// has reports whether a pane is shown.
func (r rect) has() bool { return r.w() > 0 && r.h() > 0 }

// runPaths returns what the 2-D views draw of each run.
func (g *Game) runPaths() []runPath {
	v := &g.views
	if len(v.specs) != len(g.entries) {
		v.specs = make([]specInfo, len(g.entries))
	}
	out := make([]runPath, len(g.entries))
	for i, e := range g.entries {
		spec := ""
		if i < len(g.sc.Runs) {
			spec = g.sc.Runs[i].Optimizer
		}
		si := &v.specs[i]
		if si.spec != spec || (si.lr == 0 && spec != "") {
			*si = specInfo{spec: spec}
			if sp, err := optim.ParseSpec(spec); err == nil {
				si.lr = sp.Values["lr"]
				si.momentum = isMomentum(sp)
			}
		}
		out[i] = runPath{
			trail: e.run.Trail, color: e.color, grey: e.run.Diverged(), lr: si.lr, momentum: si.momentum,
			label: e.label, lastLoss: e.run.Loss(), divergedAt: e.run.DivergedAt(),
		}
	}
	return out
}

// isMomentum reports whether a spec's steps carry momentum, so that the
// actual update differs from -lr*grad.
func isMomentum(s optim.Spec) bool {
	switch s.Method {
	case "adam", "adamw", "adamax", "nadam", "radam":
		return true
	}
	return s.Values["momentum"] > 0
}

// syncHistories brings the loss histories up to date with the runs.
func (g *Game) syncHistories() {
	v := &g.views
	for len(v.hist) < len(g.entries) {
		v.hist = append(v.hist, newLossHistory())
	}
	v.hist = v.hist[:len(g.entries)]
	for i, e := range g.entries {
		v.hist[i].sync(e.run, g.surf)
	}
}

// axisStyle returns the style of the 2-D views' axes.
func (g *Game) axisStyle() axisStyle {
	return axisStyle{theme: g.theme, scale: g.dpi * g.opts.Scale, lineW: g.dpi, measure: g.fonts.measure}
}

// preparePanes does the frame's CPU work when the screen is split or shows
// a 2-D view; it reports false (and does nothing) for the 3D view alone,
// which prepareFrame handles itself.
func (g *Game) preparePanes(w, h float64, preview bool) bool {
	v := &g.views
	if v.inner || !g.panesActive() {
		return false
	}
	g.splitScreen(w, h)
	g.syncHistories()
	ui := g.dpi * g.opts.Scale
	st := g.axisStyle()
	v.texts3D = v.texts3D[:0]
	if v.pane3D.has() {
		g.cam.SetViewport(v.pane3D.w(), v.pane3D.h())
		for i, e := range g.entries {
			r := e.run
			k := trailKey{steps: r.Steps(), n: r.Trail.Len(), diverged: r.Diverged()}
			k.x = r.Point()[0]
			if len(r.Point()) > 1 {
				k.y = r.Point()[1]
			}
			if k != g.trailKeys[i] || !g.trails[i].ok {
				g.trails[i] = g.view.buildTrail(g.trails[i], r.Trail, e.color, r.Diverged())
				g.trailKeys[i] = k
			}
		}
		g.view.prepare(frameInput{
			cam: g.cam, preview: preview, trails: g.trails,
			scale: ui, lineW: g.dpi, measure: g.fonts.measure,
		})
		v.texts3D = append(v.texts3D, g.view.texts...)
	}

	// HUD over the whole screen; with a chart, its legend replaces the
	// HUD's.
	in := g.hudInput(w, h, ui)
	var legend rect
	if v.paneChart.has() {
		in.runs = nil
	} else {
		legend = legendRect(in)
	}
	v.hudPanels[0].Reset()
	v.hudPanels[1].Reset()
	v.hudTexts = layoutHUD(in, v.hudTexts[:0], &v.hudPanels)

	paths := g.runPaths()
	_, titleH := st.measureText("Ag", -22*ui)
	// Room at the top for the title and, on the left, the HUD's status.
	top := 0.0
	if g.sc.Title != "" {
		top = titleH + 14*ui
	}
	if g.hud {
		top = math.Max(top, 36*ui)
	}
	if v.paneFlat.has() {
		fi := viewInput{
			pane: v.paneFlat, top: top, surf: g.surf, cmap: g.cmap, st: st, runs: paths,
			arrows: v.arrows, tangent: v.tangent, xTitle: g.sc.XLabel, yTitle: g.sc.YLabel,
		}
		if fi.xTitle == "" {
			fi.xTitle = "x"
		}
		if fi.yTitle == "" {
			fi.yTitle = "y"
		}
		if legend.has() {
			fi.avoid = []rect{legend}
		}
		if g.surf.Dim == 1 {
			fi.yTitle = g.sc.ZLabel
			if fi.yTitle == "" {
				fi.yTitle = "loss"
			}
			v.curve.prepare(fi)
		} else {
			v.contour.prepare(fi)
		}
	}
	if v.paneChart.has() {
		pane := v.paneChart
		if !v.pane3D.has() && !v.paneFlat.has() {
			pane.y0 += top
		}
		// Room for the HUD's hint line at the bottom.
		pane.y1 -= 18 * ui
		minV := math.NaN()
		for _, m := range g.surf.Minima {
			if !(minV <= m.Value) {
				minV = m.Value
			}
		}
		v.chart.prepare(chartInput{pane: pane, st: st, runs: paths, hist: v.hist, maxSteps: g.sc.Steps, minValue: minV})
	}

	// Thin seams between panes.
	v.seams.Reset()
	seam := shaders.RGBA(g.theme.PaneGrid, 1)
	lw := float32(g.dpi)
	if v.pane3D.has() && v.paneFlat.has() {
		x := float32(v.pane3D.x1)
		v.seams.Segment(x, float32(v.pane3D.y0+top), x, float32(v.pane3D.y1-8*ui), lw, seam)
	}
	if v.paneChart.has() && (v.pane3D.has() || v.paneFlat.has()) {
		y := float32(v.paneChart.y0)
		v.seams.Segment(float32(16*ui), y, float32(w-16*ui), y, lw, seam)
	}
	return true
}

// legendRect is the screen area the HUD's legend takes (approximately:
// the labels' widths as layoutHUD measures them).
func legendRect(in hudInput) rect {
	if len(in.runs) == 0 {
		return rect{}
	}
	s := in.scale
	var probe [2]shaders.Lines
	layoutHUD(hudInput{w: in.w, h: in.h, scale: s, lineW: in.lineW, theme: in.theme, title: in.title, runs: in.runs, showHUD: in.showHUD, measure: in.measure}, nil, &probe)
	// The legend's panel is the first polygon layoutHUD adds.
	r := rect{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}
	for _, vx := range probe[0].Vertices {
		if vx.SrcX < 1e5 { // segments and discs, not the panel's fill
			continue
		}
		r.x0, r.y0 = math.Min(r.x0, float64(vx.DstX)), math.Min(r.y0, float64(vx.DstY))
		r.x1, r.y1 = math.Max(r.x1, float64(vx.DstX)), math.Max(r.y1, float64(vx.DstY))
	}
	if !(r.x1 > r.x0) {
		return rect{}
	}
	return r
}

// renderPanes draws a frame prepared by preparePanes, or the 3D view alone
// followed by the control panel; it reports false when Game.render should
// draw (while it draws the 3D pane for us).
func (g *Game) renderPanes(screen *ebiten.Image) bool {
	v := &g.views
	if v.inner {
		return false
	}
	if !g.panesActive() {
		v.inner = true
		g.render(screen)
		v.inner = false
		g.drawPanel(screen)
		return true
	}
	screen.Fill(g.theme.Background)
	if v.pane3D.has() {
		sub := screen.SubImage(image.Rect(0, 0, int(v.pane3D.x1), int(v.pane3D.y1))).(*ebiten.Image)
		texts, ov := g.texts, g.overlay
		g.texts = append(g.texts[:0:0], v.texts3D...)
		g.overlay = [2]shaders.Lines{}
		v.inner = true
		g.render(sub)
		v.inner = false
		g.texts, g.overlay = texts, ov
	}
	if v.paneFlat.has() {
		if g.surf.Dim == 1 {
			c := v.curve
			clip := subImage(screen, c.plot.px)
			_ = c.frame.Draw(screen)
			_ = c.data.Draw(clip)
			g.drawTextList(screen, c.texts)
		} else {
			c := v.contour
			clip := subImage(screen, c.plot.px)
			_ = c.fill.Draw(clip)
			_ = c.lines.Draw(clip)
			g.drawLabels(clip, c.labels)
			_ = c.front.Draw(clip)
			_ = c.frame.Draw(screen)
			g.drawTextList(screen, c.texts)
		}
	}
	if v.paneChart.has() {
		c := &v.chart
		_ = c.frame.Draw(screen)
		_ = c.data.Draw(subImage(screen, c.plot.px.inset(-4, -4, -4, -4)))
		g.drawTextList(screen, c.texts)
	}
	_ = v.seams.Draw(screen)
	_ = v.hudPanels[0].Draw(screen)
	g.drawLayer(screen, v.hudTexts, 1)
	_ = v.hudPanels[1].Draw(screen)
	g.drawLayer(screen, v.hudTexts, 2)
	g.drawPanel(screen)
	return true
}

// subImage returns the part of screen inside r (whole pixels).
func subImage(screen *ebiten.Image, r rect) *ebiten.Image {
	b := image.Rect(int(math.Floor(r.x0)), int(math.Floor(r.y0)), int(math.Ceil(r.x1)), int(math.Ceil(r.y1)))
	return screen.SubImage(b).(*ebiten.Image)
}

// drawTextList draws texts regardless of their layer.
func (g *Game) drawTextList(dst *ebiten.Image, texts []textItem) {
	for _, t := range texts {
		g.drawText(dst, t)
	}
}

// drawLayer draws the texts of one layer.
func (g *Game) drawLayer(dst *ebiten.Image, texts []textItem, layer int) {
	for _, t := range texts {
		if t.layer == layer {
			g.drawText(dst, t)
		}
	}
}

func (g *Game) drawText(dst *ebiten.Image, t textItem) {
	face := g.fonts.face(t.size)
	w, h := text.Measure(t.s, face, 0)
	op := &text.DrawOptions{}
	op.GeoM.Translate(math.Round(t.x-t.ax*w), math.Round(t.y-t.ay*h))
	op.ColorScale.ScaleWithColor(t.col)
	text.Draw(dst, t.s, face, op)
}

// drawLabels writes the contour labels, rotated along their lines.
func (g *Game) drawLabels(dst *ebiten.Image, labels []contour.Label) {
	size := 12 * g.dpi * g.opts.Scale
	face := g.fonts.face(size)
	col := g.theme.Text
	for _, l := range labels {
		w, h := text.Measure(l.Text, face, 0)
		op := &text.DrawOptions{}
		op.GeoM.Translate(-w/2, -h/2)
		op.GeoM.Rotate(l.Angle)
		op.GeoM.Translate(l.X, l.Y)
		op.ColorScale.ScaleWithColor(col)
		op.Filter = ebiten.FilterLinear
		text.Draw(dst, l.Text, face, op)
	}
}

// viewHelp lists the keys of the views, layouts and panel for the help
// overlay; init puts them before the HUD's own keys.
var viewHelp = [][2]string{
	{"V / L", "next view / next layout"},
	{"G / T / D / Y", "step arrows / tangent / chart: distance, log"},
	{"Tab, Ctrl+S", "control panel, save the scene"},
	{"Click, Shift+click", "add a start / move the ticked run's start"},
}

func init() {
	at := len(helpLines)
	for i, l := range helpLines {
		if l[0] == "H" {
			at = i
		}
	}
	helpLines = append(helpLines[:at:at], append(viewHelp, helpLines[at:]...)...)
}
