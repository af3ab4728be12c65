//go:build !amd64

package surface

// himmelblauBatch is himmelblauGradient at every point (x[i], y[i]); the
// compiler inlines the same code into the loop, so each result is the same
// float64.
func himmelblauBatch(x, y, f, dx, dy []float64) {
	y, f, dx, dy = y[:len(x)], f[:len(x)], dx[:len(x)], dy[:len(x)]
	for i := range x {
		f[i], dx[i], dy[i] = himmelblauGradient(x[i], y[i])
	}
}
