//go:build js

package surface

// The web page's program fits least squares and searches minima without
// gonum, whose matrix packages would add about 0.5 MB to its compressed
// size (lsq_gonum.go, bfgs_gonum.go: the desktop's).
var (
	fitLeastSquares = fitPlain
	localBFGS       = bfgsPlain
)
