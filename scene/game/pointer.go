package game

import (
	"math"

	"descent/scene/hud"
	"descent/scene/input"
	"descent/scene/plot"
)

// Pointer speeds and thresholds.
const (
	dragDegreesPerPixel = 0.35 // orbit per pixel dragged (device-independent)
	wheelZoomStep       = 0.9  // zoom factor per wheel notch
	// clickSlop is how far (in pixels) the pointer may move between press
	// and release for the press to count as a click rather than a drag.
	clickSlop = 4
)

// dragPane is the pane a drag moves.
type dragPane int

const (
	dragNone dragPane = iota
	drag3D
	dragFlat
)

// drag is a mouse drag going on in a pane.
type drag struct {
	pane dragPane
	pan  bool // panning the 3-D view rather than orbiting
	x, y float64
}

// click is a left press that becomes a click if the pointer stays.
type click struct {
	active bool
	x, y   float64
	moved  bool
	shift  bool
}

// handlePointer turns the mouse into camera moves and 2-D pans and zooms,
// and clicks on the surface into start points.
func (g *Game) handlePointer(in *input.State) {
	x, y := in.X, in.Y
	left, right := in.Button(input.Left), in.Button(input.Right)

	// The timeline: a press on its track shows that step, a drag scrubs.
	if g.scrubbing {
		if !in.Dragging(input.Left).Held {
			g.scrubbing = false
		} else {
			g.scrubAt(x)
		}
		return
	}
	if left.Pressed && !in.PointerTaken() && hud.TimelineTrack(g.hudFrame(g.style())).Contains(x, y) {
		g.scrubbing = true
		g.scrubAt(x)
		return
	}

	// Clicks: press and release without moving.
	if left.Pressed {
		g.click = click{active: true, x: x, y: y, shift: in.Shift()}
	}
	if c := &g.click; c.active {
		if math.Abs(x-c.x) > clickSlop || math.Abs(y-c.y) > clickSlop {
			c.moved = true
		}
		if in.Dragging(input.Left).Released {
			if !c.moved && !in.PointerTaken() {
				g.clickAt(c.x, c.y, c.shift)
			}
			g.click = click{}
		}
	}

	// Drags: left orbits the 3-D view (right or Shift pans it), either pans
	// a flat view. A drag goes on over the panel until the buttons are up.
	held := in.Dragging(input.Left).Held || in.Dragging(input.Right).Held
	switch {
	case g.drag.pane != dragNone && !held:
		g.drag.pane = dragNone
	case g.drag.pane != dragNone:
		dx, dy := x-g.drag.x, y-g.drag.y
		g.drag.x, g.drag.y = x, y
		if dx == 0 && dy == 0 {
			break
		}
		switch {
		case g.drag.pane == dragFlat:
			g.flatTransform().PanBy(dx, dy)
		case g.drag.pan:
			g.cam.Pan(dx, dy)
		default:
			k := dragDegreesPerPixel / g.dpi
			g.cam.Rotate(-dx*k, dy*k)
		}
	case left.Pressed || right.Pressed:
		switch pane, _, _ := g.paneAt(x, y); pane {
		case drag3D:
			g.stopStory()
			g.drag = drag{pane: drag3D, pan: right.Held || in.Shift(), x: x, y: y}
		case dragFlat:
			g.drag = drag{pane: dragFlat, x: x, y: y}
		}
	}

	// The wheel zooms the pane under the pointer, about the pointer.
	if _, wy := in.Wheel(); wy != 0 {
		switch pane, lx, ly := g.paneAt(x, y); pane {
		case drag3D:
			g.stopStory()
			g.cam.ZoomAt(math.Pow(wheelZoomStep, wy), lx, ly)
		case dragFlat:
			g.flatTransform().ZoomAt(math.Pow(1/wheelZoomStep, wy), lx, ly)
		}
	}
}

// paneAt returns which view the pixel (x, y) is in (dragNone: none) and
// the pixel in that view's coordinates: the screen's, or a grid cell's own.
func (g *Game) paneAt(x, y float64) (dragPane, float64, float64) {
	p := &g.panes
	if lx, ly, ok := g.basinsPaneAt(x, y); ok {
		return dragFlat, lx, ly
	}
	switch {
	case p.view3D.Contains(x, y):
		return drag3D, x, y
	case p.flat.Contains(x, y):
		return dragFlat, x, y
	}
	if _, lx, ly, ok := p.cellAt(x, y); ok {
		if g.gridFlat() {
			return dragFlat, lx, ly
		}
		return drag3D, lx, ly
	}
	return dragNone, 0, 0
}

