package camera

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/go-gl/mathgl/mgl32"
	"github.com/go-gl/mathgl/mgl64"
)

// matplotlibEyeDir is the unit vector from the axes centre to the eye in
// matplotlib's mplot3d (axes3d.py, get_proj): (cos(elev)cos(azim),
// cos(elev)sin(azim), sin(elev)).
func matplotlibEyeDir(elev, azim float64) mgl64.Vec3 {
	e, a := elev*math.Pi/180, azim*math.Pi/180
	return mgl64.Vec3{math.Cos(e) * math.Cos(a), math.Cos(e) * math.Sin(a), math.Sin(e)}
}

// matplotlibScreenAxes returns matplotlib's view axes (proj3d._view_axes
// with roll 0 and z vertical): u points to the screen's right, v to its
// top, both in world coordinates.
func matplotlibScreenAxes(elev, azim float64) (u, v mgl64.Vec3) {
	w := matplotlibEyeDir(elev, azim)
	u = mgl64.Vec3{0, 0, 1}.Cross(w).Normalize()
	v = w.Cross(u)
	return u, v
}

func near(a, b, tol float64) bool { return math.Abs(a-b) <= tol }

func nearVec(a, b mgl64.Vec3, tol float64) bool {
	return a.Sub(b).Len() <= tol
}

func TestViewDirMatchesMatplotlib(t *testing.T) {
	tests := []struct {
		elev, azim float64
		wantElev   float64 // elevation after clamping
	}{
		{30, -60, 30},
		{0, 0, 0},
		{0, 90, 0},
		{45, 45, 45},
		{60, 35, 60},
		{30, 120, 30},
		{-30, 200, -30},
		{10, -400, 10},
		{20, 405, 20},
		{-45, -725.5, -45},
		{89, 1080, 89},
		{-89, -1, -89},
		{90, -90, 89},
		{-90, 90, -89},
		{12.5, 359.999, 12.5},
	}
	for _, tc := range tests {
		t.Run(fmt.Sprintf("elev%g_azim%g", tc.elev, tc.azim), func(t *testing.T) {
			c := New(800, 600)
			c.Elevation, c.Azimuth = tc.elev, tc.azim
			want := matplotlibEyeDir(tc.wantElev, tc.azim).Mul(-1)
			if got := c.ViewDir(); !nearVec(got, want, 1e-12) {
				t.Errorf("ViewDir = %v, want %v", got, want)
			}
			if got := c.ViewDir().Len(); !near(got, 1, 1e-12) {
				t.Errorf("|ViewDir| = %v, want 1", got)
			}
			wantEye := c.Target.Sub(want.Mul(c.Distance))
			if got := c.Eye(); !nearVec(got, wantEye, 1e-12) {
				t.Errorf("Eye = %v, want %v", got, wantEye)
			}
			m := FromMatplotlib(tc.elev, tc.azim)
			if got := m.ViewDir(); !nearVec(got, want, 1e-12) {
				t.Errorf("FromMatplotlib ViewDir = %v, want %v", got, want)
			}
		})
	}
}

func TestFromMatplotlibBeyondVertical(t *testing.T) {
	// matplotlib accepts any elevation; past +-90 it shows the scene from
	// the same eye position upside down. The camera keeps the eye
	// direction and shows it the right way up.
	tests := []struct{ elev, azim float64 }{
		{120, 30}, {-120, -60}, {150, 200}, {-170, 10}, {390, 45}, {-330, 45}, {240, 0},
	}
	for _, tc := range tests {
		t.Run(fmt.Sprintf("elev%g_azim%g", tc.elev, tc.azim), func(t *testing.T) {
			c := FromMatplotlib(tc.elev, tc.azim)
			want := matplotlibEyeDir(tc.elev, tc.azim).Mul(-1)
			if got := c.ViewDir(); !nearVec(got, want, 1e-12) {
				t.Errorf("ViewDir = %v, want %v (camera elev %v azim %v)", got, want, c.Elevation, c.Azimuth)
			}
			if c.Elevation < -90 || c.Elevation > 90 {
				t.Errorf("Elevation = %v, want within [-90, 90]", c.Elevation)
			}
		})
	}
}

