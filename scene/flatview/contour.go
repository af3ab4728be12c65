package flatview

import (
	"image/color"
	"math"

	"github.com/hajimehoshi/ebiten/v2"

	"descent/scene/contour"
	"descent/scene/mesh"
	"descent/scene/parallel"
	"descent/scene/plot"
	"descent/scene/surface"
	"descent/shaders"
)

// Contour is the domain seen from above: filled bands between contour
// levels in the colormap, iso-lines with their values written on them, the
// known minima, every run's path with a dot per iterate and, optionally,
// the step arrows with their key and the stability overlay. Bands, lines
// and labels are cached and rebuilt only when the visible rectangle, the
// pixel rectangle or the surface changes; the overlay's curvatures when the
// visible rectangle or the surface changes, its shading when the rule
// changes too; paths and arrows are rebuilt every frame (they are cheap).
type Contour struct {
	plot   plot.Transform
	scale  contour.Scale
	dashed bool

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
	label  labelLook

	// The stability overlay, kept while its rule and the view stay.
	stab stabOverlay

	// The frame's backdrop (nil: the bands) and swarms.
	backdrop *Backdrop
	dots     plot.Dots

	// Built every frame.
	front     shaders.Lines // paths, arrows, minima
	over      shaders.Lines // eigen-directions, label backdrops, the key
	overTexts []plot.Text   // arrow and eigenvalue labels, the key's texts
	frame     shaders.Lines // axis frame
	texts     []plot.Text
	arrows    arrowOutput
	keyBox    plot.Rect // the key's panel (empty: none)
}

// labelLook is how the contour labels are written.
type labelLook struct {
	size  float64
	color color.RGBA
}

type contourKey struct {
	surf  *surface.Surface
	cmap  string
	vis   plot.DataRect
	px    plot.Rect
	scale float64
	dark  bool
	avoid int
}

// The contour grid's resolution (samples per side, about one per 4 pixels
// between these bounds) and the number of levels asked for.
const (
	contourSamplesMax = 180
	contourSamplesMin = 48
	contourPixelsPer  = 4
	contourLevels     = 11
	colorSamples      = 96 // per side, to find the domain's colour range
)

// NewContour returns a contour view of the domain d, with the loss shown
// through scale; dashed draws dashed iso-lines (as contour figures do).
func NewContour(d surface.Domain, scale contour.Scale, dashed bool) *Contour {
	return &Contour{plot: plot.NewTransform(plot.DataRect{X0: d.XMin, X1: d.XMax, Y0: d.YMin, Y1: d.YMax}, true), scale: scale, dashed: dashed}
}

// Transform returns the view's pan-and-zoom transform.
func (c *Contour) Transform() *plot.Transform { return &c.plot }

// Fit fits the transform to pane, top pixels below its top edge.
func (c *Contour) Fit(pane plot.Rect, top float64, st plot.Style) { fit(&c.plot, pane, top, st) }

// Levels returns the contour levels of the last frame (transformed values).
func (c *Contour) Levels() []float64 { return c.levels }

// Labels returns the labels on the iso-lines of the last frame.
func (c *Contour) Labels() []contour.Label { return c.labels }

// Scale returns how the loss is transformed before it is contoured.
func (c *Contour) Scale() contour.Scale { return c.scale }

// BandColor returns the colour of band k of the levels.
func (c *Contour) BandColor(cmap mesh.Colormap, k int) color.RGBA {
	n := len(c.levels)
	var lo, hi float64
	switch {
	case n == 0:
		lo, hi = c.cLo, c.cHi
	case k == 0:
		lo, hi = c.levels[0]-c.levelStep(), c.levels[0]
	case k >= n:
		lo, hi = c.levels[n-1], c.levels[n-1]+c.levelStep()
	default:
		lo, hi = c.levels[k-1], c.levels[k]
	}
	return cmap.RGBA(c.colorT((lo + hi) / 2))
}

// levelStep is the spacing of the levels (in transformed units).
func (c *Contour) levelStep() float64 {
	if len(c.levels) < 2 {
		return (c.cHi - c.cLo) / 10
	}
	return (c.levels[len(c.levels)-1] - c.levels[0]) / float64(len(c.levels)-1)
}

// colorT maps a transformed value to a colormap coordinate in [0, 1].
func (c *Contour) colorT(v float64) float64 {
	if !(c.cHi > c.cLo) {
		return 0.5
	}
	return math.Max(0, math.Min(1, (v-c.cLo)/(c.cHi-c.cLo)))
}

