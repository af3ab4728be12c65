package expr

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/diff/fd"
	"gonum.org/v1/gonum/mat"
)

// hessianCases exercise every function and operator, each compiled form
// (constant on the left or right, squares and other constant powers) and
// the built-in surfaces' formulas, on boxes where they are smooth.
func hessianCases() []struct {
	src string
	box box
} {
	wide := box{-2, 2, -2, 2}
	pos := box{0.2, 3, 0.2, 3}
	return []struct {
		src string
		box box
	}{
		{"x", wide}, {"y", wide}, {"-x*y", wide}, {"+y*x", wide},
		{"x*y + x", wide}, {"x*y - y^3", wide}, {"x^2 * y^3", wide}, {"x / y", pos}, {"(x*x) / (1 + y*y)", wide},
		{"x^y", pos}, {"x**y", pos}, {"pow(x, y)", pos}, {"(x*y)^(x+y)", pos}, {"pow(x*y, sin(y))", pos},
		{"x^2 + y^2", wide}, {"(x*y)^3", wide}, {"(x+y)^-1", pos}, {"(x*y)^-2", pos}, {"(x*y)^0.5", pos},
		{"(x*y)^-0.5", pos}, {"(x*y)^1.7", pos}, {"(x*y)^1", wide}, {"(x*y)^0", wide}, {"(x-y)^4", wide},
		{"2^(x*y)", wide}, {"e^(x*y)", wide}, {"0.5^(x-y)", wide}, {"1^(x*y)", wide},
		{"3/(x*y)", pos}, {"3 - x*y", wide}, {"x*y - 3", wide}, {"3 + x*y", wide}, {"x*y / 3", wide}, {"3*x*y", wide},
		{"sin(x*y)", wide}, {"cos(x - y^2)", wide}, {"tan(x*y)", box{-1, 1, -1, 1}},
		{"asin(x*y)", box{-0.9, 0.9, -0.9, 0.9}}, {"acos(x*y)", box{-0.9, 0.9, -0.9, 0.9}},
		{"atan(x/y)", pos}, {"sinh(x+y)", wide}, {"cosh(x*y)", wide}, {"tanh(x*y)", wide},
		{"exp(-x*y)", wide}, {"log(x*y)", pos}, {"sqrt(x*y)", pos}, {"abs(x*y)", pos}, {"abs(x*y - 5)", wide},
		{"min(x*x, y)", box{0, 1, 2, 3}}, {"min(x, y*y)", box{2, 3, 0, 1}},
		{"max(x*y, y)", box{2, 3, 0.5, 1}}, {"max(x, y*x)", box{2, 3, 0, 0.3}},
		{"min(x*x, 1) + max(2, y^3)", box{-0.9, 0.9, 1.3, 1.5}}, {"max(x*x, 9) + min(-1, y*y)", box{-2, 2, 0, 0.9}},
		{"min(x*x, 1) + max(2, y^3)", box{1.2, 2, -1, 1}},
		{"atan2(y*y, x)", pos}, {"atan2(x*y, 2) + atan2(2, y*x)", wide},
		{"x^2 - y^2", wide},
		{"(1-x)^2 + 100*(y-x^2)^2", wide},
		{"(1.5-x+x*y)^2 + (2.25-x+x*y^2)^2 + (2.625-x+x*y^3)^2", wide},
		{"(x^2+y-11)^2 + (x+y^2-7)^2", wide},
		{"20 + x^2 - 10*cos(2*pi*x) + y^2 - 10*cos(2*pi*y)", wide},
		{"-20*exp(-0.2*sqrt((x^2+y^2)/2)) - exp((cos(2*pi*x)+cos(2*pi*y))/2) + e + 20", pos},
		{"sin(3*pi*x)^2 + (x-1)^2*(1+sin(3*pi*y)^2) + (y-1)^2*(1+sin(2*pi*y)^2)", wide},
		{"log(1 + x^2) + tanh(y)^2 + exp(-x*y)/5", wide},
		{"x^4 - 3*x^2 + x", wide}, // 1-D
		{"sin(y)^2 + y^3", wide},  // x unused
	}
}

