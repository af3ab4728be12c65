//go:build !js

package main

// The page's program must stay small: at most 4.5 MB gzip-compressed
// (TestWebPageSize). What it weighed and what was cut (descent.wasm.gz, gzip
// -9; measured with a per-package breakdown of the wasm's code section):
//
//	5.54 MB  before: go-text's shaping engine (HarfBuzz port, OpenType
//	         tables) behind Ebiten's GoTextFace, gonum's BLAS and LAPACK
//	         (pulled in whole by mat, through least squares, BFGS and
//	         optimize/functions), Ebiten's own Kage compiler (go/parser,
//	         go/types' relatives: needed at run time)
//	4.76 MB  without gonum in the page (scene/surface: the classic test
//	         functions copied bit for bit, plain least squares and BFGS
//	         under js; the desktop keeps gonum's)
//	4.03 MB  text drawn with x/image's OpenType rasterizer (GoXFace) in
//	         the page (scene/plot/fonts_js.go)
//
// Dependencies other than Descent and Ebiten are also compiled without
// inlining (-gcflags=all=-l): their code is cold in the page, and the
// compressed program is about 0.6 MB smaller. Descent's and Ebiten's own
// packages, which do the per-frame work, keep inlining (without it, 0.1 MB
// less). -trimpath and -ldflags=-s -w drop file paths, the symbol table and
// DWARF.

// webBuildArgs are the go build arguments of the page's program.
func webBuildArgs(out string) []string {
	return []string{"build", "-trimpath", "-ldflags=-s -w",
		"-gcflags=all=-l", "-gcflags=descent/...=", "-gcflags=github.com/hajimehoshi/ebiten/v2/...=",
		"-o", out, "./cmd/descent"}
}
