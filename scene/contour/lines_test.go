package contour

import (
	"math"
	"strings"
	"testing"
)

func TestLinesCircles(t *testing.T) {
	dom := Rect{-2, -2, 2, 2}
	for _, tc := range []struct {
		name string
		n    int
		r    float64
	}{
		{"r=0.5 on 81x81", 81, 0.5},
		{"r=1 on 81x81", 81, 1},
		{"r=1.7 on 81x81", 81, 1.7},
		{"r=1 on 21x21", 21, 1},
		{"r=0.3 on 400x400", 400, 0.3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			z := sample(func(x, y float64) float64 { return x*x + y*y }, tc.n, tc.n, dom)
			lines := Lines(z, tc.n, tc.n, dom, tc.r*tc.r)
			if len(lines) != 1 {
				t.Fatalf("got %d polylines, want one ring", len(lines))
			}
			ring := lines[0]
			if !ring.Closed {
				t.Fatalf("circle is not closed")
			}
			h := 4 / float64(tc.n-1)
			// Linear interpolation of x^2+y^2 along an edge errs by at most
			// h^2/4 in value, h^2/(8r) in radius.
			tol := 1.05*h*h/(8*tc.r) + 1e-12 // 5% for second-order terms
			for _, p := range ring.Points {
				if d := math.Abs(math.Hypot(p.X, p.Y) - tc.r); d > tol {
					t.Fatalf("vertex %v is %g from the circle, tolerance %g", p, d, tol)
				}
			}
			// Higher values outside, on the left: the ring runs clockwise.
			a := signedArea(ring.Points)
			if want := -math.Pi * tc.r * tc.r; math.Abs(a-want) > 0.02*math.Abs(want)+2*h*h {
				t.Errorf("signed area %g, want about %g (clockwise)", a, want)
			}
			// Consecutive vertices are never further apart than a cell's diagonal.
			for i, p := range ring.Points {
				if d := dist(p, ring.Points[(i+1)%len(ring.Points)]); d > h*math.Sqrt2+1e-12 || d == 0 {
					t.Fatalf("step %d has length %g (cell %g)", i, d, h)
				}
			}
		})
	}
}

func TestLinesLinear(t *testing.T) {
	dom := Rect{-1, 0, 3, 2}
	f := func(x, y float64) float64 { return 2*x + 3*y - 1 }
	z := sample(f, 37, 23, dom)
	for _, level := range []float64{-2.5, 0, 1.234, 6, 9.9} {
		lines := Lines(z, 37, 23, dom, level)
		if len(lines) != 1 || lines[0].Closed {
			t.Fatalf("level %g: got %d polylines (%v), want one open line", level, len(lines), lines)
		}
		pts := lines[0].Points
		for _, p := range pts {
			if d := f(p.X, p.Y) - level; math.Abs(d) > 1e-12 {
				t.Fatalf("level %g: vertex %v is off the line by %g", level, p, d)
			}
		}
		// The ends lie on the domain border.
		for _, p := range []Point{pts[0], pts[len(pts)-1]} {
			onBorder := math.Abs(p.X-dom.MinX) < 1e-12 || math.Abs(p.X-dom.MaxX) < 1e-12 ||
				math.Abs(p.Y-dom.MinY) < 1e-12 || math.Abs(p.Y-dom.MaxY) < 1e-12
			if !onBorder {
				t.Errorf("level %g: end %v is not on the border", level, p)
			}
		}
		// Higher values on the left: the gradient (2,3) points left of the direction.
		d := Point{pts[len(pts)-1].X - pts[0].X, pts[len(pts)-1].Y - pts[0].Y}
		if left := -d.Y*2 + d.X*3; left <= 0 {
			t.Errorf("level %g: line runs with higher values on its right", level)
		}
	}
}

