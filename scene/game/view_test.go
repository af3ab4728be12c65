package game

import (
	"math"
	"strings"
	"testing"

	"github.com/go-gl/mathgl/mgl64"

	"descent/camera"
	"descent/scene"
	"descent/scene/run"
	"descent/scene/surface"
	"descent/shaders"
)

func TestNiceTicks(t *testing.T) {
	tests := []struct {
		lo, hi float64
		want   []string
	}{
		{0, 18, []string{"0", "5", "10", "15"}},
		{-1, 5, []string{"0", "2", "4"}},
		{-2, 2, []string{"-2", "-1", "0", "1", "2"}},
		{-1, 1, []string{"-1.0", "-0.5", "0.0", "0.5", "1.0"}},
		{0, 1e6, []string{"0", "2e+05", "4e+05", "6e+05", "8e+05", "1e+06"}},
		{0.001, 0.0021, []string{"0.00100", "0.00125", "0.00150", "0.00175", "0.00200"}},
		{3, 3, nil},
	}
	for _, tt := range tests {
		vals, step := niceTicks(tt.lo, tt.hi, 6)
		var got []string
		for _, v := range vals {
			if v < tt.lo-1e-12 || v > tt.hi+1e-12 {
				t.Errorf("niceTicks(%g, %g) gave %g outside the range", tt.lo, tt.hi, v)
			}
			got = append(got, formatTick(v, step))
		}
		if strings.Join(got, " ") != strings.Join(tt.want, " ") {
			t.Errorf("ticks of %g..%g = %q, want %q", tt.lo, tt.hi, got, tt.want)
		}
	}
	for _, tt := range []struct {
		v    float64
		want string
	}{{0, "0"}, {1.23456, "1.235"}, {2.65e-9, "2.65e-09"}, {-7.34e9, "-7.34e+09"}, {math.NaN(), "NaN"}, {math.Inf(1), "+Inf"}} {
		if got := formatValue(tt.v); got != tt.want {
			t.Errorf("formatValue(%v) = %q, want %q", tt.v, got, tt.want)
		}
	}
}

// hillView builds a view of a tall Gaussian hill in the middle of
// [-1, 1]^2, opaque, seen from the -x side at a low elevation.
func hillView(t *testing.T) (*view, *camera.Camera) {
	t.Helper()
	surf := &surface.Surface{
		Name: "hill", Title: "hill", Dim: 2,
		Domain: surface.Domain{XMin: -1, XMax: 1, YMin: -1, YMax: 1},
		Eval:   func(x, y float64) float64 { return math.Exp(-8 * (x*x + y*y)) },
	}
	surf.Gradient = func(x, y float64) (float64, float64, float64) {
		f := surf.Eval(x, y)
		return f, -16 * x * f, -16 * y * f
	}
	v, err := newView(surf, viewConfig{Mesh: 120, Preview: 60, Alpha: 1, Theme: LightTheme})
	if err != nil {
		t.Fatal(err)
	}
	cam := camera.FromMatplotlib(10, 180) // eye on the -x side
	cam.SetViewport(1280, 720)
	lo, hi := worldBox()
	cam.Fit(mgl64.Vec3(lo), mgl64.Vec3(hi))
	return v, cam
}

// trailOf returns a trail holding the given points (x, y).
func trailOf(surf *surface.Surface, pts ...[2]float64) *run.Trail {
	tr := run.NewTrail(len(pts) + 2)
	for i, p := range pts {
		tr.Push(run.Sample{Step: i, X: p[0], Y: p[1], Loss: surf.Eval(p[0], p[1])})
	}
	return tr
}

