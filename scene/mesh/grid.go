// Package mesh turns a loss surface into what the 3D view draws: heights
// sampled on a regular grid (with huge or non-finite values clipped so they
// cannot wreck the picture), the map from the surface's domain into the
// world box, normals, colormap coordinates, colormaps, and the back-to-front
// order in which to draw the grid's cells for a given viewpoint. It is pure
// Go: the game turns these arrays into Ebiten vertices.
package mesh

import (
	"descent/scene/parallel"
	"errors"
	"fmt"
	"math"
	"slices"

	"descent/scene/surface"
)

// Limits on the samples per side of a grid.
const (
	MinSamples = 2
	MaxSamples = 2048
)

// Tail clipping: when the whole range of finite heights is more than
// SkewRatio times the spread between the lowest height and the median, and
// the highest values lie near the domain's edges (see EdgeShare), the high
// tail is clipped at the ClipQuantile quantile (and likewise for a heavy
// tail of low values). This keeps the corners of Rosenbrock's,
// Beale's or Goldstein-Price's function from flattening everything else,
// and leaves bowls, saddles and Himmelblau's function untouched.
const (
	SkewRatio    = 12.0
	ClipQuantile = 0.9
)

// Grid is a surface sampled on N x N points spread evenly over a domain,
// corners included. Sample (i, j) lies at X(i), Y(j) and is stored at
// index j*N+i.
type Grid struct {
	// N is the number of samples per side.
	N int
	// Domain is the sampled rectangle.
	Domain surface.Domain
	// Z holds the heights shown, N*N of them: the surface's values with
	// clipping applied (clipped values are set to Lo or Hi; NaN samples to
	// Lo, and the cells touching them are listed in Holes).
	Z []float64
	// Raw holds the surface's values before clipping (nil for a grid
	// without clipping).
	Raw []float64
	// Lo and Hi are the range of heights shown.
	Lo, Hi float64
	// DataMin and DataMax are the range of the finite raw values.
	DataMin, DataMax float64
	// Clipped counts the samples whose finite value lay outside Lo..Hi.
	Clipped int
	// Infinite counts the samples whose value was +Inf or -Inf (drawn at
	// Hi or Lo); NaN counts those that were not a number (not drawn).
	Infinite, NaN int
	// Holes marks the cells ((N-1)*(N-1), cell (i, j) at j*(N-1)+i) not to
	// draw: those with a NaN corner, and those whose four corners were all
	// clipped (the surface is cut at the clipping height, as matplotlib's
	// zlim cuts it, rather than capped with a flat lid). nil when none.
	Holes []bool
}

// X returns the x coordinate of column i.
func (g *Grid) X(i int) float64 {
	return g.Domain.XMin + (g.Domain.XMax-g.Domain.XMin)*float64(i)/float64(g.N-1)
}

// Y returns the y coordinate of row j.
func (g *Grid) Y(j int) float64 {
	return g.Domain.YMin + (g.Domain.YMax-g.Domain.YMin)*float64(j)/float64(g.N-1)
}

// IsClipped reports whether any height shown differs from the surface's
// value: clipped tails, infinities or holes.
func (g *Grid) IsClipped() bool { return g.Clipped > 0 || g.Infinite > 0 || g.NaN > 0 }

// ClipNote describes the clipping for the viewer, e.g. "heights above 2.1e+04
// clipped (412 of 160000 samples)"; it is empty when nothing was clipped.
func (g *Grid) ClipNote() string {
	if !g.IsClipped() {
		return ""
	}
	total := g.N * g.N
	note := ""
	add := func(s string) {
		if note != "" {
			note += "; "
		}
		note += s
	}
	if g.Clipped > 0 {
		switch {
		case g.DataMax > g.Hi && g.DataMin < g.Lo:
			add(fmt.Sprintf("heights outside %.3g..%.3g clipped", g.Lo, g.Hi))
		case g.DataMax > g.Hi:
			add(fmt.Sprintf("heights above %.3g clipped (max %.3g)", g.Hi, g.DataMax))
		default:
			add(fmt.Sprintf("heights below %.3g clipped (min %.3g)", g.Lo, g.DataMin))
		}
	}
	if g.Infinite > 0 {
		add("infinite heights capped")
	}
	if g.NaN > 0 {
		add("undefined heights left out")
	}
	return fmt.Sprintf("%s (%d of %d samples)", note, g.Clipped+g.Infinite+g.NaN, total)
}

