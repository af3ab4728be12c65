package expr

import "math"

// opcode names an operation of the syntax tree and of the compiled program.
type opcode uint8

const (
	opIdent opcode = iota // a: the whole expression is a bare variable

	// One operand, in slot a.
	opNeg
	opSin
	opCos
	opTan
	opAsin
	opAcos
	opAtan
	opSinh
	opCosh
	opTanh
	opExp
	opLog
	opSqrt
	opAbs
	opSquare // a^2 computed as a*a
	opPowC   // a^c, c a constant

	// Two operands, in slots a and b.
	opAdd
	opSub
	opMul
	opDiv
	opPow
	opMin
	opMax
	opAtan2

	// One operand in slot a and the constant c.
	opAddC    // a + c
	opSubC    // a - c
	opRSubC   // c - a
	opMulC    // a * c
	opDivC    // a / c
	opRDivC   // c / a, computed as (1/a)*c like torch's __rtruediv__
	opRPowC   // c ^ a
	opMinC    // min(a, c)
	opMaxC    // max(a, c)
	opAtan2C  // atan2(a, c)
	opRAtan2C // atan2(c, a)
)

// unaryValue applies a one-operand operation.
func unaryValue(op opcode, a float64) float64 {
	switch op {
	case opIdent:
		return a
	case opNeg:
		return -a
	case opSin:
		return math.Sin(a)
	case opCos:
		return math.Cos(a)
	case opTan:
		return math.Tan(a)
	case opAsin:
		return math.Asin(a)
	case opAcos:
		return math.Acos(a)
	case opAtan:
		return math.Atan(a)
	case opSinh:
		return math.Sinh(a)
	case opCosh:
		return math.Cosh(a)
	case opTanh:
		return math.Tanh(a)
	case opExp:
		return math.Exp(a)
	case opLog:
		return math.Log(a)
	case opSqrt:
		return math.Sqrt(a)
	case opAbs:
		return math.Abs(a)
	case opSquare:
		return a * a
	}
	panic("expr: unaryValue: bad opcode")
}

// binaryValue applies a two-operand operation to plain numbers, as used when
// folding constants (Python arithmetic on floats).
func binaryValue(op opcode, a, b float64) float64 {
	switch op {
	case opAdd:
		return a + b
	case opSub:
		return a - b
	case opMul:
		return a * b
	case opDiv:
		return a / b
	case opPow:
		return cpow(a, b)
	case opMin:
		return minimum(a, b)
	case opMax:
		return maximum(a, b)
	case opAtan2:
		return math.Atan2(a, b)
	}
	panic("expr: binaryValue: bad opcode")
}

// powScalar is torch.pow(tensor, scalar) on one float64: exact
// special cases for the exponents torch specialises, std::pow otherwise.
func powScalar(a, c float64) float64 {
	switch c {
	case 0:
		return 1
	case 1:
		return a
	case 2:
		return a * a
	case 3:
		return a * a * a
	case -1:
		return 1 / a
	case -2:
		return 1 / (a * a)
	case 0.5:
		return math.Sqrt(a)
	case -0.5:
		return 1 / math.Sqrt(a)
	}
	return cpow(a, c)
}

// maximum is torch.maximum: NaN if either operand is NaN.
func maximum(a, b float64) float64 {
	if a != a || b != b {
		return math.NaN()
	}
	if a < b {
		return b
	}
	return a
}

// minimum is torch.minimum: NaN if either operand is NaN.
func minimum(a, b float64) float64 {
	if a != a || b != b {
		return math.NaN()
	}
	if b < a {
		return b
	}
	return a
}

// maxGrad splits the gradient g of max(a, b) like torch: all of it to the
// larger operand, half to each on a tie.
func maxGrad(g, a, b float64) (ga, gb float64) {
	if a == b {
		return g / 2, g / 2
	}
	if a < b {
		ga = 0
	} else {
		ga = g
	}
	if a > b {
		gb = 0
	} else {
		gb = g
	}
	return ga, gb
}

// minGrad splits the gradient g of min(a, b) like torch.
func minGrad(g, a, b float64) (ga, gb float64) {
	if a == b {
		return g / 2, g / 2
	}
	if a > b {
		ga = 0
	} else {
		ga = g
	}
	if a < b {
		gb = 0
	} else {
		gb = g
	}
	return ga, gb
}

// sign is torch.sgn for real numbers: -1, 0 or 1 (0 for NaN).
func sign(a float64) float64 {
	switch {
	case a > 0:
		return 1
	case a < 0:
		return -1
	}
	return 0
}

// rsqrt is 1/sqrt(a).
func rsqrt(a float64) float64 { return 1 / math.Sqrt(a) }

// Products that feed a sum are wrapped in float64() below: the conversion
// forbids the compiler from fusing them into one multiply-add, which would
// round differently from torch's separate operations.

// unaryGrad returns the gradient reaching the operand a of a one-operand
// operation whose result was r and whose output gradient is g, written
// as torch's derivatives.yaml writes it so that rounding agrees.
func unaryGrad(op opcode, c, g, a, r float64) float64 {
	switch op {
	case opIdent:
		return g
	case opNeg:
		return -g
	case opSin:
		return g * math.Cos(a)
	case opCos:
		return g * -math.Sin(a)
	case opTan:
		return g * (1 + float64(r*r))
	case opAsin:
		return g * rsqrt(float64(-a*a)+1)
	case opAcos:
		return g * -rsqrt(float64(-a*a)+1)
	case opAtan:
		return g / (float64(a*a) + 1)
	case opSinh:
		return g * math.Cosh(a)
	case opCosh:
		return g * math.Sinh(a)
	case opTanh:
		return g * (1 - float64(r*r))
	case opExp:
		return g * r
	case opLog:
		return g / a
	case opSqrt:
		return g / (2 * r)
	case opAbs:
		return g * sign(a)
	case opSquare:
		return g * (2 * a)
	case opPowC:
		if c == 0 {
			return 0
		}
		return g * (c * powScalar(a, c-1))
	case opAddC, opSubC:
		return g
	case opRSubC:
		return -g
	case opMulC:
		return g * c
	case opDivC:
		return g / c
	case opRDivC:
		return -(g * c) * (1 / a * (1 / a))
	case opRPowC:
		if c == 0 && a >= 0 {
			return g * 0
		}
		return g * (r * math.Log(c))
	case opMinC:
		ga, _ := minGrad(g, a, c)
		return ga
	case opMaxC:
		ga, _ := maxGrad(g, a, c)
		return ga
	case opAtan2C:
		return g * c * (1 / (float64(a*a) + float64(c*c)))
	case opRAtan2C:
		return g * -c * (1 / (float64(c*c) + float64(a*a)))
	}
	panic("expr: unaryGrad: bad opcode")
}
