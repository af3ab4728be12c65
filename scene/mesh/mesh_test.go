package mesh

import (
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"descent/scene/surface"
)

func TestColormapEndpoints(t *testing.T) {
	tests := []struct {
		name      string
		low, high [3]float32
	}{
		// First and last entries of matplotlib's tables.
		{"viridis", [3]float32{0.267004, 0.004874, 0.329415}, [3]float32{0.993248, 0.906157, 0.143936}},
		{"magma", [3]float32{0.001462, 0.000466, 0.013866}, [3]float32{0.987053, 0.991438, 0.749504}},
		{"plasma", [3]float32{0.050383, 0.029803, 0.527975}, [3]float32{0.940015, 0.975158, 0.131326}},
		{"cividis", [3]float32{0, 0.135112, 0.304751}, [3]float32{0.995737, 0.909344, 0.217772}},
		{"coolwarm", [3]float32{0.2298057, 0.298717966, 0.753683153}, [3]float32{0.705673158, 0.01555616, 0.150232812}},
		{"grey", [3]float32{0, 0, 0}, [3]float32{1, 1, 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := LookupColormap(strings.ToUpper(tt.name))
			if err != nil {
				t.Fatal(err)
			}
			for _, end := range []struct {
				at   float64
				want [3]float32
			}{{0, tt.low}, {-3, tt.low}, {math.NaN(), tt.low}, {1, tt.high}, {7, tt.high}} {
				r, g, b := c.At(end.at)
				got := [3]float32{r, g, b}
				for k := range got {
					if math.Abs(float64(got[k]-end.want[k])) > 1e-6 {
						t.Errorf("At(%v) = %v, want %v", end.at, got, end.want)
						break
					}
				}
			}
			// Every table is smooth: neighbouring entries differ little.
			for i := 1; i < 256; i++ {
				for k := range 3 {
					if d := math.Abs(float64(c.Table[i][k] - c.Table[i-1][k])); d > 0.03 {
						t.Fatalf("entry %d jumps by %v in channel %d", i, d, k)
					}
				}
			}
			if p := c.Pixels(); len(p) != 1024 || p[3] != 255 {
				t.Errorf("Pixels: len %d alpha %d", len(p), p[3])
			}
		})
	}
	if _, err := LookupColormap("jet"); err == nil || !strings.HasPrefix(err.Error(), "mesh: ") {
		t.Errorf("LookupColormap(jet) error = %v", err)
	}
	if c, err := LookupColormap("gray"); err != nil || c.Name != "grey" {
		t.Errorf("gray: %v %v", c.Name, err)
	}
	// Coolwarm's middle is Moreland's neutral grey.
	c, _ := LookupColormap("coolwarm")
	if col := c.RGBA(0.5); col.R < 215 || col.R > 225 || col.G < 215 || col.B < 215 {
		t.Errorf("coolwarm middle = %v", col)
	}
}

func surf(f func(x, y float64) float64, d surface.Domain) *surface.Surface {
	return &surface.Surface{Name: "test", Dim: 2, Domain: d, Eval: f}
}

