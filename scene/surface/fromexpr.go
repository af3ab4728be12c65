package surface

import (
	"fmt"
	"math"

	"descent/scene/expr"
)

// FromExpr parses a formula in x and y (see package descent/scene/expr) and
// returns it as the surface "expr", titled with the formula itself. A formula
// without y is a 1-D curve. The default domain is [-5,5]^2 ([-5,5] for a
// curve). The default start is (-4, 4) (x = -4 for a curve), a corner-ish
// point that is predictable for the audience; if f or its gradient is not
// finite there, or the gradient is zero, the next of (4, 4), (4, -4),
// (-4, -4), (-2, 2), (2, 2), (2, -2), (-2, -2), (1, 1) that is usable is taken
// (for a curve: -4, 4, -2, 2, 1). Minima are found numerically with FindMinima,
// with less effort for a formula too long to evaluate often.
// A syntax error is returned as the parser's *expr.SyntaxError wrapped with the
// package prefix, so errors.As finds its column.
func FromExpr(src string) (*Surface, error) {
	e, err := expr.Parse(src)
	if err != nil {
		return nil, fmt.Errorf("surface: %w", err)
	}
	s := &Surface{
		Name:     "expr",
		Title:    src,
		Formula:  src,
		Dim:      e.Dim(),
		Domain:   square(-5, 5),
		Eval:     e.Eval,
		Gradient: e.Gradient,
		Hessian:  e.Hessian,
		cost:     e.Cost(),
	}
	if s.Dim == 1 {
		s.Domain.YMin, s.Domain.YMax = 0, 0
	}
	s.Start = exprStart(s)
	s.Minima = FindMinima(s, s.Domain)
	return s, nil
}

// exprStart picks the default start of an expression surface (see FromExpr).
func exprStart(s *Surface) []float64 {
	if s.Dim == 1 {
		for _, x := range []float64{-4, 4, -2, 2, 1} {
			if usableStart(s, x, 0) {
				return []float64{x}
			}
		}
		return []float64{-4}
	}
	for _, p := range [][2]float64{{-4, 4}, {4, 4}, {4, -4}, {-4, -4}, {-2, 2}, {2, 2}, {2, -2}, {-2, -2}, {1, 1}} {
		if usableStart(s, p[0], p[1]) {
			return []float64{p[0], p[1]}
		}
	}
	return []float64{-4, 4}
}

// usableStart reports whether f and its gradient are finite at (x, y) and the
// gradient is not zero, so an optimizer starting there moves.
func usableStart(s *Surface, x, y float64) bool {
	f, dx, dy := s.Gradient(x, y)
	return finite(f) && finite(dx) && finite(dy) && math.Hypot(dx, dy) > 0
}
