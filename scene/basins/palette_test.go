package basins

import (
	"image/color"
	"testing"
)

// TestColor: outcomes get their colours, minima darker with more steps,
// and no minimum's colour, at any brightness, is none's or diverged's.
func TestColor(t *testing.T) {
	tests := []struct {
		outcome, stepsTo, steps int
		want                    color.RGBA
	}{
		{0, 0, 100, color.RGBA{0x1f, 0x77, 0xb4, 0xff}},
		{0, 100, 100, color.RGBA{0x10, 0x3c, 0x5a, 0xff}},
		{1, 50, 100, color.RGBA{0xbf, 0x5f, 0x0b, 0xff}},
		{2, 0, 0, color.RGBA{0x2c, 0xa0, 0x2c, 0xff}},
		{None, 7, 100, NoneColor},
		{Diverged, 7, 100, DivergedColor},
	}
	for _, tt := range tests {
		if got := Color(tt.outcome, tt.stepsTo, tt.steps); got != tt.want {
			t.Errorf("Color(%d, %d, %d) = %v, want %v", tt.outcome, tt.stepsTo, tt.steps, got, tt.want)
		}
	}
	seen := map[color.RGBA]int{}
	for m := range 30 {
		c := MinimumColor(m)
		if prev, ok := seen[c]; ok {
			t.Errorf("minima %d and %d share the colour %v", prev, m, c)
		}
		seen[c] = m
		for s := 0; s <= 10; s++ {
			if c := Color(m, s, 10); c == NoneColor || c == DivergedColor {
				t.Errorf("minimum %d after %d of 10 steps has the colour of none or diverged", m, s)
			}
		}
	}
}

// TestImage: the map's picture has a pixel per cell in the cell's colour,
// row 0 of the grid at the bottom.
func TestImage(t *testing.T) {
	m := &Map{N: 2, Steps: 10, Outcome: []int16{0, None, Diverged, 1}, StepsTo: []int32{0, 10, 4, 10}}
	img := m.Image()
	want := map[[2]int]color.RGBA{
		{0, 1}: MinimumColor(0), {1, 1}: NoneColor, // row 0, at the bottom
		{0, 0}: DivergedColor, {1, 0}: Color(1, 10, 10),
	}
	for p, c := range want {
		if got := img.RGBAAt(p[0], p[1]); got != c {
			t.Errorf("pixel %v = %v, want %v", p, got, c)
		}
	}
}
