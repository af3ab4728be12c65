package expr

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"
)

// mul and div round like float64 operations at run time, unlike Go's exact
// constant arithmetic.
func mul(a, b float64) float64 { return a * b }
func div(a, b float64) float64 { return a / b }

func TestValues(t *testing.T) {
	tests := []struct {
		src  string
		x, y float64
		want float64
	}{
		// numbers
		{"2", 0, 0, 2},
		{"1e-3", 0, 0, 1e-3},
		{"1E3", 0, 0, 1000},
		{"2.5e+2", 0, 0, 250},
		{".5", 0, 0, 0.5},
		{"2.", 0, 0, 2},
		{"007", 0, 0, 7},
		{"pi", 0, 0, math.Pi},
		{"e", 0, 0, math.E},
		{"x", 3, 4, 3},
		{"y", 3, 4, 4},
		// precedence
		{"2+3*4", 0, 0, 14},
		{"(2+3)*4", 0, 0, 20},
		{"2*3^2", 0, 0, 18},
		{"-2^2", 0, 0, -4},
		{"(-2)^2", 0, 0, 4},
		{"-x^2", 3, 0, -9},
		{"-x**2", 3, 0, -9},
		{"2^-1", 0, 0, 0.5},
		{"2**-1", 0, 0, 0.5},
		{"2^-x^2", 1, 0, 0.5},
		{"x^-2", 2, 0, 0.25},
		{"2*-3", 0, 0, -6},
		{"- - 2", 0, 0, 2},
		{"+x", 5, 0, 5},
		{"-x*y", 2, 3, -6},
		{"1 - -x", 2, 0, 3},
		{"2^3*2", 0, 0, 16},
		{"-2^-2", 0, 0, -0.25},
		// associativity
		{"2^3^2", 0, 0, 512},
		{"2**3**2", 0, 0, 512},
		{"2^3**2", 0, 0, 512},
		{"x-y-1", 10, 3, 6},
		{"x/y/2", 12, 3, 2},
		{"x^y^2", 2, 2, 16},
		{"x - y + 1", 10, 3, 8},
		// functions
		{"sin(pi/2)", 0, 0, 1},
		{"cos(0)", 0, 0, 1},
		{"tan(x)", 0.5, 0, math.Tan(0.5)},
		{"asin(x)", 0.5, 0, math.Asin(0.5)},
		{"acos(x)", 0.5, 0, math.Acos(0.5)},
		{"atan(x)", 0.5, 0, math.Atan(0.5)},
		{"sinh(x)", 0.5, 0, math.Sinh(0.5)},
		{"cosh(x)", 0.5, 0, math.Cosh(0.5)},
		{"tanh(x)", 0.5, 0, math.Tanh(0.5)},
		{"exp(x)", 0.5, 0, math.Exp(0.5)},
		{"log(e)", 0, 0, 1},
		{"log(x)", 0.5, 0, math.Log(0.5)},
		{"sqrt(16)", 0, 0, 4},
		{"abs(-3)", 0, 0, 3},
		{"abs(x)", -3, 0, 3},
		{"min(3, 1)", 0, 0, 1},
		{"max(x, y)", 1, 2, 2},
		{"min(x, y)", 1, 2, 1},
		{"max(x, 0)", -1, 0, 0},
		{"pow(2, 10)", 0, 0, 1024},
		{"pow(x, y)", 2, 3, 8},
		{"atan2(y, x)", -1, 1, math.Atan2(1, -1)},
		{"atan2(1, x)", -1, 0, math.Atan2(1, -1)},
		{"atan2(x, 1)", -1, 0, math.Atan2(-1, 1)},
		{"sin(x)^2 + cos(x)^2", 0.3, 0, math.Sin(0.3)*math.Sin(0.3) + math.Cos(0.3)*math.Cos(0.3)},
		// whitespace anywhere
		{" x\t+\n y ", 1, 2, 3},
		{"sin ( x )", 0.5, 0, math.Sin(0.5)},
		{"max( x ,y )", 1, 2, 2},
		{"2 ** 3", 0, 0, 8},
		// torch's exact forms
		{"x^2", 0.1, 0, mul(0.1, 0.1)},
		{"x^3", 0.1, 0, mul(mul(0.1, 0.1), 0.1)},
		{"x^-1", 3, 0, div(1, 3)},
		{"x^-2", 0.3, 0, div(1, mul(0.3, 0.3))},
		{"x^0.5", 2, 0, math.Sqrt(2)},
		{"x^-0.5", 2, 0, 1 / math.Sqrt(2)},
		{"x^0", math.NaN(), 0, 1},
		{"7/x", 3, 0, mul(div(1, 3), 7)},
		{"1^x", math.NaN(), 0, 1},
		// other integer powers are rounded once, like C's pow
		{"x^4", 1.1, 0, exactPow(1.1, 4)},
		{"x^-7", 0.37, 0, exactPow(0.37, -7)},
		{"x^y", 1.23, 9, exactPow(1.23, 9)},
		{"3^x", 13, 0, exactPow(3, 13)},
	}
	for _, tt := range tests {
		e, err := Parse(tt.src)
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.src, err)
			continue
		}
		got := e.Eval(tt.x, tt.y)
		if got != tt.want && !(math.IsNaN(got) && math.IsNaN(tt.want)) {
			t.Errorf("%q at (%v, %v) = %v, want %v", tt.src, tt.x, tt.y, got, tt.want)
		}
		if f, _, _ := e.Gradient(tt.x, tt.y); f != got && !(math.IsNaN(f) && math.IsNaN(got)) {
			t.Errorf("%q: Gradient value %v != Eval %v", tt.src, f, got)
		}
		if e.String() != tt.src {
			t.Errorf("String() = %q, want %q", e.String(), tt.src)
		}
	}
}

