//go:build !js

package main

import (
	"bytes"
	"context"
	"encoding/json"
	"image"
	"image/png"
	"math"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"

	"descent/scene/game"
)

// maxWasmGzip is the most the page's program may weigh, gzip-compressed
// (the descent.wasm.gz that is served).
const maxWasmGzip = 4_500_000

// TestWebPageSize builds the page and fails when its program weighs more
// than maxWasmGzip compressed. It also checks what the folder holds: both
// pages, the precompressed program, and the sizes written into the pages.
func TestWebPageSize(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the WebAssembly page; skipped in -short mode")
	}
	dir, size := webPage(t)
	gz, err := os.Stat(filepath.Join(dir, "descent.wasm.gz"))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("descent.wasm: %.2f MB raw, %.3f MB gzip (descent.wasm.gz), %.3f MB brotli", float64(size.raw)/1e6, float64(gz.Size())/1e6, float64(size.brotli)/1e6)
	if gz.Size() > maxWasmGzip {
		t.Errorf("descent.wasm is %d bytes gzip-compressed, more than %d: see webbuild.go for what weighs", gz.Size(), maxWasmGzip)
	}
	for _, f := range []string{"index.html", "embed.html", "descent.js", "wasm_exec.js", "descent.wasm", "descent.wasm.gz", "descent.wasm.br"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("page is missing %s", f)
		}
	}
	for _, f := range []string{"index.html", "embed.html"} {
		b, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(b, []byte("raw=0 gz=0")) || !bytes.Contains(b, []byte("raw=")) {
			t.Errorf("%s: the program's sizes are not written into the page", f)
		}
	}
}

// TestWebCommandPrintsSnippet: descent web names an <iframe> that loads
// embed.html.
func TestWebCommandPrintsSnippet(t *testing.T) {
	s := embedSnippet("descent/", "bowl-turntable")
	for _, want := range []string{`<iframe src="descent/embed.html?scene=bowl-turntable&controls=minimal&loop=true"`, `allow="fullscreen; clipboard-write"`, "</iframe>"} {
		if !strings.Contains(s, want) {
			t.Errorf("snippet lacks %s:\n%s", want, s)
		}
	}
}

// TestPrecompressed: the server's choice of the program's encoding.
func TestPrecompressed(t *testing.T) {
	for accept, want := range map[string]string{
		"gzip, deflate, br, zstd": "br", "gzip": "gzip", "br;q=0, gzip": "gzip", "identity": "", "": "", "GZIP;q=0.5": "gzip",
	} {
		if got, _ := precompressed(accept); got != want {
			t.Errorf("Accept-Encoding %q: %q, want %q", accept, got, want)
		}
	}
}

// state reads the page's descent.state().
func state(t *testing.T, ctx context.Context) game.State {
	t.Helper()
	js, err := chromedp.Run(ctx, chromedp.Evaluate[string](`descent.state()`))
	if err != nil {
		t.Fatalf("descent.state(): %v", err)
	}
	var s game.State
	if err := json.Unmarshal([]byte(js), &s); err != nil {
		t.Fatalf("descent.state() %q: %v", js, err)
	}
	return s
}

// frames waits until the page has drawn n more animation frames (Ebiten
// reads input once per tick: each gesture step needs a frame to be seen).
func frames(t *testing.T, ctx context.Context, n int) {
	t.Helper()
	_, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`new Promise(function (done) {
		var k = `+strconv.Itoa(n)+`;
		function f() { if (--k > 0) requestAnimationFrame(f); else done(true); }
		requestAnimationFrame(f);
	})`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("waiting for frames: %v", err)
	}
}

// waitState polls the page's state until cond holds (it fails the test
// when the page hangs).
func waitState(t *testing.T, ctx context.Context, what string, cond func(game.State) bool) game.State {
	t.Helper()
	for range 2000 {
		s := state(t, ctx)
		if cond(s) {
			return s
		}
		frames(t, ctx, 2)
	}
	t.Fatalf("gave up waiting for %s", what)
	return game.State{}
}

