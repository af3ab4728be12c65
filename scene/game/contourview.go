package game

import (
	"image/color"
	"math"

	"github.com/hajimehoshi/ebiten/v2"

	"descent/scene/contour"
	"descent/scene/mesh"
	"descent/scene/run"
	"descent/scene/surface"
	"descent/shaders"
)

// contourView is the domain seen from above: filled bands between contour
// levels in the colormap, iso-lines with their values written on them, the
// known minima, every run's path with a dot per iterate and, optionally,
// the step arrows. Bands, lines and labels are cached and rebuilt only when
// the visible rectangle, the pixel rectangle or the surface changes; paths
// and arrows are rebuilt every frame (they are cheap).
type contourView struct {
	plot   plot2D
	scale  contour.Scale
	dashed bool

	// Cache key.
	key contourKey

	// The grid over the visible rectangle, transformed by scale.
	nx, ny int
	t      []float64
	raw    []float64
	levels []float64
	// Colour range: the transformed values over the whole domain, so the
	// colours of a value do not change as the user pans and zooms.
	cLo, cHi float64
	cSurf    *surface.Surface

	fill   shaders.Lines // bands (screen coordinates)
	lines  shaders.Lines // iso-lines
	labels []contour.Label

	// Built every frame.
	front shaders.Lines // paths, arrows, minima
	frame shaders.Lines // axis frame
	texts []textItem
}

type contourKey struct {
	surf  *surface.Surface
	cmap  string
	vis   dataRect
	px    rect
	scale float64
	dark  bool
}

// contourSamples bounds the grid's resolution (samples per side).
const (
	contourSamplesMax = 180
	contourSamplesMin = 48
	contourLevels     = 11
)

// newContourView returns a contour view of the domain d.
func newContourView(d surface.Domain, scale contour.Scale, dashed bool) *contourView {
	return &contourView{plot: newPlot2D(dataRect{d.XMin, d.XMax, d.YMin, d.YMax}, true), scale: scale, dashed: dashed}
}

// runPath is what a 2-D view draws of one run.
type runPath struct {
	trail      *run.Trail
	color      color.RGBA
	grey       bool
	lr         float64 // learning rate, for the -lr*grad arrows (0: none)
	momentum   bool    // also draw the actual update
	label      string
	lastLoss   float64
	divergedAt int
}

// viewInput is what a 2-D view needs each frame.
type viewInput struct {
	pane    rect
	top     float64 // extra room at the top (under the title)
	surf    *surface.Surface
	cmap    mesh.Colormap
	st      axisStyle
	runs    []runPath
	arrows  bool
	tangent bool
	xTitle  string
	yTitle  string
	avoid   []rect // screen areas labels keep clear of (the legend)
}

// bandColor returns the colour of band k of the levels.
func (c *contourView) bandColor(cmap mesh.Colormap, k int) color.RGBA {
	n := len(c.levels)
	var lo, hi float64
	switch {
	case n == 0:
		lo, hi = c.cLo, c.cHi
	case k == 0:
		lo, hi = c.levels[0]-(c.levelStep()), c.levels[0]
	case k >= n:
		lo, hi = c.levels[n-1], c.levels[n-1]+c.levelStep()
	default:
		lo, hi = c.levels[k-1], c.levels[k]
	}
	return cmap.RGBA(c.colorT((lo + hi) / 2))
}

// levelStep is the spacing of the levels (in transformed units).
func (c *contourView) levelStep() float64 {
	if len(c.levels) < 2 {
		return (c.cHi - c.cLo) / 10
	}
	return (c.levels[len(c.levels)-1] - c.levels[0]) / float64(len(c.levels)-1)
}

// colorT maps a transformed value to a colormap coordinate in [0, 1].
func (c *contourView) colorT(v float64) float64 {
	if !(c.cHi > c.cLo) {
		return 0.5
	}
	return math.Max(0, math.Min(1, (v-c.cLo)/(c.cHi-c.cLo)))
}