func TestSampleClipping(t *testing.T) {
	unit := surface.Domain{XMin: -1, XMax: 1, YMin: -1, YMax: 1}
	tests := []struct {
		name              string
		f                 func(x, y float64) float64
		d                 surface.Domain
		clipped           bool
		nan, inf          bool
		wantLo, wantHiMax float64 // Lo exactly, Hi at most
	}{
		{"bowl untouched", func(x, y float64) float64 { return (x-2)*(x-2) + (y-3)*(y-3) },
			surface.Domain{XMin: -1, XMax: 5, YMin: 0, YMax: 6}, false, false, false, 0, 18},
		{"saddle untouched", func(x, y float64) float64 { return x*x - y*y }, unit, false, false, false, -1, 1},
		{"beale corners clipped", func(x, y float64) float64 {
			a, b, c := 1.5-x+x*y, 2.25-x+x*y*y, 2.625-x+x*y*y*y
			return a*a + b*b + c*c
		}, surface.Domain{XMin: -4.5, XMax: 4.5, YMin: -4.5, YMax: 4.5}, true, false, false, math.Inf(-1), 1e5},
		{"rosenbrock corners clipped", func(x, y float64) float64 { return (1-x)*(1-x) + 100*(y-x*x)*(y-x*x) },
			surface.Domain{XMin: -2, XMax: 2, YMin: -1, YMax: 3}, true, false, false, 0, 1000},
		{"himmelblau untouched", func(x, y float64) float64 { return (x*x+y-11)*(x*x+y-11) + (x+y*y-7)*(x+y*y-7) },
			surface.Domain{XMin: -5, XMax: 5, YMin: -5, YMax: 5}, false, false, false, math.Inf(-1), 890},
		{"deep pit kept", func(x, y float64) float64 { return -math.Exp(-40*(x*x+y*y)) * 1e6 },
			unit, false, false, false, -1e6, 0},
		{"narrow peak kept", func(x, y float64) float64 { return math.Exp(-8 * (x*x + y*y)) },
			unit, false, false, false, math.Inf(-1), 1},
		{"steep wall at the low edge clipped", func(x, y float64) float64 { return -math.Exp(-12*(x+1)) * 1e6 },
			unit, true, false, false, math.Inf(-1), 0},
		{"spike clipped", func(x, y float64) float64 {
			if x > 0.9 && y > 0.9 {
				return 1e9
			}
			return x
		}, unit, true, false, false, -1, 10},
		{"log of negative numbers", func(x, y float64) float64 { return math.Log(x) }, unit, true, true, true, math.Inf(-1), 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g, err := Sample(surf(tt.f, tt.d), tt.d, 101)
			if err != nil {
				t.Fatal(err)
			}
			if g.IsClipped() != tt.clipped {
				t.Errorf("IsClipped = %v, want %v (lo %g hi %g data %g..%g)", g.IsClipped(), tt.clipped, g.Lo, g.Hi, g.DataMin, g.DataMax)
			}
			if (g.ClipNote() != "") != tt.clipped {
				t.Errorf("ClipNote = %q", g.ClipNote())
			}
			if (g.NaN > 0) != tt.nan || (g.Holes != nil) != (tt.nan || g.Clipped > 0) {
				t.Errorf("NaN = %d, holes %v", g.NaN, g.Holes != nil)
			}
			if (g.Infinite > 0) != tt.inf {
				t.Errorf("Infinite = %d", g.Infinite)
			}
			if !math.IsInf(tt.wantLo, -1) && math.Abs(g.Lo-tt.wantLo) > 1e-9 {
				t.Errorf("Lo = %g, want %g", g.Lo, tt.wantLo)
			}
			if g.Hi > tt.wantHiMax+1e-9 || !(g.Hi > g.Lo) {
				t.Errorf("Hi = %g (Lo %g), want at most %g", g.Hi, g.Lo, tt.wantHiMax)
			}
			for k, z := range g.Z {
				if !(z >= g.Lo && z <= g.Hi) {
					t.Fatalf("Z[%d] = %g outside %g..%g", k, z, g.Lo, g.Hi)
				}
			}
		})
	}
}

func TestSampleErrors(t *testing.T) {
	s := surf(func(x, y float64) float64 { return x }, surface.Domain{})
	bad := []struct {
		n int
		d surface.Domain
	}{
		{1, surface.Domain{XMin: 0, XMax: 1, YMin: 0, YMax: 1}},
		{MaxSamples + 1, surface.Domain{XMin: 0, XMax: 1, YMin: 0, YMax: 1}},
		{10, surface.Domain{XMin: 1, XMax: 1, YMin: 0, YMax: 1}},
		{10, surface.Domain{XMin: 0, XMax: math.Inf(1), YMin: 0, YMax: 1}},
	}
	for _, b := range bad {
		if _, err := Sample(s, b.d, b.n); err == nil || !strings.HasPrefix(err.Error(), "mesh: ") {
			t.Errorf("Sample(n=%d, %v) error = %v", b.n, b.d, err)
		}
	}
	if _, err := Sample(nil, surface.Domain{XMax: 1, YMax: 1}, 10); err == nil {
		t.Error("Sample(nil) gave no error")
	}
}

func TestFlatSurface(t *testing.T) {
	d := surface.Domain{XMin: 0, XMax: 1, YMin: 0, YMax: 1}
	g, err := Sample(surf(func(x, y float64) float64 { return 4 }, d), d, 5)
	if err != nil {
		t.Fatal(err)
	}
	if !(g.Lo < 4 && g.Hi > 4) || g.IsClipped() {
		t.Errorf("flat range %g..%g clipped %v", g.Lo, g.Hi, g.IsClipped())
	}
	m, err := New(g, BoxOf(g), 0)
	if err != nil {
		t.Fatal(err)
	}
	for k := range m.T {
		if m.Normal[3*k+2] != 1 || m.Pos[3*k+2] != 0 {
			t.Fatalf("flat vertex %d: normal z %v, z %v", k, m.Normal[3*k+2], m.Pos[3*k+2])
		}
	}
}

