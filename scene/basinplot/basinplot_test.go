package basinplot

import (
	"image/color"
	"math"
	"strings"
	"testing"

	"descent/scene/basins"
	"descent/scene/surface"
)

// testMap returns a 4 x 4 map over [-2,2]^2 with one minimum at (1, 1):
// cells alternate minimum 0 fast, minimum 0 slow, none and diverged.
func testMap() *basins.Map {
	m := &basins.Map{N: 4, Domain: surface.Domain{XMin: -2, XMax: 2, YMin: -2, YMax: 2},
		Minima: []surface.Minimum{{X: 1, Y: 1}}, Steps: 10, Tol: 0.04,
		Outcome: make([]int16, 16), StepsTo: make([]int32, 16),
		EndX: make([]float64, 16), EndY: make([]float64, 16), Loss: make([]float64, 16)}
	for k := range 16 {
		switch k % 4 {
		case 1:
			m.StepsTo[k] = 10
		case 2:
			m.Outcome[k], m.StepsTo[k] = basins.None, 10
		case 3:
			m.Outcome[k], m.StepsTo[k] = basins.Diverged, 3
		}
	}
	return m
}

// TestRenderCells: every pixel of the map's rectangle away from the
// minimum's mark has its cell's colour, the cell read from the pixel's
// centre with row 0 at the bottom.
func TestRenderCells(t *testing.T) {
	m := testMap()
	panels := []Panel{{Title: "one", Map: m}, {Title: "two", Map: m}}
	o := Options{Width: 900, Height: 500, Title: "header"}
	img, err := Render(panels, o)
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != 900 || b.Dy() != 500 {
		t.Fatalf("size %v", b)
	}
	plots, err := Layout(panels, o)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range plots {
		if r.Dx() < 100 || r.Dx() != r.Dy() {
			t.Errorf("plot %v: want a square of at least 100 pixels (the domain is square)", r)
		}
		for py := r.Min.Y; py < r.Max.Y; py++ {
			for px := r.Min.X; px < r.Max.X; px++ {
				i := int((float64(px-r.Min.X) + 0.5) / float64(r.Dx()) * 4)
				j := 3 - int((float64(py-r.Min.Y)+0.5)/float64(r.Dy())*4)
				if mx, my := toPixel(m.Domain, r, 1, 1); math.Hypot(float64(px)-mx, float64(py)-my) < 24 {
					continue // the minimum's mark and label
				}
				if got, want := img.RGBAAt(px, py), m.CellColor(j*4+i); got != want {
					t.Fatalf("pixel (%d, %d) of cell (%d, %d) is %v, want %v", px, py, i, j, got, want)
				}
			}
		}
	}
}

// TestLayoutErrors: bad pictures are refused with a message naming why.
func TestLayoutErrors(t *testing.T) {
	m := testMap()
	other := *m
	other.Domain.XMax = 3
	tests := []struct {
		name   string
		panels []Panel
		o      Options
		want   string
	}{
		{"no maps", nil, Options{Width: 600, Height: 600}, "no maps to draw"},
		{"too narrow", []Panel{{Map: m}}, Options{Width: 199, Height: 600}, "size 199x600 out of bounds (each side 200..8192)"},
		{"too tall", []Panel{{Map: m}}, Options{Width: 600, Height: 9000}, "size 600x9000 out of bounds"},
		{"no room", []Panel{{Map: m}, {Map: m}, {Map: m}, {Map: m}}, Options{Width: 300, Height: 300}, "300x300 is too small for 4 maps"},
		{"no map", []Panel{{Map: m}, {}}, Options{Width: 600, Height: 600}, "a panel has no map"},
		{"two domains", []Panel{{Map: m}, {Map: &other}}, Options{Width: 900, Height: 600}, "different domains"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Render(tt.panels, tt.o)
			if err == nil || !strings.HasPrefix(err.Error(), "basinplot: ") || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want one saying %q", err, tt.want)
			}
		})
	}
}

