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
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/andybalholm/brotli"

	"descent/assets"
	"descent/scene/record"
)

const webSynopsis = `descent web -o DIR [-force] [-serve 127.0.0.1:8080]

Builds the WebAssembly page into DIR: descent.wasm (go build for js/wasm,
stripped) with descent.wasm.gz and descent.wasm.br beside it (for hosts that
serve precompressed files; the page falls back to the .gz on others),
wasm_exec.js (from the Go installation), the page (index.html) and the page
for an <iframe> (embed.html), and prints an <iframe> snippet. Needs the Go
toolchain and the Descent source tree (run it from there, e.g. 'go run
./cmd/descent web -o dist/'). With -serve the folder is then served on a
loopback address for a look. The page's URL sets the scene: ?scene=NAME (a
preset, or a whole scene file as the K link writes it), or
?surface=rosenbrock&opt=adam:lr=0.05&opt=sgd, start=X,Y, camera=ELEV,AZIM,
rotate=DEG, view=3d, layout=single; and how it shows it:
controls=none|minimal|full, autoplay=false, loop=true, hud=false.`

// webCommand builds the page and optionally serves it.
func webCommand(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("descent web", webSynopsis, stderr)
	var out, serve string
	var force bool
	fs.StringVar(&out, "o", "", "output `DIR` for the page (created if missing; required)")
	fs.BoolVar(&force, "force", false, "build into a DIR that is not empty, overwriting the page's files in it")
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
	if err := checkPageDir(out, force); err != nil {
		return badUsage(err)
	}
	// Ctrl-C (or SIGTERM) stops the build at once: the go command and its
	// compilers are killed, their temporary folder removed.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	start := time.Now()
	size, err := buildWebPage(ctx, out, stderr)
	if ctx.Err() != nil {
		return fmt.Errorf("interrupted: the page was not built in %s", out)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "built %s in %.1f s: descent.wasm %.1f MB (%.2f MB gzip, %.2f MB brotli)\n",
		out, time.Since(start).Seconds(), float64(size.raw)/1e6, float64(size.gzip)/1e6, float64(size.brotli)/1e6)
	fmt.Fprintf(stdout, "\nTo embed it, copy %s to your site (as descent/ here) and paste:\n\n%s\n", out, embedSnippet("descent/", "bowl-turntable"))
	if serve == "" {
		return nil
	}
	ln, err := net.Listen("tcp", serve)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "\nserving %s on http://%s/ (the embedded page: http://%s/embed.html; Ctrl-C stops)\n", out, ln.Addr(), ln.Addr())
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

// pageFiles are the files the page's build writes into its folder.
func pageFiles() []string {
	files := []string{"descent.wasm", "descent.wasm.gz", "descent.wasm.br", "wasm_exec.js"}
	fs.WalkDir(assets.Web, "web", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			files = append(files, strings.TrimPrefix(p, "web/"))
		}
		return nil
	})
	return files
}

// checkPageDir checks the page's folder before anything is built: it must
// be a directory (or missing) and not a symbolic link; a folder that is not
// empty needs force, and the error says what the build would overwrite;
// with force, none of the files it overwrites may be a link or read-only.
func checkPageDir(dir string, force bool) error {
	fi, err := os.Lstat(dir)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return nil
	case err != nil:
		return fmt.Errorf("-o %s: %v", dir, err)
	case fi.Mode()&os.ModeSymlink != 0:
		target, _ := os.Readlink(dir)
		return fmt.Errorf("-o %s is a symbolic link (to %s): give the folder it points to", dir, target)
	case !fi.IsDir():
		return fmt.Errorf("-o %s is a file, not a folder", dir)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return fmt.Errorf("-o %s: %v", dir, err)
	}
	if len(entries) == 0 {
		return nil
	}
	var overwritten []string
	for _, f := range pageFiles() {
		p := filepath.Join(dir, f)
		if _, err := os.Lstat(p); err != nil {
			continue
		}
		overwritten = append(overwritten, f)
		if force {
			if err := record.CheckOutput(p); err != nil {
				return fmt.Errorf("-o %s: %v", dir, strings.TrimPrefix(err.Error(), "record: "))
			}
		}
	}
	if force {
		return nil
	}
	what := "none of its " + strconv.Itoa(len(entries)) + " entries"
	if len(overwritten) > 0 {
		what = strings.Join(overwritten, ", ")
	}
	return fmt.Errorf("-o %s is not empty: building the page there overwrites %s; add -force to build there anyway", dir, what)
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
	if n, err := strconv.Atoi(port); err != nil || n < 0 || n > 65535 {
		return fmt.Errorf("bad -serve address %q: the port must be a number 0..65535 (0: any free port)", addr)
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

// embedSnippet is the <iframe> that embeds the page at base (the folder
// the page was copied to, ending in '/') showing preset scene.
func embedSnippet(base, scene string) string {
	return fmt.Sprintf(`<iframe src="%sembed.html?scene=%s&controls=minimal&loop=true"
        width="960" height="600" style="border:0; max-width:100%%"
        allow="fullscreen; clipboard-write" loading="lazy"
        title="Descent: gradient descent on a loss surface"></iframe>`, base, scene)
}

// webHandler serves the page folder without caching, so a rebuilt page is
// picked up on reload. The program goes out precompressed: descent.wasm.br
// or descent.wasm.gz, as the browser accepts, with its Content-Encoding.
func webHandler(dir string) http.Handler {
	files := http.FileServer(http.Dir(dir))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-cache")
		if strings.HasSuffix(r.URL.Path, ".wasm") {
			w.Header().Set("Content-Type", "application/wasm")
			w.Header().Add("Vary", "Accept-Encoding")
			if enc, ext := precompressed(r.Header.Get("Accept-Encoding")); enc != "" {
				name := filepath.Join(dir, filepath.FromSlash(path.Clean(r.URL.Path))) + ext
				if f, err := os.Open(name); err == nil {
					defer f.Close()
					if st, err := f.Stat(); err == nil && !st.IsDir() {
						w.Header().Set("Content-Encoding", enc)
						http.ServeContent(w, r, r.URL.Path, st.ModTime(), f)
						return
					}
				}
			}
		}
		files.ServeHTTP(w, r)
	})
}

// precompressed returns the content coding to send the program in and
// the extension of its file, given the request's Accept-Encoding: brotli
// before gzip; none when the browser accepts neither.
func precompressed(accept string) (enc, ext string) {
	has := func(coding string) bool {
		for _, part := range strings.Split(accept, ",") {
			name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
			if !strings.EqualFold(strings.TrimSpace(name), coding) {
				continue
			}
			q := 1.0
			if _, v, ok := strings.Cut(strings.ReplaceAll(params, " ", ""), "q="); ok {
				q, _ = strconv.ParseFloat(v, 64)
			}
			return q > 0
		}
		return false
	}
	switch {
	case has("br"):
		return "br", ".br"
	case has("gzip"):
		return "gzip", ".gz"
	}
	return "", ""
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
