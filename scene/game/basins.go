package game

import (
	"math"
	"runtime"
	"slices"
	"time"

	"github.com/hajimehoshi/ebiten/v2"

	"descent/scene"
	"descent/scene/basins"
	"descent/scene/basinview"
	"descent/scene/contour"
	"descent/scene/flatview"
	"descent/scene/plot"
	"descent/shaders"
)

// The basins view: the contour map drawn over a basins-of-attraction map
// of a run (each start coloured by the minimum the run's optimizer reaches
// from it in the scene's steps), computed off the frame loop by a
// basinview.Refiner per map and refined progressively, so that dragging a
// hyper-parameter's slider in the panel sweeps the map. V cycles to it
// after the contour map, the panel's Look section switches it on and off.
// The single and chart layouts show the selected run's basins (else the
// first shown run's), the split layout two runs' side by side over the
// loss chart, the grid one map per run. A click on a map starts a copy of
// its run from the centre of the cell under the pointer (Shift moves the
// run's start there), so the path drawn ends at the minimum whose colour
// the cell has.

// basinsView is the basins view's state.
type basinsView struct {
	on    bool        // the flat view shows basins
	slots []basinSlot // one per map shown
	// second is the split layout's right pane: the second run's basins,
	// with the pan and zoom of the left one (g.contour).
	second    *flatview.Contour
	secondKey secondKey
	inSecond  bool                  // withSecond is drawing the second pane
	specs     map[string]basinsSpec // parsed optimizer specs
	// paced computes the maps on the game's goroutine, a slice of each
	// tick, at basinsGridWeb cells per side: the web page, which has one
	// thread (tests set it to check the pacing natively).
	paced bool
}

// secondKey is what the second pane's contour was made for.
type secondKey struct {
	surf  any
	scale contour.Scale
}

// basinsSpec is an optimizer spec's problem, parsed once.
type basinsSpec struct {
	p   basins.Problem
	err error
}

// basinSlot is one map: the run whose basins it shows, its refiner, its
// picture and its key.
type basinSlot struct {
	run int
	ref *basinview.Refiner
	err error // why the run has no map (its problem is refused), if so
	pic basinview.Picture
	key basinview.Key
}

// Basins maps in the window.
const (
	// basinsGrid is a map's resolution, cells per side: 200 x 200 starts
	// of 200 steps take about 0.1 to 0.2 s on one core natively.
	basinsGrid = 200
	// basinsGridWeb is the web page's: it computes on the page's one
	// thread, a slice of each frame, about four times slower than natively.
	basinsGridWeb = 100
	// defaultBasinsSteps is a map's steps when the scene sets no limit.
	defaultBasinsSteps = 300
	// maxBasinsMaps bounds the maps of a grid (one per run).
	maxBasinsMaps = 12
	// basinsWorkPerTick is how long a tick computes a map where the
	// window computes it itself (the web page): a third of a frame.
	basinsWorkPerTick = 6 * time.Millisecond
)

// basinsShown reports whether the basins view is on the screen.
func (g *Game) basinsShown() bool {
	return g.basins.on && g.surf != nil && g.surf.Dim == 2 && (g.kind == viewFlat || g.layout == layoutSplit)
}

// basinsSplit reports whether the split layout shows two maps side by side
// (else the 3-D and the contour views).
func (g *Game) basinsSplit() bool {
	return g.basins.on && g.layout == layoutSplit && g.surf != nil && g.surf.Dim == 2
}

// setBasins switches the basins view on or off (the panel): on, the flat
// view shows it.
func (g *Game) setBasins(on bool) {
	g.basins.on = on && g.surf.Dim == 2
	if g.basins.on && g.layout != layoutSplit && g.kind != viewFlat {
		g.kind = viewFlat
	}
	g.layoutPanes()
	g.keepClearOfLegend()
	g.tickBasins()
}

