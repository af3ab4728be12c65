package contour

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// identity projects domain points straight to pixels.
func identity(p Point) (float64, float64) { return p.X, p.Y }

// fixedMeasure gives every character 7 x 12 pixels.
func fixedMeasure(s string) (float64, float64) { return 7 * float64(len(s)), 12 }

// clipArea is the area shared by two convex polygons (Sutherland-Hodgman),
// independent of the separating-axis test PlaceLabels uses.
func clipArea(a, b [4]Point2) float64 {
	poly := a[:]
	orient := 0.0
	for i := range b {
		p, q := b[i], b[(i+1)%4]
		orient += p.X*q.Y - q.X*p.Y
	}
	side := func(p, q, r Point2) float64 {
		return ((q.X-p.X)*(r.Y-p.Y) - (q.Y-p.Y)*(r.X-p.X)) * math.Copysign(1, orient)
	}
	for i := range b {
		p, q := b[i], b[(i+1)%4]
		var out []Point2
		for k := range poly {
			c, d := poly[k], poly[(k+1)%len(poly)]
			sc, sd := side(p, q, c), side(p, q, d)
			if sc >= 0 {
				out = append(out, c)
			}
			if (sc >= 0) != (sd >= 0) {
				out = append(out, along(c, d, sc/(sc-sd)))
			}
		}
		poly = out
		if len(poly) == 0 {
			return 0
		}
	}
	area := 0.0
	for i, p := range poly {
		q := poly[(i+1)%len(poly)]
		area += p.X*q.Y - q.X*p.Y
	}
	return math.Abs(area) / 2
}

func TestBoxOverlapsMatchesClipping(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	for trial := 0; trial < 20000; trial++ {
		b1 := box{r.Float64() * 100, r.Float64() * 100, (r.Float64() - 0.5) * math.Pi, 2 + r.Float64()*30, 2 + r.Float64()*10}
		b2 := box{r.Float64() * 100, r.Float64() * 100, (r.Float64() - 0.5) * math.Pi, 2 + r.Float64()*30, 2 + r.Float64()*10}
		area := clipArea(b1.corners(), b2.corners())
		if area > 1e-6 && !b1.overlaps(b2) {
			t.Fatalf("boxes %v and %v share area %g but overlaps says no", b1, b2, area)
		}
		if area == 0 && b1.overlaps(b2) {
			t.Fatalf("boxes %v and %v are apart but overlaps says yes", b1, b2)
		}
	}
}

func TestPlaceLabelsStraightLines(t *testing.T) {
	vp := Rect{0, 0, 800, 600}
	for _, tc := range []struct {
		name      string
		from, to  Point
		wantAngle float64
	}{
		{"left to right", Point{100, 300}, Point{700, 300}, 0},
		{"right to left is not upside down", Point{700, 300}, Point{100, 300}, 0},
		{"falling on screen", Point{100, 100}, Point{500, 500}, math.Pi / 4},
		{"drawn backwards", Point{500, 500}, Point{100, 100}, math.Pi / 4},
		{"rising on screen", Point{100, 500}, Point{500, 100}, -math.Pi / 4},
		{"vertical", Point{400, 50}, Point{400, 550}, -math.Pi / 2},
		{"vertical drawn upwards", Point{400, 550}, Point{400, 50}, -math.Pi / 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// Several points along the line, as marching squares gives.
			var pts []Point
			for k := 0; k <= 20; k++ {
				f := float64(k) / 20
				pts = append(pts, Point{tc.from.X + f*(tc.to.X-tc.from.X), tc.from.Y + f*(tc.to.Y-tc.from.Y)})
			}
			lines := []LabeledLine{{Level: 0, Text: "2.5", Line: Polyline{Points: pts}}}
			labels := PlaceLabels(lines, identity, fixedMeasure, LabelOptions{Viewport: vp, PerLevel: 1})
			if len(labels) != 1 {
				t.Fatalf("got %d labels, want 1", len(labels))
			}
			l := labels[0]
			if math.Abs(l.Angle-tc.wantAngle) > 1e-9 {
				t.Errorf("angle %g, want %g", l.Angle, tc.wantAngle)
			}
			if l.Angle < -math.Pi/2 || l.Angle >= math.Pi/2 {
				t.Errorf("angle %g reads upside down", l.Angle)
			}
			if l.W != 21 || l.H != 12 || l.Text != "2.5" || l.Line != 0 {
				t.Errorf("label %+v", l)
			}
			if got, want := l.Gap[1]-l.Gap[0], l.W+2*l.Pad; math.Abs(got-want) > 1e-9 {
				t.Errorf("gap %v is %g long, want %g", l.Gap, got, want)
			}
			// The centre is on the line, in the middle of the gap.
			sp := Project(lines[0].Line, identity)
			mid := Cut(sp, [][2]float64{{0, (l.Gap[0] + l.Gap[1]) / 2}})[0][0]
			if math.Hypot(mid.X-l.X, mid.Y-l.Y) > 1e-9 {
				t.Errorf("centre (%g, %g), gap middle %v", l.X, l.Y, mid)
			}
			// Cutting the gap leaves the line minus the gap.
			if got := totalLen(Cut(sp, [][2]float64{l.Gap})); math.Abs(got-(Length(sp)-(l.Gap[1]-l.Gap[0]))) > 1e-9 {
				t.Errorf("cut line is %g long", got)
			}
		})
	}
}

