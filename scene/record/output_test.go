package record

import (
	"errors"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// hangTimeout bounds the waits on a process or a goroutine: it only stops a
// test that hung, and is never a measure of speed.
const hangTimeout = 2 * time.Minute

// TestCheckOutput: a symbolic link, a read-only file, a directory, a file
// that is not a regular one and a missing directory are refused with the
// reason, by CheckOutput and by Create (which leaves them as they were); a
// writable file and a new name are accepted.
func TestCheckOutput(t *testing.T) {
	dir := t.TempDir()
	target := join(dir, "target.gif")
	if err := os.WriteFile(target, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	link := join(dir, "link.gif")
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	readOnly := join(dir, "read-only.png")
	if err := os.WriteFile(readOnly, []byte("old"), 0o444); err != nil {
		t.Fatal(err)
	}
	taken := join(dir, "taken.gif")
	if err := os.Mkdir(taken, 0o755); err != nil {
		t.Fatal(err)
	}
	linkedDir := join(dir, "linked-frames")
	if err := os.Symlink(t.TempDir(), linkedDir); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, path, want string
	}{
		{"symbolic link", link, "record: cannot write " + link + ": it is a symbolic link (to " + target + ")"},
		{"read-only file", readOnly, "record: cannot write " + readOnly + ": the file is read-only (mode -r--r--r--)"},
		{"directory", taken, "record: cannot write " + taken + ": it is a directory"},
		{"frames into a link", linkedDir, "record: cannot write frames to " + linkedDir + ": it is a symbolic link"},
		{"frames into a file", target + "/", "record: cannot write frames to " + target + "/: it is a file, not a directory"},
		{"missing directory", join(dir, "nope", "x.gif"), "record: cannot write " + join(dir, "nope", "x.gif") + ": directory " + join(dir, "nope") + " does not exist"},
		{"under a file", join(target, "x.gif"), "is not a directory"},
	}
	if _, err := os.Stat("/dev/null"); err == nil {
		tests = append(tests, struct{ name, path, want string }{"device", "/dev/null", "record: cannot write /dev/null: it is not a regular file"})
	}
	for _, tc := range tests {
		if err := CheckOutput(tc.path); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: CheckOutput error %v, want %q", tc.name, err, tc.want)
		}
	}
	for _, path := range []string{link, readOnly, linkedDir + "/"} {
		w, err := Create(path, Options{})
		if err == nil {
			w.Abort()
			t.Errorf("Create(%s) succeeded", path)
		} else if !strings.Contains(err.Error(), "symbolic link") && !strings.Contains(err.Error(), "read-only") {
			t.Errorf("Create(%s): %v", path, err)
		}
	}
	if b, err := os.ReadFile(target); err != nil || string(b) != "old" {
		t.Errorf("the link's target now holds %q (%v)", b, err)
	}
	for _, ok := range []string{target, join(dir, "new.gif")} {
		if err := CheckOutput(ok); err != nil {
			t.Errorf("CheckOutput(%s): %v", ok, err)
		}
	}
}

// TestCreateBounds: a frame count past MaxFrames and a loop count past
// MaxLoop are refused; MaxPaletteFrames is what fits in the GIF's buffer.
func TestCreateBounds(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		opts Options
		want string
	}{
		{Options{Frames: MaxFrames + 1}, "record: invalid frame count 100001 (at most 100000)"},
		{Options{Loop: MaxLoop + 1}, "record: invalid loop count 65537 (0 loops forever, at most 65536)"},
		{Options{FPS: 0.001}, "record: a GIF plays at least 0.0015 fps, a frame every 655.35 s (got 0.001)"},
	} {
		if _, err := Create(join(dir, "x.gif"), tc.opts); err == nil || err.Error() != tc.want {
			t.Errorf("%+v: error %v, want %q", tc.opts, err, tc.want)
		}
	}
	for _, tc := range []struct{ w, h, want int }{{800, 600, 139}, {8192, 8192, 1}, {16, 16, 262144}, {0, 0, 67108864}} {
		if got := MaxPaletteFrames(tc.w, tc.h); got != tc.want {
			t.Errorf("MaxPaletteFrames(%d, %d) = %d, want %d", tc.w, tc.h, got, tc.want)
		}
	}
	if names := dirNames(t, dir); len(names) != 0 {
		t.Errorf("left behind: %v", names)
	}
}

