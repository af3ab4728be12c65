//go:build linux

package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

// TestRecordInterruptedWhileSettingUp: Ctrl-C while a recording is still
// setting up (meshing a long formula at the finest mesh, minutes of work
// that never looks for interrupts) ends it at once: exit status 1, the
// message, the previous file intact and no temporary file. The child has
// a DISPLAY that does not exist: had it gone on to open its window, it
// would have failed with another message.
func TestRecordInterruptedWhileSettingUp(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a recording in a child process; skipped in -short mode")
	}
	dir := t.TempDir()
	out := writeFile(t, dir, "out.gif", "old")
	formula := "sin(x*1)*cos(y+1)"
	for k := 2; len(formula) < 100_000; k++ {
		formula += "+sin(x*" + strconv.Itoa(k) + ")*cos(y+" + strconv.Itoa(k) + ")"
	}
	sceneFile := writeFile(t, t.TempDir(), "slow.scene", "expr = "+formula+"\nmesh = 1000\n[run]\noptimizer = sgd\n")
	c := child(t, "record", "-scene", sceneFile, "-size", "160x120", "-frames", "1", "-o", out)
	c.cmd.Env = append(withDisplay(c.cmd.Env, ":97"), "WAYLAND_DISPLAY=")
	c.start(t)
	// The temporary file appears once the output is created, after the
	// interrupt handler is in place, and before the long setup.
	c.await(t, func() bool {
		names, _ := filepath.Glob(filepath.Join(dir, ".out.gif.tmp-*"))
		return len(names) > 0
	}, "the recording's temporary file")
	if err := c.cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	if code := c.wait(t); code != 1 {
		t.Errorf("exit %d, want 1; stderr: %q", code, c.stderr.String())
	}
	if want := "descent record: interrupted: nothing written to " + out + "\n"; c.stderr.String() != want {
		t.Errorf("stderr %q, want %q", c.stderr.String(), want)
	}
	if names := dirNames(t, dir); len(names) != 1 || names[0] != "out.gif" {
		t.Errorf("directory holds %v, want out.gif only", names)
	}
	if b, _ := os.ReadFile(out); string(b) != "old" {
		t.Errorf("the previous file now holds %q", b)
	}
}

// TestWebInterrupted: Ctrl-C while the page is being built kills the go
// command and what it started (here a fake go whose build starts a child
// that sleeps), removes the go command's temporary folder and leaves no
// output folder: exit status 1 and the message.
func TestWebInterrupted(t *testing.T) {
	if testing.Short() {
		t.Skip("runs descent web in a child process; skipped in -short mode")
	}
	realGo, err := exec.LookPath("go")
	if err != nil {
		t.Skip("the go command is not on PATH")
	}
	state, bin := t.TempDir(), t.TempDir()
	script := `#!/bin/sh
if [ "$1" = build ]; then
	echo "$GOTMPDIR" > ` + state + `/gotmpdir
	mkdir -p "$GOTMPDIR/go-build-fake" && echo work > "$GOTMPDIR/go-build-fake/a.o"
	sleep 1000 &
	echo $! > ` + state + `/child.pid
	echo $$ > ` + state + `/go.pid
	wait
	exit 0
fi
exec ` + realGo + ` "$@"
`
	if err := os.WriteFile(filepath.Join(bin, "go"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "page")
	c := child(t, "web", "-o", out)
	c.cmd.Env = append(c.cmd.Env, "PATH="+bin+":"+os.Getenv("PATH"))
	c.start(t)
	c.await(t, func() bool {
		_, err := os.Stat(filepath.Join(state, "go.pid"))
		return err == nil
	}, "the build to start")
	pid := func(name string) int {
		b, err := os.ReadFile(filepath.Join(state, name))
		if err != nil {
			t.Fatal(err)
		}
		n, err := strconv.Atoi(strings.TrimSpace(string(b)))
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	goPID, sleepPID := pid("go.pid"), pid("child.pid")
	b, err := os.ReadFile(filepath.Join(state, "gotmpdir"))
	if err != nil {
		t.Fatal(err)
	}
	gotmp := strings.TrimSpace(string(b))
	if !running(goPID) || !running(sleepPID) {
		t.Fatalf("the fake build is not running (go %d, its child %d)", goPID, sleepPID)
	}
	if err := c.cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	if code := c.wait(t); code != 1 {
		t.Errorf("exit %d, want 1; stderr: %q", code, c.stderr.String())
	}
	if want := "descent web: interrupted: the page was not built in " + out + "\n"; c.stderr.String() != want {
		t.Errorf("stderr %q, want %q", c.stderr.String(), want)
	}
	waitFor(t, hangTimeout, func() bool { return !running(goPID) && !running(sleepPID) }, "the build's processes to end")
	if _, err := os.Stat(filepath.Dir(gotmp)); !os.IsNotExist(err) {
		t.Errorf("the build's temporary folder %s is still there (%v)", filepath.Dir(gotmp), err)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("the output folder %s was left behind (%v)", out, err)
	}
}

// TestTraceJSONMemoryCeiling: a JSON trace of 3,000,000 steps runs in a
// child process whose peak memory (the kernel's high-water mark of its
// resident set) stays under 100 MB: the document is streamed, not held (it
// took about 900 MB when held).
func TestTraceJSONMemoryCeiling(t *testing.T) {
	if testing.Short() {
		t.Skip("a long trace in a child process; skipped in -short mode")
	}
	peakFile := filepath.Join(t.TempDir(), "peak")
	c := child(t, "trace", "-surface", "rosenbrock", "-optimizer", "adam:lr=0.01", "-steps", "3000000", "-format", "json")
	c.cmd.Env = append(c.cmd.Env, childPeakEnv+"="+peakFile)
	c.start(t)
	if code := c.wait(t); code != 0 {
		t.Fatalf("exit %d: %s", code, c.stderr.String())
	}
	b, err := os.ReadFile(peakFile)
	if err != nil {
		t.Fatal(err)
	}
	kb, err := strconv.Atoi(strings.TrimSuffix(string(b), " kB"))
	if err != nil {
		t.Fatalf("peak memory %q: %v", b, err)
	}
	if kb > 100<<10 {
		t.Errorf("peak memory %d MB, want under 100 MB", kb>>10)
	} else {
		t.Logf("peak memory %.1f MB", float64(kb)/1024)
	}
}

// running reports whether process pid exists and is not a zombie.
func running(pid int) bool {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return false
	}
	// The state follows the command name in parentheses: "pid (comm) S ...".
	s := string(b)
	i := strings.LastIndexByte(s, ')')
	return i < 0 || i+2 >= len(s) || s[i+2] != 'Z'
}
