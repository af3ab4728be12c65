//go:build !js

package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"image"
	"image/gif"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"descent/scene/xdisplay"
)

// childArgsEnv carries a command line to a child process running the test
// binary as the descent program: Ebiten runs one game per process, from the
// main goroutine, so recordings run in children.
const childArgsEnv = "DESCENT_TEST_CHILD_ARGS"

// childDoneEnv names the file a child writes "descent exited N" to once
// the program has returned exit status N. The parent believes a child's exit
// status only with this marker: a child that exits 0 without having run the
// program (a TestMain that no longer recognises childArgsEnv runs the tests
// instead, or none of them) cannot pass a test.
const childDoneEnv = "DESCENT_TEST_CHILD_DONE"

// hangTimeout bounds every wait on a child process or a window: it only
// stops a child that hung, so it is generous enough for a loaded machine,
// and a test that reaches it says the child hung. It never measures speed.
const hangTimeout = 4 * time.Minute

func TestMain(m *testing.M) {
	if js := os.Getenv(childArgsEnv); js != "" {
		var args []string
		if err := json.Unmarshal([]byte(js), &args); err != nil {
			os.Stderr.WriteString("bad " + childArgsEnv + ": " + err.Error() + "\n")
			os.Exit(3)
		}
		// The program may also end from inside a command (exit): the
		// marker is written on that path too.
		exit = childExit
		childExit(run(args, os.Stdout, os.Stderr))
	}
	code := m.Run()
	removeBuiltPage()
	if recordX.stop != nil {
		recordX.stop()
	}
	os.Exit(code)
}

// childPeakEnv names the file a child writes its peak memory to (the
// kernel's VmHWM of its own address space, in kB) when it exits: unlike the
// rusage its parent gets, it does not count the parent's memory at fork.
const childPeakEnv = "DESCENT_TEST_CHILD_PEAK"

// childExit writes the done marker for exit status code (and the peak
// memory, if asked), then exits with it.
func childExit(code int) {
	if p := os.Getenv(childPeakEnv); p != "" {
		status, err := os.ReadFile("/proc/self/status")
		for _, line := range strings.Split(string(status), "\n") {
			if strings.HasPrefix(line, "VmHWM:") {
				err = os.WriteFile(p, []byte(strings.TrimSpace(strings.TrimPrefix(line, "VmHWM:"))), 0o644)
			}
		}
		if err != nil {
			os.Stderr.WriteString("cannot write the peak memory: " + err.Error() + "\n")
			os.Exit(3)
		}
	}
	if p := os.Getenv(childDoneEnv); p != "" {
		if err := os.WriteFile(p, fmt.Appendf(nil, "descent exited %d\n", code), 0o644); err != nil {
			os.Stderr.WriteString("cannot write the done marker: " + err.Error() + "\n")
			os.Exit(3)
		}
	}
	os.Exit(code)
}

// recordX is an X server of this package's own (Xvfb) for the hidden
// windows of the recordings, so that they never meet the windows other
// packages' tests drive on the shared display. Without Xvfb the
// recordings use the shared display.
var recordX struct {
	once    sync.Once
	display string
	stop    func()
}

// childProc is descent running in a child process (the test binary, which
// TestMain turns into the program).
type childProc struct {
	cmd    *exec.Cmd
	args   []string
	ctx    context.Context // done when the child hung past hangTimeout: it is killed
	marker string          // the file the child writes when the program returns
	stderr syncBuffer

	exited  chan struct{} // closed when Wait has returned
	waitErr error         // what Wait returned, read after exited is closed
}