func TestPlaceLabelsRejects(t *testing.T) {
	vp := Rect{0, 0, 800, 600}
	zigzag := Polyline{}
	for k := 0; k <= 80; k++ {
		zigzag.Points = append(zigzag.Points, Point{100 + 7*float64(k), 300 + 15*float64(k%2)})
	}
	for _, tc := range []struct {
		name    string
		line    Polyline
		opts    LabelOptions
		project func(Point) (float64, float64)
		measure func(string) (float64, float64)
	}{
		{"zigzag too bent", zigzag, LabelOptions{Viewport: vp}, identity, fixedMeasure},
		{"too short", Polyline{Points: []Point{{100, 100}, {130, 100}}}, LabelOptions{Viewport: vp}, identity, fixedMeasure},
		{"outside the viewport", Polyline{Points: []Point{{-500, 100}, {-100, 100}}}, LabelOptions{Viewport: vp}, identity, fixedMeasure},
		{"along the viewport edge", Polyline{Points: []Point{{0, 2}, {800, 2}}}, LabelOptions{Viewport: vp}, identity, fixedMeasure},
		{"under an avoided rectangle", Polyline{Points: []Point{{100, 300}, {700, 300}}},
			LabelOptions{Viewport: vp, Avoid: []Rect{{0, 250, 800, 350}}}, identity, fixedMeasure},
		{"projection to NaN", Polyline{Points: []Point{{100, 300}, {700, 300}}}, LabelOptions{Viewport: vp},
			func(Point) (float64, float64) { return math.NaN(), 0 }, fixedMeasure},
		{"empty viewport", Polyline{Points: []Point{{100, 300}, {700, 300}}}, LabelOptions{}, identity, fixedMeasure},
		{"nil measure", Polyline{Points: []Point{{100, 300}, {700, 300}}}, LabelOptions{Viewport: vp}, identity, nil},
		{"zero-size text", Polyline{Points: []Point{{100, 300}, {700, 300}}}, LabelOptions{Viewport: vp}, identity,
			func(string) (float64, float64) { return 0, 0 }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := PlaceLabels([]LabeledLine{{Text: "1.5", Line: tc.line}}, tc.project, tc.measure, tc.opts)
			if len(got) != 0 {
				t.Errorf("placed %+v", got)
			}
		})
	}
}

// checkLabels asserts the guarantees of PlaceLabels.
func checkLabels(t *testing.T, labels []Label, opts LabelOptions, perLevel int, spacing float64) {
	t.Helper()
	count := map[int]int{}
	for i, a := range labels {
		count[a.Level]++
		if a.Angle < -math.Pi/2 || a.Angle >= math.Pi/2 {
			t.Fatalf("label %d angle %g reads upside down", i, a.Angle)
		}
		for _, p := range a.Corners() {
			vp := opts.Viewport
			if p.X < vp.MinX-1e-9 || p.X > vp.MaxX+1e-9 || p.Y < vp.MinY-1e-9 || p.Y > vp.MaxY+1e-9 {
				t.Fatalf("label %d corner %v outside the viewport %v", i, p, vp)
			}
		}
		for _, r := range opts.Avoid {
			rc := [4]Point2{{r.MinX, r.MinY}, {r.MaxX, r.MinY}, {r.MaxX, r.MaxY}, {r.MinX, r.MaxY}}
			if area := clipArea(a.Corners(), rc); area > 1e-6 {
				t.Fatalf("label %d covers avoided %v by %g", i, r, area)
			}
		}
		for j := i + 1; j < len(labels); j++ {
			b := labels[j]
			if area := clipArea(a.Corners(), b.Corners()); area > 1e-6 {
				t.Fatalf("labels %d %+v and %d %+v overlap by %g px^2", i, a, j, b, area)
			}
			if a.Level == b.Level && math.Hypot(a.X-b.X, a.Y-b.Y) < spacing-1e-9 {
				t.Fatalf("labels %d and %d of level %d only %g apart", i, j, a.Level, math.Hypot(a.X-b.X, a.Y-b.Y))
			}
		}
	}
	for lv, n := range count {
		if n > perLevel {
			t.Fatalf("level %d has %d labels, at most %d allowed", lv, n, perLevel)
		}
	}
}

