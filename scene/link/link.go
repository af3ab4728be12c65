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

// View is how the page shows the scene besides the scene itself.
type View struct {
	// Camera, when set, is the 3-D view's elevation and azimuth in
	// matplotlib's view_init degrees (nil: the scene's own camera).
	Camera *[2]float64
	// HideHUD hides the overlays, as H does.
	HideHUD bool
}

// PageQuery returns the web page's URL query ("?scene=bowl-turntable&...")
// that shows scene s as v says. A preset is named, with the settings that
// were changed after it; anything else is spelled out as surface or
// expression, domain, runs and settings, so that the link reproduces the
// setup on any copy of the page.
func PageQuery(s *scene.Scene, v View) string {
	var b strings.Builder
	add := func(k, v string) {
		if b.Len() == 0 {
			b.WriteByte('?')
		} else {
			b.WriteByte('&')
		}
		b.WriteString(k)
		b.WriteByte('=')
		b.WriteString(escapeQuery(v))
	}
	num := func(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
	base := presetOf(s)
	if base != nil {
		add("scene", s.Name)
	} else {
		switch {
		case s.Expr != "":
			add("expr", s.Expr)
		case s.Surface != "":
			add("surface", s.Surface)
		}
		base = &scene.Scene{Steps: -1}
	}
	// Settings that differ from the preset (all of them without one).
	if d := s.Domain; d != nil && !reflect.DeepEqual(d, base.Domain) {
		add("domain", num(d.XMin)+","+num(d.XMax)+","+num(d.YMin)+","+num(d.YMax))
	}
	if !reflect.DeepEqual(s.Runs, base.Runs) {
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
		// Swarms, when every run has the same (the page gives all runs one).
		if n, r, ok := sameSwarm(s.Runs); ok && n > 0 {
			add("swarm", strconv.Itoa(n))
			if r > 0 {
				add("swarm-radius", num(r))
			}
		}
	}
	if s.Steps != base.Steps {
		add("steps", strconv.Itoa(s.Steps))
	}
	if s.Rate > 0 && s.Rate != base.Rate {
		add("rate", num(s.Rate))
	}
	if s.Colormap != "" && s.Colormap != base.Colormap {
		add("colormap", s.Colormap)
	}
	if s.Mesh > 0 && s.Mesh != base.Mesh {
		add("mesh", strconv.Itoa(s.Mesh))
	}
	if c := v.Camera; c != nil {
		round := func(v float64) string { return num(math.Round(v*10) / 10) }
		add("camera", round(c[0])+","+round(c[1]))
	}
	if v.HideHUD {
		add("hud", "false")
	}
	return b.String()
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
