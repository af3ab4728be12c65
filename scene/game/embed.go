package game

// This file is the web page's part of the window: the controls an
// embedding page chooses (controls=none|minimal|full), looping, the link to
// the current setup (K) and the state the page reports. It touches the loop
// at one line each in New (embedKeys), tick (embedTick), hudFrame
// (embedHUD) and copyLink (pageQuery).

import (
	"fmt"
	"slices"
	"strings"

	"github.com/hajimehoshi/ebiten/v2"

	"descent/scene/hud"
	"descent/scene/link"
)

// The page's controls (Options.Controls).
const (
	// ControlsFull shows everything, as the desktop window does.
	ControlsFull = "full"
	// ControlsMinimal shows the title, the legend, a play / pause hint and
	// the timeline: no step counter, no control panel, no quitting.
	ControlsMinimal = "minimal"
	// ControlsNone shows the title and the legend only: no HUD, panel,
	// hint, help or timeline, and the keys that would bring them back do
	// nothing. Dragging, pinching, the wheel and Space still work.
	ControlsNone = "none"
)

// Controls returns the names Options.Controls takes.
func Controls() []string { return []string{ControlsNone, ControlsMinimal, ControlsFull} }

// MinimalHint is the hint line of the minimal controls.
const MinimalHint = "Space play / pause · drag to turn · wheel or pinch to zoom"

// loopHold is how long finished runs stay on screen before a looping page
// starts them again (ticks).
const loopHold = 2 * ticksPerSecond

// embedKeys checks Options.Controls and leaves out of the key table what
// the chosen controls have no room for. New calls it once.
func (g *Game) embedKeys() error {
	var drop []string
	switch g.opts.Controls {
	case "", ControlsFull:
		return nil
	case ControlsMinimal:
		drop = []string{"Tab", "Ctrl+S", "F9", "Esc", "F3"}
	case ControlsNone:
		drop = []string{"Tab", "Ctrl+S", "F9", "Esc", "H", "F1", "F3"}
		g.hudShown, g.help = false, false
	default:
		return fmt.Errorf("game: unknown controls %q (want %s)", g.opts.Controls, strings.Join(Controls(), ", "))
	}
	g.panel.SetShown(false)
	g.keys = slices.DeleteFunc(g.keys, func(b binding) bool {
		return slices.ContainsFunc(b.names, func(n string) bool { return slices.Contains(drop, n) })
	})
	if g.opts.Controls == ControlsMinimal {
		// Esc closes the help but never quits an embedded page.
		g.keys = append(g.keys, binding{names: []string{"Esc"}, help: "close the help", triggers: []trigger{
			{keys: []ebiten.Key{ebiten.KeyEscape}, do: func(g *Game) { g.help = false }}}})
	}
	return nil
}

// embedTick restarts the runs of a looping page once they have all
// finished and stayed so for loopHold ticks. tick calls it.
func (g *Game) embedTick() {
	if !g.opts.Loop || g.paused || g.scrubbing || !g.finished() {
		g.loopWait = 0
		return
	}
	if g.loopWait++; g.loopWait >= loopHold {
		g.loopWait = 0
		g.loops++
		g.restartAll() // the storyboard too, when one plays
	}
}

// embedHUD shapes the overlays for the page's controls. hudFrame calls it.
func (g *Game) embedHUD(f *hud.Frame) {
	if g.opts.Controls == ControlsMinimal {
		f.HideStatus, f.HintText = true, MinimalHint
	}
}

// pageQuery returns the page address's query that opens the window's
// setup as it is now: the scene as edited, with the camera, view, layout,
// rate and turning as they are, and how the page shows it.
func (g *Game) pageQuery() string {
	s := g.currentScene()
	s.Layout = Layouts()[g.layout]
	if s.Layout == "single" && g.sc.Layout == "" {
		s.Layout = ""
	}
	s.AutoRotate = g.autoRotate
	if g.sc.Camera.Distance != 0 { // a distance the page's address gave
		s.Camera.Distance = g.cam.Distance
	}
	return link.PageQuery(s, link.View{
		HideHUD: !g.hudShown && g.opts.Controls != ControlsNone, Controls: g.opts.Controls,
		Loop: g.opts.Loop, Paused: g.paused, Dark: g.opts.Dark, Scale: g.opts.Scale,
	})
}

// State is what the window shows, for the web page's descent.state() (its
// tests read the page back through it).
type State struct {
	Step, Frontier   int
	Paused, Finished bool
	// Loops counts the restarts of a looping page.
	Loops int
	// The 3-D camera.
	Azimuth, Elevation, Distance, Zoom float64
	Target                             [3]float64
	Shift                              [2]float64
	Ortho, AutoRotate                  bool
	// What is shown.
	HUD, Panel, Help bool
	Controls, Layout string
	Width, Height    float64 // the screen in device pixels
	DPI              float64 // device pixels per CSS pixel (times the big-window enlargement)
	Runs             int
	// Link is the query K would copy.
	Link string
}

// State returns what the window shows now.
func (g *Game) State() State {
	c := g.cam
	return State{
		Step: g.shownStep(), Frontier: g.frontier(), Paused: g.paused, Finished: g.finished(), Loops: g.loops,
		Azimuth: c.Azimuth, Elevation: c.Elevation, Distance: c.Distance, Zoom: c.Zoom,
		Target: [3]float64(c.Target), Shift: c.Shift, Ortho: c.Ortho, AutoRotate: g.autoRotate,
		HUD: g.hudShown, Panel: g.panel.Shown(), Help: g.help,
		Controls: g.opts.Controls, Layout: Layouts()[g.layout],
		Width: g.width, Height: g.height, DPI: g.dpi, Runs: len(g.entries),
		Link: g.pageQuery(),
	}
}
