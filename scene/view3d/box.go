package view3d

import (
	"math"

	"descent/scene/mesh"
	"descent/scene/plot"
	"descent/shaders"
)

type vec3 = [3]float64

// project maps a world point to the screen; ok is false behind the eye.
func (v *View) project(p vec3) (x, y float32, ok bool) {
	sx, sy, d := v.proj.Project(float32(p[0]), float32(p[1]), float32(p[2]))
	if !v.ortho && !(d > 1e-4) {
		return 0, 0, false
	}
	return sx, sy, true
}

// eyeSide returns the eye's position, or for an orthographic view a point
// far away against the view direction: what decides which panes are at
// the back.
func (v *View) eyeSide() vec3 {
	if v.ortho {
		return vec3{-v.fwd[0] * 1e6, -v.fwd[1] * 1e6, -v.fwd[2] * 1e6}
	}
	return v.eye
}

// segment3 adds the projection of a world segment to a batch.
func (v *View) segment3(l *shaders.Lines, a, b vec3, w float32, c shaders.Color) {
	ax, ay, ok1 := v.project(a)
	bx, by, ok2 := v.project(b)
	if ok1 && ok2 {
		l.Segment(ax, ay, bx, by, w, c)
	}
}

// axes draws the axis box like matplotlib's: the three panes at the back
// with grid lines at the ticks, then the tick marks, tick labels and axis
// titles along the front edges, placed to stay readable from any angle.
func (v *View) axes(st plot.Style) {
	const X, Z = mesh.WorldXY, mesh.WorldZ
	th := v.theme
	e := v.eyeSide()
	bx, by, bz := -X, -X, -Z // back planes
	if e[0] < 0 {
		bx = X
	}
	if e[1] < 0 {
		by = X
	}
	if e[2] < 0 {
		bz = Z
	}
	lw := float32(st.LineW)
	pane := shaders.RGBA(th.Pane, 1)
	grid := shaders.RGBA(th.PaneGrid, 1)
	edge := shaders.RGBA(th.Edge, 1)

	// Panes.
	panes := [3][4]vec3{
		{{bx, -X, -Z}, {bx, X, -Z}, {bx, X, Z}, {bx, -X, Z}},
		{{-X, by, -Z}, {X, by, -Z}, {X, by, Z}, {-X, by, Z}},
		{{-X, -X, bz}, {X, -X, bz}, {X, X, bz}, {-X, X, bz}},
	}
	for _, p := range panes {
		var pts [][2]float32
		for _, c := range p {
			x, y, ok := v.project(c)
			if !ok {
				pts = nil
				break
			}
			pts = append(pts, [2]float32{x, y})
		}
		v.back.Polygon(pts, pane)
	}

	// Grid lines on the panes, at the ticks.
	wx := func(x float64) float64 { w, _, _ := v.box.World(x, 0, 0); return w }
	wy := func(y float64) float64 { _, w, _ := v.box.World(0, y, 0); return w }
	wz := func(z float64) float64 { _, _, w := v.box.World(0, 0, z); return w }
	for _, t := range v.ticks[0] {
		x := wx(t)
		v.segment3(&v.back, vec3{x, by, -Z}, vec3{x, by, Z}, lw, grid)
		v.segment3(&v.back, vec3{x, -X, bz}, vec3{x, X, bz}, lw, grid)
	}
	for _, t := range v.ticks[1] {
		y := wy(t)
		v.segment3(&v.back, vec3{bx, y, -Z}, vec3{bx, y, Z}, lw, grid)
		v.segment3(&v.back, vec3{-X, y, bz}, vec3{X, y, bz}, lw, grid)
	}
	for _, t := range v.ticks[2] {
		z := wz(t)
		v.segment3(&v.back, vec3{bx, -X, z}, vec3{bx, X, z}, lw, grid)
		v.segment3(&v.back, vec3{-X, by, z}, vec3{X, by, z}, lw, grid)
	}
	// Pane edges.
	for _, p := range panes {
		for k := range 4 {
			v.segment3(&v.back, p[k], p[(k+1)%4], lw, edge)
		}
	}
	// Tick labels along the front edges of the floor (or ceiling), and the
	// vertical edge at the left of the box for z.
	fx, fy := -bx, -by
	v.axisLabels(st, 0, func(t float64) vec3 { return vec3{wx(t), fy, bz} }, vec3{0, fy, 0})
	if len(v.ticks[1]) > 0 {
		v.axisLabels(st, 1, func(t float64) vec3 { return vec3{fx, wy(t), bz} }, vec3{fx, 0, 0})
	}
	// The z axis stands on the vertical edge that is leftmost on screen.
	best, bestX := vec3{}, float32(math.Inf(1))
	for _, c := range [4][2]float64{{-X, -X}, {X, -X}, {X, X}, {-X, X}} {
		if x, _, ok := v.project(vec3{c[0], c[1], 0}); ok && x < bestX {
			best, bestX = vec3{c[0], c[1], 0}, x
		}
	}
	out := vec3{best[0] / math.Sqrt2, best[1] / math.Sqrt2, 0}
	v.axisLabels(st, 2, func(t float64) vec3 { return vec3{best[0], best[1], wz(t)} }, out)
}