func TestHillHidesTrailBehindIt(t *testing.T) {
	v, cam := hillView(t)
	red := LightTheme.Grey
	behind := v.buildTrail(trail{}, trailOf(v.surf, [2]float64{0.7, -0.05}, [2]float64{0.75, 0.05}), red, false)
	front := v.buildTrail(trail{}, trailOf(v.surf, [2]float64{-0.75, -0.05}, [2]float64{-0.7, 0.05}), red, false)
	v.prepare(frameInput{cam: cam, scale: 1, lineW: 1})
	without := v.front.Len()
	v.prepare(frameInput{cam: cam, trails: []trail{behind, front}, scale: 1, lineW: 1})
	check := func(name string, tr trail, want float32) {
		x, y, d := v.proj.Project(tr.current[0], tr.current[1], tr.current[2])
		if got := v.visibility(x, y, d, tr.current[:], tr.currentN[:]); got != want {
			t.Errorf("%s: visibility %v, want %v (depth %v, surface %v)", name, got, want, d, v.depth.at(x, y))
		}
	}
	check("behind the hill", behind, 0)
	check("in front of the hill", front, 1)
	// The hidden trail adds nothing to an opaque surface's picture; the
	// visible one adds its line and two markers of two discs each.
	v.prepare(frameInput{cam: cam, trails: []trail{behind}, scale: 1, lineW: 1})
	if got := v.front.Len() - without; got != 0 {
		t.Errorf("hidden trail added %d triangles", got)
	}
	v.prepare(frameInput{cam: cam, trails: []trail{front}, scale: 1, lineW: 1})
	if got := v.front.Len() - without; got < 2*5 {
		t.Errorf("visible trail added %d triangles, want at least 10", got)
	}
}

func TestTrailClippedToDomain(t *testing.T) {
	v, _ := hillView(t)
	// In, out through the right side, back in, and out for good.
	tr := v.buildTrail(trail{}, trailOf(v.surf,
		[2]float64{0, 0}, [2]float64{0.5, 0}, [2]float64{3, 0}, [2]float64{0.2, 0.2}, [2]float64{0, 5}), LightTheme.Grey, false)
	if !tr.ok || !tr.hasStart || tr.hasCurrent {
		t.Fatalf("ok %v start %v current %v", tr.ok, tr.hasStart, tr.hasCurrent)
	}
	gaps := 0
	for k := 0; k < len(tr.pts); k += 3 {
		x, y := tr.pts[k], tr.pts[k+1]
		if math.IsNaN(float64(x)) {
			gaps++
			continue
		}
		if x < -1.0001 || x > 1.0001 || y < -1.0001 || y > 1.0001 {
			t.Fatalf("point %v, %v outside the world box", x, y)
		}
	}
	if gaps != 2 {
		t.Errorf("%d gaps, want 2 (leaving twice)", gaps)
	}
	if len(tr.normals) != len(tr.pts) {
		t.Errorf("%d normals for %d points", len(tr.normals)/3, len(tr.pts)/3)
	}
}

func TestPrepareProjectsAndOrders(t *testing.T) {
	v, cam := hillView(t)
	for _, preview := range []bool{false, true} {
		v.prepare(frameInput{cam: cam, preview: preview, scale: 1, lineW: 1})
		l := v.lvl
		n := l.m.N
		if want := 2 * (n - 1) * (n - 1); v.triangles != want || len(l.order.Indices) != 3*want {
			t.Fatalf("preview %v: %d triangles, want %d", preview, v.triangles, want)
		}
		for _, k := range []int{0, n - 1, n * n / 2, n*n - 1} {
			p := l.m.Pos[3*k : 3*k+3]
			sx, sy, _, ok := cam.Project(mgl64.Vec3{float64(p[0]), float64(p[1]), float64(p[2])})
			if !ok || math.Abs(sx-float64(l.verts[k].DstX)) > 0.01 || math.Abs(sy-float64(l.verts[k].DstY)) > 0.01 {
				t.Errorf("vertex %d at %v, %v; camera says %v, %v", k, l.verts[k].DstX, l.verts[k].DstY, sx, sy)
			}
		}
	}
	if v.back.Len() == 0 {
		t.Error("no axis box drawn")
	}
}