// basinsRuns returns the runs whose maps are shown, in pane order.
func (g *Game) basinsRuns() []int {
	if !g.basinsShown() {
		return nil
	}
	if g.layout == layoutGrid {
		n := min(len(g.entries), maxBasinsMaps)
		runs := make([]int, n)
		for i := range runs {
			runs[i] = i
		}
		return runs
	}
	first := -1
	if g.selected >= 0 && g.selected < len(g.entries) && !g.entries[g.selected].hidden {
		first = g.selected
	}
	for i := 0; first < 0 && i < len(g.entries); i++ {
		if !g.entries[i].hidden {
			first = i
		}
	}
	if first < 0 {
		return nil
	}
	runs := []int{first}
	if g.basinsSplit() {
		for k := 1; k < len(g.entries); k++ {
			if j := (first + k) % len(g.entries); !g.entries[j].hidden {
				runs = append(runs, j)
				break
			}
		}
	}
	return runs
}

// tickBasins gives each map shown the problem it must show now: its run's
// optimizer, the scene's steps, the visible rectangle. Where the window
// computes the maps itself (the web page), it computes for a slice of the
// tick. The window calls it once a tick.
func (g *Game) tickBasins() {
	runs := g.basinsRuns()
	old := g.basins.slots
	slots := make([]basinSlot, 0, len(runs))
	for _, i := range runs {
		k := slices.IndexFunc(old, func(s basinSlot) bool { return s.ref != nil && s.run == i })
		if k >= 0 {
			slots = append(slots, old[k])
			old[k].ref = nil
			continue
		}
		slots = append(slots, basinSlot{run: i, ref: basinview.NewRefiner(g.refinerOptions())})
	}
	for _, s := range old {
		if s.ref != nil {
			s.ref.Close()
			s.pic.Release()
		}
	}
	g.basins.slots = slots
	g.syncSecond()
	for k := range slots {
		q, err := g.basinsRequest(k)
		slots[k].err = err
		if err == nil {
			slots[k].ref.Want(q)
		} else if res := slots[k].ref.Result(); res.Map != nil || res.Working {
			// No map for this run now: stop the old problem's work and
			// show none of it.
			slots[k].ref.Close()
			slots[k].pic.Release()
			slots[k].ref = basinview.NewRefiner(g.refinerOptions())
		}
	}
	if !g.offscreen && g.basins.paced {
		start := time.Now()
		for k := range slots {
			left := basinsWorkPerTick - time.Since(start)
			if left <= 0 {
				break
			}
			slots[k].ref.Work(left / time.Duration(len(slots)-k))
		}
	}
}

// refinerOptions returns how the window's refiners compute: on all cores
// but the one that draws, natively; on the caller's goroutine on the web
// and in recordings (settleBasins finishes each frame's maps).
func (g *Game) refinerOptions() basinview.Options {
	if g.offscreen || g.basins.paced {
		return basinview.Options{}
	}
	return basinview.Options{Workers: max(1, runtime.GOMAXPROCS(0)-1)}
}

// settleBasins computes the maps shown to the end, on the caller's
// goroutine: a recording's frames show finished maps, the same every time.
func (g *Game) settleBasins() {
	g.tickBasins()
	for _, s := range g.basins.slots {
		for s.ref.Work(time.Hour) {
		}
	}
}

// basinsRequest returns the request of map k: its run's problem over the
// rectangle its pane shows (an error when the run's optimizer has none).
func (g *Game) basinsRequest(k int) (basinview.Request, error) {
	i := g.basins.slots[k].run
	rc := g.sc.Runs[i]
	if g.basins.specs == nil {
		g.basins.specs = map[string]basinsSpec{}
	}
	bs, ok := g.basins.specs[rc.Optimizer]
	if !ok || bs.p.Surface != g.surf {
		one := &scene.Scene{Runs: []scene.RunConfig{rc}}
		bs.p, bs.err = one.SwarmProblem(0, g.surf, 0)
		if bs.err == nil {
			// The tolerance of the surface's own domain, the swarms' too: a
			// map of a zoomed-in rectangle classifies as the full one does.
			bs.err = bs.p.Validate()
		}
		if len(g.basins.specs) >= maxSpecs {
			clear(g.basins.specs)
		}
		g.basins.specs[rc.Optimizer] = bs
	}
	if bs.err != nil {
		return basinview.Request{}, bs.err
	}
	p := bs.p
	p.Stochastic = rc.Stochastic()
	p.Steps = g.basinsSteps()
	v := g.contour.Transform().Vis
	p.Domain.XMin, p.Domain.XMax, p.Domain.YMin, p.Domain.YMax = v.X0, v.X1, v.Y0, v.Y1
	n := basinsGrid
	if g.basins.paced {
		n = basinsGridWeb
	}
	return basinview.Request{Problem: p, N: n, Owner: i}, nil
}

