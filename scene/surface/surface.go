// Package surface is the library of loss surfaces Descent shows: the built-in
// test functions, typed expressions and least-squares surfaces built from data.
// Every surface carries its exact gradient, a default domain and start point,
// and the minima known for it.
package surface

// Domain is the rectangle of the plane a surface is shown and sampled on.
// For a 1-D surface only XMin and XMax matter.
type Domain struct {
	XMin, XMax, YMin, YMax float64
}

// Minimum is a local or global minimum of a surface: its position and value.
// For a 1-D surface Y is zero.
type Minimum struct {
	X, Y, Value float64
}

// Surface is a loss function of one or two variables with its exact gradient.
// For a 1-D surface (Dim == 1) the y argument is ignored and dy is zero.
type Surface struct {
	// Name is the registry name used on the command line, e.g. "rosenbrock".
	Name string
	// Title is the display name, e.g. "Rosenbrock's valley".
	Title string
	// Formula is the function written out for humans, e.g. "(1-x)^2 + 100(y-x^2)^2".
	Formula string
	// Dim is 1 for curves f(x) and 2 for surfaces f(x, y).
	Dim int
	// Domain is the default region shown and sampled.
	Domain Domain
	// Start is the default start point (Dim numbers).
	Start []float64
	// Minima are the known minima inside the domain; empty when none are known.
	Minima []Minimum
	// Eval returns f(x, y).
	Eval func(x, y float64) float64
	// Gradient returns f(x, y) and its partial derivatives.
	Gradient func(x, y float64) (f, dx, dy float64)
	// Data is non-nil for least-squares surfaces built from data points; it
	// gives mini-batch gradients for stochastic gradient descent.
	Data *LeastSquares
}
