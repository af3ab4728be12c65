// Package link writes the web page's address for a setup: the URL query that
// reproduces a scene (a preset by name plus what changed, else everything
// spelled out), and shares it (clipboard and address bar in the browser,
// standard error on the desktop).
package link

import (
	"math"
	"net/url"
	"reflect"
	"strconv"
	"strings"

	"descent/scene"
)

// View is how the page shows the scene besides the scene itself: the
// page's options that are not part of the scene file.
type View struct {
	// HideHUD hides the overlays, as H does.
	HideHUD bool
	// Controls is the page's controls= ("none", "minimal" or "full"; empty:
	// the page's default, not written).
	Controls string
	// Loop restarts the runs when every run has finished (loop=true).
	Loop bool
	// Paused starts the page paused (autoplay=false).
	Paused bool
	// Dark is the dark theme; Scale enlarges the labels (0 or 1: normal).
	Dark  bool
	Scale float64
}

// PageQuery returns the web page's URL query ("?scene=bowl-turntable&...")
// that shows scene s as v says. The query opens exactly s: a preset is
// named, with the settings changed after it (its camera to a hundredth of
// a degree); a scene that is no preset is spelled out as surface or
// expression, runs and settings; and a scene that such parameters cannot
// reproduce (labels, colours, arrows, a scene file's settings, anything
// the scene file format gains) travels whole, as its scene file compressed
// into scene= (see EncodeScene).
func PageQuery(s *scene.Scene, v View) string {
	var q query
	params, ok := shortForm(s)
	if !ok {
		c := s.Clone()
		c.Name, c.Dir = "", ""
		if enc, err := EncodeScene(c); err == nil {
			params = []param{{"scene", enc}}
		}
	}
	for _, p := range params {
		q.add(p.k, p.v)
	}
	if v.Controls != "" {
		q.add("controls", v.Controls)
	}
	if v.Paused {
		q.add("autoplay", "false")
	}
	if v.Loop {
		q.add("loop", "true")
	}
	if v.HideHUD {
		q.add("hud", "false")
	}
	if v.Dark {
		q.add("dark", "true")
	}
	if v.Scale != 0 && v.Scale != 1 {
		q.add("scale", num(v.Scale))
	}
	return q.String()
}

// param is one URL parameter.
type param struct{ k, v string }

// query builds a URL query.
type query struct{ b strings.Builder }

func (q *query) add(k, v string) {
	if q.b.Len() == 0 {
		q.b.WriteByte('?')
	} else {
		q.b.WriteByte('&')
	}
	q.b.WriteString(k)
	q.b.WriteByte('=')
	q.b.WriteString(escapeQuery(v))
}

func (q *query) String() string { return q.b.String() }

