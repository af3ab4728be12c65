package basins_test

import (
	"context"
	"fmt"

	"descent/optim"
	"descent/scene/basins"
	"descent/scene/surface"
)

// A coarse map first, then a finer one, as the window's basins view draws
// them; each cell's colour comes from the shared palette.
func ExampleCompute() {
	surf, _ := surface.Lookup("himmelblau")
	spec, _ := optim.ParseSpec("adam:lr=0.05")
	p := basins.Problem{Surface: surf, Spec: spec, Steps: 300}
	for _, n := range []int{20, 100} {
		m, err := basins.Compute(context.Background(), p, n, basins.Options{})
		if err != nil {
			fmt.Println(err)
			return
		}
		sh := m.Shares()
		fmt.Printf("%dx%d: %.2f %.2f %.2f %.2f, colour of cell 0 %v\n", n, n, sh.Minima[0], sh.Minima[1], sh.Minima[2], sh.Minima[3], m.CellColor(0))
	}
	// Output:
	// 20x20: 0.27 0.27 0.24 0.22, colour of cell 0 {41 150 41 255}
	// 100x100: 0.27 0.27 0.24 0.22, colour of cell 0 {41 148 41 255}
}

// Particles of one spec stepped one step at a time, as the window's swarms
// move: points to draw, and the share of particles at each minimum.
func ExampleSwarm() {
	surf, _ := surface.Lookup("himmelblau")
	spec, _ := optim.ParseSpec("momentum:lr=0.002")
	xs := []float64{0, -1, -1, 1}
	ys := []float64{0, 1, -1, -1}
	s, err := basins.NewSwarm(basins.Problem{Surface: surf, Spec: spec}, xs, ys)
	if err != nil {
		fmt.Println(err)
		return
	}
	for range 200 {
		s.Step()
	}
	px, py := s.Points()
	for i := range s.Len() {
		fmt.Printf("particle %d at (%.3f, %.3f): minimum %d since step %d\n", i, px[i], py[i], s.Outcome(i), s.StepsTo(i))
	}
	fmt.Printf("shares %.2f\n", s.Shares().Minima)
	// Output:
	// particle 0 at (3.000, 2.000): minimum 0 since step 65
	// particle 1 at (-2.805, 3.131): minimum 1 since step 57
	// particle 2 at (-3.779, -3.283): minimum 2 since step 59
	// particle 3 at (3.584, -1.848): minimum 3 since step 52
	// shares [0.25 0.25 0.25 0.25]
}