// TestInterruptBeforeAndAfterCommit: after interrupt, commit fails and the
// destination keeps its old contents; after commit, interrupt leaves the
// new file in place.
func TestInterruptBeforeAndAfterCommit(t *testing.T) {
	dir := t.TempDir()
	dest := join(dir, "out.png")
	if err := os.WriteFile(dest, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	tf, err := createTemp(dest)
	if err != nil {
		t.Fatal(err)
	}
	tf.WriteString("new")
	tf.interrupt()
	if err := tf.commit(); !errors.Is(err, errAborted) {
		t.Errorf("commit after interrupt: %v, want %v", err, errAborted)
	}
	if b, _ := os.ReadFile(dest); string(b) != "old" {
		t.Errorf("destination holds %q after an interrupted commit", b)
	}
	if names := dirNames(t, dir); len(names) != 1 {
		t.Errorf("directory holds %v, want out.png only", names)
	}
	tf, err = createTemp(dest)
	if err != nil {
		t.Fatal(err)
	}
	tf.WriteString("new")
	if err := tf.commit(); err != nil {
		t.Fatal(err)
	}
	tf.interrupt()
	if b, _ := os.ReadFile(dest); string(b) != "new" {
		t.Errorf("destination holds %q after interrupt following commit", b)
	}
}

// fakeFFmpeg puts an ffmpeg on PATH that writes its process id to pidFile,
// reads its input to the end, creates the file doneFile and then hangs, as
// a slow encoder finishing a long video would.
func fakeFFmpeg(t *testing.T, pidFile, doneFile string) {
	t.Helper()
	if _, err := exec.LookPath("sh"); err != nil {
		t.Skip("no sh to run the fake ffmpeg")
	}
	bin := t.TempDir()
	script := "#!/bin/sh\necho $$ > " + pidFile + "\ncat >/dev/null\n: > " + doneFile + "\nexec sleep 1000\n"
	if err := os.WriteFile(join(bin, "ffmpeg"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", bin+":"+os.Getenv("PATH"))
}

// TestAbortWhileClosing: Abort from another goroutine while Close waits for
// ffmpeg to finish returns at once, kills ffmpeg, and Close then fails,
// leaving the old file in place and no temporary file. (Abort used to wait
// for Close, that is for ffmpeg.)
func TestAbortWhileClosing(t *testing.T) {
	state := t.TempDir()
	pidFile, doneFile := join(state, "pid"), join(state, "done")
	fakeFFmpeg(t, pidFile, doneFile)
	dir := t.TempDir()
	dest := join(dir, "out.mp4")
	if err := os.WriteFile(dest, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	w, err := Create(dest, Options{Width: 32, Height: 32})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 3 {
		if err := w.WriteFrame(testFrame(32, 32, i)); err != nil {
			t.Fatal(err)
		}
	}
	closed := make(chan error, 1)
	go func() { closed <- w.Close() }()
	waitUntil(t, func() bool { _, err := os.Stat(doneFile); return err == nil }, "ffmpeg to read every frame (Close is then waiting for it)")
	aborted := make(chan struct{})
	go func() { w.Abort(); close(aborted) }()
	select {
	case <-aborted:
	case <-time.After(hangTimeout):
		t.Fatal("Abort waited for Close")
	}
	select {
	case err := <-closed:
		if err == nil {
			t.Error("Close succeeded after Abort")
		}
	case <-time.After(hangTimeout):
		t.Fatal("Close still waits for ffmpeg after Abort")
	}
	if b, _ := os.ReadFile(dest); string(b) != "old" {
		t.Errorf("destination holds %q", b)
	}
	if names := dirNames(t, dir); len(names) != 1 {
		t.Errorf("directory holds %v, want out.mp4 only", names)
	}
}

// waitUntil polls cond every 10 ms; hangTimeout only stops a hung test.
func waitUntil(t *testing.T, cond func() bool, what string) {
	t.Helper()
	deadline := time.Now().Add(hangTimeout)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("gave up waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}
