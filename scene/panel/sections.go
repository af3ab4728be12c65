package panel

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"descent/optim"
	"descent/scene"
	"descent/scene/expr"
	"descent/scene/mesh"
	"descent/scene/plot"
)

// surfaceSection lets the user choose a preset or a built-in surface, or
// type an expression.
func (p *Panel) surfaceSection(host Host) {
	if !p.ui.Heading("Surface", &p.sections[0]) {
		return
	}
	u := &p.ui
	if u.Dropdown("surface", &p.choice, p.choices) {
		p.chooseSurface(host, p.choices[p.choice])
	}
	u.Label("Expression of x and y (Enter applies):", true)
	if u.TextField("expr", &p.exprText) {
		p.applyExpr(host, p.exprText)
	}
	if p.exprText != p.exprSeen {
		p.exprSeen = p.exprText
		p.exprError = ""
		if strings.TrimSpace(p.exprText) != "" {
			if _, err := expr.Parse(p.exprText); err != nil {
				p.exprError = err.Error()
			}
		}
	}
	switch {
	case p.exprError != "":
		u.Label(p.exprError, false)
	case p.exprText != "" && p.exprText != host.Scene().Expr:
		u.Label("ok: press Enter to apply", true)
	}
	u.Label("Data file, CSV (Enter loads; or drop a file on the window):", true)
	if u.TextField("data", &p.dataText) {
		p.applyData(host, strings.TrimSpace(p.dataText))
	}
}

// applyData makes the surface a model on the data file path: the current
// model when it takes data, else the one the file's header suits.
func (p *Panel) applyData(host Host, path string) {
	if path == "" || path == host.Scene().Data {
		return
	}
	s := host.Scene().Clone()
	if err := s.UseData(path); err != nil {
		p.report(err)
		return
	}
	p.report(host.Apply(s))
}

// runScope is the widget scope of run i's fields.
func runScope(i int) string { return "run" + strconv.Itoa(i) }

// runsSection lists the runs with their settings.
func (p *Panel) runsSection(host Host) {
	if !p.ui.Heading("Runs", &p.sections[1]) {
		return
	}
	u := &p.ui
	u.Label("Click the map or surface to add a start for the ticked runs; Shift-click moves the first ticked run's start.", true)
	for i := range p.runs {
		u.Push(runScope(i))
		p.runWidgets(host, i)
		u.Pop()
	}
	u.Row(1, 1)
	if u.Button("Add run") {
		p.edit(host, func(s *scene.Scene) {
			rc := scene.RunConfig{Optimizer: "sgd:lr=0.1"}
			if sel := p.Ticked(len(s.Runs)); len(sel) > 0 {
				rc = s.Runs[sel[0]]
				rc.Label = ""
			}
			rc.Color = (&scene.Scene{Runs: append(slices.Clone(s.Runs), scene.RunConfig{})}).RunColor(len(s.Runs))
			s.Runs = append(s.Runs, rc)
		})
	}
	if u.Button("Restart all") {
		host.Restart()
	}
}

// runWidgets lays out the settings of run i.
func (p *Panel) runWidgets(host Host, i int) {
	s := host.Scene()
	if i >= len(p.runs) || i >= len(s.Runs) {
		return
	}
	u := &p.ui
	e := &p.runs[i]
	methods := optim.Methods()
	names := make([]string, len(methods))
	for k, m := range methods {
		names[k] = m.Name
	}
	if !u.Heading(fmt.Sprintf("%d. %s", i+1, e.label), &e.open) {
		return
	}
	u.Row(1, 1)
	u.Checkbox("ticked", &p.ticked[i])
	if u.Button("Remove") {
		p.edit(host, func(s *scene.Scene) { s.Runs = slices.Delete(s.Runs, i, i+1) })
		if p.err == "" && i < len(p.ticked) {
			p.ticked = slices.Delete(p.ticked, i, i+1)
		}
		return
	}
	u.Row(2, 3)
	u.Label("Optimizer", false)
	if u.Dropdown("method", &e.method, names) {
		spec := methods[e.method].Defaults()
		spec.Schedulers = e.spec.Clone().Schedulers // a new method keeps the schedule
		if lr, ok := e.spec.Values["lr"]; ok {
			if prm, ok := methods[e.method].Param("lr"); ok && prm.Check(lr) == nil {
				spec.Values["lr"] = lr
			}
		}
		p.setSpec(host, i, spec)
	}
	if e.method < 0 || e.method >= len(methods) {
		return
	}
	for _, prm := range methods[e.method].Params {
		p.paramWidgets(host, i, prm)
	}
	p.scheduleWidgets(host, i)
	u.Row(2, 1.5, 1.5)
	u.Label("Start x, y", false)
	startX := u.TextField("x", &e.x)
	startY := false
	if host.Surface().Dim > 1 {
		startY = u.TextField("y", &e.y)
	} else {
		u.Label("", false)
	}
	if startX || startY {
		p.setStart(host, i)
	}
	if host.Surface().Dim == 2 {
		u.Row(2, 1.5, 1.5)
		u.Label("Swarm, radius", false)
		n := u.TextField("swarm", &e.swarm)
		r := u.TextField("radius", &e.radius)
		if n || r {
			p.setSwarm(host, i)
		}
	}
	u.Row(2, 3)
	u.Label("Colour", false)
	palette := p.lists.Palette
	if u.Dropdown("colour", &e.color, p.lists.ColorNames) {
		c := palette[max(0, min(e.color, len(palette)-1))]
		p.edit(host, func(s *scene.Scene) { s.Runs[i].Color = c })
	}
}

