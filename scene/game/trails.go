package game

import (
	"image/color"
	"math"

	"descent/scene/mesh"
	"descent/scene/run"
	"descent/shaders"
)

// trailLift raises trails and markers above the surface (world units) so
// that the surface they lie on does not hide them.
const trailLift = 0.012

// maxPieces bounds how finely one optimizer step is draped over the mesh.
const maxPieces = 48

// worldPoint returns the world point of surface point (x, y), lifted just
// above the full-resolution mesh.
func (v *view) worldPoint(x, y float64) [3]float32 {
	if v.surf.Dim == 1 {
		y = 0
	}
	wx, wy, _ := v.box.World(x, y, 0)
	wz := v.full.m.Height(x, y) + trailLift
	return [3]float32{float32(wx), float32(wy), float32(wz)}
}

// buildTrail drapes a run's trail over the mesh: each step from one iterate
// to the next becomes a path on the surface, cut into pieces no longer
// than about two mesh cells, so that the line follows hills and valleys
// and a hill can hide part of it. dst's memory is reused.
func (v *view) buildTrail(dst trail, t *run.Trail, col color.RGBA, grey bool) trail {
	dst.pts = dst.pts[:0]
	dst.normals = dst.normals[:0]
	dst.color, dst.grey, dst.ok = col, grey, false
	n := t.Len()
	if n == 0 {
		return dst
	}
	d := v.box.Domain
	cellX := (d.XMax - d.XMin) / float64(v.full.m.N-1)
	cellY := (d.YMax - d.YMin) / float64(v.full.m.N-1)
	prev := t.At(0)
	fm := v.full.m
	add := func(x, y float64) {
		p := v.worldPoint(x, y)
		dst.pts = append(dst.pts, p[0], p[1], p[2])
		// The normal of the nearest vertex.
		i := int(math.Round((x - d.XMin) / cellX))
		j := int(math.Round((y - d.YMin) / cellY))
		if v.surf.Dim == 1 {
			j = fm.N / 2
		}
		k := 3 * (max(0, min(j, fm.N-1))*fm.N + max(0, min(i, fm.N-1)))
		dst.normals = append(dst.normals, fm.Normal[k], fm.Normal[k+1], fm.Normal[k+2])
	}
	add(prev.X, prev.Y)
	for i := 1; i < n; i++ {
		s := t.At(i)
		dx, dy := s.X-prev.X, s.Y-prev.Y
		if v.surf.Dim == 1 {
			dy = 0
		}
		cells := math.Max(math.Abs(dx)/cellX, math.Abs(dy)/cellY)
		pieces := 1
		if cells > 2 && !math.IsInf(cells, 0) {
			pieces = min(maxPieces, int(math.Ceil(cells/2)))
		}
		for k := 1; k <= pieces; k++ {
			f := float64(k) / float64(pieces)
			add(prev.X+dx*f, prev.Y+dy*f)
		}
		prev = s
	}
	m := len(dst.pts)
	dst.start = [3]float32{dst.pts[0], dst.pts[1], dst.pts[2]}
	dst.current = [3]float32{dst.pts[m-3], dst.pts[m-2], dst.pts[m-1]}
	dst.ok = true
	return dst
}

// facing reports whether the eye sees the top side of the surface at
// trail point k (where its normal points); a point on the top side seen
// from below is hidden by the surface it lies on.
func (v *view) facing(t *trail, k int) bool {
	nx, ny, nz := float64(t.normals[k]), float64(t.normals[k+1]), float64(t.normals[k+2])
	if v.ortho {
		return -(nx*v.fwd[0] + ny*v.fwd[1] + nz*v.fwd[2]) > 0
	}
	ex, ey, ez := v.eye[0]-float64(t.pts[k]), v.eye[1]-float64(t.pts[k+1]), v.eye[2]-float64(t.pts[k+2])
	return nx*ex+ny*ey+nz*ez > 0
}

// visibility returns how much of a point at screen (x, y) and depth d
// shows: 1 in front of the surface, else the share that shows through a
// translucent surface (0 for an opaque one).
func (v *view) visibility(x, y, d float32) float32 {
	surf := v.depth.at(x, y)
	tol := float32(10 * v.pixelScale)
	if !v.ortho {
		tol *= d
	}
	if d <= surf+tol {
		return 1
	}
	return v.hidden()
}

// hidden is the visibility of something behind the surface.
func (v *view) hidden() float32 { return float32(0.85 * (1 - v.alpha)) }

// markTrails marks the occlusion map's tiles under every trail point and
// reports whether there was any.
func (v *view) markTrails(trails []trail) bool {
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

// drawTrails adds every trail (hidden parts dimmed or left out) and the
// start and current markers to the front batch.
func (v *view) drawTrails(in frameInput) {
	s := float32(in.lineW)
	width := 2.6 * s
	bg := shaders.RGBA(v.theme.Background, 1)
	outline := shaders.RGBA(v.theme.Text, 1)
	for ti := range in.trails {
		t := &in.trails[ti]
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
		for k := 0; k+2 < len(pts); k += 3 {
			x, y, d := v.proj.Project(pts[k], pts[k+1], pts[k+2])
			if k == 0 {
				px, py, pd, ld = x, y, d, d
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
			vis := v.visibility((x+px)/2, (y+py)/2, (d+pd)/2)
			if vis == 1 && !v.facing(t, k) {
				vis = v.hidden()
			}
			if vis > 0 {
				v.front.Segment(px, py, x, y, width, c.Scale(vis))
			}
			px, py, pd, ld = x, y, d, d
		}
		// Start: a ring; current point: a disc with a dark outline.
		if x, y, d := v.proj.Project(t.start[0], t.start[1], t.start[2]); v.ortho || d > 1e-3 {
			vis := v.visibility(x, y, d)
			if vis == 1 && !v.facing(t, 0) {
				vis = v.hidden()
			}
			if vis > 0 {
				v.front.Disc(x, y, 5.5*s, c.Scale(vis))
				v.front.Disc(x, y, 3*s, bg.Scale(vis))
			}
		}
		if x, y, d := v.proj.Project(t.current[0], t.current[1], t.current[2]); v.ortho || d > 1e-3 {
			vis := v.visibility(x, y, d)
			if vis == 1 && !v.facing(t, len(t.pts)-3) {
				vis = v.hidden()
			}
			if vis > 0 {
				v.front.Disc(x, y, 7*s, outline.Scale(vis))
				v.front.Disc(x, y, 5.5*s, c.Scale(vis))
			}
		}
	}
}

// worldBox returns the corners of the world box (for framing the camera).
func worldBox() (lo, hi [3]float64) {
	return [3]float64{-mesh.WorldXY, -mesh.WorldXY, -mesh.WorldZ}, [3]float64{mesh.WorldXY, mesh.WorldXY, mesh.WorldZ}
}
