//go:build !amd64 || amd64.v3

package optim

import "math"

// cosines sets out[i] = math.Cos(xs[i]) for every i < len(xs); out must be
// at least as long as xs, and may be xs. (On amd64 below GOAMD64=v3,
// cos_copy.go computes the same bits faster; here Go may fuse the
// operations of a copy of math.cos differently from math's own, or has an
// assembly math.Cos.)
func cosines(xs, out []float64) {
	out = out[:len(xs)]
	for i, x := range xs {
		out[i] = math.Cos(x)
	}
}