// handleTouch maps the fingers of this tick to camera moves.
func (g *Game) handleTouch(in *input.State) {
	m := g.gestures.Update(in.Touches)
	if m.OrbitX != 0 || m.OrbitY != 0 || m.PanX != 0 || m.PanY != 0 || (m.Zoom > 0 && m.Zoom != 1) {
		g.stopStory()
	}
	if m.OrbitX != 0 || m.OrbitY != 0 {
		k := dragDegreesPerPixel / g.dpi
		g.cam.Rotate(-m.OrbitX*k, m.OrbitY*k)
	}
	if m.PanX != 0 || m.PanY != 0 {
		g.cam.Pan(m.PanX, m.PanY)
	}
	if m.Zoom > 0 && m.Zoom != 1 {
		g.cam.ZoomAt(m.Zoom, m.AtX, m.AtY)
	}
}

// flatTransform returns the transform of the flat view the surface has.
func (g *Game) flatTransform() *plot.Transform {
	if g.surf.Dim == 1 {
		return g.curve.Transform()
	}
	return g.contour.Transform()
}

// markerReach is how far (pixels at scale 1) from a run's current point a
// click selects the run instead of adding a start.
const markerReach = 10

// clickAt selects the run whose legend row, grid title or current point
// the user clicked (clicking it again unselects it); elsewhere it adds a
// start point for the ticked runs (or, with shift, moves the first ticked
// run's start there).
func (g *Game) clickAt(x, y float64, shift bool) {
	if i, ok := g.runAt(x, y); ok {
		if g.selected == i {
			i = -1
		}
		g.selected = i
		return
	}
	if g.basinsClick(x, y, shift) {
		return
	}
	p := g.startAt(x, y)
	switch {
	case p == nil:
	case shift:
		g.moveStart(p)
	default:
		g.addStarts(p)
	}
}

// runAt returns the run whose legend row, grid cell title or current
// point marker holds pixel (x, y).
func (g *Game) runAt(x, y float64) (int, bool) {
	st := g.style()
	if g.legendShown() {
		if i, ok := hud.LegendRowAt(g.legendFrame(st), x, y); ok {
			return i, true
		}
	}
	for i, c := range g.panes.cells {
		if c.Contains(x, y) && y < c.Y0+g.panes.cellTitle {
			return i, true
		}
	}
	pane, lx, ly := g.paneAt(x, y)
	reach := markerReach * st.Scale
	best, bestD := -1, reach
	for i, e := range g.entries {
		if cell, _, _, ok := g.panes.cellAt(x, y); ok && cell != i {
			continue // a grid cell shows its own run only
		}
		pt := e.run.Point()
		px, py := pt[0], 0.0
		if len(pt) > 1 {
			py = pt[1]
		}
		var sx, sy float64
		ok := true
		switch pane {
		case drag3D:
			sx, sy, ok = g.view.Marker(g.cam, px, py)
		case dragFlat:
			t := g.flatTransform()
			if g.surf.Dim == 1 {
				py = e.run.Loss()
			}
			sx, sy = t.ToPixel(px, py)
		default:
			ok = false
		}
		if d := math.Hypot(sx-lx, sy-ly); ok && d <= bestD {
			best, bestD = i, d
		}
	}
	return best, best >= 0
}

// startAt returns the surface point under pixel (x, y) of the flat or the
// 3-D pane, nil when there is none.
func (g *Game) startAt(x, y float64) []float64 {
	var px, py float64
	switch pane, lx, ly := g.paneAt(x, y); pane {
	case dragFlat:
		t := g.flatTransform()
		if !t.Px.Contains(lx, ly) {
			return nil
		}
		px, py = t.ToData(lx, ly)
	case drag3D:
		var ok bool
		if px, py, ok = g.view.Pick(g.cam, lx, ly); !ok {
			return nil
		}
	default:
		return nil
	}
	if g.surf.Dim == 1 {
		return []float64{px}
	}
	return []float64{px, py}
}
