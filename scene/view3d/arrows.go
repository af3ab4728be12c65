package view3d

import (
	"image/color"
	"math"

	"descent/scene/arrows"
	"descent/scene/mesh"
	"descent/scene/plot"
	"descent/shaders"
)

// arrowShare bounds every arrow of the 3-D view (and the adaptive box's
// half-diagonal): at most this share of the world box's side, measured in
// the world's x-y plane (the arrows lie on the surface: their height
// follows it). It is larger than the flat views' quarter, since the
// perspective shortens arrows seen at a slant.
const arrowShare = 0.35

// labelRuns is the most runs with arrows that all get labels; with more,
// only the first one whose arrows are long enough does.
const labelRuns = 2

// minLabelled is the shortest arrow (pixels at scale 1) that gets a label.
const minLabelled = 14

// stepDrape is one run's step draped over the surface.
type stepDrape struct {
	arrows [3]path // by plot.StepArrow; empty when the step has none
	box    path    // the adaptive box's outline
	col    color.RGBA
	run    int
}

// drawn3D is an arrow as drawn (kept for tests): its kind and run, its
// length in the world's x-y plane, and how many of its pieces were drawn
// in full, faded (seen through a translucent surface), or left out.
type drawn3D struct {
	run                   int
	kind                  plot.StepArrow
	worldLen              float64
	shown, faded, dropped int
}

// arrowState is what the step arrows and the stability overlay leave
// between Prepare and Draw.
type arrowState struct {
	drapes []stepDrape
	k      float64
	label  string
	maxLen float64 // world units
	lines  []shaders.Lines
	texts  [][]plot.Text
	placed []plot.Rect
	drawn  []drawn3D
	scr    []scrPt

	// The stability overlay.
	stab     *arrows.Stability
	stabErr  error
	eig      shaders.Lines
	eigTexts []plot.Text
	eigPaths [2]path

	key      shaders.Lines
	keyTexts []plot.Text
	keyBox   plot.Rect
}

// scrPt is a point of a draped path on screen, with the visibility of the
// piece that ends at it.
type scrPt struct {
	x, y, d, vis float32
	gap          bool // the path leaves the domain or the view here
}

// worldLen returns the length in the world's x-y plane of a displacement in
// the surface's coordinates.
func (v *View) worldLen(d []float64) float64 {
	dom := v.box.Domain
	sx := 2 * mesh.WorldXY / (dom.XMax - dom.XMin)
	sy := 2 * mesh.WorldXY / (dom.YMax - dom.YMin)
	if len(d) == 1 || v.surf.Dim == 1 {
		return math.Abs(d[0] * sx)
	}
	return math.Hypot(d[0]*sx, d[1]*sy)
}

// buildArrows drapes every run's step: the runs with a finite step that did
// not diverge and start in the domain, all scaled by one factor.
func (v *View) buildArrows(runs []Run) {
	a := &v.arr
	a.drapes = a.drapes[:0]
	var steps []arrows.Step
	var idx []int
	for i, r := range runs {
		if r.Step == nil || r.Diverged || !r.Step.Finite() {
			continue
		}
		y := 0.0
		if len(r.Step.From) > 1 {
			y = r.Step.From[1]
		}
		if !v.inDomain(r.Step.From[0], y) {
			continue
		}
		steps = append(steps, *r.Step)
		idx = append(idx, i)
	}
	a.maxLen = arrowShare * 2 * mesh.WorldXY
	a.k, a.label = arrows.Scale(steps, a.maxLen, v.worldLen)
	for n, s := range steps {
		if n >= cap(a.drapes) {
			a.drapes = append(a.drapes, stepDrape{})
		}
		a.drapes = a.drapes[:n+1]
		d := &a.drapes[n]
		d.run, d.col = idx[n], runs[idx[n]].Color
		x0, y0 := s.From[0], 0.0
		if len(s.From) > 1 {
			y0 = s.From[1]
		}
		vecs := s.Vectors()
		for kind := range d.arrows {
			p := &d.arrows[kind]
			p.reset()
			vec := vecs[kind]
			if vec == nil {
				continue
			}
			x1, y1 := x0+a.k*vec[0], y0
			if len(vec) > 1 {
				y1 += a.k * vec[1]
			}
			p.add(v.surfacePoint(x0, y0))
			v.drapeTo(p, x0, y0, x1, y1)
		}
		d.box.reset()
		if s.Box != nil {
			hx, hy := a.k*s.Box[0], 0.0
			if len(s.Box) > 1 {
				hy = a.k * s.Box[1]
			}
			if v.surf.Dim == 1 {
				hy = 0.04 * (v.box.Domain.YMax - v.box.Domain.YMin) // a band across the curve
			}
			c := [5][2]float64{{x0 - hx, y0 - hy}, {x0 + hx, y0 - hy}, {x0 + hx, y0 + hy}, {x0 - hx, y0 + hy}, {x0 - hx, y0 - hy}}
			if v.inDomain(c[0][0], c[0][1]) {
				d.box.add(v.surfacePoint(c[0][0], c[0][1]))
			}
			for k := 1; k < len(c); k++ {
				v.drapeTo(&d.box, c[k-1][0], c[k-1][1], c[k][0], c[k][1])
			}
		}
	}
}