// TestPlaceLabelsRandom throws random straight lines, circles and arcs with
// random texts at PlaceLabels and checks that no two rotated label
// rectangles overlap and all stay in the viewport.
func TestPlaceLabelsRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	total := 0
	for trial := 0; trial < 60; trial++ {
		vp := Rect{r.Float64() * 50, r.Float64() * 50, 300 + r.Float64()*700, 200 + r.Float64()*500}
		var lines []LabeledLine
		nLevels := 3 + r.IntN(12)
		for k := 0; k < 40; k++ {
			lv := r.IntN(nLevels)
			var pl Polyline
			switch r.IntN(3) {
			case 0: // straight line through the viewport area
				a := Point{r.Float64() * 1100, r.Float64() * 800}
				b := Point{r.Float64() * 1100, r.Float64() * 800}
				for s := 0; s <= 30; s++ {
					f := float64(s) / 30
					pl.Points = append(pl.Points, Point{a.X + f*(b.X-a.X), a.Y + f*(b.Y-a.Y)})
				}
			case 1: // circle
				c, rad := Point{r.Float64() * 1000, r.Float64() * 700}, 20+r.Float64()*300
				for s := 0; s < 90; s++ {
					th := 2 * math.Pi * float64(s) / 90
					pl.Points = append(pl.Points, Point{c.X + rad*math.Cos(th), c.Y + rad*math.Sin(th)})
				}
				pl.Closed = true
			default: // wavy arc
				y0, amp, per := r.Float64()*700, r.Float64()*40, 50+r.Float64()*300
				for x := 0.0; x <= 1100; x += 10 {
					pl.Points = append(pl.Points, Point{x, y0 + amp*math.Sin(x/per*2*math.Pi)})
				}
			}
			lines = append(lines, LabeledLine{Level: lv, Text: FormatLevel(float64(lv) * 0.25), Line: pl})
		}
		opts := LabelOptions{Viewport: vp, PerLevel: 1 + r.IntN(4)}
		if r.IntN(2) == 0 {
			opts.Avoid = []Rect{{vp.MaxX - 150, vp.MinY, vp.MaxX, vp.MinY + 100}}
		}
		measure := func(s string) (float64, float64) { return float64(len(s))*(5+r.Float64()*6) + 4, 10 + r.Float64()*8 }
		labels := PlaceLabels(lines, identity, measure, opts)
		spacing := math.Min(vp.MaxX-vp.MinX, vp.MaxY-vp.MinY) / 4
		checkLabels(t, labels, opts, opts.PerLevel, spacing)
		total += len(labels)
	}
	if total < 200 {
		t.Errorf("only %d labels placed over all trials: placement too shy", total)
	}
}

// TestPlaceLabelsOnContours labels the iso-lines of the regression-race-like
// loss drawn into an 800x600 viewport with y pointing down.
func TestPlaceLabelsOnContours(t *testing.T) {
	z, dom := regressionLoss(200)
	levels := Levels(z, 10, Linear)
	project := func(p Point) (float64, float64) {
		return 40 + (p.X-dom.MinX)/(dom.MaxX-dom.MinX)*720, 580 - (p.Y-dom.MinY)/(dom.MaxY-dom.MinY)*560
	}
	var lines []LabeledLine
	for k, l := range levels {
		for _, pl := range Lines(z, 200, 200, dom, l) {
			lines = append(lines, LabeledLine{Level: k, Text: LevelText(l, Linear), Line: pl})
		}
	}
	opts := LabelOptions{Viewport: Rect{0, 0, 800, 600}}
	labels := PlaceLabels(lines, project, fixedMeasure, opts)
	checkLabels(t, labels, opts, 2, 150)
	labelled := map[int]bool{}
	for _, l := range labels {
		labelled[l.Level] = true
		// The label's centre lies on its line.
		sp := Project(lines[l.Line].Line, project)
		// Cutting away the line up to the gap's middle leaves a piece starting there.
		end := Cut(sp, [][2]float64{{0, (l.Gap[0] + l.Gap[1]) / 2}})[0][0]
		if math.Hypot(end.X-l.X, end.Y-l.Y) > 1e-6 {
			t.Errorf("label %q at (%g, %g) is off its line (%v)", l.Text, l.X, l.Y, end)
		}
	}
	if len(labelled) < len(levels)-2 {
		t.Errorf("only %d of %d levels labelled: %s", len(labelled), len(levels), fmt.Sprint(labels))
	}
}

func BenchmarkPlaceLabels(b *testing.B) {
	z, dom := regressionLoss(400)
	levels := Levels(z, 12, Linear)
	project := func(p Point) (float64, float64) {
		return 40 + (p.X-dom.MinX)/(dom.MaxX-dom.MinX)*1200, 1040 - (p.Y-dom.MinY)/(dom.MaxY-dom.MinY)*1000
	}
	var lines []LabeledLine
	for k, l := range levels {
		for _, pl := range Lines(z, 400, 400, dom, l) {
			lines = append(lines, LabeledLine{Level: k, Text: LevelText(l, Linear), Line: pl})
		}
	}
	opts := LabelOptions{Viewport: Rect{0, 0, 1280, 1080}}
	b.ReportAllocs()
	for b.Loop() {
		if len(PlaceLabels(lines, project, fixedMeasure, opts)) == 0 {
			b.Fatal("no labels")
		}
	}
}
