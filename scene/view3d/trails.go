package view3d

import (
	"image/color"
	"math"

	"descent/scene/arrows"
	"descent/scene/parallel"
	"descent/scene/plot"
	"descent/scene/run"
	"descent/shaders"
)

// trailLift raises trails and markers above the surface (world units) so
// that the surface they lie on does not hide them.
const trailLift = 0.012

// maxPieces bounds how finely one optimizer step is draped over the mesh.
const maxPieces = 48

// Run is what the view draws of one run: its iterates, in its colour, or
// grey once it diverged, and the step it takes next.
type Run struct {
	Trail    *run.Trail
	Color    color.RGBA
	Diverged bool
	// Step is the step the run takes next from its current point, taken
	// apart (arrows.FromExplanation): drawn as arrows lying on the surface,
	// scaled by one factor for every run and written in the key. nil: no
	// arrows.
	Step *arrows.Step
}

// trail is one run's path in world space, draped over the mesh.
type trail struct {
	pts               []float32 // x, y, z per point, lifted above the surface
	normals           []float32 // the surface's unit normal under each point
	color             color.RGBA
	grey              bool
	start, startN     [3]float32 // start marker and the normal there
	current, currentN [3]float32 // current point marker and the normal there
	hasStart          bool       // the start lies in the domain
	hasCurrent        bool       // the current point lies in the domain
	ok                bool       // there is something to draw
}

// trailCache keeps every run's draped trail between frames.
type trailCache struct {
	trails []trail
	keys   []trailKey
}

// trailKey says what a draped trail was built from: the same key means the
// same iterates, since runs are deterministic (a restart empties the trail,
// and a replay takes the same path).
type trailKey struct {
	trail    *run.Trail
	n, step  int
	x, y     float64
	color    color.RGBA
	diverged bool
}

// sync rebuilds, spread over the CPUs, the trails of the runs that moved
// since the last frame and returns every run's trail.
func (c *trailCache) sync(v *View, runs []Run) []trail {
	if len(c.trails) != len(runs) {
		c.trails = make([]trail, len(runs))
		c.keys = make([]trailKey, len(runs))
	}
	var stale []int
	for i, r := range runs {
		k := trailKey{trail: r.Trail, n: r.Trail.Len(), color: r.Color, diverged: r.Diverged}
		if k.n > 0 {
			last := r.Trail.At(k.n - 1)
			k.step, k.x, k.y = last.Step, last.X, last.Y
		}
		if k != c.keys[i] || !c.trails[i].ok {
			c.keys[i] = k
			stale = append(stale, i)
		}
	}
	parallel.For(len(stale), func(lo, hi int) {
		for _, i := range stale[lo:hi] {
			r := runs[i]
			c.trails[i] = v.buildTrail(c.trails[i], r.Trail, r.Color, r.Diverged)
		}
	})
	return c.trails
}

// worldPoint returns the world point of surface point (x, y), lifted just
// above the full-resolution mesh.
func (v *View) worldPoint(x, y float64) [3]float32 {
	if v.surf.Dim == 1 {
		y = 0
	}
	wx, wy, _ := v.box.World(x, y, 0)
	wz := v.full.m.Height(x, y) + trailLift
	return [3]float32{float32(wx), float32(wy), float32(wz)}
}

// path is a line in world space draped over the surface: points lifted
// above it and the surface's unit normal under each, a NaN point where the
// line leaves the domain.
type path struct {
	pts     []float32 // x, y, z per point
	normals []float32
}

// reset empties the path, keeping its memory.
func (p *path) reset() {
	p.pts = p.pts[:0]
	p.normals = p.normals[:0]
}

// add appends a world point and its normal.
func (p *path) add(pt, nrm [3]float32) {
	p.pts = append(p.pts, pt[0], pt[1], pt[2])
	p.normals = append(p.normals, nrm[0], nrm[1], nrm[2])
}

// gap ends the current piece (a NaN point), unless it just ended.
func (p *path) gap() {
	if m := len(p.pts); m > 0 && !math.IsNaN(float64(p.pts[m-3])) {
		nan := float32(math.NaN())
		p.pts = append(p.pts, nan, nan, nan)
		p.normals = append(p.normals, 0, 0, 1)
	}
}

// surfacePoint returns the world point of surface point (x, y), lifted
// above the full mesh, and the normal of the mesh's nearest vertex.
func (v *View) surfacePoint(x, y float64) (p, nrm [3]float32) {
	d := v.box.Domain
	fm := v.full.m
	cellX := (d.XMax - d.XMin) / float64(fm.N-1)
	cellY := (d.YMax - d.YMin) / float64(fm.N-1)
	p = v.worldPoint(x, y)
	i := int(math.Round((x - d.XMin) / cellX))
	j := int(math.Round((y - d.YMin) / cellY))
	if v.surf.Dim == 1 {
		j = fm.N / 2
	}
	k := 3 * (max(0, min(j, fm.N-1))*fm.N + max(0, min(i, fm.N-1)))
	return p, [3]float32{fm.Normal[k], fm.Normal[k+1], fm.Normal[k+2]}
}