// Sample evaluates s on an n x n grid over d, using every CPU, and clips
// heavy tails and non-finite values (see Grid). For a 1-D surface the
// value does not depend on y.
func Sample(s *surface.Surface, d surface.Domain, n int) (*Grid, error) {
	return sample(s, d, n, nil)
}

// SampleWithin is Sample with the range of heights shown given (lo < hi)
// instead of found: a coarser preview of a grid uses it to clip exactly
// where the full grid does.
func SampleWithin(s *surface.Surface, d surface.Domain, n int, lo, hi float64) (*Grid, error) {
	if !finite(lo) || !finite(hi) || !(hi > lo) {
		return nil, fmt.Errorf("mesh: invalid height range %g..%g", lo, hi)
	}
	return sample(s, d, n, &[2]float64{lo, hi})
}

func sample(s *surface.Surface, d surface.Domain, n int, within *[2]float64) (*Grid, error) {
	if s == nil || s.Eval == nil {
		return nil, errors.New("mesh: no surface to sample")
	}
	if n < MinSamples || n > MaxSamples {
		return nil, fmt.Errorf("mesh: invalid mesh size %d (must be %d..%d)", n, MinSamples, MaxSamples)
	}
	if !finite(d.XMin) || !finite(d.XMax) || !finite(d.YMin) || !finite(d.YMax) ||
		!(d.XMax > d.XMin) || !(d.YMax > d.YMin) {
		return nil, fmt.Errorf("mesh: invalid domain x [%g, %g], y [%g, %g]", d.XMin, d.XMax, d.YMin, d.YMax)
	}
	g := &Grid{N: n, Domain: d, Z: make([]float64, n*n)}
	parallel.For(n, func(j0, j1 int) {
		for j := j0; j < j1; j++ {
			y := g.Y(j)
			row := g.Z[j*n : (j+1)*n]
			for i := range row {
				row[i] = s.Eval(g.X(i), y)
			}
		}
	})
	g.clip(within)
	return g, nil
}

// FromHeights builds a grid from n*n given heights (index j*n+i) over d,
// clipping them as Sample does. It copies z.
func FromHeights(z []float64, n int, d surface.Domain) (*Grid, error) {
	if n < MinSamples || n > MaxSamples || len(z) != n*n {
		return nil, fmt.Errorf("mesh: need %d x %d heights, got %d", n, n, len(z))
	}
	g := &Grid{N: n, Domain: d, Z: slices.Clone(z)}
	g.clip(nil)
	return g, nil
}