func TestLinesSaddleFunction(t *testing.T) {
	dom := Rect{-1, -1, 1, 1}
	z := sample(func(x, y float64) float64 { return x * y }, 41, 41, dom)
	for _, level := range []float64{0.1, -0.1, 0.5} {
		lines := Lines(z, 41, 41, dom, level)
		if len(lines) != 2 {
			t.Fatalf("level %g: got %d polylines, want the two branches of the hyperbola", level, len(lines))
		}
		// One branch lies left of the y axis, the other right.
		if lines[0].Points[0].X*lines[1].Points[0].X >= 0 {
			t.Fatalf("level %g: both branches on one side", level)
		}
		for _, l := range lines {
			for _, p := range l.Points {
				if p.X*l.Points[0].X <= 0 {
					t.Fatalf("level %g: branch crosses the y axis at %v", level, p)
				}
			}
			if l.Closed {
				t.Fatalf("level %g: a hyperbola branch is closed", level)
			}
			for _, p := range l.Points {
				if math.Abs(p.X*p.Y-level) > 0.0125 { // (h/2)^2 for h = 0.05
					t.Fatalf("level %g: vertex %v has xy = %g", level, p, p.X*p.Y)
				}
			}
		}
	}
}

func TestLinesSaddleCell(t *testing.T) {
	// One cell, corners counter-clockwise from (0,0): 1, 0, 1, 0.
	z := []float64{1, 0, 0, 1} // z[j*2+i]: (0,0)=1 (1,0)=0 (0,1)=0 (1,1)=1
	dom := Rect{0, 0, 1, 1}
	for _, tc := range []struct {
		name  string
		level float64
		// corners each segment cuts off
		cut [2]Point
	}{
		{"centre above joins the high corners", 0.5, [2]Point{{1, 0}, {0, 1}}},
		{"centre below separates the high corners", 0.6, [2]Point{{0, 0}, {1, 1}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			lines := Lines(z, 2, 2, dom, tc.level)
			if len(lines) != 2 {
				t.Fatalf("got %d segments, want 2", len(lines))
			}
			for _, l := range lines {
				if len(l.Points) != 2 {
					t.Fatalf("segment has %d points", len(l.Points))
				}
				mid := Point{(l.Points[0].X + l.Points[1].X) / 2, (l.Points[0].Y + l.Points[1].Y) / 2}
				if dist(mid, tc.cut[0]) > 0.5 && dist(mid, tc.cut[1]) > 0.5 {
					t.Errorf("segment %v cuts off neither %v nor %v", l.Points, tc.cut[0], tc.cut[1])
				}
			}
		})
	}
}

func TestLinesHoles(t *testing.T) {
	dom := Rect{-2, -2, 2, 2}
	n := 41
	z := sample(func(x, y float64) float64 { return x*x + y*y }, n, n, dom)
	// Sample (30, 20) is at (1, 0), on the circle of radius 1.
	for _, bad := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
		zz := append([]float64(nil), z...)
		zz[20*n+30] = bad
		lines := Lines(zz, n, n, dom, 1)
		if len(lines) != 1 || lines[0].Closed {
			t.Fatalf("hole %v: want one open line, got %d (closed %v)", bad, len(lines), len(lines) > 0 && lines[0].Closed)
		}
		for _, p := range lines[0].Points {
			if math.Abs(p.X-1) < 0.1-1e-9 && math.Abs(p.Y) < 0.1-1e-9 {
				t.Fatalf("hole %v: vertex %v inside the cells around the hole", bad, p)
			}
		}
	}
	allNaN := make([]float64, 16)
	for i := range allNaN {
		allNaN[i] = math.NaN()
	}
	if l := Lines(allNaN, 4, 4, dom, 0); l != nil {
		t.Errorf("all-NaN grid gave %v", l)
	}
}

// TestLinesJoinsEverySegment checks on random grids (full of saddles) that
// the polylines hold exactly the segments marching squares produces, each
// step inside one cell.
func TestLinesJoinsEverySegment(t *testing.T) {
	for seed := uint64(1); seed <= 5; seed++ {
		nx, ny := 30, 17
		z := noise(nx, ny, seed)
		dom := Rect{0, 0, float64(nx - 1), float64(ny - 1)}
		for _, level := range []float64{0.2, 0.5, 0.77} {
			want := 0
			for j := 0; j < ny-1; j++ {
				for i := 0; i < nx-1; i++ {
					v := [4]float64{z[j*nx+i], z[j*nx+i+1], z[(j+1)*nx+i+1], z[(j+1)*nx+i]}
					c, centre := 0, 0
					for k := range v {
						if v[k] >= level {
							c |= 1 << k
						}
					}
					if (v[0]+v[1]+v[2]+v[3])/4 >= level {
						centre = 1
					}
					want += chordTable[c][centre].n
				}
			}
			got := 0
			for _, l := range Lines(z, nx, ny, dom, level) {
				steps := len(l.Points) - 1
				if l.Closed {
					steps++
				}
				got += steps
				for i := 0; i < steps; i++ {
					a, b := l.Points[i], l.Points[(i+1)%len(l.Points)]
					if math.Floor(math.Min(a.X, b.X)+1e-9) < math.Ceil(math.Max(a.X, b.X)-1e-9)-1 ||
						math.Floor(math.Min(a.Y, b.Y)+1e-9) < math.Ceil(math.Max(a.Y, b.Y)-1e-9)-1 {
						t.Fatalf("seed %d level %g: step %v-%v spans more than a cell", seed, level, a, b)
					}
				}
			}
			if got != want {
				t.Errorf("seed %d level %g: polylines hold %d segments, marching squares made %d", seed, level, got, want)
			}
		}
	}
}