// The box's ticks and labels in pixels at scale 1: the length of a tick,
// the gap between a tick and its label (and between neighbouring labels),
// and between the labels and the axis title.
const (
	tickLength = 6
	labelGap   = 4
	titleGap   = 10
)

// axisLabels draws axis a's tick marks and labels at world points at(t),
// pushed away from the box along the world direction out, and the axis
// title beyond them.
func (v *View) axisLabels(st plot.Style, a int, at func(t float64) vec3, out vec3) {
	ticks, labels := v.ticks[a], v.tickS[a]
	if len(ticks) == 0 {
		return
	}
	s := st.Scale
	edge := shaders.RGBA(v.theme.Edge, 1)
	size := plot.SmallSize * s
	type placed struct {
		x, y, w, h float64
		s          string
	}
	var items []placed
	var dirX, dirY float64
	var sumX, sumY float64
	for i, t := range ticks {
		p := at(t)
		q := vec3{p[0] + out[0]*0.05, p[1] + out[1]*0.05, p[2] + out[2]*0.05}
		px, py, ok1 := v.project(p)
		qx, qy, ok2 := v.project(q)
		if !ok1 || !ok2 {
			continue
		}
		dx, dy := float64(qx-px), float64(qy-py)
		l := math.Hypot(dx, dy)
		if l < 1e-6 {
			// The outward direction points at the eye: push labels down.
			dx, dy, l = 0, 1, 1
		}
		dx, dy = dx/l, dy/l
		dirX, dirY = dirX+dx, dirY+dy
		tick := tickLength * s
		v.front.Segment(px, py, px+float32(dx*tick), py+float32(dy*tick), float32(st.LineW), edge)
		w, h := st.MeasureText(labels[i], size)
		off := tick + labelGap*s + math.Abs(dx)*w/2 + math.Abs(dy)*h/2
		cx, cy := float64(px)+dx*off, float64(py)+dy*off
		sumX, sumY = sumX+float64(px), sumY+float64(py)
		items = append(items, placed{cx, cy, w, h, labels[i]})
	}
	if len(items) == 0 {
		return
	}
	// Thin the labels out while neighbours overlap (an edge seen end-on).
	stride := 1
	for stride < len(items) {
		overlap := false
		for i := stride; i < len(items); i += stride {
			p, q := items[i-stride], items[i]
			if math.Abs(p.x-q.x) < (p.w+q.w)/2+labelGap*s && math.Abs(p.y-q.y) < (p.h+q.h)/2+1*s {
				overlap = true
				break
			}
		}
		if !overlap {
			break
		}
		stride *= 2
	}
	maxExt := 0.0
	l := math.Hypot(dirX, dirY)
	if l > 0 {
		dirX, dirY = dirX/l, dirY/l
	} else {
		dirX, dirY = 0, 1
	}
	placedBefore := len(v.texts)
	for i := 0; i < len(items); i += stride {
		it := items[i]
		if v.collides(it.x, it.y, it.w, it.h, placedBefore) {
			continue // e.g. two axes' end labels meeting at a corner
		}
		v.texts = append(v.texts, plot.Text{S: it.s, X: it.x, Y: it.y, AX: 0.5, AY: 0.5, Size: size, Color: v.theme.Muted, W: it.w, H: it.h})
		maxExt = math.Max(maxExt, math.Abs(dirX)*it.w+math.Abs(dirY)*it.h)
	}
	if v.names[a] == "" {
		return
	}
	tsize := plot.BoxTitleSize * s
	tw, thh := st.MeasureText(v.names[a], tsize)
	n := float64(len(items))
	mx, my := sumX/n, sumY/n
	off := (tickLength+labelGap+titleGap)*s + maxExt + math.Abs(dirX)*tw/2 + math.Abs(dirY)*thh/2
	for range 8 {
		if !v.collides(mx+dirX*off, my+dirY*off, tw, thh, len(v.texts)) {
			break
		}
		off += tickLength * s
	}
	v.texts = append(v.texts, plot.Text{S: v.names[a], X: mx + dirX*off, Y: my + dirY*off, AX: 0.5, AY: 0.5, Size: tsize, Color: v.theme.Text, W: tw, H: thh})
}

// collides reports whether a centred box overlaps any of the first n
// placed texts (those that carry their size).
func (v *View) collides(x, y, w, h float64, n int) bool {
	for _, t := range v.texts[:n] {
		if t.W == 0 {
			continue
		}
		cx, cy := t.X+(0.5-t.AX)*t.W, t.Y+(0.5-t.AY)*t.H
		if math.Abs(cx-x) < (w+t.W)/2 && math.Abs(cy-y) < (h+t.H)/2 {
			return true
		}
	}
	return false
}
