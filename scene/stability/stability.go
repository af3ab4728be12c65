// Package stability is the local quadratic model of a loss surface at a
// point: the loss, gradient and exact Hessian there, the Hessian's
// eigen-decomposition, and the largest learning rates for which gradient
// descent (plain, heavy-ball or Nesterov momentum) on that model converges.
// It is the engine of `descent inspect` and of the window's stability
// overlay, and pure Go.
//
// The model: near x0, f(x0 + d) ≈ f(x0) + g·d + d·H·d/2. Gradient descent
// on it moves the error along each eigenvector of H independently; along an
// eigenvector of eigenvalue λ > 0 the error is multiplied by 1 - lr·λ each
// step, so it shrinks exactly when lr < 2/λ. The steepest direction (λ_max)
// decides: lr_max = 2/λ_max. Above it the iterate overshoots, oscillates
// with growing amplitude and diverges; at it, it oscillates without
// shrinking (the edge of stability). Heavy-ball momentum β (torch's SGD
// momentum, dampening 0) gives the characteristic polynomial
// z² - (1 + β - lr·λ)z + β, stable for 0 < lr·λ < 2(1+β) when 0 <= β < 1,
// so lr_max = 2(1+β)/λ_max; Nesterov's momentum gives
// lr_max = 2(1+β)/((1+2β)·λ_max). Directions of zero or negative curvature
// never overshoot: there the model has no minimum and descent drifts or
// slides away (a saddle or a ridge), whatever the learning rate.
package stability

import (
	"errors"
	"fmt"
	"math"

	"descent/optim"
	"descent/scene/parallel"
	"descent/scene/surface"
)

// Point is the local quadratic model of a surface at one point.
type Point struct {
	// Dim is the surface's dimension: in 1-D only the first entry of each
	// array (and Hessian[0][0], the second derivative) is meaningful.
	Dim int
	// X and Y are the point (Y is 0 in 1-D).
	X, Y float64
	// Loss is f at the point; Gradient its exact gradient.
	Loss     float64
	Gradient [2]float64
	// Hessian holds the exact second derivatives [[f_xx, f_xy], [f_xy, f_yy]].
	Hessian [2][2]float64
	// Eigenvalues are the Hessian's eigenvalues in ascending order (in 1-D
	// Eigenvalues[0] = f''), and Eigenvectors[i] is the unit eigenvector of
	// Eigenvalues[i] (see Eigen for the sign convention).
	Eigenvalues  [2]float64
	Eigenvectors [2][2]float64
}

// ErrNoHessian is wrapped by the error for a surface without an exact
// Hessian (surface.Surface.Hessian nil).
var ErrNoHessian = errors.New("no exact Hessian")

// At returns the local model of s at (x, y) (y is ignored in 1-D).
func At(s *surface.Surface, x, y float64) (Point, error) {
	if s.Hessian == nil {
		return Point{}, fmt.Errorf("stability: surface %q has %w", s.Name, ErrNoHessian)
	}
	if s.Dim == 1 {
		y = 0
	}
	p := Point{Dim: s.Dim, X: x, Y: y}
	p.Loss, p.Gradient[0], p.Gradient[1] = s.Gradient(x, y)
	dxx, dxy, dyy := s.Hessian(x, y)
	if s.Dim == 1 {
		p.Gradient[1], dxy, dyy = 0, 0, 0
		p.Hessian = [2][2]float64{{dxx, 0}, {0, 0}}
		p.Eigenvalues = [2]float64{dxx, 0}
		p.Eigenvectors = [2][2]float64{{1, 0}, {0, 0}}
		return p, nil
	}
	p.Hessian = [2][2]float64{{dxx, dxy}, {dxy, dyy}}
	p.Eigenvalues, p.Eigenvectors = Eigen(dxx, dxy, dyy)
	return p, nil
}

// LambdaMax returns the model's largest eigenvalue (the second derivative in 1-D).
func (p Point) LambdaMax() float64 {
	if p.Dim == 1 {
		return p.Eigenvalues[0]
	}
	return p.Eigenvalues[1]
}

// LRMaxGD returns the largest stable learning rate of plain gradient descent
// on the model, 2/λ_max, and false when λ_max <= 0 (no direction overshoots:
// there is no such bound) or is not a number.
func (p Point) LRMaxGD() (float64, bool) {
	return Rule{}.LRMax(p.LambdaMax())
}

