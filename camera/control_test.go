package camera

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/go-gl/mathgl/mgl64"
)

func boxCorners(min, max mgl64.Vec3) []mgl64.Vec3 {
	var out []mgl64.Vec3
	for i := range 8 {
		p := min
		if i&1 != 0 {
			p[0] = max[0]
		}
		if i&2 != 0 {
			p[1] = max[1]
		}
		if i&4 != 0 {
			p[2] = max[2]
		}
		out = append(out, p)
	}
	return out
}

func TestFitShowsWholeBoxFromAnyAngle(t *testing.T) {
	boxes := []struct {
		name     string
		min, max mgl64.Vec3
	}{
		{"world box", BoxMin, BoxMax},
		{"off centre", mgl64.Vec3{2, 3, -1}, mgl64.Vec3{5, 4, 7}},
		{"flat", mgl64.Vec3{-10, -10, 0}, mgl64.Vec3{10, 10, 0.01}},
		{"swapped corners", mgl64.Vec3{1, 1, 0.8}, mgl64.Vec3{-1, -1, -0.8}},
	}
	viewports := [][2]float64{{1280, 720}, {400, 800}, {500, 500}, {3000, 200}}
	fovs := []float64{35, 10, 90}
	r := rand.New(rand.NewPCG(5, 6))
	for _, b := range boxes {
		for _, vp := range viewports {
			for _, fov := range fovs {
				for _, ortho := range []bool{false, true} {
					name := fmt.Sprintf("%s/%gx%g/fov%g/ortho=%v", b.name, vp[0], vp[1], fov, ortho)
					t.Run(name, func(t *testing.T) {
						c := New(vp[0], vp[1])
						c.FovY = fov
						c.Ortho = ortho
						c.Zoom = 3
						c.Fit(b.min, b.max)
						if c.Zoom != 1 {
							t.Errorf("Fit left Zoom = %v, want 1", c.Zoom)
						}
						if want := b.min.Add(b.max).Mul(0.5); !nearVec(c.Target, want, 1e-12) {
							t.Errorf("Target = %v, want box centre %v", c.Target, want)
						}
						for range 50 {
							c.Elevation = -89 + 178*r.Float64()
							c.Azimuth = 360 * r.Float64()
							for _, p := range boxCorners(b.min, b.max) {
								sx, sy, _, ok := c.Project(p)
								if !ok || sx < 0 || sx > vp[0] || sy < 0 || sy > vp[1] {
									t.Fatalf("elev %.1f azim %.1f: corner %v at (%.1f, %.1f) ok=%v, outside %gx%g",
										c.Elevation, c.Azimuth, p, sx, sy, ok, vp[0], vp[1])
								}
							}
						}
					})
				}
			}
		}
	}
}

func TestFitIsNotTooLoose(t *testing.T) {
	// The fitted box should still fill a fair part of the view: from the
	// default angle its image spans at least half the viewport height.
	c := New(1280, 720)
	minY, maxY := math.Inf(1), math.Inf(-1)
	for _, p := range boxCorners(BoxMin, BoxMax) {
		_, sy, _, _ := c.Project(p)
		minY, maxY = math.Min(minY, sy), math.Max(maxY, sy)
	}
	if span := maxY - minY; span < 0.5*720 {
		t.Errorf("box spans %.0f of 720 pixels, want at least half", span)
	}
}

// targetPlanePoint returns the point of the plane through Target facing
// the camera that lies under pixel (sx, sy).
func targetPlanePoint(c *Camera, sx, sy float64) mgl64.Vec3 {
	o, d := c.Unproject(sx, sy)
	f := c.ViewDir()
	return o.Add(d.Mul(c.Target.Sub(o).Dot(f) / d.Dot(f)))
}

