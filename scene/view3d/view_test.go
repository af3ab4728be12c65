package view3d

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/go-gl/mathgl/mgl64"

	"descent/camera"
	"descent/scene/mesh"
	"descent/scene/plot"
	"descent/scene/run"
	"descent/scene/surface"
)

// style is the look the tests prepare frames with (no fonts: rough widths).
func style() plot.Style { return plot.Style{Theme: plot.Light(), Scale: 1, LineW: 1} }

// hillView builds a view of a tall Gaussian hill in the middle of
// [-1, 1]^2, opaque, seen from the -x side at a low elevation.
func hillView(t *testing.T) (*View, *camera.Camera) {
	t.Helper()
	surf := &surface.Surface{
		Name: "hill", Title: "hill", Dim: 2,
		Domain: surface.Domain{XMin: -1, XMax: 1, YMin: -1, YMax: 1},
		Eval:   func(x, y float64) float64 { return math.Exp(-8 * (x*x + y*y)) },
	}
	surf.Gradient = func(x, y float64) (float64, float64, float64) {
		f := surf.Eval(x, y)
		return f, -16 * x * f, -16 * y * f
	}
	v, err := New(surf, Config{Mesh: 120, Preview: 60, Alpha: 1})
	if err != nil {
		t.Fatal(err)
	}
	cam := camera.FromMatplotlib(10, 180) // eye on the -x side
	cam.SetViewport(1280, 720)
	lo, hi := mesh.WorldCorners()
	cam.Fit(mgl64.Vec3(lo), mgl64.Vec3(hi))
	return v, cam
}

// trailTriangles counts the triangles of every run's trail batch.
func trailTriangles(v *View) int {
	n := 0
	for _, l := range v.trailLines {
		n += l.Len()
	}
	return n
}

// trailOf returns a trail holding the given points (x, y).
func trailOf(surf *surface.Surface, pts ...[2]float64) *run.Trail {
	tr := run.NewTrail(len(pts) + 2)
	for i, p := range pts {
		tr.Push(run.Sample{Step: i, X: p[0], Y: p[1], Loss: surf.Eval(p[0], p[1])})
	}
	return tr
}

func TestHillHidesTrailBehindIt(t *testing.T) {
	v, cam := hillView(t)
	red := plot.Light().Grey
	behindRun := Run{Trail: trailOf(v.surf, [2]float64{0.7, -0.05}, [2]float64{0.75, 0.05}), Color: red}
	frontRun := Run{Trail: trailOf(v.surf, [2]float64{-0.75, -0.05}, [2]float64{-0.7, 0.05}), Color: red}
	behind := v.buildTrail(trail{}, behindRun.Trail, red, false)
	front := v.buildTrail(trail{}, frontRun.Trail, red, false)
	v.Prepare(Frame{Camera: cam, Style: style()})
	without := trailTriangles(v)
	v.Prepare(Frame{Camera: cam, Runs: []Run{behindRun, frontRun}, Style: style()})
	check := func(name string, tr trail, want float32) {
		x, y, d := v.proj.Project(tr.current[0], tr.current[1], tr.current[2])
		if got := v.visibility(x, y, d, tr.current[:], tr.currentN[:]); got != want {
			t.Errorf("%s: visibility %v, want %v (depth %v, surface %v)", name, got, want, d, v.depth.at(x, y))
		}
	}
	check("behind the hill", behind, 0)
	check("in front of the hill", front, 1)
	// The hidden trail adds nothing to an opaque surface's picture; the
	// visible one adds its line and two markers of two discs each.
	v.Prepare(Frame{Camera: cam, Runs: []Run{behindRun}, Style: style()})
	if got := trailTriangles(v) - without; got != 0 {
		t.Errorf("hidden trail added %d triangles", got)
	}
	v.Prepare(Frame{Camera: cam, Runs: []Run{frontRun}, Style: style()})
	if got := trailTriangles(v) - without; got < 2*5 {
		t.Errorf("visible trail added %d triangles, want at least 10", got)
	}
}

func TestTrailClippedToDomain(t *testing.T) {
	v, _ := hillView(t)
	// In, out through the right side, back in, and out for good.
	tr := v.buildTrail(trail{}, trailOf(v.surf,
		[2]float64{0, 0}, [2]float64{0.5, 0}, [2]float64{3, 0}, [2]float64{0.2, 0.2}, [2]float64{0, 5}), plot.Light().Grey, false)
	if !tr.ok || !tr.hasStart || tr.hasCurrent {
		t.Fatalf("ok %v start %v current %v", tr.ok, tr.hasStart, tr.hasCurrent)
	}
	gaps := 0
	for k := 0; k < len(tr.pts); k += 3 {
		x, y := tr.pts[k], tr.pts[k+1]
		if math.IsNaN(float64(x)) {
			gaps++
			continue
		}
		if x < -1.0001 || x > 1.0001 || y < -1.0001 || y > 1.0001 {
			t.Fatalf("point %v, %v outside the world box", x, y)
		}
	}
	if gaps != 2 {
		t.Errorf("%d gaps, want 2 (leaving twice)", gaps)
	}
	if len(tr.normals) != len(tr.pts) {
		t.Errorf("%d normals for %d points", len(tr.normals)/3, len(tr.pts)/3)
	}
}