// LRMaxMomentum returns the largest stable learning rate of heavy-ball
// momentum beta on the model, 2(1+beta)/λ_max, and false when λ_max <= 0 or
// beta is outside [0, 1) (momentum 1 or more never converges).
func (p Point) LRMaxMomentum(beta float64) (float64, bool) {
	return Rule{Momentum: beta}.LRMax(p.LambdaMax())
}

// Eigen returns the eigenvalues of the symmetric matrix [[a, b], [b, c]] in
// ascending order and a unit eigenvector for each (vecs[i] belongs to
// vals[i]), in closed form: the larger-magnitude eigenvalue as
// (a+c)/2 ± hypot((a-c)/2, b), the other as det/that one, with the
// determinant ac - b² computed with an FMA correction, so that neither
// loses digits to cancellation. A diagonal matrix (b = 0) gives its diagonal
// and the axes exactly. The two eigenvectors are orthonormal; each points
// into the half-plane x > 0, or along +y when its x component is 0. A
// repeated eigenvalue gets the axes (1, 0) and (0, 1). Non-finite entries
// give NaN eigenvectors, except on a diagonal matrix.
func Eigen(a, b, c float64) (vals [2]float64, vecs [2][2]float64) {
	if b == 0 {
		if c < a {
			return [2]float64{c, a}, [2][2]float64{{0, 1}, {1, 0}}
		}
		return [2]float64{a, c}, [2][2]float64{{1, 0}, {0, 1}}
	}
	m := (a + c) / 2
	r := math.Hypot((a-c)/2, b)
	det := detSym(a, b, c)
	var lo, hi float64
	if m >= 0 {
		hi = m + r
		lo = det / hi
	} else {
		lo = m - r
		hi = det / lo
	}
	if lo > hi { // rounding at a repeated eigenvalue
		lo, hi = hi, lo
	}
	vals = [2]float64{lo, hi}
	// The eigenvector of hi: (b, hi - a) or (hi - c, b), whichever is longer
	// (the other may be a difference of nearly equal numbers).
	u := [2]float64{b, hi - a}
	if w := [2]float64{hi - c, b}; math.Abs(w[0])+math.Abs(w[1]) > math.Abs(u[0])+math.Abs(u[1]) {
		u = w
	}
	n := math.Hypot(u[0], u[1])
	u[0], u[1] = u[0]/n, u[1]/n
	v := [2]float64{-u[1], u[0]} // orthogonal: the eigenvector of lo
	return vals, [2][2]float64{orient(v), orient(u)}
}

// detSym returns ac - b² with one rounding error (Kahan's FMA algorithm).
func detSym(a, b, c float64) float64 {
	w := b * b
	e := math.FMA(-b, b, w) // w - b² exactly
	f := math.FMA(a, c, -w)
	return f + e
}

// orient applies the sign convention: x > 0, or y > 0 when x = 0.
func orient(v [2]float64) [2]float64 {
	if v[0] < 0 || (v[0] == 0 && v[1] < 0) {
		return [2]float64{-v[0], -v[1]}
	}
	return v
}

// LambdaMax returns the largest eigenvalue of [[a, b], [b, c]]: the one
// number the stability of gradient descent depends on, cheaper than Eigen.
func LambdaMax(a, b, c float64) float64 {
	if b == 0 {
		return max(a, c)
	}
	m := (a + c) / 2
	r := math.Hypot((a-c)/2, b)
	if m >= 0 {
		return m + r
	}
	return detSym(a, b, c) / (m - r)
}

// Rule is an update rule whose behaviour on a quadratic is linear: torch's
// SGD (plain, heavy-ball or Nesterov momentum, with dampening and L2 weight
// decay). The zero value is plain gradient descent with lr 0.
type Rule struct {
	LR          float64 // learning rate
	Momentum    float64 // momentum factor beta (0: none)
	Dampening   float64 // torch's dampening: the gradient enters the buffer scaled by 1 - dampening
	Nesterov    bool    // Nesterov momentum
	WeightDecay float64 // L2 weight decay: adds weight_decay to every curvature
}

