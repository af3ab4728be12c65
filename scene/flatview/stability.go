package flatview

import (
	"image/color"
	"math"
	"strconv"

	"descent/scene/arrows"
	"descent/scene/contour"
	"descent/scene/plot"
	"descent/scene/stability"
	"descent/scene/surface"
	"descent/shaders"
)

// The stability overlay's look (plot's, shared with the 3-D view).
const (
	hatchSpacing = plot.HatchSpacing
	hatchWidth   = plot.HatchWidth
	unstableFill = plot.UnstableFill
	hatchAlpha   = plot.HatchAlpha
	edgeWidth    = plot.EdgeWidth
	// hatchStep is how finely (pixels) a hatching line is tested against
	// the region (the contour grid has a sample every 4 pixels or so; the
	// ends are interpolated between tests).
	hatchStep = 3
)

// stabOverlay is a flat view's stability overlay: λ_max sampled over the
// visible rectangle (resampled when it changes), and the shading built
// from it for one rule (rebuilt when the rule, the rectangle or the look
// changes; otherwise kept from frame to frame).
type stabOverlay struct {
	curv  arrows.Curvature
	key   stabKey
	built bool
	lines shaders.Lines // fill, hatching and edge (screen coordinates)
	err   error
	// unstable counts the filled triangles, edges the edge's pieces (tests).
	unstable, edges int
	// spans are the unstable x intervals (pixels) of a curve.
	spans [][2]float64
}

type stabKey struct {
	surf   *surface.Surface
	rule   stability.Rule
	color  color.RGBA
	vis    plot.DataRect
	px     plot.Rect
	nx, ny int
	lw, s  float64
}

// reset forgets the shading (no overlay this frame).
func (o *stabOverlay) reset() {
	o.built = false
	o.lines.Reset()
	o.unstable, o.edges = 0, 0
	o.spans = o.spans[:0]
}

// prepare2D builds the contour map's shading over the transform's visible
// rectangle, sampled nx x ny.
func (o *stabOverlay) prepare2D(f Frame, p *plot.Transform, nx, ny int) {
	sb := f.Stability
	if sb == nil {
		o.reset()
		return
	}
	v := p.Vis
	d := surface.Domain{XMin: v.X0, XMax: v.X1, YMin: v.Y0, YMax: v.Y1}
	changed, err := o.curv.Sample(f.Surface, d, nx, ny)
	o.err = err
	if err != nil {
		o.reset()
		return
	}
	key := stabKey{surf: f.Surface, rule: sb.Rule, color: sb.Color, vis: v, px: p.Px, nx: nx, ny: ny, lw: f.Style.LineW, s: f.Style.Scale}
	if o.built && !changed && key == o.key {
		return
	}
	o.reset()
	o.key, o.built = key, true
	ratio := o.curv.Ratios(sb.Rule)
	dom := contour.Rect{MinX: v.X0, MinY: v.Y0, MaxX: v.X1, MaxY: v.Y1}
	st := f.Style
	fill := shaders.RGBA(sb.Color, unstableFill)
	for _, band := range contour.Bands(ratio, nx, ny, dom, []float64{1}) {
		if band.Index != 1 {
			continue
		}
		tr := band.Triangles
		for k := 0; k+2 < len(tr); k += 3 {
			ax, ay := p.ToPixel(tr[k].X, tr[k].Y)
			bx, by := p.ToPixel(tr[k+1].X, tr[k+1].Y)
			cx, cy := p.ToPixel(tr[k+2].X, tr[k+2].Y)
			o.lines.Triangle(float32(ax), float32(ay), float32(bx), float32(by), float32(cx), float32(cy), fill)
			o.unstable++
		}
	}
	// Hatching: lines rising to the right, kept where the ratio is above 1.
	// Pixel to fractional grid index: the pixel's data point, scaled.
	fx, fy := float64(nx-1)/(v.X1-v.X0), float64(ny-1)/(v.Y1-v.Y0)
	at := func(sx, sy float64) float64 {
		x, y := p.ToData(sx, sy)
		return bilinear(ratio, nx, ny, (x-v.X0)*fx, (y-v.Y0)*fy)
	}
	hatch := shaders.RGBA(sb.Color, hatchAlpha)
	w := float32(hatchWidth * st.LineW)
	px := p.Px
	gap := hatchSpacing * st.Scale * math.Sqrt2
	for c0 := px.X0 + px.Y0 + gap/2; c0 < px.X1+px.Y1; c0 += gap {
		// The line x + y = c0 inside the plot.
		x0, x1 := math.Max(px.X0, c0-px.Y1), math.Min(px.X1, c0-px.Y0)
		for _, sp := range spans(at, x0, x1, func(x float64) float64 { return c0 - x }) {
			o.lines.Segment(float32(sp[0]), float32(c0-sp[0]), float32(sp[1]), float32(c0-sp[1]), w, hatch)
		}
	}
	// The edge, lr·λmax at the critical gain, haloed.
	project := func(q contour.Point) (float64, float64) { return p.ToPixel(q.X, q.Y) }
	halo := shaders.RGBA(st.Theme.Halo, 0.7)
	edge := shaders.RGBA(sb.Color, 1)
	for _, pl := range contour.Lines(ratio, nx, ny, dom, 1) {
		pts := contour.Project(pl, project)
		if pl.Closed && len(pts) > 0 {
			pts = append(pts, pts[0])
		}
		for _, pass := range []struct {
			w float64
			c shaders.Color
		}{{edgeWidth*st.LineW + 2.4*st.LineW, halo}, {edgeWidth * st.LineW, edge}} {
			for k := 1; k < len(pts); k++ {
				o.lines.Segment(float32(pts[k-1].X), float32(pts[k-1].Y), float32(pts[k].X), float32(pts[k].Y), float32(pass.w), pass.c)
			}
		}
		o.edges += max(0, len(pts)-1)
	}
}

