package basinplot

import (
	"image"
	"image/color"
	"image/draw"
	"math"
	"sync"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
	"golang.org/x/image/vector"
)

// canvas draws lines, shapes and text into an RGBA image, without a display.
type canvas struct {
	img *image.RGBA
	z   *vector.Rasterizer
}

func newCanvas(w, h int, bg color.RGBA) *canvas {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.Draw(img, img.Bounds(), image.NewUniform(bg), image.Point{}, draw.Src)
	return &canvas{img: img, z: vector.NewRasterizer(1, 1)}
}

// fill paints r in c (opaque).
func (c *canvas) fill(r image.Rectangle, col color.RGBA) {
	draw.Draw(c.img, r, image.NewUniform(col), image.Point{}, draw.Src)
}

// segment strokes an anti-aliased line of width w from (ax, ay) to (bx, by)
// with square ends.
func (c *canvas) segment(ax, ay, bx, by, w float64, col color.RGBA) {
	dx, dy := bx-ax, by-ay
	l := math.Hypot(dx, dy)
	if l == 0 {
		return
	}
	// Half-width normal and tangent, and the quad's corners.
	nx, ny := -dy/l*w/2, dx/l*w/2
	tx, ty := dx/l*w/2, dy/l*w/2
	pts := [4][2]float64{{ax - tx + nx, ay - ty + ny}, {bx + tx + nx, by + ty + ny}, {bx + tx - nx, by + ty - ny}, {ax - tx - nx, ay - ty - ny}}
	// Rasterize only the quad's bounding box.
	x0, y0, x1, y1 := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, p := range pts {
		x0, y0, x1, y1 = math.Min(x0, p[0]), math.Min(y0, p[1]), math.Max(x1, p[0]), math.Max(y1, p[1])
	}
	box := image.Rect(int(math.Floor(x0)), int(math.Floor(y0)), int(math.Ceil(x1)), int(math.Ceil(y1))).Intersect(c.img.Bounds())
	if box.Empty() {
		return
	}
	ox, oy := float64(box.Min.X), float64(box.Min.Y)
	c.z.Reset(box.Dx(), box.Dy())
	c.z.MoveTo(float32(pts[0][0]-ox), float32(pts[0][1]-oy))
	for _, p := range pts[1:] {
		c.z.LineTo(float32(p[0]-ox), float32(p[1]-oy))
	}
	c.z.ClosePath()
	c.z.Draw(c.img, box, image.NewUniform(col), image.Point{})
}

// cross marks a minimum as the window's contour view does: an X of radius
// r, a dark outline under a light stroke.
func (c *canvas) cross(x, y, r float64, outline, halo color.RGBA) {
	for _, pass := range []struct {
		w   float64
		col color.RGBA
	}{{4.2, outline}, {2, halo}} {
		c.segment(x-r, y-r, x+r, y+r, pass.w, pass.col)
		c.segment(x-r, y+r, x+r, y-r, pass.w, pass.col)
	}
}

// Fonts, parsed once: the Go fonts are embedded and always parse.
var (
	fontsOnce     sync.Once
	regular, bold *opentype.Font
	faceMu        sync.Mutex
	faces         = map[faceKey]font.Face{}
)

type faceKey struct {
	size float64
	bold bool
}

// face returns the Go font at size pixels (bold or regular).
func face(size float64, isBold bool) font.Face {
	fontsOnce.Do(func() {
		regular, _ = opentype.Parse(goregular.TTF)
		bold, _ = opentype.Parse(gobold.TTF)
	})
	faceMu.Lock()
	defer faceMu.Unlock()
	k := faceKey{size, isBold}
	if f, ok := faces[k]; ok {
		return f
	}
	src := regular
	if isBold {
		src = bold
	}
	f, _ := opentype.NewFace(src, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingFull})
	faces[k] = f
	return f
}

// textWidth returns the advance of s in pixels.
func textWidth(s string, size float64, isBold bool) float64 {
	return float64(font.MeasureString(face(size, isBold), s)) / 64
}

// text draws s with its left end at x and its baseline at y.
func (c *canvas) text(s string, x, y, size float64, isBold bool, col color.RGBA) {
	d := font.Drawer{Dst: c.img, Src: image.NewUniform(col), Face: face(size, isBold),
		Dot: fixed.Point26_6{X: fixed.Int26_6(math.Round(x * 64)), Y: fixed.Int26_6(math.Round(y * 64))}}
	d.DrawString(s)
}

// textAt draws s aligned at (x, y): ax 0 left, 0.5 centre, 1 right; the
// baseline at y plus a third of the size times ay (ay 1 centres it
// vertically on y).
func (c *canvas) textAt(s string, x, y, ax, ay, size float64, isBold bool, col color.RGBA) {
	w := textWidth(s, size, isBold)
	c.text(s, x-ax*w, y+ay*size*0.35, size, isBold, col)
}

// elide shortens s with an ellipsis until it fits in width pixels.
func elide(s string, width, size float64, isBold bool) string {
	if textWidth(s, size, isBold) <= width {
		return s
	}
	r := []rune(s)
	for len(r) > 0 && textWidth(string(r)+"…", size, isBold) > width {
		r = r[:len(r)-1]
	}
	return string(r) + "…"
}
