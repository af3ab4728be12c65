package game

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"

	"descent/scene"
	"descent/scene/hud"
	"descent/scene/input"
	"descent/scene/plot"
	"descent/scene/run"
	"descent/scene/trace"
)

// fuzzSeeds returns the expression parser's fuzz corpus.
func fuzzSeeds(t testing.TB) []string {
	files, err := filepath.Glob("../expr/testdata/fuzz/FuzzParseEval/*")
	if err != nil || len(files) == 0 {
		t.Fatalf("no fuzz corpus: %v", err)
	}
	var out []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(string(b), "\n") {
			if strings.HasPrefix(line, "string(") {
				if s, err := strconv.Unquote(strings.TrimSuffix(strings.TrimPrefix(line, "string("), ")")); err == nil {
					out = append(out, s)
				}
			}
		}
	}
	return out
}

// withExpr returns a copy of the window's scene on expression src.
func withExpr(g *Game, src string) *scene.Scene {
	s := g.sc.Clone()
	s.Surface, s.Expr, s.Data, s.Domain, s.Axes = "", src, "", nil, nil
	for k := range s.Runs {
		s.Runs[k].Start = nil
	}
	return s
}

// FuzzApplyExpression applies typed expressions as the panel does: it
// never panics, a bad expression keeps the last good surface with an
// error that says so, and a good one replaces it.
func FuzzApplyExpression(f *testing.F) {
	for _, s := range fuzzSeeds(f) {
		f.Add(s)
	}
	for _, s := range []string{"x^2 + y^2", "sin(x)*cos(y)", "log(-1-x^2-y^2)", "1/0", "x^", "((x)", "sqrt(x)", "x", "", "  ", "0*x"} {
		f.Add(s)
	}
	g := newTestGame(f, "bowl-turntable")
	f.Fuzz(func(t *testing.T, src string) {
		before, surf := g.sc.Expr, g.surf
		err := g.applyScene(withExpr(g, src))
		if g.surf == nil || g.view == nil || len(g.entries) != len(g.sc.Runs) {
			t.Fatalf("applying %q left the window without a surface or runs", src)
		}
		switch {
		case err != nil:
			if g.sc.Expr != before || g.surf != surf || !strings.HasPrefix(err.Error(), "game: ") {
				t.Fatalf("a failed %q changed the surface, or said %v", src, err)
			}
		case g.sc.Expr != strings.TrimSpace(src) && g.sc.Expr != src:
			t.Fatalf("applying %q gave expression %q", src, g.sc.Expr)
		}
		// The picture is still there: the 3-D view prepares with triangles.
		g.prepare(false)
		if g.view.Triangles() == 0 && g.surf.Dim == 2 {
			t.Fatalf("after %q the surface has no triangles", src)
		}
	})
}

// traceOf writes the trace CSV of every run of s for steps steps, as
// 'descent trace' would for each run.
func traceOf(t *testing.T, s *scene.Scene, steps int) []byte {
	t.Helper()
	var out bytes.Buffer
	surf, err := s.BuildSurface()
	if err != nil {
		t.Fatal(err)
	}
	for _, rc := range s.Runs {
		start := rc.Start
		if start == nil {
			start = surf.Start
		}
		tr, err := trace.New(trace.Options{Surface: s.Surface, Expr: s.Expr, Data: s.Data, Domain: s.Domain,
			Optimizers: []string{rc.Optimizer}, Starts: [][]float64{start}, Steps: steps,
			Stochastic: run.Stochastic{Batch: rc.Batch, Noise: rc.Noise, Seed: rc.Seed}})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := tr.Write(&out); err != nil {
			t.Fatal(err)
		}
	}
	return out.Bytes()
}

