package expr

import (
	"math"
	"slices"
	"strings"

	"descent/scene/suggest"
)

// function describes a built-in function.
type function struct {
	arity int
	op    opcode
}

// functions are the built-in functions by name.
var functions = map[string]function{
	"sin":   {1, opSin},
	"cos":   {1, opCos},
	"tan":   {1, opTan},
	"asin":  {1, opAsin},
	"acos":  {1, opAcos},
	"atan":  {1, opAtan},
	"sinh":  {1, opSinh},
	"cosh":  {1, opCosh},
	"tanh":  {1, opTanh},
	"exp":   {1, opExp},
	"log":   {1, opLog},
	"sqrt":  {1, opSqrt},
	"abs":   {1, opAbs},
	"min":   {2, opMin},
	"max":   {2, opMax},
	"pow":   {2, opPow},
	"atan2": {2, opAtan2},
}

// constants are the named constants.
var constants = map[string]float64{
	"pi": math.Pi,
	"e":  math.E,
}

// variables are the variable names and their slots.
var variables = map[string]int32{"x": 0, "y": 1}

// sortedKeys returns the keys of m in order, for stable suggestions.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// aliases are names from other notations and the built-in they mean.
var aliases = map[string]string{
	"ln":      "log",
	"arcsin":  "asin",
	"arccos":  "acos",
	"arctan":  "atan",
	"arctan2": "atan2",
	"minimum": "min",
	"maximum": "max",
	"power":   "pow",
	"fabs":    "abs",
}

// unknownName reports an unknown identifier with the nearest known name.
func unknownName(t token, call bool) error {
	if alias, ok := aliases[strings.ToLower(t.text)]; ok {
		return errorf(t.col, "unknown function %q (did you mean %q?)", t.text, alias)
	}
	if !call {
		if parts := splitProduct(t.text); parts != nil {
			return errorf(t.col, "unknown name %q (write %s for a product)", t.text, strings.Join(parts, "*"))
		}
	}
	var candidates []string
	kind := "name"
	if call {
		kind = "function"
		candidates = sortedKeys(functions)
	} else {
		candidates = append(sortedKeys(variables), sortedKeys(constants)...)
		candidates = append(candidates, sortedKeys(functions)...)
	}
	if len([]rune(t.text)) == 1 && !call {
		if _, ok := variables[strings.ToLower(t.text)]; ok {
			return errorf(t.col, "unknown variable %q (did you mean %q?)", t.text, strings.ToLower(t.text))
		}
		return errorf(t.col, "unknown variable %q (the variables are x and y)", t.text)
	}
	if s := suggest.Nearest(t.text, candidates); s != "" {
		return errorf(t.col, "unknown %s %q (did you mean %q?)", kind, t.text, s)
	}
	if call {
		return errorf(t.col, "unknown function %q (functions: %s)", t.text, strings.Join(candidates, " "))
	}
	return errorf(t.col, "unknown name %q (variables are x and y, constants pi and e)", t.text)
}

// splitProduct splits a name such as "xy" or "pix" into variables and
// constants written without '*', or returns nil if it is not one or names
// no variable ("pie" is more likely a typo for pi than pi*e).
func splitProduct(name string) []string {
	var parts []string
	for name != "" {
		switch {
		case strings.HasPrefix(name, "pi"):
			parts, name = append(parts, "pi"), name[2:]
		case name[0] == 'x' || name[0] == 'y' || name[0] == 'e':
			parts, name = append(parts, name[:1]), name[1:]
		default:
			return nil
		}
	}
	if len(parts) < 2 || !slices.ContainsFunc(parts, func(p string) bool { return p == "x" || p == "y" }) {
		return nil
	}
	return parts
}
