package plot

import (
	"image/color"
	"math"
	"sync"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
)

// Fonts keeps one Go font face per pixel size (rounded to a quarter pixel)
// for the regular and bold weights, and draws Text items with them. Text
// is rendered from the fonts' outlines at the size asked, so it is crisp at
// every scale factor. Fonts is safe for concurrent use.
type Fonts struct {
	mu      sync.Mutex
	regular fontSource
	bold    fontSource
	faces   map[fontKey]text.Face
}

type fontKey struct {
	size int // quarter pixels
	bold bool
}

// NewFonts loads the Go fonts.
func NewFonts() (*Fonts, error) {
	r, err := loadFont(goregular.TTF)
	if err != nil {
		return nil, err
	}
	b, err := loadFont(gobold.TTF)
	if err != nil {
		return nil, err
	}
	return &Fonts{regular: r, bold: b, faces: map[fontKey]text.Face{}}, nil
}

// Face returns the face for a size in pixels (negative for bold).
func (f *Fonts) Face(size float64) text.Face {
	k := fontKey{size: max(4, int(math.Round(math.Abs(size)*4))), bold: size < 0}
	f.mu.Lock()
	defer f.mu.Unlock()
	if face, ok := f.faces[k]; ok {
		return face
	}
	src := f.regular
	if k.bold {
		src = f.bold
	}
	face := newFace(src, float64(k.size)/4)
	f.faces[k] = face
	return face
}

// Measure returns the width and line height of s at a font size (negative
// for bold). It is a Measure.
func (f *Fonts) Measure(s string, size float64) (w, h float64) {
	return text.Measure(s, f.Face(size), 0)
}

// Draw draws one text item at whole pixels.
func (f *Fonts) Draw(dst *ebiten.Image, t Text) {
	if t.Math {
		f.drawMath(dst, t)
		return
	}
	face := f.Face(t.Size)
	w, h := text.Measure(t.S, face, 0)
	op := &text.DrawOptions{}
	op.GeoM.Translate(math.Round(t.X-t.AX*w), math.Round(t.Y-t.AY*h))
	op.ColorScale.ScaleWithColor(t.Color)
	text.Draw(dst, t.S, face, op)
}

// DrawAll draws every text item, whatever its layer.
func (f *Fonts) DrawAll(dst *ebiten.Image, texts []Text) {
	for _, t := range texts {
		f.Draw(dst, t)
	}
}

// DrawLayer draws the text items of one layer.
func (f *Fonts) DrawLayer(dst *ebiten.Image, texts []Text, layer int) {
	for _, t := range texts {
		if t.Layer == layer {
			f.Draw(dst, t)
		}
	}
}

// DrawRotated draws s centred at (x, y), turned by angle radians (the
// labels along contour lines), with linear filtering.
func (f *Fonts) DrawRotated(dst *ebiten.Image, s string, x, y, angle, size float64, c color.RGBA) {
	face := f.Face(size)
	w, h := text.Measure(s, face, 0)
	op := &text.DrawOptions{}
	op.GeoM.Translate(-w/2, -h/2)
	op.GeoM.Rotate(angle)
	op.GeoM.Translate(x, y)
	op.ColorScale.ScaleWithColor(c)
	op.Filter = ebiten.FilterLinear
	text.Draw(dst, s, face, op)
}
