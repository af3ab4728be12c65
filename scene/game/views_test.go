package game

import (
	"bytes"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/go-gl/mathgl/mgl64"

	"descent/camera"
	"descent/optim"
	"descent/scene"
	"descent/scene/run"
	"descent/scene/trace"
)

// newTestGame builds a window (no display needed) for a preset with a
// small mesh so that rebuilding it is quick.
func newTestGame(t testing.TB, preset string) *Game {
	t.Helper()
	s, err := scene.Load(preset)
	if err != nil {
		t.Fatal(err)
	}
	s.Mesh = 40
	g, err := New(s, Options{Paused: true, Width: 1280, Height: 720})
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func TestPlot2DRoundTrip(t *testing.T) {
	tests := []struct {
		name  string
		home  dataRect
		equal bool
		px    rect
	}{
		{"square equal", dataRect{-10, 10, -10, 10}, true, rect{100, 50, 900, 650}},
		{"wide equal", dataRect{-3, 3, -2, 2}, true, rect{0, 0, 500, 500}},
		{"curve", dataRect{-7, 9, 0, 50}, false, rect{60, 40, 1200, 680}},
	}
	for _, tt := range tests {
		p := newPlot2D(tt.home, tt.equal)
		p.fit(tt.px)
		// Home's corners land on the pixel rectangle's corners.
		x0, y1 := p.toPixel(tt.home.x0, tt.home.y0)
		x1, y0 := p.toPixel(tt.home.x1, tt.home.y1)
		if math.Abs(x0-p.px.x0) > 1 || math.Abs(x1-p.px.x1) > 1 || math.Abs(y0-p.px.y0) > 1 || math.Abs(y1-p.px.y1) > 1 {
			t.Errorf("%s: home maps to %v,%v..%v,%v, pixels %v", tt.name, x0, y0, x1, y1, p.px)
		}
		if tt.equal && math.Abs(p.sx-p.sy) > 1e-9 {
			t.Errorf("%s: scales %v and %v differ", tt.name, p.sx, p.sy)
		}
		// Zooming keeps the point under the cursor in place.
		cx, cy := p.px.x0+p.px.w()*0.3, p.px.y0+p.px.h()*0.7
		dx, dy := p.toData(cx, cy)
		p.zoomAt(2.5, cx, cy)
		if gx, gy := p.toPixel(dx, dy); math.Hypot(gx-cx, gy-cy) > 1e-6 {
			t.Errorf("%s: zoom moved the point under the cursor to %v,%v", tt.name, gx, gy)
		}
		// Panning moves by the drag.
		p.panBy(30, -20)
		p.fit(p.px)
		if gx, gy := p.toPixel(dx, dy); math.Hypot(gx-cx-30, gy-cy+20) > 1e-6 {
			t.Errorf("%s: pan moved the point to %v,%v, want %v,%v", tt.name, gx, gy, cx+30, cy-20)
		}
	}
}

func TestLossHistoryDecimates(t *testing.T) {
	h := newLossHistory()
	const steps = 10000
	for s := 0; s <= steps; s++ {
		h.add(s, float64(steps-s), float64(s))
	}
	if len(h.steps) >= historyCap || len(h.steps) < historyCap/4 {
		t.Fatalf("kept %d points, want fewer than %d and at least %d", len(h.steps), historyCap, historyCap/4)
	}
	if h.steps[0] != 0 {
		t.Errorf("first kept step %d, want 0", h.steps[0])
	}
	for i := 1; i < len(h.steps); i++ {
		if h.steps[i]-h.steps[i-1] != h.every {
			t.Fatalf("steps %d and %d are not %d apart", h.steps[i-1], h.steps[i], h.every)
		}
		if h.loss[i] != float64(steps-h.steps[i]) || h.dist[i] != float64(h.steps[i]) {
			t.Fatalf("point %d holds the wrong values", i)
		}
	}
	var last int
	h.points(false, func(s int, v float64) { last = s })
	if last != steps {
		t.Errorf("the newest point is step %d, want %d", last, steps)
	}
}

func TestLossHistorySyncsWithRun(t *testing.T) {
	g := newTestGame(t, "regression-race")
	for range 30 {
		g.step()
	}
	g.syncHistories()
	for i, e := range g.entries {
		h := g.views.hist[i]
		if h.last != e.run.Steps() || h.lastL != e.run.Loss() {
			t.Fatalf("run %d: history at step %d loss %v, run at %d loss %v", i, h.last, h.lastL, e.run.Steps(), e.run.Loss())
		}
		if len(h.steps) != e.run.Steps()+1 {
			t.Errorf("run %d: %d points for %d steps", i, len(h.steps), e.run.Steps())
		}
	}
	g.restart()
	g.step()
	g.syncHistories()
	if h := g.views.hist[0]; h.last != 1 || len(h.steps) != 2 {
		t.Errorf("after a restart the history holds steps up to %d (%d points), want 1 (2)", h.last, len(h.steps))
	}
}

// TestPickFromRandomViews projects points of the surface and picks them
// back from 20 random views: the picked point projects to the clicked
// pixel, and where nothing hides the point it is the point itself (within
// a pixel's worth of the domain).
func TestPickFromRandomViews(t *testing.T) {
	for _, name := range []string{"bowl", "himmelblau"} {
		g := newTestGame(t, "bowl-turntable")
		if name != "bowl" {
			s := g.sc.Clone()
			s.Surface = name
			for i := range s.Runs {
				s.Runs[i].Start = nil
			}
			if err := g.applyScene(s); err != nil {
				t.Fatal(err)
			}
		}
		v := g.view
		rng := rand.New(rand.NewPCG(1, uint64(len(name))))
		d := v.box.Domain
		world := func(x, y float64) mgl64.Vec3 {
			wx, wy, _ := v.box.World(x, y, 0)
			return mgl64.Vec3{wx, wy, v.full.m.Height(x, y)}
		}
		checked, same := 0, 0
		for k := range 20 {
			cam := camera.FromMatplotlib(10+rng.Float64()*75, rng.Float64()*360)
			cam.SetViewport(1280, 720)
			lo, hi := worldBox()
			cam.Fit(mgl64.Vec3(lo), mgl64.Vec3(hi))
			cam.Ortho = k%4 == 3
			for range 10 {
				x := d.XMin + (0.05+0.9*rng.Float64())*(d.XMax-d.XMin)
				y := d.YMin + (0.05+0.9*rng.Float64())*(d.YMax-d.YMin)
				sx, sy, depth, ok := cam.Project(world(x, y))
				if !ok {
					continue
				}
				// Only points whose top side faces the camera (a ray that
				// grazes the underside is a matter of luck).
				e := 1e-3 * (d.XMax - d.XMin)
				tx := world(x+e, y).Sub(world(x-e, y))
				ty := world(x, y+e).Sub(world(x, y-e))
				n := tx.Cross(ty).Normalize()
				if n.Dot(cam.ViewDir()) > -0.05 {
					continue
				}
				px, py, ok := v.pick(cam, sx, sy)
				if !ok {
					o, dir := cam.Unproject(sx, sy)
					t.Errorf("%s view %d: no pick at the image of (%g, %g) = %v depth %v; ray %v %v ortho %v", name, k, x, y, world(x, y), depth, o, dir, cam.Ortho)
					continue
				}
				checked++
				qx, qy, qd, _ := cam.Project(world(px, py))
				if math.Hypot(qx-sx, qy-sy) > 1 {
					t.Errorf("%s view %d: picked (%g, %g) projects %.2f px away from the click", name, k, px, py, math.Hypot(qx-sx, qy-sy))
				}
				if qd > depth+1e-3 {
					t.Errorf("%s view %d: picked a point behind the clicked one", name, k)
				}
				if qd < depth-1e-2 {
					continue // a hill hides the point: the visible one is right
				}
				// A pixel's worth of the domain at this point.
				h := 1e-4 * (d.XMax - d.XMin)
				ax, ay, _, _ := cam.Project(world(x+h, y))
				bx, by, _, _ := cam.Project(world(x, y+h))
				perPixel := h / math.Max(1e-12, math.Min(math.Hypot(ax-sx, ay-sy), math.Hypot(bx-sx, by-sy)))
				if e := math.Hypot(px-x, py-y); e > perPixel {
					t.Errorf("%s view %d: picked (%g, %g) for (%g, %g): off by %g, a pixel is %g", name, k, px, py, x, y, e, perPixel)
				}
				same++
			}
		}
		if checked < 60 || same < checked/2 {
			t.Errorf("%s: checked %d picks, %d visible", name, checked, same)
		}
	}
}

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

// FuzzApplyExpression types expressions into the panel's apply path: it
// never panics, a bad expression keeps the last good surface, and a good
// one replaces it.
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
		g.views.panel.err = ""
		g.applyExpr(src)
		if g.surf == nil || g.view == nil || len(g.entries) != len(g.sc.Runs) {
			t.Fatalf("applying %q left the window without a surface or runs", src)
		}
		switch {
		case g.sc.Expr == before:
			if g.surf != surf {
				t.Fatalf("applying %q changed the surface but not the scene", src)
			}
		case g.sc.Expr == src:
			if g.surf == surf {
				t.Fatalf("applying %q changed the scene but not the surface", src)
			}
		default:
			t.Fatalf("applying %q gave expression %q", src, g.sc.Expr)
		}
		// The picture is still there: the 3D view prepares with triangles.
		g.prepareFrame(1280, 720, false)
		if g.view.triangles == 0 && g.surf.Dim == 2 {
			t.Fatalf("after %q the surface has no triangles", src)
		}
	})
}