// paramWidgets lays out one hyper-parameter of run i: a checkbox for a
// flag; a number field and a slider (logarithmic when the registry says
// so) for a number.
func (p *Panel) paramWidgets(host Host, i int, prm optim.Param) {
	u := &p.ui
	e := &p.runs[i]
	if prm.Bool {
		u.Row(2, 3)
		u.Label(prm.Name, false)
		on := e.spec.Values[prm.Name] != 0
		if u.Checkbox("", &on) {
			p.setParam(host, i, prm, map[bool]float64{true: 1, false: 0}[on])
		}
		return
	}
	u.Row(2, 1.2, 1.8)
	u.Label(prm.Name, false)
	txt := e.text[prm.Name]
	if u.TextField(prm.Name, &txt) {
		v, err := strconv.ParseFloat(strings.TrimSpace(txt), 64)
		if err != nil {
			p.err = fmt.Sprintf("%s: not a number: %q", prm.Name, txt)
		} else {
			p.setParam(host, i, prm, v)
		}
	}
	e.text[prm.Name] = txt
	lo, hi := prm.SliderMin, prm.SliderMax
	if !(hi > lo) {
		lo, hi = prm.Min, math.Min(prm.Max, prm.Min+10)
	}
	if prm.Log && lo > 0 {
		lv := e.logs[prm.Name]
		show := func(v float64) string { return plot.FormatValue(plot.RoundTo(math.Pow(10, v), 3)) + " (log)" }
		if u.Slider(prm.Name+"/slider", &lv, math.Log10(lo), math.Log10(hi), 0.01, show) {
			e.logs[prm.Name] = lv
			p.setParam(host, i, prm, plot.RoundTo(math.Pow(10, lv), 3))
		}
		return
	}
	v := e.spec.Values[prm.Name]
	if u.Slider(prm.Name+"/slider", &v, lo, hi, (hi-lo)/100, func(v float64) string { return plot.FormatValue(v) }) {
		p.setParam(host, i, prm, plot.RoundTo(v, 4))
	}
}

// setParam changes one hyper-parameter of run i (the run restarts).
func (p *Panel) setParam(host Host, i int, prm optim.Param, v float64) {
	if err := prm.Check(v); err != nil {
		p.err = err.Error()
		return
	}
	spec := p.runs[i].spec.Clone() // keeps the schedule
	spec.Values[prm.Name] = v
	p.setSpec(host, i, spec)
}

// setSpec gives run i a new optimizer spec; its label follows the spec.
func (p *Panel) setSpec(host Host, i int, spec optim.Spec) {
	if err := spec.Validate(); err != nil {
		p.err = err.Error()
		return
	}
	p.edit(host, func(s *scene.Scene) {
		if i < len(s.Runs) {
			s.Runs[i].Optimizer = spec.String()
			s.Runs[i].Label = ""
		}
	})
}

// setStart moves run i's start to the panel's fields.
func (p *Panel) setStart(host Host, i int) {
	e := p.runs[i]
	fields := []string{e.x, e.y}
	if host.Surface().Dim == 1 {
		fields = fields[:1]
	}
	var start []float64
	for k, f := range fields {
		v, err := strconv.ParseFloat(strings.TrimSpace(f), 64)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
			p.err = fmt.Sprintf("start %s: not a number: %q", "xy"[k:k+1], f)
			return
		}
		start = append(start, v)
	}
	p.edit(host, func(s *scene.Scene) {
		if i < len(s.Runs) {
			s.Runs[i].Start = start
		}
	})
}

