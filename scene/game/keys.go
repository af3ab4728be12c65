package game

import (
	"math"
	"strings"

	"github.com/hajimehoshi/ebiten/v2"

	"descent/scene/hud"
	"descent/scene/input"
)

// binding is one row of the key table: the keys as the help and the README
// write them, what they do, and how the window reacts to them. The same
// table drives the key handling, the help overlay (F1) and the README's
// table of keys (a test keeps the README in step).
type binding struct {
	// names are the keys or pointer actions as written, joined by join.
	names []string
	join  string
	// pointer marks a mouse or touch action, handled by the pointer code
	// (it is listed, not dispatched).
	pointer bool
	help    string
	// detail, when set, follows help in the README (the help overlay stays
	// short).
	detail string
	// ctrl: the keys act only with Ctrl (or Cmd) held; without it, they act
	// only when Ctrl is not held.
	ctrl bool
	// held: the keys act at every tick while held (orbiting, zooming),
	// not once per press.
	held     bool
	triggers []trigger
}

// trigger is a set of keys, or typed characters (which work on every
// keyboard layout), and what they do.
type trigger struct {
	keys  []ebiten.Key
	chars string
	do    func(g *Game)
}

// Keys as the table writes them.
func (b binding) label() string { return strings.Join(b.names, b.join) }

