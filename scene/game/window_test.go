package game

import (
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/hajimehoshi/ebiten/v2"

	"descent/optim"
	"descent/scene"
	"descent/scene/plot"
	"descent/scene/run"
)

// formula is what TestPanelTypingAtLowFrameRate types: it holds characters
// that are hot keys elsewhere (space, +, -, y).
const formula = "x^2 + 3*y^2 - 0.5*x*y"

// settleFrames is how many frames a window gets to take keys already sent.
const settleFrames = 60

// TestWindowChild is the child process of the display tests: it runs the
// scenario the parent names and writes the marker only when it passed.
func TestWindowChild(t *testing.T) {
	scenario := os.Getenv(childEnv)
	if scenario == "" {
		t.Skip("the child process of the display tests (they run it)")
	}
	dir := os.Getenv(childDirEnv)
	var err error
	switch scenario {
	case "render":
		err = renderChild(dir)
	case "drive":
		err = driveChild(dir)
	case "typing":
		err = typingChild(dir)
	default:
		err = fmt.Errorf("unknown scenario %q", scenario)
	}
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "marker"), []byte(childMarker), 0o644); err != nil {
		t.Fatal(err)
	}
}

// probe runs a Game, reports its status to the parent as it goes and,
// with throttle set, holds each frame that long (a slow machine).
type probe struct {
	g        *Game
	dir      string
	throttle time.Duration
	// check runs after each tick: done ends the window, an error fails it.
	check func(p *probe) (done bool, err error)
	last  status
	err   error
}

func (p *probe) Update() error {
	if err := p.g.Update(); err != nil {
		return err
	}
	p.report("")
	if p.check != nil {
		done, err := p.check(p)
		if err != nil {
			p.err = err
			p.report(err.Error())
			return err
		}
		if done {
			return ebiten.Termination
		}
	}
	return nil
}

func (p *probe) Draw(screen *ebiten.Image) {
	p.g.Draw(screen)
	if p.throttle > 0 {
		time.Sleep(p.throttle) // the frame takes this long: the window draws at most 1/throttle frames a second
	}
}

func (p *probe) Layout(w, h int) (int, int)              { return p.g.Layout(w, h) }
func (p *probe) LayoutF(w, h float64) (float64, float64) { return p.g.LayoutF(w, h) }

// report writes the window's status for the parent when it changed.
func (p *probe) report(failure string) {
	g := p.g
	s := status{Frames: g.tap.Frames(), Azimuth: g.cam.Azimuth, Paused: g.paused, Expr: g.sc.Expr, Error: failure}
	if len(g.entries) > 0 {
		s.Steps = g.entries[0].run.Steps()
		s.Optimizer = g.sc.Runs[0].Optimizer
	}
	if r, ok := g.panel.FieldRect(0, "lr"); ok && g.panel.Shown() {
		s.LRField = [4]float64{r.X0, r.Y0, r.X1, r.Y1}
	}
	if r, ok := g.panel.ExprRect(); ok && g.panel.Shown() {
		s.ExprField = [4]float64{r.X0, r.Y0, r.X1, r.Y1}
	}
	if s == p.last {
		return
	}
	p.last = s
	b, _ := json.Marshal(s)
	tmp := filepath.Join(p.dir, "status.json.tmp")
	if err := os.WriteFile(tmp, b, 0o644); err == nil {
		_ = os.Rename(tmp, filepath.Join(p.dir, "status.json"))
	}
}

// runProbe runs p's window until it ends, and returns what failed.
func runProbe(p *probe) error {
	ebiten.SetWindowTitle("Descent test window")
	ebiten.SetWindowSize(1280, 720)
	ebiten.SetTPS(ticksPerSecond)
	err := ebiten.RunGame(p)
	if cerr := p.g.tap.Close(); err == nil {
		err = cerr
	}
	if p.err != nil {
		return p.err
	}
	return err
}

// renderChild draws the default scene for 20 frames and saves the last.
func renderChild(dir string) error {
	s, err := scene.Load(scene.Default())
	if err != nil {
		return err
	}
	s.AutoRotate = false
	g, err := New(s, Options{Frames: 20, Screenshot: filepath.Join(dir, "frame.png")})
	if err != nil {
		return err
	}
	return Run(g)
}