func TestMeshGeometry(t *testing.T) {
	d := surface.Domain{XMin: -1, XMax: 5, YMin: 0, YMax: 6}
	f := func(x, y float64) float64 { return (x-2)*(x-2) + (y-3)*(y-3) }
	g, err := Sample(surf(f, d), d, 61)
	if err != nil {
		t.Fatal(err)
	}
	b := BoxOf(g)
	m, err := New(g, b, 0)
	if err != nil {
		t.Fatal(err)
	}
	// Corners of the domain map to the world box's corners.
	if wx, wy, _ := b.World(-1, 0, 0); wx != -WorldXY || wy != -WorldXY {
		t.Errorf("World(-1, 0) = %v, %v", wx, wy)
	}
	if _, _, wz := b.World(0, 0, g.Hi); math.Abs(wz-WorldZ) > 1e-12 {
		t.Errorf("top maps to %v", wz)
	}
	x, y, z := b.Surface(b.World(1.5, 2.5, 7))
	if math.Abs(x-1.5)+math.Abs(y-2.5)+math.Abs(z-7) > 1e-9 {
		t.Errorf("round trip gave %v %v %v", x, y, z)
	}
	for k := range m.T {
		nx, ny, nz := m.Normal[3*k], m.Normal[3*k+1], m.Normal[3*k+2]
		if l := nx*nx + ny*ny + nz*nz; math.Abs(float64(l)-1) > 1e-5 || nz <= 0 {
			t.Fatalf("normal %d = %v %v %v", k, nx, ny, nz)
		}
		if m.T[k] < 0 || m.T[k] > 1 {
			t.Fatalf("T[%d] = %v", k, m.T[k])
		}
	}
	// The bowl's lowest vertex (at the minimum) has the lowest colour and
	// an upright normal; on the slope x > 2 the normal leans towards -x.
	i, j := 30, 30 // x = 2, y = 3
	k := j*61 + i
	if m.T[k] > 1e-6 || m.Normal[3*k+2] < 0.999 {
		t.Errorf("minimum vertex T %v normal z %v", m.T[k], m.Normal[3*k+2])
	}
	if m.Normal[3*(j*61+50)] >= 0 {
		t.Errorf("slope normal x = %v, want negative", m.Normal[3*(j*61+50)])
	}
	if m.U[60] != float32(m.Lines) || m.V[60*61] != float32(m.Lines) {
		t.Errorf("grid-line coordinates end at %v, %v, want %d", m.U[60], m.V[60*61], m.Lines)
	}
	// Height interpolates the mesh.
	if h := m.Height(2, 3); math.Abs(h+WorldZ) > 1e-6 {
		t.Errorf("Height at minimum = %v", h)
	}
}

func TestDefaultLines(t *testing.T) {
	for _, tt := range []struct{ n, want int }{{2, 1}, {11, 10}, {25, 24}, {81, 20}, {401, 20}, {101, 20}, {200, 20}, {61, 20}, {51, 25}} {
		if got := DefaultLines(tt.n); got != tt.want {
			t.Errorf("DefaultLines(%d) = %d, want %d", tt.n, got, tt.want)
		}
	}
}

// rayTriangle returns the distance along the ray o + t*d to triangle abc,
// or ok false (Möller-Trumbore).
func rayTriangle(o, d, a, b, c [3]float64) (float64, bool) {
	sub := func(p, q [3]float64) [3]float64 { return [3]float64{p[0] - q[0], p[1] - q[1], p[2] - q[2]} }
	cross := func(p, q [3]float64) [3]float64 {
		return [3]float64{p[1]*q[2] - p[2]*q[1], p[2]*q[0] - p[0]*q[2], p[0]*q[1] - p[1]*q[0]}
	}
	dot := func(p, q [3]float64) float64 { return p[0]*q[0] + p[1]*q[1] + p[2]*q[2] }
	e1, e2 := sub(b, a), sub(c, a)
	p := cross(d, e2)
	det := dot(e1, p)
	if math.Abs(det) < 1e-14 {
		return 0, false
	}
	inv := 1 / det
	s := sub(o, a)
	u := dot(s, p) * inv
	if u < 0 || u > 1 {
		return 0, false
	}
	q := cross(s, e1)
	v := dot(d, q) * inv
	if v < 0 || u+v > 1 {
		return 0, false
	}
	t := dot(e2, q) * inv
	return t, t > 1e-9
}

