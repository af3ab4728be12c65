package game

import (
	"math"

	"github.com/hajimehoshi/ebiten/v2"
)

// touchState follows the fingers on a touch screen: one finger orbits the
// camera like a left drag, two fingers pinch to zoom and move to pan.
type touchState struct {
	ids  []ebiten.TouchID
	pts  []touchPoint
	last map[ebiten.TouchID][2]float64
	// mid and dist are the two fingers' midpoint and distance at the last
	// tick (dist 0: not pinching).
	mid  [2]float64
	dist float64
}

// touchPoint is one finger on the screen.
type touchPoint struct {
	id   ebiten.TouchID
	x, y float64
}

// touchMove is what the fingers did since the last tick.
type touchMove struct {
	orbitX, orbitY float64 // one finger's motion in pixels
	panX, panY     float64 // two fingers' midpoint motion in pixels
	zoom           float64 // distance factor (below 1: zoom in); 0: none
	atX, atY       float64 // the point to zoom about
}

// touchInput maps the touches of this tick to camera moves (called from
// handleInput in Update).
func (g *Game) touchInput() {
	t := &g.touch
	t.ids = ebiten.AppendTouchIDs(t.ids[:0])
	t.pts = t.pts[:0]
	for _, id := range t.ids {
		x, y := ebiten.TouchPosition(id)
		t.pts = append(t.pts, touchPoint{id, float64(x), float64(y)})
	}
	m := t.update(t.pts)
	if m.orbitX != 0 || m.orbitY != 0 {
		k := dragDegreesPerPixel / g.dpi
		g.cam.Rotate(-m.orbitX*k, m.orbitY*k)
	}
	if m.panX != 0 || m.panY != 0 {
		g.cam.Pan(m.panX, m.panY)
	}
	if m.zoom > 0 && m.zoom != 1 {
		g.cam.ZoomAt(m.zoom, m.atX, m.atY)
	}
}

// update takes the fingers down this tick and returns the move they made.
// A finger that stays after a pinch does not orbit until its next tick, so
// lifting one finger never makes the view jump.
func (t *touchState) update(pts []touchPoint) touchMove {
	var m touchMove
	if len(pts) == 0 {
		clear(t.last)
		t.dist = 0
		return m
	}
	if t.last == nil {
		t.last = map[ebiten.TouchID][2]float64{}
	}
	switch len(pts) {
	case 1:
		p := pts[0]
		if q, ok := t.last[p.id]; ok && t.dist == 0 {
			m.orbitX, m.orbitY = p.x-q[0], p.y-q[1]
		}
		t.dist = 0
	default:
		a, b := pts[0], pts[1]
		mid := [2]float64{(a.x + b.x) / 2, (a.y + b.y) / 2}
		dist := math.Hypot(a.x-b.x, a.y-b.y)
		if t.dist > 0 && dist > 0 {
			m.panX, m.panY = mid[0]-t.mid[0], mid[1]-t.mid[1]
			m.zoom, m.atX, m.atY = t.dist/dist, mid[0], mid[1]
		}
		t.mid, t.dist = mid, dist
	}
	clear(t.last)
	for _, p := range pts {
		t.last[p.id] = [2]float64{p.x, p.y}
	}
	return m
}
