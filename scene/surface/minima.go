package surface

import (
	"cmp"
	"math"
	"slices"
)

// Settings of the numerical minimum search.
const (
	findGrid      = 100 // grid intervals per axis (2-D)
	findGrid1D    = 400 // grid intervals along x for curves
	findMaxStarts = 60  // most local searches run
	findLowest    = 10  // the lowest grid points are always among the starts
	findMaxIter   = 500 // iterations per local search

	// minimaWork bounds the work of the search on an expression, in
	// instructions evaluated (about 0.1 s of one core). A formula up to
	// fullEffortCost instructions gets the full search; a longer one a
	// coarser grid and fewer, shorter local searches, so that even the
	// longest formula (expr.MaxLength) is searched in a fraction of a
	// second instead of seconds.
	minimaWork = 20_000_000
	// fullEffortEvals is about what the full search evaluates: the grid
	// and findMaxStarts searches of typically under 1,000 evaluations.
	fullEffortEvals = (findGrid+1)*(findGrid+1) + findMaxStarts*1000
	// searchEvals is what a budgeted local search is given at least.
	searchEvals = 100
)

// effort is how much work the minimum search does.
type effort struct {
	grid, grid1D int // grid intervals per axis, for surfaces and curves
	starts       int // most local searches
	evals        int // evaluations per local search (0: no limit but findMaxIter)
}

// effortFor returns the search effort for s: the full one unless s is an
// expression too costly for it (see minimaWork).
func effortFor(s *Surface) effort {
	full := effort{grid: findGrid, grid1D: findGrid1D, starts: findMaxStarts}
	if s.cost <= 0 || s.cost*fullEffortEvals <= minimaWork {
		return full
	}
	half := minimaWork / s.cost / 2 // evaluations for the grid, and as many for the searches
	e := effort{
		grid:   min(max(int(math.Sqrt(float64(half)))-1, 4), findGrid),
		grid1D: min(max(half-1, 8), findGrid1D),
		starts: min(max(half/searchEvals, 1), findMaxStarts),
	}
	e.evals = max(half/e.starts, searchEvals/5)
	return e
}

// FindMinima finds the local minima of s inside d numerically. It samples f
// on a grid of 101x101 points including the edges (401 for a curve), starts
// a BFGS search (see bfgs) from the 10 lowest grid points and from every grid
// point not above its neighbours (60 starts at most, lowest first), keeps the results that stay inside d and are true local minima
// (no lower value on a small circle around them, which also accepts kinks
// such as Ackley's centre), merges those closer than 1/1000 of the domain
// size, and returns them sorted by value, lowest first. Minima on the edge
// of d, where f still falls outwards, are not reported. For an expression
// too long to evaluate that often, the grid is coarser and the searches
// fewer and shorter (see minimaWork).
func FindMinima(s *Surface, d Domain) []Minimum {
	if s == nil || s.Eval == nil || s.Gradient == nil || !validDomain(d, s.Dim) {
		return nil
	}
	eff := effortFor(s)
	starts := gridStarts(s, d, eff)
	size := d.XMax - d.XMin
	if s.Dim != 1 {
		size = math.Max(size, d.YMax-d.YMin)
	}
	mergeTol := 1e-3 * size
	probe := 1e-6 * size

	var found []Minimum
	for _, p := range starts {
		m, ok := localSearch(s, p, d, probe, eff.evals)
		if !ok {
			continue
		}
		dup := false
		for i, f := range found {
			if math.Hypot(m.X-f.X, m.Y-f.Y) <= mergeTol {
				if m.Value < f.Value {
					found[i] = m
				}
				dup = true
				break
			}
		}
		if !dup {
			found = append(found, m)
		}
	}
	slices.SortFunc(found, func(a, b Minimum) int {
		return cmp.Or(cmp.Compare(a.Value, b.Value), cmp.Compare(a.X, b.X), cmp.Compare(a.Y, b.Y))
	})
	return found
}

// validDomain reports whether d is a non-empty finite rectangle.
func validDomain(d Domain, dim int) bool {
	ok := finite(d.XMin) && finite(d.XMax) && d.XMin < d.XMax
	if dim != 1 {
		ok = ok && finite(d.YMin) && finite(d.YMax) && d.YMin < d.YMax
	}
	return ok
}