func num(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

// shortForm returns the page parameters that describe s (a preset and
// what changed, or a surface or expression spelled out) and whether they
// reproduce s exactly: the page's way of building a scene from them is
// replayed and the scene files compared.
func shortForm(s *scene.Scene) ([]param, bool) {
	var ps []param
	add := func(k, v string) { ps = append(ps, param{k, v}) }
	want := s.Clone()
	want.Normalize()
	base := presetOf(s)
	var t *scene.Scene // the scene the page builds from ps
	adHoc := base == nil
	if !adHoc {
		add("scene", s.Name)
		t = base.Clone()
	} else {
		switch {
		case s.Data != "":
			return nil, false // the page's address has no data file
		case s.Expr != "":
			add("expr", s.Expr)
		case s.Surface != "":
			add("surface", s.Surface)
		default:
			return nil, false
		}
		// The page's defaults for a surface or expression.
		base = &scene.Scene{Surface: s.Surface, Expr: s.Expr}
		base.Normalize()
		t = base.Clone()
	}
	// Settings that differ from the preset (all of them without one).
	if d := s.Domain; !reflect.DeepEqual(d, base.Domain) {
		if d == nil {
			return nil, false
		}
		add("domain", num(d.XMin)+","+num(d.XMax)+","+num(d.YMin)+","+num(d.YMax))
		dd := *d
		t.Domain = &dd
	}
	if !reflect.DeepEqual(s.Runs, base.Runs) || adHoc {
		if len(s.Runs) == 0 {
			return nil, false
		}
		opts, starts := runGrid(s.Runs)
		for _, o := range opts {
			add("opt", o)
		}
		for _, st := range starts {
			parts := make([]string, len(st))
			for i, v := range st {
				parts[i] = num(v)
			}
			add("start", strings.Join(parts, ","))
		}
		if len(starts) == 0 {
			starts = [][]float64{nil}
		}
		t.Runs = nil
		for _, st := range starts {
			for _, o := range opts {
				t.Runs = append(t.Runs, scene.RunConfig{Optimizer: o, Start: st})
			}
		}
		// Mini-batches and noise: the page gives every run the same.
		r0 := s.Runs[0]
		if r0.Batch != 0 || r0.Noise != 0 || (r0.Seed != 1 && r0.Seed != 0) {
			if r0.Batch != 0 {
				add("batch", strconv.Itoa(r0.Batch))
			}
			if r0.Noise != 0 {
				add("noise", num(r0.Noise))
			}
			add("seed", strconv.FormatUint(r0.Seed, 10))
			for i := range t.Runs {
				t.Runs[i].Batch, t.Runs[i].Noise, t.Runs[i].Seed = r0.Batch, r0.Noise, r0.Seed
			}
		}
		// Swarms, when every run has the same (the page gives all runs one).
		if n, r, ok := sameSwarm(s.Runs); ok && n > 0 {
			add("swarm", strconv.Itoa(n))
			if r > 0 {
				add("swarm-radius", num(r))
			}
			for i := range t.Runs {
				t.Runs[i].Swarm, t.Runs[i].SwarmRadius = n, r
			}
		}
	}
	if s.Steps != base.Steps {
		add("steps", strconv.Itoa(s.Steps))
		t.Steps = s.Steps
	}
	if s.Rate > 0 && s.Rate != base.Rate {
		add("rate", num(s.Rate))
		t.Rate = s.Rate
	}
	if s.Colormap != "" && s.Colormap != base.Colormap {
		add("colormap", s.Colormap)
		t.Colormap = s.Colormap
	}
	if s.Mesh > 0 && s.Mesh != base.Mesh {
		add("mesh", strconv.Itoa(s.Mesh))
		t.Mesh = s.Mesh
	}
	if s.Rotate != base.Rotate || s.AutoRotate != base.AutoRotate {
		if s.AutoRotate != (s.Rotate != 0) {
			return nil, false // rotate= turns it on exactly when it is not 0
		}
		add("rotate", num(s.Rotate))
		t.Rotate, t.AutoRotate = s.Rotate, s.Rotate != 0
	}
	if s.View != "" && s.View != base.View {
		add("view", s.View)
		t.View = s.View
	}
	if s.Layout != "" && s.Layout != base.Layout {
		add("layout", s.Layout)
		t.Layout = s.Layout
	}
	if c := want.Camera; c != base.Camera {
		round := func(v float64) string { return num(math.Round(v*100) / 100) }
		v := round(c.Elevation) + "," + round(c.Azimuth)
		if c.Distance != 0 {
			v += "," + strconv.FormatFloat(c.Distance, 'g', 6, 64)
		}
		add("camera", v)
	}
	t.Camera = want.Camera // to a hundredth of a degree
	t.Normalize()
	return ps, sameScene(t, want)
}

// sameScene reports whether a and b write the same scene file (their names
// aside).
func sameScene(a, b *scene.Scene) bool {
	a, b = a.Clone(), b.Clone()
	a.Name, b.Name = "", ""
	var wa, wb strings.Builder
	return a.Write(&wa) == nil && b.Write(&wb) == nil && wa.String() == wb.String()
}

// runGrid returns the optimizers and start points whose grid (starts
// outer, as the page's parameters make runs) gives runs. Runs that form no
// such grid give every optimizer and the distinct starts: the link then
// shows those runs from each start.
func runGrid(runs []scene.RunConfig) (opts []string, starts [][]float64) {
	seen := map[string]bool{}
	for _, r := range runs {
		if !seen[r.Optimizer] {
			seen[r.Optimizer] = true
			opts = append(opts, r.Optimizer)
		}
	}
	hasStart := false
	for _, r := range runs {
		if r.Start != nil {
			hasStart = true
		}
	}
	if !hasStart {
		return opts, nil
	}
	grid := len(runs)%len(opts) == 0
	for i := 0; grid && i < len(runs); i += len(opts) {
		for j, o := range opts {
			r := runs[i+j]
			if r.Optimizer != o || !reflect.DeepEqual(r.Start, runs[i].Start) {
				grid = false
			}
		}
		starts = append(starts, runs[i].Start)
	}
	if grid {
		return opts, starts
	}
	// Not a grid: every run's optimizer, every distinct start.
	opts, starts = nil, nil
	for _, r := range runs {
		opts = append(opts, r.Optimizer)
	}
	for _, r := range runs {
		dup := false
		for _, st := range starts {
			dup = dup || reflect.DeepEqual(st, r.Start)
		}
		if !dup && r.Start != nil {
			starts = append(starts, r.Start)
		}
	}
	return opts, starts
}

// escapeQuery escapes a query value, keeping the characters that are safe
// and common in specs and numbers (, : = are escaped only where needed).
func escapeQuery(v string) string {
	e := url.QueryEscape(v)
	return strings.NewReplacer("%2C", ",", "%3A", ":").Replace(e)
}

// presetOf returns the preset s was made from (same name, surface and
// expression), or nil when s is not a preset.
func presetOf(s *scene.Scene) *scene.Scene {
	if s.Name == "" {
		return nil
	}
	p, err := scene.Load(s.Name)
	if err != nil || p.Name != s.Name || p.Surface != s.Surface || p.Expr != s.Expr || p.Data != s.Data {
		return nil
	}
	p.Normalize()
	return p
}

// sameSwarm returns the swarm every run has, if they all have the same.
func sameSwarm(runs []scene.RunConfig) (n int, radius float64, ok bool) {
	if len(runs) == 0 {
		return 0, 0, false
	}
	n, radius = runs[0].Swarm, runs[0].SwarmRadius
	for _, r := range runs[1:] {
		if r.Swarm != n || r.SwarmRadius != radius {
			return 0, 0, false
		}
	}
	return n, radius, true
}
