package plot

import (
	"math"
	"strings"
	"testing"
)

func TestNiceTicks(t *testing.T) {
	tests := []struct {
		lo, hi float64
		want   []string
	}{
		{0, 18, []string{"0", "5", "10", "15"}},
		{-1, 5, []string{"0", "2", "4"}},
		{-2, 2, []string{"-2", "-1", "0", "1", "2"}},
		{-1, 1, []string{"-1.0", "-0.5", "0.0", "0.5", "1.0"}},
		{0, 1e6, []string{"0", "2e+05", "4e+05", "6e+05", "8e+05", "1e+06"}},
		{0.001, 0.0021, []string{"0.00100", "0.00125", "0.00150", "0.00175", "0.00200"}},
		{3, 3, nil},
	}
	for _, tt := range tests {
		vals, step := NiceTicks(tt.lo, tt.hi, 6)
		var got []string
		for _, v := range vals {
			if v < tt.lo-1e-12 || v > tt.hi+1e-12 {
				t.Errorf("NiceTicks(%g, %g) gave %g outside the range", tt.lo, tt.hi, v)
			}
			got = append(got, FormatTick(v, step))
		}
		if strings.Join(got, " ") != strings.Join(tt.want, " ") {
			t.Errorf("ticks of %g..%g = %q, want %q", tt.lo, tt.hi, got, tt.want)
		}
	}
	for _, tt := range []struct {
		v    float64
		want string
	}{{0, "0"}, {1.23456, "1.235"}, {2.65e-9, "2.65e-09"}, {-7.34e9, "-7.34e+09"}, {math.NaN(), "NaN"}, {math.Inf(1), "+Inf"}} {
		if got := FormatValue(tt.v); got != tt.want {
			t.Errorf("FormatValue(%v) = %q, want %q", tt.v, got, tt.want)
		}
	}
}

func TestPlot2DRoundTrip(t *testing.T) {
	tests := []struct {
		name  string
		home  DataRect
		equal bool
		px    Rect
	}{
		{"square equal", DataRect{-10, 10, -10, 10}, true, Rect{100, 50, 900, 650}},
		{"wide equal", DataRect{-3, 3, -2, 2}, true, Rect{0, 0, 500, 500}},
		{"curve", DataRect{-7, 9, 0, 50}, false, Rect{60, 40, 1200, 680}},
	}
	for _, tt := range tests {
		p := NewTransform(tt.home, tt.equal)
		p.Fit(tt.px)
		// Home's corners land on the pixel rectangle's corners.
		x0, y1 := p.ToPixel(tt.home.X0, tt.home.Y0)
		x1, y0 := p.ToPixel(tt.home.X1, tt.home.Y1)
		if math.Abs(x0-p.Px.X0) > 1 || math.Abs(x1-p.Px.X1) > 1 || math.Abs(y0-p.Px.Y0) > 1 || math.Abs(y1-p.Px.Y1) > 1 {
			t.Errorf("%s: home maps to %v,%v..%v,%v, pixels %v", tt.name, x0, y0, x1, y1, p.Px)
		}
		if tt.equal && math.Abs(p.SX-p.SY) > 1e-9 {
			t.Errorf("%s: scales %v and %v differ", tt.name, p.SX, p.SY)
		}
		// Zooming keeps the point under the cursor in place.
		cx, cy := p.Px.X0+p.Px.W()*0.3, p.Px.Y0+p.Px.H()*0.7
		dx, dy := p.ToData(cx, cy)
		p.ZoomAt(2.5, cx, cy)
		if gx, gy := p.ToPixel(dx, dy); math.Hypot(gx-cx, gy-cy) > 1e-6 {
			t.Errorf("%s: zoom moved the point under the cursor to %v,%v", tt.name, gx, gy)
		}
		// Panning moves by the drag.
		p.PanBy(30, -20)
		if gx, gy := p.ToPixel(dx, dy); math.Hypot(gx-cx-30, gy-cy+20) > 1e-6 {
			t.Errorf("%s: pan moved the point to %v,%v, want %v,%v", tt.name, gx, gy, cx+30, cy-20)
		}
	}
}

// TestNiceTicksAtLeastThree: a short axis asking for few ticks still gets
// three, not the single one the coarsest round step would give.
func TestNiceTicksAtLeastThree(t *testing.T) {
	tests := []struct {
		lo, hi float64
		want   int
		ticks  []float64
	}{
		{-7, 9, 4, []float64{-5, 0, 5}},
		{0, 1, 2, []float64{0, 0.5, 1}},
		{-1, 5, 4, []float64{0, 2, 4}},
	}
	for _, tt := range tests {
		got, _ := NiceTicks(tt.lo, tt.hi, tt.want)
		if len(got) != len(tt.ticks) {
			t.Errorf("NiceTicks(%v, %v, %d) = %v, want %v", tt.lo, tt.hi, tt.want, got, tt.ticks)
			continue
		}
		for i := range got {
			if math.Abs(got[i]-tt.ticks[i]) > 1e-12 {
				t.Errorf("NiceTicks(%v, %v, %d) = %v, want %v", tt.lo, tt.hi, tt.want, got, tt.ticks)
				break
			}
		}
	}
}

