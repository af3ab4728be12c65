package contour

import (
	"fmt"
	"math"
)

// Band is the region of the grid between two consecutive levels, as
// triangles in domain coordinates (three points per triangle) ready for a
// triangle renderer.
//
// For levels l[0] < l[1] < ... < l[n-1], band Index 0 holds the values
// below l[0], band k (1 <= k < n) the values v with l[k-1] <= v < l[k], and
// band n the values at or above l[n-1]; so the bands cover every cell
// without holes, whether or not the levels span the data.
type Band struct {
	Index     int
	Triangles []Point
}

// CheckLevels reports why levels cannot be used by Bands, or nil: they must
// be finite and strictly increasing.
func CheckLevels(levels []float64) error {
	for k, l := range levels {
		if !finite(l) {
			return fmt.Errorf("contour: level %d is %v, not a finite number", k, l)
		}
		if k > 0 && l <= levels[k-1] {
			return fmt.Errorf("contour: levels must increase, but level %d (%v) follows %v", k, l, levels[k-1])
		}
	}
	return nil
}

// BandOf returns the Index of the band holding value v: the number of
// levels at or below v (increasing levels, see Band). A shader colouring
// per pixel should classify the same way, so that it agrees with Bands. NaN
// gives 0.
func BandOf(v float64, levels []float64) int {
	lo, hi := 0, len(levels)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if levels[m] <= v {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// Bands fills the regions between the levels with triangles (see Band for
// which values each band holds). Their edges are exactly the iso-lines of
// Lines: the same crossings on grid edges, joined by the same straight
// chords, saddles resolved by the same cell-centre average. Whole cells of
// one band are merged along each grid row into rectangles, so smooth areas
// cost two triangles per run. Cells with a NaN or infinite corner are left
// empty (holes).
//
// Only bands with triangles are returned, in increasing Index. Bands returns
// nil when CheckGrid rejects the grid or CheckLevels rejects the levels.
func Bands(z []float64, nx, ny int, dom Rect, levels []float64) []Band {
	if CheckGrid(z, nx, ny, dom) != nil || CheckLevels(levels) != nil {
		return nil
	}
	xs, ys := axis(dom.MinX, dom.MaxX, nx), axis(dom.MinY, dom.MaxY, ny)
	tris := make([][]Point, len(levels)+1)
	bandOf := func(v float64) int { return BandOf(v, levels) }
	rect := func(b int, x0, x1, y0, y1 float64) {
		tris[b] = append(tris[b], Point{x0, y0}, Point{x1, y0}, Point{x1, y1},
			Point{x0, y0}, Point{x1, y1}, Point{x0, y1})
	}
	var c cell
	prev := make([]int, nx) // band of each sample of the previous row
	cur := make([]int, nx)
	for i := 0; i < nx; i++ {
		prev[i] = bandOf(z[i])
	}
	for j := 0; j < ny-1; j++ {
		r0, r1 := z[j*nx:j*nx+nx], z[(j+1)*nx:(j+1)*nx+nx]
		for i, v := range r1 {
			cur[i] = bandOf(v)
		}
		run, runBand := -1, 0 // start of the current run of whole cells
		flush := func(end int) {
			if run >= 0 {
				rect(runBand, xs[run], xs[end], ys[j], ys[j+1])
				run = -1
			}
		}
		for i := 0; i < nx-1; i++ {
			v0, v1, v2, v3 := r0[i], r0[i+1], r1[i+1], r1[i]
			if !finite(v0) || !finite(v1) || !finite(v2) || !finite(v3) {
				flush(i)
				continue
			}
			b0, b1, b2, b3 := prev[i], prev[i+1], cur[i+1], cur[i]
			if b0 == b1 && b1 == b2 && b2 == b3 {
				if run >= 0 && runBand != b0 {
					flush(i)
				}
				if run < 0 {
					run, runBand = i, b0
				}
				continue
			}
			flush(i)
			bmin, bmax := min(b0, b1, b2, b3), max(b0, b1, b2, b3)
			c.set(xs[i], xs[i+1], ys[j], ys[j+1], v0, v1, v2, v3)
			for b := bmin; b <= bmax; b++ {
				lo, hi := math.Inf(-1), math.Inf(1)
				if b > 0 {
					lo = levels[b-1]
				}
				if b < len(levels) {
					hi = levels[b]
				}
				tris[b] = c.band(tris[b], lo, hi)
			}
		}
		flush(nx - 1)
		prev, cur = cur, prev
	}
	var out []Band
	for b, t := range tris {
		if len(t) > 0 {
			out = append(out, Band{Index: b, Triangles: t})
		}
	}
	return out
}

// cell is one grid cell being split into bands: corners counter-clockwise
// from (i,j), edge k from corner k to corner k+1.
type cell struct {
	p [4]Point
	v [4]float64
	// scratch for the boundary walk
	pts   [12]bpoint
	n     int
	chord [2][4]int8 // per level (0 lo, 1 hi): partner edge of each crossed edge
	at    [2][4]int8 // per level: index in pts of its crossing on edge k, -1 if none
	poly  [12]Point
}

// bpoint is a point on the cell's boundary: a corner or a level crossing.
type bpoint struct {
	p     Point
	level int8 // -1 corner, 0 lo crossing, 1 hi crossing
	edge  int8
	in    bool // the boundary is inside the band just after this point
	used  bool
}

func (c *cell) set(x0, x1, y0, y1, v0, v1, v2, v3 float64) {
	c.p = [4]Point{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}}
	c.v = [4]float64{v0, v1, v2, v3}
}

// crossing returns where level crosses edge k, computed from the edge's
// lower-numbered grid sample as Lines does.
func (c *cell) crossing(k int, level float64) Point {
	a, b := k, (k+1)&3
	if k >= 2 { // top and left edges run against the grid's numbering
		a, b = b, a
	}
	return cross(c.p[a].X, c.p[a].Y, c.p[b].X, c.p[b].Y, c.v[a], c.v[b], level)
}

// pairs fills c.chord[m] with the chord partners of level in this cell, as
// Lines pairs them.
func (c *cell) pairs(m int, level float64) {
	cs := 0
	for k := 0; k < 4; k++ {
		if c.v[k] >= level {
			cs |= 1 << k
		}
	}
	centre := 0
	if cs == 5 || cs == 10 {
		if (c.v[0]+c.v[1]+c.v[2]+c.v[3])/4 >= level {
			centre = 1
		}
	}
	t := &chordTable[cs][centre]
	for i := 0; i < t.n; i++ {
		c.chord[m][t.from[i]] = t.to[i]
		c.chord[m][t.to[i]] = t.from[i]
	}
}

// band appends to tris the triangles of the part of the cell with values in
// [lo, hi) (lo may be -Inf, hi +Inf). It walks the cell's boundary counter-
// clockwise; where the boundary leaves the band at a crossing it follows
// that level's chord to the partner crossing and goes on from there.
func (c *cell) band(tris []Point, lo, hi float64) []Point {
	c.n = 0
	c.at = [2][4]int8{{-1, -1, -1, -1}, {-1, -1, -1, -1}}
	levels := [2]float64{lo, hi}
	inBand := func(v float64) bool { return v >= lo && v < hi }
	crossings := 0
	for k := 0; k < 4; k++ {
		va, vb := c.v[k], c.v[(k+1)&3]
		c.pts[c.n] = bpoint{p: c.p[k], level: -1, edge: int8(k), in: inBand(va)}
		c.n++
		order := [2]int{0, 1} // rising edge: lo is crossed first
		if va > vb {
			order = [2]int{1, 0}
		}
		for _, m := range order {
			l := levels[m]
			if !finite(l) || (va >= l) == (vb >= l) {
				continue
			}
			in := vb >= l // entering above lo
			if m == 1 {
				in = vb < hi // entering below hi
			}
			c.at[m][k] = int8(c.n)
			c.pts[c.n] = bpoint{p: c.crossing(k, l), level: int8(m), edge: int8(k), in: in}
			c.n++
			crossings++
		}
	}
	if crossings == 0 {
		if inBand(c.v[0]) {
			return append(tris, c.p[0], c.p[1], c.p[2], c.p[0], c.p[2], c.p[3])
		}
		return tris
	}
	for m, l := range levels {
		if finite(l) {
			c.pairs(m, l)
		}
	}
	for s := 0; s < c.n; s++ {
		if c.pts[s].level < 0 || !c.pts[s].in || c.pts[s].used {
			continue
		}
		np := 0
		for cur, steps := s, 0; steps <= 2*c.n; steps++ {
			q := &c.pts[cur]
			q.used = q.level >= 0 && q.in
			if np == 0 || c.poly[np-1] != q.p {
				if np == len(c.poly) {
					break // cannot happen for consistent chords
				}
				c.poly[np] = q.p
				np++
			}
			if q.in {
				cur = (cur + 1) % c.n
			} else {
				cur = int(c.at[q.level][c.chord[q.level][q.edge]])
			}
			if cur == s || cur < 0 {
				break
			}
		}
		if np > 1 && c.poly[np-1] == c.poly[0] {
			np--
		}
		for t := 1; t+1 < np; t++ {
			tris = append(tris, c.poly[0], c.poly[t], c.poly[t+1])
		}
	}
	return tris
}
