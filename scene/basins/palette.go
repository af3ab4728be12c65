package basins

import (
	"image"
	"image/color"
	"math"
)

// The colours of a basins map, shared by the PNG of `descent basins` and the
// window's basins view so that both read the same.
var (
	// NoneColor marks starts that end nowhere near a known minimum.
	NoneColor = color.RGBA{0xd4, 0xd7, 0xdc, 0xff}
	// DivergedColor marks starts whose run diverged.
	DivergedColor = color.RGBA{0x11, 0x11, 0x11, 0xff}
)

// hues are the minima's colours at full brightness, in index order
// (matplotlib's tab10 without its grey, which is close to NoneColor).
var hues = []color.RGBA{
	{0x1f, 0x77, 0xb4, 0xff}, // blue
	{0xff, 0x7f, 0x0e, 0xff}, // orange
	{0x2c, 0xa0, 0x2c, 0xff}, // green
	{0xd6, 0x27, 0x28, 0xff}, // red
	{0x94, 0x67, 0xbd, 0xff}, // purple
	{0x8c, 0x56, 0x4b, 0xff}, // brown
	{0xe3, 0x77, 0xc2, 0xff}, // pink
	{0xbc, 0xbd, 0x22, 0xff}, // olive
	{0x17, 0xbe, 0xcf, 0xff}, // cyan
}

// SlowestBrightness is the brightness of a start that reached its minimum
// only at the last step, relative to one that started there: brightness
// falls linearly from 1 at 0 steps to this at all the steps.
const SlowestBrightness = 0.5

// MinimumColor returns minimum m's colour at full brightness: the nine
// colours of matplotlib's tab10 (grey left out) for the first nine minima,
// then hues 137.5 degrees apart.
func MinimumColor(m int) color.RGBA {
	if m >= 0 && m < len(hues) {
		return hues[m]
	}
	h := math.Mod(float64(m-len(hues))*137.50776405, 360)
	return hsv(h, 0.75, 0.85)
}

// Color returns the colour of a start with the given outcome (a minimum's
// index, None or Diverged) that took stepsTo of steps steps to get within
// tolerance: its minimum's colour, darker the more steps it took.
func Color(outcome, stepsTo, steps int) color.RGBA {
	switch {
	case outcome == Diverged:
		return DivergedColor
	case outcome < 0:
		return NoneColor
	}
	c := MinimumColor(outcome)
	f := 0.0
	if steps > 0 {
		f = math.Min(1, math.Max(0, float64(stepsTo)/float64(steps)))
	}
	b := 1 - (1-SlowestBrightness)*f
	scale := func(v uint8) uint8 { return uint8(math.Round(float64(v) * b)) }
	return color.RGBA{scale(c.R), scale(c.G), scale(c.B), 0xff}
}

// CellColor returns the colour of cell k of m.
func (m *Map) CellColor(k int) color.RGBA {
	return Color(int(m.Outcome[k]), int(m.StepsTo[k]), m.Steps)
}

// hsv converts a hue in degrees, saturation and value in [0, 1] to RGB.
func hsv(h, s, v float64) color.RGBA {
	c := v * s
	x := c * (1 - math.Abs(math.Mod(h/60, 2)-1))
	var r, g, b float64
	switch {
	case h < 60:
		r, g = c, x
	case h < 120:
		r, g = x, c
	case h < 180:
		g, b = c, x
	case h < 240:
		g, b = x, c
	case h < 300:
		r, b = x, c
	default:
		r, b = c, x
	}
	m := v - c
	to := func(u float64) uint8 { return uint8(math.Round((u + m) * 255)) }
	return color.RGBA{to(r), to(g), to(b), 0xff}
}

// Image returns the map as an N x N picture, one pixel per cell in its
// colour, the top row being the cells of largest y (as a window draws it,
// scaled to its pane).
func (m *Map) Image() *image.RGBA {
	n := m.N
	img := image.NewRGBA(image.Rect(0, 0, n, n))
	for k := range m.Outcome {
		i, j := k%n, k/n
		img.SetRGBA(i, n-1-j, m.CellColor(k))
	}
	return img
}