// syncBuffer is a bytes.Buffer that the child's stderr copier may write
// while the test reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// child returns descent with args, ready to start in a child process on
// the recordings' X server. The child is killed if it is still running
// hangTimeout after it was made, or when the test ends (before the test's
// directories are removed).
func child(t *testing.T, args ...string) *childProc {
	t.Helper()
	b, err := json.Marshal(args)
	if err != nil {
		t.Fatal(err)
	}
	marker := filepath.Join(t.TempDir(), "child-done")
	ctx, cancel := context.WithTimeout(context.Background(), hangTimeout)
	// -test.run=^$: should TestMain ever not recognise the child, the test
	// binary runs no test (and writes no marker) instead of all of them.
	cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^$")
	// Wait must return even if something the child started still holds its
	// stderr: a stuck child then fails the test instead of hanging CI.
	cmd.WaitDelay = 10 * time.Second
	c := &childProc{cmd: cmd, args: args, ctx: ctx, marker: marker, exited: make(chan struct{})}
	t.Cleanup(func() {
		cancel()
		if c.cmd.Process != nil {
			<-c.exited
		}
	})
	cmd.Env = append(os.Environ(), childArgsEnv+"="+string(b), childDoneEnv+"="+c.marker)
	if recordX.display != "" {
		cmd.Env = withDisplay(cmd.Env, recordX.display)
	}
	cmd.Stderr = &c.stderr
	return c
}

// start starts the child.
func (c *childProc) start(t *testing.T) {
	t.Helper()
	if err := c.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		c.waitErr = c.cmd.Wait()
		close(c.exited)
	}()
}

// wait waits for the child to exit and returns the exit status descent
// reported. It fails the test if the child hung (and was killed), or
// exited without the marker saying the program returned that status: it
// crashed, was killed by a signal, or did not run descent at all.
func (c *childProc) wait(t *testing.T) int {
	t.Helper()
	<-c.exited
	if c.waitErr != nil && c.ctx.Err() != nil {
		t.Fatalf("descent %s hung: killed after %v; stderr:\n%s", strings.Join(c.args, " "), hangTimeout, c.stderr.String())
	}
	code := 0
	var ee *exec.ExitError
	switch {
	case errors.As(c.waitErr, &ee):
		code = ee.ExitCode()
	case c.waitErr != nil:
		t.Fatalf("descent %s: %v", strings.Join(c.args, " "), c.waitErr)
	}
	b, err := os.ReadFile(c.marker)
	if err != nil {
		t.Fatalf("descent %s: the child exited (%v) without reporting that the program returned (%v); stderr:\n%s",
			strings.Join(c.args, " "), c.cmd.ProcessState, err, c.stderr.String())
	}
	if got, want := string(b), fmt.Sprintf("descent exited %d\n", code); got != want {
		t.Fatalf("descent %s: the child reported %q but its exit status is %d; stderr:\n%s",
			strings.Join(c.args, " "), got, code, c.stderr.String())
	}
	return code
}

// await polls cond (see waitFor) and fails the test at once, with the
// child's stderr, if the child exits before cond holds.
func (c *childProc) await(t *testing.T, cond func() bool, what string) {
	t.Helper()
	waitFor(t, hangTimeout, func() bool {
		if cond() {
			return true
		}
		select {
		case <-c.exited:
			t.Fatalf("descent %s exited (%v) while the test waited for %s; stderr:\n%s",
				strings.Join(c.args, " "), c.cmd.ProcessState, what, c.stderr.String())
		default:
		}
		return false
	}, what)
}

// waitFor polls cond every 50 ms until it holds. It fails the test if cond
// does not hold within timeout, which is only there to stop a hung test:
// timeouts are long, and a slow machine is never a reason to fail.
func waitFor(t *testing.T, timeout time.Duration, cond func() bool, what string) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("gave up waiting for %s after %v: something hung", what, timeout)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// runChild runs descent with args in a child process and returns its exit
// status and stderr.
func runChild(t *testing.T, args ...string) (int, string) {
	t.Helper()
	c := child(t, args...)
	c.start(t)
	code := c.wait(t)
	return code, c.stderr.String()
}

func needDisplay(t *testing.T) {
	t.Helper()
	if os.Getenv("DISPLAY") == "" {
		t.Skip("no display: run under xvfb-run")
	}
	recordX.once.Do(func() {
		if _, err := exec.LookPath("Xvfb"); err != nil {
			return
		}
		d, stop, err := xdisplay.Start()
		if err != nil {
			t.Logf("own X server: %v; using the shared display", err)
			return
		}
		recordX.display, recordX.stop = d, stop
	})
}

// small is a quick recording of a preset: a coarse mesh at a small size.
var small = []string{"record", "-scene", "bowl-turntable", "-mesh", "40", "-size", "160x120"}

