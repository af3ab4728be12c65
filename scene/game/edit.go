package game

import (
	"errors"
	"fmt"
	"math"
	"slices"

	"descent/scene"
	"descent/scene/chart"
	"descent/scene/contour"
	"descent/scene/fitview"
	"descent/scene/flatview"
	"descent/scene/mesh"
	"descent/scene/plot"
	"descent/scene/surface"
	"descent/scene/timeline"
	"descent/scene/view3d"
)

// ErrNothingToShow is the error of a scene whose surface has no finite
// value anywhere in its domain: bad input, as the window and record report
// it (exit status 2).
var ErrNothingToShow = errors.New("game: the surface has no finite value in the domain")

// open makes s the window's scene as a whole: its surface, runs, view,
// arrows and camera (New, and a preset chosen in the panel).
func (g *Game) open(s *scene.Scene) error {
	old := g.sc
	g.sc = &scene.Scene{} // everything changed: rebuild it all
	err := g.applyScene(s)
	if err != nil {
		g.sc = old
		return err
	}
	g.show.Arrows = g.sc.Arrows
	g.show.LR = g.scheduled()
	if g.layout, err = parseLayout(g.sc.Layout); err != nil {
		return err
	}
	g.kind = view3D
	if g.sc.View == "contour" || g.sc.View == "curve" || g.sc.View == "basins" {
		g.kind = viewFlat
	}
	g.basins.on = g.sc.View == "basins"

	g.rate = math.Min(g.sc.Rate, maxRate)
	if !(g.rate > 0) {
		g.rate = scene.DefaultRate
	}
	g.autoRotate = g.sc.AutoRotate
	g.rotate = g.sc.Rotate
	g.cam = initialCamera(g.sc, g.width, g.height)
	g.home = *g.cam
	g.layoutPanes()
	g.keepClearOfLegend()
	g.story, g.caption = nil, ""
	if len(g.sc.Story) > 0 {
		g.playStory() // a lecture's scene tells its story when it opens
	}
	return nil
}

// applyScene makes s the window's scene, as the control panel and clicks
// edit it: the scene is validated and the surface built first, so a bad
// edit returns an error and leaves the window as it was (the last good
// surface stays). Runs whose settings did not change keep going; changed
// and new runs start from their start points. The meshes are rebuilt only
// when the surface, the resolution or the colormap changed.
func (g *Game) applyScene(s *scene.Scene) error {
	ns := s.Clone()
	ns.Normalize()
	if err := ns.Validate(); err != nil {
		return fmt.Errorf("game: %w", err)
	}
	old := g.sc
	surfChanged := g.surf == nil || ns.Surface != old.Surface || ns.Expr != old.Expr || ns.Data != old.Data ||
		!sameDomain(ns.Domain, old.Domain) || ns.Dir != old.Dir
	surf := g.surf
	var err error
	if surfChanged {
		if surf, err = ns.BuildSurface(); err != nil {
			return fmt.Errorf("game: %w", err)
		}
	}
	// Runs: keep the unchanged ones.
	entries := make([]entry, len(ns.Runs))
	labels, colors := ns.RunLabels(), ns.RunColors() // once: each looks at every run
	for i, rc := range ns.Runs {
		if !surfChanged {
			if j := g.findRun(rc, i); j >= 0 {
				entries[i] = g.entries[j]
				entries[i].label, entries[i].color = labels[i], colors[i]
				continue
			}
		}
		one := *ns
		one.Runs = ns.Runs[i : i+1]
		runs, err := one.BuildRuns(surf, g.opts.TrailLength)
		if err != nil {
			return fmt.Errorf("game: run %d: %w", i+1, err)
		}
		entries[i] = entry{run: runs[0], label: labels[i], color: colors[i], hist: chart.NewHistory(), tape: timeline.New(runs[0])}
		explainNext(&entries[i])
	}
	// The 3-D view.
	cmap := g.cmap
	if ns.Colormap != old.Colormap || cmap.Name == "" {
		if cmap, err = mesh.LookupColormap(ns.Colormap); err != nil {
			return fmt.Errorf("game: %w", err)
		}
	}
	alpha := ns.Alpha
	if alpha == 0 {
		alpha = 1
	}
	var nv *view3d.View
	if surfChanged || ns.Mesh != old.Mesh || ns.Colormap != old.Colormap || g.view == nil {
		nv, err = view3d.New(surf, view3d.Config{
			Mesh: meshSize(ns), Preview: g.previewSize(), Alpha: alpha,
			Labels: [3]string{ns.XLabel, ns.YLabel, ns.ZLabel},
		})
		if err != nil {
			return fmt.Errorf("game: %w", err)
		}
		if gr := nv.Grid(); gr.NaN+gr.Infinite >= gr.N*gr.N {
			return ErrNothingToShow
		}
	}

	// Nothing can fail from here on.
	hadSchedule := g.scheduled()
	g.sc, g.surf, g.entries = ns, surf, entries
	if !hadSchedule && g.scheduled() {
		g.show.LR = true // the panel just gave a run a schedule: show it
	}
	if nv != nil {
		g.view = nv
	}
	g.view.SetAlpha(alpha)
	if cmap.Name != g.cmap.Name {
		g.cmap = cmap
		if g.cmapImg != nil {
			g.cmapImg.Deallocate()
		}
		g.cmapImg = nil
	}
	if r := ns.Rate; r > 0 {
		g.rate = math.Min(r, maxRate)
	}
	if surfChanged {
		g.resetFlatViews()
	}
	if g.selected >= len(g.entries) {
		g.selected = -1
	}
	g.syncHistories()
	g.syncSwarms()
	return nil
}