// maxSpecs bounds the parsed specs the basins view keeps (it starts afresh
// when full).
const maxSpecs = 64

// basinsSteps returns the steps of every map: the scene's, or
// defaultBasinsSteps when the runs have no limit.
func (g *Game) basinsSteps() int {
	if g.sc.Steps > 0 {
		return g.sc.Steps
	}
	return defaultBasinsSteps
}

// basinsSlotOf returns the map of pane: the first (the single, chart and
// split layouts' left pane, only < 0), the split layout's second (second),
// or run only's (a grid's cell).
func (g *Game) basinsSlotOf(only int, second bool) *basinSlot {
	s := g.basins.slots
	switch {
	case second && len(s) > 1:
		return &s[1]
	case second:
		return nil
	case only < 0 && g.layout != layoutGrid && len(s) > 0:
		return &s[0]
	}
	for k := range s {
		if s[k].run == only {
			return &s[k]
		}
	}
	return nil
}

// basinsBackdrop returns the backdrop of the flat view drawn for run only
// (< 0: the left or single pane, or the second pane while withSecond
// draws it), nil when the basins view is not shown.
func (g *Game) basinsBackdrop(only int) *flatview.Backdrop {
	if !g.basinsShown() {
		return nil
	}
	s := g.basinsSlotOf(only, g.basins.inSecond)
	if s == nil {
		return &flatview.Backdrop{}
	}
	res := s.ref.Result()
	if res.Map == nil {
		return &flatview.Backdrop{}
	}
	d := res.Map.Domain
	return &flatview.Backdrop{Image: s.pic.Image(res.Map), Rect: plot.DataRect{X0: d.XMin, X1: d.XMax, Y0: d.YMin, Y1: d.YMax}}
}

// withSecond runs f with the second pane's contour in g.contour's place,
// so that the flat view's own code prepares and draws the second pane.
func (g *Game) withSecond(f func()) {
	b := &g.basins
	if b.second == nil {
		return
	}
	first := g.contour
	g.contour, b.second, b.inSecond = b.second, first, true
	defer func() { g.contour, b.second, b.inSecond = first, g.contour, false }()
	f()
}

// syncSecond keeps the second pane's contour: made for the surface, with
// the left pane's pan and zoom, fitted to its pane.
func (g *Game) syncSecond() {
	b := &g.basins
	p := &g.panes
	if p.flatB.Empty() || g.contour == nil {
		b.second = nil
		return
	}
	scale := g.contour.Scale()
	if k := (secondKey{surf: g.surf, scale: scale}); b.second == nil || b.secondKey != k {
		b.second = flatview.NewContour(g.surf.Domain, scale, g.sc.View == "contour")
		b.secondKey = k
	}
	t, src := b.second.Transform(), g.contour.Transform()
	t.PanX, t.PanY, t.Zoom = src.PanX, src.PanY, src.Zoom
	b.second.Fit(p.flatB, p.top, g.style())
}

// flatShows reports whether the flat view drawn for only (see
// prepareFlat) shows run i: run only alone (a grid's cell); else the shown
// runs, and in the split basins view only those with the optimizer and
// stochastic settings of the pane's map, whose colours hold for them (a
// click's runs among them).
func (g *Game) flatShows(i, only int) bool {
	switch {
	case only >= 0:
		return i == only
	case i >= len(g.entries) || g.entries[i].hidden:
		return false
	case !g.basinsSplit():
		return true
	}
	s := g.basinsSlotOf(-1, g.basins.inSecond)
	if s == nil || s.run >= len(g.sc.Runs) || i >= len(g.sc.Runs) {
		return true
	}
	a, b := g.sc.Runs[i], g.sc.Runs[s.run]
	return a.Optimizer == b.Optimizer && a.Stochastic() == b.Stochastic()
}

// basinsPaneAt maps pixel (x, y) of the split layout's second pane to the
// pixel of the first pane that shows the same point, so that pans, zooms
// and clicks there act on the pair.
func (g *Game) basinsPaneAt(x, y float64) (float64, float64, bool) {
	b := &g.basins
	if b.second == nil || !g.panes.flatB.Contains(x, y) {
		return 0, 0, false
	}
	dx, dy := b.second.Transform().ToData(x, y)
	lx, ly := g.contour.Transform().ToPixel(dx, dy)
	return lx, ly, true
}