// do runs browser actions, failing the test on an error.
func do(t *testing.T, ctx context.Context, what string, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, actions...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// touch sends one touch event with the given points (none: the end).
func touch(typ input.DispatchTouchEventType, pts ...[2]float64) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, tgt *chromedp.Target) error {
		p := input.DispatchTouchEventParams{Type: typ, TouchPoints: []*input.TouchPoint{}}
		for i, pt := range pts {
			id := float64(i)
			p.TouchPoints = append(p.TouchPoints, &input.TouchPoint{X: pt[0], Y: pt[1], ID: &id})
		}
		_, err := cdp.Call(ctx, tgt, input.DispatchTouchEvent, p)
		return err
	})
}

// gesture moves touch points from "from" to "to" in steps, a frame apart.
func gesture(t *testing.T, ctx context.Context, from, to [][2]float64) {
	t.Helper()
	const steps = 8
	at := func(k int) [][2]float64 {
		f := float64(k) / steps
		var pts [][2]float64
		for i := range from {
			pts = append(pts, [2]float64{from[i][0] + f*(to[i][0]-from[i][0]), from[i][1] + f*(to[i][1]-from[i][1])})
		}
		return pts
	}
	do(t, ctx, "touch start", touch(input.DispatchTouchEventTypeTouchStart, at(0)...))
	frames(t, ctx, 2)
	for k := 1; k <= steps; k++ {
		do(t, ctx, "touch move", touch(input.DispatchTouchEventTypeTouchMove, at(k)...))
		frames(t, ctx, 2)
	}
	do(t, ctx, "touch end", touch(input.DispatchTouchEventTypeTouchEnd))
	frames(t, ctx, 2)
}

// mouseDrag drags with the left button from (x0, y0) to (x1, y1).
func mouseDrag(t *testing.T, ctx context.Context, x0, y0, x1, y1 float64) {
	t.Helper()
	do(t, ctx, "mouse press", chromedp.MouseEvent(chromedp.MousePressed, x0, y0, chromedp.ButtonLeft, func(p *input.DispatchMouseEventParams) { p.Buttons, p.ClickCount = 1, 1 }))
	frames(t, ctx, 2)
	const steps = 8
	for k := 1; k <= steps; k++ {
		f := float64(k) / steps
		do(t, ctx, "mouse move", chromedp.MouseEvent(chromedp.MouseMoved, x0+f*(x1-x0), y0+f*(y1-y0), chromedp.ButtonLeft, func(p *input.DispatchMouseEventParams) { p.Buttons = 1 }))
		frames(t, ctx, 2)
	}
	do(t, ctx, "mouse release", chromedp.MouseEvent(chromedp.MouseReleased, x1, y1, chromedp.ButtonLeft, func(p *input.DispatchMouseEventParams) { p.ClickCount = 1 }))
	frames(t, ctx, 2)
}

// key presses one key (a character, or a name chromedp knows).
func key(t *testing.T, ctx context.Context, k string) {
	t.Helper()
	do(t, ctx, "key "+k, chromedp.KeyEvent(k))
	frames(t, ctx, 3)
}

// shot takes a screenshot of the page; DESCENT_TEST_SHOTS keeps it in that folder.
func shot(t *testing.T, ctx context.Context, name string) image.Image {
	t.Helper()
	b, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	if d := os.Getenv("DESCENT_TEST_SHOTS"); d != "" {
		os.WriteFile(filepath.Join(d, name+".png"), b, 0o644)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// inkIn counts the pixels of r that differ clearly from the background
// colour of its corner: text, lines and widgets.
func inkIn(img image.Image, r image.Rectangle) int {
	r = r.Intersect(img.Bounds())
	br, bg, bb, _ := img.At(r.Min.X, r.Min.Y).RGBA()
	n := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			cr, cg, cb, _ := img.At(x, y).RGBA()
			if absDiff(cr, br)+absDiff(cg, bg)+absDiff(cb, bb) > 3*0x2000 {
				n++
			}
		}
	}
	return n
}