// TestPrecedenceMatchesParenthesised checks the grammar by comparing
// expressions with their fully parenthesised forms at several points.
func TestPrecedenceMatchesParenthesised(t *testing.T) {
	tests := []struct{ src, paren string }{
		{"-x^2", "-(x^2)"},
		{"-x*y", "(-x)*y"},
		{"x+y*x-y", "(x+(y*x))-y"},
		{"x/y*x", "(x/y)*x"},
		{"x^y^x", "x^(y^x)"},
		{"x^-y^2", "x^(-(y^2))"},
		{"x*y^2", "x*(y^2)"},
		{"-x^-y", "-(x^(-y))"},
		{"x - y - x", "(x - y) - x"},
		{"2*x^2/y", "(2*(x^2))/y"},
		{"sin(x)^2", "(sin(x))^2"},
		{"-sin(x)*y", "(-(sin(x)))*y"},
	}
	points := [][2]float64{{1.3, 0.7}, {0.4, 2.1}, {2.2, 1.5}}
	for _, tt := range tests {
		a := MustParse(tt.src)
		b := MustParse(tt.paren)
		for _, p := range points {
			if va, vb := a.Eval(p[0], p[1]), b.Eval(p[0], p[1]); va != vb {
				t.Errorf("%q = %v but %q = %v at %v", tt.src, va, tt.paren, vb, p)
			}
		}
	}
}

func TestDim(t *testing.T) {
	tests := []struct {
		src  string
		want int
	}{
		{"x", 1},
		{"y", 2},
		{"2", 1},
		{"pi*e", 1},
		{"x^2 + 1", 1},
		{"x + 0*y", 2},
		{"sin(y)", 2},
		{"max(x, y)", 2},
		{"(x-1)^2 + 1", 1},
	}
	for _, tt := range tests {
		e := MustParse(tt.src)
		if got := e.Dim(); got != tt.want {
			t.Errorf("Dim(%q) = %d, want %d", tt.src, got, tt.want)
		}
		_, _, dy := e.Gradient(1.5, 2.5)
		if tt.want == 1 && dy != 0 {
			t.Errorf("%q is 1-D but dy = %v", tt.src, dy)
		}
	}
}