// gridStarts returns the grid points whose value is finite and either among
// the findLowest lowest or not above any neighbour's, lowest first, at most
// eff.starts of them, on a grid of eff.grid intervals per axis (eff.grid1D
// for a curve).
func gridStarts(s *Surface, d Domain, eff effort) [][]float64 {
	nx, ny := eff.grid, eff.grid
	if s.Dim == 1 {
		nx, ny = eff.grid1D, 1
	}
	nx++ // points, not intervals
	if s.Dim != 1 {
		ny++
	}
	at := func(i, j int) (x, y float64) {
		x = lerp(d.XMin, d.XMax, i, nx)
		if s.Dim != 1 {
			y = lerp(d.YMin, d.YMax, j, ny)
		}
		return x, y
	}
	vals := make([]float64, nx*ny)
	for j := range ny {
		for i := range nx {
			vals[j*nx+i] = s.Eval(at(i, j))
		}
	}
	type cell struct {
		i, j int
		v    float64
	}
	var all, low []cell
	for j := range ny {
		for i := range nx {
			v := vals[j*nx+i]
			if !finite(v) {
				continue
			}
			all = append(all, cell{i, j, v})
			lowest := true
			for dj := -1; dj <= 1 && lowest; dj++ {
				for di := -1; di <= 1; di++ {
					a, b := i+di, j+dj
					if (di == 0 && dj == 0) || a < 0 || a >= nx || b < 0 || b >= ny {
						continue
					}
					if w := vals[b*nx+a]; w < v {
						lowest = false
						break
					}
				}
			}
			if lowest {
				low = append(low, cell{i, j, v})
			}
		}
	}
	byValue := func(a, b cell) int { return cmp.Compare(a.v, b.v) }
	slices.SortStableFunc(all, byValue)
	for _, c := range all[:min(findLowest, len(all))] {
		if !slices.Contains(low, c) {
			low = append(low, c)
		}
	}
	slices.SortStableFunc(low, byValue)
	if len(low) > eff.starts {
		low = low[:eff.starts]
	}
	starts := make([][]float64, len(low))
	for k, c := range low {
		x, y := at(c.i, c.j)
		if s.Dim == 1 {
			starts[k] = []float64{x}
		} else {
			starts[k] = []float64{x, y}
		}
	}
	return starts
}

// lerp returns the i-th of n points evenly spaced from a to b, both included.
func lerp(a, b float64, i, n int) float64 {
	if i == n-1 {
		return b
	}
	return a + (b-a)*float64(i)/float64(n-1)
}

// localSearch runs BFGS from p (with at most evals evaluations, 0: no
// limit) and reports the local minimum it reaches, if that lies inside d
// and no point at distance probe around it is lower.
func localSearch(s *Surface, p []float64, d Domain, probe float64, evals int) (Minimum, bool) {
	n := 2
	if s.Dim == 1 {
		n = 1
	}
	var x [2]float64
	copy(x[:], p)
	x = localBFGS(s, n, x, probe*1e5, evals)
	m := Minimum{X: x[0], Y: x[1], Value: s.Eval(x[0], x[1])}
	if !finite(m.Value) || !d.Contains(m.X, m.Y, s.Dim) {
		return Minimum{}, false
	}
	if !isLocalMin(s, m, probe) || saddleLike(s, m, probe) {
		return Minimum{}, false
	}
	return m, true
}

// saddleLike reports whether the Hessian at m, taken by central differences
// of the exact gradient with step h, has a clearly negative eigenvalue. It
// catches saddles whose descending directions are too narrow for the probe
// circle of isLocalMin (Goldstein-Price has one at (1.2, -0.2)).
func saddleLike(s *Surface, m Minimum, h float64) bool {
	_, xp, yp := s.Gradient(m.X+h, m.Y)
	_, xm, ym := s.Gradient(m.X-h, m.Y)
	a := (xp - xm) / (2 * h)
	if s.Dim == 1 {
		return a < 0
	}
	_, xq, yq := s.Gradient(m.X, m.Y+h)
	_, xn, yn := s.Gradient(m.X, m.Y-h)
	d := (yq - yn) / (2 * h)
	b := ((yp-ym)/(2*h) + (xq-xn)/(2*h)) / 2
	mid, rad := (a+d)/2, math.Hypot((a-d)/2, b)
	lo, hi := mid-rad, mid+rad
	return lo < -1e-6*math.Max(1, math.Abs(hi))
}

// isLocalMin reports whether no point on a circle of radius r around m
// (two points for a curve) has a value lower than m's by more than rounding,
// and some point is higher: a flat plateau is not a minimum.
func isLocalMin(s *Surface, m Minimum, r float64) bool {
	tol := 1e-12 * math.Max(1, math.Abs(m.Value))
	higher := false
	check := func(x, y float64) bool {
		v := s.Eval(x, y)
		if v > m.Value {
			higher = true
		}
		return v >= m.Value-tol
	}
	if s.Dim == 1 {
		return check(m.X-r, 0) && check(m.X+r, 0) && higher
	}
	for k := range 64 {
		sin, cos := math.Sincos(2 * math.Pi * float64(k) / 64)
		if !check(m.X+r*cos, m.Y+r*sin) {
			return false
		}
	}
	return higher
}