// drapeTo appends to dst the line from surface point (ax, ay) to (bx, by),
// cut into pieces no longer than about two mesh cells so that it follows
// hills and valleys and a hill can hide part of it, and clipped to the
// domain: where it leaves, the path gets a gap, and it resumes where it
// comes back. (ax, ay) itself is added only when the line enters the domain
// after it: the caller adds a path's first point.
func (v *View) drapeTo(dst *path, ax, ay, bx, by float64) {
	if v.surf.Dim == 1 {
		ay, by = 0, 0
	}
	t0, t1, ok := v.clipToDomain(ax, ay, bx, by)
	if !ok {
		dst.gap()
		return
	}
	d := v.box.Domain
	fm := v.full.m
	cellX := (d.XMax - d.XMin) / float64(fm.N-1)
	cellY := (d.YMax - d.YMin) / float64(fm.N-1)
	dx, dy := bx-ax, by-ay
	if t0 > 0 {
		dst.gap()
		dst.add(v.surfacePoint(ax+dx*t0, ay+dy*t0))
	}
	span := t1 - t0
	cells := math.Max(math.Abs(dx*span)/cellX, math.Abs(dy*span)/cellY)
	pieces := 1
	if cells > 2 {
		pieces = min(maxPieces, int(math.Ceil(cells/2)))
	}
	for k := 1; k <= pieces; k++ {
		f := t0 + span*float64(k)/float64(pieces)
		dst.add(v.surfacePoint(ax+dx*f, ay+dy*f))
	}
	if t1 < 1 {
		dst.gap()
	}
}

// buildTrail drapes a run's trail over the mesh (drapeTo each step from one
// iterate to the next). Steps are clipped to the domain: where a run leaves
// it the line stops (a NaN point separates the pieces) and resumes where it
// comes back. dst's memory is reused.
func (v *View) buildTrail(dst trail, t *run.Trail, col color.RGBA, grey bool) trail {
	p := path{pts: dst.pts[:0], normals: dst.normals[:0]}
	dst.color, dst.grey = col, grey
	dst.ok, dst.hasStart, dst.hasCurrent = false, false, false
	n := t.Len()
	if n == 0 {
		dst.pts, dst.normals = p.pts, p.normals
		return dst
	}
	first, last := t.At(0), t.At(n-1)
	if v.inDomain(first.X, first.Y) {
		dst.start, dst.startN = v.surfacePoint(first.X, first.Y)
		dst.hasStart = true
		p.add(dst.start, dst.startN)
	}
	if v.inDomain(last.X, last.Y) {
		dst.current, dst.currentN = v.surfacePoint(last.X, last.Y)
		dst.hasCurrent = true
	}
	prev := first
	for i := 1; i < n; i++ {
		s := t.At(i)
		v.drapeTo(&p, prev.X, prev.Y, s.X, s.Y)
		prev = s
	}
	dst.pts, dst.normals = p.pts, p.normals
	dst.ok = len(dst.pts) > 0 || dst.hasCurrent
	return dst
}

// inDomain reports whether the surface point lies in the box's domain.
func (v *View) inDomain(x, y float64) bool {
	d := v.box.Domain
	if v.surf.Dim == 1 {
		return x >= d.XMin && x <= d.XMax
	}
	return x >= d.XMin && x <= d.XMax && y >= d.YMin && y <= d.YMax
}

// clipToDomain clips the segment from (ax, ay) to (bx, by) to the domain
// (Liang-Barsky): the part inside runs from parameter t0 to t1.
func (v *View) clipToDomain(ax, ay, bx, by float64) (t0, t1 float64, ok bool) {
	d := v.box.Domain
	t0, t1 = 0, 1
	dx, dy := bx-ax, by-ay
	edges := [4][2]float64{{-dx, ax - d.XMin}, {dx, d.XMax - ax}, {-dy, ay - d.YMin}, {dy, d.YMax - ay}}
	if v.surf.Dim == 1 {
		edges[2], edges[3] = [2]float64{0, 1}, [2]float64{0, 1}
	}
	for _, e := range edges {
		p, q := e[0], e[1]
		if math.IsNaN(p) || math.IsNaN(q) {
			return 0, 0, false
		}
		if p == 0 {
			if q < 0 {
				return 0, 0, false
			}
			continue
		}
		r := q / p
		if p < 0 {
			t0 = math.Max(t0, r)
		} else {
			t1 = math.Min(t1, r)
		}
	}
	return t0, t1, t0 <= t1
}

// markTrails marks the occlusion map's tiles under every trail point and
// reports whether there was any.
func (v *View) markTrails(trails []trail) bool {
	any := false
	for ti := range trails {
		t := &trails[ti]
		for k := 0; t.ok && k+2 < len(t.pts); k += 3 {
			x, y, d := v.proj.Project(t.pts[k], t.pts[k+1], t.pts[k+2])
			if v.ortho || d > 1e-3 {
				v.depth.mark(x, y)
				any = true
			}
		}
	}
	return any
}

