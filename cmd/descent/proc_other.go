//go:build !unix && !js

package main

import "os/exec"

// ownProcessGroup leaves cmd as it is where process groups are not
// available: cancelling its context kills cmd alone.
func ownProcessGroup(cmd *exec.Cmd) {}
