package game

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/hajimehoshi/ebiten/v2"

	"descent/optim"
	"descent/scene"
	"descent/scene/contour"
	"descent/scene/run"
)

// These tests render the 2-D views in a real window (a child process, as
// Ebiten runs one game per process) and check pixels against what the
// views' own transforms say must be there. They need an X display, e.g.
// xvfb-run -a -s "-screen 0 1280x720x24".

// viewsChildEnv names the check the child process runs.
const viewsChildEnv = "DESCENT_VIEWS_CHILD"

func TestContourPixels(t *testing.T) { runViewsChild(t, "contour") }
func TestCurvePixels(t *testing.T)   { runViewsChild(t, "curve") }

func runViewsChild(t *testing.T, which string) {
	needDisplay(t)
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^TestViewsChild$", "-test.v")
	cmd.Env = append(os.Environ(), viewsChildEnv+"="+which)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	t.Logf("%s", out)
}

// probeGame runs a Game and checks the frame it draws at frame n.
type probeGame struct {
	g     *Game
	n     int
	drawn int
	check func(img *image.RGBA)
}

func (p *probeGame) Update() error {
	if p.drawn >= p.n {
		return ebiten.Termination
	}
	return p.g.Update()
}

func (p *probeGame) Draw(screen *ebiten.Image) {
	p.g.Draw(screen)
	p.drawn++
	if p.drawn == p.n {
		b := screen.Bounds()
		img := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
		screen.ReadPixels(img.Pix)
		p.check(img)
	}
}

func (p *probeGame) Layout(w, h int) (int, int) { return p.g.Layout(w, h) }

func (p *probeGame) LayoutF(w, h float64) (float64, float64) { return p.g.LayoutF(w, h) }

// TestViewsChild is the child process of the pixel tests.
func TestViewsChild(t *testing.T) {
	which := os.Getenv(viewsChildEnv)
	if which == "" {
		t.Skip("child process of TestContourPixels and TestCurvePixels")
	}
	preset := map[string]string{"contour": "regression-race", "curve": "parabola-steps", "panel": "regression-race"}[which]
	s, err := scene.Load(preset)
	if err != nil {
		t.Fatal(err)
	}
	g, err := New(s, Options{Width: 1280, Height: 720, Paused: true})
	if err != nil {
		t.Fatal(err)
	}
	g.views.tangent = false
	p := &probeGame{g: g, n: 10}
	switch which {
	case "contour":
		p.check = func(img *image.RGBA) { checkContourPixels(t, g, img) }
	case "curve":
		p.check = func(img *image.RGBA) { checkCurvePixels(t, g, img) }
	case "panel":
		panelChild(t, g, p)
		return
	}
	ebiten.SetWindowSize(1280, 720)
	if err := ebiten.RunGame(p); err != nil {
		t.Fatal(err)
	}
	if p.drawn < p.n {
		t.Fatalf("drew %d frames of %d", p.drawn, p.n)
	}
}

// excluded lists screen areas a pixel check leaves alone: the legend, the
// contour labels and the runs' markers.
type excluded []rect

func (e excluded) has(x, y float64) bool {
	for _, r := range e {
		if r.contains(x, y) {
			return true
		}
	}
	return false
}

func (g *Game) checkExclusions() excluded {
	ui := g.dpi * g.opts.Scale
	ex := excluded{legendRect(g.hudInput(g.width, g.height, ui)).inset(-4, -4, -4, -4)}
	for _, l := range g.views.contour.labels {
		r := rect{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}
		for _, c := range l.Corners() {
			r.x0, r.y0 = math.Min(r.x0, c.X), math.Min(r.y0, c.Y)
			r.x1, r.y1 = math.Max(r.x1, c.X), math.Max(r.y1, c.Y)
		}
		ex = append(ex, r.inset(-3, -3, -3, -3))
	}
	return ex
}

