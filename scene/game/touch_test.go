package game

import (
	"math"
	"testing"
)

// TestTouchGestures: one finger orbits by its motion, two fingers pinch
// about their midpoint and pan with it, and lifting a finger after a pinch
// does not make the view jump.
func TestTouchGestures(t *testing.T) {
	var ts touchState
	type tick struct {
		pts  []touchPoint
		want touchMove
	}
	ticks := []tick{
		{[]touchPoint{{1, 100, 100}}, touchMove{}},                      // finger down: nothing yet
		{[]touchPoint{{1, 110, 95}}, touchMove{orbitX: 10, orbitY: -5}}, // drag
		{nil, touchMove{}}, // lifted
		{[]touchPoint{{2, 100, 100}, {3, 200, 100}}, touchMove{}}, // two fingers down
		// Spread to twice the distance around the same midpoint: zoom in by 2.
		{[]touchPoint{{2, 50, 100}, {3, 250, 100}}, touchMove{zoom: 0.5, atX: 150, atY: 100}},
		// Both move down by 20: pan, no zoom change.
		{[]touchPoint{{2, 50, 120}, {3, 250, 120}}, touchMove{panY: 20, zoom: 1, atX: 150, atY: 120}},
		// One finger lifts: no orbit from the remaining finger's old place.
		{[]touchPoint{{3, 250, 120}}, touchMove{}},
		// It moves on: orbit again.
		{[]touchPoint{{3, 240, 120}}, touchMove{orbitX: -10}},
	}
	for i, tc := range ticks {
		got := ts.update(tc.pts)
		if !nearMove(got, tc.want) {
			t.Errorf("tick %d: %+v, want %+v", i, got, tc.want)
		}
	}
}

func nearMove(a, b touchMove) bool {
	va := []float64{a.orbitX, a.orbitY, a.panX, a.panY, a.zoom, a.atX, a.atY}
	vb := []float64{b.orbitX, b.orbitY, b.panX, b.panY, b.zoom, b.atX, b.atY}
	for i := range va {
		if math.Abs(va[i]-vb[i]) > 1e-9 {
			return false
		}
	}
	return true
}