// TestBrokenExpressionsKeepSurface applies the parser's corpus of broken
// expressions and checks the panel shows an error and the surface stays.
func TestBrokenExpressionsKeepSurface(t *testing.T) {
	g := newTestGame(t, "bowl-turntable")
	g.applyExpr("x^2 + 3*y^2")
	if g.sc.Expr != "x^2 + 3*y^2" {
		t.Fatalf("a good expression was not applied: %q (%s)", g.sc.Expr, g.views.panel.err)
	}
	good := g.surf
	for _, src := range append(fuzzSeeds(t), "x^", "sin(", "x +* y", "foo(x)", "2..3") {
		if !strings.HasPrefix(src, "-") && !strings.Contains(src, "(") && !strings.Contains(src, "^") && src != "2..3" && src != "x +* y" {
			continue // the corpus's good ones
		}
		g.views.panel.exprError = ""
		g.applyExpr(src)
		if g.sc.Expr == src {
			good = g.surf // it was a good one after all
			continue
		}
		if g.surf != good {
			t.Errorf("%q replaced the surface", src)
		}
		if g.views.panel.exprError == "" {
			t.Errorf("%q shows no error", src)
		}
	}
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
// and checks the file reproduces the same trajectories byte for byte.
func TestSavedSceneReloads(t *testing.T) {
	g := newTestGame(t, "regression-race")
	lr, _ := optim.LookupMethod("sgd")
	prm, _ := lr.Param("lr")
	g.views.panel.syncFrom(g)
	g.setParam(1, prm, 0.0537)
	if err := g.views.panel.err; err != "" {
		t.Fatal(err)
	}
	g.views.panel.selected = []bool{false, false, true}
	g.addStarts([]float64{-4.25, 7.5})
	g.moveStart([]float64{3, -6.125})
	if len(g.sc.Runs) != 6 || g.sc.Runs[5].Start[0] != -4.25 || g.sc.Runs[2].Start[1] != -6.125 {
		t.Fatalf("edits not applied: %+v", g.sc.Runs)
	}
	if !strings.Contains(g.sc.Runs[1].Optimizer, "lr=0.0537") {
		t.Fatalf("lr edit not applied: %q", g.sc.Runs[1].Optimizer)
	}
	path := filepath.Join(t.TempDir(), "saved.scene")
	if err := writeSceneFile(g.currentScene(), path); err != nil {
		t.Fatal(err)
	}
	back, err := scene.LoadFile(path)
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
		if !bytes.Contains(b, []byte(strconv.Itoa(i+1)+",")) || !bytes.Contains(b, []byte(want)) {
			t.Errorf("run %d ends at %s, not in the reloaded trace", i+1, want)
		}
	}
	// Nothing but the file is left behind.
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		t.Errorf("save left %d files", len(entries))
	}
}