// TestEmbedControls opens embed.html as a visitor's browser does and reads
// back what it shows: controls=none shows no control (no step counter, no
// hint, no timeline: the screenshot's corners are empty where the full
// page has them) and the keys that would bring them back do nothing;
// minimal shows the timeline and its hint but no panel; autoplay=false
// starts paused; loop=true starts the runs again once all have finished.
func TestEmbedControls(t *testing.T) {
	needChromium(t)
	dir, _ := webPage(t)
	srv := newPageServer(t, dir)
	ctx := browser(t, 960, 600)
	base := srv.URL + "/embed.html?scene=bowl-turntable&rotate=0&autoplay=false"

	openPage(t, ctx, base+"&controls=full")
	full := state(t, ctx)
	if !full.HUD || full.Controls != "full" || !full.Paused || full.Step != 0 {
		t.Errorf("controls=full&autoplay=false: state %+v", full)
	}
	fullShot := shot(t, ctx, "controls-full")

	openPage(t, ctx, base+"&controls=none")
	none := state(t, ctx)
	if none.HUD || none.Panel || none.Help || none.Controls != "none" {
		t.Errorf("controls=none: state %+v", none)
	}
	noneShot := shot(t, ctx, "controls-none")
	b := noneShot.Bounds()
	status := image.Rect(0, 0, b.Dx()/4, b.Dy()/10)    // step counter and playback state
	bottom := image.Rect(0, b.Dy()-22, b.Dx(), b.Dy()) // hint and timeline
	if n := inkIn(fullShot, status); n < 200 {
		t.Errorf("controls=full: only %d pixels of ink where the step counter is", n)
	}
	if n := inkIn(fullShot, bottom); n < 200 {
		t.Errorf("controls=full: only %d pixels of ink where the hint and timeline are", n)
	}
	if n := inkIn(noneShot, status); n > 20 {
		t.Errorf("controls=none shows something where the step counter is (%d pixels)", n)
	}
	if n := inkIn(noneShot, bottom); n > 20 {
		t.Errorf("controls=none shows something where the hint and timeline are (%d pixels)", n)
	}
	// The keys that would show controls do nothing; Space still plays.
	for _, k := range []string{"\t", "h", "?"} {
		key(t, ctx, k)
	}
	if s := state(t, ctx); s.HUD || s.Panel || s.Help {
		t.Errorf("controls=none after Tab, H and ?: state %+v", s)
	}
	key(t, ctx, " ")
	waitState(t, ctx, "Space to play", func(s game.State) bool { return !s.Paused && s.Step > 0 })

	openPage(t, ctx, base+"&controls=minimal")
	key(t, ctx, "\t")
	if s := state(t, ctx); !s.HUD || s.Panel || s.Controls != "minimal" {
		t.Errorf("controls=minimal after Tab: state %+v", s)
	}
	minShot := shot(t, ctx, "controls-minimal")
	if n := inkIn(minShot, bottom); n < 200 {
		t.Errorf("controls=minimal: only %d pixels of ink where the timeline is", n)
	}
	if n := inkIn(minShot, status); n > 20 {
		t.Errorf("controls=minimal shows the step counter (%d pixels)", n)
	}

	// embed.html's own default is minimal; the URL overrides it.
	openPage(t, ctx, srv.URL+"/embed.html?scene=parabola-steps&steps=3&rate=60&loop=true")
	if s := state(t, ctx); s.Controls != "minimal" || s.Paused {
		t.Errorf("embed.html with no controls=: state %+v, want minimal and playing", s)
	}
	s := waitState(t, ctx, "the loop to start again", func(s game.State) bool { return s.Loops >= 1 })
	if s.Step > 3 {
		t.Errorf("looping page at step %d of 3", s.Step)
	}
}

