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

func ExampleLoadModel() {
	// A built-in data set's name works from any directory.
	s, err := surface.LoadModel("logistic", "logistic-separable-100.csv")
	if err != nil {
		panic(err)
	}
	fmt.Println(s.Axes, s.TraceColumns(), s.NoMinimum, len(s.Minima))
	fmt.Println(s.Note)
	// The fit view's side: the data and the model at a run's point.
	m := s.Model
	fmt.Println(m.Kind, m.Classifier, m.Columns, m.Len(), m.InputDim())
	weight, bias := 2.0, 1.0
	fmt.Printf("P(label=1 | x=0) = %.4f, threshold at x = %g\n", m.Predict([]float64{weight, bias}, []float64{0}), -bias/weight)
	_, err = surface.LoadModel("logistic", "")
	fmt.Println(err)
	// Output:
	// [weight bias] [weight bias] true 0
	// separable data: no minimum, the loss keeps falling as the runs walk off to infinity
	// logistic true [x label] 100 1
	// P(label=1 | x=0) = 0.7311, threshold at x = -0.5
	// surface: logistic needs a data file with columns x,label (e.g. logistic-200.csv)
}

func ExampleModel_Predict() {
	s, err := surface.Lookup("mlp-slice")
	if err != nil {
		panic(err)
	}
	m := s.Model
	// The trained network (alpha = beta = 0) on two points of the moons.
	for _, i := range []int{0, 99} {
		p := m.Predict([]float64{0, 0}, m.Inputs[i])
		fmt.Printf("(%.3f, %.3f) label %v: P(label=1) %.2f, predicts %v\n", m.Inputs[i][0], m.Inputs[i][1], m.Targets[i], p, p > surface.Threshold)
	}
	fmt.Println(s.AxisNames(), len(s.Minima))
	// Output:
	// (0.908, 0.020) label 0: P(label=1) 0.16, predicts false
	// (1.892, 0.547) label 1: P(label=1) 0.99, predicts true
	// [alpha beta] 2
}