// driveChild shows the default scene paused and not turning, for the
// parent to drive; Escape ends it.
func driveChild(dir string) error {
	s, err := scene.Load(scene.Default())
	if err != nil {
		return err
	}
	s.AutoRotate, s.Mesh, s.Steps, s.Rate = false, 100, 0, 30
	g, err := New(s, Options{Paused: true})
	if err != nil {
		return err
	}
	return runProbe(&probe{g: g, dir: dir})
}

// typingChild shows the control panel in a window held to 12 frames a
// second, waits for the parent to type a learning rate and a formula, and
// checks them character for character, that no hot key acted, and that
// run 1 took the new rate's exact path on the new surface.
func typingChild(dir string) error {
	s, err := scene.Load("regression-race")
	if err != nil {
		return err
	}
	s.AutoRotate = false
	g, err := New(s, Options{})
	if err != nil {
		return err
	}
	g.panel.SetShown(true)
	before := g.snapshot()
	show := g.show
	p := &probe{g: g, dir: dir, throttle: time.Second / 12}
	p.check = func(p *probe) (bool, error) {
		if g.quit {
			return false, fmt.Errorf("typing quit the window")
		}
		if g.sc.Expr != formula || g.entries[0].run.Steps() < 10 {
			return false, nil
		}
		if got := g.sc.Runs[0].Optimizer; got != "sgd:lr=0.05" {
			return false, fmt.Errorf("run 1 is %q, want sgd:lr=0.05", got)
		}
		after := g.snapshot()
		if after.paused != before.paused || after.autoRotate != before.autoRotate || after.kind != before.kind ||
			after.layout != before.layout || after.cam.dist != before.cam.dist || g.show != show || g.help {
			return false, fmt.Errorf("typing set off hot keys: %+v, show %+v -> %+v, show %+v", before, show, after, g.show)
		}
		// Run 1 restarted on the new surface at the new rate: its path is
		// a fresh run's.
		r := g.entries[0].run
		opt, err := optim.New(optim.Spec{Method: "sgd", Values: map[string]float64{"lr": 0.05}})
		if err != nil {
			return false, err
		}
		ref, err := run.New(g.surf, opt, r.Start, run.Stochastic{}, 10)
		if err != nil {
			return false, err
		}
		for range r.Steps() {
			_ = ref.Step()
		}
		if ref.Point()[0] != r.Point()[0] || ref.Point()[1] != r.Point()[1] {
			return false, fmt.Errorf("after %d steps run 1 is at %v, a fresh lr=0.05 run at %v", r.Steps(), r.Point(), ref.Point())
		}
		return true, nil
	}
	return runProbe(p)
}

// TestRenderDefaultScene renders the default preset and checks the pixels:
// the surface's colours fill much of the middle, and the margins are
// background.
func TestRenderDefaultScene(t *testing.T) {
	t.Parallel()
	c := startChild(t, display(t), "render")
	c.finish()
	img := readPNG(t, filepath.Join(c.dir, "frame.png"))
	b := img.Bounds()
	if b.Dx() < 640 || b.Dy() < 360 {
		t.Fatalf("screenshot is %v", b)
	}
	bg := plot.Light().Background
	near := func(c color.RGBA, want color.RGBA, tol int) bool {
		d := func(a, b uint8) int { return max(int(a)-int(b), int(b)-int(a)) }
		return d(c.R, want.R) <= tol && d(c.G, want.G) <= tol && d(c.B, want.B) <= tol
	}
	for _, p := range []image.Point{{5, b.Dy() / 2}, {b.Dx() - 5, b.Dy() / 2}, {b.Dx() / 2, b.Dy() - 3}} {
		if c := img.RGBAAt(p.X, p.Y); !near(c, bg, 2) {
			t.Errorf("pixel %v = %v, want the background %v", p, c, bg)
		}
	}
	// Surface pixels: clearly coloured (not the greys of background, panes
	// and text), some teal-green and some purple, as viridis is.
	coloured, green, purple := 0, 0, 0
	for y := b.Dy() / 6; y < b.Dy()*5/6; y++ {
		for x := b.Dx() / 4; x < b.Dx()*3/4; x++ {
			c := img.RGBAAt(x, y)
			if int(max(c.R, c.G, c.B))-int(min(c.R, c.G, c.B)) < 40 {
				continue
			}
			coloured++
			if c.G > c.R && c.G >= c.B-10 {
				green++
			}
			if c.B > c.G && c.R > c.G {
				purple++
			}
		}
	}
	area := (b.Dx() / 2) * (b.Dy() * 2 / 3)
	if coloured < area/5 || green < area/50 || purple < area/200 {
		t.Errorf("surface colours: %d coloured, %d green, %d purple pixels of %d", coloured, green, purple, area)
	}
}