func decodeGIF(t *testing.T, path string) *gif.GIF {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	g, err := gif.DecodeAll(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return g
}

// dirNames lists the names in dir (temporary files included).
func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	return names
}

// TestRecordGIF: a recording of a preset has the frame count, size, frame
// delay and looping asked for, and the default length covers every step.
func TestRecordGIF(t *testing.T) {
	t.Parallel()
	needDisplay(t)
	dir := t.TempDir()
	tests := []struct {
		name      string
		args      []string
		frames    int
		w, h      int
		delay     int // hundredths of a second, first frame
		loopCount int // gif.GIF.LoopCount: 0 forever, -1 once
	}{
		{"asked for", []string{"-frames", "7", "-fps", "10"}, 7, 160, 120, 10, 0},
		{"until the runs finish", []string{"-steps", "6"}, 7, 160, 120, 20, 0},
		{"two steps a frame", []string{"-steps", "6", "-steps-per-frame", "2"}, 4, 160, 120, 20, 0},
		{"play once, other size", []string{"-frames", "3", "-loop", "1", "-size", "96x64"}, 3, 96, 64, 20, -1},
	}
	for i, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			out := filepath.Join(dir, "r"+string(rune('a'+i))+".gif")
			code, stderr := runChild(t, append(append(append([]string{}, small...), tc.args...), "-o", out)...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			g := decodeGIF(t, out)
			if len(g.Image) != tc.frames {
				t.Errorf("%d frames, want %d", len(g.Image), tc.frames)
			}
			if g.Config.Width != tc.w || g.Config.Height != tc.h {
				t.Errorf("size %dx%d, want %dx%d", g.Config.Width, g.Config.Height, tc.w, tc.h)
			}
			if g.LoopCount != tc.loopCount {
				t.Errorf("LoopCount %d, want %d", g.LoopCount, tc.loopCount)
			}
			if len(g.Delay) > 0 && g.Delay[0] != tc.delay {
				t.Errorf("delay %d, want %d", g.Delay[0], tc.delay)
			}
		})
	}
}

// TestRecordDeterministic: the same command twice gives byte-identical
// files, and the frames move (the camera turns and the run steps).
func TestRecordDeterministic(t *testing.T) {
	t.Parallel()
	needDisplay(t)
	dir := t.TempDir()
	var files [2][]byte
	for i := range files {
		out := filepath.Join(dir, "same"+string(rune('0'+i))+".gif")
		code, stderr := runChild(t, append(append([]string{}, small...), "-frames", "5", "-o", out)...)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		b, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		files[i] = b
	}
	if !bytes.Equal(files[0], files[1]) {
		t.Fatalf("two recordings differ (%d and %d bytes)", len(files[0]), len(files[1]))
	}
	g := decodeGIF(t, filepath.Join(dir, "same0.gif"))
	for k := 1; k < len(g.Image); k++ {
		if g.Image[k].Bounds().Empty() || g.Image[k].Bounds().Dx()*g.Image[k].Bounds().Dy() < 100 {
			t.Errorf("frame %d changed only %v: the turntable should move every frame", k, g.Image[k].Bounds())
		}
	}
}

// TestRecordPNGLargerThanScreen: a single frame larger than the virtual
// screen (1280x720 under CI) is rendered offscreen at the size asked for,
// with the surface drawn all the way to the lower right.
func TestRecordPNGLargerThanScreen(t *testing.T) {
	t.Parallel()
	needDisplay(t)
	out := filepath.Join(t.TempDir(), "big.png")
	code, stderr := runChild(t, "record", "-scene", "bowl-turntable", "-mesh", "60", "-size", "1600x1000", "-frames", "1", "-o", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != 1600 || b.Dy() != 1000 {
		t.Fatalf("size %v, want 1600x1000", b)
	}
	// Viridis colours (green-blue, red and green channels well apart from
	// the grey panes) in the quarter beyond the 1280x720 screen.
	if n := countViridis(img, image.Rect(800, 500, 1600, 1000)); n < 1000 {
		t.Errorf("only %d surface pixels in the lower right quarter: not drawn beyond the screen?", n)
	}
}

// countViridis counts pixels in r that look like the viridis surface:
// much more green than red, and not grey.
func countViridis(img image.Image, r image.Rectangle) int {
	n := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			cr, cg, cb, _ := img.At(x, y).RGBA()
			if cg > cr+0x1800 && cb > cr+0x1000 {
				n++
			}
		}
	}
	return n
}

