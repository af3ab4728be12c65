package surface

// himmelblauGradient is Himmelblau's function and its gradient.
func himmelblauGradient(x, y float64) (f, dx, dy float64) {
	a, b := x*x+y-11, x+y*y-7
	return a*a + b*b, 4*x*a + 2*b, 2*a + 4*y*b
}

// himmelblauBatch is himmelblauGradient at every point (x[i], y[i]); the
// compiler inlines the same code into the loop, so each result is the same
// float64.
func himmelblauBatch(x, y, f, dx, dy []float64) {
	y, f, dx, dy = y[:len(x)], f[:len(x)], dx[:len(x)], dy[:len(x)]
	for i := range x {
		f[i], dx[i], dy[i] = himmelblauGradient(x[i], y[i])
	}
}
