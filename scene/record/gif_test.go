package record

import (
	"bytes"
	"image"
	"image/color"
	"image/gif"
	"runtime"
	"testing"
)

func TestGIFDelay(t *testing.T) {
	tests := []struct {
		fps  float64
		want []int
	}{
		{30, []int{3, 4, 3, 3, 4, 3}},
		{25, []int{4, 4, 4, 4}},
		{50, []int{2, 2, 2}},
		{10, []int{10, 10}},
		{12, []int{8, 9, 8, 8, 9, 8}},
		{24, []int{4, 4, 5, 4, 4, 4}},
		{7.5, []int{13, 14, 13}},
		{1, []int{100}},
	}
	for _, tt := range tests {
		var got []int
		for i := range tt.want {
			got = append(got, gifDelay(i, tt.fps))
		}
		if !slicesEqual(got, tt.want) {
			t.Errorf("fps %g: delays %v, want %v", tt.fps, got, tt.want)
		}
		// Over many frames the average rate is exact to within one hundredth.
		sum := 0
		n := 1000
		for i := range n {
			sum += gifDelay(i, tt.fps)
		}
		if want := float64(n) * 100 / tt.fps; float64(sum) < want-1 || float64(sum) > want+1 {
			t.Errorf("fps %g: %d frames last %d cs, want %.1f", tt.fps, n, sum, want)
		}
	}
}

func slicesEqual(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestGIFReadBack writes GIFs and reads them back with image/gif: frame
// count, size, loop count, delays, and the played frames close to the
// originals.
func TestGIFReadBack(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		w, h, n   int
		opts      Options
		wantLoop  int // image/gif's LoopCount: 0 forever, -1 once, k: k repeats
		wantDelay []int
		maxErr    float64
	}{
		{"default", 64, 48, 6, Options{}, 0, []int{3, 4, 3, 3, 4, 3}, 2},
		{"sized 25fps once", 80, 60, 5, Options{Width: 80, Height: 60, FPS: 25, Loop: 1}, -1, []int{4, 4, 4, 4, 4}, 2},
		{"three plays", 50, 40, 3, Options{FPS: 10, Loop: 3}, 2, []int{10, 10, 10}, 2},
		{"dither", 64, 48, 4, Options{Dither: true, FPS: 50}, 0, []int{2, 2, 2, 2}, 6},
		{"palette from first frame", 64, 48, 6, Options{PaletteFrames: 1}, 0, []int{3, 4, 3, 3, 4, 3}, 4},
		{"single frame", 33, 17, 1, Options{}, 0, []int{3}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := join(t.TempDir(), "out.gif")
			frames := testFrames(tt.w, tt.h, tt.n)
			writeAll(t, path, tt.opts, frames)
			g, err := gif.DecodeAll(bytes.NewReader(readFile(t, path)))
			if err != nil {
				t.Fatal(err)
			}
			if len(g.Image) != tt.n {
				t.Errorf("%d frames, want %d", len(g.Image), tt.n)
			}
			if g.Config.Width != tt.w || g.Config.Height != tt.h {
				t.Errorf("size %dx%d, want %dx%d", g.Config.Width, g.Config.Height, tt.w, tt.h)
			}
			if g.LoopCount != tt.wantLoop {
				t.Errorf("loop count %d, want %d", g.LoopCount, tt.wantLoop)
			}
			if !slicesEqual(g.Delay, tt.wantDelay) {
				t.Errorf("delays %v, want %v", g.Delay, tt.wantDelay)
			}
			if len(g.Image) != tt.n {
				return
			}
			for i, shown := range compose(g.Image, tt.w, tt.h) {
				if e := meanAbsError(t, shown, frames[i]); e > tt.maxErr {
					t.Errorf("frame %d: mean error %.2f per channel, want <= %g", i, e, tt.maxErr)
				}
			}
		})
	}
}

