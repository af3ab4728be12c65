package game

import (
	"testing"
)

func TestDebugVis(t *testing.T) {
	s := bowlTurntable()
	s.Camera.Elevation, s.Camera.Azimuth = 10, 200
	g, err := New(s, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for range 50 {
		g.step()
	}
	g.prepareFrame(1280, 720, false)
	tr := g.trails[0]
	v := g.view
	for k := 0; k+2 < len(tr.pts); k += 3 {
		x, y, d := v.proj.Project(tr.pts[k], tr.pts[k+1], tr.pts[k+2])
		if x > 760 && x < 800 {
			t.Logf("%d: %v %v d %v map %v vis %v", k/3, x, y, d, v.depth.at(x, y), v.visibility(x, y, d))
		}
	}
}