func TestAxisLabelsStayReadable(t *testing.T) {
	v, cam := hillView(t)
	v.names = [3]string{"X axis", "Y axis", "Loss"}
	measure := func(s string, size float64) (float64, float64) {
		return 0.6 * math.Abs(size) * float64(len(s)), math.Abs(size) * 1.2
	}
	for az := -180.0; az < 180; az += 15 {
		for _, el := range []float64{-30, 10, 30, 60, 85} {
			cam.Azimuth, cam.Elevation = az, el
			v.prepare(frameInput{cam: cam, scale: 1, lineW: 1, measure: measure})
			titles := 0
			for i, a := range v.texts {
				if a.s == "X axis" || a.s == "Y axis" || a.s == "Loss" {
					titles++
				}
				if a.x < -50 || a.x > 1330 || a.y < -50 || a.y > 770 {
					t.Errorf("az %v el %v: %q placed off screen at %v, %v", az, el, a.s, a.x, a.y)
				}
				for _, b := range v.texts[i+1:] {
					if math.Abs(a.x-b.x) < (a.w+b.w)/2-1 && math.Abs(a.y-b.y) < (a.h+b.h)/2-1 {
						t.Errorf("az %v el %v: %q and %q overlap", az, el, a.s, b.s)
					}
				}
			}
			if titles != 3 {
				t.Errorf("az %v el %v: %d axis titles", az, el, titles)
			}
		}
	}
}

func TestLayoutHUD(t *testing.T) {
	measure := func(s string, size float64) (float64, float64) {
		return 0.6 * math.Abs(size) * float64(len(s)), math.Abs(size) * 1.2
	}
	in := hudInput{
		w: 1280, h: 720, scale: 1, lineW: 1, theme: LightTheme, title: "T",
		runs: []runInfo{
			{label: "SGD", loss: 0.5, dist: 0.25, hasDist: true},
			{label: "Adam", loss: math.Inf(1), divergedAt: 17},
		},
		step: 3, maxSteps: 50, rate: 5, showHUD: true, help: true, note: "heights clipped", measure: measure,
	}
	var panels [2]shaders.Lines
	texts := layoutHUD(in, nil, &panels)
	joined := ""
	for _, t := range texts {
		joined += t.s + "\n"
	}
	for _, want := range []string{"T", "SGD", "loss 0.5   to min 0.25", "Adam", "diverged at step 17", "step 3 / 50", "heights clipped", "Backspace", "restart all runs", "F3"} {
		if !strings.Contains(joined, want+"\n") {
			t.Errorf("HUD lacks %q:\n%s", want, joined)
		}
	}
	if len(helpLines) < 16 {
		t.Errorf("help lists %d keys", len(helpLines))
	}
	// H hides the HUD: the step and the note go, the legend's labels stay.
	in.showHUD, in.help = false, false
	texts = layoutHUD(in, nil, &panels)
	joined = ""
	for _, t := range texts {
		joined += t.s + "\n"
	}
	if strings.Contains(joined, "step 3") || strings.Contains(joined, "clipped") || !strings.Contains(joined, "SGD\n") {
		t.Errorf("hidden HUD shows:\n%s", joined)
	}
}

func TestNewRejectsBadOptions(t *testing.T) {
	s := bowlTurntable()
	s.Mesh = 40
	for _, o := range []Options{{Scale: -1}, {Frames: -2}} {
		if _, err := New(s, o); err == nil || !strings.HasPrefix(err.Error(), "game: ") {
			t.Errorf("New(%+v) error = %v", o, err)
		}
	}
	bad := *s
	bad.Colormap = "jet"
	if _, err := New(&bad, Options{}); err == nil {
		t.Error("unknown colormap accepted")
	}
	bad = *s
	bad.Runs = []scene.RunConfig{{Optimizer: "nope"}}
	if _, err := New(&bad, Options{}); err == nil {
		t.Error("unknown optimizer accepted")
	}
	if _, err := New(nil, Options{}); err == nil {
		t.Error("nil scene accepted")
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
	in := g.hudInput(1280, 720, 1)
	if in.runs[1].divergedAt == 0 || in.step != 10 {
		t.Errorf("HUD: diverged at %d, step %d", in.runs[1].divergedAt, in.step)
	}
	g.prepareFrame(1280, 720, false)
	if !g.trails[1].grey {
		t.Error("diverged run not greyed out")
	}
	g.restart()
	if g.entries[0].run.Steps() != 0 || g.entries[1].run.Diverged() {
		t.Error("restart did not reset the runs")
	}
}
