package camera_test

import (
	"fmt"

	"descent/camera"

	"github.com/go-gl/mathgl/mgl64"
)

func ExampleFromMatplotlib() {
	// The bowl-turntable scene's view: ax.view_init(elev=30, azim=120).
	c := camera.FromMatplotlib(30, 120)
	c.SetViewport(800, 600)
	sx, sy, _, ok := c.Project(c.Target)
	fmt.Printf("target at (%.0f, %.0f) ok=%v\n", sx, sy, ok)
	// +z points straight up on screen.
	_, zy, _, _ := c.Project(c.Target.Add(mgl64.Vec3{0, 0, 1}))
	fmt.Println("z up on screen:", zy < sy)
	// Output:
	// target at (400, 300) ok=true
	// z up on screen: true
}

func ExampleCamera_Projector() {
	c := camera.New(1280, 720)
	pr := c.Projector() // once per frame, after the camera changed
	sx, sy, depth := pr.Project(0, 0, 0)
	fmt.Printf("(%.0f, %.0f) depth %.2f\n", sx, sy, depth)
	// Output:
	// (640, 360) depth 5.67
}
