package optim_test

import (
	"fmt"

	"descent/optim"
)

// Read Adam's state after two steps in torch's names, then take its third
// step apart.
func ExampleExplain() {
	spec, _ := optim.ParseSpec("adam:lr=0.1")
	o, _ := optim.New(spec)
	x := []float64{1, 2}
	grad := func(x []float64) []float64 { return []float64{2 * x[0], 8 * x[1]} } // x^2 + 4y^2
	for range 2 {
		o.Step(x, grad(x))
	}
	for _, e := range o.State(nil) {
		if e.Scalar {
			fmt.Printf("%s = %g\n", e.Name, e.Value())
		} else {
			fmt.Printf("%s = %.6g\n", e.Name, e.Values)
		}
	}
	e := optim.Explain(o, x, grad(x))
	bc1, _ := e.Scalar("bias_correction1")
	bc2, _ := e.Scalar("bias_correction2")
	fmt.Printf("step %d: 1-beta1^t = %.4g, 1-beta2^t = %.4g\n", e.Step, bc1, bc2)
	fmt.Printf("effective step %.4g, velocity %.4g, update %.4g\n", e.EffectiveStep, e.Velocity, e.Update)
	// Output:
	// step = 2
	// exp_avg = [0.36 2.96]
	// exp_avg_sq = [0.007236 0.486784]
	// step 3: 1-beta1^t = 0.271, 1-beta2^t = 0.002997
	// effective step [0.05532 0.006573], velocity [1.786 15.14], update [-0.09883 -0.09954]
}