// BenchmarkSplitLayoutFrame measures the CPU work of a frame in the split
// layout (3D, contour map and loss chart) while the runs step (prepare
// only, as Draw does before the GPU calls), and reports the median frame
// in ms (the budget is 5). "panning" moves the contour map every frame,
// so its bands, lines and labels are rebuilt each time.
func BenchmarkSplitLayoutFrame(b *testing.B) {
	for _, pan := range []bool{false, true} {
		name := "steady"
		if pan {
			name = "panning"
		}
		b.Run(name, func(b *testing.B) {
			s, err := scene.Load("regression-race")
			if err != nil {
				b.Fatal(err)
			}
			g, err := New(s, Options{Width: 1280, Height: 720, Layout: "split"})
			if err != nil {
				b.Fatal(err)
			}
			g.prepareFrame(1280, 720, false)
			var times []float64
			b.ResetTimer()
			for i := 0; b.Loop(); i++ {
				start := time.Now()
				if i%6 == 0 {
					g.step()
				}
				if pan {
					g.views.contour.plot.panBy(1, 0)
				}
				g.prepareFrame(1280, 720, false)
				times = append(times, float64(time.Since(start).Microseconds())/1000)
			}
			slices.Sort(times)
			b.ReportMetric(times[len(times)/2], "median-ms")
		})
	}
}

