// Package expr parses formulas in x and y, such as "x^2 + 3*y^2 + sin(x*y)",
// and evaluates them with exact gradients by reverse-mode automatic
// differentiation.
//
// The grammar: variables x and y; numbers such as 2, .5, 2. and 1e-3; the
// operators + - * / and ^ (or **), where ^ is right-associative and binds
// tighter than a leading minus (-x^2 is -(x^2), 2^-1 is 0.5); parentheses;
// the functions sin cos tan asin acos atan sinh cosh tanh exp log sqrt abs of
// one argument and min max pow atan2 of two; the constants pi and e.
//
// Values and derivatives follow PyTorch's autograd in float64, operation by
// operation: x^2 is x*x and differentiates to 2*x, sqrt'(0) is +Inf, abs'(0)
// is 0, min and max send the gradient to the chosen argument and split it
// evenly on a tie, and c/x is computed as (1/x)*c like torch's __rtruediv__.
// Constant sub-expressions are folded as Python would compute them. Powers
// are rounded like the C library's pow, which torch calls (Go's math.Pow is
// often an ulp off); sin, exp, log and the other functions come from Go's
// math package and may differ from torch's in the last bit.
package expr

import "sync"

// Expr is a parsed and compiled expression. It is safe for concurrent use.
type Expr struct {
	src   string
	dim   int
	usesX bool
	prog  *program
	pool  sync.Pool // of *[]float64 scratch for programs too big for the stack
	jets  sync.Pool // of *[]jet scratch for Hessian, likewise
}

// Parse parses and compiles src. Errors are of type *SyntaxError.
func Parse(src string) (*Expr, error) {
	p, n, err := parse(src)
	if err != nil {
		return nil, err
	}
	e := &Expr{src: src, dim: 1, usesX: p.usesX, prog: compile(n)}
	if p.usesY {
		e.dim = 2
	}
	size := 2 * e.prog.slots()
	e.pool.New = func() any {
		s := make([]float64, size)
		return &s
	}
	e.jets.New = func() any {
		s := make([]jet, e.prog.slots())
		return &s
	}
	return e, nil
}

// MustParse is like Parse but panics on error; for expressions fixed in code.
func MustParse(src string) *Expr {
	e, err := Parse(src)
	if err != nil {
		panic(err)
	}
	return e
}

// Dim returns 1 if the expression does not use y, else 2.
func (e *Expr) Dim() int { return e.dim }

// Cost returns the number of instructions one evaluation runs (0 for a
// constant): what an evaluation costs, relative to other expressions.
func (e *Expr) Cost() int {
	if e.prog.constant {
		return 0
	}
	return len(e.prog.code)
}

// String returns the source text as given to Parse.
func (e *Expr) String() string { return e.src }

// stackSlots is how many slots Eval and Gradient keep on the stack; longer
// programs borrow scratch space from a pool.
const stackSlots = 32

// Eval returns the value of the expression at (x, y).
func (e *Expr) Eval(x, y float64) float64 {
	p := e.prog
	if p.constant {
		return p.value
	}
	n := p.slots()
	if n <= stackSlots {
		var buf [stackSlots]float64
		buf[0], buf[1] = x, y
		return p.forward(buf[:n])
	}
	sp := e.pool.Get().(*[]float64)
	v := (*sp)[:n]
	v[0], v[1] = x, y
	f := p.forward(v)
	e.pool.Put(sp)
	return f
}

// Gradient returns the value of the expression at (x, y) and its partial
// derivatives with respect to x and y. A variable the expression does not
// use has derivative 0.
func (e *Expr) Gradient(x, y float64) (f, dx, dy float64) {
	p := e.prog
	if p.constant {
		return p.value, 0, 0
	}
	n := p.slots()
	if n <= stackSlots {
		var v, g [stackSlots]float64
		v[0], v[1] = x, y
		f = p.forward(v[:n])
		dx, dy = p.backward(v[:n], g[:n])
	} else {
		sp := e.pool.Get().(*[]float64)
		v, g := (*sp)[:n], (*sp)[n:2*n]
		v[0], v[1] = x, y
		f = p.forward(v)
		dx, dy = p.backward(v, g)
		e.pool.Put(sp)
	}
	if !e.usesX {
		dx = 0
	}
	if e.dim == 1 {
		dy = 0
	}
	return f, dx, dy
}

// Hessian returns the second partial derivatives f_xx, f_xy and f_yy of the
// expression at (x, y), exactly: second-order forward-mode automatic
// differentiation carries each intermediate value with its first and second
// derivatives in x and y through every operation, applying each function's
// own first and second derivatives (no finite differences). Where a function
// has no derivative the gradient's conventions hold (abs'(0) = 0, min and max
// split evenly on a tie), and the second derivative of abs, min and max is 0.
// A variable the expression does not use contributes zeros.
func (e *Expr) Hessian(x, y float64) (dxx, dxy, dyy float64) {
	p := e.prog
	if p.constant {
		return 0, 0, 0
	}
	n := p.slots()
	if n <= stackSlots {
		var j [stackSlots]jet
		dxx, dxy, dyy = p.hessian(j[:n], x, y)
	} else {
		sp := e.jets.Get().(*[]jet)
		dxx, dxy, dyy = p.hessian((*sp)[:n], x, y)
		e.jets.Put(sp)
	}
	if !e.usesX {
		dxx, dxy = 0, 0
	}
	if e.dim == 1 {
		dxy, dyy = 0, 0
	}
	return dxx, dxy, dyy
}
