// Package xdisplay gives tests that open windows an X display of their own:
// an Xvfb server started for the test and stopped when it ends, so that no
// other test's window can take the keyboard or the pointer from it. Without
// Xvfb it hands out $DISPLAY; without either the test is skipped with a
// message that says what to install.
package xdisplay

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"
)

// StartTimeout bounds the wait for Xvfb to start; it only stops a server
// that hung.
const StartTimeout = 4 * time.Minute

// stopGrace is how long a stopping Xvfb may take before it is killed.
const stopGrace = 5 * time.Second

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
	d, stop, err := Start()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(stop)
	return d
}

// Start starts Xvfb with one 1280x720 screen on a free display and returns
// the display and a function that stops the server.
func Start() (display string, stop func(), err error) {
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
		return "", nil, fmt.Errorf("xdisplay: Xvfb: %w", err)
	}
	w.Close()
	stop = func() {
		// SIGTERM lets Xvfb remove its lock file and socket.
		_ = cmd.Process.Signal(syscall.SIGTERM)
		done := make(chan struct{})
		go func() { _ = cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(stopGrace):
			_ = cmd.Process.Kill()
			<-done
		}
		r.Close()
	}
	// Xvfb writes its display number and a newline when it is ready (maybe
	// in pieces) and fails if the pipe closes under it: the read end stays
	// open until stop.
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
			return "", nil, fmt.Errorf("xdisplay: Xvfb did not start: %s", xerr.String())
		}
		return ":" + n, stop, nil
	case <-time.After(StartTimeout):
		stop()
		return "", nil, fmt.Errorf("xdisplay: Xvfb hung: not started after %v: %s", StartTimeout, xerr.String())
	}
}

// Run runs a program on display d and returns its combined output.
func Run(d, name string, args ...string) (string, error) {
	cmd := exec.Command(name, args...)
	cmd.Env = append(os.Environ(), "DISPLAY="+d)
	out, err := cmd.CombinedOutput()
	return string(out), err
}
