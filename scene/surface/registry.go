package surface

import (
	"fmt"
	"math"
)

// Lookup returns a fresh copy of the built-in surface with the given name,
// e.g. "rosenbrock". The caller may change the copy freely. An unknown name
// gives an error suggesting the closest known name.
func Lookup(name string) (*Surface, error) {
	for _, b := range builtins {
		if b.name == name {
			s, err := b.make()
			if err != nil {
				return nil, err
			}
			return s.Clone(), nil
		}
	}
	if best := closest(name); best != "" {
		return nil, fmt.Errorf("surface: unknown surface %q (did you mean %q?)", name, best)
	}
	return nil, fmt.Errorf("surface: unknown surface %q (known: %v)", name, Names())
}

// Names returns the names of the built-in surfaces in teaching order.
func Names() []string {
	names := make([]string, len(builtins))
	for i, b := range builtins {
		names[i] = b.name
	}
	return names
}

// All returns fresh copies of every built-in surface in teaching order:
// simple convex curves and bowls first, then valleys, several minima and
// finally surfaces crowded with local minima. A surface that fails to build
// (only possible for the data-driven "ols" if its embedded data were broken)
// is left out.
func All() []*Surface {
	all := make([]*Surface, 0, len(builtins))
	for _, b := range builtins {
		if s, err := Lookup(b.name); err == nil {
			all = append(all, s)
		}
	}
	return all
}

// closest returns the known name nearest to name in edit distance, or "" when
// none is near enough to be a plausible typo.
func closest(name string) string {
	best, bestDist := "", math.MaxInt
	for _, b := range builtins {
		if d := editDistance(name, b.name); d < bestDist {
			best, bestDist = b.name, d
		}
	}
	if bestDist > max(2, len([]rune(name))/3) {
		return ""
	}
	return best
}

// editDistance is the Levenshtein distance between a and b.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