// RuleOf returns the rule of an SGD optimizer (its current settings), and
// false for any other optimizer, or one that maximizes: adaptive methods
// rescale each coordinate by their own state, and have no fixed stable
// learning rate on a quadratic.
func RuleOf(o optim.Optimizer) (Rule, bool) {
	s, ok := o.(*optim.SGD)
	if !ok || s.Maximize {
		return Rule{}, false
	}
	return Rule{LR: s.LR, Momentum: s.Momentum, Dampening: s.Dampening, Nesterov: s.Nesterov, WeightDecay: s.WeightDecay}, true
}

// criticalGain is the largest stable lr·λ of the rule: 2 for gradient
// descent, 2(1+β) for heavy ball, 2(1+β)/(1+2β) for Nesterov, divided by
// 1 - dampening (with momentum); 0 when momentum is outside [0, 1) or
// dampening >= 1 with momentum (no learning rate is stable).
func (r Rule) criticalGain() float64 {
	b := r.Momentum
	if b < 0 || b >= 1 || (b != 0 && r.Dampening >= 1) {
		return 0
	}
	g := 2 * (1 + b)
	if r.Nesterov {
		g /= 1 + 2*b
	}
	if b != 0 {
		g /= 1 - r.Dampening // the first buffer is undamped; the limit is not
	}
	return g
}

// LRMax returns the largest stable learning rate of the rule's method (its
// momentum, dampening, Nesterov and weight decay; not its LR) along a
// direction of curvature lambda: critical gain / (lambda + weight_decay).
// It returns false when lambda + weight_decay <= 0 or is NaN (no learning rate
// overshoots there), and 0, true when the momentum is outside [0, 1) or
// dampening >= 1.
func (r Rule) LRMax(lambda float64) (float64, bool) {
	k := lambda + r.WeightDecay
	if !(k > 0) {
		return 0, false
	}
	return r.criticalGain() / k, true
}

// Verdict classifies a learning rate against the local model.
type Verdict uint8

const (
	// Stable: lr is below the critical learning rate of the steepest
	// direction; along every direction of positive curvature the error
	// shrinks. (Directions of negative curvature may still lead away: see
	// the eigenvalues.)
	Stable Verdict = iota
	// Edge: lr equals the critical learning rate (to 1e-9 relative); the
	// steepest direction neither grows nor shrinks (GD: the iterate
	// oscillates between two points).
	Edge
	// Unstable: lr is above the critical learning rate; the error along the
	// steepest direction grows each step (an oscillation that diverges).
	Unstable
	// NoCurvature: no direction has positive curvature (λ_max <= 0, or NaN):
	// no learning rate overshoots; descent drifts or slides away.
	NoCurvature
)

// String names the verdict: stable, edge, unstable, no-curvature.
func (v Verdict) String() string {
	switch v {
	case Stable:
		return "stable"
	case Edge:
		return "edge"
	case Unstable:
		return "unstable"
	case NoCurvature:
		return "no-curvature"
	}
	return fmt.Sprintf("Verdict(%d)", uint8(v))
}

// edgeTolerance is how close lr must be to the critical one to count as the
// edge.
const edgeTolerance = 1e-9

// Classify judges the rule's learning rate against the model with Hessian
// [[dxx, dxy], [dxy, dyy]]. It costs a few floating-point operations and
// allocates nothing: the window calls it per pixel.
func (r Rule) Classify(dxx, dxy, dyy float64) Verdict {
	return r.classify(LambdaMax(dxx, dxy, dyy))
}

// Classify1D judges the rule's learning rate against a 1-D model of second
// derivative d2.
func (r Rule) Classify1D(d2 float64) Verdict { return r.classify(d2) }

func (r Rule) classify(lambdaMax float64) Verdict {
	lrMax, ok := r.LRMax(lambdaMax)
	switch {
	case !ok:
		return NoCurvature
	case math.Abs(r.LR-lrMax) <= edgeTolerance*lrMax:
		return Edge
	case r.LR < lrMax:
		return Stable
	}
	return Unstable
}

// Verdict judges the rule's learning rate against the model at p.
func (p Point) Verdict(r Rule) Verdict { return r.classify(p.LambdaMax()) }

