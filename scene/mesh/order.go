package mesh

import (
	"math"

	"descent/scene/parallel"
)

// Viewpoint says where the camera looks from, in grid coordinates: the
// eye's x and y measured in samples (sample (i, j) sits at (i, j)), or, for
// an orthographic camera, the horizontal view direction.
type Viewpoint struct {
	// X and Y are the eye's position over the grid (perspective), in samples.
	X, Y float64
	// Ortho says the view is orthographic: DirX, DirY (the horizontal part
	// of the view direction, eye towards scene) are used instead of X, Y.
	Ortho      bool
	DirX, DirY float64
}

// ViewpointFromWorld converts a world-space eye position (perspective) or
// view direction (orthographic) into a Viewpoint for a mesh of n samples
// per side spanning [-WorldXY, WorldXY].
func ViewpointFromWorld(n int, ortho bool, eyeX, eyeY, dirX, dirY float64) Viewpoint {
	s := float64(n-1) / (2 * WorldXY)
	if ortho {
		return Viewpoint{Ortho: true, DirX: dirX, DirY: dirY}
	}
	return Viewpoint{X: (eyeX + WorldXY) * s, Y: (eyeY + WorldXY) * s}
}

// far is where an orthographic eye is put: farther than any grid.
const far = 1e12

// eye returns the viewpoint as an eye position in samples.
func (v Viewpoint) eye(n int) (x, y float64) {
	if !v.Ortho {
		x, y = v.X, v.Y
		if math.IsNaN(x) {
			x = 0
		}
		if math.IsNaN(y) {
			y = 0
		}
		return math.Max(-far, math.Min(far, x)), math.Max(-far, math.Min(far, y))
	}
	c := float64(n-1) / 2
	dx, dy := v.DirX, v.DirY
	l := math.Hypot(dx, dy)
	if !(l > 1e-12) || math.IsInf(l, 0) {
		return c, c // looking straight down: any order will do
	}
	return c - dx/l*far, c - dy/l*far
}

// cellOrder fills order with the cell indices 0..cells-1 along one axis,
// farthest from the eye coordinate e first: the cells wholly below e in
// increasing order, those wholly above in decreasing order, and the cell
// containing e last.
func cellOrder(order []int32, cells int, e float64) []int32 {
	order = order[:0]
	// Cells [0, lo) lie below e, cells [hi, cells) above it.
	lo := int(math.Floor(e))
	lo = max(0, min(lo, cells))
	hi := int(math.Ceil(e))
	hi = max(0, min(hi, cells))
	for i := range lo {
		order = append(order, int32(i))
	}
	for i := cells - 1; i >= hi; i-- {
		order = append(order, int32(i))
	}
	if hi-lo == 1 {
		order = append(order, int32(lo))
	}
	return order
}

// Order is a reusable builder of back-to-front triangle orders.
type Order struct {
	rows, cols []int32
	// Indices holds the triangle indices (three per triangle) of the last
	// Build, farthest triangle first.
	Indices []uint32
	key     orderKey
	valid   bool
}

type orderKey struct {
	n            int
	ex, ey, diag int64
	exOn, eyOn   bool // the eye lies exactly on a grid line
	holes        *bool
}

// Build fills o.Indices with the triangles of an n x n grid (two per cell,
// vertex k = j*n+i, cells listed in holes skipped) in an order such that no
// triangle is drawn after a triangle it lies behind, as seen from v. It
// walks the rows from the far side towards the eye and, within each row,
// the cells from the far side towards the eye: along any line of sight
// from the eye, the x and y cell indices move monotonically away from the
// eye's, so every cell that can hide another comes later. Within a cell,
// the triangle on the eye's side of the diagonal comes second. Build
// reuses the previous order when the viewpoint has not crossed a cell
// boundary; it reports whether it rebuilt.
func (o *Order) Build(n int, v Viewpoint, holes []bool) bool {
	if n < 2 {
		o.Indices = o.Indices[:0]
		return true
	}
	ex, ey := v.eye(n)
	key := orderKey{
		n:  n,
		ex: clampKey(math.Floor(ex), -1, n), ey: clampKey(math.Floor(ey), -1, n),
		diag: clampKey(math.Ceil(ex-ey), -n, n), holes: firstHole(holes),
		exOn: ex == math.Floor(ex), eyOn: ey == math.Floor(ey),
	}
	if o.valid && key == o.key && len(o.Indices) > 0 {
		return false
	}
	cells := n - 1
	o.cols = cellOrder(o.cols, cells, ex)
	o.rows = cellOrder(o.rows, cells, ey)
	need := 6 * cells * cells
	if cap(o.Indices) < need {
		o.Indices = make([]uint32, need)
	}
	idx := o.Indices[:need]
	d := ex - ey
	nn := uint32(n)
	// writeRows writes the cells of rows o.rows[r0:r1] from index w on and
	// returns where it stopped.
	writeRows := func(r0, r1, w int) int {
		for _, j := range o.rows[r0:r1] {
			row := uint32(j) * nn
			for _, i := range o.cols {
				if holes != nil && holes[int(j)*cells+int(i)] {
					continue
				}
				v00 := row + uint32(i)
				v10, v01, v11 := v00+1, v00+nn, v00+nn+1
				// Triangle a = (v00, v10, v11) has x - y >= i - j; b the rest.
				if d > float64(i-j) {
					idx[w], idx[w+1], idx[w+2] = v00, v11, v01
					idx[w+3], idx[w+4], idx[w+5] = v00, v10, v11
				} else {
					idx[w], idx[w+1], idx[w+2] = v00, v10, v11
					idx[w+3], idx[w+4], idx[w+5] = v00, v11, v01
				}
				w += 6
			}
		}
		return w
	}
	var w int
	if holes == nil {
		// Every row holds the same number of cells: split the rows over
		// the CPUs, each writing its own stretch.
		rows := len(o.rows)
		parallel.For(rows, func(r0, r1 int) { writeRows(r0, r1, 6*cells*r0) })
		w = 6 * cells * rows
	} else {
		w = writeRows(0, len(o.rows), 0)
	}
	o.Indices = idx[:w]
	o.key, o.valid = key, true
	return true
}

// Invalidate forces the next Build to rebuild the order (for example
// after the holes changed).
func (o *Order) Invalidate() { o.valid = false }

// CellRanks returns, for each cell, its position in the back-to-front
// order of the last Build (bigger is nearer the eye), or -1 for skipped
// cells. It is meant for tests and for occlusion queries.
func (o *Order) CellRanks(n int) []int32 {
	cells := n - 1
	ranks := make([]int32, cells*cells)
	for k := range ranks {
		ranks[k] = -1
	}
	for t := 0; t+5 < len(o.Indices); t += 6 {
		v := int(min(o.Indices[t], o.Indices[t+3]))
		i, j := v%n, v/n
		ranks[j*cells+i] = int32(t / 6)
	}
	return ranks
}

func clampKey(v float64, lo, hi int) int64 {
	return int64(math.Max(float64(lo), math.Min(float64(hi), v)))
}

func firstHole(h []bool) *bool {
	if len(h) == 0 {
		return nil
	}
	return &h[0]
}