// TestRecordInterrupted: Ctrl-C during a recording leaves nothing behind
// (no output, no temporary file) and says so.
func TestRecordInterrupted(t *testing.T) {
	t.Parallel()
	needDisplay(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "long.gif")
	c := child(t, "record", "-scene", "bowl-turntable", "-mesh", "100", "-size", "320x240", "-frames", "100000", "-o", out)
	c.start(t)
	// Interrupt mid-way: the temporary GIF gets its header once the
	// palette's frames are rendered, so from then on frames are being
	// encoded (and the Ctrl-C handler, set before the first frame, is in
	// place).
	c.await(t, func() bool { return tempHasData(dir, ".long.gif.tmp-") }, "the recording's first frames in its temporary file")
	if err := c.cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	if code := c.wait(t); code != 1 {
		t.Errorf("interrupted recording exited %d, want 1; stderr: %q", code, c.stderr.String())
	}
	if names := dirNames(t, dir); len(names) != 0 {
		t.Errorf("left behind: %v", names)
	}
	if want := "interrupted: nothing written to " + out; !strings.Contains(c.stderr.String(), want) {
		t.Errorf("stderr does not say %q: %q", want, c.stderr.String())
	}
}

// tempHasData reports whether dir holds a non-empty file whose name starts
// with prefix (a recording's temporary file once something is written to it).
func tempHasData(dir, prefix string) bool {
	es, _ := os.ReadDir(dir)
	for _, e := range es {
		if !strings.HasPrefix(e.Name(), prefix) {
			continue
		}
		if fi, err := e.Info(); err == nil && fi.Size() > 0 {
			return true
		}
	}
	return false
}

