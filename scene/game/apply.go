package game

import (
	"fmt"
	"math"
	"slices"

	"descent/scene"
	"descent/scene/mesh"
	"descent/scene/surface"
)

// applyScene makes s the window's scene, as the control panel and clicks
// edit it: the scene is validated and the surface built first, so a bad
// edit returns an error and leaves the window as it was (the last good
// surface stays). Runs whose settings did not change keep going; changed
// and new runs start from their start points. The mesh is rebuilt only
// when the surface, the resolution or the colormap changed.
func (g *Game) applyScene(s *scene.Scene) error {
	ns, err := prepareScene(s)
	if err != nil {
		return err
	}
	old := g.sc
	surfChanged := ns.Surface != old.Surface || ns.Expr != old.Expr || ns.Data != old.Data ||
		!sameDomain(ns.Domain, old.Domain) || ns.Dir != old.Dir
	surf := g.surf
	if surfChanged {
		if surf, err = ns.BuildSurface(); err != nil {
			return fmt.Errorf("game: %w", err)
		}
	}
	// Runs: keep the unchanged ones.
	entries := make([]entry, len(ns.Runs))
	hist := make([]*lossHistory, len(ns.Runs))
	for i, rc := range ns.Runs {
		if !surfChanged {
			if j := g.findRun(rc, i); j >= 0 {
				entries[i] = g.entries[j]
				entries[i].label, entries[i].color = ns.RunLabel(i), ns.RunColor(i)
				if j < len(g.views.hist) {
					hist[i] = g.views.hist[j]
				}
				continue
			}
		}
		one := *ns
		one.Runs = ns.Runs[i : i+1]
		runs, err := one.BuildRuns(surf, g.opts.TrailLength)
		if err != nil {
			return fmt.Errorf("game: run %d: %w", i+1, err)
		}
		entries[i] = entry{run: runs[0], label: ns.RunLabel(i), color: ns.RunColor(i)}
	}
	for i := range hist {
		if hist[i] == nil {
			hist[i] = newLossHistory()
		}
	}
	// The 3D view.
	var nv *view
	cmap := g.cmap
	if ns.Colormap != old.Colormap {
		if cmap, err = mesh.LookupColormap(ns.Colormap); err != nil {
			return fmt.Errorf("game: %w", err)
		}
	}
	alpha := ns.Alpha
	if alpha == 0 {
		alpha = 1
	}
	if surfChanged || ns.Mesh != old.Mesh || ns.Colormap != old.Colormap || g.view == nil {
		n := ns.Mesh
		if n == 0 {
			n = 200
		}
		preview := g.opts.Preview
		if preview == 0 {
			preview = previewSamples
		}
		if preview < 0 {
			preview = 0
		}
		nv, err = newView(surf, viewConfig{
			Mesh: n, Preview: preview, Alpha: alpha, Colormap: cmap.Name,
			Labels: [3]string{ns.XLabel, ns.YLabel, ns.ZLabel}, Theme: g.theme,
		})
		if err != nil {
			return fmt.Errorf("game: %w", err)
		}
		if gr := nv.grid; gr.NaN+gr.Infinite >= gr.N*gr.N {
			return fmt.Errorf("game: the surface has no finite value in the domain")
		}
	}

	// Nothing can fail from here on.
	g.sc, g.surf, g.entries = ns, surf, entries
	if nv != nil {
		g.view = nv
	}
	g.view.alpha = alpha
	if cmap.Name != g.cmap.Name {
		g.cmap = cmap
		if g.cmapImg != nil {
			g.cmapImg.Deallocate()
		}
		g.cmapImg = nil
	}
	if r := ns.Rate; r > 0 {
		g.rate = math.Min(r, maxRate)
	}
	g.trails = make([]trail, len(entries))
	g.trailKeys = make([]trailKey, len(entries))
	g.views.hist = hist
	g.views.specs = nil
	if surfChanged {
		g.resetFlatViews()
		g.views.hist = nil
	}
	g.views.panel.syncFrom(g)
	return nil
}

// findRun returns the index of the current run with exactly the settings
// rc (preferring index i), or -1.
func (g *Game) findRun(rc scene.RunConfig, i int) int {
	same := func(j int) bool {
		if j < 0 || j >= len(g.sc.Runs) || j >= len(g.entries) {
			return false
		}
		o := g.sc.Runs[j]
		return o.Optimizer == rc.Optimizer && slices.Equal(o.Start, rc.Start) && o.Batch == rc.Batch &&
			o.Noise == rc.Noise && o.Seed == rc.Seed
	}
	if same(i) {
		return i
	}
	for j := range g.sc.Runs {
		if same(j) {
			return j
		}
	}
	return -1
}

// sameDomain reports whether two optional domains are equal.
func sameDomain(a, b *surface.Domain) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}

// addStarts adds, for each selected run, a copy of it starting at p.
func (g *Game) addStarts(p []float64) {
	s := g.sc.Clone()
	sel := g.views.panel.selectedRuns(len(s.Runs))
	if len(s.Runs) == 0 {
		s.Runs = append(s.Runs, scene.RunConfig{Optimizer: "sgd:lr=0.1", Start: p})
	}
	for _, i := range sel {
		rc := s.Runs[i]
		rc.Start = slices.Clone(p)
		rc.Label = ""
		rc.Color = (&scene.Scene{Runs: append(slices.Clone(s.Runs), rc)}).RunColor(len(s.Runs))
		s.Runs = append(s.Runs, rc)
	}
	if err := g.applyScene(s); err != nil {
		g.say("%v", err)
		return
	}
	g.say("start (%s) added", formatPoint(p))
}

// moveStart moves the first selected run's start to p (it restarts).
func (g *Game) moveStart(p []float64) {
	s := g.sc.Clone()
	sel := g.views.panel.selectedRuns(len(s.Runs))
	if len(sel) == 0 {
		return
	}
	s.Runs[sel[0]].Start = slices.Clone(p)
	if err := g.applyScene(s); err != nil {
		g.say("%v", err)
		return
	}
	g.say("run %d starts at (%s)", sel[0]+1, formatPoint(p))
}

// formatPoint writes a start point briefly.
func formatPoint(p []float64) string {
	out := ""
	for i, v := range p {
		if i > 0 {
			out += ", "
		}
		out += formatValue(roundTo(v, 4))
	}
	return out
}

// roundTo rounds v to d significant decimals of its magnitude's order.
func roundTo(v float64, d int) float64 {
	if v == 0 || v-v != 0 {
		return v
	}
	p := math.Pow(10, float64(d)-math.Ceil(math.Log10(math.Abs(v))))
	return math.Round(v*p) / p
}
