//go:build !js

package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// The browser tests drive the page as a visitor does: headless Chromium
// (Debian's chromium, rendering WebGL 2 in software with SwiftShader) opens
// the page's URL, and the tests drag, pinch, press keys and read the
// page's state back through window.descent.state().

// chromiumFlags run headless Chromium with WebGL on its software renderer
// (SwiftShader), as on a machine without a GPU; chromedp drives it.
var chromiumFlags = []chromedp.ExecAllocatorOption{
	chromedp.Flag("headless", "new"), chromedp.NoSandbox, chromedp.DisableGPU,
	chromedp.Flag("use-angle", "swiftshader"), chromedp.Flag("enable-unsafe-swiftshader", true),
	chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
	chromedp.Flag("disable-sync", true), chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
	// A page in a background tab must still draw.
	chromedp.Flag("disable-background-timer-throttling", true),
	chromedp.Flag("disable-renderer-backgrounding", true),
	chromedp.Flag("disable-backgrounding-occluded-windows", true),
}

// needChromium skips the test when Chromium or the time for it is missing.
func needChromium(t *testing.T) string {
	t.Helper()
	path, err := exec.LookPath("chromium")
	if err != nil {
		t.Skip("chromium not found: install Debian's chromium to run the browser tests (.ci/run does)")
	}
	if testing.Short() {
		t.Skip("builds the WebAssembly page and starts Chromium; skipped in -short mode")
	}
	return path
}

// builtPage is the page built once for all the browser tests of a run
// (building it takes a minute on two cores). DESCENT_WEB_DIR names an
// already built page to test instead (e.g. an older build, to compare).
var builtPage struct {
	once sync.Once
	dir  string
	tmp  string
	size wasmSize
	err  error
}

// webPage returns the folder of the built page.
func webPage(t *testing.T) (string, wasmSize) {
	t.Helper()
	builtPage.once.Do(func() {
		if d := os.Getenv("DESCENT_WEB_DIR"); d != "" {
			builtPage.dir = d
			builtPage.size, builtPage.err = measureWasm(d + "/descent.wasm")
			return
		}
		builtPage.tmp, builtPage.err = os.MkdirTemp("", "descent-web-")
		if builtPage.err != nil {
			return
		}
		builtPage.dir = builtPage.tmp
		start := time.Now()
		builtPage.size, builtPage.err = buildWebPage(context.Background(), builtPage.dir, io.Discard)
		if builtPage.err == nil {
			fmt.Fprintf(os.Stderr, "browser tests: built the page in %.1f s: descent.wasm %.2f MB raw, %.3f MB gzip\n",
				time.Since(start).Seconds(), float64(builtPage.size.raw)/1e6, float64(builtPage.size.gzip)/1e6)
		}
	})
	if builtPage.err != nil {
		t.Fatalf("building the page: %v", builtPage.err)
	}
	return builtPage.dir, builtPage.size
}

// removeBuiltPage removes the page built for the tests (TestMain).
func removeBuiltPage() {
	if builtPage.tmp != "" {
		os.RemoveAll(builtPage.tmp)
	}
}

// pageServer serves the page folder on 127.0.0.1, as 'descent web -serve'
// does. It notes when the page itself was asked for.
type pageServer struct {
	*httptest.Server
	mu     sync.Mutex
	asked  map[string]int // requests per path
	gzipOK bool           // a .wasm.gz was sent for descent.wasm
}

func newPageServer(t *testing.T, dir string) *pageServer {
	t.Helper()
	ps := &pageServer{asked: map[string]int{}}
	files := webHandler(dir)
	ps.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ps.mu.Lock()
		ps.asked[r.URL.Path]++
		ps.mu.Unlock()
		files.ServeHTTP(w, r)
		if w.Header().Get("Content-Encoding") != "" && strings.HasSuffix(r.URL.Path, ".wasm") {
			ps.mu.Lock()
			ps.gzipOK = true
			ps.mu.Unlock()
		}
	}))
	t.Cleanup(ps.Close)
	if !strings.HasPrefix(ps.URL, "http://127.0.0.1:") {
		t.Fatalf("test server at %s, want 127.0.0.1", ps.URL)
	}
	return ps
}

// browser starts a headless Chromium of its own (its own profile: nothing
// cached) with a window of w x h CSS pixels, and returns the tab's context.
func browser(t *testing.T, w, h int) context.Context {
	t.Helper()
	path := needChromium(t)
	opts := append(slices.Clone(chromiumFlags), chromedp.ExecPath(path), chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(w, h))
	// The timeout only stops a Chromium that hung.
	ctx, cancel := context.WithTimeout(context.Background(), hangTimeout)
	t.Cleanup(cancel)
	actx, acancel := chromedp.NewExecAllocator(ctx, opts...)
	t.Cleanup(acancel)
	tctx, tcancel := chromedp.NewContext(actx)
	t.Cleanup(tcancel)
	if err := chromedp.Do(tctx); err != nil { // starts the browser
		t.Fatalf("starting chromium: %v", err)
	}
	return tctx
}

// openPage opens url and waits until the page drew its first frame (or
// failed, which fails the test). It returns the first frame's time after
// the navigation started, in milliseconds, as the page measured it.
func openPage(t *testing.T, ctx context.Context, url string) float64 {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Navigate(url)); err != nil {
		t.Fatalf("opening %s: %v", url, err)
	}
	v, err := chromedp.Run(ctx, chromedp.Poll[string](`document.documentElement.getAttribute("data-first-frame-ms") || document.documentElement.getAttribute("data-descent-error")`,
		chromedp.WithPollingTimeout(hangTimeout)))
	if err != nil {
		t.Fatalf("waiting for the first frame of %s: %v", url, err)
	}
	ms, err := strconv.ParseFloat(v, 64)
	if err != nil {
		t.Fatalf("%s: the page says: %s", url, v)
	}
	return ms
}

// TestFirstFrameTimes measures how long the page takes from its request to
// its first frame in a fresh headless Chromium (nothing cached), as many
// times as DESCENT_FIRST_FRAME_RUNS says, and logs the times and their
// median. It checks nothing about the times: they measure the machine as
// much as the page. With DESCENT_WEB_DIR it measures another build.
func TestFirstFrameTimes(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("DESCENT_FIRST_FRAME_RUNS"))
	if n <= 0 {
		t.Skip("set DESCENT_FIRST_FRAME_RUNS=5 to measure the page's first frame")
	}
	dir, size := webPage(t)
	srv := newPageServer(t, dir)
	path := os.Getenv("DESCENT_FIRST_FRAME_PAGE") // e.g. "embed.html?controls=none"
	var times []float64
	for i := range n {
		ctx := browser(t, 1280, 720)
		ms := openPage(t, ctx, srv.URL+"/"+path)
		marks, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`JSON.stringify(descent.marks || {})`))
		t.Logf("run %d: first frame %.0f ms after the page was requested (stages, ms: %s)", i+1, ms, marks)
		times = append(times, ms)
		chromedp.Cancel(ctx)
	}
	slices.Sort(times)
	t.Logf("first frame: median %.0f ms of %d (min %.0f, max %.0f); descent.wasm %.3f MB gzip; compressed sent: %v",
		times[len(times)/2], n, times[0], times[len(times)-1], float64(size.gzip)/1e6, srv.gzipOK)
}
