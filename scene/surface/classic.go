package surface

import "math"

// The classic test functions below are gonum v0.17.0's
// (optimize/functions: ExtendedRosenbrock, Beale, CamelSix, Ackley, Levy13,
// Rastrigin), copied operation for operation so that every value is the
// same bits (TestClassicFunctionsMatchGonum checks it). Importing gonum's
// package instead would put its matrix libraries (and package testing) into
// the web page's program, about 0.5 MB of its compressed size.
//
// Copyright ©2015-2017 The Gonum Authors. All rights reserved. Use of this
// source code is governed by a BSD-style license (gonum's LICENSE file).

type classicRosenbrock struct{}

func (classicRosenbrock) Func(x []float64) (sum float64) {
	for i := 0; i < len(x)-1; i++ {
		a := 1 - x[i]
		b := x[i+1] - x[i]*x[i]
		sum += a*a + 100*b*b
	}
	return sum
}

func (classicRosenbrock) Grad(grad, x []float64) {
	dim := len(x)
	for i := range grad {
		grad[i] = 0
	}
	// Prevent fused multiply add and fused multiply subtract.
	for i := 0; i < dim-1; i++ {
		grad[i] -= float64(2 * (1 - x[i]))
		grad[i] -= float64(400 * (x[i+1] - float64(x[i]*x[i])) * x[i])
	}
	for i := 1; i < dim; i++ {
		grad[i] += float64(200 * (x[i] - float64(x[i-1]*x[i-1])))
	}
}

type classicBeale struct{}

func (classicBeale) Func(x []float64) float64 {
	f1 := 1.5 - x[0]*(1-x[1])
	f2 := 2.25 - x[0]*(1-x[1]*x[1])
	f3 := 2.625 - x[0]*(1-x[1]*x[1]*x[1])
	return f1*f1 + f2*f2 + f3*f3
}

func (classicBeale) Grad(grad, x []float64) {
	t1 := 1 - x[1]
	t2 := 1 - x[1]*x[1]
	t3 := 1 - x[1]*x[1]*x[1]

	f1 := 1.5 - x[0]*t1
	f2 := 2.25 - x[0]*t2
	f3 := 2.625 - x[0]*t3

	grad[0] = -2 * (f1*t1 + f2*t2 + f3*t3)
	grad[1] = 2 * x[0] * (f1 + 2*f2*x[1] + 3*f3*x[1]*x[1])
}

type classicCamelSix struct{}

func (classicCamelSix) Func(x []float64) float64 {
	x0 := x[0]
	x1 := x[1]
	x02 := x0 * x0
	x12 := x1 * x1
	return (4-2.1*x02+x02*x02/3)*x02 + x0*x1 + (-4+4*x12)*x12
}

type classicAckley struct{}

func (classicAckley) Func(x []float64) float64 {
	var ss, sc float64
	for _, v := range x {
		ss += v * v
		sc += math.Cos(2 * math.Pi * v)
	}
	id := 1 / float64(len(x))
	return -20*math.Exp(-0.2*math.Sqrt(id*ss)) - math.Exp(id*sc) + 20 + math.E
}

type classicLevy13 struct{}

func (classicLevy13) Func(x []float64) float64 {
	x0 := x[0]
	x1 := x[1]
	s0 := math.Sin(3 * math.Pi * x0)
	s1 := math.Sin(3 * math.Pi * x1)
	s2 := math.Sin(2 * math.Pi * x1)
	return s0*s0 + (x0-1)*(x0-1)*(1+s1*s1) + (x1-1)*(x1-1)*(1+s2*s2)
}

type classicRastrigin struct{}

func (classicRastrigin) Func(x []float64) float64 {
	sum := 10 * float64(len(x))
	for _, v := range x {
		sum += v*v - 10*math.Cos(2*math.Pi*v)
	}
	return sum
}