// spans returns the x intervals of [x0, x1] where at(x, y(x)) > 1, found
// every hatchStep pixels, the ends placed where the ratio crosses 1
// (linearly between two tests).
func spans(at func(x, y float64) float64, x0, x1 float64, y func(float64) float64) [][2]float64 {
	if !(x1 > x0) {
		return nil
	}
	var out [][2]float64
	prevX, prev := x0, at(x0, y(x0))
	start, in := x0, prev > 1
	for x := x0 + hatchStep; ; x += hatchStep {
		x = math.Min(x, x1)
		r := at(x, y(x))
		if now := r > 1; now != in {
			cross := prevX
			if d := r - prev; d != 0 && !math.IsNaN(d) {
				cross = prevX + (x-prevX)*math.Max(0, math.Min(1, (1-prev)/d))
			}
			if in {
				out = append(out, [2]float64{start, cross})
			} else {
				start = cross
			}
			in = now
		}
		prevX, prev = x, r
		if x >= x1 {
			break
		}
	}
	if in {
		out = append(out, [2]float64{start, x1})
	}
	return out
}

// bilinear interpolates the nx x ny grid g at fractional index (fi, fj),
// clamped to the grid.
func bilinear(g []float64, nx, ny int, fi, fj float64) float64 {
	fi = max(0, min(float64(nx-1), fi))
	fj = max(0, min(float64(ny-1), fj))
	i, j := min(int(fi), nx-2), min(int(fj), ny-2)
	u, w := fi-float64(i), fj-float64(j)
	k := j*nx + i
	a := g[k]*(1-u) + g[k+1]*u
	b := g[k+nx]*(1-u) + g[k+nx+1]*u
	return a*(1-w) + b*w
}

// linear interpolates g at fractional index fi, clamped to it.
func linear(g []float64, fi float64) float64 {
	n := len(g)
	fi = math.Max(0, math.Min(float64(n-1), fi))
	i := min(int(fi), n-2)
	u := fi - float64(i)
	return g[i]*(1-u) + g[i+1]*u
}

