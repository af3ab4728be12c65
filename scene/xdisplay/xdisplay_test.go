package xdisplay

import (
	"os/exec"
	"strings"
	"testing"
)

// TestOwnDisplays: two tests' displays are different servers, each
// answering on its own.
func TestOwnDisplays(t *testing.T) {
	if _, err := exec.LookPath("Xvfb"); err != nil {
		t.Skip("Xvfb not installed (Debian package xvfb)")
	}
	if _, err := exec.LookPath("xdpyinfo"); err != nil {
		t.Skip("xdpyinfo not installed (Debian package x11-utils)")
	}
	a, b := Own(t), Own(t)
	if a == b {
		t.Fatalf("two tests got the same display %s", a)
	}
	for _, d := range []string{a, b} {
		out, err := Run(d, "xdpyinfo")
		if err != nil || !strings.Contains(out, "1280x720") {
			t.Errorf("display %s: %v\n%s", d, err, out)
		}
	}
}
