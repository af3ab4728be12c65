// Package xdisplay gives tests that open windows an X display of their own:
// an Xvfb server started for the test and stopped when it ends, so that no
// other test's window can take the keyboard or the pointer from it. Without
// Xvfb it hands out $DISPLAY; without either the test is skipped with a
// message that says what to install.
package xdisplay

import (
	"bytes"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"
)

// StartTimeout bounds the wait for Xvfb to start; it only stops a server
// that hung.
const StartTimeout = 2 * time.Minute

// Own returns an X display for t's windows: an Xvfb of t's own with one
// 1280x720 screen (stopped when t ends), or $DISPLAY when Xvfb is not
// installed. It skips t in -short mode and when there is no display.
func Own(t testing.TB) string {
	t.Helper()
	if testing.Short() {
		t.Skip("opens a window; skipped in -short mode")
	}
	if _, err := exec.LookPath("Xvfb"); err != nil {
		d := os.Getenv("DISPLAY")
		if d == "" {
			t.Skip("no display: install Xvfb (Debian package xvfb) or run under xvfb-run")
		}
		return d
	}
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("Xvfb", "-displayfd", "3", "-screen", "0", "1280x720x24", "-nolisten", "tcp")
	cmd.ExtraFiles = []*os.File{w}
	var xerr bytes.Buffer
	cmd.Stderr = &xerr
	if err := cmd.Start(); err != nil {
		t.Fatalf("xdisplay: Xvfb: %v", err)
	}
	w.Close()
	t.Cleanup(func() {
		// SIGTERM lets Xvfb remove its lock file and socket.
		_ = cmd.Process.Signal(syscall.SIGTERM)
		_ = cmd.Wait()
		r.Close()
	})
	// Xvfb writes its display number and a newline when it is ready.
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
			t.Fatalf("xdisplay: Xvfb did not start: %s", xerr.String())
		}
		return ":" + n
	case <-time.After(StartTimeout):
		t.Fatalf("xdisplay: Xvfb hung while starting: %s", xerr.String())
	}
	return ""
}

// Run runs a program on display d and returns its combined output.
func Run(d, name string, args ...string) (string, error) {
	cmd := exec.Command(name, args...)
	cmd.Env = append(os.Environ(), "DISPLAY="+d)
	out, err := cmd.CombinedOutput()
	return string(out), err
}