// eigenCross draws the Hessian's eigen-directions at the overlay's point:
// a segment along each eigenvector, its half-length in proportion to
// 1/sqrt(|λ|) (the local model's level ellipse: short where the surface is
// steep), the longer one eigenArm pixels; negative curvature dashed; each
// labelled with its λ. Lines go into l, labels into texts.
func eigenCross(l *shaders.Lines, texts []plot.Text, placed *[]plot.Rect, f Frame, p *plot.Transform) []plot.Text {
	sb := f.Stability
	if sb == nil || len(sb.At) < 2 || f.Surface.Hessian == nil {
		return texts
	}
	pt, err := stability.At(f.Surface, sb.At[0], sb.At[1])
	if err != nil {
		return texts
	}
	cx, cy := p.ToPixel(pt.X, pt.Y)
	if !p.Px.Contains(cx, cy) {
		return texts
	}
	st := f.Style
	arm := eigenArm * st.Scale
	var lens [2]float64
	longest := 0.0
	for i, lam := range pt.Eigenvalues {
		lens[i] = 1 / math.Sqrt(math.Max(math.Abs(lam), 1e-300))
		longest = math.Max(longest, lens[i])
	}
	halo := shaders.RGBA(st.Theme.Halo, 0.75)
	col := shaders.RGBA(sb.Color, 1)
	for i, lam := range pt.Eigenvalues {
		if math.IsNaN(lam) {
			continue
		}
		h := math.Max(eigenMin*st.Scale, arm*lens[i]/longest)
		if math.IsNaN(h) {
			h = arm
		}
		ev := pt.Eigenvectors[i]
		dx, dy := ev[0]*p.SX, -ev[1]*p.SY
		n := math.Hypot(dx, dy)
		if !(n > 0) {
			continue
		}
		dx, dy = dx/n*h, dy/n*h
		pen := plot.Pen{Width: 1.7 * st.LineW}
		hp := plot.Pen{Width: 4 * st.LineW}
		if lam < 0 {
			pen.Stroke, pen.On, pen.Off = plot.Dashed, 5*st.Scale, 3.5*st.Scale
			hp.Stroke, hp.On, hp.Off = plot.Dashed, 5*st.Scale, 3.5*st.Scale
		}
		hp.Line(l, cx-dx, cy-dy, cx+dx, cy+dy, halo)
		pen.Line(l, cx-dx, cy-dy, cx+dx, cy+dy, col)
		// End ticks across the arm.
		tx, ty := -dy/h*3*st.Scale, dx/h*3*st.Scale
		for _, e := range [2]float64{-1, 1} {
			l.Segment(float32(cx+e*dx-tx), float32(cy+e*dy-ty), float32(cx+e*dx+tx), float32(cy+e*dy+ty), float32(1.7*st.LineW), col)
		}
		// The label beyond the arm's end on the side pointing up (or right).
		ex, ey := dx, dy
		if ey > 0 || (ey == 0 && ex < 0) {
			ex, ey = -ex, -ey
		}
		text := "λ=" + strconv.FormatFloat(lam, 'g', 3, 64)
		t, box, ok := labelFor(text, cx+ex, cy+ey, ex/h, ey/h, st, p.Px, *placed)
		if ok {
			pad := 2 * st.Scale
			plot.FillRect(l, box.Inset(-pad, -pad/2, -pad, -pad/2), st.Theme.Panel, 0.78)
			*placed = append(*placed, box.Inset(-pad, -pad, -pad, -pad))
			texts = append(texts, t)
		}
	}
	return texts
}

// The eigen-directions' longer half-arm and the shortest, pixels at scale 1.
const (
	eigenArm = 46
	eigenMin = 9
)

// keyRows returns the rows of a flat view's key: the arrows' (when drawn)
// and the stability overlay's line.
func keyRows(f Frame, o *arrowOutput, steps []arrows.Step) []plot.KeyRow {
	var rows []plot.KeyRow
	st := f.Style
	if len(steps) > 0 && o.k > 0 {
		vel, box := false, false
		for _, s := range steps {
			vel = vel || s.Velocity != nil
			box = box || s.Box != nil
		}
		rows = plot.ArrowKeyRows(vel, box, o.label, st, st.Theme.Text)
	}
	if sb := f.Stability; sb != nil {
		text := sb.Legend()
		if f.Surface.Hessian == nil {
			text = "stability: the surface has no Hessian"
		}
		rows = append(rows, plot.StabilityKeyRow(text, st, sb.Color))
	}
	return rows
}

