package game

import (
	"math"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/inpututil"
)

// Input speeds.
const (
	dragDegreesPerPixel = 0.35 // orbit per pixel dragged (device-independent)
	keyDegreesPerSecond = 90.0 // orbit speed of the arrow keys
	keyZoomPerSecond    = 2.0  // zoom factor per second of +/- held
	wheelZoomStep       = 0.9  // zoom factor per wheel notch
	minRate, rateStep   = 0.25, 1.5
)

type dragState struct {
	active bool
	pan    bool
	x, y   int
}

// handleInput maps the mouse and keys to camera moves and commands.
func (g *Game) handleInput() {
	tps := float64(ebiten.TPS())
	shift := ebiten.IsKeyPressed(ebiten.KeyShift)
	pressed := func(keys ...ebiten.Key) bool {
		for _, k := range keys {
			if inpututil.IsKeyJustPressed(k) {
				return true
			}
		}
		return false
	}
	held := func(keys ...ebiten.Key) bool {
		for _, k := range keys {
			if ebiten.IsKeyPressed(k) {
				return true
			}
		}
		return false
	}

	// Characters, so that ?, + and - work on every keyboard layout.
	var chars []rune
	chars = ebiten.AppendInputChars(chars)
	typed := func(r rune) bool {
		for _, c := range chars {
			if c == r {
				return true
			}
		}
		return false
	}

	g.captureInput()
	g.touchInput()
	if g.viewsInput() {
		return
	}
	if pressed(ebiten.KeyEscape, ebiten.KeyQ) {
		g.quit = true
		return
	}
	if pressed(ebiten.KeyF1) || typed('?') {
		g.help = !g.help
	}
	if pressed(ebiten.KeyF3) {
		g.stats = !g.stats
	}
	if pressed(ebiten.KeyH) {
		g.hud = !g.hud
	}
	if pressed(ebiten.KeySpace) {
		g.paused = !g.paused
	}
	if pressed(ebiten.KeyN, ebiten.KeyPeriod, ebiten.KeyNumpadDecimal) {
		g.paused = true
		g.step()
	}
	if pressed(ebiten.KeyBackspace) {
		g.restart()
	}
	if pressed(ebiten.KeyBracketLeft) {
		g.rate = math.Max(minRate, g.rate/rateStep)
	}
	if pressed(ebiten.KeyBracketRight) {
		g.rate = math.Min(maxRate, g.rate*rateStep)
	}
	if pressed(ebiten.KeyA) {
		g.autoRotate = !g.autoRotate
	}
	if pressed(ebiten.KeyO) {
		g.cam.Ortho = !g.cam.Ortho
	}
	if pressed(ebiten.KeyR) {
		home := g.home
		home.SetViewport(g.cam.Width, g.cam.Height)
		*g.cam = home
	}

	// Arrow keys orbit; +/- zoom while held.
	step := keyDegreesPerSecond / tps
	if held(ebiten.KeyArrowLeft) {
		g.cam.Rotate(-step, 0)
	}
	if held(ebiten.KeyArrowRight) {
		g.cam.Rotate(step, 0)
	}
	if held(ebiten.KeyArrowUp) {
		g.cam.Rotate(0, step)
	}
	if held(ebiten.KeyArrowDown) {
		g.cam.Rotate(0, -step)
	}
	zoom := math.Pow(keyZoomPerSecond, 1/tps)
	if held(ebiten.KeyEqual, ebiten.KeyNumpadAdd) || typed('+') {
		g.cam.Dolly(1 / zoom)
	}
	if held(ebiten.KeyMinus, ebiten.KeyNumpadSubtract) || typed('-') {
		g.cam.Dolly(zoom)
	}

	// Mouse: left drag orbits, right or shift drag pans, wheel zooms.
	if !g.pointerFor3D() {
		return
	}
	x, y := ebiten.CursorPosition()
	left := ebiten.IsMouseButtonPressed(ebiten.MouseButtonLeft)
	right := ebiten.IsMouseButtonPressed(ebiten.MouseButtonRight)
	switch {
	case !g.drag.active && (inpututil.IsMouseButtonJustPressed(ebiten.MouseButtonLeft) || inpututil.IsMouseButtonJustPressed(ebiten.MouseButtonRight)):
		g.drag = dragState{active: true, pan: right || shift, x: x, y: y}
	case g.drag.active && !left && !right:
		g.drag.active = false
	case g.drag.active:
		dx, dy := float64(x-g.drag.x), float64(y-g.drag.y)
		g.drag.x, g.drag.y = x, y
		if dx != 0 || dy != 0 {
			if g.drag.pan {
				g.cam.Pan(dx, dy)
			} else {
				k := dragDegreesPerPixel / g.dpi
				g.cam.Rotate(-dx*k, dy*k)
			}
		}
	}
	if _, wy := ebiten.Wheel(); wy != 0 {
		g.cam.ZoomAt(math.Pow(wheelZoomStep, wy), float64(x), float64(y))
	}
}
