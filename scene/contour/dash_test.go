package contour

import (
	"math"
	"math/rand/v2"
	"testing"
)

func pieceLen(p []Point2) float64 { return Length(p) }

func totalLen(ps [][]Point2) float64 {
	t := 0.0
	for _, p := range ps {
		t += pieceLen(p)
	}
	return t
}

// wantOn is the drawn length of a pattern over length L from phase 0.
func wantOn(L, on, off float64) float64 {
	p := on + off
	full := math.Floor(L / p)
	return full*on + math.Min(L-full*p, on)
}

func TestDash(t *testing.T) {
	for _, tc := range []struct {
		name    string
		pl      []Point2
		on, off float64
		pieces  int
	}{
		{"straight", []Point2{{0, 0}, {100, 0}}, 10, 5, 7},
		{"corner inside a dash", []Point2{{0, 0}, {0, 30}, {40, 30}}, 7, 3, 7},
		{"many short segments", []Point2{{0, 0}, {1, 1}, {2, 0}, {3, 1}, {4, 0}, {5, 1}, {6, 0}}, 0.5, 0.25, -1},
		{"pattern longer than the line", []Point2{{0, 0}, {3, 4}}, 10, 10, 1},
		{"ends exactly after a dash", []Point2{{0, 0}, {25, 0}}, 10, 5, 2},
		{"repeated points", []Point2{{0, 0}, {5, 0}, {5, 0}, {5, 0}, {20, 0}}, 4, 4, 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := Dash(tc.pl, tc.on, tc.off)
			L := Length(tc.pl)
			if got, want := totalLen(d), wantOn(L, tc.on, tc.off); math.Abs(got-want) > 1e-9 {
				t.Errorf("drawn length %g, want %g", got, want)
			}
			if tc.pieces >= 0 && len(d) != tc.pieces {
				t.Errorf("%d dashes, want %d", len(d), tc.pieces)
			}
			for i, p := range d {
				l := pieceLen(p)
				if l > tc.on+1e-9 || (i < len(d)-1 && math.Abs(l-tc.on) > 1e-9) {
					t.Errorf("dash %d has length %g (on %g)", i, l, tc.on)
				}
			}
		})
	}
}

func TestDashRandomAndPhase(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for trial := 0; trial < 50; trial++ {
		pl := make([]Point2, 2+r.IntN(40))
		for i := range pl {
			pl[i] = Point2{r.Float64() * 300, r.Float64() * 200}
		}
		on, off := 1+r.Float64()*20, 1+r.Float64()*10
		L := Length(pl)
		d := Dash(pl, on, off)
		if got, want := totalLen(d), wantOn(L, on, off); math.Abs(got-want) > 1e-7 {
			t.Fatalf("trial %d: drawn %g, want %g", trial, got, want)
		}
		// Split the line in two and continue the phase: same drawn length.
		k := 1 + r.IntN(len(pl)-1)
		d1, ph := DashPhase(pl[:k+1], on, off, 0)
		d2, _ := DashPhase(pl[k:], on, off, ph)
		if got := totalLen(d1) + totalLen(d2); math.Abs(got-totalLen(d)) > 1e-7 {
			t.Fatalf("trial %d: split dashes draw %g, whole %g", trial, got, totalLen(d))
		}
	}
}

func TestDashEdgeCases(t *testing.T) {
	line := []Point2{{0, 0}, {10, 0}, {10, 10}}
	if d := Dash(line, 0, 5); d != nil {
		t.Errorf("on = 0 gave %v", d)
	}
	if d := Dash(line, math.NaN(), 5); d != nil {
		t.Errorf("on = NaN gave %v", d)
	}
	if d := Dash(line, 3, 0); len(d) != 1 || len(d[0]) != 3 || totalLen(d) != 20 {
		t.Errorf("off = 0 gave %v, want the whole line", d)
	}
	if d, _ := DashPhase([]Point2{{0, 0}, {10, 0}}, 4, 6, 4); len(d) != 1 || d[0][0].X != 6 {
		t.Errorf("phase = on should start with the gap: %v", d)
	}
	if d := Dash(nil, 1, 1); d != nil {
		t.Errorf("empty line gave %v", d)
	}
	// A NaN point breaks the line; the pattern does not advance over it.
	broken := []Point2{{0, 0}, {10, 0}, {math.NaN(), 0}, {20, 0}, {30, 0}}
	d := Dash(broken, 4, 1)
	for _, p := range d {
		for _, q := range p {
			if !finite2(q) {
				t.Fatalf("dash holds %v", q)
			}
		}
	}
	if got, want := totalLen(d), wantOn(20, 4, 1); math.Abs(got-want) > 1e-9 {
		t.Errorf("broken line draws %g, want %g", got, want)
	}
}

func TestCut(t *testing.T) {
	line := []Point2{{0, 0}, {60, 0}, {60, 40}} // length 100
	for _, tc := range []struct {
		name string
		gaps [][2]float64
		want []float64 // piece lengths
	}{
		{"none", nil, []float64{100}},
		{"one", [][2]float64{{10, 20}}, []float64{10, 80}},
		{"overlapping, unsorted", [][2]float64{{80, 90}, {15, 30}, {10, 20}}, []float64{10, 50, 10}},
		{"across the corner", [][2]float64{{55, 65}}, []float64{55, 35}},
		{"from the start", [][2]float64{{-5, 5}}, []float64{95}},
		{"to the end", [][2]float64{{95, 200}}, []float64{95}},
		{"empty gap ignored", [][2]float64{{50, 50}}, []float64{100}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ps := Cut(line, tc.gaps)
			if len(ps) != len(tc.want) {
				t.Fatalf("%d pieces %v, want %d", len(ps), ps, len(tc.want))
			}
			for i, p := range ps {
				if math.Abs(pieceLen(p)-tc.want[i]) > 1e-9 {
					t.Errorf("piece %d has length %g, want %g", i, pieceLen(p), tc.want[i])
				}
			}
		})
	}
}

func TestProject(t *testing.T) {
	ring := Polyline{Points: []Point{{0, 0}, {1, 0}, {1, 1}}, Closed: true}
	sp := Project(ring, func(p Point) (float64, float64) { return 10 * p.X, 100 - 10*p.Y })
	want := []Point2{{0, 100}, {10, 100}, {10, 90}, {0, 100}}
	if len(sp) != len(want) {
		t.Fatalf("got %v", sp)
	}
	for i := range want {
		if sp[i] != want[i] {
			t.Fatalf("got %v, want %v", sp, want)
		}
	}
	if got := Length(sp); math.Abs(got-(20+10*math.Sqrt2)) > 1e-12 {
		t.Errorf("ring length %g", got)
	}
}