// TestPageGestures drives the page with the mouse, touch and keys and reads
// the camera back: a drag and a one-finger swipe orbit, a two-finger pinch
// zooms, a two-finger move pans; K writes the link of the setup into the
// address, and that link opens the same setup in a fresh page.
func TestPageGestures(t *testing.T) {
	needChromium(t)
	dir, _ := webPage(t)
	srv := newPageServer(t, dir)
	ctx := browser(t, 800, 600)
	openPage(t, ctx, srv.URL+"/?scene=saddle-starts&rotate=0&autoplay=false")
	s0 := state(t, ctx)
	if s0.AutoRotate {
		t.Fatalf("rotate=0 still turns: %+v", s0)
	}

	mouseDrag(t, ctx, 400, 300, 520, 260)
	s1 := state(t, ctx)
	if math.Abs(s1.Azimuth-s0.Azimuth) < 5 {
		t.Errorf("a mouse drag of 120 pixels turned the camera from azimuth %v to %v", s0.Azimuth, s1.Azimuth)
	}

	gesture(t, ctx, [][2]float64{{400, 300}}, [][2]float64{{280, 330}})
	s2 := state(t, ctx)
	if math.Abs(s2.Azimuth-s1.Azimuth) < 5 {
		t.Errorf("a one-finger swipe turned the camera from azimuth %v to %v", s1.Azimuth, s2.Azimuth)
	}
	if s2.Zoom != s1.Zoom {
		t.Errorf("a one-finger swipe zoomed: %v to %v", s1.Zoom, s2.Zoom)
	}

	gesture(t, ctx, [][2]float64{{350, 300}, {450, 300}}, [][2]float64{{250, 300}, {550, 300}})
	s3 := state(t, ctx)
	// The picture's scale: the camera's zoom over its distance.
	if mag := func(s game.State) float64 { return s.Zoom / s.Distance }; !(mag(s3) > mag(s2)*1.5) {
		t.Errorf("pinching out three-fold magnified from %v to %v (zoom %v, %v; distance %v, %v)", mag(s2), mag(s3), s2.Zoom, s3.Zoom, s2.Distance, s3.Distance)
	}
	if math.Abs(s3.Azimuth-s2.Azimuth) > 1 {
		t.Errorf("a pinch turned the camera from %v to %v", s2.Azimuth, s3.Azimuth)
	}

	gesture(t, ctx, [][2]float64{{350, 300}, {450, 300}}, [][2]float64{{350, 200}, {450, 200}})
	s4 := state(t, ctx)
	if s4.Target == s3.Target && s4.Shift == s3.Shift {
		t.Errorf("a two-finger move did not pan: target %v, shift %v", s4.Target, s4.Shift)
	}

	// Keys: V shows the contour map, Space plays, K copies the link.
	key(t, ctx, "v")
	key(t, ctx, " ")
	waitState(t, ctx, "Space to play", func(s game.State) bool { return !s.Paused && s.Step > 0 })
	key(t, ctx, " ")
	key(t, ctx, "k")
	s5 := state(t, ctx)
	loc, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	u, err := url.Parse(loc)
	if err != nil {
		t.Fatal(err)
	}
	if "?"+u.RawQuery != s5.Link {
		t.Errorf("after K the address is %s, want the link %s", loc, s5.Link)
	}
	for _, want := range []string{"scene=saddle-starts", "view=contour", "autoplay=false", "camera="} {
		if !strings.Contains(s5.Link, want) {
			t.Errorf("link %s lacks %s", s5.Link, want)
		}
	}

	// The link opens the same setup in a fresh page.
	ctx2 := browser(t, 800, 600)
	openPage(t, ctx2, loc)
	s6 := state(t, ctx2)
	// (The link holds the setup, not the moment: the new page starts at
	// step 0, and a pan, which the scene file has no word for, is not kept.)
	if math.Abs(s6.Azimuth-s5.Azimuth) > 0.01 || math.Abs(s6.Elevation-s5.Elevation) > 0.01 ||
		math.Abs(s6.Distance-s5.Distance) > 1e-5*s5.Distance || !s6.Paused || s6.Link != s5.Link {
		t.Errorf("the link %s opens\n%+v\nwant\n%+v", loc, s6, s5)
	}
}

