package expr

import "math"

// instr is one instruction of a compiled program. Instruction i writes slot
// i+2 (slots 0 and 1 hold x and y); a and b name the slots it reads and c is
// its constant operand, if any.
type instr struct {
	op   opcode
	a, b int32
	c    float64
}

// program is an expression compiled to straight-line code in evaluation
// order (left to right, operands before operators, as Python evaluates the
// same formula), with every constant sub-expression folded.
type program struct {
	code     []instr
	constant bool    // the expression has no variables
	value    float64 // its value when constant
}

// slots is the number of value slots the program needs.
func (p *program) slots() int { return len(p.code) + 2 }

// operand is the result of compiling a sub-tree: a slot or a constant.
type operand struct {
	slot     int32
	constant bool
	value    float64
}

// compile folds constants and emits code for the tree n.
func compile(n *node) *program {
	p := &program{}
	root := p.emit(n)
	if root.constant {
		p.constant, p.value = true, root.value
		return p
	}
	if root.slot < 2 {
		p.code = append(p.code, instr{op: opIdent, a: root.slot})
	}
	return p
}

func (p *program) push(in instr) operand {
	p.code = append(p.code, in)
	return operand{slot: int32(len(p.code) + 1)}
}

func (p *program) emit(n *node) operand {
	switch n.kind {
	case nodeNum:
		return operand{constant: true, value: n.val}
	case nodeVar:
		return operand{slot: n.slot}
	case nodeUnary:
		a := p.emit(n.a)
		if a.constant {
			return operand{constant: true, value: unaryValue(n.op, a.value)}
		}
		return p.push(instr{op: n.op, a: a.slot})
	}
	a := p.emit(n.a)
	b := p.emit(n.b)
	switch {
	case a.constant && b.constant:
		return operand{constant: true, value: binaryValue(n.op, a.value, b.value)}
	case b.constant:
		c := b.value
		switch n.op {
		case opAdd:
			return p.push(instr{op: opAddC, a: a.slot, c: c})
		case opSub:
			return p.push(instr{op: opSubC, a: a.slot, c: c})
		case opMul:
			return p.push(instr{op: opMulC, a: a.slot, c: c})
		case opDiv:
			return p.push(instr{op: opDivC, a: a.slot, c: c})
		case opPow:
			if c == 2 {
				return p.push(instr{op: opSquare, a: a.slot})
			}
			return p.push(instr{op: opPowC, a: a.slot, c: c})
		case opMin:
			return p.push(instr{op: opMinC, a: a.slot, c: c})
		case opMax:
			return p.push(instr{op: opMaxC, a: a.slot, c: c})
		case opAtan2:
			return p.push(instr{op: opAtan2C, a: a.slot, c: c})
		}
	case a.constant:
		c := a.value
		switch n.op {
		case opAdd: // c + b == b + c exactly
			return p.push(instr{op: opAddC, a: b.slot, c: c})
		case opSub:
			return p.push(instr{op: opRSubC, a: b.slot, c: c})
		case opMul: // c * b == b * c exactly
			return p.push(instr{op: opMulC, a: b.slot, c: c})
		case opDiv:
			return p.push(instr{op: opRDivC, a: b.slot, c: c})
		case opPow:
			return p.push(instr{op: opRPowC, a: b.slot, c: c})
		case opMin:
			return p.push(instr{op: opMinC, a: b.slot, c: c})
		case opMax:
			return p.push(instr{op: opMaxC, a: b.slot, c: c})
		case opAtan2:
			return p.push(instr{op: opRAtan2C, a: b.slot, c: c})
		}
	}
	return p.push(instr{op: n.op, a: a.slot, b: b.slot})
}