// markArrows marks the occlusion map's tiles under every arrow point and
// reports whether there was any.
func (v *View) markArrows() bool {
	any := false
	mark := func(p *path) {
		for k := 0; k+2 < len(p.pts); k += 3 {
			x, y, d := v.proj.Project(p.pts[k], p.pts[k+1], p.pts[k+2])
			if v.ortho || d > 1e-3 {
				v.depth.mark(x, y)
				any = true
			}
		}
	}
	for i := range v.arr.drapes {
		d := &v.arr.drapes[i]
		for k := range d.arrows {
			mark(&d.arrows[k])
		}
		mark(&d.box)
	}
	for k := range v.arr.eigPaths {
		mark(&v.arr.eigPaths[k])
	}
	return any
}

// project projects a draped path with each piece's visibility into the
// scratch slice.
func (v *View) projectPath(p *path) []scrPt {
	out := v.arr.scr[:0]
	gap := true
	for k := 0; k+2 < len(p.pts); k += 3 {
		if math.IsNaN(float64(p.pts[k])) {
			gap = true
			continue
		}
		x, y, d := v.proj.Project(p.pts[k], p.pts[k+1], p.pts[k+2])
		if !v.ortho && !(d > 1e-3) {
			gap = true
			continue
		}
		var vis float32
		if !gap && len(out) > 0 { // the piece's middle
			q := out[len(out)-1]
			vis = v.visibility((x+q.x)/2, (y+q.y)/2, (d+q.d)/2, p.pts[k:k+3], p.normals[k:k+3])
		} else {
			vis = v.visibility(x, y, d, p.pts[k:k+3], p.normals[k:k+3])
		}
		out = append(out, scrPt{x: x, y: y, d: d, vis: vis, gap: gap})
		gap = false
	}
	v.arr.scr = out
	return out
}

// strokePath draws a projected path with a pen, each piece in col scaled by
// its visibility (hidden pieces move the pattern on). It returns the
// pieces shown in full, faded and left out.
func strokePath(l *shaders.Lines, pts []scrPt, pen *plot.Pen, col shaders.Color) (shown, faded, dropped int) {
	pen.Reset()
	for k := 1; k < len(pts); k++ {
		a, b := pts[k-1], pts[k]
		if b.gap {
			continue
		}
		n := math.Hypot(float64(b.x-a.x), float64(b.y-a.y))
		switch {
		case b.vis <= 0:
			pen.Skip(n)
			dropped++
			continue
		case b.vis < 1:
			faded++
		default:
			shown++
		}
		pen.Segment(l, float64(a.x), float64(a.y), float64(b.x), float64(b.y), col.Scale(b.vis))
	}
	return shown, faded, dropped
}

// tipOf returns a projected path's last point and the direction it arrives
// from (over its last few pixels), and false for a path too short to tell.
func tipOf(pts []scrPt) (x, y, ux, uy float64, vis float32, ok bool) {
	if len(pts) < 2 {
		return 0, 0, 0, 0, 0, false
	}
	t := pts[len(pts)-1]
	for k := len(pts) - 2; k >= 0; k-- {
		dx, dy := float64(t.x-pts[k].x), float64(t.y-pts[k].y)
		if n := math.Hypot(dx, dy); n >= 4 || k == 0 {
			if !(n > 0.5) {
				return 0, 0, 0, 0, 0, false
			}
			return float64(t.x), float64(t.y), dx / n, dy / n, t.vis, true
		}
		if pts[k].gap {
			break
		}
	}
	return 0, 0, 0, 0, 0, false
}

// screenLen is the length on screen of a projected path.
func screenLen(pts []scrPt) float64 {
	l := 0.0
	for k := 1; k < len(pts); k++ {
		if !pts[k].gap {
			l += math.Hypot(float64(pts[k].x-pts[k-1].x), float64(pts[k].y-pts[k-1].y))
		}
	}
	return l
}

