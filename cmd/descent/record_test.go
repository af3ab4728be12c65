//go:build !js

package main

import (
	"bytes"
	"encoding/json"
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
)

// childArgsEnv carries a command line to a child process running the test
// binary as the descent program: Ebiten runs one game per process, from the
// main goroutine, so recordings run in children.
const childArgsEnv = "DESCENT_TEST_CHILD_ARGS"

func TestMain(m *testing.M) {
	if js := os.Getenv(childArgsEnv); js != "" {
		var args []string
		if err := json.Unmarshal([]byte(js), &args); err != nil {
			os.Stderr.WriteString("bad " + childArgsEnv + ": " + err.Error() + "\n")
			os.Exit(3)
		}
		os.Exit(run(args, os.Stdout, os.Stderr))
	}
	code := m.Run()
	if recordX.stop != nil {
		recordX.stop()
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

// child returns a command that runs descent with args in a child process.
func child(t *testing.T, args ...string) *exec.Cmd {
	t.Helper()
	b, err := json.Marshal(args)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(os.Args[0])
	// Wait must return even if something the child started still holds its
	// stderr: a stuck child then fails the test instead of hanging CI.
	cmd.WaitDelay = 10 * time.Second
	cmd.Env = append(os.Environ(), childArgsEnv+"="+string(b))
	if recordX.display != "" {
		cmd.Env = withDisplay(cmd.Env, recordX.display)
	}
	return cmd
}

// runChild runs descent with args in a child process and returns its exit
// status and stderr.
func runChild(t *testing.T, args ...string) (int, string) {
	t.Helper()
	cmd := child(t, args...)
	var errOut bytes.Buffer
	cmd.Stderr = &errOut
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return code, errOut.String()
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
		d, stop, err := startXvfb()
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
	needDisplay(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "long.gif")
	cmd := child(t, "record", "-scene", "bowl-turntable", "-mesh", "100", "-size", "320x240", "-frames", "100000", "-o", out)
	var errOut bytes.Buffer
	cmd.Stderr = &errOut
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Wait until the temporary output exists: frames are being written.
	deadline := time.Now().Add(20 * time.Second)
	for len(dirNames(t, dir)) == 0 && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	time.Sleep(1500 * time.Millisecond)
	if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	waited := make(chan error, 1)
	go func() { waited <- cmd.Wait() }()
	var err error
	select {
	case err = <-waited:
	case <-time.After(30 * time.Second):
		cmd.Process.Kill()
		<-waited
		t.Fatal("the recording did not stop within 30 s of Ctrl-C")
	}
	if err == nil {
		t.Fatal("interrupted recording exited 0")
	}
	if names := dirNames(t, dir); len(names) != 0 {
		t.Errorf("left behind: %v", names)
	}
	if !strings.Contains(errOut.String(), "interrupted") {
		t.Errorf("stderr does not say it was interrupted: %q", errOut.String())
	}
}

// TestRecordBadUsage: bad flags and unwritable outputs exit 2 with exactly
// one line on stderr naming the problem, before anything is rendered (so
// no display is needed) and without leaving files behind.
func TestRecordBadUsage(t *testing.T) {
	dir := t.TempDir()
	ok := filepath.Join(dir, "ok.gif")
	isDir := filepath.Join(t.TempDir(), "d.gif")
	if err := os.Mkdir(isDir, 0o755); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"no output", []string{"-scene", "bowl-turntable"}, "-o"},
		{"unknown extension", []string{"-o", filepath.Join(dir, "x.avi")}, ".avi"},
		{"missing directory", []string{"-o", filepath.Join(dir, "nope", "x.gif")}, "does not exist"},
		{"output is a directory", []string{"-o", isDir}, "directory"},
		{"bad size", []string{"-o", ok, "-size", "800by600"}, "800by600"},
		{"tiny size", []string{"-o", ok, "-size", "8x8"}, "8x8"},
		{"negative frames", []string{"-o", ok, "-frames", "-1"}, "-frames"},
		{"zero steps per frame", []string{"-o", ok, "-steps-per-frame", "0"}, "-steps-per-frame"},
		{"bad fps", []string{"-o", ok, "-fps", "-3"}, "-fps"},
		{"gif too fast", []string{"-o", ok, "-fps", "60"}, "50 fps"},
		{"odd mp4 size", []string{"-o", filepath.Join(dir, "x.mp4"), "-size", "801x600"}, "even"},
		{"unknown view", []string{"-o", ok, "-view", "4d"}, `"4d"`},
		{"unknown layout", []string{"-o", ok, "-layout", "grid"}, `"grid"`},
		{"bad camera", []string{"-o", ok, "-camera", "30"}, "-camera"},
		{"bad rotate", []string{"-o", ok, "-rotate", "x"}, "-rotate"},
		{"huge rotate", []string{"-o", ok, "-rotate", "1000"}, "-rotate"},
		{"unknown scene", []string{"-o", ok, "-scene", "bowl-turntabel"}, "bowl-turntabel"},
		{"unknown optimizer", []string{"-o", ok, "-optimizer", "adma"}, "adma"},
		{"unknown flag", []string{"-o", ok, "-colour", "red"}, "-colour"},
		{"stray argument", []string{"-o", ok, "extra"}, "extra"},
		{"bad loop", []string{"-o", ok, "-loop", "-2"}, "-loop"},
		{"bad palette frames", []string{"-o", ok, "-palette-frames", "-5"}, "-palette-frames"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := runArgs(append([]string{"record"}, tc.args...)...)
			if code != 2 {
				t.Fatalf("exit %d, want 2 (stderr %q)", code, stderr)
			}
			if stdout != "" {
				t.Errorf("stdout %q, want nothing", stdout)
			}
			lines := strings.Split(strings.TrimRight(stderr, "\n"), "\n")
			if len(lines) != 1 || !strings.HasPrefix(stderr, "descent record: ") {
				t.Errorf("stderr is not one 'descent record:' line: %q", stderr)
			}
			if !strings.Contains(stderr, tc.want) {
				t.Errorf("stderr %q does not name %q", stderr, tc.want)
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
// leaves no temporary file.
func TestWindowCaptureKeys(t *testing.T) {
	needDisplay(t)
	xdotool, err := exec.LookPath("xdotool")
	if err != nil {
		t.Skip("xdotool not found: install it to drive the window")
	}
	display := privateDisplay(t)
	dir := t.TempDir()
	cmd := child(t, "-scene", "bowl-turntable", "-mesh", "60", "-size", "480x360")
	cmd.Dir = dir
	cmd.Env = withDisplay(cmd.Env, display)
	var errOut bytes.Buffer
	cmd.Stderr = &errOut
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	defer func() {
		if cmd.ProcessState == nil {
			cmd.Process.Kill()
			<-done
		}
	}()
	var wid string
	for deadline := time.Now().Add(20 * time.Second); wid == "" && time.Now().Before(deadline); {
		search := exec.Command(xdotool, "search", "--onlyvisible", "--pid", strconv.Itoa(cmd.Process.Pid))
		search.Env = withDisplay(os.Environ(), display)
		out, _ := search.Output()
		if f := strings.Fields(string(out)); len(f) > 0 {
			wid = f[len(f)-1]
		} else {
			time.Sleep(100 * time.Millisecond)
		}
	}
	if wid == "" {
		t.Fatalf("no window appeared; stderr: %s", errOut.String())
	}
	// Keys go through XTEST to the focused window (XSendEvent to a window,
	// xdotool key --window, is unreliable under Xvfb).
	key := func(k string) {
		t.Helper()
		press := exec.Command(xdotool, "windowfocus", "--sync", wid, "key", k)
		press.Env = withDisplay(os.Environ(), display)
		if out, err := press.CombinedOutput(); err != nil {
			t.Fatalf("xdotool key %s: %v %s", k, err, out)
		}
	}
	time.Sleep(time.Second)
	key("F12")
	time.Sleep(500 * time.Millisecond)
	key("F9")
	time.Sleep(1500 * time.Millisecond)
	key("F9")
	time.Sleep(1500 * time.Millisecond)
	key("Escape")
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("window exited with %v: %s", err, errOut.String())
		}
	case <-time.After(20 * time.Second):
		t.Fatal("window did not quit on Escape")
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
		t.Errorf("%d frames in 1.5 s of recording at 30 fps, want at least 20", len(g.Image))
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
	d, stop, err := startXvfb()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(stop)
	return d
}

// startXvfb starts Xvfb on a free display and returns its DISPLAY and a
// function that stops it.
func startXvfb() (string, func(), error) {
	r, w, err := os.Pipe()
	if err != nil {
		return "", nil, err
	}
	cmd := exec.Command("Xvfb", "-displayfd", "3", "-screen", "0", "1280x720x24", "-nolisten", "tcp")
	cmd.ExtraFiles = []*os.File{w}
	var xerr bytes.Buffer
	cmd.Stderr = &xerr
	if err := cmd.Start(); err != nil {
		r.Close()
		w.Close()
		return "", nil, err
	}
	w.Close()
	stop := func() {
		// SIGTERM lets Xvfb remove its lock file and socket.
		cmd.Process.Signal(syscall.SIGTERM)
		done := make(chan struct{})
		go func() { cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			cmd.Process.Kill()
			<-done
		}
		r.Close()
	}
	// Xvfb writes "N\n" when it is ready (maybe in pieces) and fails if
	// the pipe closes under it: the read end stays open until stop.
	got := make(chan string, 1)
	go func() {
		var line []byte
		b := make([]byte, 16)
		for !bytes.Contains(line, []byte("\n")) {
			n, err := r.Read(b)
			line = append(line, b[:n]...)
			if err != nil {
				break
			}
		}
		got <- strings.TrimSpace(string(line))
	}()
	select {
	case n := <-got:
		if n == "" {
			stop()
			return "", nil, fmt.Errorf("Xvfb did not start: %s", xerr.String())
		}
		return ":" + n, stop, nil
	case <-time.After(10 * time.Second):
		stop()
		return "", nil, fmt.Errorf("Xvfb did not start within 10 s: %s", xerr.String())
	}
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