func TestZoomAtKeepsPointUnderCursor(t *testing.T) {
	tests := []struct {
		factor float64
		sx, sy float64
		ortho  bool
	}{
		{0.8, 100, 600, false},
		{0.8, 100, 600, true},
		{1.25, 1200, 50, false},
		{1.25, 1200, 50, true},
		{0.5, 640, 360, false},
		{1e-6, 900, 200, false}, // clamped at the minimum distance
		{1e-6, 900, 200, true},
		{1e6, 30, 700, false}, // clamped at the maximum distance
	}
	for _, tc := range tests {
		t.Run(fmt.Sprintf("f%g_at_%g_%g_ortho=%v", tc.factor, tc.sx, tc.sy, tc.ortho), func(t *testing.T) {
			c := FromMatplotlib(40, 75)
			c.Ortho = tc.ortho
			p := targetPlanePoint(c, tc.sx, tc.sy)
			before := c.Distance
			c.ZoomAt(tc.factor, tc.sx, tc.sy)
			sx, sy, _, ok := c.Project(p)
			if !ok || math.Hypot(sx-tc.sx, sy-tc.sy) > 1 {
				t.Errorf("point under cursor moved to (%.3f, %.3f) ok=%v, want (%g, %g)", sx, sy, ok, tc.sx, tc.sy)
			}
			if tc.factor < 1 && !(c.Distance < before) || tc.factor > 1 && !(c.Distance > before) {
				t.Errorf("Distance %v -> %v for factor %v", before, c.Distance, tc.factor)
			}
			// The cursor point stays on the (new) target plane.
			if d := p.Sub(c.Target).Dot(c.ViewDir()); math.Abs(d) > 1e-9 {
				t.Errorf("cursor point is %g off the new target plane", d)
			}
		})
	}
}

func TestDollyClamps(t *testing.T) {
	c := New(800, 600)
	d0 := c.Distance
	c.Dolly(0.5)
	if !near(c.Distance, d0/2, 1e-12) {
		t.Errorf("Dolly(0.5): Distance = %v, want %v", c.Distance, d0/2)
	}
	c.Dolly(1e-9)
	lo := c.Distance
	c.Dolly(1e30)
	hi := c.Distance
	if !(lo > 0 && lo < d0/2 && hi > d0 && !math.IsInf(hi, 0)) {
		t.Errorf("clamped range [%v, %v] around fitted distance %v", lo, hi, d0)
	}
	for _, bad := range []float64{0, -2, math.NaN(), math.Inf(1)} {
		c.Dolly(bad)
		if c.Distance != hi {
			t.Errorf("Dolly(%v) changed Distance to %v", bad, c.Distance)
		}
	}
}

func TestPanMovesTargetPlanePointByPixels(t *testing.T) {
	tests := []struct {
		dx, dy float64
		ortho  bool
	}{
		{10, 0, false},
		{0, -25, false},
		{-37.5, 12, false},
		{10, 0, true},
		{-37.5, 12, true},
		{300, 200, false},
	}
	for _, tc := range tests {
		t.Run(fmt.Sprintf("%g_%g_ortho=%v", tc.dx, tc.dy, tc.ortho), func(t *testing.T) {
			c := FromMatplotlib(25, 140)
			c.Ortho = tc.ortho
			points := []mgl64.Vec3{c.Target, targetPlanePoint(c, 200, 100), targetPlanePoint(c, 1000, 650)}
			var before [][2]float64
			for _, p := range points {
				sx, sy, _, _ := c.Project(p)
				before = append(before, [2]float64{sx, sy})
			}
			c.Pan(tc.dx, tc.dy)
			for i, p := range points {
				sx, sy, _, ok := c.Project(p)
				want := [2]float64{before[i][0] + tc.dx, before[i][1] + tc.dy}
				if !ok || !near(sx, want[0], 1e-6) || !near(sy, want[1], 1e-6) {
					t.Errorf("point %d at (%.4f, %.4f), want (%.4f, %.4f)", i, sx, sy, want[0], want[1])
				}
			}
		})
	}
}

func TestRotate(t *testing.T) {
	tests := []struct {
		elev, azim   float64
		dAzim, dElev float64
		wantElev     float64
		wantAzim     float64
	}{
		{30, -60, 10, 5, 35, -50},
		{80, 0, 0, 20, 89, 0},
		{-80, 0, 0, -30, -89, 0},
		{89, 0, 0, 1000, 89, 0},
		{0, 170, 20, 0, 0, -170},
		{0, -170, -20, 0, 0, 170},
		{0, 0, 725, 0, 0, 5},
		{10, 30, math.NaN(), math.NaN(), DefaultElevation, DefaultAzimuth},
	}
	for _, tc := range tests {
		t.Run(fmt.Sprintf("%g_%g_by_%g_%g", tc.elev, tc.azim, tc.dAzim, tc.dElev), func(t *testing.T) {
			c := New(640, 480)
			c.Elevation, c.Azimuth = tc.elev, tc.azim
			c.Rotate(tc.dAzim, tc.dElev)
			if !near(c.Elevation, tc.wantElev, 1e-12) || !near(c.Azimuth, tc.wantAzim, 1e-9) {
				t.Errorf("got elev %v azim %v, want %v %v", c.Elevation, c.Azimuth, tc.wantElev, tc.wantAzim)
			}
			if c.Azimuth < -180 || c.Azimuth >= 180 {
				t.Errorf("Azimuth %v outside [-180, 180)", c.Azimuth)
			}
		})
	}
}