// TestHessianMatchesFiniteDifferences compares the exact Hessian of every
// case with gonum's central differences of the exact gradient (fd.Jacobian)
// at 50 random points, to 1e-6 relative to the Hessian's largest entry
// (1e-3 at least, for the expressions whose Hessian vanishes).
func TestHessianMatchesFiniteDifferences(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	jac := mat.NewDense(2, 2, nil)
	ops := map[opcode]bool{}
	for _, tt := range hessianCases() {
		e, err := Parse(tt.src)
		if err != nil {
			t.Fatalf("Parse(%q): %v", tt.src, err)
		}
		for _, in := range e.prog.code {
			ops[in.op] = true
		}
		grad := func(dst, p []float64) {
			_, dst[0], dst[1] = e.Gradient(p[0], p[1])
		}
		worst := 0.0
		for range 50 {
			x := tt.box.x0 + rng.Float64()*(tt.box.x1-tt.box.x0)
			y := tt.box.y0 + rng.Float64()*(tt.box.y1-tt.box.y0)
			dxx, dxy, dyy := e.Hessian(x, y)
			fd.Jacobian(jac, grad, []float64{x, y}, &fd.JacobianSettings{Formula: fd.Central})
			scale := math.Max(math.Max(math.Abs(dxx), math.Abs(dxy)), math.Max(math.Abs(dyy), 1e-3))
			got := [2][2]float64{{dxx, dxy}, {dxy, dyy}}
			for i := range 2 {
				for j := range 2 {
					d := math.Abs(got[i][j]-jac.At(i, j)) / scale
					worst = math.Max(worst, d)
					if !(d <= 1e-6) {
						t.Fatalf("%q at (%v, %v): H[%d][%d] = %v, finite differences %v (relative %.3g)", tt.src, x, y, i, j, got[i][j], jac.At(i, j), d)
					}
				}
			}
		}
		if worst > 1e-7 {
			t.Logf("%q: worst relative difference %.3g", tt.src, worst)
		}
	}
	// Every opcode of the compiled programs is covered.
	for op := opIdent; op <= opRAtan2C; op++ {
		if !ops[op] {
			t.Errorf("opcode %d not exercised", op)
		}
	}
}

// TestHessianSpecialCases: unused variables, constants and 1-D expressions
// give exact zeros; kinks follow the gradient's conventions.
func TestHessianSpecialCases(t *testing.T) {
	tests := []struct {
		src           string
		x, y          float64
		dxx, dxy, dyy float64
	}{
		{"5", 1, 2, 0, 0, 0},
		{"x", 1, 2, 0, 0, 0},
		{"x^3", 2, 7, 12, 0, 0},
		{"y^3", 7, 2, 0, 0, 12},
		{"x*y", 3, 4, 0, 1, 0},
		{"x^2*y", 3, 4, 8, 6, 0},
		{"abs(x)", 0, 0, 0, 0, 0},
		{"max(x, y)", 1, 1, 0, 0, 0},
		{"max(x^2, y)", 1, 1, 1, 0, 0}, // the tie splits evenly: half of x^2's 2
		{"exp(x)", 0, 5, 1, 0, 0},
		{"sin(x*y)", 0, 0, 0, 1, 0},
	}
	for _, tt := range tests {
		dxx, dxy, dyy := MustParse(tt.src).Hessian(tt.x, tt.y)
		if dxx != tt.dxx || dxy != tt.dxy || dyy != tt.dyy {
			t.Errorf("%q at (%v, %v): Hessian (%v, %v, %v), want (%v, %v, %v)", tt.src, tt.x, tt.y, dxx, dxy, dyy, tt.dxx, tt.dxy, tt.dyy)
		}
	}
}

// TestHessianLongProgram: programs longer than the stack scratch use the pool.
func TestHessianLongProgram(t *testing.T) {
	src := "x*y"
	for i := 0; i < 40; i++ {
		src += " + sin(x*y)"
	}
	e := MustParse(src)
	if e.prog.slots() <= stackSlots {
		t.Fatalf("program of %d slots fits the stack", e.prog.slots())
	}
	dxx, dxy, dyy := e.Hessian(0.3, 0.7)
	// f = xy + 40 sin(xy): f_xy = 1 + 40(cos(xy) - xy sin(xy)).
	c, s := math.Cos(0.21), math.Sin(0.21)
	if math.Abs(dxy-(1+40*(c-0.21*s))) > 1e-12 || math.Abs(dxx+40*0.49*s) > 1e-12 || math.Abs(dyy+40*0.09*s) > 1e-12 {
		t.Fatalf("Hessian %v %v %v", dxx, dxy, dyy)
	}
}

// BenchmarkHessianGrid200 evaluates benchExpr's Hessian over a 200x200 grid,
// the work of one stability overlay.
func BenchmarkHessianGrid200(b *testing.B) {
	e := MustParse(benchExpr)
	const n = 200
	coord := func(i int) float64 { return -2 + 4*float64(i)/(n-1) }
	sum := 0.0
	for b.Loop() {
		for i := range n {
			x := coord(i)
			for j := range n {
				dxx, dxy, dyy := e.Hessian(x, coord(j))
				sum += dxx + dxy + dyy
			}
		}
	}
	if sum == 0 {
		b.Fatal("zero sum")
	}
}
