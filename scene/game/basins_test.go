package game

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"

	"descent/scene/basins"
	"descent/scene/basinview"
)

// basinsTestGame returns the basins-lr-sweep preset's window in the single
// layout, its maps computed on the test's goroutine (settleBasins), as a
// recording computes them.
func basinsTestGame(t *testing.T) *Game {
	t.Helper()
	g := newTestGame(t, "basins-lr-sweep")
	t.Cleanup(g.closeBasins)
	g.offscreen = true // refiners without workers: Work computes
	g.layout = layoutSingle
	g.layoutPanes()
	if !g.basinsShown() {
		t.Fatal("the basins-lr-sweep preset does not open in the basins view")
	}
	return g
}

// settledMap computes the single pane's map to the end and returns it.
func settledMap(t *testing.T, g *Game) (*basinSlot, *basins.Map) {
	t.Helper()
	g.settleBasins()
	if len(g.basins.slots) != 1 {
		t.Fatalf("%d maps shown, want 1", len(g.basins.slots))
	}
	s := &g.basins.slots[0]
	res := s.ref.Result()
	if res.Map == nil || !res.Current || !res.Full || res.Working {
		t.Fatalf("settled map: %+v (status %q), want the full current map", res, basinview.Status(res))
	}
	return s, res.Map
}

// TestVCyclesThroughTheBasinsView: V goes from the contour map to the
// basins view and from there to the chart; the panel's toggle switches it
// on from the 3-D view and off again; L from the basins view shows two
// runs' maps side by side.
func TestVCyclesThroughTheBasinsView(t *testing.T) {
	g := newTestGame(t, "himmelblau-swarm")
	t.Cleanup(g.closeBasins)
	g.layout = layoutSingle
	g.kind = viewFlat
	g.layoutPanes()
	if g.basinsShown() {
		t.Fatal("the contour view shows basins before V")
	}
	if err := g.tickWith(press(ebiten.KeyV)); err != nil {
		t.Fatal(err)
	}
	if !g.basinsShown() || g.kind != viewFlat || len(g.basins.slots) != 1 || g.basins.slots[0].run != 0 {
		t.Fatalf("after V from the contour view: basins %v, kind %v, %d maps", g.basinsShown(), g.kind, len(g.basins.slots))
	}
	if err := g.tickWith(press(ebiten.KeyL)); err != nil {
		t.Fatal(err)
	}
	if !g.basinsSplit() || g.panes.flatB.Empty() || g.panes.flat.Empty() || len(g.basins.slots) != 2 ||
		g.basins.slots[0].run == g.basins.slots[1].run || g.panes.flat.Overlaps(g.panes.flatB) {
		t.Fatalf("L from the basins view: split %v, panes %v and %v, %d maps", g.basinsSplit(), g.panes.flat, g.panes.flatB, len(g.basins.slots))
	}
	if err := g.tickWith(press(ebiten.KeyV)); err != nil {
		t.Fatal(err)
	}
	if g.basinsShown() || len(g.basins.slots) != 0 || !g.panes.flatB.Empty() {
		t.Fatalf("V from the basins view left it shown (%d maps, second pane %v)", len(g.basins.slots), g.panes.flatB)
	}
	g.layout, g.kind = layoutSingle, view3D
	g.layoutPanes()
	h := host{g}
	o := h.Options()
	o.Basins = true
	h.SetOptions(o)
	g.tickBasins()
	if !g.basinsShown() || g.kind != viewFlat || !h.Options().Basins || len(g.basins.slots) != 1 {
		t.Fatalf("the panel's toggle: basins %v, kind %v, %d maps", g.basinsShown(), g.kind, len(g.basins.slots))
	}
	o.Basins = false
	h.SetOptions(o)
	g.tickBasins()
	if g.basinsShown() || h.Options().Basins || len(g.basins.slots) != 0 {
		t.Fatal("the panel's toggle did not switch the basins view off")
	}
}