func TestPrepareProjectsAndOrders(t *testing.T) {
	v, cam := hillView(t)
	for _, preview := range []bool{false, true} {
		v.Prepare(Frame{Camera: cam, Preview: preview, Style: style()})
		l := v.lvl
		n := l.m.N
		if want := 2 * (n - 1) * (n - 1); v.triangles != want || len(l.order.Indices) != 3*want {
			t.Fatalf("preview %v: %d triangles, want %d", preview, v.triangles, want)
		}
		for _, k := range []int{0, n - 1, n * n / 2, n*n - 1} {
			p := l.m.Pos[3*k : 3*k+3]
			sx, sy, _, ok := cam.Project(mgl64.Vec3{float64(p[0]), float64(p[1]), float64(p[2])})
			if !ok || math.Abs(sx-float64(l.verts[k].DstX)) > 0.01 || math.Abs(sy-float64(l.verts[k].DstY)) > 0.01 {
				t.Errorf("vertex %d at %v, %v; camera says %v, %v", k, l.verts[k].DstX, l.verts[k].DstY, sx, sy)
			}
		}
	}
	if v.back.Len() == 0 {
		t.Error("no axis box drawn")
	}
}

func TestAxisLabelsStayReadable(t *testing.T) {
	v, cam := hillView(t)
	v.names = [3]string{"X axis", "Y axis", "Loss"}
	measure := func(s string, size float64) (float64, float64) {
		return 0.6 * math.Abs(size) * float64(len(s)), math.Abs(size) * 1.2
	}
	for az := -180.0; az < 180; az += 15 {
		for _, el := range []float64{-30, 10, 30, 60, 85} {
			cam.Azimuth, cam.Elevation = az, el
			st := style()
			st.Measure = measure
			v.Prepare(Frame{Camera: cam, Style: st})
			titles := 0
			for i, a := range v.Texts() {
				if a.S == "X axis" || a.S == "Y axis" || a.S == "Loss" {
					titles++
				}
				if a.X < -50 || a.X > 1330 || a.Y < -50 || a.Y > 770 {
					t.Errorf("az %v el %v: %q placed off screen at %v, %v", az, el, a.S, a.X, a.Y)
				}
				for _, b := range v.texts[i+1:] {
					if a.Box().Inset(0.5, 0.5, 0.5, 0.5).Overlaps(b.Box().Inset(0.5, 0.5, 0.5, 0.5)) {
						t.Errorf("az %v el %v: %q and %q overlap", az, el, a.S, b.S)
					}
				}
			}
			if titles != 3 {
				t.Errorf("az %v el %v: %d axis titles", az, el, titles)
			}
		}
	}
}

// TestPickFromRandomViews projects points of the surface and picks them
// back from 20 random views: the picked point projects to the clicked
// pixel, and where nothing hides the point it is the point itself (within
// a pixel's worth of the domain).
func TestPickFromRandomViews(t *testing.T) {
	for _, name := range []string{"bowl", "himmelblau"} {
		surf, err := surface.Lookup(name)
		if err != nil {
			t.Fatal(err)
		}
		v, err := New(surf, Config{Mesh: 40, Alpha: 0.7})
		if err != nil {
			t.Fatal(err)
		}
		rng := rand.New(rand.NewPCG(1, uint64(len(name))))
		d := v.box.Domain
		world := func(x, y float64) mgl64.Vec3 {
			wx, wy, _ := v.box.World(x, y, 0)
			return mgl64.Vec3{wx, wy, v.full.m.Height(x, y)}
		}
		checked, same := 0, 0
		for k := range 20 {
			cam := camera.FromMatplotlib(10+rng.Float64()*75, rng.Float64()*360)
			cam.SetViewport(1280, 720)
			lo, hi := mesh.WorldCorners()
			cam.Fit(mgl64.Vec3(lo), mgl64.Vec3(hi))
			cam.Ortho = k%4 == 3
			for range 10 {
				x := d.XMin + (0.05+0.9*rng.Float64())*(d.XMax-d.XMin)
				y := d.YMin + (0.05+0.9*rng.Float64())*(d.YMax-d.YMin)
				sx, sy, depth, ok := cam.Project(world(x, y))
				if !ok {
					continue
				}
				// Only points whose top side faces the camera (a ray that
				// grazes the underside is a matter of luck).
				e := 1e-3 * (d.XMax - d.XMin)
				tx := world(x+e, y).Sub(world(x-e, y))
				ty := world(x, y+e).Sub(world(x, y-e))
				n := tx.Cross(ty).Normalize()
				if n.Dot(cam.ViewDir()) > -0.05 {
					continue
				}
				px, py, ok := v.Pick(cam, sx, sy)
				if !ok {
					o, dir := cam.Unproject(sx, sy)
					t.Errorf("%s view %d: no pick at the image of (%g, %g) = %v depth %v; ray %v %v ortho %v", name, k, x, y, world(x, y), depth, o, dir, cam.Ortho)
					continue
				}
				checked++
				qx, qy, qd, _ := cam.Project(world(px, py))
				if math.Hypot(qx-sx, qy-sy) > 1 {
					t.Errorf("%s view %d: picked (%g, %g) projects %.2f px away from the click", name, k, px, py, math.Hypot(qx-sx, qy-sy))
				}
				if qd > depth+1e-3 {
					t.Errorf("%s view %d: picked a point behind the clicked one", name, k)
				}
				if qd < depth-1e-2 {
					continue // a hill hides the point: the visible one is right
				}
				// A pixel's worth of the domain at this point.
				h := 1e-4 * (d.XMax - d.XMin)
				ax, ay, _, _ := cam.Project(world(x+h, y))
				bx, by, _, _ := cam.Project(world(x, y+h))
				perPixel := h / math.Max(1e-12, math.Min(math.Hypot(ax-sx, ay-sy), math.Hypot(bx-sx, by-sy)))
				if e := math.Hypot(px-x, py-y); e > perPixel {
					t.Errorf("%s view %d: picked (%g, %g) for (%g, %g): off by %g, a pixel is %g", name, k, px, py, x, y, e, perPixel)
				}
				same++
			}
		}
		if checked < 60 || same < checked/2 {
			t.Errorf("%s: checked %d picks, %d visible", name, checked, same)
		}
	}
}
