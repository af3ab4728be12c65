package game

import (
	"math"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/inpututil"
)

// clickSlop is how far (in pixels) the pointer may move between press and
// release for the press to count as a click rather than a drag.
const clickSlop = 4

// viewsInput handles the keys and the pointer of the 2-D views, the
// layouts and the control panel (called first by handleInput). It reports
// true when the panel holds the keyboard (a text field has focus); the
// window's other keys and the pointer are then left alone.
func (g *Game) viewsInput() bool {
	v := &g.views
	g.splitScreen(g.width, g.height)
	if v.pane3D.has() {
		g.cam.SetViewport(v.pane3D.w(), v.pane3D.h())
	}
	focus, hover := g.updatePanel()
	if focus {
		return true
	}
	pressed := inpututil.IsKeyJustPressed
	ctrl := ebiten.IsKeyPressed(ebiten.KeyControl) || ebiten.IsKeyPressed(ebiten.KeyMeta)
	if ctrl && pressed(ebiten.KeyS) {
		g.saveScene()
	}
	if !ctrl {
		if pressed(ebiten.KeyV) {
			v.kind = (v.kind + 1) % viewKinds
			if v.layout == layoutSplit {
				v.layout = layoutSingle
			}
		}
		if pressed(ebiten.KeyL) {
			v.layout = (v.layout + 1) % layoutKinds
		}
		if pressed(ebiten.KeyG) {
			v.arrows = !v.arrows
		}
		if pressed(ebiten.KeyT) {
			v.tangent = !v.tangent
		}
		if pressed(ebiten.KeyD) {
			v.chart.dist = !v.chart.dist
		}
		if pressed(ebiten.KeyY) {
			v.chart.log = !v.chart.log
		}
		if pressed(ebiten.KeyR) {
			v.contour.plot.reset()
			v.curve.plot.reset()
		}
		if pressed(ebiten.KeyTab) {
			v.panel.shown = !v.panel.shown
		}
	}
	g.splitScreen(g.width, g.height)
	if v.pane3D.has() {
		g.cam.SetViewport(v.pane3D.w(), v.pane3D.h())
	}
	g.flatPointer(hover)
	return false
}

// flatPane returns the 2-D plot under pixel (x, y), if any.
func (g *Game) flatPlot() *plot2D {
	if g.surf.Dim == 1 {
		return &g.views.curve.plot
	}
	return &g.views.contour.plot
}

// flatPointer pans and zooms the 2-D view with the mouse and turns clicks
// on the contour map, the curve or the 3D surface into start points.
func (g *Game) flatPointer(panelHover bool) {
	v := &g.views
	xi, yi := ebiten.CursorPosition()
	x, y := float64(xi), float64(yi)
	left := ebiten.IsMouseButtonPressed(ebiten.MouseButtonLeft)
	right := ebiten.IsMouseButtonPressed(ebiten.MouseButtonRight)
	inFlat := v.paneFlat.has() && v.paneFlat.contains(x, y)

	// Clicks: press and release without moving.
	if inpututil.IsMouseButtonJustPressed(ebiten.MouseButtonLeft) && !panelHover {
		v.press = pressState{active: true, x: xi, y: yi, shift: ebiten.IsKeyPressed(ebiten.KeyShift)}
	}
	if v.press.active {
		if math.Abs(float64(xi-v.press.x)) > clickSlop || math.Abs(float64(yi-v.press.y)) > clickSlop {
			v.press.moved = true
		}
		if inpututil.IsMouseButtonJustReleased(ebiten.MouseButtonLeft) {
			if !v.press.moved {
				g.clickAt(float64(v.press.x), float64(v.press.y), v.press.shift)
			}
			v.press = pressState{}
		}
	}

	// Drags in the 2-D view pan it; the wheel zooms it.
	switch {
	case !v.drag.active && inFlat && !panelHover && (inpututil.IsMouseButtonJustPressed(ebiten.MouseButtonLeft) || inpututil.IsMouseButtonJustPressed(ebiten.MouseButtonRight)):
		v.drag = flatDrag{active: true, pane: viewFlat, x: xi, y: yi}
	case v.drag.active && !left && !right:
		v.drag.active = false
	case v.drag.active:
		dx, dy := float64(xi-v.drag.x), float64(yi-v.drag.y)
		v.drag.x, v.drag.y = xi, yi
		if dx != 0 || dy != 0 {
			g.flatPlot().panBy(dx, dy)
		}
	}
	if _, wy := ebiten.Wheel(); wy != 0 && inFlat && !panelHover {
		g.flatPlot().zoomAt(math.Pow(1/wheelZoomStep, wy), x, y)
	}
}

// pointerFor3D reports whether the mouse belongs to the 3D view this tick:
// it is over the 3D pane and not over the panel, or a 3D drag is going on.
func (g *Game) pointerFor3D() bool {
	v := &g.views
	if g.drag.active {
		return true
	}
	if v.panel.hover || v.drag.active {
		return false
	}
	xi, yi := ebiten.CursorPosition()
	return v.pane3D.has() && v.pane3D.contains(float64(xi), float64(yi))
}

// clickAt adds a start point for the selected runs where the user clicked
// (or, with shift, moves the first selected run's start there).
func (g *Game) clickAt(x, y float64, shift bool) {
	v := &g.views
	var p []float64
	switch {
	case v.paneFlat.has() && v.paneFlat.contains(x, y):
		pl := g.flatPlot()
		if !pl.px.contains(x, y) {
			return
		}
		dx, dy := pl.toData(x, y)
		if g.surf.Dim == 1 {
			p = []float64{dx}
		} else {
			p = []float64{dx, dy}
		}
	case v.pane3D.has() && v.pane3D.contains(x, y):
		px, py, ok := g.view.pick(g.cam, x, y)
		if !ok {
			return
		}
		if g.surf.Dim == 1 {
			p = []float64{px}
		} else {
			p = []float64{px, py}
		}
	default:
		return
	}
	if shift {
		g.moveStart(p)
	} else {
		g.addStarts(p)
	}
}
