package camera

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/go-gl/mathgl/mgl32"
	"github.com/go-gl/mathgl/mgl64"
)

func TestProjectorMatchesProject(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	for _, ortho := range []bool{false, true} {
		for range 200 {
			c := randomCamera(r, ortho)
			pr := c.Projector()
			src := make([]float32, 0, 3*20)
			var want [][3]float64
			for range 20 {
				p := randomPoint(r, 1)
				sx, sy, depth, ok := c.Project(p)
				if !ok {
					continue
				}
				src = append(src, float32(p[0]), float32(p[1]), float32(p[2]))
				want = append(want, [3]float64{sx, sy, depth})
			}
			dst := make([]float32, len(src))
			if n := pr.ProjectSlice(dst, src); n != len(want) {
				t.Fatalf("ProjectSlice handled %d points, want %d", n, len(want))
			}
			for i, w := range want {
				x, y, z := src[3*i], src[3*i+1], src[3*i+2]
				sx, sy, depth := pr.Project(x, y, z)
				// float32 input rounding moves a point by ~1e-7, so allow
				// a few hundredths of a pixel.
				if math.Abs(float64(sx)-w[0]) > 0.02 || math.Abs(float64(sy)-w[1]) > 0.02 || math.Abs(float64(depth)-w[2]) > 1e-4 {
					t.Fatalf("ortho=%v: Projector gives (%v, %v, %v), Project %v", ortho, sx, sy, depth, w)
				}
				if dst[3*i] != sx || dst[3*i+1] != sy || dst[3*i+2] != depth {
					t.Fatalf("ProjectSlice gives %v, Project (%v, %v, %v)", dst[3*i:3*i+3], sx, sy, depth)
				}
			}
		}
	}
}

func TestProjectSliceInPlaceAndShort(t *testing.T) {
	c := New(640, 480)
	pr := c.Projector()
	buf := []float32{0, 0, 0, 1, -1, 0.5, 9}
	want0x, want0y, want0d := pr.Project(0, 0, 0)
	want1x, want1y, want1d := pr.Project(1, -1, 0.5)
	if n := pr.ProjectSlice(buf, buf); n != 2 {
		t.Fatalf("ProjectSlice returned %d, want 2", n)
	}
	want := []float32{want0x, want0y, want0d, want1x, want1y, want1d, 9}
	for i := range want {
		if buf[i] != want[i] {
			t.Fatalf("in place: got %v, want %v", buf, want)
		}
	}
	if n := pr.ProjectSlice(make([]float32, 2), buf); n != 0 {
		t.Errorf("ProjectSlice into 2 floats returned %d, want 0", n)
	}
	// The target projects to the viewport centre.
	sx, sy, _ := pr.Project(float32(c.Target[0]), float32(c.Target[1]), float32(c.Target[2]))
	if math.Abs(float64(sx)-320) > 1e-3 || math.Abs(float64(sy)-240) > 1e-3 {
		t.Errorf("target at (%v, %v), want (320, 240)", sx, sy)
	}
}

const benchPoints = 160_000

func benchGrid() []float32 {
	pts := make([]float32, 0, 3*benchPoints)
	for i := range 400 {
		for j := range 400 {
			x, y := float32(i)/200-1, float32(j)/200-1
			pts = append(pts, x, y, 0.8*x*x-0.8*y*y)
		}
	}
	return pts
}

var sink float32

// BenchmarkProject160k projects 160,000 grid vertices per op with
// Projector.Project (one call per vertex).
func BenchmarkProject160k(b *testing.B) {
	pts := benchGrid()
	out := make([]float32, len(pts))
	c := New(1280, 720)
	for b.Loop() {
		pr := c.Projector()
		for i := 0; i+2 < len(pts); i += 3 {
			out[i], out[i+1], out[i+2] = pr.Project(pts[i], pts[i+1], pts[i+2])
		}
	}
	sink = out[len(out)-1]
}

// BenchmarkProjectSlice160k projects the same vertices with one
// ProjectSlice call.
func BenchmarkProjectSlice160k(b *testing.B) {
	pts := benchGrid()
	out := make([]float32, len(pts))
	c := New(1280, 720)
	for b.Loop() {
		pr := c.Projector()
		pr.ProjectSlice(out, pts)
	}
	sink = out[len(out)-1]
}

// BenchmarkMul4x1_160k is the baseline the Projector is measured against:
// mgl32.Mat4.Mul4x1 plus the perspective divide and viewport transform per
// vertex.
func BenchmarkMul4x1_160k(b *testing.B) {
	pts := benchGrid()
	out := make([]float32, len(pts))
	c := New(1280, 720)
	for b.Loop() {
		m := c.ViewProj()
		for i := 0; i+2 < len(pts); i += 3 {
			v := m.Mul4x1(mgl32.Vec4{pts[i], pts[i+1], pts[i+2], 1})
			out[i] = (v[0]/v[3] + 1) * 640
			out[i+1] = (1 - v[1]/v[3]) * 360
			out[i+2] = v[3]
		}
	}
	sink = out[len(out)-1]
}

// BenchmarkCameraProject160k is the float64 Camera.Project, which rebuilds
// the camera frame for every point (for comparison only).
func BenchmarkCameraProject160k(b *testing.B) {
	pts := benchGrid()
	out := make([]float32, len(pts))
	c := New(1280, 720)
	for b.Loop() {
		for i := 0; i+2 < len(pts); i += 3 {
			sx, sy, d, _ := c.Project(mgl64.Vec3{float64(pts[i]), float64(pts[i+1]), float64(pts[i+2])})
			out[i], out[i+1], out[i+2] = float32(sx), float32(sy), float32(d)
		}
	}
	sink = out[len(out)-1]
}

func TestZeroProjector(t *testing.T) {
	var pr Projector
	if sx, sy, d := pr.Project(1, 2, 3); sx != 0 || sy != 0 || d != 0 {
		t.Errorf("zero Projector gives (%v, %v, %v), want zeros", sx, sy, d)
	}
}
