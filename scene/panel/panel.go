// Package panel is the window's control panel (Tab): the surface (a preset,
// a built-in or a typed expression), the runs with every hyper-parameter of
// the optimizer registry, their starts and colours, and the look and
// playback. It talks to the window only through Host: it reads the current
// scene and hands back edited copies, so a bad value shows an error in the
// panel and changes nothing.
package panel

import (
	"image/color"
	"math"
	"slices"
	"strconv"

	"github.com/hajimehoshi/ebiten/v2"

	"descent/optim"
	"descent/scene"
	"descent/scene/input"
	"descent/scene/mesh"
	"descent/scene/plot"
	"descent/scene/surface"
	"descent/scene/widget"
)

// Host is what the panel needs of the window.
type Host interface {
	// Scene returns the current scene; the panel never changes it.
	Scene() *scene.Scene
	// Surface returns the current scene's surface.
	Surface() *surface.Surface
	// Apply makes s, an edited copy of the current scene, the scene:
	// unchanged runs keep going, changed ones restart. On error nothing
	// changes.
	Apply(s *scene.Scene) error
	// OpenPreset replaces the scene with the preset named name as a whole,
	// view and camera included.
	OpenPreset(name string) error
	// Restart puts every run back at its start.
	Restart()
	// Save writes the current setup to a scene file.
	Save()
	// CopyLink shares a link to the current setup.
	CopyLink()
	// Options returns the window's settings the panel shows.
	Options() Options
	// SetOptions changes them.
	SetOptions(Options)
}

// Options are window settings that are not part of the scene's runs.
type Options struct {
	Arrows   bool // step arrows (G)
	Tangent  bool // tangent in the curve view (T)
	LogLoss  bool // the loss chart's log scale (Y)
	Distance bool // the loss chart shows the distance to the minimum (D)
	LR       bool // the loss chart shows each run's learning rate (E)
	// Stability shades where the local model is unstable for the selected
	// (or first gradient-descent) run's lr (U).
	Stability bool
	// Basins shows the basins view: the contour map over the basins of
	// attraction of the selected (or first) run's optimizer (V).
	Basins bool
}

// Lists are the names the panel offers that come from the scenes: the
// presets, and the run colours with their names.
type Lists struct {
	Presets    []string
	Palette    []color.RGBA
	ColorNames []string // one per colour of Palette
}

// Panel is the control panel's state.
type Panel struct {
	lists Lists
	shown bool
	ui    widget.UI
	err   string
	seen  *scene.Scene // the scene the fields were filled from

	sections [4]bool // surface, runs, look, notes: open

	// Surface choice: presets, then built-ins, then the typed expression.
	choices   []string
	choice    int
	exprText  string
	exprSeen  string
	exprError string
	dataText  string

	ticked []bool
	runs   []runEdit
	// noteText holds the notes' text fields being edited, by note.
	noteText map[int]string

	cmapIdx, meshIdx int
	alpha, rate      float64
}

// runEdit holds the fields of one run between ticks.
type runEdit struct {
	label  string // the run's label, as the heading shows it
	open   bool
	spec   optim.Spec
	method int
	text   map[string]string // number fields, per parameter
	// schedText holds the schedulers' fields, keyed "K/NAME" for
	// argument NAME of scheduler K.
	schedText map[string]string
	logs      map[string]float64
	x, y      string
	color     int
	// swarm and radius are the swarm's particles and the half side of the
	// square they start in (0: the whole domain).
	swarm, radius string
}

// meshSizes are the mesh resolutions the panel offers.
var meshSizes = [...]int{50, 100, 150, 200, 300, 400}

// Surface choices are written with these prefixes.
const (
	choicePreset  = "preset: "
	choiceBuiltin = "surface: "
	choiceExpr    = "expression (type below)"
)

// New returns a hidden panel offering lists.
func New(lists Lists) *Panel {
	lists.ColorNames = lists.ColorNames[:min(len(lists.ColorNames), len(lists.Palette))]
	p := &Panel{lists: lists, sections: [4]bool{true, true, true, false}, noteText: map[int]string{}}
	for _, n := range lists.Presets {
		p.choices = append(p.choices, choicePreset+n)
	}
	for _, n := range surface.Names() {
		p.choices = append(p.choices, choiceBuiltin+n)
	}
	p.choices = append(p.choices, choiceExpr)
	return p
}

// Shown reports whether the panel is shown.
func (p *Panel) Shown() bool { return p.shown }

// SetShown shows or hides the panel.
func (p *Panel) SetShown(on bool) { p.shown = on }

// Error returns the last error shown in the panel ("" when none).
func (p *Panel) Error() string { return p.err }

// Ticked returns the indices of the ticked runs among n (the first run
// when none is ticked): where a click on the surface adds starts.
func (p *Panel) Ticked(n int) []int {
	var out []int
	for i := range min(n, len(p.ticked)) {
		if p.ticked[i] {
			out = append(out, i)
		}
	}
	if len(out) == 0 && n > 0 {
		out = []int{0}
	}
	return out
}

// Geometry of the panel in pixels at scale 1.
const (
	panelWidth = 380 // the panel's width
	panelTop   = 60  // from the window's top: under the HUD's status
)