// TestPageFitsFrame: the canvas fills an <iframe> of any size, in device
// pixels on a HiDPI screen.
func TestPageFitsFrame(t *testing.T) {
	needChromium(t)
	dir, _ := webPage(t)
	mux := http.NewServeMux()
	mux.Handle("/descent/", http.StripPrefix("/descent", webHandler(dir)))
	mux.HandleFunc("/course.html", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte(`<!DOCTYPE html><html><body style="margin:0"><p>Lecture 3</p>` +
			`<iframe id="d" src="descent/embed.html?scene=bowl-turntable&controls=none&autoplay=false" width="500" height="320" style="border:0"></iframe></body></html>`))
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	ctx := browser(t, 900, 700)
	do(t, ctx, "HiDPI", chromedp.EmulateViewport(900, 700, chromedp.EmulateScale(2)))
	do(t, ctx, "open the course page", chromedp.Navigate(srv.URL+"/course.html"))
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`(function () { var w = document.getElementById("d").contentWindow; return !!(w.descent && w.document.documentElement.getAttribute("data-first-frame-ms")); })()`,
		chromedp.WithPollingTimeout(hangTimeout))); err != nil {
		t.Fatalf("waiting for the embedded page: %v", err)
	}
	frames(t, ctx, 3)
	js, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById("d").contentWindow.descent.state()`))
	if err != nil {
		t.Fatal(err)
	}
	var s game.State
	if err := json.Unmarshal([]byte(js), &s); err != nil {
		t.Fatal(err)
	}
	if s.Width != 1000 || s.Height != 640 {
		t.Errorf("a 500x320 iframe at device scale 2: screen %vx%v, want 1000x640", s.Width, s.Height)
	}
	size, err := chromedp.Run(ctx, chromedp.Evaluate[[]float64](`(function () { var c = document.getElementById("d").contentDocument.querySelector("canvas"); var r = c.getBoundingClientRect(); return [r.width, r.height, c.width, c.height]; })()`))
	if err != nil {
		t.Fatal(err)
	}
	if len(size) != 4 || size[0] != 500 || size[1] != 320 || size[2] != 1000 || size[3] != 640 {
		t.Errorf("canvas %v, want 500x320 CSS pixels holding 1000x640", size)
	}
}

// TestPageLoading: the loader shows its progress to 100%, takes the
// program compressed from a server that negotiates (brotli here), and from a
// plain static server takes descent.wasm.gz and decompresses it itself.
// A bad parameter is shown on the page.
func TestPageLoading(t *testing.T) {
	needChromium(t)
	dir, _ := webPage(t)
	srv := newPageServer(t, dir)
	ctx := browser(t, 800, 600)
	openPage(t, ctx, srv.URL+"/?scene=bowl-turntable")
	attrs, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[document.documentElement.getAttribute("data-descent-progress"), document.documentElement.getAttribute("data-descent-encoding")]`))
	if err != nil {
		t.Fatal(err)
	}
	if attrs[0] != "100" || attrs[1] != "br" {
		t.Errorf("negotiating server: progress %s%%, encoding %q; want 100%% and br", attrs[0], attrs[1])
	}

	plain := httptest.NewServer(http.FileServer(http.Dir(dir)))
	defer plain.Close()
	openPage(t, ctx, plain.URL+"/?scene=bowl-turntable")
	attrs, err = chromedp.Run(ctx, chromedp.Evaluate[[]string](`[document.documentElement.getAttribute("data-descent-progress"), document.documentElement.getAttribute("data-descent-encoding")]`))
	if err != nil {
		t.Fatal(err)
	}
	if attrs[0] != "100" || attrs[1] != "gzip file" {
		t.Errorf("plain server: progress %s%%, encoding %q; want 100%% and the gzip file", attrs[0], attrs[1])
	}

	do(t, ctx, "open a bad page", chromedp.Navigate(srv.URL+"/embed.html?scene=bowl-turntable&controls=some"))
	msg, err := chromedp.Run(ctx, chromedp.Poll[string](`document.documentElement.getAttribute("data-descent-error")`, chromedp.WithPollingTimeout(hangTimeout)))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(msg, `unknown controls "some"`) {
		t.Errorf("controls=some: the page says %q", msg)
	}
}