// prepareSecond prepares the split layout's second map.
func (g *Game) prepareSecond(st plot.Style) {
	if g.panes.flatB.Empty() {
		return
	}
	g.syncSecond()
	g.withSecond(func() { g.prepareFlat(st, -1) })
}

// drawSecond draws the split layout's second map and the seam between the
// two.
func (g *Game) drawSecond(dst *ebiten.Image) {
	p := &g.panes
	if p.flatB.Empty() {
		return
	}
	g.withSecond(func() { g.drawFlat(dst) })
	st := g.style()
	var l shaders.Lines
	x := float32(p.flatB.X0)
	l.Segment(x, float32(p.flatB.Y0+p.top), x, float32(p.flatB.Y1-seamEnd*st.Scale), float32(st.LineW), shaders.RGBA(g.theme.PaneGrid, 1))
	_ = l.Draw(dst)
}

// prepareBasinsKeys lays out each map's key in its pane.
func (g *Game) prepareBasinsKeys(st plot.Style) {
	for k := range g.basins.slots {
		s := &g.basins.slots[k]
		var area, pane plot.Rect
		var t *plot.Transform
		switch {
		case g.layout == layoutGrid:
			s.key.Prepare(basinview.KeyFrame{}) // a cell's key is laid out when it is drawn
			continue
		case k == 0:
			t, pane = g.contour.Transform(), g.panes.flat
		case k == 1 && g.basins.second != nil:
			t, pane = g.basins.second.Transform(), g.panes.flatB
		default:
			continue
		}
		area = t.Px
		if g.layout != layoutSplit {
			// Alone, the map leaves the screen's right under the legend
			// free: the key may go there.
			pane.X1 = g.width - plot.Margin*st.Scale
			if lg := g.hud.Legend(); !lg.Empty() && lg.Y1+plot.Pad*st.Scale > area.Y1-keyRoom*st.Scale {
				pane.X1 = min(g.panes.flat.X1, lg.X0) // the legend reaches down there
			}
		}
		s.key.Prepare(g.basinsKeyFrame(s, t, pane, st))
	}
}

// keyRoom is about the height of a map's key (pixels at scale 1): the
// legend must end above the plot's foot by this much for the key to go
// under it.
const keyRoom = 110

// basinsKeyFrame returns what map s's key shows in the plot of transform
// t, in pane pane.
func (g *Game) basinsKeyFrame(s *basinSlot, t *plot.Transform, pane plot.Rect, st plot.Style) basinview.KeyFrame {
	title := "Basins"
	if s.run < len(g.entries) {
		title = "Basins of " + g.entries[s.run].label
	}
	res := s.ref.Result()
	if s.err != nil {
		res = basinview.Result{Err: s.err, Current: true}
	}
	// A key inside the plot keeps clear of the minima's marks and, above
	// all, the runs' starts, where the paths leave from (not their current
	// points: the key would jump about).
	var avoid []basinview.Mark
	for _, m := range g.surf.Minima {
		x, y := t.ToPixel(m.X, m.Y)
		avoid = append(avoid, basinview.Mark{X: x, Y: y, Weight: 1})
	}
	for i, rc := range g.sc.Runs {
		if i < len(g.entries) && len(rc.Start) == 2 && g.flatShows(i, -1) {
			x, y := t.ToPixel(rc.Start[0], rc.Start[1])
			avoid = append(avoid, basinview.Mark{X: x, Y: y, Weight: 2})
		}
	}
	return basinview.KeyFrame{Plot: t.Px, Pane: pane, Style: st, Title: title, Result: res, Avoid: avoid}
}

// drawBasinsKeys draws the keys of the maps (not a grid's: each cell
// draws its own).
func (g *Game) drawBasinsKeys(dst *ebiten.Image) {
	if g.layout == layoutGrid {
		return
	}
	for k := range g.basins.slots {
		g.basins.slots[k].key.Draw(dst, g.fonts)
	}
}

// drawCellKey draws run i's map key in a grid's cell image.
func (g *Game) drawCellKey(dst *ebiten.Image, st plot.Style, i int) {
	if !g.basinsShown() {
		return
	}
	s := g.basinsSlotOf(i, false)
	if s == nil {
		return
	}
	f := g.basinsKeyFrame(s, g.contour.Transform(), g.panes.cellSize, st)
	f.Title = "" // the cell's title names the run
	s.key.Prepare(f)
	s.key.Draw(dst, g.fonts)
}

