package mesh

import (
	"errors"
	"math"

	"descent/scene/parallel"
)

// Levels of detail. A mesh of many samples drawn small on the screen
// spends most of its triangles on cells smaller than a pixel; a coarser
// mesh of the same surface draws the same picture when, seen from the
// camera, it stays within a fraction of a pixel of the full one. Coarsen
// builds such meshes from the full one (without evaluating the surface
// again), LevelCells says which sizes to build, and Compare measures, per
// block of the domain, how far a coarse mesh strays from the full one, so
// that the view can pick per frame the coarsest level the picture cannot
// tell apart.

// LevelCells returns the cell counts per side of the coarser levels of a
// mesh of cells cells per side whose grid lines split it into lines
// intervals, finest first: each level has about 1/1.7 as many cells per
// side as the one before (at least 1.4 times fewer), a multiple of lines
// so that every grid line runs along a row of vertices, preferring counts
// that divide cells (the level's samples are then samples of the full
// mesh). The list is empty when the mesh is too small to coarsen.
func LevelCells(cells, lines int) []int {
	step := max(lines, 1)
	minCells := max(step, 4)
	var out []int
	prev := cells
	for {
		limit := float64(prev) / minRatio
		target := float64(prev) / levelRatio
		best, bestDiv := 0, 0
		bestD, bestDivD := math.Inf(1), math.Inf(1)
		for c := step; float64(c) <= limit; c += step {
			if c < minCells {
				continue
			}
			d := math.Abs(math.Log(float64(c) / target))
			if d < bestD {
				best, bestD = c, d
			}
			if cells%c == 0 && d < math.Log(divisorSlack) && d < bestDivD {
				bestDiv, bestDivD = c, d
			}
		}
		if bestDiv > 0 {
			best = bestDiv
		}
		if best == 0 {
			return out
		}
		out = append(out, best)
		prev = best
	}
}

// Spacing of the levels: the preferred ratio of cells per side from one
// level to the next, the smallest ratio allowed, and how far from the
// preferred count a divisor of the full count may lie and still be
// preferred.
const (
	levelRatio   = 1.7
	minRatio     = 1.4
	divisorSlack = 1.3
)

// Coarsen returns a mesh of cells+1 samples per side over the same domain,
// in the same box, with the same grid lines: its heights are those of m's
// own surface (m's triangles, interpolated; its samples where they
// coincide with m's), clipped at m's range, and its normals are m's,
// interpolated, so that it is coloured and lit as m is at every sample.
func (m *Mesh) Coarsen(cells int) (*Mesh, error) {
	if cells < 1 || cells >= m.N-1 {
		return nil, errors.New("mesh: a coarser level needs fewer cells")
	}
	g := m.Grid
	src := g.Z
	if g.Raw != nil {
		src = g.Raw
	}
	n := cells + 1
	cg := &Grid{N: n, Domain: g.Domain, Z: make([]float64, n*n)}
	parallel.For(n, func(j0, j1 int) {
		for j := j0; j < j1; j++ {
			for i := range n {
				cg.Z[j*n+i] = m.interp(src, i, j, cells)
			}
		}
	})
	cg.clip(&[2]float64{g.Lo, g.Hi})
	c, err := New(cg, m.Box, m.Lines)
	if err != nil {
		return nil, err
	}
	parallel.For(n, func(j0, j1 int) {
		for j := j0; j < j1; j++ {
			for i := range n {
				k := j*n + i
				nv := m.interpNormal(i, j, cells)
				copy(c.Normal[3*k:3*k+3], nv[:])
			}
		}
	})
	return c, nil
}

// weights returns the corners (indices into an n x n grid) of the
// triangle of cell (ci, cj) holding point (tx, ty) of the cell, and their
// weights: triangle (00, 10, 11) where tx >= ty, else (00, 01, 11), as
// Order draws the cells.
func weights(n, ci, cj int, tx, ty float64) (ks [3]int, w [3]float64) {
	k00 := cj*n + ci
	if tx >= ty {
		return [3]int{k00, k00 + 1, k00 + n + 1}, [3]float64{1 - tx, tx - ty, ty}
	}
	return [3]int{k00, k00 + n, k00 + n + 1}, [3]float64{1 - ty, ty - tx, tx}
}

