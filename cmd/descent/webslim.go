//go:build !js

package main

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// The page's program must stay small (at most 6 MB gzip-compressed). Two
// build settings keep it there:
//
//   - The control panel's UI library draws with hajimehoshi/bitmapfont, which
//     embeds six 12 px glyph sets (Japanese, simplified and traditional
//     Chinese, each also East-Asian-wide: 2.7 MB of already compressed data)
//     of which the panel uses only the Japanese one (bitmapfont.Face). The
//     web build replaces the module with a copy that embeds that one set
//     and serves it for every face (-modfile with a replace directive; the
//     project's go.mod is untouched). This saves 2.2 MB.
//   - Dependencies other than Descent and Ebiten are compiled without
//     inlining (-gcflags=all=-l): their code is cold in the page, and their
//     compressed size drops by about 0.7 MB. Descent's and Ebiten's own
//     packages, which do the per-frame work, keep inlining.

// bitmapfontModule is the module the slim build replaces.
const bitmapfontModule = "github.com/hajimehoshi/bitmapfont/v4"

// slimBitmapfont returns a -modfile argument that replaces bitmapfont with
// a copy embedding only its Japanese face, written under tmp, or "" and
// the reason when the module is not used or its files do not look as
// expected (the build then goes ahead without it).
func slimBitmapfont(root, tmp string) (string, string) {
	cmd := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", bitmapfontModule)
	cmd.Dir = root
	out, err := cmd.Output()
	dir := strings.TrimSpace(string(out))
	if err != nil || dir == "" {
		return "", bitmapfontModule + " is not a dependency"
	}
	src, err := os.ReadFile(filepath.Join(dir, "lazyface.go"))
	if err != nil {
		return "", err.Error()
	}
	const (
		embedAll  = "//go:embed data/*.bin"
		embedOne  = "//go:embed data/face_ja.bin"
		openAny   = "data.Open(f.binFile)"
		openOne   = `data.Open("data/face_ja.bin")`
		keptGlyph = "face_ja.bin"
	)
	if bytes.Count(src, []byte(embedAll)) != 1 || bytes.Count(src, []byte(openAny)) != 1 {
		return "", "lazyface.go of " + dir + " changed: not slimmed"
	}
	src = bytes.Replace(src, []byte(embedAll), []byte(embedOne), 1)
	src = bytes.Replace(src, []byte(openAny), []byte(openOne), 1)

	mod := filepath.Join(tmp, "bitmapfont")
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if d.IsDir() {
			if strings.HasPrefix(d.Name(), "_") || d.Name() == "example" {
				return filepath.SkipDir
			}
			return os.MkdirAll(filepath.Join(mod, rel), 0o755)
		}
		if strings.HasSuffix(p, ".bin") && d.Name() != keptGlyph || strings.HasSuffix(p, "_test.go") {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if rel == "lazyface.go" {
			b = src
		}
		return os.WriteFile(filepath.Join(mod, rel), b, 0o644)
	})
	if err != nil {
		return "", err.Error()
	}
	gomod, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		return "", err.Error()
	}
	gomod = append(gomod, fmt.Sprintf("\nreplace %s => %s\n", bitmapfontModule, mod)...)
	modfile := filepath.Join(tmp, "web.mod")
	if err := os.WriteFile(modfile, gomod, 0o644); err != nil {
		return "", err.Error()
	}
	// -modfile=web.mod reads and writes web.sum beside it.
	sum, err := os.ReadFile(filepath.Join(root, "go.sum"))
	if err == nil {
		err = os.WriteFile(filepath.Join(tmp, "web.sum"), sum, 0o644)
	}
	if err != nil {
		return "", err.Error()
	}
	return "-modfile=" + modfile, ""
}

// webBuildArgs are the go build arguments of the page's program.
func webBuildArgs(modfile, out string) []string {
	args := []string{"build", "-trimpath", "-ldflags=-s -w",
		"-gcflags=all=-l", "-gcflags=descent/...=", "-gcflags=github.com/hajimehoshi/ebiten/v2/...="}
	if modfile != "" {
		args = append(args, modfile)
	}
	return append(args, "-o", out, "./cmd/descent")
}
