package game

import (
	"fmt"
	"image"
	"image/color"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/ebitengine/debugui"
	"github.com/hajimehoshi/ebiten/v2"

	"descent/optim"
	"descent/scene"
	"descent/scene/expr"
	"descent/scene/mesh"
	"descent/scene/surface"
)

// panelState is the control panel (Tab): the surface, the runs with every
// hyper-parameter of the optimizer registry, and the look and playback.
// Every edit goes through applyScene, so a bad value shows an error in the
// panel and changes nothing.
type panelState struct {
	shown bool
	ui    debugui.DebugUI
	hover bool // the pointer is over the panel (the views ignore it)
	err   string

	// Surface choice: presets, then built-ins, then the typed expression.
	choices   []string
	choice    int
	exprText  string
	exprSeen  string
	exprError string

	selected []bool
	runs     []runEdit

	cmapIdx, meshIdx int
	alpha, rate      float64

	// lrField is where run i's learning-rate field was last laid out, in
	// screen pixels (for tests that drive the panel with a real mouse).
	lrField map[int]image.Rectangle
}

// runEdit holds the text fields of one run between frames.
type runEdit struct {
	spec     optim.Spec
	method   int
	text     map[string]string // free number fields, per parameter
	logs     map[string]float64
	x, y     float64
	colorIdx int
}

// meshSizes are the mesh resolutions the panel offers.
var meshSizes = []int{50, 100, 150, 200, 300, 400}

const (
	choicePreset  = "preset: "
	choiceBuiltin = "surface: "
	choiceExpr    = "expression (type below)"
)

// syncFrom refreshes the panel's fields from the game's scene.
func (p *panelState) syncFrom(g *Game) {
	s := g.sc
	if p.choices == nil {
		for _, n := range scene.Presets() {
			p.choices = append(p.choices, choicePreset+n)
		}
		for _, n := range surface.Names() {
			p.choices = append(p.choices, choiceBuiltin+n)
		}
		p.choices = append(p.choices, choiceExpr)
	}
	switch {
	case s.Expr != "":
		p.choice = len(p.choices) - 1
		p.exprText = s.Expr
	case s.Surface != "":
		p.choice = max(0, slices.Index(p.choices, choiceBuiltin+s.Surface))
	}
	p.exprSeen = ""
	p.cmapIdx = max(0, slices.Index(mesh.ColormapNames(), g.cmap.Name))
	p.meshIdx = 0
	for i, n := range meshSizes {
		if n <= max(s.Mesh, 1) {
			p.meshIdx = i
		}
	}
	p.alpha = g.view.alpha
	p.rate = g.rate
	for len(p.selected) < len(s.Runs) {
		p.selected = append(p.selected, len(p.selected) == 0)
	}
	p.selected = p.selected[:len(s.Runs)]
	p.runs = make([]runEdit, len(s.Runs))
	methods := optim.Methods()
	for i, rc := range s.Runs {
		e := &p.runs[i]
		spec, err := optim.ParseSpec(rc.Optimizer)
		if err != nil {
			spec = optim.Spec{Method: "sgd", Values: map[string]float64{"lr": 0.1}}
		}
		e.spec = spec
		e.method = slices.IndexFunc(methods, func(m optim.Method) bool { return m.Name == spec.Method })
		e.text = map[string]string{}
		e.logs = map[string]float64{}
		m := methods[max(0, e.method)]
		for _, prm := range m.Params {
			v := spec.Values[prm.Name]
			e.text[prm.Name] = prm.FormatValue(v)
			if v > 0 {
				e.logs[prm.Name] = math.Log10(v)
			}
		}
		start := rc.Start
		if start == nil {
			start = g.surf.Start
		}
		if len(start) > 0 {
			e.x = start[0]
		}
		if len(start) > 1 {
			e.y = start[1]
		}
		e.colorIdx = paletteIndex(g.sc.RunColor(i))
	}
}

// selectedRuns returns the indices of the selected runs (the first run
// when none is).
func (p *panelState) selectedRuns(n int) []int {
	var out []int
	for i := range min(n, len(p.selected)) {
		if p.selected[i] {
			out = append(out, i)
		}
	}
	if len(out) == 0 && n > 0 {
		out = []int{0}
	}
	return out
}

// paletteNames names the palette colours the panel offers (scene.Palette()
// in the order of scene.ColorNames).
func paletteNames() []string {
	return scene.ColorNames()[:len(scene.Palette())]
}