// placeKey picks the corner of the plot for a key of size w x h: of
// bottom left, top left, bottom right and top right, the one clear of the
// areas to avoid (the legend) that covers the fewest busy areas (arrows,
// labels, current points) and then the fewest marks (a path's iterates, a
// curve), preferring them in that order on a tie.
func placeKey(px plot.Rect, w, h float64, avoid, busy []plot.Rect, marks [][2]float64, st plot.Style) (x, y float64) {
	m := 8 * st.Scale
	corners := [][2]float64{{px.X0 + m, px.Y1 - m - h}, {px.X0 + m, px.Y0 + m}, {px.X1 - m - w, px.Y1 - m - h}, {px.X1 - m - w, px.Y0 + m}}
	best, bestScore := 0, math.Inf(1)
	for i, c := range corners {
		r := plot.Rect{X0: c[0], Y0: c[1], X1: c[0] + w, Y1: c[1] + h}
		score := float64(i) * 0.1
		for _, a := range avoid {
			if a.Overlaps(r) {
				score += 1e6
			}
		}
		for _, b := range busy {
			if b.Overlaps(r) {
				score += 100
			}
		}
		g := r.Inset(-12*st.Scale, -12*st.Scale, -12*st.Scale, -12*st.Scale)
		for _, mk := range marks {
			if g.Contains(mk[0], mk[1]) {
				score++
			}
		}
		if score < bestScore {
			best, bestScore = i, score
		}
	}
	return corners[best][0], corners[best][1]
}

// prepare1D builds a curve's shading: the x intervals of the visible range
// where lr times the second derivative is above the rule's critical gain, filled and hatched over
// the plot's height, their ends marked by vertical edges.
func (o *stabOverlay) prepare1D(f Frame, p *plot.Transform) {
	sb := f.Stability
	if sb == nil {
		o.reset()
		return
	}
	v := p.Vis
	nx := max(64, min(1200, int(p.Px.W()/2)+1))
	d := surface.Domain{XMin: v.X0, XMax: v.X1, YMin: 0, YMax: 1}
	changed, err := o.curv.Sample(f.Surface, d, nx, 2)
	o.err = err
	if err != nil {
		o.reset()
		return
	}
	key := stabKey{surf: f.Surface, rule: sb.Rule, color: sb.Color, vis: v, px: p.Px, nx: nx, ny: 2, lw: f.Style.LineW, s: f.Style.Scale}
	if o.built && !changed && key == o.key {
		return
	}
	o.reset()
	o.key, o.built = key, true
	ratio := o.curv.Ratios(sb.Rule)[:nx]
	st := f.Style
	px := p.Px
	at := func(sx, _ float64) float64 {
		x, _ := p.ToData(sx, 0)
		return linear(ratio, (x-v.X0)/(v.X1-v.X0)*float64(nx-1))
	}
	o.spans = spans(at, px.X0, px.X1, func(float64) float64 { return 0 })
	hatch := shaders.RGBA(sb.Color, hatchAlpha)
	w := float32(hatchWidth * st.LineW)
	gap := hatchSpacing * st.Scale * math.Sqrt2
	edge := shaders.RGBA(sb.Color, 1)
	for _, sp := range o.spans {
		r := plot.Rect{X0: sp[0], Y0: px.Y0, X1: sp[1], Y1: px.Y1}
		plot.FillRect(&o.lines, r, sb.Color, unstableFill)
		o.unstable += 2
		for c0 := r.X0 + r.Y0 + gap/2; c0 < r.X1+r.Y1; c0 += gap {
			x0, x1 := math.Max(r.X0, c0-r.Y1), math.Min(r.X1, c0-r.Y0)
			if x1 > x0 {
				o.lines.Segment(float32(x0), float32(c0-x0), float32(x1), float32(c0-x1), w, hatch)
			}
		}
		for _, x := range sp {
			if x > px.X0+0.5 && x < px.X1-0.5 {
				o.lines.Segment(float32(x), float32(px.Y0), float32(x), float32(px.Y1), float32(edgeWidth*st.LineW), edge)
				o.edges++
			}
		}
	}
}
