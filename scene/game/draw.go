package game

import (
	"image"
	"math"
	"time"

	"github.com/hajimehoshi/ebiten/v2"

	"descent/scene/capture"
	"descent/scene/chart"
	"descent/scene/fitview"
	"descent/scene/flatview"
	"descent/scene/hud"
	"descent/scene/note"
	"descent/scene/plot"
	"descent/scene/view3d"
	"descent/shaders"
)

// Draw draws the frame: it prepares and composes the panes, shows the
// finished frame to the capture tap (screenshots and recordings take it
// from there), then draws the recording indicator and confirmations, which
// no capture holds. It changes no state that Update reads.
func (g *Game) Draw(screen *ebiten.Image) {
	start := time.Now()
	g.drawFrame(screen, g.moveTicks < previewTicks && g.tap.Frames() > 0)
	g.tap.Frame(screen, capture.FrameInfo{Draw: time.Since(start), Triangles: g.view.Triangles()})
	rec, since := g.tap.Recording()
	hud.DrawStatus(screen, g.fonts, g.style(), hud.Status{Recording: rec, Since: since, Notice: g.notices.Current()})
}

// drawFrame prepares the panes' geometry and draws them into dst; preview
// draws the coarse mesh (the camera is moving).
func (g *Game) drawFrame(dst *ebiten.Image, preview bool) {
	g.prepare(preview)
	g.compose(dst)
}

// prepare does the frame's CPU work: the overlays' layout, the 3-D view's
// projection and trails, the flat views and the chart.
func (g *Game) prepare(preview bool) {
	st := g.style()
	p := &g.panes
	g.hud.Prepare(g.hudFrame(st))
	if !p.view3D.Empty() || (len(p.cells) > 0 && !g.gridFlat()) {
		grid := len(p.cells) > 0 // a grid's cells draw run i's trail by its index
		runs := make([]view3d.Run, 0, len(g.entries))
		for i, e := range g.entries {
			if e.hidden && !grid {
				continue
			}
			runs = append(runs, view3d.Run{Trail: e.run.Trail, Color: e.color, Diverged: e.run.Diverged(), Step: g.arrowStep(i)})
		}
		g.view.SetStability(g.stabilityOverlay())
		g.view.Prepare(view3d.Frame{Camera: g.cam, Preview: preview, Style: st, Runs: runs, Probes: g.noteProbes(), Swarms: g.swarms3D(grid)})
	}
	g.prepareNotes(st)
	if !p.flat.Empty() {
		g.prepareFlat(st, -1)
	}
	g.prepareSecond(st)
	g.prepareBasinsKeys(st)
	if !p.fit.Empty() && g.fit != nil {
		ff := fitview.Frame{Style: st}
		for _, e := range g.entries {
			if e.hidden {
				continue
			}
			ff.Runs = append(ff.Runs, fitview.Run{Params: e.run.Point(), Color: e.color, Grey: e.run.Diverged()})
		}
		g.fit.Prepare(ff)
	}
	if !p.chart.Empty() {
		cf := chart.Frame{Pane: g.chartPane(), Style: st, Log: g.show.LogLoss, Distance: g.show.Distance, LR: g.show.LR, MaxSteps: g.sc.Steps, MinValue: g.surf.LowestMinimum()}
		shown := g.shownStep()
		cf.HasCursor, cf.Cursor = g.paused || shown < g.frontier(), shown
		for _, e := range g.entries {
			if e.hidden {
				continue
			}
			sr := chart.Series{History: e.hist, Label: e.label, Color: e.color, Grey: e.run.Diverged(), DivergedAt: e.run.DivergedAt(), Loss: e.run.Loss(), Dist: math.NaN()}
			if pt := e.run.Point(); len(pt) > 0 {
				y := 0.0
				if len(pt) > 1 {
					y = pt[1]
				}
				if _, d, ok := g.surf.NearestMinimum(pt[0], y); ok {
					sr.Dist = d
				}
			}
			cf.Series = append(cf.Series, sr)
		}
		g.chart.Prepare(cf)
	}
}