func near(a, b uint8, tol int) bool { return max(int(a)-int(b), int(b)-int(a)) <= tol }

// checkContourPixels: away from iso-lines, labels and markers, each
// pixel has the colour of the band the loss at that point falls in.
func checkContourPixels(t *testing.T, g *Game, img *image.RGBA) {
	c := g.views.contour
	p := &c.plot
	if g.views.kind != viewFlat || !(p.px.w() > 300) {
		t.Fatalf("the contour view is not shown (kind %d, plot %v)", g.views.kind, p.px)
	}
	ex := g.checkExclusions()
	band := func(sx, sy float64) int {
		x, y := p.toData(sx, sy)
		return contour.BandOf(contour.Transform(g.surf.Eval(x, y), c.scale), c.levels)
	}
	var markers [][2]float64
	for _, e := range g.entries {
		for i := range e.run.Trail.Len() {
			sm := e.run.Trail.At(i)
			sx, sy := p.toPixel(sm.X, sm.Y)
			markers = append(markers, [2]float64{sx, sy})
		}
	}
	for _, m := range g.surf.Minima {
		sx, sy := p.toPixel(m.X, m.Y)
		markers = append(markers, [2]float64{sx, sy})
	}
	checked, good, bands := 0, 0, map[int]bool{}
	for y := p.px.y0 + 4; y < p.px.y1-4; y += 7 {
		for x := p.px.x0 + 4; x < p.px.x1-4; x += 7 {
			cx, cy := x+0.5, y+0.5
			if ex.has(cx, cy) {
				continue
			}
			skip := false
			for _, m := range markers {
				if math.Hypot(m[0]-cx, m[1]-cy) < 16 {
					skip = true
				}
			}
			k := band(cx, cy)
			for _, d := range [][2]float64{{-4, 0}, {4, 0}, {0, -4}, {0, 4}, {-3, -3}, {3, 3}, {-3, 3}, {3, -3}} {
				if band(cx+d[0], cy+d[1]) != k {
					skip = true // an iso-line runs near
				}
			}
			if skip {
				continue
			}
			want := c.bandColor(g.cmap, k)
			got := img.RGBAAt(int(x), int(y))
			checked++
			if near(got.R, want.R, 6) && near(got.G, want.G, 6) && near(got.B, want.B, 6) {
				good++
				bands[k] = true
			} else if checked-good < 10 {
				t.Logf("pixel %v,%v (band %d): %v, want %v", x, y, k, got, want)
			}
		}
	}
	t.Logf("contour: %d of %d pixels have their band's colour; %d bands seen", good, checked, len(bands))
	if checked < 1500 || float64(good) < 0.98*float64(checked) || len(bands) < 5 {
		t.Errorf("contour: %d of %d pixels right, %d bands seen", good, checked, len(bands))
	}
}