// paletteIndex returns the palette index of c, or 0.
func paletteIndex(c color.RGBA) int {
	return max(0, slices.Index(scene.Palette(), c))
}

// updatePanel runs the panel's widgets (when shown) and reports whether it
// holds the keyboard and whether the pointer is over it.
func (g *Game) updatePanel() (focus, hover bool) {
	p := &g.views.panel
	if !p.shown {
		p.hover = false
		return false, false
	}
	if p.runs == nil && len(g.sc.Runs) > 0 || p.choices == nil {
		p.syncFrom(g)
	}
	state, err := p.ui.Update(func(ctx *debugui.Context) error {
		g.panelWidgets(ctx)
		return nil
	})
	if err != nil {
		p.err = err.Error()
	}
	p.hover = state&debugui.InputCapturingStateHover != 0
	return state&debugui.InputCapturingStateFocus != 0, p.hover
}

// drawPanel draws the panel when shown.
func (g *Game) drawPanel(screen *ebiten.Image) {
	if g.views.panel.shown {
		g.views.panel.ui.Draw(screen)
	}
}

// edit applies a change to a copy of the scene, keeping the error for the
// panel.
func (g *Game) edit(change func(s *scene.Scene)) {
	s := g.sc.Clone()
	change(s)
	if err := g.applyScene(s); err != nil {
		g.views.panel.err = err.Error()
		return
	}
	g.views.panel.err = ""
}

// panelWidgets lays the panel out.
func (g *Game) panelWidgets(ctx *debugui.Context) {
	p := &g.views.panel
	scale := 1
	if g.height > 1400 {
		scale = 2
	}
	ctx.SetScale(scale)
	w := 380
	h := int(g.height)/scale - 80
	// On the left, under the HUD's status: the legend stays readable.
	x := 16
	ctx.Window("Descent controls (Tab hides)", image.Rect(x, 60, x+w, 60+h), func(layout debugui.ContainerLayout) {
		if p.err != "" {
			ctx.Text("Error: " + p.err)
		}
		ctx.Header("Surface", true, func() {
			ctx.SetGridLayout([]int{-1}, nil)
			ctx.Dropdown(&p.choice, p.choices).On(func() {
				g.chooseSurface(p.choices[p.choice])
			})
			ctx.Text("Expression of x and y (Enter applies):")
			ctx.TextField(&p.exprText).On(func() {
				g.applyExpr(p.exprText)
			})
			if p.exprText != p.exprSeen {
				p.exprSeen = p.exprText
				p.exprError = ""
				if strings.TrimSpace(p.exprText) != "" {
					if _, err := expr.Parse(p.exprText); err != nil {
						p.exprError = err.Error()
					}
				}
			}
			if p.exprError != "" {
				ctx.Text(p.exprError)
			} else if p.exprText != "" && p.exprText != g.sc.Expr {
				ctx.Text("ok: press Enter to apply")
			}
		})
		ctx.Header("Runs", true, func() {
			ctx.Text("Click the map or surface to add a start for the ticked runs; Shift-click moves the first ticked run's start.")
			for i := range p.runs {
				ctx.IDScope(strconv.Itoa(i), func() {
					g.runWidgets(ctx, i)
				})
			}
			ctx.SetGridLayout([]int{-1, -1}, nil)
			ctx.Button("Add run").On(func() {
				g.edit(func(s *scene.Scene) {
					rc := scene.RunConfig{Optimizer: "sgd:lr=0.1"}
					if sel := p.selectedRuns(len(s.Runs)); len(sel) > 0 {
						rc = s.Runs[sel[0]]
						rc.Label = ""
					}
					rc.Color = (&scene.Scene{Runs: append(slices.Clone(s.Runs), scene.RunConfig{})}).RunColor(len(s.Runs))
					s.Runs = append(s.Runs, rc)
				})
			})
			ctx.Button("Restart all").On(func() { g.restart() })
		})
		ctx.Header("Look and playback", true, func() {
			ctx.SetGridLayout([]int{-1, -2}, nil)
			ctx.Text("Colormap")
			ctx.Dropdown(&p.cmapIdx, mesh.ColormapNames()).On(func() {
				name := mesh.ColormapNames()[p.cmapIdx]
				g.edit(func(s *scene.Scene) { s.Colormap = name })
			})
			ctx.Text("Mesh")
			names := make([]string, len(meshSizes))
			for i, n := range meshSizes {
				names[i] = fmt.Sprintf("%d x %d", n, n)
			}
			ctx.Dropdown(&p.meshIdx, names).On(func() {
				n := meshSizes[p.meshIdx]
				g.edit(func(s *scene.Scene) { s.Mesh = n })
			})
			ctx.Text("Surface alpha")
			ctx.SliderF(&p.alpha, 0.05, 1, 0.05, 2).On(func() {
				a := p.alpha
				g.edit(func(s *scene.Scene) { s.Alpha = a })
			})
			ctx.Text("Steps per second")
			ctx.SliderF(&p.rate, 0.25, maxRate, 0.25, 2).On(func() {
				g.rate = math.Max(minRate, math.Min(maxRate, p.rate))
				g.sc.Rate = g.rate
			})
			ctx.Checkbox(&g.views.arrows, "Step arrows (G)")
			ctx.Checkbox(&g.views.tangent, "Tangent (T)")
			ctx.Checkbox(&g.views.chart.log, "Log loss (Y)")
			ctx.Checkbox(&g.views.chart.dist, "Distance (D)")
		})
		ctx.SetGridLayout([]int{-1}, nil)
		ctx.Button("Save scene (Ctrl+S)").On(func() { g.saveScene() })
		ctx.Button("Copy link (K)").On(func() { g.copyLink() })
	})
}