// noteProbes returns the surface points of the scene's notes, for the 3-D
// view to place and judge (hills hide notes as they hide trails).
func (g *Game) noteProbes() []view3d.Probe {
	var out []view3d.Probe
	for _, n := range g.sc.Notes {
		switch n.Kind {
		case note.Label:
		case note.Arrow:
			out = append(out, view3d.Probe{X: n.X, Y: n.Y}, view3d.Probe{X: n.X2, Y: n.Y2})
		default:
			out = append(out, view3d.Probe{X: n.X, Y: n.Y})
		}
	}
	return out
}

// prepareNotes lays out the scene's notes: those pinned to surface points
// over the 3-D and the flat view, the screen's labels over everything.
func (g *Game) prepareNotes(st plot.Style) {
	g.notes.Reset()
	if len(g.sc.Notes) == 0 {
		return
	}
	p := &g.panes
	if !p.view3D.Empty() {
		// The 3-D view placed the notes' points and judged what hides them.
		placed := map[[2]float64]view3d.ProbeResult{}
		for i, pr := range g.noteProbes() {
			if i < len(g.view.Probes()) {
				placed[[2]float64{pr.X, pr.Y}] = g.view.Probes()[i]
			}
		}
		g.notes.AddPoints(g.sc.Notes, func(x, y float64) (float64, float64, float64, bool) {
			r, ok := placed[[2]float64{x, y}]
			return r.X + p.view3D.X0, r.Y + p.view3D.Y0, r.Shown, ok && r.OK
		}, p.view3D, st)
	}
	if !p.flat.Empty() {
		t := g.flatTransform()
		g.notes.AddPoints(g.sc.Notes, func(x, y float64) (float64, float64, float64, bool) {
			if g.surf.Dim == 1 {
				y = g.surf.Value([]float64{x})
			}
			sx, sy := t.ToPixel(x, y)
			return sx, sy, 1, t.Px.Contains(sx, sy)
		}, p.flat, st)
	}
	bottom := math.Max(g.timelineRoom(), hud.HintHeight(st.Scale))
	g.notes.AddLabels(g.sc.Notes, plot.Rect{X1: g.width, Y1: g.height}, p.top, bottom, st)
}

// prepareFlat prepares the flat view with every run (only < 0; in the
// split basins view, the runs its map is of) or with run only alone (a
// grid's cell).
func (g *Game) prepareFlat(st plot.Style, only int) {
	f := flatview.Frame{
		Surface: g.surf, Colormap: g.cmap, Style: st, Arrows: g.show.Arrows, Tangent: g.show.Tangent,
		XTitle: orDefault(g.sc.XLabel, "x"), YTitle: orDefault(g.sc.YLabel, "y"),
	}
	for i, e := range g.entries {
		if g.flatShows(i, only) {
			f.Runs = append(f.Runs, flatview.Run{Trail: e.run.Trail, Color: e.color, Grey: e.run.Diverged(), Step: g.arrowStep(i)})
		}
	}
	if lg := g.hud.Legend(); !lg.Empty() && only < 0 {
		f.Avoid = []plot.Rect{lg}
	}
	if only < 0 || only == g.stabilityRun() {
		f.Stability = g.stabilityOverlay()
	}
	f.Swarms, f.Backdrop = g.swarmsFlat(only), g.basinsBackdrop(only)
	if g.surf.Dim == 1 {
		f.YTitle = orDefault(g.sc.ZLabel, "loss")
		g.curve.Prepare(f)
	} else {
		g.contour.Prepare(f)
	}
}

// drawFlat draws the prepared flat view.
func (g *Game) drawFlat(dst *ebiten.Image) {
	if g.surf.Dim == 1 {
		g.curve.Draw(dst, g.fonts)
	} else {
		g.contour.Draw(dst, g.fonts)
	}
}

// colormapImage returns the colormap as a 256x1 image for the surface
// shader, made on first use.
func (g *Game) colormapImage() *ebiten.Image {
	if g.cmapImg == nil {
		g.cmapImg = ebiten.NewImageWithOptions(image.Rect(0, 0, 256, 1), &ebiten.NewImageOptions{Unmanaged: true})
		g.cmapImg.WritePixels(g.cmap.Pixels())
	}
	return g.cmapImg
}