// TestClickAddsAndMovesStarts clicks the contour map: a click adds a run
// for each ticked run starting under the pointer (within a pixel), and
// Shift-click moves the ticked run's start there.
func TestClickAddsAndMovesStarts(t *testing.T) {
	g := newTestGame(t, "regression-race")
	g.views.kind = viewFlat
	g.prepareFrame(1280, 720, false)
	p := &g.views.contour.plot
	sx, sy := p.toPixel(-3, 4)
	n := len(g.entries)
	g.views.panel.syncFrom(g)
	g.views.panel.selected[0], g.views.panel.selected[3] = true, true
	g.clickAt(sx, sy, false)
	if len(g.entries) != n+2 || len(g.sc.Runs) != n+2 {
		t.Fatalf("a click gave %d runs, want %d", len(g.entries), n+2)
	}
	pixel := 1 / p.sx
	for k, from := range []int{0, 3} {
		rc := g.sc.Runs[n+k]
		if rc.Optimizer != g.sc.Runs[from].Optimizer {
			t.Errorf("new run %d has optimizer %q, want %q", k, rc.Optimizer, g.sc.Runs[from].Optimizer)
		}
		if math.Abs(rc.Start[0]+3) > pixel || math.Abs(rc.Start[1]-4) > pixel {
			t.Errorf("new run %d starts at %v, want (-3, 4) within %g", k, rc.Start, pixel)
		}
		if st := g.entries[n+k].run.Point(); st[0] != rc.Start[0] || st[1] != rc.Start[1] {
			t.Errorf("new run %d is at %v, not its start %v", k, st, rc.Start)
		}
	}
	sx, sy = p.toPixel(5, -5)
	g.clickAt(sx, sy, true)
	if len(g.sc.Runs) != n+2 {
		t.Fatalf("shift-click added a run")
	}
	if st := g.sc.Runs[0].Start; math.Abs(st[0]-5) > pixel || math.Abs(st[1]+5) > pixel {
		t.Errorf("shift-click moved run 1 to %v, want (5, -5)", st)
	}
	// A click outside the map does nothing.
	g.clickAt(2, 2, false)
	if len(g.sc.Runs) != n+2 {
		t.Errorf("a click outside the map added runs")
	}
}

// TestCtrlSWritesSceneFile saves into the working directory and reads the
// file back.
func TestCtrlSWritesSceneFile(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	g := newTestGame(t, "parabola-steps")
	g.saveScene()
	files, _ := filepath.Glob(filepath.Join(dir, "descent-*.scene"))
	all, _ := os.ReadDir(dir)
	if len(files) != 1 || len(all) != 1 {
		t.Fatalf("saving left %v (all: %d files)", files, len(all))
	}
	s, err := scene.LoadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Runs) != len(g.sc.Runs) || s.View != "curve" || s.Surface != "parabola" || s.Axes == nil || *s.Axes != *g.sc.Axes {
		t.Errorf("saved scene differs: %+v", s)
	}
}