func hasNaN(v ...float64) bool {
	for _, x := range v {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return true
		}
	}
	return false
}

func TestNoNaNForExtremeInputs(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	tests := []struct {
		name string
		edit func(c *Camera)
	}{
		{"elev 90", func(c *Camera) { c.Elevation = 90 }},
		{"elev -90", func(c *Camera) { c.Elevation = -90 }},
		{"elev NaN", func(c *Camera) { c.Elevation = nan }},
		{"azim Inf", func(c *Camera) { c.Azimuth = inf }},
		{"zero viewport", func(c *Camera) { c.SetViewport(0, 0) }},
		{"negative viewport", func(c *Camera) { c.SetViewport(-5, 10) }},
		{"NaN viewport", func(c *Camera) { c.SetViewport(nan, inf) }},
		{"zero distance", func(c *Camera) { c.Distance = 0 }},
		{"negative distance", func(c *Camera) { c.Distance = -3 }},
		{"infinite distance", func(c *Camera) { c.Distance = inf }},
		{"fov 0", func(c *Camera) { c.FovY = 0 }},
		{"fov 180", func(c *Camera) { c.FovY = 180 }},
		{"fov NaN", func(c *Camera) { c.FovY = nan }},
		{"zoom 0", func(c *Camera) { c.Zoom = 0 }},
		{"zoom NaN", func(c *Camera) { c.Zoom = nan }},
		{"target NaN", func(c *Camera) { c.Target = mgl64.Vec3{nan, 0, 0} }},
		{"zero value camera", func(c *Camera) { *c = Camera{} }},
		{"fit empty box", func(c *Camera) { c.Fit(mgl64.Vec3{1, 1, 1}, mgl64.Vec3{1, 1, 1}) }},
		{"fit NaN box", func(c *Camera) { c.Fit(mgl64.Vec3{nan, 0, 0}, mgl64.Vec3{1, 1, 1}) }},
		{"everything at once", func(c *Camera) {
			*c = Camera{Elevation: 90, Azimuth: nan, Distance: 0, FovY: 0, Zoom: -1}
			c.SetViewport(0, 0)
			c.Pan(5, 5)
			c.ZoomAt(0.5, 10, 10)
			c.Rotate(inf, inf)
			c.Dolly(0.1)
		}},
	}
	for _, tc := range tests {
		for _, ortho := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/ortho=%v", tc.name, ortho), func(t *testing.T) {
				c := New(800, 600)
				c.Ortho = ortho
				tc.edit(c)
				c.Ortho = ortho
				for i, m := range []mgl64.Mat4{c.View(), c.Proj()} {
					if hasNaN(m[:]...) {
						t.Errorf("matrix %d has NaN/Inf: %v", i, m)
					}
				}
				for _, v := range c.ViewProj() {
					if hasNaN(float64(v)) {
						t.Fatalf("ViewProj has NaN/Inf: %v", c.ViewProj())
					}
				}
				e, d := c.Eye(), c.ViewDir()
				sx, sy, depth, _ := c.Project(mgl64.Vec3{0.5, 0.5, 0.5})
				o, dir := c.Unproject(3, 4)
				if hasNaN(e[0], e[1], e[2], d[0], d[1], d[2], sx, sy, depth, o[0], o[1], o[2], dir[0], dir[1], dir[2], c.PixelSize()) {
					t.Errorf("NaN/Inf: eye %v dir %v project (%v %v %v) ray %v %v", e, d, sx, sy, depth, o, dir)
				}
				px, py, pd := c.Projector().Project(0.5, 0.5, 0.5)
				if hasNaN(float64(px), float64(py), float64(pd)) {
					t.Errorf("Projector gives (%v, %v, %v)", px, py, pd)
				}
				// Controls keep the camera finite too.
				c.ZoomAt(0.7, 1, 1)
				c.Pan(3, -3)
				c.Rotate(10, 10)
				if hasNaN(c.Target[0], c.Target[1], c.Target[2], c.Distance, c.Elevation, c.Azimuth) {
					t.Errorf("controls produced NaN: %+v", *c)
				}
			})
		}
	}
}