// Check returns the model of s at (x, y) and the rule's verdict on it: the
// window's question "is this learning rate stable here, and why".
func Check(s *surface.Surface, x, y float64, r Rule) (Verdict, Point, error) {
	p, err := At(s, x, y)
	if err != nil {
		return NoCurvature, p, err
	}
	return p.Verdict(r), p, nil
}

// Curvatures samples λ_max, the largest eigenvalue of the Hessian (the
// second derivative in 1-D), at nx x ny points spread evenly over d, corners included, as
// mesh.Grid samples: point (i, j) lies at x = XMin + (XMax-XMin)*i/(nx-1),
// y = YMin + (YMax-YMin)*j/(ny-1) and its value is stored at dst[j*nx+i]
// (in 1-D every row repeats the first). dst is reused when it has room. The
// work is split over the CPUs. λ_max depends on the surface alone, so a
// stability overlay computes it once per surface and domain, and then
// judges any learning rate against it with ClassifyLambda or Ratio (a few
// nanoseconds a point). nx and ny must be at least 2.
func Curvatures(s *surface.Surface, d surface.Domain, nx, ny int, dst []float64) ([]float64, error) {
	return sampleGrid(s, d, nx, ny, dst, func(lambdaMax float64) float64 { return lambdaMax })
}

// ClassifyLambda judges the rule's learning rate against a model whose
// largest eigenvalue is lambdaMax (the second derivative in 1-D).
func (r Rule) ClassifyLambda(lambdaMax float64) Verdict { return r.classify(lambdaMax) }

// Ratio returns lr / lr_max for a model of largest eigenvalue lambdaMax:
// below 1 stable, 1 the edge, above 1 unstable; 0 where no learning rate
// overshoots (λ_max + weight_decay <= 0), and +Inf when the momentum makes
// every learning rate unstable. A continuous shade for an overlay.
func (r Rule) Ratio(lambdaMax float64) float64 {
	lrMax, ok := r.LRMax(lambdaMax)
	switch {
	case !ok:
		return 0
	case lrMax == 0:
		return math.Inf(1)
	}
	return r.LR / lrMax
}

// Grid judges the rule at the points Curvatures samples (see there for the
// layout), storing the verdict of point (i, j) at dst[j*nx+i]. It is
// Curvatures followed by ClassifyLambda at every point; to judge several
// learning rates on one surface, keep the curvatures instead.
func Grid(s *surface.Surface, d surface.Domain, nx, ny int, r Rule, dst []Verdict) ([]Verdict, error) {
	return sampleGrid(s, d, nx, ny, dst, r.classify)
}

// sampleGrid stores at dst[j*nx+i] what judge makes of λ_max (the second
// derivative in 1-D) at point (i, j) of the layout Curvatures describes,
// reusing dst when it has room and splitting the rows over the CPUs.
func sampleGrid[T any](s *surface.Surface, d surface.Domain, nx, ny int, dst []T, judge func(lambdaMax float64) T) ([]T, error) {
	if s.Hessian == nil {
		return dst, fmt.Errorf("stability: surface %q has %w", s.Name, ErrNoHessian)
	}
	if nx < 2 || ny < 2 {
		return dst, fmt.Errorf("stability: grid of %dx%d points (want at least 2x2)", nx, ny)
	}
	n := nx * ny
	if cap(dst) < n {
		dst = make([]T, n)
	}
	dst = dst[:n]
	h := s.Hessian
	rows := ny
	if s.Dim == 1 {
		rows = 1
	}
	parallel.For(rows, func(lo, hi int) {
		for j := lo; j < hi; j++ {
			y := d.YMin + (d.YMax-d.YMin)*float64(j)/float64(ny-1)
			row := dst[j*nx : (j+1)*nx]
			for i := range nx {
				x := d.XMin + (d.XMax-d.XMin)*float64(i)/float64(nx-1)
				dxx, dxy, dyy := h(x, y)
				if s.Dim == 1 {
					row[i] = judge(dxx)
				} else {
					row[i] = judge(LambdaMax(dxx, dxy, dyy))
				}
			}
		}
	})
	if s.Dim == 1 {
		for j := 1; j < ny; j++ {
			copy(dst[j*nx:(j+1)*nx], dst[:nx])
		}
	}
	return dst, nil
}
