package plot

import "image/color"

// Text is one piece of text placed on screen: its anchor point (X, Y) and
// which point of the text's box sits there (AX, AY in [0, 1]: 0, 0 is the
// top left, 0.5, 0.5 the centre).
type Text struct {
	S      string
	X, Y   float64
	AX, AY float64
	// Size is the font size in pixels; a negative size asks for bold.
	Size  float64
	Color color.RGBA
	// W and H are the measured size, when known (for collision checks).
	W, H float64
	// Layer orders overlapping texts: 0 the axes', 1 the legend's and
	// HUD's, 2 the help's.
	Layer int
	// Math draws S as math text (package mathtext: \alpha, x_t, x^{2}).
	Math bool
}

// Box returns the screen rectangle of a text whose size is known.
func (t Text) Box() Rect {
	x0, y0 := t.X-t.AX*t.W, t.Y-t.AY*t.H
	return Rect{x0, y0, x0 + t.W, y0 + t.H}
}

// Measure returns the width and height of s at a font size in pixels
// (negative for bold).
type Measure func(s string, size float64) (w, h float64)

// Rough is a Measure that needs no fonts: a fixed advance per byte. Panes
// fall back to it when they are given none, so their layout works in tests.
func Rough(s string, size float64) (float64, float64) {
	if size < 0 {
		size = -size
	}
	return float64(len(s)) * size * 0.55, size * 1.2
}