// TestGIFCropsUnchanged checks the frame-to-frame optimisation: a frame that
// changes only a small square is stored as that square, and an identical
// frame as a single transparent pixel, and both play back exactly.
func TestGIFCropsUnchanged(t *testing.T) {
	const w, h = 40, 30
	base := image.NewRGBA(image.Rect(0, 0, w, h))
	for i := range base.Pix {
		base.Pix[i] = 200
	}
	changed := image.NewRGBA(base.Rect)
	copy(changed.Pix, base.Pix)
	for y := 10; y < 14; y++ {
		for x := 5; x < 12; x++ {
			changed.SetRGBA(x, y, color.RGBA{255, 0, 0, 255})
		}
	}
	path := join(t.TempDir(), "crop.gif")
	writeAll(t, path, Options{}, []*image.RGBA{base, changed, changed})
	g, err := gif.DecodeAll(bytes.NewReader(readFile(t, path)))
	if err != nil {
		t.Fatal(err)
	}
	wantRects := []image.Rectangle{base.Rect, image.Rect(5, 10, 12, 14), image.Rect(0, 0, 1, 1)}
	for i, f := range g.Image {
		if f.Bounds() != wantRects[i] {
			t.Errorf("frame %d stored as %v, want %v", i, f.Bounds(), wantRects[i])
		}
	}
	for i, shown := range compose(g.Image, w, h) {
		want := []*image.RGBA{base, changed, changed}[i]
		if e := meanAbsError(t, shown, want); e != 0 {
			t.Errorf("frame %d: mean error %.3f, want exact", i, e)
		}
	}
}

// TestGIFDeterministic encodes the same frames twice and compares the bytes.
// It is not parallel: it sets GOMAXPROCS, which is the whole process's.
func TestGIFDeterministic(t *testing.T) {
	for _, opts := range []Options{{}, {Dither: true}, {PaletteFrames: 2, FPS: 12}} {
		dir := t.TempDir()
		frames := testFrames(120, 90, 8)
		writeAll(t, join(dir, "a.gif"), opts, frames)
		writeAll(t, join(dir, "b.gif"), opts, frames)
		// The work split over cores must not change the bytes either.
		procs := runtime.GOMAXPROCS(1)
		writeAll(t, join(dir, "c.gif"), opts, frames)
		runtime.GOMAXPROCS(procs)
		a, b, c := readFile(t, join(dir, "a.gif")), readFile(t, join(dir, "b.gif")), readFile(t, join(dir, "c.gif"))
		if !bytes.Equal(a, b) {
			t.Errorf("%+v: two encodings differ (%d and %d bytes)", opts, len(a), len(b))
		}
		if !bytes.Equal(a, c) {
			t.Errorf("%+v: encoding on one core differs (%d and %d bytes)", opts, len(a), len(c))
		}
	}
}

// TestGIFPaletteQuality checks the median-cut palette on a smooth 2-D
// gradient (65k colours squeezed into 255), on a frame with few colours
// (which must come out exact), and that dithering keeps the error bounded.
func TestGIFPaletteQuality(t *testing.T) {
	t.Parallel()
	few := image.NewRGBA(image.Rect(0, 0, 64, 64))
	cols := []color.RGBA{{255, 255, 255, 255}, {0, 0, 0, 255}, {220, 30, 30, 255}, {31, 119, 180, 255},
		{255, 127, 14, 255}, {44, 160, 44, 255}, {148, 103, 189, 255}, {128, 128, 128, 255}}
	for y := range 64 {
		for x := range 64 {
			few.SetRGBA(x, y, cols[(x/8+y/8*3)%len(cols)])
		}
	}
	tests := []struct {
		name   string
		img    *image.RGBA
		dither bool
		maxErr float64
	}{
		{"2-D gradient", gradientFrame(256, 256), false, 4},
		{"2-D gradient dithered", gradientFrame(256, 256), true, 6},
		{"scene frame", testFrame(320, 240, 3), false, 1.5},
		{"eight colours", few, false, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := join(t.TempDir(), "q.gif")
			writeAll(t, path, Options{Dither: tt.dither}, []*image.RGBA{tt.img})
			g, err := gif.DecodeAll(bytes.NewReader(readFile(t, path)))
			if err != nil {
				t.Fatal(err)
			}
			e := meanAbsError(t, g.Image[0], tt.img)
			t.Logf("%s: mean absolute error %.3f per channel", tt.name, e)
			if e > tt.maxErr {
				t.Errorf("mean absolute error %.3f per channel, want <= %g", e, tt.maxErr)
			}
		})
	}
}

