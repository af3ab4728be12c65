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
	"net"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"time"

	"descent/assets"
)

const webSynopsis = `descent web -o DIR [-serve 127.0.0.1:8080]

Builds the WebAssembly page into DIR: descent.wasm (go build for js/wasm,
stripped), wasm_exec.js (from the Go installation) and the page template
(index.html, descent.js). Needs the Go toolchain and the Descent source tree
(run it from there, e.g. 'go run ./cmd/descent web -o dist/'). With -serve the
folder is then served on a loopback address for a look; the page's URL sets
the scene: ?scene=bowl-turntable, or ?surface=rosenbrock&opt=adam:lr=0.05&opt=sgd,
start=X,Y, camera=ELEV,AZIM, rotate=DEG, hud=false, view=3d, layout=single.`

// webCommand builds the page and optionally serves it.
func webCommand(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("descent web", webSynopsis, stderr)
	var out, serve string
	fs.StringVar(&out, "o", "", "output `DIR` for the page (created if missing; required)")
	fs.StringVar(&serve, "serve", "", "after building, serve DIR on this loopback `ADDR` (e.g. 127.0.0.1:8080) until Ctrl-C")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if out == "" {
		return badUsage(errors.New("missing -o DIR (the folder to build the page into)"))
	}
	if serve != "" {
		if err := checkLoopback(serve); err != nil {
			return badUsage(err)
		}
	}
	start := time.Now()
	size, err := buildWebPage(out, stderr)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "built %s in %.1f s: descent.wasm %.1f MB (%.1f MB gzip)\n",
		out, time.Since(start).Seconds(), float64(size.raw)/1e6, float64(size.gzip)/1e6)
	if serve == "" {
		return nil
	}
	ln, err := net.Listen("tcp", serve)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "serving %s on http://%s/ (Ctrl-C stops)\n", out, ln.Addr())
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	srv := &http.Server{Handler: webHandler(out)}
	go func() {
		<-ctx.Done()
		srv.Close()
	}()
	if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// checkLoopback accepts only addresses on the loopback interface: the
// server is for a local look, not for the network.
func checkLoopback(addr string) error {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("bad -serve address %q (want HOST:PORT, e.g. 127.0.0.1:8080)", addr)
	}
	if port == "" {
		return fmt.Errorf("bad -serve address %q: no port", addr)
	}
	if host == "localhost" {
		return nil
	}
	ip := net.ParseIP(host)
	if ip == nil || !ip.IsLoopback() {
		return fmt.Errorf("-serve %q: only loopback addresses (127.0.0.1, ::1, localhost) are served", addr)
	}
	return nil
}

// webHandler serves the page folder without caching, so a rebuilt page is
// picked up on reload.
func webHandler(dir string) http.Handler {
	files := http.FileServer(http.Dir(dir))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-cache")
		if strings.HasSuffix(r.URL.Path, ".wasm") {
			w.Header().Set("Content-Type", "application/wasm")
		}
		files.ServeHTTP(w, r)
	})
}

// wasmSize is the size of the built .wasm, raw and gzip-compressed.
type wasmSize struct{ raw, gzip int64 }

// buildWebPage cross-compiles the program for js/wasm into dir and copies
// wasm_exec.js and the page template beside it.
func buildWebPage(dir string, stderr io.Writer) (wasmSize, error) {
	var size wasmSize
	root, err := moduleRoot()
	if err != nil {
		return size, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return size, fmt.Errorf("cannot create %s: %v", dir, err)
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return size, err
	}
	wasm := filepath.Join(abs, "descent.wasm")
	tmp := wasm + ".tmp"
	cmd := exec.Command("go", webBuildArgs(tmp)...)
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	var msg bytes.Buffer
	cmd.Stdout, cmd.Stderr = &msg, &msg
	if err := cmd.Run(); err != nil {
		os.Remove(tmp)
		return size, fmt.Errorf("go build for js/wasm failed: %v\n%s", err, strings.TrimSpace(msg.String()))
	}
	if err := os.Rename(tmp, wasm); err != nil {
		return size, err
	}
	goroot, err := goEnv(root, "GOROOT")
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
	if err := os.WriteFile(filepath.Join(abs, "wasm_exec.js"), glue, 0o644); err != nil {
		return size, err
	}
	err = fs.WalkDir(assets.Web, "web", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := assets.Web.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(abs, strings.TrimPrefix(p, "web/")), b, 0o644)
	})
	if err != nil {
		return size, err
	}
	return measureWasm(wasm)
}

// moduleRoot finds the Descent source tree the go command works in.
func moduleRoot() (string, error) {
	if _, err := exec.LookPath("go"); err != nil {
		return "", errors.New("the go command is not on PATH (building the page needs the Go toolchain)")
	}
	mod, err := goEnv("", "GOMOD")
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

func goEnv(dir, name string) (string, error) {
	cmd := exec.Command("go", "env", name)
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
