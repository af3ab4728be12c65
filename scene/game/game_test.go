package game

import (
	"fmt"
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/go-gl/mathgl/mgl64"
	"github.com/hajimehoshi/ebiten/v2"

	"descent/scene"
	"descent/scene/input"
	"descent/scene/mesh"
	"descent/scene/plot"
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

// bowlTurntable is the bowl-turntable preset's scene, built in code.
func bowlTurntable() *scene.Scene {
	return &scene.Scene{
		Name:    "bowl-turntable",
		Title:   "Gradient Descent on Loss Function",
		Surface: "bowl",
		Runs: []scene.RunConfig{{Optimizer: "sgd:lr=0.1", Start: []float64{0, 0},
			Label: "Gradient Descent Path"}},
		Steps: 50, Rate: 5, Mesh: 400, Colormap: "viridis", Alpha: 0.7,
		Camera: scene.Camera{Elevation: 30, Azimuth: 120}, Rotate: -2, AutoRotate: true,
		XLabel: "X axis", YLabel: "Y axis", ZLabel: "Loss", View: "3d",
	}
}

// tickWith runs one tick of the window on in (a copy: the window takes
// what it uses).
func (g *Game) tickWith(in input.State) error {
	g.in = in
	return g.tick()
}

// press returns a tick's input in which key k went down.
func press(k ebiten.Key) input.State {
	var in input.State
	in.Press(k)
	return in
}

func TestNewRejectsBadOptions(t *testing.T) {
	s := bowlTurntable()
	s.Mesh = 40
	tests := []struct {
		name string
		s    *scene.Scene
		o    Options
		want string
	}{
		{"negative scale", s, Options{Scale: -1}, "game: invalid label scale -1"},
		{"huge scale", s, Options{Scale: 11}, "game: invalid label scale 11"},
		{"negative frames", s, Options{Frames: -2}, "game: invalid frame count -2"},
		{"unknown layout", s, Options{Layout: "gird"}, `game: unknown layout "gird"`},
		{"no scene", nil, Options{}, "game: no scene"},
	}
	for _, tt := range tests {
		if _, err := New(tt.s, tt.o); err == nil || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want %q", tt.name, err, tt.want)
		}
	}
	bad := *s
	bad.Colormap = "jet"
	if _, err := New(&bad, Options{}); err == nil || !strings.Contains(err.Error(), `"jet"`) {
		t.Errorf("unknown colormap: error %v", err)
	}
	bad = *s
	bad.Runs = []scene.RunConfig{{Optimizer: "nope"}}
	if _, err := New(&bad, Options{}); err == nil || !strings.Contains(err.Error(), `"nope"`) {
		t.Errorf("unknown optimizer: error %v", err)
	}
}