// setSwarm gives run i the swarm of the panel's fields: that many
// particles (0: none), starting over the domain or, with a radius, in the
// square of that half side around the run's start.
func (p *Panel) setSwarm(host Host, i int) {
	e := p.runs[i]
	n, err := strconv.Atoi(strings.TrimSpace(e.swarm))
	if err != nil {
		p.err = fmt.Sprintf("swarm: not a whole number: %q", e.swarm)
		return
	}
	r := 0.0 // no swarm, no radius: whatever the radius field holds
	if n != 0 {
		if r, err = strconv.ParseFloat(strings.TrimSpace(e.radius), 64); err != nil {
			p.err = fmt.Sprintf("swarm radius: not a number: %q", e.radius)
			return
		}
	}
	p.edit(host, func(s *scene.Scene) {
		if i < len(s.Runs) {
			s.Runs[i].Swarm, s.Runs[i].SwarmRadius = n, r
		}
	})
}

// lookSection holds the colormap, mesh, alpha, playback rate and the view
// toggles.
func (p *Panel) lookSection(host Host) {
	if !p.ui.Heading("Look and playback", &p.sections[2]) {
		return
	}
	u := &p.ui
	u.Row(2, 3)
	u.Label("Colormap", false)
	if u.Dropdown("colormap", &p.cmapIdx, mesh.ColormapNames()) {
		name := mesh.ColormapNames()[p.cmapIdx]
		p.edit(host, func(s *scene.Scene) { s.Colormap = name })
	}
	u.Row(2, 3)
	u.Label("Mesh", false)
	names := make([]string, len(meshSizes))
	for i, n := range meshSizes {
		names[i] = fmt.Sprintf("%d x %d", n, n)
	}
	if u.Dropdown("mesh", &p.meshIdx, names) {
		n := meshSizes[p.meshIdx]
		p.edit(host, func(s *scene.Scene) { s.Mesh = n })
	}
	u.Row(2, 3)
	u.Label("Surface alpha", false)
	if u.Slider("alpha", &p.alpha, 0.05, 1, 0.05, func(v float64) string { return strconv.FormatFloat(v, 'f', 2, 64) }) {
		a := p.alpha
		p.edit(host, func(s *scene.Scene) { s.Alpha = a })
	}
	u.Row(2, 3)
	u.Label("Steps per second", false)
	if u.Slider("rate", &p.rate, minRate, scene.MaxRate, minRate, func(v float64) string { return plot.FormatValue(v) }) {
		r := p.rate
		p.edit(host, func(s *scene.Scene) { s.Rate = r })
	}
	o := host.Options()
	before := o
	u.Row(1, 1)
	u.Checkbox("Step arrows (G)", &o.Arrows)
	u.Checkbox("Tangent (T)", &o.Tangent)
	u.Row(1, 1)
	u.Checkbox("Log loss (Y)", &o.LogLoss)
	u.Checkbox("Distance (D)", &o.Distance)
	u.Row(1)
	u.Checkbox("Learning rate on the chart (E)", &o.LR)
	u.Row(1)
	u.Checkbox("Stability: where the lr is too large (U)", &o.Stability)
	if host.Surface().Dim == 2 {
		u.Row(1)
		u.Checkbox("Basins of attraction of the run's optimizer (V)", &o.Basins)
	}
	if o != before {
		host.SetOptions(o)
	}
}

// minRate is the slowest playback the panel offers, in steps per second.
const minRate = 0.25

// chooseSurface switches to a preset (the whole scene) or a built-in
// surface (the runs start from its default start).
func (p *Panel) chooseSurface(host Host, choice string) {
	switch {
	case strings.HasPrefix(choice, choicePreset):
		p.report(host.OpenPreset(strings.TrimPrefix(choice, choicePreset)))
	case strings.HasPrefix(choice, choiceBuiltin):
		name := strings.TrimPrefix(choice, choiceBuiltin)
		p.edit(host, func(s *scene.Scene) {
			s.Surface, s.Expr, s.Data, s.Domain, s.Axes = name, "", "", nil, nil
			for k := range s.Runs {
				s.Runs[k].Start = nil
			}
		})
	default:
		p.applyExpr(host, p.exprText)
	}
}

// applyExpr switches to the typed expression when it parses; otherwise
// the error stays in the panel and the last good surface stays.
func (p *Panel) applyExpr(host Host, src string) {
	if strings.TrimSpace(src) == "" || src == host.Scene().Expr {
		return
	}
	if _, err := expr.Parse(src); err != nil {
		p.exprError = err.Error()
		return
	}
	p.edit(host, func(s *scene.Scene) {
		s.Surface, s.Expr, s.Data, s.Domain, s.Axes = "", src, "", nil, nil
		for k := range s.Runs {
			s.Runs[k].Start = nil
		}
	})
}