// interp returns the value of f (one value per sample of m) on m's
// triangles at coarse sample (i, j) of a mesh of cells cells per side. Only
// corners with a weight enter, so a NaN corner spoils only the points that
// lean on it.
func (m *Mesh) interp(f []float64, i, j, cells int) float64 {
	ci, cj, tx, ty := coarseAt(i, j, cells, m.N-1)
	ks, w := weights(m.N, ci, cj, tx, ty)
	v := 0.0
	for c, wc := range w {
		if wc != 0 {
			v += wc * f[ks[c]]
		}
	}
	return v
}

// interpNormal returns m's unit normal interpolated at coarse sample (i,
// j) of a mesh of cells cells per side.
func (m *Mesh) interpNormal(i, j, cells int) [3]float32 {
	ci, cj, tx, ty := coarseAt(i, j, cells, m.N-1)
	s := m.interp3(m.Normal, ci, cj, tx, ty)
	l := math.Sqrt(s[0]*s[0] + s[1]*s[1] + s[2]*s[2])
	if !(l > 0) {
		return [3]float32{0, 0, 1}
	}
	return [3]float32{float32(s[0] / l), float32(s[1] / l), float32(s[2] / l)}
}

// Blocks is the number of blocks per side into which Compare splits the
// domain.
const Blocks = 16

// BlockError is how far a coarse level strays from the full mesh within
// one block of the domain.
type BlockError struct {
	// Pos is the largest distance in world units between a point of the
	// full mesh and the point of the coarse one at the same place of the
	// grid (at every full sample; where the two leave out different
	// cells, the length of a coarse cell's diagonal).
	Pos float64
	// Normal is the largest angle in radians between the full mesh's
	// normal and the coarse one's (interpolated, as the shader does).
	Normal float64
	// T is the largest difference of colormap coordinate (0..1).
	T float64
	// Edge is the longest side of a coarse cell's footprint (its edges
	// seen from above) in world units: the cell's size, whatever the
	// slope.
	Edge float64
}

// Bounds is a block's world bounding box, over the full mesh's vertices.
type Bounds struct {
	Lo, Hi [3]float64
}

// BlockBounds returns the world bounding box of each of the Blocks x
// Blocks blocks of m (index bj*Blocks+bi), over its vertices; a block
// whose cells are all left out is empty (Lo above Hi).
func (m *Mesh) BlockBounds() []Bounds {
	out := make([]Bounds, Blocks*Blocks)
	for b := range out {
		out[b] = Bounds{Lo: [3]float64{math.Inf(1), math.Inf(1), math.Inf(1)}, Hi: [3]float64{math.Inf(-1), math.Inf(-1), math.Inf(-1)}}
	}
	n := m.N
	cells := n - 1
	holes := m.Grid.Holes
	drawn := func(ci, cj int) bool {
		return ci >= 0 && cj >= 0 && ci < cells && cj < cells && (holes == nil || !holes[cj*cells+ci])
	}
	grow := func(b, k int) {
		for d := range 3 {
			v := float64(m.Pos[3*k+d])
			if v < out[b].Lo[d] {
				out[b].Lo[d] = v
			}
			if v > out[b].Hi[d] {
				out[b].Hi[d] = v
			}
		}
	}
	bs := make([]int, cells) // the block column of each column of cells
	for i := range bs {
		bs[i] = i * Blocks / cells
	}
	// Each vertex grows the boxes of the blocks of the drawn cells around
	// it (most vertices have one block around them).
	for j := range n {
		for i := range n {
			k := j*n + i
			last := -1
			for _, c := range [4][2]int{{i - 1, j - 1}, {i, j - 1}, {i - 1, j}, {i, j}} {
				if !drawn(c[0], c[1]) {
					continue
				}
				if b := bs[c[1]]*Blocks + bs[c[0]]; b != last {
					grow(b, k)
					last = b
				}
			}
		}
	}
	return out
}