func TestSyntaxErrors(t *testing.T) {
	tests := []struct {
		src  string
		col  int
		want string // a substring of the message
	}{
		{"", 1, "empty expression"},
		{"   ", 1, "empty expression"},
		{"x +", 4, "expected an operand after '+' at column 3, found end of input"},
		{"x * ", 5, "expected an operand after '*' at column 3, found end of input"},
		{"(x", 3, "expected ')' to close '(' at column 1, found end of input"},
		{"((x)", 5, "expected ')' to close '(' at column 1, found end of input"},
		{"sin(x", 6, "expected ')' to close '(' at column 4, found end of input"},
		{"(x y)", 4, `expected an operator or ')' to close '(' at column 1, found "y"`},
		{"x)", 2, "unmatched ')'"},
		{"sinn(x)", 1, `unknown function "sinn" (did you mean "sin"?)`},
		{"Sin(x)", 1, `unknown function "Sin" (did you mean "sin"?)`},
		{"sqr(x)", 1, `unknown function "sqr" (did you mean "sqrt"?)`},
		{"foo(x)", 1, `unknown function "foo"`},
		{"x + pie", 5, `unknown name "pie" (did you mean "pi"?)`},
		{"z", 1, `unknown variable "z"`},
		{"2*X", 3, `unknown variable "X" (did you mean "x"?)`},
		{"xy", 1, `unknown name "xy" (write x*y for a product)`},
		{"1 + 2*pix", 7, `unknown name "pix" (write pi*x for a product)`},
		{"ln(x)", 1, `unknown function "ln" (did you mean "log"?)`},
		{"arctan(x)", 1, `unknown function "arctan" (did you mean "atan"?)`},
		{"cosine(x)", 1, `unknown function "cosine" (did you mean "cos"?)`},
		{"t", 1, `unknown variable "t" (the variables are x and y)`},
		{"max(x y)", 7, `expected ',' or ')' in the arguments of max at column 1, found "y"`},
		{"sin(x y)", 7, `expected an operator or ')' to close '(' at column 4, found "y"`},
		{"max(x)", 1, "max takes 2 arguments, got 1"},
		{"1 + min(x, y, 1)", 5, "min takes 2 arguments, got 3"},
		{"sin(x, y)", 1, "sin takes 1 argument, got 2"},
		{"sin()", 1, "sin takes 1 argument, got 0"},
		{"max(x,)", 7, "expected an argument after ',', found ')'"},
		{"max(,x)", 5, "expected an argument to max, found ','"},
		{"sin x", 5, `expected '(' after function "sin", found "x"`},
		{"sin", 4, `expected '(' after function "sin", found end of input`},
		{"1e", 1, `malformed number "1e": expected digits in the exponent`},
		{"x*1e+", 3, `malformed number "1e+"`},
		{"1..2", 1, `malformed number "1..2": more than one decimal point`},
		{"1.2.3", 1, "more than one decimal point"},
		{"x + .", 5, `malformed number "."`},
		{"1e5.5", 1, "decimal point in the exponent"},
		{"1e999", 1, "too large"},
		{"x $ y", 3, "unexpected character '$'"},
		{"x + £", 5, "unexpected character '£'"},
		{"é + x", 1, `unknown variable "é"`},
		{"x = 1", 3, "unexpected character '='"},
		{"2x", 2, `expected an operator, found "x" (write * for a product)`},
		{"x y", 3, `expected an operator, found "y"`},
		{"x (y)", 3, `expected an operator after variable "x", found '('`},
		{"x(2)", 2, `expected an operator after variable "x", found '('`},
		{"pi(2)", 3, `expected an operator after constant "pi", found '('`},
		{"()", 2, "expected an expression inside '(' at column 1, found ')'"},
		{"x ^", 4, "expected an exponent after '^' at column 3, found end of input"},
		{"x ** ", 6, "expected an exponent after '**' at column 3, found end of input"},
		{"x^^2", 3, "expected an exponent after '^' at column 2, found '^'"},
		{"x * * y", 5, "expected an operand after '*' at column 3, found '*'"},
		{"x +* y", 4, "expected an operand after '+' at column 3, found '*'"},
		{"-", 2, "expected an operand after '-' at column 1, found end of input"},
		{"*x", 1, "expected an expression, found '*'"},
		{"x,y", 2, "unexpected ',' outside a function's arguments"},
		{"x\xff", 2, "invalid UTF-8"},
		{strings.Repeat("(", 300) + "x" + strings.Repeat(")", 300), 201, "nested too deeply"},
		{strings.Repeat("-", 1000) + "x", 201, "nested too deeply"},
		{strings.Repeat("sin(", 500) + "x" + strings.Repeat(")", 500), 401, "nested too deeply"},
		{"x" + strings.Repeat("+x", MaxLength/2), MaxLength + 1, "expression too long: 131073 bytes (at most 131072)"},
		{strings.Repeat("é", MaxLength/2+1), MaxLength/2 + 1, "expression too long: 131074 bytes (at most 131072)"},
	}
	for _, tt := range tests {
		e, err := Parse(tt.src)
		if err == nil {
			t.Errorf("Parse(%q) = %v, want an error", tt.src, e)
			continue
		}
		var se *SyntaxError
		if !errors.As(err, &se) {
			t.Errorf("Parse(%q) error %T, want *SyntaxError", tt.src, err)
			continue
		}
		if se.Column != tt.col {
			t.Errorf("Parse(%q): column %d, want %d (%v)", tt.src, se.Column, tt.col, err)
		}
		if !strings.Contains(se.Msg, tt.want) {
			t.Errorf("Parse(%q): message %q, want it to contain %q", tt.src, se.Msg, tt.want)
		}
		if !strings.HasPrefix(err.Error(), "expr: column ") {
			t.Errorf("Parse(%q): %q lacks the expr: column prefix", tt.src, err)
		}
	}
}