func TestLinesBadInput(t *testing.T) {
	dom := Rect{0, 0, 1, 1}
	z := make([]float64, 9)
	for _, tc := range []struct {
		name   string
		z      []float64
		nx, ny int
		dom    Rect
		level  float64
		errHas string
	}{
		{"one column", z, 1, 9, dom, 0, "at least 2x2"},
		{"negative", z, -3, 3, dom, 0, "at least 2x2"},
		{"short", z, 4, 4, dom, 0, "need 4x4"},
		{"huge", z, 1 << 20, 1 << 20, dom, 0, "too large"},
		{"NaN domain", z, 3, 3, Rect{math.NaN(), 0, 1, 1}, 0, "not finite"},
		{"empty domain", z, 3, 3, Rect{1, 0, 1, 1}, 0, "empty"},
		{"NaN level", z, 3, 3, dom, math.NaN(), ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := CheckGrid(tc.z, tc.nx, tc.ny, tc.dom)
			if tc.errHas == "" {
				if err != nil {
					t.Fatalf("CheckGrid: %v", err)
				}
			} else if err == nil || !strings.HasPrefix(err.Error(), "contour: ") || !strings.Contains(err.Error(), tc.errHas) {
				t.Fatalf("CheckGrid error %v, want one containing %q", err, tc.errHas)
			}
			if l := Lines(tc.z, tc.nx, tc.ny, tc.dom, tc.level); l != nil {
				t.Errorf("Lines gave %v", l)
			}
		})
	}
}

func TestLinesLogScale(t *testing.T) {
	// z = 10^x: on the log scale the levels are vertical lines x = level.
	dom := Rect{-3, 0, 2, 1}
	loss := sample(func(x, y float64) float64 { return math.Pow(10, x) }, 51, 5, dom)
	z := TransformGrid(loss, Log)
	levels := Levels(loss, 5, Log)
	if len(levels) != 4 {
		t.Fatalf("levels %v, want the four decades 1e-2..10", levels)
	}
	for _, l := range levels {
		lines := Lines(z, 51, 5, dom, l)
		if len(lines) != 1 {
			t.Fatalf("level %s: %d lines", LevelText(l, Log), len(lines))
		}
		for _, p := range lines[0].Points {
			if math.Abs(p.X-l) > 1e-12 {
				t.Fatalf("level %s: vertex %v not on x = %g", LevelText(l, Log), p, l)
			}
		}
	}
}

func TestLinesConcurrent(t *testing.T) {
	z := noise(60, 50, 42)
	dom := Rect{0, 0, 1, 1}
	want := make([]int, 9)
	for k := range want {
		for _, l := range Lines(z, 60, 50, dom, float64(k+1)/10) {
			want[k] += len(l.Points)
		}
	}
	errs := make(chan string, 8)
	for g := 0; g < 8; g++ {
		go func() {
			for rep := 0; rep < 20; rep++ {
				for k := range want {
					got := 0
					for _, l := range Lines(z, 60, 50, dom, float64(k+1)/10) {
						got += len(l.Points)
					}
					if got != want[k] {
						errs <- "different result in a goroutine"
						return
					}
				}
			}
			errs <- ""
		}()
	}
	for g := 0; g < 8; g++ {
		if e := <-errs; e != "" {
			t.Fatal(e)
		}
	}
}