// drawArrows builds each run's batch of arrows (drawn after its trail) and
// their labels.
func (v *View) drawArrows(nRuns int, st plot.Style) {
	a := &v.arr
	for len(a.lines) < nRuns {
		a.lines = append(a.lines, shaders.Lines{})
		a.texts = append(a.texts, nil)
	}
	a.lines, a.texts = a.lines[:nRuns], a.texts[:nRuns]
	for i := range a.lines {
		a.lines[i].Reset()
		a.texts[i] = a.texts[i][:0]
	}
	a.drawn = a.drawn[:0]
	a.placed = a.placed[:0]
	halo := shaders.RGBA(v.theme.Halo, 0.7)
	labelled := -1
	for n := range a.drapes {
		d := &a.drapes[n]
		l := &a.lines[d.run]
		col := shaders.RGBA(d.col, 1)
		if len(d.box.pts) > 0 {
			pts := v.projectPath(&d.box)
			pen := plot.Pen{Width: 1.6 * st.LineW}
			strokePath(l, pts, &pen, shaders.RGBA(d.col, 0.9))
		}
		var tips []plot.ArrowTip
		var dirs [][2]float64
		for _, kind := range plot.StepArrows {
			p := &d.arrows[kind]
			if len(p.pts) == 0 {
				continue
			}
			pts := v.projectPath(p)
			pen, hp, head, h := kind.Pens(st)
			strokePath(l, pts, &hp, halo)
			shown, faded, dropped := strokePath(l, pts, &pen, col)
			a.drawn = append(a.drawn, drawn3D{run: d.run, kind: kind, worldLen: v.pathWorldLen(p), shown: shown, faded: faded, dropped: dropped})
			x, y, ux, uy, vis, ok := tipOf(pts)
			if !ok || vis <= 0 {
				continue
			}
			head = math.Min(head, 0.45*screenLen(pts))
			edge := hp.Width - pen.Width + 1
			if h == plot.OpenHead {
				edge = hp.Width
			}
			plot.ArrowHead(l, x, y, ux, uy, head, edge, h, halo.Scale(vis))
			edge = 1
			if h == plot.OpenHead {
				edge = pen.Width
			}
			plot.ArrowHead(l, x, y, ux, uy, head, edge, h, col.Scale(vis))
			if vis >= 1 && screenLen(pts) >= minLabelled*st.Scale {
				tips = append(tips, plot.ArrowTip{Kind: kind, X: x, Y: y})
				dirs = append(dirs, [2]float64{ux, uy})
				if labelled < 0 {
					labelled = n
				}
			}
		}
		if len(a.drapes) <= labelRuns || n == labelled {
			for _, g := range plot.GroupTips(tips) {
				dir := [2]float64{1, -1}
				for k, tp := range tips {
					if tp.X == g.X && tp.Y == g.Y {
						dir = dirs[k]
					}
				}
				a.texts[d.run] = v.arrowLabel(l, a.texts[d.run], g, dir, st)
			}
		}
	}
}

// pathWorldLen is the length in the world's x-y plane of a draped path
// from its first point to its last (the arrow it draws, clipped to the
// domain).
func (v *View) pathWorldLen(p *path) float64 {
	var fx, fy, lx, ly float32
	first := true
	for k := 0; k+2 < len(p.pts); k += 3 {
		if math.IsNaN(float64(p.pts[k])) {
			continue
		}
		if first {
			fx, fy, first = p.pts[k], p.pts[k+1], false
		}
		lx, ly = p.pts[k], p.pts[k+1]
	}
	return math.Hypot(float64(lx-fx), float64(ly-fy))
}

// arrowLabel places a label beyond an arrow's tip (dir is the arrow's
// direction on screen), or beside it, where it overlaps no label placed yet
// and stays on screen, with a backdrop in l.
func (v *View) arrowLabel(l *shaders.Lines, texts []plot.Text, g plot.TipLabel, dir [2]float64, st plot.Style) []plot.Text {
	size := plot.SmallSize * st.Scale
	w, h := plot.RichSize(g.Text, size, st)
	gap := 6 * st.Scale
	screen := plot.Rect{X0: 0, Y0: 0, X1: v.screenW, Y1: v.screenH}
	ux, uy := dir[0], dir[1]
	for _, d := range [][2]float64{{ux, uy}, {-uy, ux}, {uy, -ux}, {1, -1}, {-1, -1}} {
		ax, ay := (1-d[0])/2, (1-d[1])/2
		x, y := g.X+d[0]*gap, g.Y+d[1]*gap
		b := plot.Rect{X0: x - ax*w, Y0: y - ay*h, X1: x - ax*w + w, Y1: y - ay*h + h}
		if b.X0 < screen.X0 || b.Y0 < screen.Y0 || b.X1 > screen.X1 || b.Y1 > screen.Y1 {
			continue
		}
		clear := true
		for _, p := range v.arr.placed {
			clear = clear && !p.Overlaps(b)
		}
		if !clear {
			continue
		}
		pad := 2 * st.Scale
		plot.FillRect(l, b.Inset(-pad, -pad/2, -pad, -pad/2), v.theme.Panel, 0.8)
		v.arr.placed = append(v.arr.placed, b.Inset(-pad, -pad, -pad, -pad))
		texts, _ = plot.RichText(l, texts, plot.Text{S: g.Text, X: b.X0, Y: b.Y0, Size: size, Color: v.theme.Text, Layer: 1}, st)
		return texts
	}
	return texts
}
