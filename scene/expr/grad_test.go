package expr

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/diff/fd"
)

// box is a rectangle of the plane where an expression is smooth.
type box struct{ x0, x1, y0, y1 float64 }

// TestGradientMatchesFiniteDifferences compares the exact gradient of every
// function and operator with gonum's central differences at 50 random points
// where the expression is smooth.
func TestGradientMatchesFiniteDifferences(t *testing.T) {
	wide := box{-2, 2, -2, 2}
	pos := box{0.2, 3, 0.2, 3}
	tests := []struct {
		src string
		box box
	}{
		{"x + y", wide},
		{"x - y", wide},
		{"x * y", wide},
		{"x / y", pos},
		{"y / x", box{-3, -0.2, -2, 2}},
		{"-x", wide},
		{"+y", wide},
		{"x^y", pos},
		{"x**y", pos},
		{"pow(x, y)", pos},
		{"(x*y)^(x+y)", pos},
		{"x^2", wide},
		{"y^3", wide},
		{"x^-1", pos},
		{"x^-2", pos},
		{"x^0.5", pos},
		{"x^-0.5", pos},
		{"x^1.7", pos},
		{"x^1", wide},
		{"x^0", wide},
		{"x^4 - y^5", wide},
		{"2^x", wide},
		{"e^(x*y)", wide},
		{"0.5^y", wide},
		{"3/x", pos},
		{"3 - x*y", wide},
		{"x*y - 3", wide},
		{"3 + x", wide},
		{"x / 3", wide},
		{"3*x", wide},
		{"sin(x*y)", wide},
		{"cos(x - y)", wide},
		{"tan(x)", box{-1.3, 1.3, 0, 0}},
		{"asin(x*y)", box{-0.9, 0.9, -0.9, 0.9}},
		{"acos(x*y)", box{-0.9, 0.9, -0.9, 0.9}},
		{"atan(x/y)", pos},
		{"sinh(x+y)", wide},
		{"cosh(x*y)", wide},
		{"tanh(x*y)", wide},
		{"exp(-x*y)", wide},
		{"log(x*y)", pos},
		{"sqrt(x*y)", pos},
		{"abs(x*y)", pos},
		{"abs(x - 5)", wide},
		{"min(x, y)", box{0, 1, 2, 3}},
		{"min(x, y)", box{2, 3, 0, 1}},
		{"max(x, y)", box{0, 1, 2, 3}},
		{"max(x, y)", box{2, 3, 0, 1}},
		{"min(x, 1) + max(2, y)", box{-2, 0.5, -1, 1.5}},
		{"max(x*x, 9) + min(-1, y)", box{-2, 2, 0, 2}},
		{"atan2(y, x)", pos},
		{"atan2(x, 2) + atan2(2, y)", wide},
		// The built-in surfaces and the golden expressions.
		{"x^2 - y^2", wide},
		{"(1-x)^2 + 100*(y-x^2)^2", wide},
		{"(1.5-x+x*y)^2 + (2.25-x+x*y^2)^2 + (2.625-x+x*y^3)^2", wide},
		{"(x^2+y-11)^2 + (x+y^2-7)^2", wide},
		{"20 + x^2 - 10*cos(2*pi*x) + y^2 - 10*cos(2*pi*y)", wide},
		{"-20*exp(-0.2*sqrt((x^2+y^2)/2)) - exp((cos(2*pi*x)+cos(2*pi*y))/2) + e + 20", pos},
		{"(4-2.1*x^2+x^4/3)*x^2 + x*y + (-4+4*y^2)*y^2", wide},
		{"sin(3*pi*x)^2 + (x-1)^2*(1+sin(3*pi*y)^2) + (y-1)^2*(1+sin(2*pi*y)^2)", wide},
		{"x^2 + 3*y^2 + sin(x*y)", wide},
		{"log(1 + x^2) + tanh(y)^2 + exp(-x*y)/5", wide},
		{"x*x*x / (1 + y*y)", wide},
		{"sqrt(x) + sqrt(x) * y", pos},
	}
	rng := rand.New(rand.NewPCG(1, 2))
	settings := &fd.Settings{Formula: fd.Central}
	for _, tt := range tests {
		e, err := Parse(tt.src)
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.src, err)
			continue
		}
		f := func(p []float64) float64 { return e.Eval(p[0], p[1]) }
		failures := 0
		for range 50 {
			x := tt.box.x0 + rng.Float64()*(tt.box.x1-tt.box.x0)
			y := tt.box.y0 + rng.Float64()*(tt.box.y1-tt.box.y0)
			val, dx, dy := e.Gradient(x, y)
			if want := e.Eval(x, y); val != want {
				t.Errorf("%q at (%v, %v): Gradient value %v != Eval %v", tt.src, x, y, val, want)
			}
			num := fd.Gradient(nil, f, []float64{x, y}, settings)
			scale := 1 + math.Abs(val)
			tol := 1e-6 * scale
			if math.Abs(dx-num[0]) > tol*(1+math.Abs(num[0])) || math.Abs(dy-num[1]) > tol*(1+math.Abs(num[1])) {
				failures++
				if failures <= 3 {
					t.Errorf("%q at (%v, %v): gradient (%v, %v), finite differences (%v, %v)",
						tt.src, x, y, dx, dy, num[0], num[1])
				}
			}
		}
	}
}