func TestRoundToAndFormatPoint(t *testing.T) {
	tests := []struct {
		v    float64
		d    int
		want float64
	}{
		{0.012345, 3, 0.0123}, {123456, 2, 120000}, {-2.71828, 3, -2.72}, {0, 3, 0}, {9.996, 3, 10},
	}
	for _, tt := range tests {
		if got := RoundTo(tt.v, tt.d); math.Abs(got-tt.want) > 1e-12*math.Abs(tt.want) {
			t.Errorf("RoundTo(%v, %d) = %v, want %v", tt.v, tt.d, got, tt.want)
		}
	}
	if math.Inf(1) != RoundTo(math.Inf(1), 3) || !math.IsNaN(RoundTo(math.NaN(), 3)) {
		t.Error("RoundTo changed a non-finite value")
	}
	if got := FormatPoint([]float64{1.23456, -0.5}); got != "1.235, -0.5" {
		t.Errorf("FormatPoint = %q", got)
	}
}

func TestLogTicks(t *testing.T) {
	tests := []struct {
		name       string
		lo, hi     float64
		room       float64
		labels     []string
		wantMinors bool
	}{
		{"two decades", -1, 1, 10, []string{"0.1", "0.2", "0.5", "1", "2", "5", "10"}, true},
		{"two decades, short", -1, 1, 1, []string{"0.1", "0.2", "0.5", "1", "2", "5", "10"}, false},
		{"six decades, tall", -3, 3, 12, []string{"1e-3", "0.01", "0.1", "1", "10", "100", "1000"}, true},
		{"six decades, short: every other", -3, 3, 4, []string{"0.01", "1", "100"}, false},
		{"far decades", -8, -5, 8, []string{"1e-8", "1e-7", "1e-6", "1e-5"}, true},
	}
	for _, tt := range tests {
		var labels []string
		minors := false
		for _, tk := range LogTicks(tt.lo, tt.hi, tt.room) {
			if tk.V < tt.lo-1e-9 || tk.V > tt.hi+1e-9 {
				t.Errorf("%s: tick %v outside [%v, %v]", tt.name, tk.V, tt.lo, tt.hi)
			}
			if tk.Minor {
				minors = true
				if tk.S != "" {
					t.Errorf("%s: minor tick labelled %q", tt.name, tk.S)
				}
				continue
			}
			labels = append(labels, tk.S)
		}
		if strings.Join(labels, " ") != strings.Join(tt.labels, " ") {
			t.Errorf("%s: labels %q, want %q", tt.name, labels, tt.labels)
		}
		if minors != tt.wantMinors {
			t.Errorf("%s: minor lines %v, want %v", tt.name, minors, tt.wantMinors)
		}
	}
}

func TestRectAndTextBox(t *testing.T) {
	r := Rect{10, 20, 110, 70}
	if r.W() != 100 || r.H() != 50 || r.Empty() || !(Rect{}).Empty() {
		t.Errorf("size of %v wrong", r)
	}
	if !r.Contains(10, 20) || r.Contains(110, 50) || r.Contains(50, 70) {
		t.Error("Contains is not half-open")
	}
	if got := r.Inset(5, 5, 10, 10); got != (Rect{15, 25, 100, 60}) {
		t.Errorf("Inset = %v", got)
	}
	if got := r.Union(Rect{0, 30, 20, 90}); got != (Rect{0, 20, 110, 90}) {
		t.Errorf("Union = %v", got)
	}
	if r.Overlaps(Rect{110, 20, 120, 30}) || !r.Overlaps(Rect{109, 69, 120, 80}) {
		t.Error("Overlaps wrong at the edges")
	}
	tx := Text{X: 100, Y: 50, AX: 1, AY: 0.5, W: 40, H: 10}
	if got := tx.Box(); got != (Rect{60, 45, 100, 55}) {
		t.Errorf("Box = %v", got)
	}
}

// TestMathLayout: a script is smaller than its base and sits above (^) or
// below (_) it; the width is the pieces' widths; the box holds them.
func TestMathLayout(t *testing.T) {
	pieces, w, h := layoutMath(Rough, `x_t^{2} \alpha`, 20)
	if len(pieces) != 4 {
		t.Fatalf("pieces %+v", pieces)
	}
	base, sub, sup := pieces[0], pieces[1], pieces[2]
	if !(sub.size < base.size && sup.size < base.size) || !(sub.dy > base.dy) || !(sup.dy < base.dy) {
		t.Errorf("base %+v, subscript %+v, superscript %+v", base, sub, sup)
	}
	sum := 0.0
	for _, p := range pieces {
		pw, _ := Rough(p.text, p.size)
		sum += pw
		if p.dy < 0 || p.dy+p.size > h {
			t.Errorf("piece %+v leaves the box of height %v", p, h)
		}
	}
	if math.Abs(sum-w) > 1e-9 {
		t.Errorf("width %v, pieces %v", w, sum)
	}
	if w2, h2 := MeasureMath(Rough, `x_t^{2} \alpha`, 20); w2 != w || h2 != h {
		t.Errorf("MeasureMath %v %v, layout %v %v", w2, h2, w, h)
	}
}