// keyTable returns the window's keys and pointer actions in the order the
// help lists them.
func keyTable() []binding {
	k := func(keys ...ebiten.Key) []ebiten.Key { return keys }
	return []binding{
		{names: []string{"Left drag"}, pointer: true, help: "orbit the camera"},
		{names: []string{"Right drag", "Shift+drag"}, join: ", ", pointer: true, help: "pan"},
		{names: []string{"Wheel"}, pointer: true, help: "zoom towards the cursor"},
		{names: []string{"Arrow keys"}, help: "orbit", held: true, triggers: []trigger{
			{keys: k(ebiten.KeyArrowLeft), do: func(g *Game) { g.stopStory(); g.cam.Rotate(-keyOrbitStep, 0) }},
			{keys: k(ebiten.KeyArrowRight), do: func(g *Game) { g.stopStory(); g.cam.Rotate(keyOrbitStep, 0) }},
			{keys: k(ebiten.KeyArrowUp), do: func(g *Game) { g.stopStory(); g.cam.Rotate(0, keyOrbitStep) }},
			{keys: k(ebiten.KeyArrowDown), do: func(g *Game) { g.stopStory(); g.cam.Rotate(0, -keyOrbitStep) }},
		}},
		{names: []string{"+", "-"}, join: " / ", help: "zoom in / out", held: true, triggers: []trigger{
			{keys: k(ebiten.KeyEqual, ebiten.KeyNumpadAdd), chars: "+", do: func(g *Game) { g.stopStory(); g.cam.Dolly(1 / keyZoomStep()) }},
			{keys: k(ebiten.KeyMinus, ebiten.KeyNumpadSubtract), chars: "-", do: func(g *Game) { g.stopStory(); g.cam.Dolly(keyZoomStep()) }},
		}},
		{names: []string{"A"}, help: "auto-rotation on / off", detail: "(the scene's degrees per step, or a steady turn when paused)", triggers: []trigger{
			{keys: k(ebiten.KeyA), do: func(g *Game) { g.autoRotate = !g.autoRotate }}}},
		{names: []string{"O"}, help: "orthographic / perspective", triggers: []trigger{
			{keys: k(ebiten.KeyO), do: func(g *Game) { g.cam.Ortho = !g.cam.Ortho }}}},
		{names: []string{"R"}, help: "reset the view", triggers: []trigger{
			{keys: k(ebiten.KeyR), do: func(g *Game) { g.stopStory(); g.resetView() }}}},
		{names: []string{"Space"}, help: "pause / resume", triggers: []trigger{
			{keys: k(ebiten.KeySpace), do: func(g *Game) { g.paused = !g.paused }}}},
		{names: []string{"N or .", ","}, join: " / ", help: "one step forward / back", detail: "(pauses; forward shows a step already computed or computes the next, back goes back in time: every run and view together)", triggers: []trigger{
			{keys: k(ebiten.KeyN), chars: ".", do: (*Game).singleStep},
			{chars: ",", do: func(g *Game) { g.stepBack(1) }}}},
		{names: []string{">", "<"}, join: " / ", help: "ten steps forward / back", triggers: []trigger{
			{chars: ">", do: func(g *Game) { g.stepForward(10) }},
			{chars: "<", do: func(g *Game) { g.stepBack(10) }}}},
		{names: []string{"Home", "End"}, join: " / ", help: "back to step 0 / to the last step computed", detail: "(or drag the timeline at the bottom; playing resumes from the step shown)", triggers: []trigger{
			{keys: k(ebiten.KeyHome), do: func(g *Game) { g.paused = true; g.seek(0) }},
			{keys: k(ebiten.KeyEnd), do: func(g *Game) { g.seek(g.frontier()) }}}},
		{names: []string{"Backspace"}, help: "restart all runs", triggers: []trigger{
			{keys: k(ebiten.KeyBackspace), do: (*Game).restartAll}}},
		{names: []string{"M"}, help: "pin a note at the point under the pointer", detail: "(a callout; edit or remove it in the panel's Notes, Ctrl+S saves it with the scene)", triggers: []trigger{
			{keys: k(ebiten.KeyM), do: (*Game).pinNote}}},
		{names: []string{"P"}, help: "play the scene's storyboard from the start", detail: "(a scene with one plays it when it opens; dragging, zooming or the camera keys take over)", triggers: []trigger{
			{keys: k(ebiten.KeyP), do: (*Game).playStory}}},
		{names: []string{"[", "]"}, join: " / ", help: "slower / faster", triggers: []trigger{
			{keys: k(ebiten.KeyBracketLeft), do: func(g *Game) { g.rate = math.Max(minRate, g.rate/rateStep) }},
			{keys: k(ebiten.KeyBracketRight), do: func(g *Game) { g.rate = math.Min(maxRate, g.rate*rateStep) }},
		}},
		{names: []string{"V", "L"}, join: " / ", help: "next view (3-D, contour or curve, basins, chart, a model's fit) / next layout", detail: "(single, split with the loss chart, chart, grid: one pane per run; the basins view colours each start by the minimum the run's optimizer reaches from it, two runs' side by side in the split layout, and a click there starts a run from the cell's centre)", triggers: []trigger{
			{keys: k(ebiten.KeyV), do: (*Game).nextView},
			{keys: k(ebiten.KeyL), do: (*Game).nextLayout},
		}},
		{names: []string{"G", "T", "U"}, join: " / ", help: "step arrows / tangent in the curve view / stability overlay", detail: "(arrows: the gradient, velocity and update of each run's next step, or the selected run's, scaled as the key says, with adaptive methods' per-coordinate step as a box; stability: where the local quadratic model is unstable for the selected, or first gradient-descent, run's lr and momentum, with the Hessian's eigen-directions at its point)", triggers: []trigger{
			{keys: k(ebiten.KeyG), do: func(g *Game) { g.show.Arrows = !g.show.Arrows }},
			{keys: k(ebiten.KeyT), do: func(g *Game) { g.show.Tangent = !g.show.Tangent }},
			{keys: k(ebiten.KeyU), do: (*Game).toggleStability},
		}},
		{names: []string{"D", "Y", "E"}, join: " / ", help: "loss chart: distance to the minimum / log scale / learning rate", detail: "(each run's lr dashed on a second axis; on by itself when a run has a schedule)", triggers: []trigger{
			{keys: k(ebiten.KeyD), do: func(g *Game) { g.show.Distance = !g.show.Distance }},
			{keys: k(ebiten.KeyY), do: func(g *Game) { g.show.LogLoss = !g.show.LogLoss }},
			{keys: k(ebiten.KeyE), do: func(g *Game) { g.show.LR = !g.show.LR }},
		}},
		{names: []string{"Tab"}, help: "control panel", detail: "(surface or typed expression, runs, every hyper-parameter, starts, colours, mesh, alpha, rate)", triggers: []trigger{
			{keys: k(ebiten.KeyTab), do: func(g *Game) { g.panel.SetShown(!g.panel.Shown()) }}}},
		{names: []string{"Click", "Shift+click"}, join: ", ", pointer: true, help: "add a start for the ticked runs / move the ticked run's start"},
		{names: []string{"Ctrl+S"}, help: "save the setup as a scene file", detail: "(`descent-YYYYMMDD-HHMMSS.scene` in the working directory)", ctrl: true, triggers: []trigger{
			{keys: k(ebiten.KeyS), do: (*Game).saveScene}}},
		{names: []string{"F9", "F12"}, join: " / ", help: "record the window (again: stop) / save a PNG", detail: "(GIF, or MP4 with `-record-format mp4`; named for the time)", triggers: []trigger{
			{keys: k(ebiten.KeyF9), do: (*Game).toggleRecording},
			{keys: k(ebiten.KeyF12), do: (*Game).screenshot},
		}},
		{names: []string{"K"}, help: "copy a link to this setup", detail: "(the web page's address; on the desktop it is printed)", triggers: []trigger{
			{keys: k(ebiten.KeyK), do: (*Game).copyLink}}},
		{names: []string{"H"}, help: "hide / show the overlays", detail: "(for clean recordings)", triggers: []trigger{
			{keys: k(ebiten.KeyH), do: func(g *Game) { g.hudShown = !g.hudShown; g.layoutPanes(); g.keepClearOfLegend() }}}},
		{names: []string{"F1", "?"}, join: " or ", help: "this help", triggers: []trigger{
			{keys: k(ebiten.KeyF1), chars: "?", do: func(g *Game) { g.help = !g.help }}}},
		{names: []string{"F3"}, help: "frame statistics", triggers: []trigger{
			{keys: k(ebiten.KeyF3), do: func(g *Game) { g.stats = !g.stats }}}},
		{names: []string{"Esc", "Q"}, join: " or ", help: "quit (Esc first closes the help)", triggers: []trigger{
			{keys: k(ebiten.KeyEscape), do: func(g *Game) { g.quit = !g.help; g.help = false }},
			{keys: k(ebiten.KeyQ), do: func(g *Game) { g.quit = true }},
		}},
	}
}