// valueColor returns the colour the bands give to a raw loss value.
func (c *contourView) valueColor(cmap mesh.Colormap, v float64) color.RGBA {
	return c.bandColor(cmap, contour.BandOf(contour.Transform(v, c.scale), c.levels))
}

// colorRange samples the whole domain once per surface for the colours.
func (c *contourView) colorRange(s *surface.Surface) {
	if c.cSurf == s {
		return
	}
	c.cSurf = s
	d := s.Domain
	const n = 96
	z := make([]float64, 0, n*n)
	for j := range n {
		y := d.YMin + (d.YMax-d.YMin)*float64(j)/(n-1)
		for i := range n {
			x := d.XMin + (d.XMax-d.XMin)*float64(i)/(n-1)
			z = append(z, contour.Transform(s.Eval(x, y), c.scale))
		}
	}
	// Colours spread over the levels the whole domain gets (as
	// matplotlib's contourf spreads them), half a step beyond each end.
	raw := make([]float64, len(z))
	for k, v := range z {
		raw[k] = contour.Inverse(v, c.scale)
	}
	if hl := contour.Levels(raw, contourLevels, c.scale); len(hl) >= 2 {
		step := (hl[len(hl)-1] - hl[0]) / float64(len(hl)-1)
		c.cLo, c.cHi = hl[0]-step, hl[len(hl)-1]+step
		return
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, v := range z {
		if v-v == 0 {
			lo, hi = math.Min(lo, v), math.Max(hi, v)
		}
	}
	if !(hi > lo) {
		lo, hi = 0, 1
	}
	c.cLo, c.cHi = lo, hi
}

// prepare builds the frame of the contour view in in.pane.
func (c *contourView) prepare(in viewInput) {
	st := in.st
	l, t, r, b := st.plotMargins(in.xTitle != "", in.yTitle != "")
	_, lh := st.measureText("Ag", st.labelSize())
	t += in.top + lh
	c.plot.fit(in.pane.inset(l, t, r, b))
	c.colorRange(in.surf)
	key := contourKey{surf: in.surf, cmap: in.cmap.Name, vis: c.plot.vis, px: c.plot.px, scale: st.scale, dark: st.theme == DarkTheme}
	if key != c.key {
		c.key = key
		c.rebuild(in)
	}
	c.front.Reset()
	c.frame.Reset()
	c.texts = c.texts[:0]
	c.drawMinima(in)
	c.drawPaths(in)
	c.texts = axisFrame(&c.plot, st, in.xTitle, in.yTitle, false, nil, &c.frame, c.texts)
}

// rebuild samples the visible rectangle and builds bands, lines and labels.
func (c *contourView) rebuild(in viewInput) {
	p := &c.plot
	px := p.px
	n := int(math.Max(px.w(), px.h()) / 4)
	n = max(contourSamplesMin, min(contourSamplesMax, n))
	aspect := p.vis.y1 - p.vis.y0
	if w := p.vis.x1 - p.vis.x0; w > 0 && aspect > 0 {
		aspect /= w
	} else {
		aspect = 1
	}
	c.nx, c.ny = n, n
	if aspect < 1 {
		c.ny = max(contourSamplesMin/2, int(float64(n)*aspect))
	} else {
		c.nx = max(contourSamplesMin/2, int(float64(n)/aspect))
	}
	nx, ny := c.nx, c.ny
	if cap(c.raw) < nx*ny {
		c.raw = make([]float64, nx*ny)
	}
	c.raw = c.raw[:nx*ny]
	v := p.vis
	parallelRange(ny, func(j0, j1 int) {
		for j := j0; j < j1; j++ {
			y := v.y0 + (v.y1-v.y0)*float64(j)/float64(ny-1)
			for i := range nx {
				x := v.x0 + (v.x1-v.x0)*float64(i)/float64(nx-1)
				c.raw[j*nx+i] = in.surf.Eval(x, y)
			}
		}
	})
	c.t = contour.TransformGrid(c.raw, c.scale)
	c.levels = contour.Levels(c.raw, contourLevels, c.scale)
	dom := contour.Rect{MinX: v.x0, MinY: v.y0, MaxX: v.x1, MaxY: v.y1}

	// Bands.
	c.fill.Reset()
	for _, band := range contour.Bands(c.t, nx, ny, dom, c.levels) {
		col := shaders.RGBA(c.bandColor(in.cmap, band.Index), 1)
		tr := band.Triangles
		for k := 0; k+2 < len(tr); k += 3 {
			base := uint32(len(c.fill.Vertices))
			for _, q := range tr[k : k+3] {
				sx, sy := p.toPixel(q.X, q.Y)
				c.fill.Vertices = append(c.fill.Vertices, ebiten.Vertex{
					DstX: float32(sx), DstY: float32(sy), SrcX: 1e6,
					ColorR: col[0], ColorG: col[1], ColorB: col[2], ColorA: col[3],
				})
			}
			c.fill.Indices = append(c.fill.Indices, base, base+1, base+2)
		}
	}

	// Lines and their labels.
	st := in.st
	var labeled []contour.LabeledLine
	for k, lv := range c.levels {
		text := contour.LevelText(lv, c.scale)
		for _, pl := range contour.Lines(c.t, nx, ny, dom, lv) {
			labeled = append(labeled, contour.LabeledLine{Level: k, Text: text, Line: pl})
		}
	}
	project := func(q contour.Point) (float64, float64) { return p.toPixel(q.X, q.Y) }
	size := 12 * st.scale
	measure := func(s string) (float64, float64) { return st.measureText(s, size) }
	opts := contour.LabelOptions{Viewport: contour.Rect{MinX: px.x0, MinY: px.y0, MaxX: px.x1, MaxY: px.y1}}
	for _, a := range in.avoid {
		opts.Avoid = append(opts.Avoid, contour.Rect{MinX: a.x0, MinY: a.y0, MaxX: a.x1, MaxY: a.y1})
	}
	c.labels = contour.PlaceLabels(labeled, project, measure, opts)
	gaps := make([][][2]float64, len(labeled))
	for _, lb := range c.labels {
		gaps[lb.Line] = append(gaps[lb.Line], lb.Gap)
	}
	c.lines.Reset()
	lineCol := shaders.RGBA(color.RGBA{0x20, 0x24, 0x2c, 0xff}, 0.62)
	if st.theme == DarkTheme {
		lineCol = shaders.RGBA(color.RGBA{0x10, 0x10, 0x14, 0xff}, 0.7)
	}
	w := float32(0.9 * st.lineW)
	dash, gap := 6*st.lineW, 4*st.lineW
	for i, ll := range labeled {
		pts := contour.Project(ll.Line, project)
		for _, piece := range contour.Cut(pts, gaps[i]) {
			pieces := [][]contour.Point2{piece}
			if c.dashed {
				pieces = contour.Dash(piece, dash, gap)
			}
			for _, d := range pieces {
				for k := 1; k < len(d); k++ {
					c.lines.Segment(float32(d[k-1].X), float32(d[k-1].Y), float32(d[k].X), float32(d[k].Y), w, lineCol)
				}
			}
		}
	}
}

// drawMinima marks the known minima with a white cross outlined in dark.
func (c *contourView) drawMinima(in viewInput) {
	s := in.st.scale
	lw := in.st.lineW
	for _, m := range in.surf.Minima {
		x, y := c.plot.toPixel(m.X, m.Y)
		if !c.plot.px.contains(x, y) {
			continue
		}
		markMinimum(&c.front, x, y, 6*s, lw)
	}
}

// markMinimum draws a white cross with a dark outline centred at (x, y).
func markMinimum(l *shaders.Lines, x, y, r, lw float64) {
	dark := shaders.RGBA(color.RGBA{0x15, 0x17, 0x1c, 0xff}, 0.9)
	white := shaders.RGBA(color.RGBA{0xff, 0xff, 0xff, 0xff}, 1)
	for _, pass := range []struct {
		w float64
		c shaders.Color
	}{{4.2 * lw, dark}, {2 * lw, white}} {
		l.Segment(float32(x-r), float32(y-r), float32(x+r), float32(y+r), float32(pass.w), pass.c)
		l.Segment(float32(x-r), float32(y+r), float32(x+r), float32(y-r), float32(pass.w), pass.c)
	}
}

// drawPaths draws every run: a haloed line through its iterates, a dot per
// iterate, a ring at the start and a large dot at the current point, and
// the step arrows when asked.
func (c *contourView) drawPaths(in viewInput) {
	p := &c.plot
	lw := in.st.lineW
	s := in.st.scale
	halo := shaders.RGBA(color.RGBA{0xff, 0xff, 0xff, 0xff}, 0.55)
	dark := shaders.RGBA(color.RGBA{0x15, 0x17, 0x1c, 0xff}, 0.85)
	margin := 50.0
	vis := p.px.inset(-margin, -margin, -margin, -margin)
	for _, r := range in.runs {
		n := r.trail.Len()
		if n == 0 {
			continue
		}
		col := shaders.RGBA(r.color, 1)
		if r.grey {
			col = shaders.RGBA(in.st.theme.Grey, 1)
		}
		pts := make([][2]float64, n)
		for i := range n {
			sm := r.trail.At(i)
			pts[i][0], pts[i][1] = p.toPixel(sm.X, sm.Y)
		}
		seg := func(a, b [2]float64) bool {
			return vis.contains(a[0], a[1]) || vis.contains(b[0], b[1])
		}
		for i := 1; i < n; i++ {
			if seg(pts[i-1], pts[i]) {
				c.front.Segment(float32(pts[i-1][0]), float32(pts[i-1][1]), float32(pts[i][0]), float32(pts[i][1]), float32(4.2*lw), halo)
			}
		}
		for i := 1; i < n; i++ {
			if seg(pts[i-1], pts[i]) {
				c.front.Segment(float32(pts[i-1][0]), float32(pts[i-1][1]), float32(pts[i][0]), float32(pts[i][1]), float32(2*lw), col)
			}
		}
		if in.arrows {
			head := 7 * s
			for i := range n {
				sm := r.trail.At(i)
				if !sm.HasGrad || !vis.contains(pts[i][0], pts[i][1]) {
					continue
				}
				if r.momentum && i+1 < n {
					arrow(&c.front, pts[i][0], pts[i][1], pts[i+1][0], pts[i+1][1], 1.8*lw, head*1.1, col)
				}
				if r.lr > 0 {
					bx, by := p.toPixel(sm.X-r.lr*sm.GradX, sm.Y-r.lr*sm.GradY)
					arrow(&c.front, pts[i][0], pts[i][1], bx, by, 1.3*lw, head, dark)
				}
			}
		}
		dot := float32(2.6 * lw)
		if n > 400 {
			dot = float32(1.8 * lw)
		}
		for i := range n {
			if vis.contains(pts[i][0], pts[i][1]) {
				c.front.Disc(float32(pts[i][0]), float32(pts[i][1]), dot, col)
			}
		}
		// Start ring and current point.
		st := pts[0]
		c.front.Disc(float32(st[0]), float32(st[1]), float32(5.5*lw), dark)
		c.front.Disc(float32(st[0]), float32(st[1]), float32(3.8*lw), halo.Scale(1/0.55))
		c.front.Disc(float32(st[0]), float32(st[1]), float32(2.2*lw), col)
		cur := pts[n-1]
		c.front.Disc(float32(cur[0]), float32(cur[1]), float32(6.5*lw), dark)
		c.front.Disc(float32(cur[0]), float32(cur[1]), float32(5*lw), col)
	}
}