func TestScreenOrientationMatchesMatplotlib(t *testing.T) {
	// Default view (elev 30, azim -60): +x runs to the lower right, +y to
	// the upper right, +z straight up, as in matplotlib's default figure.
	c := New(1000, 1000)
	c.Ortho = true
	ox, oy, _, _ := c.Project(mgl64.Vec3{})
	screen := func(p mgl64.Vec3) (float64, float64) {
		sx, sy, _, ok := c.Project(p)
		if !ok {
			t.Fatalf("Project(%v) not ok", p)
		}
		return sx - ox, oy - sy // y up for the checks below
	}
	xx, xy := screen(mgl64.Vec3{1, 0, 0})
	yx, yy := screen(mgl64.Vec3{0, 1, 0})
	zx, zy := screen(mgl64.Vec3{0, 0, 1})
	if !(xx > 0 && xy < 0) {
		t.Errorf("+x goes to (%.3g, %.3g) (y up), want right and down", xx, xy)
	}
	if !(yx > 0 && yy > 0) {
		t.Errorf("+y goes to (%.3g, %.3g) (y up), want right and up", yx, yy)
	}
	if !(near(zx, 0, 1e-9) && zy > 0) {
		t.Errorf("+z goes to (%.3g, %.3g) (y up), want straight up", zx, zy)
	}
	// Not a mirror image: x then y turns counter-clockwise on screen.
	if cross := xx*yy - xy*yx; cross <= 0 {
		t.Errorf("x, y screen images have cross product %v, want > 0 (mirrored)", cross)
	}

	// For many views, in orthographic mode a world offset a from Target
	// must land at (a.u, a.v) on screen (y up), up to one common scale,
	// where u, v are matplotlib's own view axes.
	views := []struct{ elev, azim float64 }{
		{30, -60}, {60, 35}, {30, 120}, {0, 0}, {-40, 250}, {75, -400}, {10, 720},
	}
	for _, v := range views {
		c := FromMatplotlib(v.elev, v.azim)
		c.Ortho = true
		c.Target = mgl64.Vec3{0.3, -0.2, 0.1}
		u, w := matplotlibScreenAxes(v.elev, v.azim)
		cx, cy, _, _ := c.Project(c.Target)
		scale := 1 / c.PixelSize()
		for _, a := range []mgl64.Vec3{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {0.3, -0.7, 0.2}} {
			sx, sy, _, _ := c.Project(c.Target.Add(a))
			gx, gy := (sx-cx)/scale, (cy-sy)/scale
			if !near(gx, a.Dot(u), 1e-9) || !near(gy, a.Dot(w), 1e-9) {
				t.Errorf("elev %v azim %v: %v goes to (%.6f, %.6f), matplotlib (%.6f, %.6f)",
					v.elev, v.azim, a, gx, gy, a.Dot(u), a.Dot(w))
			}
		}
	}
}

// randomCamera returns a camera with a random view, viewport, zoom and
// projection.
func randomCamera(r *rand.Rand, ortho bool) *Camera {
	c := New(200+1800*r.Float64(), 200+1000*r.Float64())
	c.Elevation = -89 + 178*r.Float64()
	c.Azimuth = -720 + 1440*r.Float64()
	c.FovY = 10 + 80*r.Float64()
	c.Zoom = 0.5 + 2*r.Float64()
	c.Distance *= 0.5 + 2*r.Float64()
	c.Target = mgl64.Vec3{r.Float64() - 0.5, r.Float64() - 0.5, r.Float64() - 0.5}
	c.Ortho = ortho
	if r.IntN(2) == 0 {
		c.Shift = [2]float64{(r.Float64() - 0.5) * c.Width / 2, (r.Float64() - 0.5) * c.Height / 2}
	}
	return c
}

// TestShiftMovesThePicture: a shift moves every point's pixel by the shift
// and nothing else, and orbiting turns the scene about the shifted centre.
func TestShiftMovesThePicture(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for _, ortho := range []bool{false, true} {
		c := randomCamera(r, ortho)
		c.Shift = [2]float64{}
		shifted := *c
		shifted.Shift = [2]float64{-175, 12}
		for range 50 {
			p := randomPoint(r, 1)
			x, y, d, ok := c.Project(p)
			sx, sy, sd, sok := shifted.Project(p)
			if ok != sok || (ok && (!near(sx-x, -175, 1e-9) || !near(sy-y, 12, 1e-9) || d != sd)) {
				t.Fatalf("ortho=%v: shift moved %v from (%v, %v) to (%v, %v)", ortho, p, x, y, sx, sy)
			}
		}
		for _, az := range []float64{0, 90, 200} {
			shifted.Azimuth = az
			x, y, _, _ := shifted.Project(shifted.Target)
			if !near(x, shifted.Width/2-175, 1e-9) || !near(y, shifted.Height/2+12, 1e-9) {
				t.Errorf("ortho=%v az %v: the target shows at (%v, %v), want the shifted centre", ortho, az, x, y)
			}
		}
	}
}