// TestRecordBadUsage: bad flags and unwritable outputs exit 2 with exactly
// one line on stderr naming the problem, before anything is rendered and
// without leaving files behind. Each case checks the words of its own
// message, so that a missing check, caught later by another one, fails.
func TestRecordBadUsage(t *testing.T) {
	// No display: a bad invocation that got past the checks fails with
	// "needs a display" (exit 1) instead of rendering in the test process.
	t.Setenv("DISPLAY", "")
	t.Setenv("WAYLAND_DISPLAY", "")
	dir := t.TempDir()
	ok := filepath.Join(dir, "ok.gif")
	isDir := filepath.Join(t.TempDir(), "d.gif")
	if err := os.Mkdir(isDir, 0o755); err != nil {
		t.Fatal(err)
	}
	_, ffmpegErr := exec.LookPath("ffmpeg")
	tests := []struct {
		name string
		args []string
		want []string // fragments the error line must contain
	}{
		{"no output", []string{"-scene", "bowl-turntable"}, []string{"missing -o FILE"}},
		{"unknown extension", []string{"-o", filepath.Join(dir, "x.avi")}, []string{`unknown output format ".avi"`}},
		{"no extension", []string{"-o", filepath.Join(dir, "frames")}, []string{"has no extension"}},
		{"missing directory", []string{"-o", filepath.Join(dir, "nope", "x.gif")}, []string{"directory " + filepath.Join(dir, "nope") + " does not exist"}},
		{"output is a directory", []string{"-o", isDir}, []string{"cannot write " + isDir + ": it is a directory"}},
		{"bad size", []string{"-o", ok, "-size", "800by600"}, []string{`-size: bad size "800by600"`, "WIDTHxHEIGHT"}},
		{"too narrow", []string{"-o", ok, "-size", "8x100"}, []string{`-size: bad size "8x100"`, "16..8192"}},
		{"too short", []string{"-o", ok, "-size", "100x15"}, []string{`-size: bad size "100x15"`, "16..8192"}},
		{"too wide", []string{"-o", ok, "-size", "9000x100"}, []string{`-size: bad size "9000x100"`, "16..8192"}},
		{"too tall", []string{"-o", ok, "-size", "100x8193"}, []string{`-size: bad size "100x8193"`, "16..8192"}},
		{"negative frames", []string{"-o", ok, "-frames", "-1"}, []string{"bad -frames -1"}},
		{"frames not a number", []string{"-o", ok, "-frames", "abc"}, []string{`invalid value "abc" for flag -frames`}},
		{"zero steps per frame", []string{"-o", ok, "-steps-per-frame", "0"}, []string{"bad -steps-per-frame 0"}},
		{"negative fps", []string{"-o", ok, "-fps", "-3"}, []string{"bad -fps -3", "(0, 1000]"}},
		{"nan fps", []string{"-o", ok, "-fps", "NaN"}, []string{"bad -fps NaN"}},
		{"fps over 1000", []string{"-o", filepath.Join(dir, "x.mp4"), "-fps", "2000"}, []string{"bad -fps 2000", "(0, 1000]"}},
		{"gif too fast", []string{"-o", ok, "-fps", "60"}, []string{"bad -fps 60", "a GIF plays at most 50 fps"}},
		{"odd mp4 size", []string{"-o", filepath.Join(dir, "x.mp4"), "-size", "801x600"}, []string{".mp4 needs an even frame size", "801x600"}},
		{"small scale", []string{"-o", ok, "-scale", "0.1"}, []string{"bad -scale 0.1"}},
		{"short trail", []string{"-o", ok, "-trail", "1"}, []string{"bad -trail 1"}},
		{"unknown view", []string{"-o", ok, "-view", "4d"}, []string{`unknown -view "4d"`}},
		{"unknown layout", []string{"-o", ok, "-layout", "gird"}, []string{`unknown -layout "gird"`}},
		{"bad camera", []string{"-o", ok, "-camera", "30"}, []string{"-camera: ", `"30"`}},
		{"bad rotate", []string{"-o", ok, "-rotate", "x"}, []string{`invalid value "x" for flag -rotate`}},
		{"huge rotate", []string{"-o", ok, "-rotate", "1000"}, []string{"bad -rotate 1000", "[-360, 360]"}},
		{"unknown scene", []string{"-o", ok, "-scene", "bowl-turntabel"}, []string{`unknown scene "bowl-turntabel"`}},
		{"scene and surface", []string{"-o", ok, "-scene", "bowl-turntable", "-surface", "bowl"}, []string{"either -scene or -surface"}},
		{"unknown optimizer", []string{"-o", ok, "-optimizer", "adma"}, []string{`unknown optimizer "adma"`}},
		{"unknown flag", []string{"-o", ok, "-colour", "red"}, []string{"not defined: -colour"}},
		{"stray argument", []string{"-o", ok, "extra"}, []string{`unexpected argument "extra"`}},
		{"bad loop", []string{"-o", ok, "-loop", "-2"}, []string{"bad -loop -2"}},
		{"bad palette frames", []string{"-o", ok, "-palette-frames", "-5"}, []string{"bad -palette-frames -5"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.name == "odd mp4 size" && ffmpegErr != nil {
				t.Skip("ffmpeg is not on PATH: an .mp4 fails for that before this check")
			}
			code, stdout, stderr := runArgs(append([]string{"record"}, tc.args...)...)
			if code != 2 {
				t.Errorf("exit %d, want 2 (stderr %q)", code, stderr)
			}
			if stdout != "" {
				t.Errorf("stdout %q, want nothing", stdout)
			}
			lines := strings.Split(strings.TrimRight(stderr, "\n"), "\n")
			if len(lines) != 1 || !strings.HasPrefix(stderr, "descent record: ") {
				t.Errorf("stderr is not one 'descent record:' line: %q", stderr)
			}
			for _, w := range tc.want {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr %q does not say %q", stderr, w)
				}
			}
			if names := dirNames(t, dir); len(names) != 0 {
				t.Errorf("left behind: %v", names)
			}
		})
	}
}

// TestRecordHelp: -h documents every flag and exits 0.
func TestRecordHelp(t *testing.T) {
	code, _, stderr := runArgs("record", "-h")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	for _, f := range []string{"-o", "-frames", "-fps", "-size", "-mesh", "-steps-per-frame", "-view", "-layout", "-camera", "-rotate", "-hud", "-scene"} {
		if !strings.Contains(stderr, "\n  "+f+" ") && !strings.Contains(stderr, "\n  "+f+"\n") {
			t.Errorf("-h does not document %s", f)
		}
	}
}

