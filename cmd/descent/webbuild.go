//go:build !js

package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/andybalholm/brotli"

	"descent/assets"
)

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
//	4.30 MB  with the features added since (among them the basins view
//	         and swarms)
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

// wasmSize is the size of the built .wasm, raw and compressed.
type wasmSize struct{ raw, gzip, brotli int64 }

// buildWebPage cross-compiles the program for js/wasm and puts it into dir
// with wasm_exec.js and the page template. Everything is made in a
// temporary folder first, where the go command also keeps its own
// temporary files, and moved into dir only at the end: when ctx is done
// before then, the go command and its compilers are killed together (a
// process group of their own), the folder is removed, and dir is left as
// it was.
func buildWebPage(ctx context.Context, dir string, stderr io.Writer) (wasmSize, error) {
	var size wasmSize
	root, err := moduleRoot(ctx)
	if err != nil {
		return size, err
	}
	work, err := os.MkdirTemp("", "descent-web-*")
	if err != nil {
		return size, err
	}
	defer os.RemoveAll(work)
	gotmp := filepath.Join(work, "go")
	if err := os.Mkdir(gotmp, 0o755); err != nil {
		return size, err
	}
	page := filepath.Join(work, "page")
	if err := os.Mkdir(page, 0o755); err != nil {
		return size, err
	}
	cmd := exec.CommandContext(ctx, "go", webBuildArgs(filepath.Join(page, "descent.wasm"))...)
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm", "GOTMPDIR="+gotmp)
	ownProcessGroup(cmd)
	cmd.WaitDelay = 5 * time.Second
	var msg bytes.Buffer
	cmd.Stdout, cmd.Stderr = &msg, &msg
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return size, ctx.Err()
		}
		return size, fmt.Errorf("go build for js/wasm failed: %v\n%s", err, strings.TrimSpace(msg.String()))
	}
	goroot, err := goEnv(ctx, root, "GOROOT")
	if err != nil {
		return size, err
	}
	var glue []byte
	for _, p := range []string{"lib/wasm/wasm_exec.js", "misc/wasm/wasm_exec.js"} {
		if glue, err = os.ReadFile(filepath.Join(goroot, p)); err == nil {
			break
		}
	}
	if err != nil {
		return size, fmt.Errorf("wasm_exec.js not found in %s: %v", goroot, err)
	}
	if err := os.WriteFile(filepath.Join(page, "wasm_exec.js"), glue, 0o644); err != nil {
		return size, err
	}
	if size, err = compressWasm(filepath.Join(page, "descent.wasm")); err != nil {
		return size, err
	}
	// The pages learn the program's sizes (their progress bar's total).
	sizes := fmt.Sprintf(`<meta name="descent-wasm" content="raw=%d gz=%d">`, size.raw, size.gzip)
	err = fs.WalkDir(assets.Web, "web", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := assets.Web.ReadFile(p)
		if err != nil {
			return err
		}
		if strings.HasSuffix(p, ".html") {
			b = bytes.Replace(b, []byte(`<meta name="descent-wasm" content="raw=0 gz=0">`), []byte(sizes), 1)
		}
		return os.WriteFile(filepath.Join(page, strings.TrimPrefix(p, "web/")), b, 0o644)
	})
	if err != nil {
		return size, err
	}
	if err := ctx.Err(); err != nil {
		return size, err
	}
	// The page is made: put it in place (a moment's work, not interrupted).
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return size, fmt.Errorf("cannot create %s: %v", dir, err)
	}
	for _, f := range pageFiles() {
		if err := moveFile(filepath.Join(page, f), filepath.Join(dir, f)); err != nil {
			return size, fmt.Errorf("cannot write %s: %v", filepath.Join(dir, f), err)
		}
	}
	return size, nil
}

// moveFile renames src to dst, or copies it (through a temporary file
// beside dst, renamed into place) when they are on different file systems.
func moveFile(src, dst string) error {
	if os.Rename(src, dst) == nil {
		return nil
	}
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.CreateTemp(filepath.Dir(dst), "."+filepath.Base(dst)+".tmp-*")
	if err != nil {
		return err
	}
	_, err = io.Copy(out, in)
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(out.Name(), 0o644)
	}
	if err == nil {
		err = os.Rename(out.Name(), dst)
	}
	if err != nil {
		os.Remove(out.Name())
	}
	return err
}

// compressWasm writes path.gz (gzip, best compression) and path.br (brotli)
// beside the program, each through a temporary file, and returns the sizes.
func compressWasm(path string) (wasmSize, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return wasmSize{}, err
	}
	size := wasmSize{raw: int64(len(b))}
	write := func(ext string, compress func(io.Writer) (io.WriteCloser, error)) (int64, error) {
		var out bytes.Buffer
		zw, err := compress(&out)
		if err != nil {
			return 0, err
		}
		if _, err := zw.Write(b); err != nil {
			return 0, err
		}
		if err := zw.Close(); err != nil {
			return 0, err
		}
		tmp := path + ext + ".tmp"
		if err := os.WriteFile(tmp, out.Bytes(), 0o644); err != nil {
			return 0, err
		}
		return int64(out.Len()), os.Rename(tmp, path+ext)
	}
	errs := make(chan error, 2)
	go func() {
		var err error
		size.brotli, err = write(".br", func(w io.Writer) (io.WriteCloser, error) {
			return brotli.NewWriterLevel(w, brotliLevel), nil
		})
		errs <- err
	}()
	go func() {
		var err error
		size.gzip, err = write(".gz", func(w io.Writer) (io.WriteCloser, error) {
			return gzip.NewWriterLevel(w, gzip.BestCompression)
		})
		errs <- err
	}()
	return size, errors.Join(<-errs, <-errs)
}

// brotliLevel is the brotli quality of descent.wasm.br: the highest levels
// take minutes for the program's 20 MB and gain little over this.
const brotliLevel = 9

// moduleRoot finds the Descent source tree the go command works in.
func moduleRoot(ctx context.Context) (string, error) {
	if _, err := exec.LookPath("go"); err != nil {
		return "", errors.New("the go command is not on PATH (building the page needs the Go toolchain)")
	}
	mod, err := goEnv(ctx, "", "GOMOD")
	if err != nil {
		return "", err
	}
	if mod == "" || mod == os.DevNull {
		return "", errors.New("not inside the Descent source tree (run it from there: go run ./cmd/descent web -o dist/)")
	}
	root := filepath.Dir(mod)
	if _, err := os.Stat(filepath.Join(root, "cmd", "descent")); err != nil {
		return "", fmt.Errorf("%s is not the Descent source tree (no cmd/descent)", root)
	}
	return root, nil
}

func goEnv(ctx context.Context, dir, name string) (string, error) {
	cmd := exec.CommandContext(ctx, "go", "env", name)
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("go env %s: %v", name, err)
	}
	return strings.TrimSpace(string(out)), nil
}

// measureWasm returns the size of the file at path, raw and gzip-compressed
// (at the default level, as a web server would send it).
func measureWasm(path string) (wasmSize, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return wasmSize{}, err
	}
	var n countWriter
	zw := gzip.NewWriter(&n)
	zw.Write(b)
	if err := zw.Close(); err != nil {
		return wasmSize{}, err
	}
	return wasmSize{raw: int64(len(b)), gzip: int64(n)}, nil
}

// countWriter counts the bytes written to it.
type countWriter int64

func (c *countWriter) Write(p []byte) (int, error) {
	*c += countWriter(len(p))
	return len(p), nil
}
