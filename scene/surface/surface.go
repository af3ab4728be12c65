// Package surface is the library of loss surfaces Descent shows: the built-in
// test functions, typed expressions and least-squares surfaces built from data.
// Every surface carries its exact gradient and Hessian, a default domain and
// start point, and the minima known for it.
package surface

import "math"

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
	// GradientBatch, when not nil, is Gradient for many points at once:
	// f[i], dx[i], dy[i] = Gradient(x[i], y[i]) for every i of x, bit for
	// bit, without a call per point (the swarms of package basins use it).
	GradientBatch func(x, y, f, dx, dy []float64)
	// Axes names the two coordinates for axis labels, legends and
	// `descent list`, e.g. {"weight", "bias"}; an empty name means "x" (or
	// "y"). AxisNames fills the defaults in; TraceColumns says which names
	// `descent trace` writes.
	Axes [2]string
	// NoMinimum is set when the loss has no minimum at all: it keeps falling
	// towards a bound while the parameters run off to infinity (logistic
	// regression on separable data). Runs then walk off the domain with a
	// falling loss; a legend should say so (Note says it in words) instead
	// of showing a distance to a minimum. A surface without known minima
	// but with NoMinimum unset (the saddle) simply has none listed.
	NoMinimum bool
	// Mesh is the mesh resolution (samples per side) the surface is best
	// drawn at when a scene does not ask for one; 0 means the scene's
	// default. Costly surfaces set it: each sample of mlp-slice runs its
	// network over the whole data set.
	Mesh int
	// Note is a one-line remark about the surface for legends and listings,
	// e.g. "separable data: no minimum, the loss falls forever as the weight
	// grows"; empty when there is nothing to say.
	Note string
	// Hessian returns the exact second partial derivatives f_xx, f_xy
	// (= f_yx) and f_yy at (x, y): written out for the built-in surfaces,
	// by second-order automatic differentiation for expressions, constant
	// for least squares, written out for logistic and tanh-unit, and from
	// two exact Hessian-vector products of the network's loss for
	// mlp-slice. For a 1-D surface dxx is f'' and dxy, dyy are zero.
	// It never allocates (mlp-slice reuses pooled scratch) and is safe for
	// concurrent use, so a caller may evaluate it at every pixel, in
	// parallel; mlp-slice's costs about four of its gradients.
	Hessian func(x, y float64) (dxx, dxy, dyy float64)
	// Data is non-nil for the least-squares surface "ols" only: its
	// sufficient statistics and exact solution.
	Data *LeastSquares
	// Model is non-nil for every surface built from a data set (ols,
	// logistic, tanh-unit, mlp-slice): the data points, the model's
	// prediction at a point of the surface (for drawing the fit) and
	// mini-batch gradients for stochastic gradient descent. See Model.
	Model *Model

	// cost is the number of instructions one evaluation runs for an
	// expression surface (0: a built-in or data surface, cheap to evaluate);
	// FindMinima scales its effort down for costly ones.
	cost int
}

// AxisNames returns the names of the two coordinates: Axes with "x" and
// "y" in place of empty names.
func (s *Surface) AxisNames() [2]string {
	a := s.Axes
	if a[0] == "" {
		a[0] = "x"
	}
	if a[1] == "" {
		a[1] = "y"
	}
	return a
}

// TraceColumns returns the names of the Dim coordinates as `descent trace`
// writes them in its CSV header and JSON columns: the axis names of the model surfaces (weight, bias for
// logistic), and x, y for the test functions, expressions and ols, whose
// trace columns were x, y before surfaces had axis names (the command
// line's contract keeps them).
func (s *Surface) TraceColumns() []string {
	if s.Model == nil || s.Model.Kind == KindLine {
		return []string{"x", "y"}[:s.Dim]
	}
	a := s.AxisNames()
	return a[:s.Dim]
}

// Clone returns a copy of s that shares no slices with it. The least-squares
// data, which is never modified, is shared.
func (s *Surface) Clone() *Surface {
	c := *s
	c.Start = append([]float64(nil), s.Start...)
	c.Minima = append([]Minimum(nil), s.Minima...)
	return &c
}

// Value returns f at p, which holds Dim numbers (x, or x and y).
func (s *Surface) Value(p []float64) float64 {
	x, y := point(p)
	return s.Eval(x, y)
}

// Grad writes the gradient of f at p into grad and returns f(p). p and grad
// hold Dim numbers; for a 1-D surface only grad[0] is written.
func (s *Surface) Grad(p, grad []float64) float64 {
	x, y := point(p)
	f, dx, dy := s.Gradient(x, y)
	if len(grad) > 0 {
		grad[0] = dx
	}
	if len(grad) > 1 {
		grad[1] = dy
	}
	return f
}

// Hess returns the Hessian matrix of f at p (Dim numbers): [[f_xx, f_xy],
// [f_xy, f_yy]]; in 1-D [[f_xx, 0], [0, 0]], f_xx the second derivative.
func (s *Surface) Hess(p []float64) [2][2]float64 {
	x, y := point(p)
	dxx, dxy, dyy := s.Hessian(x, y)
	return [2][2]float64{{dxx, dxy}, {dxy, dyy}}
}

// point reads x and y from p; missing coordinates are zero.
func point(p []float64) (x, y float64) {
	if len(p) > 0 {
		x = p[0]
	}
	if len(p) > 1 {
		y = p[1]
	}
	return x, y
}

// NearestMinimum returns the known minimum nearest to (x, y) and its
// Euclidean distance (along x alone for a 1-D surface). ok is false when the
// surface has no known minima, as for the saddle.
func (s *Surface) NearestMinimum(x, y float64) (m Minimum, dist float64, ok bool) {
	dist = math.Inf(1)
	for _, c := range s.Minima {
		dx, dy := x-c.X, y-c.Y
		if s.Dim == 1 {
			dy = 0
		}
		if d := math.Hypot(dx, dy); d < dist {
			m, dist, ok = c, d, true
		}
	}
	if !ok {
		return Minimum{}, 0, false
	}
	return m, dist, true
}

// LowestMinimum returns the smallest loss among the known minima, or NaN
// when the surface has none.
func (s *Surface) LowestMinimum() float64 {
	low := math.NaN()
	for _, m := range s.Minima {
		if !(low <= m.Value) {
			low = m.Value
		}
	}
	return low
}

// Contains reports whether (x, y) lies in d (only x is checked when dim is 1).
func (d Domain) Contains(x, y float64, dim int) bool {
	if x < d.XMin || x > d.XMax {
		return false
	}
	return dim == 1 || (y >= d.YMin && y <= d.YMax)
}