// TestDriveWindow drives the window with xdotool: while paused the picture
// stays still, a mouse drag turns it, Space runs the optimizers and Space
// again freezes the picture, Escape quits.
func TestDriveWindow(t *testing.T) {
	needTools(t, "xdotool", "import")
	t.Parallel()
	c := startChild(t, display(t), "drive")
	win := c.window()
	c.waitFrames(5)
	a := c.screenshot("a")
	c.waitFrames(10)
	if d := differing(a, c.screenshot("b")); d != 0 {
		t.Fatalf("paused window changed by itself: %d pixels", d)
	}
	az := c.status().Azimuth
	// A drag as a hand makes it: the window sees each step in a frame.
	for _, step := range [][]string{
		{"mousemove", "--window", win, "640", "400", "mousedown", "1"},
		{"mousemove", "--window", win, "700", "410"},
		{"mousemove", "--window", win, "800", "420"},
		{"mouseup", "1"},
	} {
		c.xdo(step...)
		c.waitFrames(2)
	}
	c.waitFor("the drag to turn the camera", func(s status) bool { return s.Azimuth != az })
	c.waitFrames(3)
	b := c.screenshot("c")
	if d := differing(a, b); d < len(a.Pix)/4/20 {
		t.Errorf("a drag changed only %d of %d pixels", d, len(a.Pix)/4)
	}
	c.xdo("key", "space")
	c.waitFor("the runs to step", func(s status) bool { return s.Steps >= 5 })
	c.xdo("key", "space")
	s := c.waitFor("the window to pause", func(s status) bool { return s.Paused })
	c.waitFrames(3)
	d1 := c.screenshot("d")
	if differing(b, d1) == 0 {
		t.Error("running the optimizers changed nothing")
	}
	c.waitFrames(10)
	if n := differing(d1, c.screenshot("e")); n != 0 || c.status().Steps != s.Steps {
		t.Errorf("paused again, the picture changed by %d pixels (steps %d -> %d)", n, s.Steps, c.status().Steps)
	}
	c.xdo("key", "Escape") // through XTEST: the window closes before a key sent to it could be released
	c.finish()
}

// TestPanelTypingAtLowFrameRate types into the control panel of a window
// held to 12 frames a second, with xdotool at its default speed (12 ms
// between keys, so several keys arrive between two frames): a learning
// rate, then a formula with characters that are hot keys elsewhere. The
// child checks both character for character (and that no hot key acted).
func TestPanelTypingAtLowFrameRate(t *testing.T) {
	needTools(t, "xdotool")
	t.Parallel()
	c := startChild(t, display(t), "typing")
	win := c.window()
	s := c.waitFor("the panel's fields", func(s status) bool { return s.LRField[2] > 0 && s.ExprField[2] > 0 })
	typeInto := func(field [4]float64, text string) {
		x, y := strconv.Itoa(int((field[0]+field[2])/2)), strconv.Itoa(int((field[1]+field[3])/2))
		c.xdo("mousemove", "--window", win, x, y, "click", "1", "key", "ctrl+a", "type", text)
		c.xdo("key", "Return")
	}
	// After the keys, the window gets settleFrames frames to take them:
	// a lost or doubled key shows as a wrong value, not as a hang.
	typeInto(s.LRField, "0.05")
	f := c.status().Frames
	s = c.waitFor("the learning rate to change", func(s status) bool { return s.Optimizer != "sgd:lr=0.1" || s.Frames >= f+settleFrames })
	if s.Optimizer != "sgd:lr=0.05" {
		t.Fatalf("typed 0.05 into run 1's learning rate: run 1 is %q", s.Optimizer)
	}
	typeInto(s.ExprField, formula)
	f = c.status().Frames
	s = c.waitFor("the formula to change", func(s status) bool { return s.Expr != "" || s.Frames >= f+settleFrames })
	if s.Expr != formula {
		t.Fatalf("typed %q into the formula: the surface is %q", formula, s.Expr)
	}
	c.finish()
}
