package mesh

import (
	"math"
	"testing"

	"descent/scene/surface"
)

func TestLevelCells(t *testing.T) {
	for _, tc := range []struct {
		cells, lines int
		want         []int
	}{
		// bowl-turntable's 400 samples: 19 grid lines 21 samples apart;
		// 133 and 57 divide 399 (every 3rd and 7th sample).
		{399, 19, []int{228, 133, 76, 38, 19}},
		// The window's 200: 199 is prime, 20 lines fall between samples.
		{199, 20, []int{120, 80, 40, 20}},
		{80, 20, []int{40, 20}},
		{24, 24, nil}, // small meshes have a line per cell: no level
		{1, 1, nil},
	} {
		got := LevelCells(tc.cells, tc.lines)
		if len(got) != len(tc.want) {
			t.Errorf("LevelCells(%d, %d) = %v, want %v", tc.cells, tc.lines, got, tc.want)
			continue
		}
		for i := range got {
			if got[i] != tc.want[i] {
				t.Errorf("LevelCells(%d, %d) = %v, want %v", tc.cells, tc.lines, got, tc.want)
				break
			}
		}
	}
	// Every list: multiples of the lines, each at least 1.4 times coarser.
	for cells := 2; cells <= 1000; cells += 7 {
		lines := DefaultLines(cells + 1)
		prev := cells
		for _, c := range LevelCells(cells, lines) {
			if c%lines != 0 || float64(prev) < minRatio*float64(c) || c < 4 {
				t.Fatalf("LevelCells(%d, %d): %d after %d", cells, lines, c, prev)
			}
			prev = c
		}
	}
}

