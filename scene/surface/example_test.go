package surface_test

import (
	"fmt"

	"descent/scene/surface"
)

func ExampleLookup() {
	s, err := surface.Lookup("himmelblau")
	if err != nil {
		panic(err)
	}
	f, dx, dy := s.Gradient(0, 0)
	fmt.Println(s.Title, s.Start, f, dx, dy, len(s.Minima))
	_, err = surface.Lookup("rosenbrok")
	fmt.Println(err)
	// Output:
	// Himmelblau's function [0 0] 170 -14 -22 4
	// surface: unknown surface "rosenbrok" (did you mean "rosenbrock"?)
}

func ExampleFromPoints() {
	// Points on the line v = 1 + 2u: the loss is zero at intercept 1, slope 2.
	s, err := surface.FromPoints([]float64{0, 1, 2}, []float64{1, 3, 5})
	if err != nil {
		panic(err)
	}
	m := s.Minima[0]
	fmt.Printf("minimum (%.3g, %.3g) loss %.3f; loss at (0, 0) %.4g\n", m.X, m.Y, m.Value, s.Eval(0, 0))
	f, dx, dy := s.Data.BatchGradient(0, 0, []int{2})
	fmt.Println("one-point batch:", f, dx, dy)
	// Output:
	// minimum (1, 2) loss 0.000; loss at (0, 0) 11.67
	// one-point batch: 25 -10 -20
}

func ExampleFindMinima() {
	s, err := surface.FromExpr("x^4 - 4*x^2 + x")
	if err != nil {
		panic(err)
	}
	for _, m := range surface.FindMinima(s, surface.Domain{XMin: -3, XMax: 3}) {
		fmt.Printf("x = %.4f, f = %.4f\n", m.X, m.Value)
	}
	// Output:
	// x = -1.4730, f = -5.4442
	// x = 1.3470, f = -2.6186
}
