package expr

import (
	"errors"
	"math"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzParseEval checks that any input either fails with a well-formed
// *SyntaxError or parses into an Expr whose value and gradient can be
// computed at several points without panicking.
func FuzzParseEval(f *testing.F) {
	for _, s := range []string{
		"x^2 + 3*y^2 + sin(x*y)",
		"log(1 + x^2) + tanh(y)^2 + exp(-x*y)/5",
		"-x^-y^2", "2**-x", "max(x, y) - min(1, x)", "atan2(y, x)", "pow(x, 0.5)",
		"sqrt(abs(x)) / (y - 1)", "e^pi", "1e-3*x + .5 - 2.", "acos(asin(x))",
		"((x))", "x^0", "3/x", "cosh(sinh(y))", "tan(x)",
		"", " ", "(x", "x)", "sinn(x)", "1e", "1..2", "max(x)", "x $", "2x", "x^^2",
		strings.Repeat("(", 250) + "x", "\xff", "é",
	} {
		f.Add(s)
	}
	points := [][2]float64{{0, 0}, {1.5, -0.5}, {-2, 3}, {1e-300, 1e300}, {math.NaN(), math.Inf(1)}}
	f.Fuzz(func(t *testing.T, src string) {
		e, err := Parse(src)
		if err != nil {
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("Parse(%q): error %T, want *SyntaxError", src, err)
			}
			if se.Column < 1 || se.Column > utf8.RuneCountInString(src)+1 {
				t.Fatalf("Parse(%q): column %d outside the input", src, se.Column)
			}
			if se.Msg == "" || !strings.HasPrefix(se.Error(), "expr: column ") {
				t.Fatalf("Parse(%q): bad message %q", src, se.Error())
			}
			se.Caret(src)
			return
		}
		if e.String() != src {
			t.Fatalf("String() = %q, want %q", e.String(), src)
		}
		if d := e.Dim(); d != 1 && d != 2 {
			t.Fatalf("Dim(%q) = %d", src, d)
		}
		same := func(a, b float64) bool { return a == b || (a != a && b != b) }
		for _, p := range points {
			v := e.Eval(p[0], p[1])
			fv, _, dy := e.Gradient(p[0], p[1])
			if !same(v, fv) {
				t.Fatalf("%q at %v: Eval %v, Gradient value %v", src, p, v, fv)
			}
			if e.Dim() == 1 {
				if dy != 0 {
					t.Fatalf("%q is 1-D but dy = %v", src, dy)
				}
				if w := e.Eval(p[0], p[1]+1); !same(v, w) {
					t.Fatalf("%q is 1-D but depends on y: %v vs %v", src, v, w)
				}
			}
		}
	})
}
