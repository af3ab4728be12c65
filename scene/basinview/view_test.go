package basinview

import (
	"math"
	"testing"

	"descent/scene/basins"
	"descent/scene/plot"
	"descent/scene/surface"
)

func measure(s string, size float64) (float64, float64) {
	return 0.6 * math.Abs(size) * float64(len(s)), math.Abs(size) * 1.2
}

// TestKeyPlacement: the key goes beside the plot when the pane has room on
// the right, under the x axis when it has room there, over the plot when
// only the top is free (a tall grid cell), and inside the plot's corner
// when nothing else fits; it never leaves its pane, and outside the corner
// case it covers no part of the plot.
func TestKeyPlacement(t *testing.T) {
	m := &basins.Map{N: 3, Steps: 10, Minima: make([]surface.Minimum, 4),
		Outcome: []int16{0, 1, 2, 3, basins.None, 0, 1, 2, 3}, StepsTo: make([]int32, 9)}
	st := plot.Style{Theme: plot.Light(), Scale: 1, LineW: 1, Measure: measure}
	res := Result{Map: m, Current: true, Full: true, Request: Request{N: 3}}
	pl := plot.Rect{X0: 60, Y0: 200, X1: 360, Y1: 500}
	tests := []struct {
		name string
		pane plot.Rect
		want func(box plot.Rect) bool
	}{
		{"room on the right", plot.Rect{X1: 1000, Y1: 560}, func(b plot.Rect) bool { return b.X0 > pl.X1 }},
		{"room under the axis", plot.Rect{X1: 400, Y1: 700}, func(b plot.Rect) bool { return b.Y0 > pl.Y1 }},
		{"room over the plot only", plot.Rect{X1: 400, Y1: 540}, func(b plot.Rect) bool { return b.Y1 < pl.Y0 }},
		{"no room outside", plot.Rect{Y0: 180, X1: 380, Y1: 520}, func(b plot.Rect) bool { return b.X0 >= pl.X0 && b.Y1 <= pl.Y1 }},
	}
	for _, tt := range tests {
		var k Key
		k.Prepare(KeyFrame{Plot: pl, Pane: tt.pane, Style: st, Title: "Basins of Adam lr=0.05", Result: res})
		b := k.Box()
		if b.Empty() || !tt.want(b) {
			t.Errorf("%s: key at %v", tt.name, b)
			continue
		}
		if b.X0 < tt.pane.X0 || b.Y0 < tt.pane.Y0 || b.X1 > tt.pane.X1 || b.Y1 > tt.pane.Y1 {
			t.Errorf("%s: key %v leaves its pane %v", tt.name, b, tt.pane)
		}
		if tt.name != "no room outside" && b.Overlaps(pl) {
			t.Errorf("%s: key %v covers the plot %v", tt.name, b, pl)
		}
	}
	// Inside the plot, the key goes to the bottom left corner, or to
	// another when a mark is there.
	var k Key
	tight := plot.Rect{Y0: 180, X1: 380, Y1: 520}
	k.Prepare(KeyFrame{Plot: pl, Pane: tight, Style: st, Result: res})
	corner := k.Box()
	if corner.Empty() || corner.X0 > pl.X0+pl.W()/3 || corner.Y1 < pl.Y1-pl.H()/3 {
		t.Errorf("with nothing to avoid, the key is at %v, not in the bottom left corner", corner)
	}
	mark := Mark{X: pl.X0 + 20, Y: pl.Y1 - 20, Weight: 1}
	k.Prepare(KeyFrame{Plot: pl, Pane: tight, Style: st, Result: res, Avoid: []Mark{mark}})
	if b := k.Box(); b.Empty() || b == corner || b.Contains(mark.X, mark.Y) || b.X0 < pl.X0 || b.X1 > pl.X1 || b.Y0 < pl.Y0 || b.Y1 > pl.Y1 {
		t.Errorf("with a mark in the bottom left corner, the key is at %v", b)
	}
	// A pane growing under the plot: the key first leaves the map without
	// its plain status line, and has it again once there is room for it.
	first, full := -1.0, -1.0
	for y1 := pl.Y1 + keyAxisRoom; y1 < pl.Y1+400 && full < 0; y1++ {
		var k Key
		k.Prepare(KeyFrame{Plot: pl, Pane: plot.Rect{Y0: pl.Y0, X1: 400, Y1: y1}, Style: st, Result: res})
		if k.Box().Y0 < pl.Y1 {
			continue // still in the map's corner
		}
		status := false
		for _, tx := range k.Texts() {
			status = status || tx.S == Status(res)
		}
		if first < 0 {
			first = y1
			if status {
				t.Errorf("the first key under the plot (pane foot %v) has its status line", y1)
			}
		}
		if status {
			full = y1
		}
	}
	if first < 0 || full <= first {
		t.Errorf("the key went under the plot at a pane foot of %v, with its status at %v", first, full)
	}
}
