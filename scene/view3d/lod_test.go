package view3d

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/go-gl/mathgl/mgl64"

	"descent/camera"
	"descent/scene/arrows"
	"descent/scene/mesh"
	"descent/scene/stability"
	"descent/scene/surface"
)

func TestPickLevel(t *testing.T) {
	// Three levels, each twice as far from the full mesh as the one
	// before, in every block.
	levels := []*level{{}}
	for k := 1; k <= 3; k++ {
		e := mesh.BlockError{Pos: 0.001 * math.Pow(2, float64(k)), Normal: 0.001, T: 0.0001, Edge: 0.01 * float64(k)}
		errs := make([]mesh.BlockError, 4)
		for b := range errs {
			errs[b] = e
		}
		levels = append(levels, &level{errs: errs})
	}
	lim := lodLimits{posPx: 0.25, normal: lodNormal, t: lodT, cellPx: 16}
	for _, tc := range []struct {
		name   string
		scales []float64
		want   int
	}{
		{"far: every level fits", []float64{10, 10, 10, 10}, 3},
		{"one block nearer", []float64{10, 60, 10, 10}, 2},
		{"near", []float64{200, 10, 10, 10}, 0},
		{"off the screen", []float64{0, 0, 0, 0}, 3},
		{"behind the eye", []float64{10, math.Inf(1), 10, 0}, 0},
		{"the near block off the screen", []float64{0, 10, 10, 10}, 3},
	} {
		if got := pickLevel(levels, tc.scales, lim); got != tc.want {
			t.Errorf("%s: level %d, want %d", tc.name, got, tc.want)
		}
	}
	// Normals or colours too far apart rule a level out at any distance.
	levels[3].errs[2].Normal = 0.05
	if got := pickLevel(levels, []float64{1, 1, 1, 1}, lim); got != 2 {
		t.Errorf("level 3's normals stray: level %d, want 2", got)
	}
	levels[2].errs[0].T = 2.0 / 255
	if got := pickLevel(levels, []float64{1, 1, 1, 1}, lim); got != 1 {
		t.Errorf("level 2's colours stray: level %d, want 1", got)
	}
	// Cells too big on the screen: level 1's are half a pixel.
	lim.cellPx = 0.4
	if got := pickLevel(levels, []float64{50, 0, 0, 0}, lim); got != 0 {
		t.Errorf("cells of half a pixel, 0.4 allowed: level %d, want 0", got)
	}
}

// bowlView is bowl-turntable's surface at its 400 samples, seen from its
// first frame's camera at 800x600.
func bowlView(t testing.TB) (*View, *camera.Camera) {
	t.Helper()
	surf, err := surface.Lookup("bowl")
	if err != nil {
		t.Fatal(err)
	}
	v, err := New(surf, Config{Mesh: 400, Preview: 100, Alpha: 0.7, Domain: &surface.Domain{XMin: -1, XMax: 5, YMin: 0, YMax: 6}})
	if err != nil {
		t.Fatal(err)
	}
	cam := camera.FromMatplotlib(30, 120)
	cam.SetViewport(800, 600)
	lo, hi := mesh.WorldCorners()
	cam.Fit(mgl64.Vec3(lo), mgl64.Vec3(hi))
	return v, cam
}