// checkCurvePixels: the curve passes through the pixels the transform
// gives for (x, f(x)), and the background shows a little above and below
// where the curve is flat enough.
func checkCurvePixels(t *testing.T, g *Game, img *image.RGBA) {
	c := g.views.curve
	p := &c.plot
	if g.views.kind != viewFlat || g.surf.Dim != 1 || !(p.px.w() > 300) {
		t.Fatalf("the curve view is not shown (kind %d, plot %v)", g.views.kind, p.px)
	}
	ex := g.checkExclusions()
	var starts []float64
	for _, e := range g.entries {
		sx, _ := p.toPixel(e.run.Point()[0], 0)
		starts = append(starts, sx)
	}
	dark := func(x, y int) bool {
		c := img.RGBAAt(x, y)
		return int(c.R)+int(c.G)+int(c.B) < 3*110
	}
	on, onChecked, off, offChecked := 0, 0, 0, 0
	for sx := p.px.x0 + 6; sx < p.px.x1-6; sx += 5 {
		cx := sx + 0.5
		skip := false
		for _, s := range starts {
			if math.Abs(s-cx) < 20 {
				skip = true
			}
		}
		for _, m := range g.surf.Minima {
			if mx, _ := p.toPixel(m.X, 0); math.Abs(mx-cx) < 12 {
				skip = true
			}
		}
		if skip {
			continue
		}
		x, _ := p.toData(cx, 0)
		_, sy := p.toPixel(x, g.surf.Eval(x, 0))
		if sy < p.px.y0+4 || sy > p.px.y1-4 || ex.has(cx, sy) {
			continue
		}
		onChecked++
		for dy := -2; dy <= 2; dy++ {
			if dark(int(sx), int(math.Floor(sy))+dy) {
				on++
				break
			}
		}
		// The slope in pixels: where the curve is flat enough, 14 pixels
		// above and below are clear of it.
		_, sy2 := p.toPixel(x+1/p.sx, g.surf.Eval(x+1/p.sx, 0))
		if math.Abs(sy2-sy) < 1 {
			for _, dy := range []float64{-14, 14} {
				y := sy + dy
				if y < p.px.y0+2 || y > p.px.y1-2 || ex.has(cx, y) {
					continue
				}
				offChecked++
				if !dark(int(sx), int(y)) {
					off++
				}
			}
		}
	}
	t.Logf("curve: on the curve %d of %d columns, clear beside it %d of %d", on, onChecked, off, offChecked)
	if onChecked < 100 || on != onChecked || offChecked < 10 || off != offChecked {
		t.Errorf("curve: on the curve %d of %d columns, clear beside it %d of %d", on, onChecked, off, offChecked)
	}
}

// TestPanelChangesLearningRate drives the control panel with xdotool: it
// types a new learning rate into the first run's field, and the run's
// trajectory becomes that of the new rate.
func TestPanelChangesLearningRate(t *testing.T) {
	needDisplay(t)
	if _, err := exec.LookPath("xdotool"); err != nil {
		t.Skip("xdotool not installed")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 120*time.Second)
	defer cancel()
	field := filepath.Join(t.TempDir(), "field")
	cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^TestViewsChild$", "-test.v")
	cmd.Env = append(os.Environ(), viewsChildEnv+"=panel", "DESCENT_VIEWS_FIELD="+field)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	// The child writes where the learning-rate field is.
	var x, y int
	for {
		if b, err := os.ReadFile(field); err == nil && len(b) > 0 {
			if _, err := fmt.Sscan(string(b), &x, &y); err == nil {
				break
			}
		}
		select {
		case err := <-done:
			t.Fatalf("child ended before showing the panel: %v\n%s", err, out.String())
		case <-time.After(200 * time.Millisecond):
		}
	}
	ids, err := exec.CommandContext(ctx, "xdotool", "search", "--sync", "--onlyvisible", "--name", "Descent").Output()
	if err != nil {
		t.Fatalf("window never appeared: %v", err)
	}
	win := strings.Fields(string(ids))[0]
	xdotool(t, "windowfocus", "--sync", win)
	// Typing through XTEST into a software-rendered window can lose a key
	// on a loaded machine; the child accepts the new rate whenever it
	// arrives, so try the click-and-type sequence up to three times.
	for try := 1; ; try++ {
		xdotool(t, "mousemove", "--window", win, strconv.Itoa(x), strconv.Itoa(y), "click", "1")
		time.Sleep(300 * time.Millisecond)
		keys := []string{"key", "--delay", "60"}
		for range 12 {
			keys = append(keys, "BackSpace")
		}
		xdotool(t, keys...)
		xdotool(t, "type", "--delay", "80", "0.02")
		xdotool(t, "key", "Return")
		select {
		case err := <-done:
			if err != nil {
				t.Fatalf("child: %v\n%s", err, out.String())
			}
			t.Logf("%s", out.String())
			return
		case <-ctx.Done():
			t.Fatalf("timed out\n%s", out.String())
		case <-time.After(12 * time.Second):
			if try == 3 {
				select {
				case err := <-done:
					if err != nil {
						t.Fatalf("child: %v\n%s", err, out.String())
					}
				case <-ctx.Done():
					t.Fatalf("timed out\n%s", out.String())
				}
				t.Logf("%s", out.String())
				return
			}
			t.Logf("try %d: the new rate has not arrived yet; typing again", try)
		}
	}
}