// TestBasinsClickAgreesWithTheMap: a click on a random cell of the map
// starts a run at the cell's centre, and that run, stepped as the window
// steps it for the map's steps, ends exactly where the map's run from the
// cell ended, at the minimum (or none, or diverged) whose colour the cell
// has. Run 3 (Adam at lr 1) has interleaved bands, where a start off the
// centre would often end elsewhere.
func TestBasinsClickAgreesWithTheMap(t *testing.T) {
	g := basinsTestGame(t)
	rng := rand.New(rand.NewPCG(12, 0))
	for _, run := range []int{0, 2} {
		g.selected = run
		g.tickBasins()
		s, m := settledMap(t, g)
		if s.run != run {
			t.Fatalf("the map shows run %d, want %d", s.run, run)
		}
		pic := m.Image()
		checked, outcomes := 0, map[int16]int{}
		for tries := 0; checked < 12 && tries < 100; tries++ {
			k := rng.IntN(m.N * m.N)
			x, y := m.Start(k)
			px, py := g.contour.Transform().ToPixel(x, y)
			before := len(g.entries)
			g.clickAt(px, py, false)
			if len(g.entries) != before+1 {
				continue // the pixel is on a run's marker: the click selected it
			}
			g.selected = run // the map stays the same run's
			e := g.entries[before]
			if p := e.run.Point(); p[0] != x || p[1] != y {
				t.Fatalf("run %d: click on cell %d (%v, %v) started at %v", run, k, x, y, p)
			}
			for range m.Steps {
				if e.run.Step() != nil {
					break
				}
			}
			p := e.run.Point()
			if p[0] != m.EndX[k] || p[1] != m.EndY[k] {
				t.Errorf("run %d, cell %d: the run ends at %v, the map's at (%v, %v)", run, k, p, m.EndX[k], m.EndY[k])
			}
			got := int16(basins.None)
			if e.run.Diverged() {
				got = basins.Diverged
			} else {
				for i, mn := range m.Minima {
					if math.Hypot(p[0]-mn.X, p[1]-mn.Y) <= m.Tol {
						got = int16(i)
					}
				}
			}
			if got != m.Outcome[k] {
				t.Errorf("run %d, cell %d: the run ends at minimum %d, the map says %d", run, k, got, m.Outcome[k])
			}
			// The cell's pixel has the colour of the run's outcome (the
			// brightness says how fast it got there).
			if c, want := pic.RGBAAt(k%m.N, m.N-1-k/m.N), basins.Color(int(got), int(m.StepsTo[k]), m.Steps); c != want {
				t.Errorf("run %d, cell %d: pixel %v, want the colour %v of outcome %d", run, k, c, want, got)
			}
			outcomes[got]++
			checked++
			// Drop the new run, so that the next click's map is the same.
			sc := g.sc.Clone()
			sc.Runs = sc.Runs[:before]
			if err := g.applyScene(sc); err != nil {
				t.Fatal(err)
			}
		}
		if checked < 12 {
			t.Fatalf("run %d: only %d of the clicks started a run", run, checked)
		}
		if len(outcomes) < 2 {
			t.Errorf("run %d: every cell checked ends at the same outcome %v: the test checks little", run, outcomes)
		}
	}
}

// TestBasinsFollowTheRun: a new learning rate keeps the old map on screen,
// labelled with its own, until the new one is done; a new optimizer hides
// the map at once (no stale map); a schedule has no map and says why.
func TestBasinsFollowTheRun(t *testing.T) {
	g := basinsTestGame(t)
	g.selected = 0
	_, m := settledMap(t, g)
	if !strings.Contains(m.Spec.String(), "lr=0.05") {
		t.Fatalf("the map is of %s, want run 1's adam lr=0.05", m.Spec.String())
	}
	sc := g.sc.Clone()
	sc.Runs[0].Optimizer = "adam:lr=0.1"
	if err := g.applyScene(sc); err != nil {
		t.Fatal(err)
	}
	g.tickBasins()
	res := g.basins.slots[0].ref.Result()
	if res.Map != m || res.Current || !res.Working || !strings.Contains(basinview.Status(res), "lr=0.05") {
		t.Fatalf("a new lr: the old map should stay, labelled with its lr, while the new one is computed; got %+v, %q", res, basinview.Status(res))
	}
	_, m2 := settledMap(t, g)
	if m2 == m || !strings.Contains(m2.Spec.String(), "lr=0.1") {
		t.Fatalf("after the new lr's map: %s", m2.Spec.String())
	}
	sc = g.sc.Clone()
	sc.Runs[0].Optimizer = "sgd:lr=0.01"
	if err := g.applyScene(sc); err != nil {
		t.Fatal(err)
	}
	g.tickBasins()
	if res := g.basins.slots[0].ref.Result(); res.Map != nil || !res.Working {
		t.Fatalf("a new optimizer: the old map is still shown (%+v)", res)
	}
	_, m3 := settledMap(t, g)
	if m3.Spec.Method != "sgd" {
		t.Fatalf("the new optimizer's map is of %s", m3.Spec.String())
	}
	sc = g.sc.Clone()
	sc.Runs[0].Optimizer = "sgd:lr=0.01+steplr:step_size=75,gamma=0.3"
	sc.Runs[0].Swarm = 0 // a swarm refuses a schedule
	if err := g.applyScene(sc); err != nil {
		t.Fatal(err)
	}
	g.settleBasins()
	s := &g.basins.slots[0]
	if s.err == nil || !strings.Contains(s.err.Error(), "schedule") || s.ref.Result().Map != nil {
		t.Fatalf("a schedule: error %v, map %v", s.err, s.ref.Result().Map != nil)
	}
	if b := g.basinsBackdrop(-1); b == nil || b.Image != nil {
		t.Fatalf("a schedule: the backdrop should be empty, got %+v", b)
	}
}