// TestBackToFrontBruteForce casts rays through random bumpy surfaces from
// random viewpoints (perspective eyes all around, above, below and inside
// the grid's footprint, and orthographic directions) and checks that along
// every ray the triangles hit are drawn farthest first.
func TestBackToFrontBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	const n = 13
	var o Order
	checked := 0
	for trial := range 160 {
		// A random surface: a sum of a few sine waves, heights in world units.
		type wave struct{ fx, fy, ph, amp float64 }
		waves := make([]wave, 3)
		for k := range waves {
			waves[k] = wave{rng.Float64()*8 - 4, rng.Float64()*8 - 4, rng.Float64() * 6, rng.Float64() * 0.6}
		}
		pos := make([][3]float64, n*n)
		for j := range n {
			for i := range n {
				x, y := -1+2*float64(i)/(n-1), -1+2*float64(j)/(n-1)
				z := 0.0
				for _, w := range waves {
					z += w.amp * math.Sin(w.fx*x+w.fy*y+w.ph)
				}
				pos[j*n+i] = [3]float64{x, y, z}
			}
		}
		var holes []bool
		if trial%5 == 4 {
			holes = make([]bool, (n-1)*(n-1))
			for k := range holes {
				holes[k] = rng.IntN(7) == 0
			}
		}
		ortho := trial%4 == 3
		var eye, dir [3]float64
		var v Viewpoint
		if ortho {
			el, az := (rng.Float64()*2-1)*1.5, rng.Float64()*2*math.Pi
			dir = [3]float64{-math.Cos(el) * math.Cos(az), -math.Cos(el) * math.Sin(az), -math.Sin(el)}
			v = ViewpointFromWorld(n, true, 0, 0, dir[0], dir[1])
		} else {
			r := 0.3 + rng.Float64()*4
			el, az := (rng.Float64()*2-1)*1.5, rng.Float64()*2*math.Pi
			eye = [3]float64{r * math.Cos(el) * math.Cos(az), r * math.Cos(el) * math.Sin(az), r * math.Sin(el)}
			if trial%7 == 0 {
				eye[2] += 1.5 // high above, possibly inside the footprint
			}
			v = ViewpointFromWorld(n, false, eye[0], eye[1], 0, 0)
		}
		o.Invalidate()
		o.Build(n, v, holes)
		tris := len(o.Indices) / 3
		for ray := range 300 {
			// Aim near a random vertex so that most rays hit the surface.
			target := pos[rng.IntN(n*n)]
			for k := range target {
				target[k] += (rng.Float64()*2 - 1) * 0.1
			}
			origin, d := eye, [3]float64{}
			if ortho {
				d = dir
				origin = [3]float64{target[0] - 10*d[0], target[1] - 10*d[1], target[2] - 10*d[2]}
			} else {
				d = [3]float64{target[0] - eye[0], target[1] - eye[1], target[2] - eye[2]}
			}
			type hit struct {
				t    float64
				rank int
			}
			var hits []hit
			for tr := range tris {
				a, b, c := pos[o.Indices[3*tr]], pos[o.Indices[3*tr+1]], pos[o.Indices[3*tr+2]]
				if tt, ok := rayTriangle(origin, d, a, b, c); ok {
					hits = append(hits, hit{tt, tr})
				}
			}
			slices.SortFunc(hits, func(p, q hit) int {
				switch {
				case p.t < q.t:
					return -1
				case p.t > q.t:
					return 1
				}
				return 0
			})
			for h := 1; h < len(hits); h++ {
				if hits[h].t-hits[h-1].t < 1e-9 {
					continue // the ray passes through a shared edge
				}
				checked++
				if hits[h-1].rank < hits[h].rank {
					t.Fatalf("trial %d ray %d (ortho %v, eye %v, dir %v): triangle %d at t=%.4f is in front of triangle %d at t=%.4f but drawn first",
						trial, ray, ortho, eye, dir, hits[h-1].rank, hits[h-1].t, hits[h].rank, hits[h].t)
				}
			}
		}
	}
	if checked < 5000 {
		t.Fatalf("only %d occluding pairs checked", checked)
	}
	t.Logf("%d occluding pairs checked", checked)
}

