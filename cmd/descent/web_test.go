//go:build !js

package main

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestWebPage builds the WebAssembly page, serves it on 127.0.0.1 and
// screenshots it in headless Chromium, rendering in software (SwiftShader,
// no GPU): the surface of the URL's scene is drawn, another URL gives
// another picture, a bad URL shows its error on the page, and the page
// reports its first frame. How long the first frame took is logged, not
// checked: it measures the machine as much as the page.
func TestWebPage(t *testing.T) {
	chromium := needChromium(t)
	// Its own server, no X display, and no use of the package's global
	// flag state: it may run beside the recordings.
	t.Parallel()
	dir, _ := webPage(t)

	// The server notes when the page was asked for and when the page says
	// its first frame was drawn (descent.js posts first-frame with ?beacon).
	var mu sync.Mutex
	var asked, drawn time.Time
	files := webHandler(dir)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		switch r.URL.Path {
		case "/":
			asked, drawn = time.Now(), time.Time{}
		case "/first-frame":
			drawn = time.Now()
		}
		mu.Unlock()
		if r.URL.Path == "/first-frame" {
			w.WriteHeader(http.StatusNoContent)
			return
		}
		files.ServeHTTP(w, r)
	}))
	defer srv.Close()
	if !strings.HasPrefix(srv.URL, "http://127.0.0.1:") {
		t.Fatalf("test server at %s, want 127.0.0.1", srv.URL)
	}

	chrome := func(out string, url string, dump bool) []byte {
		t.Helper()
		// The timeout only stops a Chromium that hung.
		ctx, cancel := context.WithTimeout(context.Background(), hangTimeout)
		defer cancel()
		args := []string{"--headless=new", "--no-sandbox", "--disable-gpu", "--use-angle=swiftshader",
			"--enable-unsafe-swiftshader", "--disable-background-networking", "--disable-component-update",
			"--disable-sync", "--no-first-run", "--user-data-dir=" + t.TempDir(), "--window-size=1280,720",
			"--virtual-time-budget=20000"}
		if dump {
			args = append(args, "--dump-dom")
		} else {
			args = append(args, "--screenshot="+out)
		}
		cmd := exec.CommandContext(ctx, chromium, append(args, url)...)
		// Chromium's helper processes may keep its output open after it is killed.
		cmd.WaitDelay = 10 * time.Second
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		if err := cmd.Run(); err != nil {
			if ctx.Err() != nil {
				t.Fatalf("chromium %s hung: killed after %v\n%s", url, hangTimeout, stderr.String())
			}
			t.Fatalf("chromium %s: %v\n%s", url, err, stderr.String())
		}
		return stdout.Bytes()
	}

	shots := t.TempDir()
	bowlURL := srv.URL + "/?scene=bowl-turntable&beacon=1"
	bowl := readShot(t, chrome(filepath.Join(shots, "bowl.png"), bowlURL, false), filepath.Join(shots, "bowl.png"))
	mu.Lock()
	firstFrame := drawn.Sub(asked)
	ok := !drawn.IsZero()
	mu.Unlock()
	if !ok {
		t.Errorf("the page never reported its first frame")
	} else {
		t.Logf("first frame drawn %.2f s after the page was requested", firstFrame.Seconds())
	}
	if n := countViridis(bowl, bowl.Bounds()); n < 20000 {
		t.Errorf("bowl-turntable: only %d viridis pixels: the surface is not drawn", n)
	}

	saddleURL := srv.URL + "/?scene=saddle-starts&camera=35,-60&hud=false"
	saddle := readShot(t, chrome(filepath.Join(shots, "saddle.png"), saddleURL, false), filepath.Join(shots, "saddle.png"))
	red, blue := countCoolwarm(saddle)
	if red < 5000 || blue < 5000 {
		t.Errorf("saddle-starts: %d red and %d blue coolwarm pixels: the surface is not drawn", red, blue)
	}
	if r, b := countCoolwarm(bowl); r > red/4 && b > blue/4 {
		t.Errorf("bowl-turntable shows coolwarm colours (%d red, %d blue): the URL did not choose the scene", r, b)
	}
	if d := differentPixels(bowl, saddle); d < bowl.Bounds().Dx()*bowl.Bounds().Dy()/10 {
		t.Errorf("the two URLs give nearly the same picture (%d pixels differ)", d)
	}

	dom := chrome("", srv.URL+"/?scene=no-such-scene", true)
	if !bytes.Contains(dom, []byte("data-descent-error")) || !bytes.Contains(dom, []byte("no-such-scene")) {
		t.Errorf("a bad scene name is not shown on the page; DOM:\n%s", dom)
	}
}

// readShot decodes Chromium's screenshot.
func readShot(t *testing.T, _ []byte, path string) image.Image {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// countCoolwarm counts clearly red and clearly blue pixels (the two ends of
// the coolwarm colormap).
func countCoolwarm(img image.Image) (red, blue int) {
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			r, g, bl = r>>8, g>>8, bl>>8
			switch {
			case r > bl+50 && r > g+30:
				red++
			case bl > r+50 && bl > g+10:
				blue++
			}
		}
	}
	return red, blue
}

// differentPixels counts the pixels whose colours differ clearly.
func differentPixels(a, b image.Image) int {
	n := 0
	r := a.Bounds().Intersect(b.Bounds())
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			r1, g1, b1, _ := a.At(x, y).RGBA()
			r2, g2, b2, _ := b.At(x, y).RGBA()
			if absDiff(r1, r2)+absDiff(g1, g2)+absDiff(b1, b2) > 3*0x1000 {
				n++
			}
		}
	}
	return n
}

func absDiff(a, b uint32) uint32 {
	if a > b {
		return a - b
	}
	return b - a
}