// Area returns the panel's rectangle on a screen: on the left, under the
// HUD's status, so that the legend on the right stays readable.
func Area(screen plot.Rect, st plot.Style) plot.Rect {
	s := st.Scale
	x0 := screen.X0 + plot.Margin*s
	w := math.Min(panelWidth*s, screen.W()-2*plot.Margin*s)
	return plot.Rect{X0: x0, Y0: screen.Y0 + panelTop*s, X1: x0 + w, Y1: screen.Y1 - 2*plot.Margin*s}
}

// Update runs the panel's widgets on the tick's input when the panel is
// shown. It takes the pointer when it is over the panel and the keyboard
// while a text field has the focus.
func (p *Panel) Update(in *input.State, host Host, screen plot.Rect, st plot.Style) widget.Capture {
	if !p.shown {
		return widget.Capture{}
	}
	if host.Scene() != p.seen {
		p.sync(host)
	}
	p.ui.Begin(in, Area(screen, st), screen, st)
	p.ui.Title("Descent controls (Tab hides)")
	if p.err != "" {
		p.ui.Label("Error: "+p.err, false)
	}
	p.surfaceSection(host)
	p.runsSection(host)
	p.lookSection(host)
	p.notesSection(host)
	p.ui.Row(1, 1)
	if p.ui.Button("Save scene (Ctrl+S)") {
		host.Save()
	}
	if p.ui.Button("Copy link (K)") {
		host.CopyLink()
	}
	c := p.ui.End()
	if host.Scene() != p.seen {
		p.sync(host)
	}
	return c
}

// Draw draws the panel when it is shown.
func (p *Panel) Draw(dst *ebiten.Image, fonts *plot.Fonts) {
	if p.shown {
		p.ui.Draw(dst, fonts)
	}
}

// FieldRect returns where run i's field for parameter name was last laid
// out (tests drive the panel with a real mouse through it).
func (p *Panel) FieldRect(i int, name string) (plot.Rect, bool) {
	return p.ui.Rect(runScope(i) + "/" + name)
}

// ExprRect returns where the expression field was last laid out.
func (p *Panel) ExprRect() (plot.Rect, bool) { return p.ui.Rect("expr") }

// edit applies a change to a copy of the host's scene, keeping the error
// for the panel.
func (p *Panel) edit(host Host, change func(s *scene.Scene)) {
	s := host.Scene().Clone()
	change(s)
	p.report(host.Apply(s))
}

// report shows err in the panel, or clears the last error.
func (p *Panel) report(err error) {
	p.err = ""
	if err != nil {
		p.err = err.Error()
	}
}

// sync refills the fields from the host's scene.
func (p *Panel) sync(host Host) {
	s := host.Scene()
	p.seen = s
	switch {
	case s.Expr != "":
		p.choice = len(p.choices) - 1
		p.exprText = s.Expr
	case s.Surface != "":
		p.choice = max(0, slices.Index(p.choices, choiceBuiltin+s.Surface))
	}
	p.exprSeen = ""
	p.dataText = s.Data
	p.cmapIdx = max(0, slices.Index(mesh.ColormapNames(), s.Colormap))
	p.meshIdx = 0
	for i, n := range meshSizes {
		if n <= max(s.Mesh, 1) {
			p.meshIdx = i
		}
	}
	p.alpha = s.Alpha
	if p.alpha == 0 {
		p.alpha = 1
	}
	p.rate = s.Rate
	for len(p.ticked) < len(s.Runs) {
		p.ticked = append(p.ticked, len(p.ticked) == 0)
	}
	p.ticked = p.ticked[:len(s.Runs)]
	old := p.runs
	p.runs = make([]runEdit, len(s.Runs))
	methods := optim.Methods()
	labels, colors := s.RunLabels(), s.RunColors() // once: each looks at every run
	for i, rc := range s.Runs {
		e := &p.runs[i]
		e.label = labels[i]
		e.open = i == 0
		if i < len(old) {
			e.open = old[i].open
		}
		spec, err := optim.ParseSpec(rc.Optimizer)
		if err != nil {
			spec = optim.Spec{Method: "sgd", Values: map[string]float64{"lr": 0.1}}
		}
		e.spec = spec
		e.method = slices.IndexFunc(methods, func(m optim.Method) bool { return m.Name == spec.Method })
		e.text = map[string]string{}
		e.schedText = map[string]string{}
		e.logs = map[string]float64{}
		for _, prm := range methods[max(0, e.method)].Params {
			v := spec.Values[prm.Name]
			e.text[prm.Name] = prm.FormatValue(v)
			if v > 0 {
				e.logs[prm.Name] = math.Log10(v)
			}
		}
		start := rc.Start
		if start == nil {
			start = host.Surface().Start
		}
		if len(start) > 0 {
			e.x = plot.FormatValue(start[0])
		}
		if len(start) > 1 {
			e.y = plot.FormatValue(start[1])
		}
		e.color = max(0, slices.Index(p.lists.Palette, colors[i]))
		e.swarm = strconv.Itoa(rc.Swarm)
		e.radius = plot.FormatValue(rc.SwarmRadius)
	}
}