// Input speeds.
const (
	keyDegreesPerSecond = 90.0 // orbit speed of the arrow keys
	keyZoomPerSecond    = 2.0  // zoom factor per second of +/- held
	keyOrbitStep        = keyDegreesPerSecond / ticksPerSecond
	minRate, rateStep   = 0.25, 1.5 // slowest playback; [ and ] divide or multiply by rateStep
)

// keyZoomStep is the zoom factor of one tick of +/- held.
func keyZoomStep() float64 { return math.Pow(keyZoomPerSecond, 1.0/ticksPerSecond) }

// handleKeys runs the table's triggers that this tick's keys set off.
func (g *Game) handleKeys(in *input.State, table []binding) {
	ctrl := in.Ctrl()
	for _, b := range table {
		if b.pointer || b.ctrl != ctrl {
			continue
		}
		for _, t := range b.triggers {
			if g.quit {
				return
			}
			if triggered(in, t, b.held) {
				t.do(g)
			}
		}
	}
}

// triggered reports whether trigger t acts this tick: one of its keys went
// down (or, for a held binding, is down), or one of its characters was
// typed.
func triggered(in *input.State, t trigger, held bool) bool {
	for _, k := range t.keys {
		if in.Pressed(k) || (held && in.Held(k)) {
			return true
		}
	}
	for _, c := range t.chars {
		if in.Typed(c) {
			return true
		}
	}
	return false
}

// helpRows returns the help overlay's rows: the key table.
func helpRows(table []binding) []hud.HelpRow {
	rows := make([]hud.HelpRow, len(table))
	for i, b := range table {
		rows[i] = hud.HelpRow{Keys: b.label(), Action: b.help}
	}
	return rows
}

// markdownKeys returns the key table as the README writes it: a Markdown
// table, keys in code marks.
func markdownKeys(table []binding) string {
	var sb strings.Builder
	sb.WriteString("| input | action |\n|---|---|\n")
	for _, b := range table {
		names := make([]string, len(b.names))
		for i, n := range b.names {
			names[i] = n
			if !b.pointer {
				names[i] = "`" + n + "`"
			}
		}
		help := b.help
		if b.detail != "" {
			help += " " + b.detail
		}
		sb.WriteString("| " + strings.Join(names, b.join) + " | " + help + " |\n")
	}
	return sb.String()
}