// TestWindowCaptureKeys drives the window with xdotool: F12 saves a PNG and
// F9 twice records a GIF, both timestamped in the working directory; the
// red REC indicator and the confirmation never get into them, and quitting
// leaves no temporary file. The window is on an X server of the test's own.
func TestWindowCaptureKeys(t *testing.T) {
	t.Parallel()
	needDisplay(t)
	xdotool, err := exec.LookPath("xdotool")
	if err != nil {
		t.Skip("xdotool not found: install it to drive the window")
	}
	display := privateDisplay(t)
	dir := t.TempDir()
	// -stats: the window prints a line on stderr once a second from its
	// game loop.
	c := child(t, "-scene", "bowl-turntable", "-mesh", "60", "-size", "480x360", "-stats")
	c.cmd.Dir = dir
	c.cmd.Env = withDisplay(c.cmd.Env, display)
	c.start(t)
	xdo := func(args ...string) ([]byte, error) {
		cmd := exec.Command(xdotool, args...)
		cmd.Env = withDisplay(os.Environ(), display)
		return cmd.Output()
	}
	// Ebiten drops a key pressed before its game loop's first tick, so the
	// keys wait for the first -stats line, which the loop prints after
	// running for a second.
	c.await(t, func() bool { return strings.Contains(c.stderr.String(), "fps=") }, "the window's game loop to run (its first -stats line)")
	var wid string
	c.await(t, func() bool {
		out, _ := xdo("search", "--onlyvisible", "--pid", strconv.Itoa(c.cmd.Process.Pid))
		if f := strings.Fields(string(out)); len(f) > 0 {
			wid = f[len(f)-1]
		}
		return wid != ""
	}, "the window to appear")
	// Keys go through XTEST to the focused window (XSendEvent to a window,
	// xdotool key --window, is unreliable under Xvfb). Once the game loop
	// runs, Ebiten keeps key presses as events, so a press is seen however
	// slowly the window runs: each key is pressed once, then the test
	// waits for its effect.
	key := func(k string) {
		t.Helper()
		if out, err := xdo("windowfocus", "--sync", wid, "key", k); err != nil {
			t.Fatalf("xdotool key %s: %v %s", k, err, out)
		}
	}
	files := func(match func(name string, size int64) bool) int {
		es, _ := os.ReadDir(dir)
		n := 0
		for _, e := range es {
			if fi, err := e.Info(); err == nil && match(e.Name(), fi.Size()) {
				n++
			}
		}
		return n
	}
	final := func(ext string) func() bool {
		return func() bool {
			return files(func(name string, _ int64) bool {
				return strings.HasPrefix(name, "descent-") && strings.HasSuffix(name, ext)
			}) > 0
		}
	}
	key("F12")
	c.await(t, final(".png"), "the screenshot F12 saves")
	key("F9")
	// The temporary GIF gets its header once the palette is built from the
	// recording's first second of frames (30): by then the recording holds
	// at least that many frames, whatever the speed of the machine.
	c.await(t, func() bool {
		return files(func(name string, size int64) bool {
			return strings.HasPrefix(name, ".descent-") && strings.Contains(name, ".gif.tmp-") && size > 0
		}) > 0
	}, "the recording F9 starts to write its first frames")
	key("F9")
	c.await(t, final(".gif"), "the GIF the second F9 finishes")
	key("Escape")
	if code := c.wait(t); code != 0 {
		t.Fatalf("window exited with status %d: %s", code, c.stderr.String())
	}
	var pngs, gifs []string
	for _, n := range dirNames(t, dir) {
		switch {
		case strings.HasPrefix(n, "descent-") && strings.HasSuffix(n, ".png"):
			pngs = append(pngs, n)
		case strings.HasPrefix(n, "descent-") && strings.HasSuffix(n, ".gif"):
			gifs = append(gifs, n)
		default:
			t.Errorf("unexpected file %s", n)
		}
	}
	if len(pngs) != 1 || len(gifs) != 1 {
		t.Fatalf("want one PNG and one GIF, got %v and %v", pngs, gifs)
	}
	if len(pngs[0]) != len("descent-YYYYMMDD-HHMMSS.png") {
		t.Errorf("name %s is not descent-YYYYMMDD-HHMMSS.png", pngs[0])
	}
	f, err := os.Open(filepath.Join(dir, pngs[0]))
	if err != nil {
		t.Fatal(err)
	}
	shot, err := png.Decode(f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	if b := shot.Bounds(); b.Dx() != 480 || b.Dy() != 360 {
		t.Errorf("screenshot is %v, want the window's 480x360", b)
	}
	if n := countViridis(shot, shot.Bounds()); n < 2000 {
		t.Errorf("screenshot shows only %d surface pixels", n)
	}
	g := decodeGIF(t, filepath.Join(dir, gifs[0]))
	if len(g.Image) < 20 {
		t.Errorf("%d frames, want at least 20: the recording ran until its palette's first second (30 frames) was written", len(g.Image))
	}
	// The indicator sits in the bottom right corner; nothing else there is red.
	corner := image.Rect(480-130, 360-80, 480, 360)
	if n := countRed(shot, corner); n > 0 {
		t.Errorf("screenshot has %d red pixels where the REC indicator is drawn", n)
	}
	for k, fr := range g.Image {
		if n := countRed(fr, corner.Intersect(fr.Bounds())); n > 0 {
			t.Errorf("GIF frame %d has %d red pixels where the REC indicator is drawn", k, n)
			break
		}
	}
}

// countRed counts strongly red pixels in r.
func countRed(img image.Image, r image.Rectangle) int {
	n := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			cr, cg, cb, ca := img.At(x, y).RGBA()
			if ca > 0x8000 && cr > 0xa000 && cg < 0x6000 && cb < 0x6000 {
				n++
			}
		}
	}
	return n
}

