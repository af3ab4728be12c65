package plot

import (
	"image"
	"image/color"
	"testing"
)

// TestDots: a dot covers the pixels around its point, full at the centre
// and softer at the edges, in its colour; dots outside the layer are left
// out; the box grows to hold the dots and Reset clears what they wrote.
func TestDots(t *testing.T) {
	red := color.RGBA{200, 0, 0, 255}
	tests := []struct {
		name    string
		x, y    float32
		alpha   float32
		big     bool
		box     image.Rectangle
		centre  color.RGBA
		counted bool
	}{
		{"small", 10.5, 20.5, 1, false, image.Rect(9, 19, 12, 22), color.RGBA{200, 0, 0, 255}, true},
		{"big", 10.5, 20.5, 1, true, image.Rect(7, 17, 13, 23), color.RGBA{200, 0, 0, 255}, true},
		{"half", 10.5, 20.5, 0.5, false, image.Rect(9, 19, 12, 22), color.RGBA{100, 0, 0, 127}, true},
		{"at the corner", 0.2, 0.2, 1, false, image.Rect(0, 0, 2, 2), color.RGBA{200, 0, 0, 255}, true},
		{"outside", -5, 10, 1, false, image.Rectangle{}, color.RGBA{}, false},
		{"beyond", 40, 10, 1, false, image.Rectangle{}, color.RGBA{}, false},
		{"transparent", 10, 10, 0, false, image.Rectangle{}, color.RGBA{}, false},
	}
	var d Dots
	for _, tt := range tests {
		d.Reset(32, 24)
		d.Add(tt.x, tt.y, red, tt.alpha, tt.big)
		if d.Box() != tt.box || (d.Len() == 1) != tt.counted {
			t.Errorf("%s: box %v, %d dots; want %v", tt.name, d.Box(), d.Len(), tt.box)
		}
		if tt.box.Empty() {
			continue
		}
		cx, cy := int(tt.x), int(tt.y)
		if got := d.At(cx, cy); got != tt.centre {
			t.Errorf("%s: centre %v, want %v", tt.name, got, tt.centre)
		}
		if e := d.At(tt.box.Max.X-1, tt.box.Max.Y-1); !(e.A > 0 && e.A < d.At(cx, cy).A) {
			t.Errorf("%s: corner %v not softer than the centre", tt.name, e)
		}
	}
	// Two dots: the box holds both; a second dot over the first covers it.
	d.Reset(32, 24)
	d.Add(3, 3, red, 1, false)
	d.Add(20, 15, color.RGBA{0, 0, 255, 255}, 1, false)
	d.Add(20, 15, red, 1, false)
	if d.Box() != image.Rect(2, 2, 22, 17) || d.Len() != 3 {
		t.Errorf("box %v, %d dots", d.Box(), d.Len())
	}
	if got := d.At(20, 15); got != red {
		t.Errorf("the dot on top shows %v, want %v", got, red)
	}
	d.Reset(32, 24)
	for y := range 24 {
		for x := range 32 {
			if d.At(x, y) != (color.RGBA{}) {
				t.Fatalf("pixel %d, %d left at %v after Reset", x, y, d.At(x, y))
			}
		}
	}
}

// TestDotsResizeDropsPending: dots added but not drawn before a Reset to
// a smaller layer are dropped, not written into the new buffer (which
// would write past its end).
func TestDotsResizeDropsPending(t *testing.T) {
	var d Dots
	red := color.RGBA{200, 0, 0, 255}
	d.Reset(640, 480)
	d.Add(600, 450, red, 1, false)
	d.Add(5, 5, red, 1, false)
	d.Reset(100, 60) // panicked: the pending dots were written at the new size
	if d.Len() != 0 || !d.Box().Empty() {
		t.Fatalf("after Reset: %d dots, box %v; want none", d.Len(), d.Box())
	}
	if got := d.At(5, 5); got != (color.RGBA{}) {
		t.Errorf("a dot added before the Reset shows at (5, 5): %v", got)
	}
	d.Add(50, 30, red, 1, false)
	if got := d.At(50, 30); got != red {
		t.Errorf("a dot after the Reset shows %v, want %v", got, red)
	}
}

// BenchmarkDots reports the cost of one dot of a 40,000-dot layer.
func BenchmarkDots(b *testing.B) {
	var d Dots
	c := color.RGBA{30, 120, 200, 255}
	for b.Loop() {
		d.Reset(1280, 720)
		for i := range 40_000 {
			d.Add(float32(i*37%1280), float32(i*53%720), c, 0.9, false)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(40_000*b.N), "ns/dot")
}
