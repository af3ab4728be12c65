//go:build !js

package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

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
