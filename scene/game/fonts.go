package game

import (
	"bytes"
	"math"
	"sync"

	"github.com/hajimehoshi/ebiten/v2/text/v2"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
)

// fonts keeps one Go font face per pixel size (rounded to a quarter
// pixel) for the regular and bold weights. Sizes are asked for as
// negative numbers for bold, so a textItem needs no extra field.
type fonts struct {
	mu      sync.Mutex
	regular *text.GoTextFaceSource
	bold    *text.GoTextFaceSource
	faces   map[fontKey]*text.GoTextFace
}

type fontKey struct {
	size int // quarter pixels
	bold bool
}

func newFonts() (*fonts, error) {
	r, err := text.NewGoTextFaceSource(bytes.NewReader(goregular.TTF))
	if err != nil {
		return nil, err
	}
	b, err := text.NewGoTextFaceSource(bytes.NewReader(gobold.TTF))
	if err != nil {
		return nil, err
	}
	return &fonts{regular: r, bold: b, faces: map[fontKey]*text.GoTextFace{}}, nil
}

// face returns the face for a size in pixels (negative for bold).
func (f *fonts) face(size float64) *text.GoTextFace {
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
	face := &text.GoTextFace{Source: src, Size: float64(k.size) / 4}
	f.faces[k] = face
	return face
}

// measure returns the width and line height of s at a font size
// (negative for bold).
func (f *fonts) measure(s string, size float64) (w, h float64) {
	return text.Measure(s, f.face(size), 0)
}