// TestSavedSceneReloads edits a scene as the panel and clicks do, saves it
// with Ctrl+S and checks the file reproduces the same trajectories byte for
// byte, and nothing else is left in the directory.
func TestSavedSceneReloads(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	g := newTestGame(t, "regression-race")
	s := g.sc.Clone()
	s.Runs[1].Optimizer = "sgd:lr=0.0537,momentum=0.2"
	if err := g.applyScene(s); err != nil {
		t.Fatal(err)
	}
	g.addStarts([]float64{-4.25, 7.5})
	g.moveStart([]float64{3, -6.125})
	if len(g.sc.Runs) != 6 || g.sc.Runs[5].Start[0] != -4.25 || g.sc.Runs[0].Start[1] != -6.125 {
		t.Fatalf("edits not applied: %+v", g.sc.Runs)
	}
	save := press(ebiten.KeyS)
	save.Press(ebiten.KeyControlLeft)
	if err := g.tickWith(save); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "descent-*.scene"))
	all, _ := os.ReadDir(dir)
	if len(files) != 1 || len(all) != 1 {
		t.Fatalf("saving left %v (all: %d files)", files, len(all))
	}
	back, err := scene.LoadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	a, b := traceOf(t, g.sc, 100), traceOf(t, back, 100)
	if !bytes.Equal(a, b) {
		t.Errorf("reloaded trace differs:\n%s\n---\n%s", a[:min(len(a), 400)], b[:min(len(b), 400)])
	}
	// The window's own runs agree with the trace.
	for range 100 {
		g.step()
	}
	for i, e := range g.entries {
		p := e.run.Point()
		want := strconv.FormatFloat(p[0], 'g', -1, 64) + "," + strconv.FormatFloat(p[1], 'g', -1, 64)
		if !bytes.Contains(b, []byte(want)) {
			t.Errorf("run %d ends at %s, not in the reloaded trace", i+1, want)
		}
	}
}

// TestSaveSceneKeepsViewAndAxes: a saved 1-D scene keeps its curve view
// and its axes.
func TestSaveSceneKeepsViewAndAxes(t *testing.T) {
	g := newTestGame(t, "parabola-steps")
	s := g.currentScene()
	if len(s.Runs) != len(g.sc.Runs) || s.View != "curve" || s.Surface != "parabola" || s.Axes == nil || *s.Axes != *g.sc.Axes {
		t.Errorf("saved scene differs: %+v", s)
	}
}

// clickAt returns a tick's input with a left click at (x, y).
func clickAt(x, y float64, shift bool) input.State {
	in := input.State{X: x, Y: y}
	in.SetButton(input.Left, input.Button{Pressed: true, Held: true, Released: true})
	if shift {
		in.Press(ebiten.KeyShiftLeft)
	}
	return in
}

// TestClickAddsAndMovesStarts clicks the contour map: a click adds a run
// for each ticked run starting under the pointer (within a pixel), and
// Shift-click moves the ticked run's start there.
func TestClickAddsAndMovesStarts(t *testing.T) {
	g := newTestGame(t, "regression-race")
	tr := g.contour.Transform()
	sx, sy := tr.ToPixel(-3, 4)
	n := len(g.entries)
	g.panel.SetShown(true)
	if err := g.tickWith(input.State{}); err != nil { // the panel fills its fields
		t.Fatal(err)
	}
	g.panel.SetShown(false)
	if err := g.tickWith(clickAt(sx, sy, false)); err != nil {
		t.Fatal(err)
	}
	if len(g.entries) != n+1 || len(g.sc.Runs) != n+1 {
		t.Fatalf("a click gave %d runs, want %d", len(g.entries), n+1)
	}
	pixel := 1 / tr.SX
	rc := g.sc.Runs[n]
	if rc.Optimizer != g.sc.Runs[0].Optimizer {
		t.Errorf("the new run has optimizer %q, want the ticked run's %q", rc.Optimizer, g.sc.Runs[0].Optimizer)
	}
	if math.Abs(rc.Start[0]+3) > pixel || math.Abs(rc.Start[1]-4) > pixel {
		t.Errorf("the new run starts at %v, want (-3, 4) within %g", rc.Start, pixel)
	}
	if st := g.entries[n].run.Point(); st[0] != rc.Start[0] || st[1] != rc.Start[1] {
		t.Errorf("the new run is at %v, not its start %v", st, rc.Start)
	}
	sx, sy = tr.ToPixel(5, -5)
	if err := g.tickWith(clickAt(sx, sy, true)); err != nil {
		t.Fatal(err)
	}
	if len(g.sc.Runs) != n+1 {
		t.Fatalf("shift-click added a run")
	}
	if st := g.sc.Runs[0].Start; math.Abs(st[0]-5) > pixel || math.Abs(st[1]+5) > pixel {
		t.Errorf("shift-click moved run 1 to %v, want (5, -5)", st)
	}
	// A drag is no click; a click outside the map does nothing.
	down := input.State{X: sx, Y: sy}
	down.SetButton(input.Left, input.Button{Pressed: true, Held: true})
	moved := input.State{X: sx + 40, Y: sy}
	moved.SetButton(input.Left, input.Button{Held: true, Released: true})
	for _, in := range []input.State{down, moved, clickAt(2, 2, false)} {
		if err := g.tickWith(in); err != nil {
			t.Fatal(err)
		}
	}
	if len(g.sc.Runs) != n+1 {
		t.Errorf("a drag or a click off the map added runs")
	}
	if tr.PanX == 0 {
		t.Error("dragging the map did not pan it")
	}
}

