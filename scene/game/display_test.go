package game

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"descent/scene"
)

// These tests open real windows, each in a child process (Ebiten runs one
// game per process): they need an X display, e.g. under
// xvfb-run -a -s "-screen 0 1280x720x24".

func needDisplay(t *testing.T) {
	t.Helper()
	if os.Getenv("DISPLAY") == "" {
		t.Skip("no display: run under xvfb-run")
	}
	if testing.Short() {
		t.Skip("opens a window; skipped in -short mode")
	}
}

// startWindow runs TestWindow in a child process with the given flags.
func startWindow(ctx context.Context, t *testing.T, args ...string) *exec.Cmd {
	t.Helper()
	cmd := exec.CommandContext(ctx, os.Args[0], append([]string{"-test.run=^TestWindow$", "-window"}, args...)...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("window output:\n%s", out.String())
		}
	})
	return cmd
}

func readPNG(t *testing.T, path string) *image.RGBA {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	b := img.Bounds()
	rgba := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	for y := range b.Dy() {
		for x := range b.Dx() {
			rgba.Set(x, y, img.At(b.Min.X+x, b.Min.Y+y))
		}
	}
	return rgba
}

// TestRenderDefaultScene renders the default preset and checks the pixels:
// the surface's colours fill much of the middle, and the margins are
// background.
func TestRenderDefaultScene(t *testing.T) {
	needDisplay(t)
	shot := filepath.Join(t.TempDir(), "frame.png")
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := startWindow(ctx, t, "-preset="+scene.Default(), "-frames=20", "-shot="+shot, "-rotate=false")
	if err := cmd.Run(); err != nil {
		t.Fatalf("window: %v", err)
	}
	img := readPNG(t, shot)
	b := img.Bounds()
	if b.Dx() < 640 || b.Dy() < 360 {
		t.Fatalf("screenshot is %v", b)
	}
	bg := LightTheme.Background
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
			hi := max(c.R, c.G, c.B)
			lo := min(c.R, c.G, c.B)
			if int(hi)-int(lo) < 40 {
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

// screenshotX grabs the whole X screen with ImageMagick's import.
func screenshotX(t *testing.T, dir, name string) *image.RGBA {
	t.Helper()
	path := filepath.Join(dir, name+".png")
	if out, err := exec.Command("import", "-window", "root", path).CombinedOutput(); err != nil {
		t.Fatalf("import: %v: %s", err, out)
	}
	return readPNG(t, path)
}

// differing counts the pixels that differ between two images.
func differing(a, b *image.RGBA) int {
	n := 0
	for i := 0; i+3 < len(a.Pix) && i+3 < len(b.Pix); i += 4 {
		if a.Pix[i] != b.Pix[i] || a.Pix[i+1] != b.Pix[i+1] || a.Pix[i+2] != b.Pix[i+2] {
			n++
		}
	}
	return n
}

func xdotool(t *testing.T, args ...string) {
	t.Helper()
	if out, err := exec.Command("xdotool", args...).CombinedOutput(); err != nil {
		t.Fatalf("xdotool %s: %v: %s", strings.Join(args, " "), err, out)
	}
}

// TestDriveWindow drives the window with xdotool: while paused the picture
// stays still, a mouse drag turns it, Space runs the optimizers (the
// picture changes) and Space again freezes it.
func TestDriveWindow(t *testing.T) {
	needDisplay(t)
	for _, tool := range []string{"xdotool", "import"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s not installed", tool)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	cmd := startWindow(ctx, t, "-paused", "-rotate=false", "-rate=30", "-steps=0", "-mesh=100")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	}()
	out, err := exec.CommandContext(ctx, "xdotool", "search", "--sync", "--onlyvisible", "--name", "Descent").Output()
	if err != nil {
		t.Fatalf("window never appeared: %v", err)
	}
	win := strings.Fields(string(out))[0]
	xdotool(t, "windowfocus", "--sync", win)
	dir := t.TempDir()
	// Wait for the window to settle: the first frames after mapping (window
	// size, fonts, a first full-resolution mesh) may still be arriving on a
	// loaded machine. Then a paused window must not change at all.
	a := screenshotX(t, dir, "a")
	for try := 0; try < 20; try++ {
		time.Sleep(500 * time.Millisecond)
		next := screenshotX(t, dir, "a")
		if differing(a, next) == 0 {
			break
		}
		a = next
	}
	time.Sleep(700 * time.Millisecond)
	a2 := screenshotX(t, dir, "a2")
	total := len(a.Pix) / 4
	if d := differing(a, a2); d != 0 {
		t.Fatalf("paused window changed by itself: %d pixels", d)
	}

	xdotool(t, "mousemove", "--sync", "640", "400", "mousedown", "1",
		"mousemove", "--sync", "660", "405", "sleep", "0.1",
		"mousemove", "--sync", "720", "410", "sleep", "0.1",
		"mousemove", "--sync", "800", "420", "sleep", "0.1", "mouseup", "1")
	time.Sleep(1 * time.Second)
	b := screenshotX(t, dir, "b")
	if d := differing(a2, b); d < total/20 {
		t.Errorf("a drag changed only %d of %d pixels", d, total)
	}

	xdotool(t, "key", "space")
	time.Sleep(1500 * time.Millisecond)
	xdotool(t, "key", "space")
	time.Sleep(500 * time.Millisecond)
	c := screenshotX(t, dir, "c")
	if d := differing(b, c); d == 0 {
		t.Error("running the optimizers changed nothing")
	}
	time.Sleep(1 * time.Second)
	d := screenshotX(t, dir, "d")
	if n := differing(c, d); n != 0 {
		t.Errorf("paused again, the picture still changed by %d pixels", n)
	}
}
