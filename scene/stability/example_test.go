package stability_test

import (
	"fmt"

	"descent/scene/stability"
	"descent/scene/surface"
)

// Is gradient descent with lr 0.001 stable at the start of Rosenbrock's
// valley, and with momentum 0.9?
func ExampleCheck() {
	s, _ := surface.Lookup("rosenbrock")
	for _, r := range []stability.Rule{{LR: 0.001}, {LR: 0.001, Momentum: 0.9}} {
		v, p, _ := stability.Check(s, -1.5, 2, r)
		lrMax, _ := r.LRMax(p.LambdaMax())
		fmt.Printf("momentum %g: %s (lr_max %.4g)\n", r.Momentum, v, lrMax)
	}
	p, _ := stability.At(s, -1.5, 2)
	fmt.Printf("eigenvalues %.4g, steepest direction %.3f\n", p.Eigenvalues, p.Eigenvectors[1])
	// Output:
	// momentum 0: unstable (lr_max 0.0009559)
	// momentum 0.9: stable (lr_max 0.001816)
	// eigenvalues [9.75 2092], steepest direction [0.953 0.302]
}
