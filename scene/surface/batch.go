package surface

// himmelblauGradient is Himmelblau's function and its gradient.
func himmelblauGradient(x, y float64) (f, dx, dy float64) {
	a, b := x*x+y-11, x+y*y-7
	return a*a + b*b, 4*x*a + 2*b, 2*a + 4*y*b
}