// TestSplitBasinsShowTheirOwnRuns: in the split layout each map shows the
// paths and swarms of the runs its colours hold for (its run's optimizer,
// with the copies a click starts), not the other runs'.
func TestSplitBasinsShowTheirOwnRuns(t *testing.T) {
	g := basinsTestGame(t)
	g.layout = layoutSplit
	g.layoutPanes()
	g.settleBasins()
	if !g.basinsSplit() || len(g.basins.slots) != 2 {
		t.Fatalf("split: %v, %d maps", g.basinsSplit(), len(g.basins.slots))
	}
	st := g.style()
	g.prepare(false)
	if got := g.swarmsFlat(-1); len(got) != 1 || got[0].Color != g.entries[0].color {
		t.Errorf("the left map draws %d swarms, want run 1's alone", len(got))
	}
	g.withSecond(func() {
		if got := g.swarmsFlat(-1); len(got) != 1 || got[0].Color != g.entries[1].color {
			t.Errorf("the right map draws %d swarms, want run 2's alone", len(got))
		}
		if !g.flatShows(1, -1) || g.flatShows(0, -1) || g.flatShows(2, -1) {
			t.Error("the right map shows other runs' paths")
		}
	})
	// A click on the right map starts a copy of run 2, shown there.
	m := g.basins.slots[1].ref.Result().Map
	x, y := m.Start(m.N*m.N/2 + 3)
	px, py := g.basins.second.Transform().ToPixel(x, y)
	g.clickAt(px, py, false)
	if len(g.entries) != 4 || g.sc.Runs[3].Optimizer != g.sc.Runs[1].Optimizer {
		t.Fatalf("the click on the right map: %d runs", len(g.entries))
	}
	g.prepareSecond(st)
	g.withSecond(func() {
		if !g.flatShows(3, -1) {
			t.Error("the right map does not show the run its click started")
		}
	})
	if g.flatShows(3, -1) {
		t.Error("the left map shows the right map's new run")
	}
}

// TestBasinsPacedBetweenTicks: where the window computes the maps itself
// (the web page's single thread), each tick computes a slice of the map,
// so the frame loop goes on: the first tick leaves the work unfinished,
// a coarse map shows before the full one, and the full map, at the web's
// resolution, comes after more ticks.
func TestBasinsPacedBetweenTicks(t *testing.T) {
	g := newTestGame(t, "basins-lr-sweep")
	t.Cleanup(g.closeBasins)
	g.basins.paced = true
	g.layout = layoutSingle
	g.layoutPanes()
	g.tickBasins()
	if len(g.basins.slots) != 1 {
		t.Fatalf("%d maps", len(g.basins.slots))
	}
	r := g.basins.slots[0].ref
	if res := r.Result(); res.Full || !res.Working {
		t.Fatalf("one tick finished the full map (%q): the tick did not pace it", basinview.Status(res))
	}
	ticks, sawCoarse := 1, false
	for ; ticks < 100_000; ticks++ {
		res := r.Result()
		if res.Map != nil && !res.Full {
			sawCoarse = true
		}
		if res.Full && res.Current {
			if res.Map.N != basinsGridWeb {
				t.Errorf("the paced map has %d cells a side, want %d", res.Map.N, basinsGridWeb)
			}
			break
		}
		g.tickBasins()
	}
	if !sawCoarse {
		t.Error("no coarse map was shown before the full one")
	}
	if res := r.Result(); !res.Full {
		t.Fatalf("after %d ticks the map is not done: %q", ticks, basinview.Status(res))
	}
	t.Logf("the full %d x %d map took %d ticks", basinsGridWeb, basinsGridWeb, ticks)
}
