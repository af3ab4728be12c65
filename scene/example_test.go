package scene_test

import (
	"fmt"
	"log"
	"os"
	"strings"

	"descent/scene"
)

// A scene file: a surface, how to show it, and one [run] section per
// optimizer. Parse fills defaults and validates; BuildSurface and BuildRuns
// make it live.
func ExampleParse() {
	const text = `# Two optimizers on Himmelblau's function.
title = Two ways down
surface = himmelblau
colormap = coolwarm     # viridis coolwarm magma plasma cividis grey
camera = 30, -60
steps = 100

[run]
optimizer = gd:lr=0.01
start = 0, -3
color = #1f77b4

[run]
optimizer = adam:lr=0.2
start = 0, -3
`
	s, err := scene.Parse(strings.NewReader(text), "two.scene")
	if err != nil {
		log.Fatal(err)
	}
	surf, err := s.BuildSurface()
	if err != nil {
		log.Fatal(err)
	}
	runs, err := s.BuildRuns(surf, 256)
	if err != nil {
		log.Fatal(err)
	}
	for i, r := range runs {
		for range s.Steps {
			r.Step()
		}
		p := r.Point()
		fmt.Printf("%s: (%.2f, %.2f) loss %.3f\n", s.RunLabel(i), p[0], p[1], r.Loss())
	}
	fmt.Println(s.Name, s.Mesh, s.View, s.Rate)
	// Output:
	// SGD lr=0.01: (3.58, -1.85) loss 0.000
	// Adam lr=0.2: (-3.79, -3.29) loss 0.002
	// two 200 3d 20
}

// Errors name the file, the line and, inside a [run] section, the run.
func ExampleParse_errors() {
	const text = `surface = bowl
colourmap = viridis
`
	_, err := scene.Parse(strings.NewReader(text), "bowl.scene")
	fmt.Println(err)

	const race = `surface = ols
[run]
optimizer = sgd:lr=0.1
[run]
optimizer = adma:lr=0.1
`
	_, err = scene.Parse(strings.NewReader(race), "race.scene")
	fmt.Println(err)
	// Output:
	// scene: bowl.scene:2: unknown key "colourmap" (did you mean "colormap"?)
	// scene: race.scene:5: run 2: optimizer: optim: unknown optimizer "adma" (did you mean "adam"?)
}

// Write gives the file format back, e.g. to save a scene changed in the
// window; the preset bowl-turntable is the classic matplotlib turntable animation.
func ExampleScene_Write() {
	s, err := scene.Load("bowl-turntable")
	if err != nil {
		log.Fatal(err)
	}
	if err := s.Write(os.Stdout); err != nil {
		log.Fatal(err)
	}
	// Output:
	// # bowl-turntable
	// title = Gradient Descent on Loss Function
	// description = one gradient-descent run down a convex bowl while the camera turns
	// surface = bowl
	// domain = -1, 5, 0, 6
	// mesh = 400
	// colormap = viridis
	// alpha = 0.7
	// camera = 30, 120
	// rotate = -2
	// autorotate = true
	// rate = 5
	// steps = 50
	// labels = X axis, Y axis, Loss
	// view = 3d
	// contour = loss
	//
	// [run]
	// optimizer = gd:lr=0.1
	// start = 0, 0
	// color = red
	// label = Trajectory
}
