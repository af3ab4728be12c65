//go:build !js

package plot

import (
	"bytes"

	"github.com/hajimehoshi/ebiten/v2/text/v2"
)

// On the desktop, text is shaped and drawn by Ebiten's GoTextFace (go-text's
// HarfBuzz port). The web page's program draws it with x/image's OpenType
// rasterizer instead (fonts_js.go).
type fontSource = *text.GoTextFaceSource

func loadFont(ttf []byte) (fontSource, error) { return text.NewGoTextFaceSource(bytes.NewReader(ttf)) }

func newFace(src fontSource, size float64) text.Face {
	return &text.GoTextFace{Source: src, Size: size}
}