func randomPoint(r *rand.Rand, size float64) mgl64.Vec3 {
	return mgl64.Vec3{size * (2*r.Float64() - 1), size * (2*r.Float64() - 1), size * (2*r.Float64() - 1)}
}

// distanceToRay is the distance from p to the line origin + t*dir.
func distanceToRay(p, origin, dir mgl64.Vec3) float64 {
	d := p.Sub(origin)
	return d.Sub(dir.Mul(d.Dot(dir))).Len()
}

func TestProjectUnprojectRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, ortho := range []bool{false, true} {
		checked := 0
		for range 500 {
			c := randomCamera(r, ortho)
			p := randomPoint(r, 2)
			sx, sy, depth, ok := c.Project(p)
			if !ok {
				continue
			}
			checked++
			origin, dir := c.Unproject(sx, sy)
			if !near(dir.Len(), 1, 1e-12) {
				t.Fatalf("ortho=%v: |dir| = %v, want 1", ortho, dir.Len())
			}
			if d := distanceToRay(p, origin, dir); d > 1e-9 {
				t.Fatalf("ortho=%v cam %+v: point %v is %g from its pick ray", ortho, *c, p, d)
			}
			// depth is the distance along the view direction from the eye.
			if want := p.Sub(c.Eye()).Dot(c.ViewDir()); !near(depth, want, 1e-9) {
				t.Fatalf("depth = %v, want %v", depth, want)
			}
			// A point further along the ray projects to the same pixel.
			q := origin.Add(dir.Mul(depth * (1.5 + r.Float64())))
			qx, qy, _, ok := c.Project(q)
			if !ok || !near(qx, sx, 1e-6) || !near(qy, sy, 1e-6) {
				t.Fatalf("ortho=%v: point on the ray projects to (%v, %v) ok=%v, want (%v, %v)", ortho, qx, qy, ok, sx, sy)
			}
		}
		if checked < 400 {
			t.Errorf("ortho=%v: only %d of 500 points were in front of the camera", ortho, checked)
		}
	}
}

func TestProjectBehindEye(t *testing.T) {
	c := New(800, 600)
	behind := c.Eye().Sub(c.ViewDir())
	if _, _, depth, ok := c.Project(behind); ok || depth >= 0 {
		t.Errorf("perspective Project(behind eye) = depth %v ok %v, want negative depth and not ok", depth, ok)
	}
	c.Ortho = true
	if _, _, depth, ok := c.Project(behind); !ok || depth >= 0 {
		t.Errorf("ortho Project(behind eye) = depth %v ok %v, want negative depth and ok", depth, ok)
	}
}

func TestMatricesAgreeWithProject(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for _, ortho := range []bool{false, true} {
		for range 200 {
			c := randomCamera(r, ortho)
			p := randomPoint(r, 1)
			sx, sy, depth, ok := c.Project(p)
			if !ok {
				continue
			}
			w, h := c.Width, c.Height
			// float64 matrices.
			clip := c.Proj().Mul4(c.View()).Mul4x1(p.Vec4(1))
			mx := (clip[0]/clip[3] + 1) / 2 * w
			my := (1 - clip[1]/clip[3]) / 2 * h
			if !near(mx, sx, 1e-6) || !near(my, sy, 1e-6) {
				t.Fatalf("ortho=%v: matrices give (%v, %v), Project (%v, %v)", ortho, mx, my, sx, sy)
			}
			// The eye-space z is minus the depth.
			if ez := c.View().Mul4x1(p.Vec4(1))[2]; !near(-ez, depth, 1e-9) {
				t.Fatalf("view z = %v, want %v", ez, -depth)
			}
			// NDC z of points between near and far lies in [-1, 1].
			if nz := clip[2] / clip[3]; nz < -1-1e-9 || nz > 1+1e-9 {
				t.Fatalf("ortho=%v: NDC z = %v out of [-1, 1]", ortho, nz)
			}
			// float32 ViewProj.
			c32 := c.ViewProj().Mul4x1(mgl32.Vec4{float32(p[0]), float32(p[1]), float32(p[2]), 1})
			fx := (float64(c32[0]/c32[3]) + 1) / 2 * w
			fy := (1 - float64(c32[1]/c32[3])) / 2 * h
			if !near(fx, sx, 0.05) || !near(fy, sy, 0.05) {
				t.Fatalf("ortho=%v: ViewProj gives (%v, %v), Project (%v, %v)", ortho, fx, fy, sx, sy)
			}
		}
	}
}