// bowlMesh is the bowl of bowl-turntable over its domain at n samples.
func bowlMesh(t *testing.T, n int) *Mesh {
	t.Helper()
	g, err := Sample(surf(bowl, bowlDomain), bowlDomain, n)
	if err != nil {
		t.Fatal(err)
	}
	m, err := New(g, BoxOf(g), 0)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestCoarsenKeepsSamplesAndLines(t *testing.T) {
	m := bowlMesh(t, 400)
	c, err := m.Coarsen(133) // every third sample
	if err != nil {
		t.Fatal(err)
	}
	if c.N != 134 || c.Lines != m.Lines || c.Box != m.Box || c.Grid.Lo != m.Grid.Lo || c.Grid.Hi != m.Grid.Hi {
		t.Fatalf("N %d lines %d box %v range %g..%g", c.N, c.Lines, c.Box, c.Grid.Lo, c.Grid.Hi)
	}
	for j := range c.N {
		for i := range c.N {
			k, f := j*c.N+i, 3*j*m.N+3*i
			if c.T[k] != m.T[f] || c.U[k] != m.U[f] || c.V[k] != m.V[f] {
				t.Fatalf("sample %d,%d: T %v U %v V %v, full mesh %v %v %v", i, j, c.T[k], c.U[k], c.V[k], m.T[f], m.U[f], m.V[f])
			}
			for d := range 3 {
				if c.Pos[3*k+d] != m.Pos[3*f+d] || math.Abs(float64(c.Normal[3*k+d]-m.Normal[3*f+d])) > 1e-6 {
					t.Fatalf("sample %d,%d: position %v normal %v, full mesh %v %v", i, j, c.Pos[3*k:3*k+3], c.Normal[3*k:3*k+3], m.Pos[3*f:3*f+3], m.Normal[3*f:3*f+3])
				}
			}
		}
	}
	// A level between samples still has its grid lines on rows of
	// vertices: 19 lines over 76 cells, one every 4.
	c, err = m.Coarsen(76)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < c.N; i += 4 {
		if u := c.U[i]; u != float32(math.Round(float64(u))) {
			t.Fatalf("column %d: grid coordinate %v", i, u)
		}
	}
	if _, err := m.Coarsen(399); err == nil {
		t.Error("Coarsen to the full size succeeded")
	}
}

func TestCompareMeasuresTheChord(t *testing.T) {
	// A plane: every level is exact.
	plane := func(x, y float64) float64 { return x + 2*y }
	g, err := Sample(surf(plane, bowlDomain), bowlDomain, 201)
	if err != nil {
		t.Fatal(err)
	}
	pm, err := New(g, BoxOf(g), 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, cells := range LevelCells(200, pm.Lines) {
		c, err := pm.Coarsen(cells)
		if err != nil {
			t.Fatal(err)
		}
		for b, e := range pm.Compare(c) {
			if e.Pos > 1e-6 || e.Normal > 1e-3 || e.T > 1e-6 || math.Abs(e.Edge-2/float64(cells)) > 1e-5 {
				t.Fatalf("plane, %d cells, block %d: %+v", cells, b, e)
			}
		}
	}
	// The bowl in world units is 0.8(x^2 + y^2) - 0.8: a triangle with
	// legs h strays from it by at most 0.4h^2, at the middle of its long
	// side. The full mesh strays by 0.4(2/399)^2 from the surface, and a
	// level between its samples inherits that.
	m := bowlMesh(t, 400)
	hf := 2.0 / 399
	for _, cells := range LevelCells(399, m.Lines) {
		c, err := m.Coarsen(cells)
		if err != nil {
			t.Fatal(err)
		}
		h := 2 / float64(cells)
		worst := 0.0
		for _, e := range m.Compare(c) {
			worst = math.Max(worst, e.Pos)
		}
		if hi, lo := 0.4*(h*h+hf*hf)+1e-6, 0.3*h*h; worst > hi || worst < lo {
			t.Errorf("%d cells: strays by %.3g, want %.3g..%.3g", cells, worst, lo, hi)
		}
	}
}

func TestCompareWhereCellsAreLeftOut(t *testing.T) {
	// Undefined outside the unit disc: the outline is the disc's edge,
	// drawn cell by cell.
	d := surface.Domain{XMin: -1.2, XMax: 1.2, YMin: -1.2, YMax: 1.2}
	f := func(x, y float64) float64 { return math.Sqrt(1 - x*x - y*y) }
	g, err := Sample(surf(f, d), d, 161)
	if err != nil {
		t.Fatal(err)
	}
	m, err := New(g, BoxOf(g), 0)
	if err != nil {
		t.Fatal(err)
	}
	c, err := m.Coarsen(40)
	if err != nil {
		t.Fatal(err)
	}
	errs := m.Compare(c)
	bounds := m.BlockBounds()
	diag := math.Hypot(2.0/40, 2.0/40)
	outside, edge := 0, 0
	for b, e := range errs {
		bi, bj := b%Blocks, b/Blocks
		// The block's middle, in the domain.
		x := d.XMin + (float64(bi)+0.5)/Blocks*(d.XMax-d.XMin)
		y := d.YMin + (float64(bj)+0.5)/Blocks*(d.YMax-d.YMin)
		r := math.Hypot(x, y)
		switch {
		case r > 1.3: // wholly outside the disc: nothing drawn
			outside++
			if bounds[b].Lo[0] <= bounds[b].Hi[0] {
				t.Errorf("block %d,%d (r %.2f) outside the disc has a box %v", bi, bj, r, bounds[b])
			}
		case math.Abs(r-1) < 0.03: // the edge runs through it
			edge++
			if e.Pos < diag {
				t.Errorf("block %d,%d on the disc's edge: strays by %.3g, want a coarse cell's diagonal %.3g", bi, bj, e.Pos, diag)
			}
		}
	}
	if outside == 0 || edge == 0 {
		t.Errorf("%d blocks outside the disc, %d on its edge", outside, edge)
	}
	// Every drawn vertex lies in its blocks' boxes.
	n, cells := m.N, m.N-1
	for j := range cells {
		for i := range cells {
			if g.Holes != nil && g.Holes[j*cells+i] {
				continue
			}
			bb := bounds[(j*Blocks/cells)*Blocks+i*Blocks/cells]
			k := j*n + i
			for dd := range 3 {
				if v := float64(m.Pos[3*k+dd]); v < bb.Lo[dd] || v > bb.Hi[dd] {
					t.Fatalf("vertex %d,%d at %v outside its block's box %v", i, j, m.Pos[3*k:3*k+3], bb)
				}
			}
		}
	}
}