// forward evaluates the program into v, which has p.slots() entries and
// holds x and y in v[0] and v[1], and returns the result.
func (p *program) forward(v []float64) float64 {
	code := p.code
	v = v[:len(code)+2]
	for i := range code {
		in := &code[i]
		var r float64
		switch in.op {
		case opIdent:
			r = v[in.a]
		case opNeg:
			r = -v[in.a]
		case opSin:
			r = math.Sin(v[in.a])
		case opCos:
			r = math.Cos(v[in.a])
		case opTan:
			r = math.Tan(v[in.a])
		case opAsin:
			r = math.Asin(v[in.a])
		case opAcos:
			r = math.Acos(v[in.a])
		case opAtan:
			r = math.Atan(v[in.a])
		case opSinh:
			r = math.Sinh(v[in.a])
		case opCosh:
			r = math.Cosh(v[in.a])
		case opTanh:
			r = math.Tanh(v[in.a])
		case opExp:
			r = math.Exp(v[in.a])
		case opLog:
			r = math.Log(v[in.a])
		case opSqrt:
			r = math.Sqrt(v[in.a])
		case opAbs:
			r = math.Abs(v[in.a])
		case opSquare:
			a := v[in.a]
			r = a * a
		case opPowC:
			r = powScalar(v[in.a], in.c)
		case opAdd:
			r = v[in.a] + v[in.b]
		case opSub:
			r = v[in.a] - v[in.b]
		case opMul:
			r = v[in.a] * v[in.b]
		case opDiv:
			r = v[in.a] / v[in.b]
		case opPow:
			r = cpow(v[in.a], v[in.b])
		case opMin:
			r = minimum(v[in.a], v[in.b])
		case opMax:
			r = maximum(v[in.a], v[in.b])
		case opAtan2:
			r = math.Atan2(v[in.a], v[in.b])
		case opAddC:
			r = v[in.a] + in.c
		case opSubC:
			r = v[in.a] - in.c
		case opRSubC:
			r = in.c - v[in.a]
		case opMulC:
			r = v[in.a] * in.c
		case opDivC:
			r = v[in.a] / in.c
		case opRDivC:
			r = 1 / v[in.a] * in.c
		case opRPowC:
			if in.c == 1 {
				r = 1
			} else {
				r = cpow(in.c, v[in.a])
			}
		case opMinC:
			r = minimum(v[in.a], in.c)
		case opMaxC:
			r = maximum(v[in.a], in.c)
		case opAtan2C:
			r = math.Atan2(v[in.a], in.c)
		case opRAtan2C:
			r = math.Atan2(in.c, v[in.a])
		}
		v[i+2] = r
	}
	return v[len(code)+1]
}

// negZero starts every gradient accumulator: -0 + g == g for every g,
// including +0 and -0, so the first contribution is kept exactly as torch
// keeps it.
var negZero = math.Copysign(0, -1)

// backward runs reverse-mode differentiation over values v computed by
// forward, using g (p.slots() entries) for the adjoints, and returns the
// partial derivatives with respect to x and y.
func (p *program) backward(v, g []float64) (dx, dy float64) {
	code := p.code
	n := len(code) + 2
	v, g = v[:n], g[:n]
	for i := range g {
		g[i] = negZero
	}
	g[n-1] = 1
	for i := len(code) - 1; i >= 0; i-- {
		in := &code[i]
		gi := g[i+2]
		switch in.op {
		case opAdd:
			g[in.a] += gi
			g[in.b] += gi
		case opSub:
			g[in.a] += gi
			g[in.b] += -gi
		case opMul:
			g[in.a] += gi * v[in.b]
			g[in.b] += gi * v[in.a]
		case opDiv:
			a, b := v[in.a], v[in.b]
			g[in.a] += gi / b
			g[in.b] += -gi * (a / b / b)
		case opPow:
			a, b := v[in.a], v[in.b]
			if b == 0 {
				g[in.a] += 0
			} else {
				g[in.a] += gi * (b * cpow(a, b-1))
			}
			if a == 0 && b >= 0 {
				g[in.b] += gi * 0
			} else {
				g[in.b] += gi * (v[i+2] * math.Log(a))
			}
		case opMin:
			ga, gb := minGrad(gi, v[in.a], v[in.b])
			g[in.a] += ga
			g[in.b] += gb
		case opMax:
			ga, gb := maxGrad(gi, v[in.a], v[in.b])
			g[in.a] += ga
			g[in.b] += gb
		case opAtan2:
			a, b := v[in.a], v[in.b]
			recip := 1 / (float64(a*a) + float64(b*b))
			g[in.a] += gi * b * recip
			g[in.b] += gi * -a * recip
		default:
			g[in.a] += unaryGrad(in.op, in.c, gi, v[in.a], v[i+2])
		}
	}
	return g[0], g[1]
}
