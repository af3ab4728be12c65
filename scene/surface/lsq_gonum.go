//go:build !js

package surface

import (
	"errors"
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// fitLeastSquares is fitGonum on the desktop. The web page's program uses
// fitPlain: gonum's matrix packages would add about 0.5 MB to its
// compressed size (TestFitPlainMatchesGonum compares the two).
var fitLeastSquares = fitGonum

// fitGonum computes the statistics and the least-squares line of ls's data
// with gonum's mat.
func fitGonum(ls *LeastSquares) error {
	n := len(ls.u)
	u := ls.u
	// Centred columns: the statistics come from inner products of these,
	// which avoids the cancellation of the raw sums of squares.
	inv := 1 / float64(n)
	uvec := mat.NewVecDense(n, ls.u)
	vvec := mat.NewVecDense(n, ls.v)
	ones := mat.NewVecDense(n, nil)
	for i := range n {
		ones.SetVec(i, 1)
	}
	ls.meanU = mat.Dot(uvec, ones) * inv
	ls.meanV = mat.Dot(vvec, ones) * inv
	uc := mat.NewVecDense(n, nil)
	uc.AddScaledVec(uvec, -ls.meanU, ones)
	vc := mat.NewVecDense(n, nil)
	vc.AddScaledVec(vvec, -ls.meanV, ones)
	ls.varU = mat.Dot(uc, uc) * inv
	if !finite(ls.meanU) || !finite(ls.meanV) || !finite(ls.varU) || !finite(mat.Dot(vc, vc)*inv) {
		return errTooLargeData
	}
	scale := math.Max(math.Abs(ls.meanU), math.Sqrt(ls.varU))
	if ls.varU == 0 || math.Sqrt(ls.varU) <= 1e-10*scale {
		return fmt.Errorf("surface: singular data: all %d x values are equal (%v), the slope is not determined", n, u[0])
	}

	// Normal equations of the centred problem, (Xc^T Xc) beta = Xc^T v with
	// Xc = [1 uc]: solved with mat; the matrix is diagonal, so the solve is
	// exact and well conditioned.
	a := mat.NewSymDense(2, []float64{1, 0, 0, ls.varU})
	rhs := mat.NewVecDense(2, []float64{ls.meanV, mat.Dot(uc, vc) * inv})
	var beta mat.VecDense
	var chol mat.Cholesky
	if !chol.Factorize(a) {
		return errors.New("surface: singular data: the normal equations have no unique solution")
	}
	if err := chol.SolveVecTo(&beta, rhs); err != nil {
		return fmt.Errorf("surface: singular data: %v", err)
	}
	ls.slope = beta.AtVec(1)
	ls.intercept = beta.AtVec(0) - ls.slope*ls.meanU

	// The loss at the solution, summed directly over the residuals.
	res := mat.NewVecDense(n, nil)
	res.AddScaledVec(vc, -ls.slope, uc)
	ls.rest = mat.Dot(res, res) * inv
	return nil
}
