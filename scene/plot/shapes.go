package plot

import (
	"image"
	"image/color"
	"math"

	"github.com/hajimehoshi/ebiten/v2"

	"descent/shaders"
)

// FillRect adds a filled rectangle to l.
func FillRect(l *shaders.Lines, r Rect, c color.RGBA, alpha float64) {
	l.Polygon(corners(r), shaders.RGBA(c, alpha))
}

// OutlineRect adds the four edges of r to l.
func OutlineRect(l *shaders.Lines, r Rect, width float32, c shaders.Color) {
	pts := corners(r)
	for k := range 4 {
		a, b := pts[k], pts[(k+1)%4]
		l.Segment(a[0], a[1], b[0], b[1], width, c)
	}
}

func corners(r Rect) [][2]float32 {
	return [][2]float32{{float32(r.X0), float32(r.Y0)}, {float32(r.X1), float32(r.Y0)}, {float32(r.X1), float32(r.Y1)}, {float32(r.X0), float32(r.Y1)}}
}

// Arrow adds an arrow from (ax, ay) to (bx, by) with a head of the given
// length; arrows shorter than a pixel are left out.
func Arrow(l *shaders.Lines, ax, ay, bx, by, width, head float64, c shaders.Color) {
	dx, dy := bx-ax, by-ay
	n := math.Hypot(dx, dy)
	if !(n >= 1) || math.IsInf(n, 0) {
		return
	}
	head = math.Min(head, n*0.45)
	ux, uy := dx/n, dy/n
	// The shaft stops where the head starts.
	sx, sy := bx-ux*head*0.8, by-uy*head*0.8
	l.Segment(float32(ax), float32(ay), float32(sx), float32(sy), float32(width), c)
	hw := head * 0.45
	px, py := -uy*hw, ux*hw
	bx0, by0 := bx-ux*head, by-uy*head
	l.Polygon([][2]float32{{float32(bx), float32(by)}, {float32(bx0 + px), float32(by0 + py)}, {float32(bx0 - px), float32(by0 - py)}}, c)
}

// MarkMinimum adds a light cross with a dark outline of half-size r
// centred at (x, y): how every flat view marks a known minimum.
func MarkMinimum(l *shaders.Lines, x, y, r, lineW float64, th Theme) {
	for _, pass := range []struct {
		w float64
		c shaders.Color
	}{{4.2 * lineW, shaders.RGBA(th.Outline, 0.9)}, {2 * lineW, shaders.RGBA(th.Halo, 1)}} {
		l.Segment(float32(x-r), float32(y-r), float32(x+r), float32(y+r), float32(pass.w), pass.c)
		l.Segment(float32(x-r), float32(y+r), float32(x+r), float32(y-r), float32(pass.w), pass.c)
	}
}

// SubImage returns the part of dst inside r (whole pixels), to clip a
// pane's drawing to it.
func SubImage(dst *ebiten.Image, r Rect) *ebiten.Image {
	b := image.Rect(int(math.Floor(r.X0)), int(math.Floor(r.Y0)), int(math.Ceil(r.X1)), int(math.Ceil(r.Y1)))
	return dst.SubImage(b).(*ebiten.Image)
}