// TestRecordStill: a .png is the last frame: by default the runs' final
// state, the same picture as asking for that many frames, and not the
// start.
func TestRecordStill(t *testing.T) {
	t.Parallel()
	needDisplay(t)
	dir := t.TempDir()
	shot := func(name string, args ...string) []byte {
		t.Helper()
		out := filepath.Join(dir, name)
		code, stderr := runChild(t, append(append(append([]string{}, small...), args...), "-o", out)...)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		b, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	final := shot("final.png", "-steps", "5")
	six := shot("six.png", "-steps", "5", "-frames", "6")
	start := shot("start.png", "-steps", "5", "-frames", "1")
	if !bytes.Equal(final, six) {
		t.Error("the default still differs from frame 6 of 6 (step 5)")
	}
	if bytes.Equal(final, start) {
		t.Error("the final still is the start frame")
	}
}

// TestRecordNothingToShow: a surface with no finite value in its domain is
// bad input for record as for the window: exit 2, one line, nothing written.
func TestRecordNothingToShow(t *testing.T) {
	t.Parallel()
	needDisplay(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "nothing.gif")
	code, stderr := runChild(t, "record", "-expr", "log(-1-x^2-y^2)", "-mesh", "20", "-size", "96x64", "-o", out)
	if want := "descent record: game: the surface has no finite value in the domain\n"; code != 2 || stderr != want {
		t.Errorf("exit %d, stderr %q; want exit 2, %q", code, stderr, want)
	}
	if names := dirNames(t, dir); len(names) != 0 {
		t.Errorf("left behind: %v", names)
	}
}

// privateDisplay starts an X server of the test's own (Xvfb), so that a
// window driven by the test neither sees nor disturbs the windows other
// packages' tests open on the shared display, and returns its DISPLAY.
// Without Xvfb it falls back to the shared display.
func privateDisplay(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("Xvfb"); err != nil {
		t.Logf("Xvfb not found: using the shared display %s", os.Getenv("DISPLAY"))
		return os.Getenv("DISPLAY")
	}
	d, stop, err := xdisplay.Start()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(stop)
	return d
}

// withDisplay returns env with DISPLAY set to display and, for a private
// display, without the shared display's XAUTHORITY (whose cookie the
// private server, started without one, would refuse).
func withDisplay(env []string, display string) []string {
	if display == os.Getenv("DISPLAY") {
		return env
	}
	out := make([]string, 0, len(env)+1)
	for _, kv := range env {
		if !strings.HasPrefix(kv, "DISPLAY=") && !strings.HasPrefix(kv, "XAUTHORITY=") {
			out = append(out, kv)
		}
	}
	return append(out, "DISPLAY="+display)
}

// storyScene is a small scene with a storyboard: a camera move that ends
// at 0.5 s (frame 5 at 10 fps), a pause and a caption later on.
const storyScene = `surface = bowl
mesh = 40
rate = 10
steps = 12
legend = false

[run]
optimizer = gd:lr=0.1
start = -1.5, 1.5

[storyboard]
0s: camera 20, 100, 7 over 0.5
step 7: pause 0.3
step 9: caption "the last steps" for 0.4
`

// decodePNG reads a PNG file.
func decodePNG(t *testing.T, path string) image.Image {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return img
}

// TestRecordStoryboard: a storyboard recording is the same bytes twice;
// it lasts until the storyboard and the runs are done (12 steps, a pause
// of 3 frames, a second's hold); the frame where the camera move ends
// equals, pixel for pixel, a still rendered with -camera at the same step;
// and the flags a storyboard overrides are refused.
func TestRecordStoryboard(t *testing.T) {
	t.Parallel()
	needDisplay(t)
	dir := t.TempDir()
	file := filepath.Join(dir, "story.scene")
	if err := os.WriteFile(file, []byte(storyScene), 0o644); err != nil {
		t.Fatal(err)
	}
	base := []string{"record", "-scene", file, "-size", "160x120", "-fps", "10", "-hud=false"}
	var gifs [2][]byte
	for i := range gifs {
		out := filepath.Join(dir, fmt.Sprintf("story%d.gif", i))
		if code, stderr := runChild(t, append(append([]string{}, base...), "-o", out)...); code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		b, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		gifs[i] = b
	}
	if !bytes.Equal(gifs[0], gifs[1]) {
		t.Fatal("two recordings of the same storyboard differ")
	}
	// 12 steps at 1 a frame, 3 frames held by the pause, then 10 frames
	// (a second) of hold: frames 0..25.
	if g := decodeGIF(t, filepath.Join(dir, "story0.gif")); len(g.Image) != 26 {
		t.Errorf("%d frames, want 26", len(g.Image))
	}
	frames := filepath.Join(dir, "frames") + string(filepath.Separator)
	if code, stderr := runChild(t, append(append([]string{}, base...), "-frames", "6", "-o", frames)...); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	still := filepath.Join(dir, "still.png")
	if code, stderr := runChild(t, "record", "-scene", file, "-no-story", "-camera", "20,100,7", "-size", "160x120", "-fps", "10", "-hud=false", "-frames", "6", "-o", still); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	a, b := decodePNG(t, filepath.Join(dir, "frames", "frame-00006.png")), decodePNG(t, still)
	differ := 0
	for y := a.Bounds().Min.Y; y < a.Bounds().Max.Y; y++ {
		for x := a.Bounds().Min.X; x < a.Bounds().Max.X; x++ {
			if a.At(x, y) != b.At(x, y) {
				differ++
			}
		}
	}
	if differ != 0 || a.Bounds() != b.Bounds() {
		t.Errorf("the frame where the camera move ends differs from the still at -camera 20,100,7 in %d pixels", differ)
	}
	before := decodePNG(t, filepath.Join(dir, "frames", "frame-00005.png"))
	same := true
	for y := a.Bounds().Min.Y; y < a.Bounds().Max.Y && same; y++ {
		for x := a.Bounds().Min.X; x < a.Bounds().Max.X; x++ {
			if a.At(x, y) != before.At(x, y) {
				same = false
				break
			}
		}
	}
	if same {
		t.Error("the frame before the move's end is the same picture: the camera did not move")
	}
	for _, flagArgs := range [][]string{{"-steps-per-frame", "2"}, {"-rotate", "3"}} {
		code, _, stderr := runArgs(append([]string{"record", "-scene", file, "-o", filepath.Join(dir, "x.gif")}, flagArgs...)...)
		if code != 2 || !strings.Contains(stderr, flagArgs[0]+" does not apply to a scene with a storyboard") {
			t.Errorf("%v: exit %d, %q", flagArgs, code, stderr)
		}
	}
}
