// Package contour computes what a 2-D contour view draws, without drawing it:
// nice contour levels (on a linear, square-root or logarithmic scale),
// iso-lines by marching squares, filled bands between levels as triangles,
// label positions along the lines that never collide, and dash patterns.
// It is pure Go (standard library only); a renderer turns the results into
// Ebiten vector paths and triangles.
//
// The grid convention is the one of the mesh package: z[j*nx+i] is the value
// at x_i = MinX + i*(MaxX-MinX)/(nx-1), y_j = MinY + j*(MaxY-MinY)/(ny-1).
// Values that are NaN or infinite are holes: every cell touching one is left
// out, of both lines and bands.
//
// A renderer typically does, once per grid change:
//
//	t := contour.TransformGrid(loss, contour.Sqrt) // the space contours live in
//	levels := contour.Levels(loss, 10, contour.Sqrt)
//	bands := contour.Bands(t, nx, ny, dom, levels) // fill with the colour of band.Index
//	for k, l := range levels {
//		for _, pl := range contour.Lines(t, nx, ny, dom, l) {
//			lines = append(lines, contour.LabeledLine{Level: k, Text: contour.LevelText(l, contour.Sqrt), Line: pl})
//		}
//	}
//
// (a per-pixel shader instead of Bands should classify values with BandOf),
// and once per view change: place labels (PlaceLabels), then for each line
// project it (Project), cut the gaps of its labels out (Cut) and dash the
// pieces (Dash or DashPhase).
package contour

import "fmt"

// Point is a point in domain coordinates (the surface's x and y).
type Point struct {
	X, Y float64
}

// Point2 is a point in screen coordinates (pixels, y pointing down as in
// Ebiten).
type Point2 struct {
	X, Y float64
}

// Rect is an axis-aligned rectangle: the domain of a grid, or a viewport on
// the screen.
type Rect struct {
	MinX, MinY, MaxX, MaxY float64
}

// Polyline is one connected piece of an iso-line, in domain coordinates.
// When Closed is true the line runs from the last point back to the first
// (the first point is not repeated at the end).
type Polyline struct {
	Points []Point
	Closed bool
}

// maxGridValues bounds nx*ny so that edge numbers fit in an int32.
const maxGridValues = 1 << 28

// CheckGrid reports why a grid cannot be contoured, or nil when it can:
// nx and ny must be at least 2, z must hold nx*ny values (more are ignored)
// and the domain must be finite with MinX != MaxX and MinY != MaxY. Lines
// and Bands return nil for a grid that CheckGrid rejects.
func CheckGrid(z []float64, nx, ny int, dom Rect) error {
	if nx < 2 || ny < 2 {
		return fmt.Errorf("contour: grid is %dx%d, need at least 2x2", nx, ny)
	}
	if nx > maxGridValues/ny {
		return fmt.Errorf("contour: grid %dx%d is too large (at most %d values)", nx, ny, maxGridValues)
	}
	if len(z) < nx*ny {
		return fmt.Errorf("contour: grid has %d values, need %dx%d = %d", len(z), nx, ny, nx*ny)
	}
	for _, v := range [...]float64{dom.MinX, dom.MinY, dom.MaxX, dom.MaxY} {
		if !finite(v) {
			return fmt.Errorf("contour: domain %v is not finite", dom)
		}
	}
	if dom.MinX == dom.MaxX || dom.MinY == dom.MaxY {
		return fmt.Errorf("contour: domain %v is empty", dom)
	}
	return nil
}

// finite reports whether v is neither NaN nor infinite.
func finite(v float64) bool { return v-v == 0 }

// axis returns the n sample coordinates from lo to hi, corners included,
// computed as lo + i*(hi-lo)/(n-1).
func axis(lo, hi float64, n int) []float64 {
	a := make([]float64, n)
	d := (hi - lo) / float64(n-1)
	for i := range a {
		a[i] = lo + float64(i)*d
	}
	a[n-1] = hi
	return a
}

// cross returns the interpolated position of value level on the edge from
// a (value va) to b (value vb). Lines and Bands both call it with the edge's
// lower-numbered sample first, so a shared crossing is bit-identical.
func cross(ax, ay, bx, by, va, vb, level float64) Point {
	t := (level - va) / (vb - va)
	return Point{ax + t*(bx-ax), ay + t*(by-ay)}
}

// saddle pairings: for each 4-bit corner case (bit k set when corner k is at
// or above the level; corners counter-clockwise from (i,j): (i,j), (i+1,j),
// (i+1,j+1), (i,j+1); edge k joins corner k to corner k+1) the chords as
// (from edge, to edge) with the higher values on the chord's left. For the
// two saddle cases, sep holds the pairing when the cell-centre average is
// below the level (the high corners separated), con when it is at or above
// (the high corners connected through the middle).
type chordSet struct {
	n        int
	from, to [2]int8
}

var chordTable [16][2]chordSet // [case][0: centre below, 1: centre at or above]

func init() {
	for c := 0; c < 16; c++ {
		above := func(k int) bool { return c>>(k&3)&1 == 1 }
		var down, up []int8 // edges going above->below, below->above (counter-clockwise)
		for k := 0; k < 4; k++ {
			switch {
			case above(k) && !above(k+1):
				down = append(down, int8(k))
			case !above(k) && above(k+1):
				up = append(up, int8(k))
			}
		}
		for centre := 0; centre < 2; centre++ {
			var s chordSet
			if len(down) == 1 {
				s.n = 1
				s.from[0], s.to[0] = down[0], up[0]
			} else if len(down) == 2 {
				s.n = 2
				for m, k := range down {
					s.from[m] = k
					if centre == 1 {
						s.to[m] = (k + 1) & 3
					} else {
						s.to[m] = (k + 3) & 3
					}
				}
			}
			chordTable[c][centre] = s
		}
	}
}