// TestLegendWraps: a narrow picture puts the legend on more rows than a
// wide one, and every item is on some row.
func TestLegendWraps(t *testing.T) {
	m := testMap()
	wide, narrow := legendRows(m, 2000), legendRows(m, 300)
	count := func(rows []legendRow) int {
		n := 0
		for _, r := range rows {
			n += len(r)
		}
		return n
	}
	if len(wide) != 1 || len(narrow) < 3 {
		t.Errorf("legend rows: %d wide, %d narrow; want 1 and at least 3", len(wide), len(narrow))
	}
	if count(wide) != 4 || count(narrow) != 4 {
		t.Errorf("items: %d wide, %d narrow; want 4 (minimum, none, diverged, steps)", count(wide), count(narrow))
	}
}

// TestTicks: round ticks inside the range, written with the decimals
// their step needs.
func TestTicks(t *testing.T) {
	tests := []struct {
		lo, hi float64
		want   string
	}{
		{-5, 5, "-5.0 -2.5 0.0 2.5 5.0"},
		{-5.12, 5.12, "-5 0 5"},
		{0, 1, "0.00 0.25 0.50 0.75 1.00"},
		{-1, 3, "-1 0 1 2 3"},
	}
	for _, tt := range tests {
		ticks, step := niceTicks(tt.lo, tt.hi, 5)
		var got []string
		for _, v := range ticks {
			got = append(got, formatTick(v, step))
		}
		if strings.Join(got, " ") != tt.want {
			t.Errorf("ticks of [%g, %g] = %q, want %q", tt.lo, tt.hi, got, tt.want)
		}
	}
}

// TestCross: a minimum's mark is drawn light on dark, centred where asked.
func TestCross(t *testing.T) {
	c := newCanvas(40, 40, color.RGBA{0, 0, 255, 255})
	c.cross(20, 20, 6, outline, halo)
	if got := c.img.RGBAAt(20, 20); got.R < 200 || got.G < 200 {
		t.Errorf("centre %v, want the light stroke", got)
	}
	if got := c.img.RGBAAt(2, 2); got != (color.RGBA{0, 0, 255, 255}) {
		t.Errorf("corner %v, want the background", got)
	}
}

// TestManyMinima: with more minima than the legend names, it gives their
// indices alone, and a picture of the default size still has room for a
// map of at least 300 pixels.
func TestManyMinima(t *testing.T) {
	m := testMap()
	m.Minima = nil
	for i := range 40 {
		m.Minima = append(m.Minima, surface.Minimum{X: -1.9 + 0.09*float64(i), Y: 0})
	}
	rows := legendRows(m, 560)
	if got := rows[0][0].label; got != "0" {
		t.Errorf("first legend label %q, want the index alone", got)
	}
	w, h := DefaultSize(1)
	plots, err := Layout([]Panel{{Map: m}}, Options{Width: w, Height: h, Title: "header"})
	if err != nil {
		t.Fatal(err)
	}
	if plots[0].Dx() < 300 {
		t.Errorf("map %v, want at least 300 pixels wide", plots[0])
	}
	if _, err := Render([]Panel{{Title: strings.Repeat("long title ", 30), Map: m}}, Options{Width: w, Height: h, Title: strings.Repeat("header ", 50)}); err != nil {
		t.Error(err)
	}
}

// TestElide: text that does not fit ends in an ellipsis and then fits.
func TestElide(t *testing.T) {
	long := strings.Repeat("abc ", 40)
	got := elide(long, 100, 13, false)
	if !strings.HasSuffix(got, "…") || textWidth(got, 13, false) > 100 {
		t.Errorf("elide gave %q (%.0f px)", got, textWidth(got, 13, false))
	}
	if got := elide("short", 100, 13, false); got != "short" {
		t.Errorf("elide(short) = %q", got)
	}
}
