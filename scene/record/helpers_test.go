package record

import (
	"image"
	"image/color"
	"image/draw"
	"math"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// testFrame draws frame i of a small synthetic animation that looks like a
// Descent frame: a smooth background, a shaded disc moving in a circle (a
// smooth colour ramp), a red line growing across it, and a dark border.
func testFrame(w, h, i int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	cx := float64(w)/2 + float64(w)/5*math.Cos(float64(i)*0.3)
	cy := float64(h)/2 + float64(h)/5*math.Sin(float64(i)*0.3)
	rad := float64(min(w, h)) / 3
	for y := range h {
		for x := range w {
			off := img.PixOffset(x, y)
			p := img.Pix[off : off+4]
			bg := 235 - 40*float64(y)/float64(h)
			r, g, b := bg, bg, bg+10
			dx, dy := float64(x)-cx, float64(y)-cy
			if d := math.Hypot(dx, dy); d < rad {
				t := d / rad // viridis-like ramp from dark purple to yellow
				r = 68 + t*(253-68)
				g = 1 + t*(231-1)
				b = 84 + math.Sin(t*math.Pi)*80 - t*48
				shade := 0.6 + 0.4*(0.5+0.5*dx/rad)
				r, g, b = r*shade, g*shade, b*shade
			}
			if x < 2 || y < 2 || x >= w-2 || y >= h-2 {
				r, g, b = 20, 20, 30
			}
			lx := float64(i+1) * float64(w) / 12
			if math.Abs(float64(y)-float64(x)*float64(h)/float64(w)) < 1.5 && float64(x) < lx {
				r, g, b = 220, 30, 30
			}
			p[0], p[1], p[2], p[3] = clamp8(int(r+0.5)), clamp8(int(g+0.5)), clamp8(int(b+0.5)), 255
		}
	}
	return img
}

// wavesFrame is frame i of an animation where every pixel changes from one
// frame to the next (the worst case for the GIF's changed-rectangle
// cropping, like a turntable): a smooth shaded height field in a
// viridis-like ramp, drifting.
func wavesFrame(w, h, i int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			v := 0.5 + 0.5*math.Sin(float64(x)*0.013+float64(i)*0.2)*math.Cos(float64(y)*0.017-float64(i)*0.15)
			off := img.PixOffset(x, y)
			img.Pix[off] = clamp8(int(68 + v*(253-68)))
			img.Pix[off+1] = clamp8(int(1 + v*230))
			img.Pix[off+2] = clamp8(int(84 + math.Sin(v*math.Pi)*80 - v*48))
			img.Pix[off+3] = 255
		}
	}
	return img
}

// gradientFrame is a smooth 2-D colour gradient: red across, green down,
// blue along the diagonal.
func gradientFrame(w, h int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			off := img.PixOffset(x, y)
			img.Pix[off] = uint8(255 * x / (w - 1))
			img.Pix[off+1] = uint8(255 * y / (h - 1))
			img.Pix[off+2] = uint8(255 * (x + y) / (w + h - 2))
			img.Pix[off+3] = 255
		}
	}
	return img
}

// meanAbsError is the mean absolute difference per channel (R, G, B) between a and b.
func meanAbsError(t *testing.T, a, b image.Image) float64 {
	t.Helper()
	if a.Bounds().Size() != b.Bounds().Size() {
		t.Fatalf("sizes differ: %v and %v", a.Bounds(), b.Bounds())
	}
	ab, bb := a.Bounds(), b.Bounds()
	var sum float64
	for y := range ab.Dy() {
		for x := range ab.Dx() {
			c1 := color.RGBAModel.Convert(a.At(ab.Min.X+x, ab.Min.Y+y)).(color.RGBA)
			c2 := color.RGBAModel.Convert(b.At(bb.Min.X+x, bb.Min.Y+y)).(color.RGBA)
			sum += math.Abs(float64(c1.R)-float64(c2.R)) + math.Abs(float64(c1.G)-float64(c2.G)) + math.Abs(float64(c1.B)-float64(c2.B))
		}
	}
	return sum / float64(3*ab.Dx()*ab.Dy())
}

// compose plays the frames of a decoded GIF (each drawn over the previous,
// disposal "none") and returns what is on screen after each frame.
func compose(frames []*image.Paletted, w, h int) []*image.RGBA {
	canvas := image.NewRGBA(image.Rect(0, 0, w, h))
	var out []*image.RGBA
	for _, f := range frames {
		draw.Draw(canvas, f.Bounds(), f, f.Bounds().Min, draw.Over)
		out = append(out, image.NewRGBA(canvas.Bounds()))
		copy(out[len(out)-1].Pix, canvas.Pix)
	}
	return out
}

// dirNames lists the names in dir, sorted.
func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	slices.Sort(names)
	return names
}

// writeAll creates path, writes frames and closes it.
func writeAll(t *testing.T, path string, opts Options, frames []*image.RGBA) {
	t.Helper()
	w, err := Create(path, opts)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Abort()
	for _, f := range frames {
		if err := w.WriteFrame(f); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
}

func testFrames(w, h, n int) []*image.RGBA {
	var fs []*image.RGBA
	for i := range n {
		fs = append(fs, testFrame(w, h, i))
	}
	return fs
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func join(elem ...string) string { return filepath.Join(elem...) }

func sortedCopy(s []string) []string {
	c := slices.Clone(s)
	slices.Sort(c)
	return c
}

func stringsEqual(a, b []string) bool { return slices.Equal(a, b) }