func TestLevelFollowsTheCamera(t *testing.T) {
	v, cam := bowlView(t)
	levelAt := func(zoom float64, preview bool) int {
		c := *cam
		c.Zoom = zoom
		v.Prepare(Frame{Camera: &c, Preview: preview, Style: style()})
		return v.lvl.m.N
	}
	if len(v.levels) < 4 {
		t.Fatalf("%d levels", len(v.levels))
	}
	whole := levelAt(1, false)
	if whole >= 400 || whole < 60 {
		t.Errorf("bowl-turntable's frame draws %d samples per side, want fewer than 400 and at least 60", whole)
	}
	if n := levelAt(3, false); n <= whole {
		t.Errorf("zoomed in 3 times: %d samples per side, at 1: %d", n, whole)
	}
	if n := levelAt(40, false); n != 400 {
		t.Errorf("zoomed in 40 times: %d samples per side, want the full 400", n)
	}
	if n := levelAt(0.3, false); n > whole {
		t.Errorf("zoomed out: %d samples per side, at 1: %d", n, whole)
	}
	// While the camera moves, the preview (the finest level of at most 100
	// samples: 77) or coarser.
	if n, p := levelAt(40, true), v.levels[v.preview].m.N; n != p || p != 77 {
		t.Errorf("preview zoomed in: %d samples per side, preview level %d", n, p)
	}
	if n := levelAt(0.3, true); n > v.levels[v.preview].m.N {
		t.Errorf("preview zoomed out: %d samples per side", n)
	}
	// The eye in the box: the full mesh (cells behind it are left out).
	c := *cam
	c.Distance = 0.3
	v.Prepare(Frame{Camera: &c, Style: style()})
	if v.lvl != v.full {
		t.Errorf("eye in the box: %d samples per side", v.lvl.m.N)
	}
	// The stability overlay samples its ratios at each level's own
	// vertices: cells stay under lodStabilityCellPx.
	v.SetStability(&arrows.Stability{Rule: stability.Rule{LR: 0.1}, At: []float64{1, 1}, Color: magenta})
	if n := levelAt(1, false); n <= whole {
		t.Errorf("with the stability overlay: %d samples per side, without %d", n, whole)
	}
	v.SetStability(nil)
	// Without levels of detail: the full mesh, or the preview.
	v.lod = false
	if n := levelAt(1, false); n != 400 {
		t.Errorf("levels of detail off: %d samples per side", n)
	}
	if n := levelAt(1, true); n != v.levels[v.preview].m.N {
		t.Errorf("levels of detail off, preview: %d samples per side", n)
	}
}

// TestBlockScalesBound checks the bound blockScales gives: a small
// displacement anywhere in a block's box moves its image by at most the
// block's scale times its length, and blocks said to be off the screen
// are.
func TestBlockScalesBound(t *testing.T) {
	v, cam := bowlView(t)
	rng := rand.New(rand.NewPCG(3, 4))
	off, on := 0, 0
	for view := range 30 {
		c := *cam
		c.Azimuth, c.Elevation = rng.Float64()*360, -20+rng.Float64()*100
		c.Zoom = math.Exp(rng.Float64()*3 - 1)
		c.Ortho = view%5 == 4
		c.Shift = [2]float64{rng.Float64()*400 - 200, 0}
		v.Prepare(Frame{Camera: &c, Style: style()})
		scales := v.blockScales(&c)
		p := c.Projector()
		for b, s := range scales {
			bb := v.bounds[b]
			for range 20 {
				var q [3]float64
				for d := range 3 {
					q[d] = bb.Lo[d] + rng.Float64()*(bb.Hi[d]-bb.Lo[d])
				}
				sx, sy, z := p.Project(float32(q[0]), float32(q[1]), float32(q[2]))
				if s == 0 {
					if sx > -1 && sy > -1 && float64(sx) < c.Width+1 && float64(sy) < c.Height+1 && z > 0 {
						t.Fatalf("view %d block %d: called off the screen, but (%v) shows at %v, %v", view, b, q, sx, sy)
					}
					off++
					continue
				}
				if math.IsInf(s, 1) {
					continue
				}
				on++
				dir := [3]float64{rng.NormFloat64(), rng.NormFloat64(), rng.NormFloat64()}
				l := math.Sqrt(dir[0]*dir[0] + dir[1]*dir[1] + dir[2]*dir[2])
				const step = 1e-3
				tx, ty, _ := p.Project(float32(q[0]+step*dir[0]/l), float32(q[1]+step*dir[1]/l), float32(q[2]+step*dir[2]/l))
				if moved := math.Hypot(float64(tx-sx), float64(ty-sy)); moved > 1.02*s*step+1e-3 {
					t.Fatalf("view %d block %d: a displacement of %g moved %g px, bound %g", view, b, step, moved, s*step)
				}
			}
		}
	}
	if off == 0 || on == 0 {
		t.Errorf("%d points in blocks off the screen, %d on it", off, on)
	}
}