// TestTorchSemantics checks the points where torch's autograd picks a
// particular value: kinks, ties, zeros and poles.
func TestTorchSemantics(t *testing.T) {
	inf := math.Inf(1)
	nan := math.NaN()
	tests := []struct {
		src        string
		x, y       float64
		f, dx, dy  float64
		checkValue bool
	}{
		{"sqrt(x)", 0, 0, 0, inf, 0, true},
		{"x^0.5", 0, 0, 0, inf, 0, true},
		{"abs(x)", 0, 0, 0, 0, 0, true},
		{"abs(x)", -2, 0, 2, -1, 0, true},
		{"max(x, y)", 1, 1, 1, 0.5, 0.5, true},
		{"min(x, y)", 1, 1, 1, 0.5, 0.5, true},
		{"max(x, y)", 1, 2, 2, 0, 1, true},
		{"min(x, y)", 1, 2, 1, 1, 0, true},
		{"max(x, 1)", 1, 0, 1, 0.5, 0, true},
		{"min(2, y)", 0, 2, 2, 0, 0.5, true},
		{"max(x, y)", nan, 1, nan, 1, 1, false},
		{"x^2", 3, 0, 9, 6, 0, true},
		{"x^3", 2, 0, 8, 12, 0, true},
		{"x^0", 0, 0, 1, 0, 0, true},
		{"x^1", 5, 0, 5, 1, 0, true},
		{"x^-1", 2, 0, 0.5, -0.25, 0, true},
		{"x^y", 0, 2, 0, 0, 0, true}, // d/dy of 0^y is 0 for y >= 0
		{"x^y", 0, 0, 1, 0, 0, true}, // torch zeroes d/dx where the exponent is 0
		{"x^y", 2, 3, 8, 12, 8 * math.Log(2), true},
		{"pow(x, y)", 2, 3, 8, 12, 8 * math.Log(2), true},
		{"0^x", 1, 0, 0, 0, 0, true},
		{"1^x", 5, 0, 1, 0, 0, true},
		{"2^x", 3, 0, 8, 8 * math.Log(2), 0, true},
		{"log(x)", 0, 0, math.Inf(-1), inf, 0, true},
		{"sqrt(x) * 0", 0, 0, 0, nan, 0, false}, // torch: 0 / (2*0)
		{"y", 7, 3, 3, 0, 1, true},
		{"5", 7, 3, 5, 0, 0, true},
		{"x", 7, 3, 7, 1, 0, true},
	}
	same := func(a, b float64) bool { return a == b || (math.IsNaN(a) && math.IsNaN(b)) }
	for _, tt := range tests {
		e := MustParse(tt.src)
		f, dx, dy := e.Gradient(tt.x, tt.y)
		if (tt.checkValue && !same(f, tt.f)) || !same(dx, tt.dx) || !same(dy, tt.dy) {
			t.Errorf("%q at (%v, %v) = (%v, %v, %v), want (%v, %v, %v)",
				tt.src, tt.x, tt.y, f, dx, dy, tt.f, tt.dx, tt.dy)
		}
	}
}

// TestTorchRounding checks that derivatives are formed in torch's order of
// operations, bit for bit, for formulas where the order changes the result.
func TestTorchRounding(t *testing.T) {
	x, y := 0.7, 1.3
	tests := []struct {
		src    string
		dx, dy float64
	}{
		// pow_backward: grad * (c * x.pow(c-1)), x.pow(2) == x*x.
		{"x^3", 3 * mul(x, x), 0},
		// div backward: -grad * ((a / b) / b).
		{"x / y", div(1, y), -1 * div(div(x, y), y)},
		// __rtruediv__: (1/x)*c, and reciprocal's -grad * (r*r).
		{"3 / x", -3 * mul(div(1, x), div(1, x)), 0},
		// tanh_backward: grad * (1 - r*r).
		{"tanh(x)", 1 - mul(math.Tanh(x), math.Tanh(x)), 0},
		// atan: grad / (x*x + 1).
		{"atan(x)", div(1, mul(x, x)+1), 0},
	}
	for _, tt := range tests {
		_, dx, dy := MustParse(tt.src).Gradient(x, y)
		if dx != tt.dx || dy != tt.dy {
			t.Errorf("%q: gradient (%v, %v), want (%v, %v)", tt.src, dx, dy, tt.dx, tt.dy)
		}
	}
}