// Trails and markers in pixels at device scale 1: the trail's width, the
// radius of the start ring and current point, the hole in the start ring,
// and the current point's outline.
const (
	trailWidth   = 2.6
	markerRadius = 5.5
	startHole    = 3
	outlineWidth = 1.5
)

// drawTrails builds each trail's batch (hidden parts dimmed or left out)
// with its start and current markers.
func (v *View) drawTrails(trails []trail, st plot.Style) {
	s := float32(st.LineW)
	width := trailWidth * s
	bg := shaders.RGBA(v.theme.Background, 1)
	outline := shaders.RGBA(v.theme.Text, 1)
	for len(v.trailLines) < len(trails) {
		v.trailLines = append(v.trailLines, shaders.Lines{})
	}
	v.trailLines = v.trailLines[:len(trails)]
	for ti := range trails {
		t := &trails[ti]
		l := &v.trailLines[ti]
		l.Reset()
		if !t.ok {
			continue
		}
		col := t.color
		if t.grey {
			col = v.theme.Grey
		}
		c := shaders.RGBA(col, 1)
		// Consecutive pieces shorter than minPiece pixels are merged, so a
		// converged run's thousand tiny steps cost a few quads.
		const minPiece = 2
		pts := t.pts
		var px, py, pd float32 // start of the pending piece
		var ld float32         // depth of the last point seen
		gap := false
		for k := 0; k+2 < len(pts); k += 3 {
			x, y, d := v.proj.Project(pts[k], pts[k+1], pts[k+2])
			if k == 0 || gap {
				px, py, pd, ld = x, y, d, d
				gap = false
				continue
			}
			if x != x { // a NaN point: the run left the domain here
				gap = true
				continue
			}
			if !v.ortho && !(d > 1e-3 && ld > 1e-3) {
				px, py, pd, ld = x, y, d, d
				continue
			}
			dx, dy := x-px, y-py
			last := k+5 >= len(pts)
			if dx*dx+dy*dy < minPiece*minPiece && !last {
				ld = d
				continue
			}
			vis := v.visibility((x+px)/2, (y+py)/2, (d+pd)/2, t.pts[k:k+3], t.normals[k:k+3])
			if vis > 0 {
				l.Segment(px, py, x, y, width, c.Scale(vis))
			}
			px, py, pd, ld = x, y, d, d
		}
		// Start: a ring; current point: a disc with a dark outline.
		if x, y, d := v.proj.Project(t.start[0], t.start[1], t.start[2]); t.hasStart && (v.ortho || d > 1e-3) {
			vis := v.visibility(x, y, d, t.start[:], t.startN[:])
			if vis > 0 {
				l.Disc(x, y, markerRadius*s, c.Scale(vis))
				l.Disc(x, y, startHole*s, bg.Scale(vis))
			}
		}
		if x, y, d := v.proj.Project(t.current[0], t.current[1], t.current[2]); t.hasCurrent && (v.ortho || d > 1e-3) {
			vis := v.visibility(x, y, d, t.current[:], t.currentN[:])
			if vis > 0 {
				l.Disc(x, y, (markerRadius+outlineWidth)*s, outline.Scale(vis))
				l.Disc(x, y, markerRadius*s, c.Scale(vis))
			}
		}
	}
}

// facing returns the cosine between the surface normal n at point p and
// the direction to the eye: negative when the eye sees the underside, so
// that a point on the top side is hidden by the surface it lies on.
func (v *View) facing(p, n []float32) float64 {
	nx, ny, nz := float64(n[0]), float64(n[1]), float64(n[2])
	if v.ortho {
		return -(nx*v.fwd[0] + ny*v.fwd[1] + nz*v.fwd[2])
	}
	ex, ey, ez := v.eye[0]-float64(p[0]), v.eye[1]-float64(p[1]), v.eye[2]-float64(p[2])
	return (nx*ex + ny*ey + nz*ez) / math.Sqrt(ex*ex+ey*ey+ez*ez)
}

// visibility returns how much of point p (normal n) at screen (x, y) and
// depth d shows: 1 in front of the surface, else the share that shows
// through a translucent surface (0 for an opaque one). The depth allowed
// in front of the point grows where the surface is seen edge-on, since
// its depth then changes fast from pixel to pixel.
func (v *View) visibility(x, y, d float32, p, n []float32) float32 {
	cos := v.facing(p, n)
	if cos <= 0 {
		return v.hidden()
	}
	surf := v.depth.at(x, y)
	tol := float32(v.pixelScale * (4 + 8/math.Max(cos, 0.12)))
	if !v.ortho {
		tol *= d
	}
	if d <= surf+tol {
		return 1
	}
	return v.hidden()
}

// hidden is the visibility of something behind the surface.
func (v *View) hidden() float32 { return float32(0.85 * (1 - v.alpha)) }
