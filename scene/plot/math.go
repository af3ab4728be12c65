package plot

import (
	"math"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"

	"descent/scene/mathtext"
)

// scriptScale is a script's font size relative to the text around it.
const scriptScale = 0.7

// mathPiece is one span of a math text laid out: its offset from the
// text's top left and its font size.
type mathPiece struct {
	text   string
	dx, dy float64
	size   float64
	flip   bool
	accent string  // drawn centred over the piece
	w      float64 // the piece's width
}

// layoutMath lays out s (package mathtext's TeX) at size with measure:
// scripts smaller and raised or lowered, the whole box's width and height.
func layoutMath(measure Measure, s string, size float64) (pieces []mathPiece, w, h float64) {
	base := math.Abs(size)
	_, lineH := measure("Ag", size)
	top := 0.28 * base // room above for superscripts
	for _, sp := range mathtext.Parse(s) {
		lv := sp.Level
		sz := base * math.Pow(scriptScale, math.Abs(float64(lv)))
		if size < 0 {
			sz = -sz
		}
		_, ph := measure("Ag", sz)
		dy := top + (lineH-ph)*0.78 // the smaller face's baseline on the base's
		switch {
		case lv > 0:
			dy -= 0.36 * base * float64(lv)
		case lv < 0:
			dy += 0.2 * base * float64(-lv)
		}
		pw, _ := measure(sp.Text, sz)
		pieces = append(pieces, mathPiece{text: sp.Text, dx: w, dy: dy, size: sz, flip: sp.Flip, accent: sp.Accent, w: pw})
		w += pw
	}
	return pieces, w, lineH + top + 0.16*base
}

// MeasureMath returns the width and height of math text s at size.
func MeasureMath(measure Measure, s string, size float64) (w, h float64) {
	_, w, h = layoutMath(measure, s, size)
	return w, h
}

// MeasureMathText measures math text t at size with the style's measure.
func (s Style) MeasureMathText(t string, size float64) (float64, float64) {
	m := s.Measure
	if m == nil {
		m = Rough
	}
	return MeasureMath(m, t, size)
}

// drawMath draws a math text item at whole pixels.
func (f *Fonts) drawMath(dst *ebiten.Image, t Text) {
	pieces, w, h := layoutMath(f.Measure, t.S, t.Size)
	x0, y0 := math.Round(t.X-t.AX*w), math.Round(t.Y-t.AY*h)
	for _, p := range pieces {
		face := f.Face(p.size)
		op := &text.DrawOptions{}
		if p.flip { // turned over about its own middle
			pw, ph := text.Measure(p.text, face, 0)
			op.GeoM.Translate(-pw/2, -ph/2)
			op.GeoM.Scale(1, -1)
			op.GeoM.Translate(pw/2, ph/2+0.06*ph)
		}
		op.GeoM.Translate(x0+p.dx, y0+p.dy)
		op.ColorScale.ScaleWithColor(t.Color)
		op.Filter = ebiten.FilterLinear
		text.Draw(dst, p.text, face, op)
		if p.accent != "" {
			aw, _ := text.Measure(p.accent, face, 0)
			ao := &text.DrawOptions{}
			ao.GeoM.Translate(x0+p.dx+p.w/2-aw/2, y0+p.dy-0.42*math.Abs(p.size))
			ao.ColorScale.ScaleWithColor(t.Color)
			ao.Filter = ebiten.FilterLinear
			text.Draw(dst, p.accent, face, ao)
		}
	}
}
