package game

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"descent/scene/xdisplay"
)

// These tests open real windows. Ebiten runs one game per process, so each
// window runs in a child process (the test binary running TestWindowChild)
// on an X server of the test's own (Xvfb), where no other test's window can
// take the keyboard or the pointer. Without Xvfb they use $DISPLAY, one at
// a time; without either they are skipped.
//
// A child reports through files in a directory the parent gives it: a
// status file it rewrites as it runs (frames drawn, steps taken, where the
// panel's fields are, ...), which the parent polls instead of sleeping, and
// a marker file it writes only when its own checks passed. The parent
// believes nothing else: a child that ran no test, or skipped, cannot pass.

// hangTimeout bounds every wait on a child or a window: it only stops a
// child that hung, so it is generous enough for a loaded machine, and a
// test that reaches it says the child hung. It never measures speed.
const hangTimeout = 4 * time.Minute

// Environment of a child process.
const (
	childEnv    = "DESCENT_WINDOW_CHILD"     // the scenario the child runs
	childDirEnv = "DESCENT_WINDOW_CHILD_DIR" // where it writes status and marker
)

// childMarker is what a child writes to its marker file when it passed.
const childMarker = "window child passed\n"

// display returns an X display of the test's own (see package xdisplay).
func display(t *testing.T) string { return xdisplay.Own(t) }

// status is what a child reports while it runs.
type status struct {
	Frames    int
	Steps     int
	Azimuth   float64
	Paused    bool
	Optimizer string // run 1's
	Expr      string
	LRField   [4]float64 // run 1's learning-rate field: x0, y0, x1, y1
	ExprField [4]float64
	Error     string // a check that failed in the child
}

// windowChild is a window running in a child process.
type windowChild struct {
	t       *testing.T
	display string
	dir     string
	cmd     *exec.Cmd
	out     bytes.Buffer
	exited  chan struct{}
	waitErr error
}

// startChild runs scenario in a child process on display.
func startChild(t *testing.T, display, scenario string) *windowChild {
	t.Helper()
	c := &windowChild{t: t, display: display, dir: t.TempDir(), exited: make(chan struct{})}
	ctx, cancel := context.WithTimeout(context.Background(), hangTimeout)
	t.Cleanup(cancel)
	c.cmd = exec.CommandContext(ctx, os.Args[0], "-test.run=^TestWindowChild$", "-test.v")
	c.cmd.Env = append(os.Environ(), "DISPLAY="+display, childEnv+"="+scenario, childDirEnv+"="+c.dir)
	c.cmd.Stdout, c.cmd.Stderr = &c.out, &c.out
	if err := c.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		c.waitErr = c.cmd.Wait()
		close(c.exited)
	}()
	t.Cleanup(func() {
		_ = c.cmd.Process.Kill()
		<-c.exited
		if t.Failed() {
			t.Logf("window child output:\n%s", c.out.String())
		}
	})
	return c
}

// status returns the child's last status (the zero status before the first).
func (c *windowChild) status() status {
	var s status
	b, err := os.ReadFile(filepath.Join(c.dir, "status.json"))
	if err == nil {
		_ = json.Unmarshal(b, &s)
	}
	return s
}

// waitFor polls the child's status until cond holds and returns it. It
// fails if the child exits first, or hangs.
func (c *windowChild) waitFor(what string, cond func(status) bool) status {
	c.t.Helper()
	deadline := time.Now().Add(hangTimeout)
	for {
		s := c.status()
		if s.Error != "" {
			c.t.Fatalf("the window failed a check: %s", s.Error)
		}
		if cond(s) {
			return s
		}
		select {
		case <-c.exited:
			c.t.Fatalf("the window exited (%v) while waiting for %s", c.waitErr, what)
		case <-time.After(pollEvery):
		}
		if time.Now().After(deadline) {
			c.t.Fatalf("the window hung: no %s after %v (last status %+v)", what, hangTimeout, s)
		}
	}
}

// pollEvery is how often a parent looks at its child's status.
const pollEvery = 50 * time.Millisecond

// waitFrames waits until the window has drawn n more frames.
func (c *windowChild) waitFrames(n int) status {
	c.t.Helper()
	from := c.status().Frames
	return c.waitFor(fmt.Sprintf("%d more frames", n), func(s status) bool { return s.Frames >= from+n })
}

// finish waits for the child to exit and checks it passed.
func (c *windowChild) finish() {
	c.t.Helper()
	select {
	case <-c.exited:
	case <-time.After(hangTimeout):
		c.t.Fatalf("the window did not exit within %v", hangTimeout)
	}
	b, _ := os.ReadFile(filepath.Join(c.dir, "marker"))
	if c.waitErr != nil || string(b) != childMarker {
		c.t.Fatalf("the window child did not pass (exit %v, marker %q):\n%s", c.waitErr, b, c.out.String())
	}
}

// xdo runs xdotool on the child's display.
func (c *windowChild) xdo(args ...string) string {
	c.t.Helper()
	out, err := xdisplay.Run(c.display, "xdotool", args...)
	if err != nil {
		c.t.Fatalf("xdotool %s: %v: %s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// window returns the child's window id once it is mapped, and gives it the
// keyboard.
func (c *windowChild) window() string {
	c.t.Helper()
	ids := strings.Fields(c.xdo("search", "--sync", "--onlyvisible", "--name", "Descent"))
	if len(ids) == 0 {
		c.t.Fatal("no Descent window on the display")
	}
	c.xdo("windowfocus", "--sync", ids[0])
	return ids[0]
}

// screenshot grabs the child's X screen with ImageMagick's import.
func (c *windowChild) screenshot(name string) *image.RGBA {
	c.t.Helper()
	path := filepath.Join(c.dir, name+".png")
	if out, err := xdisplay.Run(c.display, "import", "-window", "root", path); err != nil {
		c.t.Fatalf("import: %v: %s", err, out)
	}
	return readPNG(c.t, path)
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

// needTools skips a test when a program it drives the window with is
// missing.
func needTools(t *testing.T, tools ...string) {
	t.Helper()
	for _, tool := range tools {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s not installed (Debian packages xdotool, imagemagick)", tool)
		}
	}
}
