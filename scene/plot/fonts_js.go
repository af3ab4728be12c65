//go:build js

package plot

import (
	"github.com/hajimehoshi/ebiten/v2/text/v2"
	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
)

// In the web page, text is drawn from the same Go fonts with x/image's
// OpenType rasterizer (Ebiten's GoXFace): go-text's shaping engine, which
// the desktop uses (fonts_gotext.go), would add about 0.9 MB to the page's
// compressed program, and Descent's labels need no complex shaping.
type fontSource = *opentype.Font

func loadFont(ttf []byte) (fontSource, error) { return opentype.Parse(ttf) }

func newFace(src fontSource, size float64) text.Face {
	face, err := opentype.NewFace(src, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		panic(err) // the embedded fonts parse, and every size is positive
	}
	return text.NewGoXFace(face)
}