func TestSteppingDivergenceAndRestart(t *testing.T) {
	s := bowlTurntable()
	s.Mesh = 40
	s.Steps = 10
	s.Runs = []scene.RunConfig{
		{Optimizer: "sgd:lr=0.1", Start: []float64{0, 0}},
		{Optimizer: "sgd:lr=1e30", Start: []float64{0, 0}}, // diverges at once
	}
	g, err := New(s, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for range 20 {
		g.step()
	}
	if g.entries[0].run.Steps() != 10 {
		t.Errorf("run stopped after %d steps, want the limit 10", g.entries[0].run.Steps())
	}
	if !g.entries[1].run.Diverged() || !g.finished() {
		t.Errorf("diverged %v finished %v", g.entries[1].run.Diverged(), g.finished())
	}
	f := g.hudFrame(g.style())
	if f.Runs[1].DivergedAt == 0 || f.Step != 10 {
		t.Errorf("HUD: diverged at %d, step %d", f.Runs[1].DivergedAt, f.Step)
	}
	if step, _, _ := g.entries[0].hist.Last(); step != 10 {
		t.Errorf("loss history at step %d, want 10 (synced as the runs step)", step)
	}
	g.restart()
	if g.entries[0].run.Steps() != 0 || g.entries[1].run.Diverged() {
		t.Error("restart did not reset the runs")
	}
	if step, _, _ := g.entries[0].hist.Last(); step != 0 {
		t.Errorf("after a restart the loss history is at step %d", step)
	}
}

// snapshot is the part of the window that Update reads.
type snapshot struct {
	sc                                        *scene.Scene
	entries                                   int
	steps                                     []int
	cam                                       camState
	home                                      camState
	panes                                     panes
	kind                                      viewKind
	layout                                    layoutKind
	paused, autoRotate, hudShown, help, stats bool
	rate, acc                                 float64
	moveTicks                                 int
	contour, curve                            [4]float64
	frames                                    int
}

func (g *Game) snapshot() snapshot {
	s := snapshot{sc: g.sc, entries: len(g.entries), panes: g.panes, kind: g.kind, layout: g.layout,
		paused: g.paused, autoRotate: g.autoRotate, hudShown: g.hudShown, help: g.help, stats: g.stats,
		rate: g.rate, acc: g.acc, moveTicks: g.moveTicks, frames: g.tap.Frames()}
	for _, e := range g.entries {
		s.steps = append(s.steps, e.run.Steps())
	}
	c := g.cam
	s.cam = camState{c.Azimuth, c.Elevation, c.Distance, c.Zoom, c.Target, c.Ortho, c.Width, c.Height}
	h := g.home
	s.home = camState{h.Azimuth, h.Elevation, h.Distance, h.Zoom, h.Target, h.Ortho, h.Width, h.Height}
	ct, cu := g.contour.Transform(), g.curve.Transform()
	s.contour = [4]float64{ct.PanX, ct.PanY, ct.Zoom, ct.Px.W()}
	s.curve = [4]float64{cu.PanX, cu.PanY, cu.Zoom, cu.Px.W()}
	return s
}

// TestDrawChangesNothingUpdateReads prepares frames, Draw's CPU part, in
// every view and layout, paused and running, with the panel and the help
// shown, and checks that none of the state Update works from changed.
func TestDrawChangesNothingUpdateReads(t *testing.T) {
	for _, preset := range []string{"regression-race", "parabola-steps", "himmelblau-six"} {
		g := newTestGame(t, preset)
		g.panel.SetShown(true)
		g.help, g.stats = true, true
		for layout := range layoutKinds {
			for kind := range viewKinds {
				g.layout, g.kind = layout, kind
				g.layoutPanes()
				for range 3 {
					g.step()
				}
				before := g.snapshot()
				g.prepare(false)
				g.prepare(true)
				if after := g.snapshot(); !reflect.DeepEqual(before, after) {
					t.Errorf("%s layout %d view %d: preparing a frame changed\n%+v\nto\n%+v", preset, layout, kind, before, after)
				}
			}
		}
	}
}

// TestPanesForEveryLayout: every layout and view gives panes that tile the
// screen without overlapping, the 3-D camera's viewport is its pane, and
// the flat view's plot lies inside its pane.
func TestPanesForEveryLayout(t *testing.T) {
	g := newTestGame(t, "regression-race")
	for layout := range layoutKinds {
		for kind := range viewKinds {
			g.layout, g.kind = layout, kind
			g.layoutPanes()
			p := g.panes
			shown := 0
			for _, r := range []struct {
				name string
				r    plot.Rect
			}{{"3d", p.view3D}, {"flat", p.flat}, {"chart", p.chart}, {"fit", p.fit}} {
				if r.r.Empty() {
					continue
				}
				shown++
				if r.r.X0 < 0 || r.r.Y0 < 0 || r.r.X1 > g.width || r.r.Y1 > g.height {
					t.Errorf("layout %d view %d: %s pane %v off screen", layout, kind, r.name, r.r)
				}
			}
			for i, c := range p.cells {
				shown++
				if c.X0 < 0 || c.Y0 < p.top || c.X1 > g.width || c.Y1 > g.height {
					t.Errorf("layout %d view %d: cell %d at %v off screen", layout, kind, i, c)
				}
				for _, o := range p.cells[i+1:] {
					if c.Overlaps(o) {
						t.Errorf("layout %d view %d: cells %v and %v overlap", layout, kind, c, o)
					}
				}
				if v := p.cellView(i); math.Abs(v.W()-p.cellSize.W()) > 1 || math.Abs(v.H()-p.cellSize.H()) > 1 {
					t.Errorf("layout %d view %d: cell %d's view %v, the cells' size %v", layout, kind, i, v, p.cellSize)
				}
			}
			if len(p.cells) > 0 && (g.cam.Width != p.cellSize.W() || g.cam.Height != p.cellSize.H()) {
				t.Errorf("grid: camera viewport %vx%v for cells of %v", g.cam.Width, g.cam.Height, p.cellSize)
			}
			if shown == 0 {
				t.Errorf("layout %d view %d shows nothing", layout, kind)
			}
			if p.view3D.Overlaps(p.flat) || p.view3D.Overlaps(p.chart) || p.flat.Overlaps(p.chart) ||
				p.fit.Overlaps(p.chart) || p.fit.Overlaps(p.view3D) || p.fit.Overlaps(p.flat) {
				t.Errorf("layout %d view %d: panes overlap: %+v", layout, kind, p)
			}
			if !p.view3D.Empty() && (g.cam.Width != p.view3D.W() || g.cam.Height != p.view3D.H() || p.view3D.X0 != 0 || p.view3D.Y0 != 0) {
				t.Errorf("layout %d view %d: camera viewport %vx%v for pane %v", layout, kind, g.cam.Width, g.cam.Height, p.view3D)
			}
			if !p.flat.Empty() {
				px := g.contour.Transform().Px
				if px.X0 < p.flat.X0 || px.X1 > p.flat.X1 || px.Y0 < p.flat.Y0+p.top || px.Y1 > p.flat.Y1 || px.Empty() {
					t.Errorf("layout %d view %d: contour plot %v outside its pane %v", layout, kind, px, p.flat)
				}
			}
		}
	}
	if got := Layouts(); !reflect.DeepEqual(got, []string{"single", "split", "chart", "grid"}) {
		t.Errorf("Layouts() = %q", got)
	}
	Layouts()[0] = "changed"
	if Layouts()[0] != "single" {
		t.Error("Layouts returns the table itself")
	}
}

// TestTrackCameraAndTurn: the preview mesh is drawn while the camera moves
// and for previewTicks after; the turntable turns by the scene's degrees
// per step while runs step.
func TestTrackCameraAndTurn(t *testing.T) {
	s := bowlTurntable()
	s.Mesh = 40
	g, err := New(s, Options{})
	if err != nil {
		t.Fatal(err)
	}
	az := g.cam.Azimuth
	g.rate = maxRate // a step every tick
	if err := g.tickWith(input.State{}); err != nil {
		t.Fatal(err)
	}
	if math.Abs(g.cam.Azimuth-(az+s.Rotate)) > 1e-9 {
		t.Errorf("azimuth %v after one step, want %v", g.cam.Azimuth, az+s.Rotate)
	}
	g.autoRotate, g.paused = false, true
	for range previewTicks + 1 {
		if err := g.tickWith(input.State{}); err != nil {
			t.Fatal(err)
		}
	}
	if g.moveTicks <= previewTicks {
		t.Errorf("%d ticks after the camera stopped, the preview would still show", g.moveTicks)
	}
	if err := g.tickWith(press(ebiten.KeyArrowLeft)); err != nil {
		t.Fatal(err)
	}
	if g.moveTicks != 0 {
		t.Error("orbiting did not count as a camera move")
	}
}

// TestLegendNeverCoversData: in every layout and view of every preset, the
// legend (when the HUD shows one) stays clear of the flat view's plot and
// of the 3-D box from every azimuth the turntable takes.
func TestLegendNeverCoversData(t *testing.T) {
	for _, preset := range scene.Presets() {
		g := newTestGame(t, preset)
		for layout := range layoutKinds {
			for kind := range viewKinds {
				// As the keys V and L switch views and layouts.
				g.layout, g.kind = layout, kind
				g.layoutPanes()
				g.keepClearOfLegend()
				g.prepare(false)
				lg := g.hud.Legend()
				if lg.Empty() {
					continue
				}
				where := fmt.Sprintf("%s layout %d view %d", preset, layout, kind)
				if len(g.panes.cells) > 0 || !g.panes.chart.Empty() {
					t.Errorf("%s: a legend beside the chart or the grid's titles", where)
				}
				if !g.panes.flat.Empty() {
					px := g.contour.Transform().Px
					if g.surf.Dim == 1 {
						px = g.curve.Transform().Px
					}
					if px.Overlaps(lg) {
						t.Errorf("%s: the legend %v covers the plot %v", where, lg, px)
					}
				}
				if !g.panes.view3D.Empty() {
					if box := boxOnScreen(g); box.Overlaps(lg) {
						t.Errorf("%s: the legend %v covers the 3-D box %v", where, lg, box)
					}
				}
			}
		}
	}
}

// boxOnScreen returns the screen rectangle the world box's corners take,
// from every azimuth the window turns through.
func boxOnScreen(g *Game) plot.Rect {
	lo, hi := mesh.WorldCorners()
	box := plot.Rect{X0: math.Inf(1), Y0: math.Inf(1), X1: math.Inf(-1), Y1: math.Inf(-1)}
	c := *g.cam
	for a := range 24 {
		if !g.autoRotate && a > 0 {
			break
		}
		c.Azimuth = g.cam.Azimuth + float64(a)*15
		for _, x := range []float64{lo[0], hi[0]} {
			for _, y := range []float64{lo[1], hi[1]} {
				for _, z := range []float64{lo[2], hi[2]} {
					if sx, sy, _, ok := c.Project(mgl64.Vec3{x, y, z}); ok {
						box = box.Union(plot.Rect{X0: sx, Y0: sy, X1: sx + 1, Y1: sy + 1})
					}
				}
			}
		}
	}
	return box
}
