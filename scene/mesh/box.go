package mesh

import (
	"math"

	"descent/scene/surface"
)

// World box: the domain maps to x and y in [-1, 1] and the heights shown to
// z in [-WorldZ, WorldZ], like matplotlib's 3D axes box. The camera package
// frames the same box.
const (
	WorldXY = 1.0
	WorldZ  = 0.8
)

// WorldCorners returns the lowest and highest corners of the world box,
// for framing a camera on it or clipping a ray to it.
func WorldCorners() (lo, hi [3]float64) {
	return [3]float64{-WorldXY, -WorldXY, -WorldZ}, [3]float64{WorldXY, WorldXY, WorldZ}
}

// Box maps surface coordinates (x, y, loss) to world coordinates and back.
// Each axis maps linearly and independently, as in matplotlib's 3D axes.
type Box struct {
	// Domain is the x, y rectangle that fills the box's width and depth.
	Domain surface.Domain
	// Lo and Hi are the heights at the box's floor and ceiling.
	Lo, Hi float64
}

// BoxOf returns the box of a grid: its domain and its range of heights.
func BoxOf(g *Grid) Box { return Box{Domain: g.Domain, Lo: g.Lo, Hi: g.Hi} }

// World returns the world point of surface point (x, y, z).
func (b Box) World(x, y, z float64) (wx, wy, wz float64) {
	return scale(x, b.Domain.XMin, b.Domain.XMax, WorldXY),
		scale(y, b.Domain.YMin, b.Domain.YMax, WorldXY),
		scale(z, b.Lo, b.Hi, WorldZ)
}

// Surface returns the surface point of world point (wx, wy, wz).
func (b Box) Surface(wx, wy, wz float64) (x, y, z float64) {
	return unscale(wx, b.Domain.XMin, b.Domain.XMax, WorldXY),
		unscale(wy, b.Domain.YMin, b.Domain.YMax, WorldXY),
		unscale(wz, b.Lo, b.Hi, WorldZ)
}

// WorldZOf returns the world height of loss z, clamped to the box.
func (b Box) WorldZOf(z float64) float64 {
	if math.IsNaN(z) {
		return -WorldZ
	}
	return math.Max(-WorldZ, math.Min(WorldZ, scale(z, b.Lo, b.Hi, WorldZ)))
}

// scale maps v from [lo, hi] to [-half, half].
func scale(v, lo, hi, half float64) float64 {
	if !(hi > lo) {
		return 0
	}
	return ((v-lo)/(hi-lo)*2 - 1) * half
}

func unscale(w, lo, hi, half float64) float64 {
	return lo + (w/half+1)/2*(hi-lo)
}