// Compare measures how far coarse (a Coarsen of m) strays from m in each
// of the Blocks x Blocks blocks of the domain (index bj*Blocks+bi, the
// block of m's cells). Positions, normals and colormap coordinates are
// compared at every sample of m that a drawn cell of m touches: the
// difference of two meshes linear on triangles is largest at the corners
// of their common refinement, which are m's samples when coarse's samples
// are some of m's (its triangles' edges then run along m's), and close to
// them otherwise.
func (m *Mesh) Compare(coarse *Mesh) []BlockError {
	out := make([]BlockError, Blocks*Blocks)
	n, cells := m.N, m.N-1
	cn, cc := coarse.N, coarse.N-1
	holes, choles := m.Grid.Holes, coarse.Grid.Holes
	drawn := func(ci, cj int) bool {
		return ci >= 0 && cj >= 0 && ci < cells && cj < cells && (holes == nil || !holes[cj*cells+ci])
	}
	// A coarse cell's diagonal: how far the outline can move where the two
	// meshes leave out different cells.
	diag := func(qi, qj int) float64 {
		return dist3(coarse.Pos[3*(qj*cn+qi):], point(coarse.Pos, (qj+1)*cn+qi+1))
	}
	// Where each column and row of m's samples falls on coarse.
	qs := make([]int, n)
	ts := make([]float32, n)
	bs := make([]int, n) // the block column of each column of samples
	for i := range n {
		var t float64
		qs[i], _, t, _ = coarseAt(i, 0, cells, cc)
		ts[i] = float32(t)
		bs[i] = min(i, cells-1) * Blocks / cells
	}
	// Each row of samples measures into its own row of blocks; sample (i,
	// j) belongs to the block of cell (i, j), the last row and column to
	// the cells before them. Normals are compared by the cosine of the
	// angle (the smallest kept, the angle taken at the end).
	rows := make([][Blocks]BlockError, n)
	parallel.For(n, func(j0, j1 int) {
		cp, cnr, ct := coarse.Pos, coarse.Normal, coarse.T
		for j := j0; j < j1; j++ {
			// Squared distances, cosines and colour differences in float32
			// while scanning the row.
			var pos, cos, dt [Blocks]float32
			for b := range cos {
				cos[b] = 1
			}
			qj, ty := qs[j], ts[j]
			for i := range n {
				if holes != nil && !drawn(i-1, j-1) && !drawn(i, j-1) && !drawn(i-1, j) && !drawn(i, j) {
					continue
				}
				bi := bs[i]
				qi, tx := qs[i], ts[i]
				if choles != nil && choles[qj*cc+qi] {
					if d := float32(diag(qi, qj)); d*d > pos[bi] {
						pos[bi] = d * d
					}
					continue
				}
				// The triangle holding the sample, as weights does.
				k00 := qj*cn + qi
				a, b, c := 3*k00, 3*(k00+1), 3*(k00+cn+1)
				w0, w1, w2 := 1-tx, tx-ty, ty
				if tx < ty {
					b = 3 * (k00 + cn)
					w0, w1, w2 = 1-ty, ty-tx, tx
				}
				k := j*n + i
				dx := w0*cp[a] + w1*cp[b] + w2*cp[c] - m.Pos[3*k]
				dy := w0*cp[a+1] + w1*cp[b+1] + w2*cp[c+1] - m.Pos[3*k+1]
				dz := w0*cp[a+2] + w1*cp[b+2] + w2*cp[c+2] - m.Pos[3*k+2]
				if d := dx*dx + dy*dy + dz*dz; d > pos[bi] {
					pos[bi] = d
				}
				nx := w0*cnr[a] + w1*cnr[b] + w2*cnr[c]
				ny := w0*cnr[a+1] + w1*cnr[b+1] + w2*cnr[c+1]
				nz := w0*cnr[a+2] + w1*cnr[b+2] + w2*cnr[c+2]
				if l := nx*nx + ny*ny + nz*nz; l > 0 {
					if cs := (nx*m.Normal[3*k] + ny*m.Normal[3*k+1] + nz*m.Normal[3*k+2]) / sqrt32(l); cs < cos[bi] {
						cos[bi] = cs
					}
				}
				d := w0*ct[a/3] + w1*ct[b/3] + w2*ct[c/3] - m.T[k]
				if d < 0 {
					d = -d
				}
				if d > dt[bi] {
					dt[bi] = d
				}
			}
			for b := range rows[j] {
				rows[j][b] = BlockError{
					Pos:    math.Sqrt(float64(pos[b])),
					Normal: math.Acos(math.Max(-1, math.Min(1, float64(cos[b])))),
					T:      float64(dt[b]),
				}
			}
		}
	})
	for j := range rows {
		bj := min(j, cells-1) * Blocks / cells
		for bi, e := range rows[j] {
			out[bj*Blocks+bi] = maxError(out[bj*Blocks+bi], e)
		}
	}
	// Cells of m left out where coarse draws, or drawn where it leaves
	// out: the outline may move by a coarse cell there.
	if holes != nil || choles != nil {
		for cj := range cells {
			for ci := range cells {
				qi := min(int((float64(ci)+0.5)*float64(cc)/float64(cells)), cc-1)
				qj := min(int((float64(cj)+0.5)*float64(cc)/float64(cells)), cc-1)
				left := choles != nil && choles[qj*cc+qi]
				if left == drawn(ci, cj) {
					b := bs[cj]*Blocks + bs[ci]
					out[b].Pos = math.Max(out[b].Pos, diag(qi, qj))
				}
			}
		}
	}
	// The longest side of each drawn coarse cell's footprint, in the
	// block under its middle.
	for qj := range cc {
		cj := min(int((float64(qj)+0.5)*float64(cells)/float64(cc)), cells-1)
		for qi := range cc {
			if choles != nil && choles[qj*cc+qi] {
				continue
			}
			k := qj*cn + qi
			p := coarse.Pos
			edge := math.Max(distXY(p, k, k+1), distXY(p, k, k+cn))
			ci := min(int((float64(qi)+0.5)*float64(cells)/float64(cc)), cells-1)
			b := bs[cj]*Blocks + bs[ci]
			out[b].Edge = math.Max(out[b].Edge, edge)
		}
	}
	return out
}

