package mesh

import (
	"testing"

	"descent/camera"
	"descent/scene/parallel"
	"descent/scene/surface"
)

var bowlDomain = surface.Domain{XMin: -1, XMax: 5, YMin: 0, YMax: 6}

func bowl(x, y float64) float64 { return (x-2)*(x-2) + (y-3)*(y-3) }

func BenchmarkSample400(b *testing.B) {
	s := surf(bowl, bowlDomain)
	for b.Loop() {
		if _, err := Sample(s, bowlDomain, 400); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkProjectOrder400 projects the 400x400 mesh's vertices with the
// camera's Projector (split over the CPUs) and builds the back-to-front
// order, with the camera turning 2 degrees per frame so that the order is
// rebuilt whenever the eye crosses a cell.
func BenchmarkProjectOrder400(b *testing.B) {
	g, err := Sample(surf(bowl, bowlDomain), bowlDomain, 400)
	if err != nil {
		b.Fatal(err)
	}
	m, err := New(g, BoxOf(g), 0)
	if err != nil {
		b.Fatal(err)
	}
	cam := camera.FromMatplotlib(30, 120)
	screen := make([]float32, len(m.Pos))
	var o Order
	for b.Loop() {
		cam.Rotate(-2, 0)
		p := cam.Projector()
		parallel.For(m.N, func(j0, j1 int) {
			p.ProjectSlice(screen[3*j0*m.N:3*j1*m.N], m.Pos[3*j0*m.N:3*j1*m.N])
		})
		eye := cam.Eye()
		o.Build(m.N, ViewpointFromWorld(m.N, false, eye[0], eye[1], 0, 0), g.Holes)
	}
}

// BenchmarkOrderRebuild400 measures a full rebuild of the order.
func BenchmarkOrderRebuild400(b *testing.B) {
	var o Order
	for b.Loop() {
		o.Invalidate()
		o.Build(400, Viewpoint{X: -300, Y: 150.5}, nil)
	}
}