func TestErrorText(t *testing.T) {
	tests := []struct{ src, want string }{
		{"max(x, (y", `expr: column 10: expected ')' to close '(' at column 8, found end of input`},
		{"sinn(x)", `expr: column 1: unknown function "sinn" (did you mean "sin"?)`},
		{"max(x)", `expr: column 1: max takes 2 arguments, got 1`},
	}
	for _, tt := range tests {
		_, err := Parse(tt.src)
		if err == nil || err.Error() != tt.want {
			t.Errorf("Parse(%q) error = %v, want %s", tt.src, err, tt.want)
		}
	}
}

func TestCaret(t *testing.T) {
	tests := []struct{ src, want string }{
		{"sin(x +", "sin(x +\n       ^"},
		{"x $", "x $\n  ^"},
		{"\tx $", "\tx $\n\t  ^"},
		{"x\u00a0+\u00a0$", "x\u00a0+\u00a0$\n    ^"},
	}
	for _, tt := range tests {
		_, err := Parse(tt.src)
		var se *SyntaxError
		if !errors.As(err, &se) {
			t.Fatalf("Parse(%q) = %v, want a *SyntaxError", tt.src, err)
		}
		if got := se.Caret(tt.src); got != tt.want {
			t.Errorf("Caret(%q) = %q, want %q", tt.src, got, tt.want)
		}
	}
}

func TestLongInput(t *testing.T) {
	// A long flat sum is fine: only nesting is limited.
	src := "x" + strings.Repeat(" + x", 20000)
	e, err := Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	f, dx, _ := e.Gradient(0.5, 0)
	if f != 0.5*20001 || dx != 20001 {
		t.Errorf("got f=%v dx=%v, want %v and %v", f, dx, 0.5*20001, 20001)
	}
	// Nesting just under the limit parses.
	depth := MaxDepth - 1
	if _, err := Parse(strings.Repeat("(", depth) + "x" + strings.Repeat(")", depth)); err != nil {
		t.Errorf("nesting %d: %v", depth, err)
	}
}

func TestConstantFolding(t *testing.T) {
	tests := []struct {
		src  string
		want int // instructions
	}{
		{"2*pi + sin(1)^2", 0},
		{"x*(2*pi)", 1},
		{"x^(1+1)", 1},
		{"x", 1},
		{"exp(-(x^2 + y^2)/2)", 6},
	}
	for _, tt := range tests {
		e := MustParse(tt.src)
		if got := len(e.prog.code); got != tt.want {
			t.Errorf("%q compiles to %d instructions, want %d", tt.src, got, tt.want)
		}
	}
}

// TestFoldingMatchesRuntime checks that a function of a constant, folded at
// compile time, equals the same function of a variable at run time.
func TestFoldingMatchesRuntime(t *testing.T) {
	for _, fn := range sortedKeys(functions) {
		for _, v := range []float64{0.3, -0.7, 2.5} {
			var folded, live string
			if functions[fn].arity == 1 {
				folded = fmt.Sprintf("%s(%v)", fn, v)
				live = fn + "(x)"
			} else {
				folded = fmt.Sprintf("%s(%v, 0.4)", fn, v)
				live = fn + "(x, 0.4)"
			}
			e := MustParse(folded)
			if !e.prog.constant {
				t.Errorf("%q was not folded", folded)
			}
			a, b := e.Eval(0, 0), MustParse(live).Eval(v, 0)
			if a != b && !(math.IsNaN(a) && math.IsNaN(b)) {
				t.Errorf("%q folds to %v but %q at x=%v is %v", folded, a, live, v, b)
			}
		}
	}
	for _, op := range []string{"+", "-", "*"} {
		a := MustParse("0.3"+op+"0.7").Eval(0, 0)
		b := MustParse("x"+op+"0.7").Eval(0.3, 0)
		c := MustParse("0.3"+op+"x").Eval(0.7, 0)
		if a != b || a != c {
			t.Errorf("0.3%s0.7: folded %v, x%s0.7 %v, 0.3%sx %v", op, a, op, b, op, c)
		}
	}
}