// meshSize returns the scene's mesh resolution (samples per side).
func meshSize(s *scene.Scene) int {
	if s.Mesh == 0 {
		return scene.DefaultMesh
	}
	return s.Mesh
}

// previewSize returns the mesh resolution drawn while the camera moves (0:
// none).
func (g *Game) previewSize() int {
	switch p := g.opts.Preview; {
	case p == 0:
		return defaultPreview
	case p < 0:
		return 0
	default:
		return p
	}
}

// resetFlatViews builds the 2-D views for the current surface.
func (g *Game) resetFlatViews() {
	scale, err := contour.ParseScale(g.sc.ContourOf)
	if err != nil || g.sc.ContourOf == "loss" {
		scale = contour.Linear
	}
	// Dashed iso-lines for scenes made as contour figures (regression-race),
	// thin solid ones otherwise.
	g.contour = flatview.NewContour(g.surf.Domain, scale, g.sc.View == "contour")
	g.curve = flatview.NewCurve(g.surf, g.sc.Axes)
	g.fit = nil
	if m := g.surf.Model; m != nil {
		g.fit = fitview.New(m)
	} else if g.kind == viewFit {
		g.kind = view3D
	}
	g.layoutPanes()
}

// findRun returns the index of the current run with exactly the settings
// rc (preferring index i), or -1.
func (g *Game) findRun(rc scene.RunConfig, i int) int {
	same := func(j int) bool {
		if j < 0 || j >= len(g.sc.Runs) || j >= len(g.entries) {
			return false
		}
		o := g.sc.Runs[j]
		return o.Optimizer == rc.Optimizer && slices.Equal(o.Start, rc.Start) && o.Batch == rc.Batch &&
			o.Noise == rc.Noise && o.Seed == rc.Seed
	}
	if same(i) {
		return i
	}
	for j := range g.sc.Runs {
		if same(j) {
			return j
		}
	}
	return -1
}

// sameDomain reports whether two optional domains are equal.
func sameDomain(a, b *surface.Domain) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}

// addStarts adds, for each ticked run, a copy of it starting at p.
func (g *Game) addStarts(p []float64) {
	s := g.sc.Clone()
	if len(s.Runs) == 0 {
		s.Runs = append(s.Runs, scene.RunConfig{Optimizer: "sgd:lr=0.1", Start: p})
	}
	for _, i := range g.panel.Ticked(len(s.Runs)) {
		rc := s.Runs[i]
		rc.Start = slices.Clone(p)
		rc.Label = ""
		rc.Swarm, rc.SwarmRadius = 0, 0 // a start, not another swarm
		rc.Color = (&scene.Scene{Runs: append(slices.Clone(s.Runs), rc)}).RunColor(len(s.Runs))
		s.Runs = append(s.Runs, rc)
	}
	if err := g.applyScene(s); err != nil {
		g.notices.Say("%v", err)
		return
	}
	g.notices.Say("start (%s) added", plot.FormatPoint(p))
}

// moveStart moves the first ticked run's start to p (it restarts).
func (g *Game) moveStart(p []float64) {
	s := g.sc.Clone()
	sel := g.panel.Ticked(len(s.Runs))
	if len(sel) == 0 {
		return
	}
	s.Runs[sel[0]].Start = slices.Clone(p)
	if err := g.applyScene(s); err != nil {
		g.notices.Say("%v", err)
		return
	}
	g.notices.Say("run %d starts at (%s)", sel[0]+1, plot.FormatPoint(p))
}

// scheduled reports whether some run has a learning-rate schedule.
func (g *Game) scheduled() bool {
	for _, e := range g.entries {
		if e.run.Schedule() != nil {
			return true
		}
	}
	return false
}

// restart puts every run back at its start.
func (g *Game) restart() {
	for i := range g.entries {
		e := &g.entries[i]
		e.run.Reset()
		e.hist.Reset()
		e.tape.Reset(e.run)
		e.last = nil
		explainNext(e)
	}
	g.acc = 0
	g.syncHistories()
	g.resetSwarms()
}

// syncHistories brings the loss histories up to date with the runs.
func (g *Game) syncHistories() {
	for _, e := range g.entries {
		e.hist.Sync(e.run, g.surf)
	}
}
