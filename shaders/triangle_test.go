package shaders

import (
	"image/color"
	"testing"
)

// TestTriangleFills: a triangle adds three vertices in the fill mode of the
// line shader and one triangle of indices pointing at them.
func TestTriangleFills(t *testing.T) {
	var l Lines
	l.Disc(0, 0, 1, Color{})
	blue := RGBA(color.RGBA{0, 0, 255, 255}, 1)
	l.Triangle(1, 2, 3, 4, 5, 6, blue)
	if l.Len() != 3 || len(l.Vertices) != 7 {
		t.Fatalf("%d triangles, %d vertices", l.Len(), len(l.Vertices))
	}
	want := [3][2]float32{{1, 2}, {3, 4}, {5, 6}}
	for k, v := range l.Vertices[4:] {
		if v.DstX != want[k][0] || v.DstY != want[k][1] || v.SrcX != fill || v.ColorB != 1 || v.ColorA != 1 {
			t.Errorf("vertex %d: %+v", k, v)
		}
	}
	if got := l.Indices[6:]; got[0] != 4 || got[1] != 5 || got[2] != 6 {
		t.Errorf("indices %v, want 4 5 6", got)
	}
}