func TestOrderCoversEveryCellOnceAndCaches(t *testing.T) {
	const n = 9
	var o Order
	for _, v := range []Viewpoint{{X: -5, Y: 3.5}, {X: 4, Y: 4}, {X: 2, Y: 20}, {Ortho: true, DirX: 1, DirY: -1}, {Ortho: true}} {
		o.Build(n, v, nil)
		if len(o.Indices) != 6*(n-1)*(n-1) {
			t.Fatalf("%v: %d indices", v, len(o.Indices))
		}
		ranks := o.CellRanks(n)
		seen := map[int32]bool{}
		for _, r := range ranks {
			if r < 0 || seen[r] {
				t.Fatalf("%v: rank %d missing or repeated", v, r)
			}
			seen[r] = true
		}
	}
	o.Build(n, Viewpoint{X: -5.2, Y: 30.1}, nil)
	if o.Build(n, Viewpoint{X: -5.7, Y: 30.3}, nil) {
		t.Error("Build rebuilt although the eye stayed in the same cell")
	}
	if !o.Build(n, Viewpoint{X: 2.5, Y: 30.3}, nil) {
		t.Error("Build did not rebuild after the eye moved over the grid")
	}
}

func TestClippedCellsAreCut(t *testing.T) {
	d := surface.Domain{XMin: -1, XMax: 1, YMin: -1, YMax: 1}
	// A plateau of 1e9 over x > 0.85 (under a tenth of the samples).
	f := func(x, y float64) float64 {
		if x > 0.85 {
			return 1e9
		}
		return x + y
	}
	g, err := Sample(surf(f, d), d, 41)
	if err != nil {
		t.Fatal(err)
	}
	if g.Clipped == 0 || g.Holes == nil {
		t.Fatalf("clipped %d, holes %v", g.Clipped, g.Holes != nil)
	}
	cells := g.N - 1
	for j := range cells {
		for i := range cells {
			over := func(i, j int) bool { return f(g.X(i), g.Y(j)) > g.Hi }
			want := over(i, j) && over(i+1, j) && over(i, j+1) && over(i+1, j+1)
			if g.Holes[j*cells+i] != want {
				t.Fatalf("cell %d,%d: hole %v, want %v", i, j, g.Holes[j*cells+i], want)
			}
			if g.X(i) > 0.86 && !want {
				t.Fatalf("plateau cell %d,%d not cut", i, j)
			}
		}
	}
	// A preview sampled within the same range clips at the same height.
	p, err := SampleWithin(surf(f, d), d, 11, g.Lo, g.Hi)
	if err != nil {
		t.Fatal(err)
	}
	if p.Lo != g.Lo || p.Hi != g.Hi || p.Clipped == 0 {
		t.Errorf("preview range %g..%g (want %g..%g), clipped %d", p.Lo, p.Hi, g.Lo, g.Hi, p.Clipped)
	}
	if _, err := SampleWithin(surf(f, d), d, 11, 1, 1); err == nil {
		t.Error("SampleWithin accepted an empty range")
	}
}

func TestCutFollowsTheContour(t *testing.T) {
	d := surface.Domain{XMin: -1, XMax: 1, YMin: -1, YMax: 1}
	// A plane shown up to 0.45: samples at x = 0.5 and beyond are clipped.
	g, err := SampleWithin(surf(func(x, y float64) float64 { return x }, d), d, 21, -1, 0.45)
	if err != nil {
		t.Fatal(err)
	}
	m, err := New(g, BoxOf(g), 0)
	if err != nil {
		t.Fatal(err)
	}
	for j := range m.N {
		k := j*m.N + 15 // x = 0.5: the first clipped column, next to x = 0.4
		if got := m.Pos[3*k]; math.Abs(float64(got)-0.45) > 1e-5 {
			t.Fatalf("row %d: cut vertex at world x %v, want 0.45", j, got)
		}
		if got := m.Pos[3*(k+1)]; math.Abs(float64(got)-0.6) > 1e-5 {
			t.Fatalf("row %d: vertex beyond the cut moved to %v", j, got)
		}
		if m.Pos[3*k+1] != m.Pos[3*(k-1)+1] {
			t.Fatalf("row %d: cut vertex left its row", j)
		}
	}
}
