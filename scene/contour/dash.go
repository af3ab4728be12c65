package contour

import (
	"math"
	"slices"
)

// maxDashes bounds the dashes of one polyline; a pattern that would cut it
// into more pieces than this leaves the line whole.
const maxDashes = 1 << 20

// Project maps a domain polyline to the screen with project. For a closed
// polyline the first point is repeated at the end, so the screen polyline
// (and its arc length, which Label.Gap refers to) goes all the way round.
// Points that project to NaN or infinity are kept; Dash, Cut and
// PlaceLabels treat them as breaks in the line.
func Project(line Polyline, project func(Point) (sx, sy float64)) []Point2 {
	n := len(line.Points)
	if n == 0 || project == nil {
		return nil
	}
	out := make([]Point2, 0, n+1)
	for _, p := range line.Points {
		x, y := project(p)
		out = append(out, Point2{x, y})
	}
	if line.Closed && n > 1 {
		out = append(out, out[0])
	}
	return out
}

// Length returns the arc length of a screen polyline; segments touching a
// non-finite point do not count.
func Length(pl []Point2) float64 {
	l := 0.0
	for i := 0; i+1 < len(pl); i++ {
		if p, q := pl[i], pl[i+1]; finite2(p) && finite2(q) {
			l += math.Hypot(q.X-p.X, q.Y-p.Y)
		}
	}
	return l
}

// Dash splits a screen polyline into the dashes of an on/off pattern: on
// pixels drawn, off pixels skipped, the pattern running on across the
// polyline's corners (the phase is continuous along the line) and starting
// with a dash. It returns nil when on is not a positive finite number, and
// the whole line as one piece when off is not positive. A non-finite point
// breaks the line without advancing the pattern.
func Dash(pl []Point2, on, off float64) [][]Point2 {
	d, _ := DashPhase(pl, on, off, 0)
	return d
}

// DashPhase is Dash starting phase pixels into the pattern (a phase of on
// starts with a gap); it also returns the phase at the end of the line, to
// continue the pattern on a following piece (as across a label's gap).
func DashPhase(pl []Point2, on, off, phase float64) (dashes [][]Point2, end float64) {
	if !(on > 0) || !finite(on) || !finite(phase) {
		return nil, 0
	}
	if !(off > 0) || !finite(off) {
		return keep(pl, once(math.Inf(-1), math.Inf(1))), 0
	}
	period := on + off
	phase = math.Mod(phase, period)
	if phase < 0 {
		phase += period
	}
	total := Length(pl)
	end = math.Mod(phase+total, period)
	if total/period > maxDashes {
		return keep(pl, once(math.Inf(-1), math.Inf(1))), end
	}
	k := 0.0
	next := func() (float64, float64, bool) {
		a := k*period - phase
		k++
		return a, a + on, true
	}
	return keep(pl, next), end
}

// Cut removes arc-length intervals (such as the Gap of labels) from a
// screen polyline and returns the pieces left. Gaps may overlap and come in
// any order.
func Cut(pl []Point2, gaps [][2]float64) [][]Point2 {
	g := make([][2]float64, 0, len(gaps))
	for _, x := range gaps {
		if x[0] < x[1] {
			g = append(g, x)
		}
	}
	slices.SortFunc(g, func(a, b [2]float64) int {
		switch {
		case a[0] < b[0]:
			return -1
		case a[0] > b[0]:
			return 1
		}
		return 0
	})
	i, from := 0, math.Inf(-1)
	next := func() (float64, float64, bool) {
		if i > len(g) {
			return 0, 0, false
		}
		a := from
		if i == len(g) {
			i++
			return a, math.Inf(1), true
		}
		b := g[i][0]
		// merge overlapping gaps
		to := g[i][1]
		for i++; i < len(g) && g[i][0] <= to; i++ {
			to = math.Max(to, g[i][1])
		}
		from = to
		return a, b, true
	}
	return keep(pl, next)
}

// once yields a single interval.
func once(a, b float64) func() (float64, float64, bool) {
	done := false
	return func() (float64, float64, bool) {
		if done {
			return 0, 0, false
		}
		done = true
		return a, b, true
	}
}

// keep returns the pieces of pl lying inside the arc-length intervals that
// next yields (increasing and disjoint), split at non-finite points.
func keep(pl []Point2, next func() (a, b float64, ok bool)) [][]Point2 {
	var out [][]Point2
	var cur []Point2
	flush := func() {
		if len(cur) >= 2 {
			out = append(out, cur)
		}
		cur = nil
	}
	a, b, ok := next()
	s := 0.0
	for i := 0; i+1 < len(pl) && ok; i++ {
		p, q := pl[i], pl[i+1]
		if !finite2(p) || !finite2(q) {
			flush()
			continue
		}
		l := math.Hypot(q.X-p.X, q.Y-p.Y)
		if l == 0 {
			continue
		}
		s0, s1 := s, s+l
		s = s1
		for ok {
			if b <= s0 || a >= b {
				a, b, ok = next()
				continue
			}
			if a >= s1 {
				break
			}
			if cur == nil {
				cur = append(cur, along(p, q, (math.Max(a, s0)-s0)/l))
			}
			if b < s1 {
				cur = append(cur, along(p, q, (b-s0)/l))
				flush()
				a, b, ok = next()
				continue
			}
			cur = append(cur, q)
			if b == s1 {
				flush()
				a, b, ok = next()
			}
			break
		}
	}
	flush()
	return out
}

// along returns the point a fraction t of the way from p to q.
func along(p, q Point2, t float64) Point2 {
	if t <= 0 {
		return p
	}
	if t >= 1 {
		return q
	}
	return Point2{p.X + t*(q.X-p.X), p.Y + t*(q.Y-p.Y)}
}

func finite2(p Point2) bool { return finite(p.X) && finite(p.Y) }
