package plot

import "math"

// Rect is a rectangle of the screen in pixels: X0, Y0 is the top left
// corner, X1, Y1 the bottom right one (exclusive).
type Rect struct {
	X0, Y0, X1, Y1 float64
}

// W returns the width.
func (r Rect) W() float64 { return r.X1 - r.X0 }

// H returns the height.
func (r Rect) H() float64 { return r.Y1 - r.Y0 }

// Empty reports whether r covers no pixel.
func (r Rect) Empty() bool { return !(r.W() > 0 && r.H() > 0) }

// Contains reports whether pixel (x, y) lies in r.
func (r Rect) Contains(x, y float64) bool {
	return x >= r.X0 && x < r.X1 && y >= r.Y0 && y < r.Y1
}

// Inset returns r shrunk by the given margins (negative ones grow it).
func (r Rect) Inset(left, top, right, bottom float64) Rect {
	return Rect{r.X0 + left, r.Y0 + top, r.X1 - right, r.Y1 - bottom}
}

// Union returns the smallest rectangle holding r and o (an empty one is
// left out).
func (r Rect) Union(o Rect) Rect {
	switch {
	case o.Empty():
		return r
	case r.Empty():
		return o
	}
	return Rect{math.Min(r.X0, o.X0), math.Min(r.Y0, o.Y0), math.Max(r.X1, o.X1), math.Max(r.Y1, o.Y1)}
}

// Overlaps reports whether r and o share a pixel.
func (r Rect) Overlaps(o Rect) bool {
	return r.X0 < o.X1 && o.X0 < r.X1 && r.Y0 < o.Y1 && o.Y0 < r.Y1
}

// DataRect is a rectangle of data space (x to the right, y up).
type DataRect struct {
	X0, X1, Y0, Y1 float64
}
