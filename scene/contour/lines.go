package contour

import "sync"

// Lines traces the iso-line z = level over the grid by marching squares and
// returns it as polylines in domain coordinates, the segments of neighbouring
// cells joined. A value equal to the level counts as above it. Each polyline
// runs with the higher values on its left (in a y-up domain); it is Closed
// when it forms a ring, and open when it ends at the grid's border or at a
// hole (a cell with a NaN or infinite corner, which is skipped). Saddle
// cells (two opposite corners above, two below) are resolved by the average
// of the four corners: when it is at or above the level, the high corners
// are joined through the cell.
//
// Lines returns nil when CheckGrid rejects the grid or the level is not
// finite. It is safe to call from several goroutines at once.
func Lines(z []float64, nx, ny int, dom Rect, level float64) []Polyline {
	if CheckGrid(z, nx, ny, dom) != nil || !finite(level) {
		return nil
	}
	s := scratchPool.Get().(*scratch)
	defer scratchPool.Put(s)
	s.reset(nx, ny)
	s.segments(z, nx, ny, level)
	if len(s.from) == 0 {
		return nil
	}
	xs, ys := axis(dom.MinX, dom.MaxX, nx), axis(dom.MinY, dom.MaxY, ny)
	pt := func(e int32) Point {
		nh := int32((nx - 1) * ny)
		if e < nh {
			j, i := int(e)/(nx-1), int(e)%(nx-1)
			k := j*nx + i
			return cross(xs[i], ys[j], xs[i+1], ys[j], z[k], z[k+1], level)
		}
		e -= nh
		j, i := int(e)/nx, int(e)%nx
		k := j*nx + i
		return cross(xs[i], ys[j], xs[i], ys[j+1], z[k], z[k+nx], level)
	}
	var out []Polyline
	// Open chains start at an edge that no segment enters.
	for _, e0 := range s.from {
		if s.next[e0] == 0 || s.in[e0] {
			continue
		}
		pts := []Point{pt(e0)}
		for e := e0; s.next[e] != 0; {
			n := s.next[e] - 1
			s.next[e] = 0
			pts = appendPoint(pts, pt(n))
			e = n
		}
		out = append(out, Polyline{Points: pts})
	}
	// What is left are rings.
	for _, e0 := range s.from {
		if s.next[e0] == 0 {
			continue
		}
		pts := []Point{pt(e0)}
		for e := e0; ; {
			n := s.next[e] - 1
			s.next[e] = 0
			if n == e0 {
				break
			}
			pts = appendPoint(pts, pt(n))
			e = n
		}
		if len(pts) > 1 && pts[len(pts)-1] == pts[0] {
			pts = pts[:len(pts)-1]
		}
		out = append(out, Polyline{Points: pts, Closed: true})
	}
	for _, e := range s.to {
		s.in[e] = false
	}
	return out
}

// appendPoint appends p unless it repeats the last point (which happens
// when the level passes exactly through a grid sample).
func appendPoint(pts []Point, p Point) []Point {
	if len(pts) > 0 && pts[len(pts)-1] == p {
		return pts
	}
	return append(pts, p)
}

// scratch holds the per-call working memory of Lines: for every grid edge
// the edge its segment leads to (plus one, 0 for none) and whether a segment
// leads into it, and the list of segments. Edges are numbered horizontal
// first: edge (i,j)-(i+1,j) is j*(nx-1)+i, edge (i,j)-(i,j+1) is
// (nx-1)*ny + j*nx+i. After a call every next and in entry is zero again.
type scratch struct {
	next     []int32
	in       []bool
	from, to []int32
	above    [2][]bool
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

func (s *scratch) reset(nx, ny int) {
	ne := (nx-1)*ny + nx*(ny-1)
	if cap(s.next) < ne {
		s.next = make([]int32, ne)
		s.in = make([]bool, ne)
	}
	s.next, s.in = s.next[:ne], s.in[:ne]
	s.from, s.to = s.from[:0], s.to[:0]
	for r := range s.above {
		if cap(s.above[r]) < nx {
			s.above[r] = make([]bool, nx)
		}
		s.above[r] = s.above[r][:nx]
	}
}

// segments runs the marching-squares pass, recording one or two oriented
// segments per crossed cell.
func (s *scratch) segments(z []float64, nx, ny int, level float64) {
	nh := int32((nx - 1) * ny)
	lo, hi := s.above[0], s.above[1]
	for i, v := range z[:nx] {
		lo[i] = v >= level
	}
	var edges [4]int32
	for j := 0; j < ny-1; j++ {
		r0, r1 := z[j*nx:j*nx+nx], z[(j+1)*nx:(j+1)*nx+nx]
		for i, v := range r1 {
			hi[i] = v >= level
		}
		for i := 0; i < nx-1; i++ {
			c := 0
			if lo[i] {
				c |= 1
			}
			if lo[i+1] {
				c |= 2
			}
			if hi[i+1] {
				c |= 4
			}
			if hi[i] {
				c |= 8
			}
			if c == 0 || c == 15 {
				continue
			}
			v0, v1, v2, v3 := r0[i], r0[i+1], r1[i+1], r1[i]
			if !finite(v0) || !finite(v1) || !finite(v2) || !finite(v3) {
				continue
			}
			centre := 0
			if c == 5 || c == 10 {
				if (v0+v1+v2+v3)/4 >= level {
					centre = 1
				}
			}
			edges[0] = int32(j*(nx-1) + i)
			edges[2] = edges[0] + int32(nx-1)
			edges[3] = nh + int32(j*nx+i)
			edges[1] = edges[3] + 1
			cs := &chordTable[c][centre]
			for m := 0; m < cs.n; m++ {
				a, b := edges[cs.from[m]], edges[cs.to[m]]
				s.next[a] = b + 1
				s.in[b] = true
				s.from = append(s.from, a)
				s.to = append(s.to, b)
			}
		}
		lo, hi = hi, lo
	}
}