// colorRange samples the whole domain once per surface for the colours.
func (c *Contour) colorRange(s *surface.Surface) {
	if c.cSurf == s {
		return
	}
	c.cSurf = s
	d := s.Domain
	const n = colorSamples
	raw := make([]float64, 0, n*n)
	for j := range n {
		y := d.YMin + (d.YMax-d.YMin)*float64(j)/(n-1)
		for i := range n {
			x := d.XMin + (d.XMax-d.XMin)*float64(i)/(n-1)
			raw = append(raw, s.Eval(x, y))
		}
	}
	// Colours spread over the levels the whole domain gets (as
	// matplotlib's contourf spreads them), half a step beyond each end.
	if hl := contour.Levels(raw, contourLevels, c.scale); len(hl) >= 2 {
		step := (hl[len(hl)-1] - hl[0]) / float64(len(hl)-1)
		c.cLo, c.cHi = hl[0]-step, hl[len(hl)-1]+step
		return
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, v := range raw {
		if t := contour.Transform(v, c.scale); t-t == 0 {
			lo, hi = math.Min(lo, t), math.Max(hi, t)
		}
	}
	if !(hi > lo) {
		lo, hi = 0, 1
	}
	c.cLo, c.cHi = lo, hi
}

// Prepare builds the frame of the contour view.
func (c *Contour) Prepare(f Frame) {
	st := f.Style
	c.colorRange(f.Surface)
	key := contourKey{surf: f.Surface, cmap: f.Colormap.Name, vis: c.plot.Vis, px: c.plot.Px, scale: st.Scale, dark: st.Theme.Dark, avoid: len(f.Avoid)}
	if key != c.key {
		c.key = key
		c.rebuild(f)
	}
	c.stab.prepare2D(f, &c.plot, c.nx, c.ny)
	c.front.Reset()
	c.over.Reset()
	c.frame.Reset()
	c.texts = c.texts[:0]
	c.overTexts = c.overTexts[:0]
	c.backdrop = f.Backdrop
	c.drawSwarms(f)
	c.drawMinima(f)
	c.drawPaths(f)
	c.overTexts = eigenCross(&c.over, c.overTexts, &c.arrows.placed, f, &c.plot)
	c.drawKey(f)
	c.texts = plot.Frame(&c.plot, st, f.XTitle, f.YTitle, false, nil, &c.frame, c.texts)
}

// drawKey draws the key of the arrows and the overlay in a corner of the
// plot clear of the areas to avoid.
func (c *Contour) drawKey(f Frame) {
	c.keyBox = plot.Rect{}
	steps, idx := stepsOf(f, &c.plot, false)
	rows := keyRows(f, &c.arrows, steps)
	if len(rows) == 0 {
		return
	}
	busy := c.arrows.busy(f.Style)
	for _, i := range idx {
		if sm, ok := f.Runs[i].Trail.Last(); ok {
			x, y := c.plot.ToPixel(sm.X, sm.Y)
			busy = append(busy, around(x, y, eigenArm*f.Style.Scale))
		}
	}
	if sb := f.Stability; sb != nil && len(sb.At) >= 2 {
		x, y := c.plot.ToPixel(sb.At[0], sb.At[1])
		busy = append(busy, around(x, y, eigenArm*f.Style.Scale))
	}
	var marks [][2]float64
	for _, r := range f.Runs {
		marks = trailMarks(marks, r, func(x, y, _ float64) (float64, float64) { return c.plot.ToPixel(x, y) })
	}
	w, h := plot.KeySize(rows, f.Style)
	x, y := placeKey(c.plot.Px, w, h, f.Avoid, busy, marks, f.Style)
	c.overTexts, c.keyBox = plot.Key(&c.over, c.overTexts, rows, x, y, f.Style)
}

// rebuild samples the visible rectangle and builds bands, lines and labels.
func (c *Contour) rebuild(f Frame) {
	p := &c.plot
	px := p.Px
	n := int(math.Max(px.W(), px.H()) / contourPixelsPer)
	n = max(contourSamplesMin, min(contourSamplesMax, n))
	aspect := p.Vis.Y1 - p.Vis.Y0
	if w := p.Vis.X1 - p.Vis.X0; w > 0 && aspect > 0 {
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
	v := p.Vis
	parallel.For(ny, func(j0, j1 int) {
		for j := j0; j < j1; j++ {
			y := v.Y0 + (v.Y1-v.Y0)*float64(j)/float64(ny-1)
			for i := range nx {
				x := v.X0 + (v.X1-v.X0)*float64(i)/float64(nx-1)
				c.raw[j*nx+i] = f.Surface.Eval(x, y)
			}
		}
	})
	c.t = contour.TransformGrid(c.raw, c.scale)
	c.levels = contour.Levels(c.raw, contourLevels, c.scale)
	dom := contour.Rect{MinX: v.X0, MinY: v.Y0, MaxX: v.X1, MaxY: v.Y1}

	// Bands.
	c.fill.Reset()
	for _, band := range contour.Bands(c.t, nx, ny, dom, c.levels) {
		col := shaders.RGBA(c.BandColor(f.Colormap, band.Index), 1)
		tr := band.Triangles
		for k := 0; k+2 < len(tr); k += 3 {
			ax, ay := p.ToPixel(tr[k].X, tr[k].Y)
			bx, by := p.ToPixel(tr[k+1].X, tr[k+1].Y)
			cx, cy := p.ToPixel(tr[k+2].X, tr[k+2].Y)
			c.fill.Triangle(float32(ax), float32(ay), float32(bx), float32(by), float32(cx), float32(cy), col)
		}
	}

	// Lines and their labels.
	st := f.Style
	var labeled []contour.LabeledLine
	for k, lv := range c.levels {
		text := contour.LevelText(lv, c.scale)
		for _, pl := range contour.Lines(c.t, nx, ny, dom, lv) {
			labeled = append(labeled, contour.LabeledLine{Level: k, Text: text, Line: pl})
		}
	}
	project := func(q contour.Point) (float64, float64) { return p.ToPixel(q.X, q.Y) }
	c.label = labelLook{size: plot.LabelSize * st.Scale, color: st.Theme.Text}
	measure := func(s string) (float64, float64) { return st.MeasureText(s, c.label.size) }
	opts := contour.LabelOptions{Viewport: contour.Rect{MinX: px.X0, MinY: px.Y0, MaxX: px.X1, MaxY: px.Y1}}
	for _, a := range f.Avoid {
		opts.Avoid = append(opts.Avoid, contour.Rect{MinX: a.X0, MinY: a.Y0, MaxX: a.X1, MaxY: a.Y1})
	}
	c.labels = contour.PlaceLabels(labeled, project, measure, opts)
	gaps := make([][][2]float64, len(labeled))
	for _, lb := range c.labels {
		gaps[lb.Line] = append(gaps[lb.Line], lb.Gap)
	}
	c.lines.Reset()
	lineCol := shaders.RGBA(st.Theme.ContourLine, st.Theme.ContourLineAlpha)
	w := float32(0.9 * st.LineW)
	dash, gap := 6*st.LineW, 4*st.LineW
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

// drawMinima marks the known minima.
func (c *Contour) drawMinima(f Frame) {
	for _, m := range f.Surface.Minima {
		x, y := c.plot.ToPixel(m.X, m.Y)
		if c.plot.Px.Contains(x, y) {
			plot.MarkMinimum(&c.front, x, y, 6*f.Style.Scale, f.Style.LineW, f.Style.Theme)
		}
	}
}

// Draw draws the frame the last Prepare built.
func (c *Contour) Draw(dst *ebiten.Image, fonts *plot.Fonts) {
	clip := plot.SubImage(dst, c.plot.Px)
	if c.backdrop != nil {
		c.drawBackdrop(clip)
	} else {
		_ = c.fill.Draw(clip)
	}
	_ = c.lines.Draw(clip)
	for _, l := range c.labels {
		fonts.DrawRotated(clip, l.Text, l.X, l.Y, l.Angle, c.label.size, c.label.color)
	}
	_ = c.stab.lines.Draw(clip)
	c.dots.Draw(clip, math.Floor(c.plot.Px.X0), math.Floor(c.plot.Px.Y0))
	_ = c.front.Draw(clip)
	_ = c.over.Draw(clip)
	fonts.DrawAll(clip, c.overTexts)
	_ = c.frame.Draw(dst)
	fonts.DrawAll(dst, c.texts)
}

// drawBackdrop draws the backdrop's picture over the data rectangle it
// covers, each of its pixels a sharp block.
func (c *Contour) drawBackdrop(clip *ebiten.Image) {
	b := c.backdrop
	if b.Image == nil {
		return
	}
	w, h := b.Image.Bounds().Dx(), b.Image.Bounds().Dy()
	x0, y0 := c.plot.ToPixel(b.Rect.X0, b.Rect.Y1)
	x1, y1 := c.plot.ToPixel(b.Rect.X1, b.Rect.Y0)
	if w == 0 || h == 0 || !(x1 > x0 && y1 > y0) {
		return
	}
	op := &ebiten.DrawImageOptions{Filter: ebiten.FilterNearest}
	op.GeoM.Scale((x1-x0)/float64(w), (y1-y0)/float64(h))
	op.GeoM.Translate(x0, y0)
	op.ColorScale.ScaleAlpha(backdropAlpha)
	clip.DrawImage(b.Image, op)
}

// backdropAlpha is the backdrop's opacity over the background: a little
// lighter, so that the paths over it stand out.
const backdropAlpha = 0.78

// drawSwarms writes every swarm's particles into the dot layer, which
// covers the plot's pixels.
func (c *Contour) drawSwarms(f Frame) {
	px := c.plot.Px
	ox, oy := math.Floor(px.X0), math.Floor(px.Y0)
	c.dots.Reset(int(math.Ceil(px.X1)-ox), int(math.Ceil(px.Y1)-oy))
	big := f.Style.LineW >= 1.5
	for _, sw := range f.Swarms {
		col := sw.Color
		if sw.Grey {
			col = f.Style.Theme.Grey
		}
		for i := range min(len(sw.Xs), len(sw.Ys)) {
			x, y := c.plot.ToPixel(sw.Xs[i], sw.Ys[i])
			c.dots.Add(float32(x-ox), float32(y-oy), col, swarmAlpha, big)
		}
	}
}

// swarmAlpha is the opacity of a particle's dot: dense crowds darken.
const swarmAlpha = 0.85
