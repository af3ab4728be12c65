package surface

import (
	"fmt"
	"slices"

	"descent/scene/suggest"
)

// Lookup returns a fresh copy of the built-in surface with the given name,
// e.g. "rosenbrock". The caller may change the copy freely. A model surface
// that needs a data file (logistic, tanh-unit; see LoadModel) gives an error
// naming the columns it needs; an unknown name gives an error suggesting
// the closest known name.
func Lookup(name string) (*Surface, error) {
	for _, b := range builtins {
		if b.name == name {
			s, err := b.make()
			if err != nil {
				return nil, err
			}
			c := s.Clone()
			c.Axes = c.AxisNames()
			return c, nil
		}
	}
	if m, ok := LookupModel(name); ok {
		return nil, m.needsData()
	}
	known := Names()
	for _, m := range models {
		if !slices.Contains(known, m.Name) {
			known = append(known, m.Name)
		}
	}
	if best := suggest.Nearest(name, known); best != "" {
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