// TestLUTNearest compares the lookup table with a brute-force nearest-colour
// search at every cell centre.
func TestLUTNearest(t *testing.T) {
	t.Parallel()
	h := newHistogram()
	h.add(testFrame(200, 150, 1))
	h.add(gradientFrame(100, 100))
	pal := medianCut(h, gifColours)
	if len(pal) != gifColours {
		t.Fatalf("palette has %d colours, want %d", len(pal), gifColours)
	}
	lut := buildLUT(pal)
	for k := 0; k < cellCount; k += 7 {
		r := (k>>12)*4 + 1
		g := (k>>6&63)*4 + 1
		b := (k&63)*4 + 1
		best, bestD := -1, 0
		for i, c := range pal {
			cr, cg, cb, _ := c.RGBA()
			// Centres are at 4c+1.5; compare doubled to stay exact.
			dr, dg, db := 2*int(cr>>8)-(2*r+1), 2*int(cg>>8)-(2*g+1), 2*int(cb>>8)-(2*b+1)
			d := dr*dr + dg*dg + db*db
			if best < 0 || d < bestD {
				best, bestD = i, d
			}
		}
		if int(lut[k]) != best {
			t.Fatalf("cell %d maps to %d, brute force says %d", k, lut[k], best)
		}
	}
}

func TestGIFWrongFrameSize(t *testing.T) {
	dir := t.TempDir()
	w, err := Create(join(dir, "x.gif"), Options{Width: 32, Height: 32})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.WriteFrame(testFrame(32, 32, 0)); err != nil {
		t.Fatal(err)
	}
	err = w.WriteFrame(testFrame(40, 32, 1))
	if err == nil || err.Error() != "record: frame 2 is 40x32, want 32x32" {
		t.Fatalf("error %v, want the size mismatch", err)
	}
	if err := w.Close(); err == nil {
		t.Error("Close after a failed frame succeeded")
	}
	if names := dirNames(t, dir); len(names) != 0 {
		t.Errorf("directory holds %v after a failed recording, want nothing", names)
	}
}

// benchmarkGIFFrame measures quantising and encoding one frame once the
// palette is built: mapping to palette indices on all cores and the encoder
// goroutine's crop, LZW and write, overlapped as in a recording.
func benchmarkGIFFrame(b *testing.B, w, h int, draw func(w, h, i int) *image.RGBA) {
	var frames []*image.RGBA
	for i := range 8 {
		frames = append(frames, draw(w, h, i))
	}
	dir := b.TempDir()
	wr, err := Create(join(dir, "bench.gif"), Options{PaletteFrames: 1})
	if err != nil {
		b.Fatal(err)
	}
	defer wr.Abort()
	if err := wr.WriteFrame(frames[0]); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		if err := wr.WriteFrame(frames[1+i%7]); err != nil {
			b.Fatal(err)
		}
	}
	// Count the encoder's queue too: the writer finishes it in Close.
	g := wr.(*lockedWriter).w.(*gifWriter)
	g.stopEncoder()
	b.StopTimer()
	if err := g.encoderErr(); err != nil {
		b.Fatal(err)
	}
}

func BenchmarkGIFFrame800x600(b *testing.B)  { benchmarkGIFFrame(b, 800, 600, testFrame) }
func BenchmarkGIFFrame1280x720(b *testing.B) { benchmarkGIFFrame(b, 1280, 720, testFrame) }

// The AllChanged benchmarks change every pixel in every frame: no cropping.
func BenchmarkGIFFrame800x600AllChanged(b *testing.B)  { benchmarkGIFFrame(b, 800, 600, wavesFrame) }
func BenchmarkGIFFrame1280x720AllChanged(b *testing.B) { benchmarkGIFFrame(b, 1280, 720, wavesFrame) }

// BenchmarkGIFPalette measures building the palette from one 800x600 frame's
// histogram and the lookup table.
func BenchmarkGIFPalette(b *testing.B) {
	h := newHistogram()
	h.add(testFrame(800, 600, 2))
	for b.Loop() {
		buildLUT(medianCut(h, gifColours))
	}
}

// BenchmarkGIFHistogram measures counting the colours of one 800x600 frame.
func BenchmarkGIFHistogram(b *testing.B) {
	img := testFrame(800, 600, 2)
	h := newHistogram()
	for b.Loop() {
		h.add(img)
	}
}
