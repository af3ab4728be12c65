package input

import (
	"math"

	"github.com/hajimehoshi/ebiten/v2"
)

// Gestures follows the fingers on a touch screen from tick to tick: one
// finger orbits the camera like a left drag, two fingers pinch to zoom and
// move together to pan.
type Gestures struct {
	last map[ebiten.TouchID][2]float64
	// mid and dist are the two fingers' midpoint and distance at the last
	// tick (dist 0: not pinching).
	mid  [2]float64
	dist float64
}

// Move is what the fingers did since the last tick.
type Move struct {
	OrbitX, OrbitY float64 // one finger's motion in pixels
	PanX, PanY     float64 // two fingers' midpoint motion in pixels
	Zoom           float64 // distance factor (below 1: zoom in); 0: none
	AtX, AtY       float64 // the point to zoom about
}

// Update takes the fingers down this tick and returns the move they made.
// A finger that stays after a pinch does not orbit until its next tick, so
// lifting one finger never makes the view jump.
func (g *Gestures) Update(touches []Touch) Move {
	var m Move
	if len(touches) == 0 {
		clear(g.last)
		g.dist = 0
		return m
	}
	if g.last == nil {
		g.last = map[ebiten.TouchID][2]float64{}
	}
	switch len(touches) {
	case 1:
		p := touches[0]
		if q, ok := g.last[p.ID]; ok && g.dist == 0 {
			m.OrbitX, m.OrbitY = p.X-q[0], p.Y-q[1]
		}
		g.dist = 0
	default:
		a, b := touches[0], touches[1]
		mid := [2]float64{(a.X + b.X) / 2, (a.Y + b.Y) / 2}
		dist := math.Hypot(a.X-b.X, a.Y-b.Y)
		if g.dist > 0 && dist > 0 {
			m.PanX, m.PanY = mid[0]-g.mid[0], mid[1]-g.mid[1]
			m.Zoom, m.AtX, m.AtY = g.dist/dist, mid[0], mid[1]
		}
		g.mid, g.dist = mid, dist
	}
	clear(g.last)
	for _, p := range touches {
		g.last[p.ID] = [2]float64{p.X, p.Y}
	}
	return m
}
