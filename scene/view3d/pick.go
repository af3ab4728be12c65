package view3d

import (
	"math"

	"github.com/go-gl/mathgl/mgl64"

	"descent/camera"
	"descent/scene/mesh"
)

// Pick returns the surface point (x, y) under pixel (sx, sy) of the 3-D
// view seen by cam: the first crossing of the pick ray (camera.Unproject)
// with the full-resolution mesh's height field, refined by bisection. ok
// is false when the ray misses the surface.
func (v *View) Pick(cam *camera.Camera, sx, sy float64) (x, y float64, ok bool) {
	origin, dir := cam.Unproject(sx, sy)
	m := v.full.m
	// The part of the ray inside the world box.
	t0, t1 := 0.0, math.Inf(1)
	if cam.Ortho {
		t0 = math.Inf(-1)
	}
	lo, hi := mesh.WorldCorners()
	lo[2], hi[2] = lo[2]-0.01, hi[2]+0.01 // a surface lying on the floor or ceiling
	for k := range 3 {
		if math.Abs(dir[k]) < 1e-12 {
			if origin[k] < lo[k] || origin[k] > hi[k] {
				return 0, 0, false
			}
			continue
		}
		a := (lo[k] - origin[k]) / dir[k]
		b := (hi[k] - origin[k]) / dir[k]
		if a > b {
			a, b = b, a
		}
		t0, t1 = math.Max(t0, a), math.Min(t1, b)
	}
	if !(t1 > t0) || math.IsInf(t0, 0) {
		return 0, 0, false
	}
	at := func(t float64) mgl64.Vec3 { return origin.Add(dir.Mul(t)) }
	// Height of the ray above the surface at parameter t.
	above := func(t float64) float64 {
		p := at(t)
		sx, sy, _ := v.box.Surface(p[0], p[1], 0)
		if v.surf.Dim == 1 {
			sy = 0
		}
		return p[2] - m.Height(sx, sy)
	}
	// March in steps of a third of a mesh cell along the ground.
	cell := 2 * mesh.WorldXY / float64(m.N-1)
	ground := math.Hypot(dir[0], dir[1])
	step := cell / 3 / math.Max(ground, 0.05)
	step = math.Min(step, (t1-t0)/16)
	// The first crossing of the surface, from above (the top side seen) or
	// from below (the underside seen through a side of the box).
	prevT := t0
	below := above(t0) <= 0
	for t := t0 + step; ; t += step {
		if t > t1 {
			t = t1
		}
		if h := above(t); (h <= 0) != below {
			a, b := prevT, t
			for range 60 {
				mid := (a + b) / 2
				if (above(mid) <= 0) == below {
					a = mid
				} else {
					b = mid
				}
			}
			return v.surfaceAt(at((a + b) / 2))
		}
		prevT = t
		if t >= t1 {
			return 0, 0, false
		}
	}
}

// Marker returns where surface point (x, y) shows on screen through cam,
// lifted onto the surface as trails and markers are (ok is false behind
// the eye or outside the domain).
func (v *View) Marker(cam *camera.Camera, x, y float64) (sx, sy float64, ok bool) {
	if !v.inDomain(x, y) {
		return 0, 0, false
	}
	p := v.worldPoint(x, y)
	sx, sy, _, ok = cam.Project(mgl64.Vec3{float64(p[0]), float64(p[1]), float64(p[2])})
	return sx, sy, ok
}

// surfaceAt returns the surface coordinates of a world point.
func (v *View) surfaceAt(p mgl64.Vec3) (float64, float64, bool) {
	x, y, _ := v.box.Surface(p[0], p[1], 0)
	d := v.box.Domain
	x = math.Max(d.XMin, math.Min(d.XMax, x))
	y = math.Max(d.YMin, math.Min(d.YMax, y))
	if v.surf.Dim == 1 {
		y = 0
	}
	return x, y, true
}
