package record

import (
	"os/exec"
	"syscall"
)

// ownProcessGroup starts cmd in a process group of its own, so that Ctrl-C in
// the terminal reaches only the recording program, which decides whether to
// Abort (and then kills ffmpeg) rather than ffmpeg finishing a file on its own.
// The kernel kills cmd if the recording program dies without cleaning up
// (SIGKILL, a crash), so that ffmpeg never outlives it.
func ownProcessGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
}