// basinsClick starts a run from the map's cell under pixel (x, y) when the
// pixel is on a basins map, and reports whether it was: a copy of the map's
// run (without its swarm) from the cell's centre, or, with shift, the run
// itself moved there. A map of the newest settings snaps the start to its
// cell (with the cell's random stream for stochastic runs), so the path
// ends where the cell's colour says; while the map is being computed the
// start is the point clicked.
func (g *Game) basinsClick(x, y float64, shift bool) bool {
	if !g.basinsShown() || len(g.basins.slots) == 0 {
		return false
	}
	var s *basinSlot
	var px, py float64
	p := &g.panes
	switch {
	case p.flatB.Contains(x, y) && g.basins.second != nil:
		t := g.basins.second.Transform()
		if !t.Px.Contains(x, y) {
			return false
		}
		s = g.basinsSlotOf(-1, true)
		px, py = t.ToData(x, y)
	case p.flat.Contains(x, y):
		t := g.contour.Transform()
		if !t.Px.Contains(x, y) {
			return false
		}
		s = g.basinsSlotOf(-1, false)
		px, py = t.ToData(x, y)
	default:
		i, lx, ly, ok := p.cellAt(x, y)
		t := g.contour.Transform()
		if !ok || !t.Px.Contains(lx, ly) {
			return false
		}
		s = g.basinsSlotOf(i, false)
		px, py = t.ToData(lx, ly)
	}
	if s == nil || s.run >= len(g.sc.Runs) {
		return false
	}
	sc := g.sc.Clone()
	rc := sc.Runs[s.run]
	if res := s.ref.Result(); res.Map != nil && res.Current {
		if k, ok := mapCell(res.Map, px, py); ok {
			px, py = res.Map.Start(k)
			if rc.Batch > 0 || rc.Noise > 0 {
				rc.Seed = basins.StartSeed(rc.Seed, k)
			}
		}
	}
	start := []float64{px, py}
	if shift {
		sc.Runs[s.run].Start, sc.Runs[s.run].Seed = start, rc.Seed
		if err := g.applyScene(sc); err != nil {
			g.notices.Say("%v", err)
			return true
		}
		g.notices.Say("run %d starts at (%s)", s.run+1, plot.FormatPoint(start))
		return true
	}
	rc.Start, rc.Label, rc.Swarm, rc.SwarmRadius = start, "", 0, 0
	rc.Color = (&scene.Scene{Runs: append(slices.Clone(sc.Runs), rc)}).RunColor(len(sc.Runs))
	sc.Runs = append(sc.Runs, rc)
	if err := g.applyScene(sc); err != nil {
		g.notices.Say("%v", err)
		return true
	}
	g.notices.Say("start (%s) added, from the map's cell", plot.FormatPoint(start))
	return true
}

// mapCell returns the cell of m holding point (x, y).
func mapCell(m *basins.Map, x, y float64) (int, bool) {
	d := m.Domain
	fi := (x - d.XMin) / (d.XMax - d.XMin) * float64(m.N)
	fj := (y - d.YMin) / (d.YMax - d.YMin) * float64(m.N)
	if !(fi >= 0 && fi < float64(m.N) && fj >= 0 && fj < float64(m.N)) {
		return 0, false
	}
	i, j := min(int(math.Floor(fi)), m.N-1), min(int(math.Floor(fj)), m.N-1)
	return j*m.N + i, true
}

// closeBasins stops every map's work (the window closes).
func (g *Game) closeBasins() {
	for _, s := range g.basins.slots {
		s.ref.Close()
	}
	g.basins.slots = nil
}

// nextBasins makes V go from the contour map to the basins view of a 2-D
// surface, and from the basins view on to the next view; it reports
// whether V stops at the basins view.
func (g *Game) nextBasins() bool {
	if g.basins.on {
		g.basins.on = false
		return false
	}
	if g.kind != viewFlat || g.surf.Dim != 2 || g.layout == layoutSplit {
		return false
	}
	g.basins.on = true
	g.layoutPanes()
	g.keepClearOfLegend()
	g.tickBasins()
	return true
}
