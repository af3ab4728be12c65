package contour

import (
	"math"
	"math/rand/v2"
)

// sample evaluates f on an nx x ny grid over dom, as the package expects.
func sample(f func(x, y float64) float64, nx, ny int, dom Rect) []float64 {
	xs, ys := axis(dom.MinX, dom.MaxX, nx), axis(dom.MinY, dom.MaxY, ny)
	z := make([]float64, nx*ny)
	for j, y := range ys {
		for i, x := range xs {
			z[j*nx+i] = f(x, y)
		}
	}
	return z
}

// noise is a grid of uniform random values from a fixed seed.
func noise(nx, ny int, seed uint64) []float64 {
	r := rand.New(rand.NewPCG(seed, 1))
	z := make([]float64, nx*ny)
	for i := range z {
		z[i] = r.Float64()
	}
	return z
}

// signedArea is the shoelace area of a ring (positive counter-clockwise).
func signedArea(pts []Point) float64 {
	a := 0.0
	for i, p := range pts {
		q := pts[(i+1)%len(pts)]
		a += p.X*q.Y - q.X*p.Y
	}
	return a / 2
}

func triArea(a, b, c Point) float64 {
	return ((b.X-a.X)*(c.Y-a.Y) - (c.X-a.X)*(b.Y-a.Y)) / 2
}

func dist(a, b Point) float64 { return math.Hypot(a.X-b.X, a.Y-b.Y) }
