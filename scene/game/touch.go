package game

import (
	"math"

	"github.com/hajimehoshi/ebiten/v2"
)

// touchState follows the fingers on a touch screen: one finger orbits the
// camera like a left drag, two fingers pinch to zoom and move to pan.
type touchState struct {
	ids  []ebiten.TouchID
	last map[ebiten.TouchID][2]float64
	// mid and dist are the two fingers' midpoint and distance at the last
	// tick (dist 0: not pinching).
	mid  [2]float64
	dist float64
}

// touchInput maps the touches of this tick to camera moves (called from
// handleInput in Update).
func (g *Game) touchInput() {
	t := &g.touch
	t.ids = ebiten.AppendTouchIDs(t.ids[:0])
	if len(t.ids) == 0 {
		if len(t.last) > 0 {
			clear(t.last)
		}
		t.dist = 0
		return
	}
	if t.last == nil {
		t.last = map[ebiten.TouchID][2]float64{}
	}
	pos := func(id ebiten.TouchID) [2]float64 {
		x, y := ebiten.TouchPosition(id)
		return [2]float64{float64(x), float64(y)}
	}
	switch len(t.ids) {
	case 1:
		id := t.ids[0]
		p := pos(id)
		if q, ok := t.last[id]; ok && t.dist == 0 {
			dx, dy := p[0]-q[0], p[1]-q[1]
			if dx != 0 || dy != 0 {
				k := dragDegreesPerPixel / g.dpi
				g.cam.Rotate(-dx*k, dy*k)
			}
		}
		t.dist = 0
	default:
		a, b := pos(t.ids[0]), pos(t.ids[1])
		mid := [2]float64{(a[0] + b[0]) / 2, (a[1] + b[1]) / 2}
		dist := math.Hypot(a[0]-b[0], a[1]-b[1])
		if t.dist > 0 && dist > 0 {
			g.cam.Pan(mid[0]-t.mid[0], mid[1]-t.mid[1])
			g.cam.ZoomAt(t.dist/dist, mid[0], mid[1])
		}
		t.mid, t.dist = mid, dist
	}
	clear(t.last)
	for _, id := range t.ids {
		t.last[id] = pos(id)
	}
}
