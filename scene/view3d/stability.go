package view3d

import (
	"math"
	"strconv"

	"descent/scene/arrows"
	"descent/scene/mesh"
	"descent/scene/plot"
	"descent/scene/stability"
	"descent/shaders"
)

// SetStability sets the stability overlay (nil: none): the surface is
// tinted and hatched where lr·λ_max passes the rule's critical gain, the
// edge drawn, and the Hessian's eigen-directions drawn at s.At. λ_max is
// sampled once per mesh (on the first call with an overlay); a new rule
// re-judges those samples, and the same rule costs nothing per frame. A
// surface without a Hessian shows no overlay (StabilityErr says why).
func (v *View) SetStability(s *arrows.Stability) {
	if s == nil {
		v.arr.stab = nil
		return
	}
	c := *s
	c.At = append([]float64(nil), s.At...)
	v.arr.stab = &c
}

// StabilityErr returns why the overlay cannot be shown (a surface without a
// Hessian), or nil.
func (v *View) StabilityErr() error { return v.arr.stabErr }

// tintLevel writes the overlay's ratio lr/lr_max into the level's vertices
// (0 everywhere without an overlay), only when the rule changed.
func (v *View) tintLevel(l *level) {
	s := v.arr.stab
	if s == nil {
		if l.tinted {
			for k := range l.verts {
				shaders.SetStability(&l.verts[k], 0)
			}
			l.tinted = false
		}
		return
	}
	g := l.m.Grid
	if _, err := l.curv.Sample(v.surf, g.Domain, g.N, g.N); err != nil {
		v.arr.stabErr = err
		return
	}
	v.arr.stabErr = nil
	if l.tinted && l.curv.Judged(s.Rule) && l.tintRule == s.Rule {
		return
	}
	ratio := l.curv.Ratios(s.Rule)
	for k := range l.verts {
		shaders.SetStability(&l.verts[k], float32(ratio[k]))
	}
	l.tinted, l.tintRule = true, s.Rule
}

// eigen3D lengths: the longer half-arm of the eigen-directions' cross in
// world units, and the shortest.
const (
	eigenArm = 0.16
	eigenMin = 0.03
)

// buildEigen drapes the Hessian's eigen-directions at the overlay's point:
// one segment along each eigenvector, its half-length in proportion to
// 1/sqrt(|λ|) (the local model's level ellipse), the longer eigenArm.
func (v *View) buildEigen() (pt stability.Point, ok bool) {
	for k := range v.arr.eigPaths {
		v.arr.eigPaths[k].reset()
	}
	s := v.arr.stab
	if s == nil || len(s.At) == 0 || v.surf.Hessian == nil {
		return pt, false
	}
	y := 0.0
	if len(s.At) > 1 {
		y = s.At[1]
	}
	if !v.inDomain(s.At[0], y) {
		return pt, false
	}
	pt, err := stability.At(v.surf, s.At[0], y)
	if err != nil {
		return pt, false
	}
	dom := v.box.Domain
	sx := 2 * mesh.WorldXY / (dom.XMax - dom.XMin)
	sy := 2 * mesh.WorldXY / (dom.YMax - dom.YMin)
	var lens [2]float64
	longest := 0.0
	dims := 2
	if v.surf.Dim == 1 {
		dims = 1
	}
	for i := range dims {
		lens[i] = 1 / math.Sqrt(math.Max(math.Abs(pt.Eigenvalues[i]), 1e-300))
		longest = math.Max(longest, lens[i])
	}
	for i := range dims {
		ev := pt.Eigenvectors[i]
		wx, wy := ev[0]*sx, ev[1]*sy // world direction
		n := math.Hypot(wx, wy)
		if !(n > 0) || math.IsNaN(pt.Eigenvalues[i]) {
			continue
		}
		h := math.Max(eigenMin, eigenArm*lens[i]/longest)
		dx, dy := ev[0]*h/n, ev[1]*h/n // data units
		p := &v.arr.eigPaths[i]
		if v.inDomain(pt.X-dx, pt.Y-dy) {
			p.add(v.surfacePoint(pt.X-dx, pt.Y-dy))
		}
		v.drapeTo(p, pt.X-dx, pt.Y-dy, pt.X+dx, pt.Y+dy)
	}
	return pt, true
}

// drawEigen draws the eigen-directions' cross, a negative curvature dashed,
// each labelled with its λ at its upper end.
func (v *View) drawEigen(pt stability.Point, st plot.Style) {
	a := &v.arr
	a.eig.Reset()
	a.eigTexts = a.eigTexts[:0]
	if a.stab == nil {
		return
	}
	col := shaders.RGBA(a.stab.Color, 1)
	halo := shaders.RGBA(v.theme.Halo, 0.7)
	for i := range a.eigPaths {
		p := &a.eigPaths[i]
		if len(p.pts) == 0 {
			continue
		}
		pts := v.projectPath(p)
		pen := plot.Pen{Width: 1.8 * st.LineW}
		hp := plot.Pen{Width: 4.2 * st.LineW}
		if pt.Eigenvalues[i] < 0 {
			pen.Stroke, pen.On, pen.Off = plot.Dashed, 5*st.Scale, 3.5*st.Scale
			hp.Stroke, hp.On, hp.Off = pen.Stroke, pen.On, pen.Off
		}
		strokePath(&a.eig, pts, &hp, halo)
		strokePath(&a.eig, pts, &pen, col)
		// The label at the end higher on screen.
		if len(pts) < 2 {
			continue
		}
		e := pts[len(pts)-1]
		if pts[0].y < e.y {
			e = pts[0]
		}
		if e.vis < 1 {
			continue
		}
		g := plot.TipLabel{Text: "λ=" + strconv.FormatFloat(pt.Eigenvalues[i], 'g', 3, 64), X: float64(e.x), Y: float64(e.y)}
		a.eigTexts = v.arrowLabel(&a.eig, a.eigTexts, g, [2]float64{0, -1}, st)
	}
}

// drawKey draws the key of the arrows and the overlay: its panel's bottom
// left corner at area's, or for an empty area 16 px (at scale 1) from the
// viewport's left edge and keyBottom above its bottom.
func (v *View) drawKey(area plot.Rect, st plot.Style) {
	a := &v.arr
	a.key.Reset()
	a.keyTexts = a.keyTexts[:0]
	a.keyBox = plot.Rect{}
	var rows []plot.KeyRow
	if len(a.drapes) > 0 {
		vel, box := false, false
		for i := range a.drapes {
			vel = vel || len(a.drapes[i].arrows[plot.VelocityArrow].pts) > 0
			box = box || len(a.drapes[i].box.pts) > 0
		}
		rows = plot.ArrowKeyRows(vel, box, a.label, st, v.theme.Text)
	}
	if s := a.stab; s != nil {
		text := s.Legend()
		if a.stabErr != nil {
			text = "stability: the surface has no Hessian"
		}
		rows = append(rows, plot.StabilityKeyRow(text, st, s.Color))
	}
	if len(rows) == 0 {
		return
	}
	w, h := plot.KeySize(rows, st)
	x, y := plot.Margin*st.Scale, v.screenH-keyBottom*st.Scale-h
	if !area.Empty() {
		x, y = area.X0, area.Y1-h
	}
	x = math.Max(0, math.Min(x, v.screenW-w))
	y = math.Max(y, 0)
	a.keyTexts, a.keyBox = plot.Key(&a.key, a.keyTexts, rows, x, y, st)
}

// keyBottom is how far (pixels at scale 1) the 3-D view's key stays above
// the bottom of the viewport by default: clear of the window's timeline
// and hint.
const keyBottom = 96
