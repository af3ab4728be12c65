package main

import (
	"os/exec"
	"syscall"
)

// ownProcessGroup starts cmd in a process group of its own: Ctrl-C in the
// terminal reaches descent alone, which then ends cmd and everything it
// started (the go command's compilers and linker) together, by cancelling
// cmd's context. The kernel also kills cmd if descent dies without doing so.
func ownProcessGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
}