// runWidgets lays out the settings of run i.
func (g *Game) runWidgets(ctx *debugui.Context, i int) {
	p := &g.views.panel
	if i >= len(p.runs) || i >= len(g.sc.Runs) {
		return
	}
	e := &p.runs[i]
	methods := optim.Methods()
	names := make([]string, len(methods))
	for k, m := range methods {
		names[k] = m.Name
	}
	label := fmt.Sprintf("%d. %s", i+1, g.sc.RunLabel(i))
	ctx.Header(label, i == 0, func() {
		ctx.SetGridLayout([]int{-1, -2}, nil)
		ctx.Checkbox(&p.selected[i], "ticked")
		ctx.Button("Remove").On(func() {
			g.edit(func(s *scene.Scene) { s.Runs = slices.Delete(s.Runs, i, i+1) })
			if i < len(p.selected) {
				p.selected = slices.Delete(p.selected, i, i+1)
			}
		})
		ctx.Text("Optimizer")
		ctx.Dropdown(&e.method, names).On(func() {
			spec := methods[e.method].Defaults()
			if lr, ok := e.spec.Values["lr"]; ok {
				if prm, ok := methods[e.method].Param("lr"); ok && prm.Check(lr) == nil {
					spec.Values["lr"] = lr
				}
			}
			g.setSpec(i, spec)
		})
		if e.method < 0 || e.method >= len(methods) {
			return
		}
		for _, prm := range methods[e.method].Params {
			ctx.IDScope(prm.Name, func() {
				g.paramWidgets(ctx, i, prm)
			})
		}
		ctx.Text("Start x, y")
		ctx.GridCell(func(image.Rectangle) {
			ctx.SetGridLayout([]int{-1, -1}, nil)
			ctx.NumberFieldF(&e.x, 0.05, 3).On(func() { g.setStart(i) })
			if g.surf.Dim > 1 {
				ctx.NumberFieldF(&e.y, 0.05, 3).On(func() { g.setStart(i) })
			}
		})
		ctx.Text("Colour")
		ctx.Dropdown(&e.colorIdx, paletteNames()).On(func() {
			c := scene.Palette()[max(0, min(e.colorIdx, len(scene.Palette())-1))]
			g.edit(func(s *scene.Scene) { s.Runs[i].Color = c })
		})
	})
}