// clip finds the range shown (or takes within) and clamps the heights
// into it.
func (g *Grid) clip(within *[2]float64) {
	if within != nil {
		// The range is given: only the data's own range is wanted, which
		// needs no sorting.
		lo, hi := math.Inf(1), math.Inf(-1)
		for _, v := range g.Z {
			if finite(v) {
				lo, hi = math.Min(lo, v), math.Max(hi, v)
			}
		}
		g.DataMin, g.DataMax = 0, 0
		if lo <= hi {
			g.DataMin, g.DataMax = lo, hi
		}
		g.Lo, g.Hi = within[0], within[1]
	} else {
		g.findRange()
	}
	n := g.N
	raw := slices.Clone(g.Z)
	var cut []bool // samples clipped or infinite
	mark := func(k int) {
		if cut == nil {
			cut = make([]bool, n*n)
		}
		cut[k] = true
	}
	for k, v := range g.Z {
		switch {
		case math.IsNaN(v):
			g.NaN++
			g.Z[k] = g.Lo
			if g.Holes == nil {
				g.Holes = make([]bool, (n-1)*(n-1))
			}
			i, j := k%n, k/n
			for dj := -1; dj <= 0; dj++ {
				for di := -1; di <= 0; di++ {
					ci, cj := i+di, j+dj
					if ci >= 0 && cj >= 0 && ci < n-1 && cj < n-1 {
						g.Holes[cj*(n-1)+ci] = true
					}
				}
			}
		case math.IsInf(v, 1):
			g.Infinite++
			g.Z[k] = g.Hi
			mark(k)
		case math.IsInf(v, -1):
			g.Infinite++
			g.Z[k] = g.Lo
			mark(k)
		case v > g.Hi:
			g.Clipped++
			g.Z[k] = g.Hi
			mark(k)
		case v < g.Lo:
			g.Clipped++
			g.Z[k] = g.Lo
			mark(k)
		}
	}
	if cut == nil && g.NaN == 0 {
		return
	}
	g.Raw = raw
	if cut == nil {
		return
	}
	for j := range n - 1 {
		for i := range n - 1 {
			k := j*n + i
			if cut[k] && cut[k+1] && cut[k+n] && cut[k+n+1] {
				if g.Holes == nil {
					g.Holes = make([]bool, (n-1)*(n-1))
				}
				g.Holes[j*(n-1)+i] = true
			}
		}
	}
}

// findRange finds the range of heights shown: the finite values' range,
// with a heavy tail near the domain's edges clipped (see SkewRatio), and
// a unit range around a flat surface.
func (g *Grid) findRange() {
	vals := make([]float64, 0, len(g.Z))
	for _, v := range g.Z {
		if finite(v) {
			vals = append(vals, v)
		}
	}
	if len(vals) == 0 {
		g.DataMin, g.DataMax = 0, 0
		g.Lo, g.Hi = -1, 1
		return
	}
	slices.Sort(vals)
	lo, hi := vals[0], vals[len(vals)-1]
	g.DataMin, g.DataMax = lo, hi
	quantile := func(q float64) float64 { return vals[int(q*float64(len(vals)-1))] }
	med := quantile(0.5)
	g.Lo, g.Hi = lo, hi
	if q := quantile(ClipQuantile); hi-lo > SkewRatio*(med-lo) && med > lo && g.atEdges(func(v float64) bool { return v > q }) {
		g.Hi = q
	}
	if q := quantile(1 - ClipQuantile); hi-lo > SkewRatio*(hi-med) && med < hi && g.atEdges(func(v float64) bool { return v < q }) {
		g.Lo = q
	}
	if !(g.Hi > g.Lo) {
		// A flat surface: show it in the middle of a unit range.
		pad := math.Max(0.5, 0.05*math.Abs(g.Lo))
		g.Lo, g.Hi = g.Lo-pad, g.Hi+pad
	}
}

// atEdges reports whether most (EdgeShare) of the finite samples that
// satisfy beyond lie in the outer sixth of the domain on some side: the
// steep walls of polynomial surfaces, which clipping should cut, rather
// than a peak or pit inside the domain, which is the feature to show.
func (g *Grid) atEdges(beyond func(float64) bool) bool {
	n := g.N
	band := max(1, n/6)
	total, edge := 0, 0
	for k, v := range g.Z {
		if !finite(v) || !beyond(v) {
			continue
		}
		total++
		i, j := k%n, k/n
		if i < band || j < band || i >= n-band || j >= n-band {
			edge++
		}
	}
	return total > 0 && float64(edge) >= EdgeShare*float64(total)
}

// EdgeShare is the share of extreme samples that must lie near the
// domain's edges for the tail to be clipped.
const EdgeShare = 0.75

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