// coarseAt locates sample (i, j) of a grid of cells cells per side on a
// grid of cc cells per side over the same domain: the cell (ci, cj) of
// the other grid holding it and its position (tx, ty) in that cell, each
// in [0, 1]. Both are exact when the sample is one of the other grid's.
func coarseAt(i, j, cells, cc int) (ci, cj int, tx, ty float64) {
	locate := func(i int) (int, float64) {
		num := i * cc
		c, r := num/cells, num%cells
		if c >= cc {
			return cc - 1, 1
		}
		return c, float64(r) / float64(cells)
	}
	ci, tx = locate(i)
	cj, ty = locate(j)
	return ci, cj, tx, ty
}

// interp3 interpolates a packed 3-vector field of m at (tx, ty) in cell
// (ci, cj), on the cell's triangles.
func (m *Mesh) interp3(f []float32, ci, cj int, tx, ty float64) [3]float64 {
	ks, w := weights(m.N, ci, cj, tx, ty)
	var out [3]float64
	for c, wc := range w {
		for d := range 3 {
			out[d] += wc * float64(f[3*ks[c]+d])
		}
	}
	return out
}

// interp1 interpolates a scalar field of m at (tx, ty) in cell (ci, cj).
func (m *Mesh) interp1(f []float32, ci, cj int, tx, ty float64) float64 {
	ks, w := weights(m.N, ci, cj, tx, ty)
	return w[0]*float64(f[ks[0]]) + w[1]*float64(f[ks[1]]) + w[2]*float64(f[ks[2]])
}

func sqrt32(v float32) float32 { return float32(math.Sqrt(float64(v))) }

func dist3(a []float32, b [3]float64) float64 {
	dx, dy, dz := float64(a[0])-b[0], float64(a[1])-b[1], float64(a[2])-b[2]
	return math.Sqrt(dx*dx + dy*dy + dz*dz)
}

// distXY returns the horizontal distance between points j and k of p.
func distXY(p []float32, j, k int) float64 {
	return math.Hypot(float64(p[3*j]-p[3*k]), float64(p[3*j+1]-p[3*k+1]))
}

func point(p []float32, k int) [3]float64 {
	return [3]float64{float64(p[3*k]), float64(p[3*k+1]), float64(p[3*k+2])}
}

func maxError(a, b BlockError) BlockError {
	return BlockError{Pos: math.Max(a.Pos, b.Pos), Normal: math.Max(a.Normal, b.Normal), T: math.Max(a.T, b.T), Edge: math.Max(a.Edge, b.Edge)}
}
