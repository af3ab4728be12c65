//go:build !js

package main

// The page's program must stay small (at most 6 MB gzip-compressed).
// Dependencies other than Descent and Ebiten are compiled without inlining
// (-gcflags=all=-l): their code is cold in the page, and the compressed
// program is about 0.6 MB smaller (5.27 instead of 5.91 MB). Descent's and
// Ebiten's own packages, which do the per-frame work, keep inlining.

// webBuildArgs are the go build arguments of the page's program.
func webBuildArgs(out string) []string {
	return []string{"build", "-trimpath", "-ldflags=-s -w",
		"-gcflags=all=-l", "-gcflags=descent/...=", "-gcflags=github.com/hajimehoshi/ebiten/v2/...=",
		"-o", out, "./cmd/descent"}
}
