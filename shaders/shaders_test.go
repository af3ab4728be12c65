package shaders

import (
	"image/color"
	"math"
	"testing"
)

func TestShadersCompile(t *testing.T) {
	for name, get := range map[string]func() (any, error){
		"surface": func() (any, error) { return Surface() },
		"line":    func() (any, error) { return Line() },
	} {
		sh, err := get()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		again, _ := get()
		if sh != again {
			t.Errorf("%s compiled twice", name)
		}
	}
}

func TestLinesGeometry(t *testing.T) {
	var l Lines
	red := RGBA(color.RGBA{255, 0, 0, 255}, 0.5)
	if red != (Color{0.5, 0, 0, 0.5}) {
		t.Fatalf("RGBA premultiplied = %v", red)
	}
	l.Segment(10, 10, 30, 10, 4, red)
	l.Disc(50, 50, 3, red)
	l.Polygon([][2]float32{{0, 0}, {10, 0}, {10, 10}, {0, 10}}, red)
	if l.Len() != 6 || len(l.Vertices) != 12 {
		t.Fatalf("%d triangles, %d vertices", l.Len(), len(l.Vertices))
	}
	// The segment's quad covers the capsule plus a pixel of feather:
	// x from 10-3 to 30+3, y from 10-3 to 10+3.
	minX, maxX, minY, maxY := float32(math.Inf(1)), float32(math.Inf(-1)), float32(math.Inf(1)), float32(math.Inf(-1))
	for _, v := range l.Vertices[:4] {
		minX, maxX = min(minX, v.DstX), max(maxX, v.DstX)
		minY, maxY = min(minY, v.DstY), max(maxY, v.DstY)
		if v.Custom0 != v.DstX-10 || v.Custom1 != v.DstY-10 || v.Custom2 != 20 || v.Custom3 != 0 || v.SrcX != 2 {
			t.Errorf("vertex %+v", v)
		}
	}
	if minX != 7 || maxX != 33 || minY != 7 || maxY != 13 {
		t.Errorf("segment quad spans x %v..%v y %v..%v", minX, maxX, minY, maxY)
	}
	for _, i := range l.Indices {
		if int(i) >= len(l.Vertices) {
			t.Fatalf("index %d out of range", i)
		}
	}
	l.Reset()
	if l.Len() != 0 || len(l.Vertices) != 0 {
		t.Error("Reset left triangles")
	}
}

func TestSurfaceUniforms(t *testing.T) {
	u := SurfaceUniforms{LightDir: [3]float32{0, 0, 2}, Alpha: 0.7}
	m := u.Map()
	if d := m["LightDir"].([]float32); d[2] != 1 {
		t.Errorf("LightDir not normalised: %v", d)
	}
	if d := m["ViewDir"].([]float32); d[2] != 1 {
		t.Errorf("zero ViewDir gives %v", d)
	}
	if m["Alpha"].(float32) != 0.7 {
		t.Errorf("Alpha = %v", m["Alpha"])
	}
	if m["StabilityOn"].(float32) != 0 {
		t.Errorf("StabilityOn = %v without the overlay", m["StabilityOn"])
	}
	u.Stability, u.StabilityColor = true, [3]float32{1, 0, 1}
	if m = u.Map(); m["StabilityOn"].(float32) != 1 || m["StabilityColor"].([]float32)[2] != 1 {
		t.Errorf("overlay uniforms %v %v", m["StabilityOn"], m["StabilityColor"])
	}
	v := SurfaceVertex(1, 2, 1, 0, 0, 1, 3, 4)
	if v.SrcX != 255.5 || v.ColorB != 1 || v.Custom0 != 3 || v.Custom1 != 4 || v.Custom2 != 0 {
		t.Errorf("SurfaceVertex = %+v", v)
	}
	SetStability(&v, 1.5)
	if v.Custom2 != 1.5 {
		t.Errorf("SetStability: Custom2 %v", v.Custom2)
	}
}