// TestPointerOrbitsPansAndZooms drags and wheels the 3-D view.
func TestPointerOrbitsPansAndZooms(t *testing.T) {
	g := newTestGame(t, "himmelblau-six")
	g.autoRotate = false
	az, el, dist, target := g.cam.Azimuth, g.cam.Elevation, g.cam.Distance, g.cam.Target
	drag := func(button ebiten.MouseButton, dx, dy float64) {
		t.Helper()
		x, y := 640.0, 400.0
		down := input.State{X: x, Y: y}
		down.SetButton(button, input.Button{Pressed: true, Held: true})
		move := input.State{X: x + dx, Y: y + dy}
		move.SetButton(button, input.Button{Held: true})
		up := input.State{X: x + dx, Y: y + dy}
		up.SetButton(button, input.Button{Released: true})
		for _, in := range []input.State{down, move, up} {
			if err := g.tickWith(in); err != nil {
				t.Fatal(err)
			}
		}
	}
	drag(input.Left, 100, 0)
	if math.Abs(g.cam.Azimuth-(az-100*dragDegreesPerPixel)) > 1e-9 || g.cam.Elevation != el {
		t.Errorf("a 100 px drag turned to azimuth %v elevation %v, want %v %v", g.cam.Azimuth, g.cam.Elevation, az-100*dragDegreesPerPixel, el)
	}
	drag(input.Right, 50, 30)
	if g.cam.Target == target {
		t.Error("a right drag did not pan")
	}
	if err := g.tickWith(input.State{X: 640, Y: 400, WheelY: 2}); err != nil {
		t.Fatal(err)
	}
	if !(g.cam.Distance < dist) {
		t.Errorf("wheeling up did not zoom in: distance %v, was %v", g.cam.Distance, dist)
	}
}

// TestClickSelectsRuns: a click on a run's legend row, on its current point
// or on its grid cell's title selects it (again: unselects it) and adds no
// start.
func TestClickSelectsRuns(t *testing.T) {
	g := newTestGame(t, "regression-race") // contour view, a legend
	n := len(g.sc.Runs)
	click := func(x, y float64) {
		t.Helper()
		if err := g.tickWith(clickAt(x, y, false)); err != nil {
			t.Fatal(err)
		}
		if len(g.sc.Runs) != n {
			t.Fatalf("a click meant to select added a run")
		}
	}
	// The legend's third row.
	g.prepare(false)
	var third plot.Rect
	for i := range 3 {
		x := (g.hud.Legend().X0 + g.hud.Legend().X1) / 2
		for y := g.hud.Legend().Y0; y < g.hud.Legend().Y1; y++ {
			if j, ok := hud.LegendRowAt(g.legendFrame(g.style()), x, y); ok && j == i {
				third = plot.Rect{X0: x, Y0: y, X1: x + 1, Y1: y + 1}
				break
			}
		}
	}
	click(third.X0, third.Y0+2)
	if g.selected != 2 {
		t.Fatalf("clicking the third legend row selected %d", g.selected)
	}
	click(third.X0, third.Y0+2)
	if g.selected != -1 {
		t.Errorf("clicking it again left %d selected", g.selected)
	}
	// Run 2's current point on the map, a few pixels off.
	g.step()
	p := g.entries[1].run.Point()
	x, y := g.contour.Transform().ToPixel(p[0], p[1])
	click(x+3, y-2)
	if g.selected != 1 {
		t.Errorf("clicking run 2's current point selected %d", g.selected)
	}
	// A grid cell's title.
	g.layout = layoutGrid
	g.layoutPanes()
	c := g.panes.cells[3]
	click((c.X0+c.X1)/2, c.Y0+g.panes.cellTitle/2)
	if g.selected != 3 {
		t.Errorf("clicking cell 4's title selected %d", g.selected)
	}
	g.prepare(false)
	if f := g.hudFrame(g.style()); f.Selected != 4 {
		t.Errorf("the HUD shows run %d selected, want 4", f.Selected)
	}
}
