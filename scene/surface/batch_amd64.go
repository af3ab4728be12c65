package surface

// himmelblauPairs is himmelblauGradient at the first 2*pairs points, two at
// a time with SSE2's packed instructions, which round each lane as the
// scalar ones do (no multiply-add is fused).
//
//go:noescape
func himmelblauPairs(x, y, f, dx, dy *float64, pairs int)

// himmelblauBatch is himmelblauGradient at every point (x[i], y[i]): pairs
// in the packed kernel, an odd last point in Go.
func himmelblauBatch(x, y, f, dx, dy []float64) {
	n := len(x)
	if len(y) < n || len(f) < n || len(dx) < n || len(dy) < n {
		panic("surface: himmelblauBatch: short slices")
	}
	if pairs := n / 2; pairs > 0 {
		himmelblauPairs(&x[0], &y[0], &f[0], &dx[0], &dy[0], pairs)
	}
	if n%2 == 1 {
		f[n-1], dx[n-1], dy[n-1] = himmelblauGradient(x[n-1], y[n-1])
	}
}