// orDefault returns s, or def when s is empty.
func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// hudFrame returns what the overlays show this frame.
func (g *Game) hudFrame(st plot.Style) hud.Frame {
	f := g.legendFrame(st)
	f.MaxSteps, f.Rate, f.Paused, f.Finished = g.sc.Steps, g.rate, g.paused, g.finished()
	f.AutoRotate, f.Ortho, f.Hint = g.autoRotate, g.cam.Ortho, !g.offscreen
	if g.help {
		f.Help = helpRows(g.keys)
	}
	if g.stats {
		f.Stats = g.meter.line
	}
	if g.hudShown {
		f.Note = g.view.Grid().ClipNote()
	}
	for _, e := range g.entries {
		f.Step = max(f.Step, e.run.Steps())
	}
	f.Readout = g.readout()
	f.Timeline = g.timelineFrame()
	f.Caption = g.caption
	g.embedHUD(&f)
	return f
}

// legendShown reports whether the HUD shows a legend: not beside the loss
// chart (it has its own), not in a grid (its cells are titled), not when
// the scene hides it.
func (g *Game) legendShown() bool {
	return g.panes.chart.Empty() && len(g.panes.cells) == 0 && !g.sc.HideLegend
}

// legendFrame returns what decides the legend's place: the screen, the
// title and the runs' rows.
func (g *Game) legendFrame(st plot.Style) hud.Frame {
	f := hud.Frame{W: g.width, H: g.height, Style: st, Title: g.sc.Title, ShowHUD: g.hudShown, Selected: g.selected + 1}
	if !g.legendShown() {
		return f
	}
	if g.surf.NoMinimum {
		f.LegendNote = g.surf.Note
	}
	for _, e := range g.entries {
		r := e.run
		ri := hud.Run{Label: e.label, Color: e.color, Loss: r.Loss(), DivergedAt: r.DivergedAt(), Hidden: e.hidden}
		p := r.Point()
		y := 0.0
		if len(p) > 1 {
			y = p[1]
		}
		if _, d, ok := g.surf.NearestMinimum(p[0], y); ok {
			ri.Dist, ri.HasDist = d, true
		}
		g.swarmLegend(len(f.Runs), &ri)
		f.Runs = append(f.Runs, ri)
	}
	return f
}

// compose draws the prepared panes into dst.
func (g *Game) compose(dst *ebiten.Image) {
	dst.Fill(g.theme.Background)
	p := &g.panes
	st := g.style()
	if !p.view3D.Empty() {
		g.view.Draw(plot.SubImage(dst, p.view3D), g.cam, g.colormapImage(), g.fonts, st.LineW)
	}
	if !p.flat.Empty() {
		g.drawFlat(dst)
	}
	g.drawSecond(dst)
	g.drawBasinsKeys(dst)
	if len(p.cells) > 0 {
		g.drawGrid(dst, st)
	}
	if !p.chart.Empty() {
		g.chart.Draw(dst, g.fonts)
	}
	if !p.fit.Empty() && g.fit != nil {
		g.fit.Draw(dst, g.fonts)
	}
	g.notes.Draw(dst, g.fonts)
	g.drawSeams(dst, st)
	g.hud.Draw(dst, g.fonts)
	g.panel.Draw(dst, g.fonts)
}

// seamEnd is how far above the panes' bottom the seam between them stops
// (pixels at scale 1).
const seamEnd = 8

// drawSeams draws thin lines between the panes.
func (g *Game) drawSeams(dst *ebiten.Image, st plot.Style) {
	p := &g.panes
	var l shaders.Lines
	seam := shaders.RGBA(g.theme.PaneGrid, 1)
	lw := float32(st.LineW)
	s := st.Scale
	if !p.view3D.Empty() && !p.flat.Empty() {
		x := float32(p.view3D.X1)
		l.Segment(x, float32(p.view3D.Y0+p.top), x, float32(p.view3D.Y1-seamEnd*s), lw, seam)
	}
	if !p.chart.Empty() && (!p.view3D.Empty() || !p.flat.Empty() || !p.fit.Empty()) {
		y := float32(p.chart.Y0)
		l.Segment(float32(plot.Margin*s), y, float32(g.width-plot.Margin*s), y, lw, seam)
	}
	if !p.chart.Empty() && !p.fit.Empty() && p.fit.X0 >= p.chart.X1 {
		x := float32(p.fit.X0)
		l.Segment(x, float32(p.fit.Y0+seamEnd*s), x, float32(p.fit.Y1-seamEnd*s), lw, seam)
	}
	_ = l.Draw(dst)
}