// paramWidgets lays out one hyper-parameter of run i: a checkbox for a
// flag, a free number field plus a slider (logarithmic when the registry
// says so) for a number.
func (g *Game) paramWidgets(ctx *debugui.Context, i int, prm optim.Param) {
	e := &g.views.panel.runs[i]
	if prm.Bool {
		on := e.spec.Values[prm.Name] != 0
		ctx.Text(prm.Name)
		ctx.Checkbox(&on, "").On(func() {
			g.setParam(i, prm, map[bool]float64{true: 1, false: 0}[on])
		})
		return
	}
	name := prm.Name
	if prm.Log && prm.SliderMin > 0 {
		name += " (slider: log10)"
	}
	ctx.Text(name)
	ctx.GridCell(func(b image.Rectangle) {
		if prm.Name == "lr" {
			p := &g.views.panel
			if p.lrField == nil {
				p.lrField = map[int]image.Rectangle{}
			}
			k := ctx.Scale()
			p.lrField[i] = image.Rect(b.Min.X*k, b.Min.Y*k, (b.Min.X+b.Dx()*2/5)*k, b.Max.Y*k)
		}
		ctx.SetGridLayout([]int{-2, -3}, nil)
		txt := e.text[prm.Name]
		ctx.TextField(&txt).On(func() {
			v, err := strconv.ParseFloat(strings.TrimSpace(txt), 64)
			if err != nil {
				g.views.panel.err = fmt.Sprintf("%s: not a number: %q", prm.Name, txt)
				return
			}
			g.setParam(i, prm, v)
		})
		e.text[prm.Name] = txt
		lo, hi := prm.SliderMin, prm.SliderMax
		if !(hi > lo) {
			lo, hi = prm.Min, math.Min(prm.Max, prm.Min+10)
		}
		if prm.Log && lo > 0 {
			lv := e.logs[prm.Name]
			ctx.SliderF(&lv, math.Log10(lo), math.Log10(hi), 0.01, 2).On(func() {
				v := roundTo(math.Pow(10, lv), 3)
				e.logs[prm.Name] = lv
				g.setParam(i, prm, v)
			})
			return
		}
		v := e.spec.Values[prm.Name]
		ctx.SliderF(&v, lo, hi, (hi-lo)/100, 3).On(func() {
			g.setParam(i, prm, roundTo(v, 4))
		})
	})
}

// setParam changes one hyper-parameter of run i (it restarts).
func (g *Game) setParam(i int, prm optim.Param, v float64) {
	p := &g.views.panel
	if err := prm.Check(v); err != nil {
		p.err = err.Error()
		return
	}
	spec := optim.Spec{Method: p.runs[i].spec.Method, Values: map[string]float64{}}
	for k, x := range p.runs[i].spec.Values {
		spec.Values[k] = x
	}
	spec.Values[prm.Name] = v
	g.setSpec(i, spec)
}

// setSpec gives run i a new optimizer spec; its label follows the spec.
func (g *Game) setSpec(i int, spec optim.Spec) {
	if err := spec.Validate(); err != nil {
		g.views.panel.err = err.Error()
		return
	}
	g.edit(func(s *scene.Scene) {
		if i < len(s.Runs) {
			s.Runs[i].Optimizer = spec.String()
			s.Runs[i].Label = ""
		}
	})
}

// setStart moves run i's start to the panel's fields.
func (g *Game) setStart(i int) {
	e := g.views.panel.runs[i]
	p := []float64{e.x, e.y}
	if g.surf.Dim == 1 {
		p = p[:1]
	}
	g.edit(func(s *scene.Scene) {
		if i < len(s.Runs) {
			s.Runs[i].Start = p
		}
	})
}

// chooseSurface switches to a preset (the whole scene) or a built-in
// surface (the runs start from its default start).
func (g *Game) chooseSurface(choice string) {
	switch {
	case strings.HasPrefix(choice, choicePreset):
		s, err := scene.Load(strings.TrimPrefix(choice, choicePreset))
		if err != nil {
			g.views.panel.err = err.Error()
			return
		}
		if err := g.applyScene(s); err != nil {
			g.views.panel.err = err.Error()
			return
		}
		g.views.arrows = g.sc.Arrows
		if g.sc.View == "contour" || g.sc.View == "curve" {
			g.views.kind = viewFlat
		}
		g.views.panel.err = ""
	case strings.HasPrefix(choice, choiceBuiltin):
		name := strings.TrimPrefix(choice, choiceBuiltin)
		g.edit(func(s *scene.Scene) {
			s.Surface, s.Expr, s.Data, s.Domain, s.Axes = name, "", "", nil, nil
			for k := range s.Runs {
				s.Runs[k].Start = nil
			}
		})
	default:
		g.applyExpr(g.views.panel.exprText)
	}
}

// applyExpr switches to the typed expression when it parses; otherwise
// the error stays in the panel and the last good surface stays.
func (g *Game) applyExpr(src string) {
	p := &g.views.panel
	if strings.TrimSpace(src) == "" || src == g.sc.Expr {
		return
	}
	if _, err := expr.Parse(src); err != nil {
		p.exprError = err.Error()
		return
	}
	g.edit(func(s *scene.Scene) {
		s.Surface, s.Expr, s.Data, s.Domain, s.Axes = "", src, "", nil, nil
		for k := range s.Runs {
			s.Runs[k].Start = nil
		}
	})
}
