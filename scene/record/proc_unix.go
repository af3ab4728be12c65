//go:build unix && !linux

package record

import (
	"os/exec"
	"syscall"
)

// ownProcessGroup starts cmd in a process group of its own, so that Ctrl-C in
// the terminal reaches only the recording program, which decides whether to
// Abort (and then kills ffmpeg) rather than ffmpeg finishing a file on its own.
func ownProcessGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
}