// panelChild runs the window with the panel shown, tells the parent where
// run 1's learning-rate field is, waits for the new rate and checks the
// run's path is that of the new rate from the start.
func panelChild(t *testing.T, g *Game, p *probeGame) {
	g.views.panel.shown = true
	g.paused = false
	ebiten.SetWindowTitle("Descent panel test")
	field := os.Getenv("DESCENT_VIEWS_FIELD")
	w := &panelProbe{t: t, g: g, field: field, deadline: time.Now().Add(60 * time.Second)}
	ebiten.SetWindowSize(1280, 720)
	if err := ebiten.RunGame(w); err != nil {
		t.Fatal(err)
	}
	if !w.ok {
		t.Fatalf("the learning rate never changed: run 1 is %q", g.sc.Runs[0].Optimizer)
	}
}

type panelProbe struct {
	t        *testing.T
	g        *Game
	field    string
	written  bool
	changed  int // frames since the new rate arrived
	ok       bool
	deadline time.Time
}

func (w *panelProbe) Update() error {
	g := w.g
	if err := g.Update(); err != nil {
		return err
	}
	if time.Now().After(w.deadline) {
		return ebiten.Termination
	}
	if r, ok := g.views.panel.lrField[0]; ok && !w.written {
		c := r.Min.Add(r.Max).Div(2)
		if err := os.WriteFile(w.field, []byte(fmt.Sprintf("%d %d", c.X, c.Y)), 0o644); err != nil {
			w.t.Fatal(err)
		}
		w.written = true
	}
	if !strings.Contains(g.sc.Runs[0].Optimizer, "lr=0.02") {
		return nil
	}
	w.changed++
	if w.changed < 90 {
		return nil
	}
	// The run restarted with lr 0.02: its trail is exactly a fresh run's.
	want, err := optim.ParseSpec("sgd:lr=0.02")
	if err != nil {
		w.t.Fatal(err)
	}
	opt, _ := optim.New(want)
	r := g.entries[0].run
	ref, err := run.New(g.surf, opt, r.Start, run.Stochastic{}, 1000)
	if err != nil {
		w.t.Fatal(err)
	}
	if r.Steps() < 5 {
		w.t.Fatalf("the run took only %d steps after the change", r.Steps())
	}
	for range r.Steps() {
		_ = ref.Step()
	}
	if ref.Point()[0] != r.Point()[0] || ref.Point()[1] != r.Point()[1] {
		w.t.Errorf("after %d steps run 1 is at %v, a fresh lr=0.02 run at %v", r.Steps(), r.Point(), ref.Point())
	}
	old, _ := optim.New(optim.Spec{Method: "sgd", Values: map[string]float64{"lr": 0.1}})
	prev, _ := run.New(g.surf, old, r.Start, run.Stochastic{}, 1000)
	for range r.Steps() {
		_ = prev.Step()
	}
	if prev.Point()[0] == r.Point()[0] {
		w.t.Errorf("the path did not change")
	}
	w.t.Logf("run 1 after %d steps at lr 0.02: %v (lr 0.1 would be at %v)", r.Steps(), r.Point(), prev.Point())
	w.ok = true
	return ebiten.Termination
}

func (w *panelProbe) Draw(screen *ebiten.Image)               { w.g.Draw(screen) }
func (w *panelProbe) Layout(x, y int) (int, int)              { return w.g.Layout(x, y) }
func (w *panelProbe) LayoutF(x, y float64) (float64, float64) { return w.g.LayoutF(x, y) }
