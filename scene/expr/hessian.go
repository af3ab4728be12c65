package expr

import "math"

// jet is a value with its first and second partial derivatives in x and y:
// a truncated Taylor expansion, the number second-order forward-mode
// automatic differentiation carries through every operation.
type jet struct {
	v, x, y, xx, xy, yy float64
}

// chain1 applies a one-operand function to a, given its value r and its
// first and second derivatives d1 and d2 at a.v (the chain rule to second
// order: (f∘a)_ij = f2·a_i·a_j + f1·a_ij, f1 and f2 the first and second
// derivatives of f).
func chain1(a jet, r, d1, d2 float64) jet {
	return jet{
		v:  r,
		x:  d1 * a.x,
		y:  d1 * a.y,
		xx: d2*a.x*a.x + d1*a.xx,
		xy: d2*a.x*a.y + d1*a.xy,
		yy: d2*a.y*a.y + d1*a.yy,
	}
}

// chain2 applies a two-operand function to a and b, given its value r and
// its partial derivatives fa, fb, faa, fab, fbb at (a.v, b.v).
func chain2(a, b jet, r, fa, fb, faa, fab, fbb float64) jet {
	return jet{
		v:  r,
		x:  fa*a.x + fb*b.x,
		y:  fa*a.y + fb*b.y,
		xx: faa*a.x*a.x + 2*fab*a.x*b.x + fbb*b.x*b.x + fa*a.xx + fb*b.xx,
		xy: faa*a.x*a.y + fab*(a.x*b.y+a.y*b.x) + fbb*b.x*b.y + fa*a.xy + fb*b.xy,
		yy: faa*a.y*a.y + 2*fab*a.y*b.y + fbb*b.y*b.y + fa*a.yy + fb*b.yy,
	}
}

// scale returns k*a's derivatives with the value r.
func (a jet) scale(r, k float64) jet {
	return jet{v: r, x: k * a.x, y: k * a.y, xx: k * a.xx, xy: k * a.xy, yy: k * a.yy}
}

// mix returns the derivatives wa*a + wb*b with the value r (min and max on a
// tie split them evenly, as the gradient does).
func mix(a, b jet, r, wa, wb float64) jet {
	return jet{
		v:  r,
		x:  wa*a.x + wb*b.x,
		y:  wa*a.y + wb*b.y,
		xx: wa*a.xx + wb*b.xx,
		xy: wa*a.xy + wb*b.xy,
		yy: wa*a.yy + wb*b.yy,
	}
}

// selectWeights returns how min or max (less reports whether the first
// operand is the one chosen when they differ) splits between its operands:
// all to the chosen one, half to each on a tie, as minGrad and maxGrad do.
func selectWeights(a, b float64, firstChosen bool) (wa, wb float64) {
	switch {
	case a == b:
		return 0.5, 0.5
	case firstChosen:
		return 1, 0
	}
	return 0, 1
}

// hessian runs the program in second-order forward mode over the jets j
// (p.slots() of them) and returns the second derivatives of the result.
// Values are computed exactly as forward computes them; the derivatives
// follow the gradient's conventions at the points where a function has none
// (abs and min/max at a tie, 0^y).
func (p *program) hessian(j []jet, x, y float64) (dxx, dxy, dyy float64) {
	code := p.code
	j = j[:len(code)+2]
	j[0] = jet{v: x, x: 1}
	j[1] = jet{v: y, y: 1}
	for i := range code {
		in := &code[i]
		a := j[in.a]
		var r jet
		switch in.op {
		case opIdent:
			r = a
		case opNeg:
			r = a.scale(-a.v, -1)
		case opSin:
			s, c := math.Sin(a.v), math.Cos(a.v)
			r = chain1(a, s, c, -s)
		case opCos:
			s, c := math.Sin(a.v), math.Cos(a.v)
			r = chain1(a, c, -s, -c)
		case opTan:
			t := math.Tan(a.v)
			d1 := 1 + t*t
			r = chain1(a, t, d1, 2*t*d1)
		case opAsin:
			d1 := 1 / math.Sqrt(1-a.v*a.v)
			r = chain1(a, math.Asin(a.v), d1, a.v*d1*d1*d1)
		case opAcos:
			d1 := 1 / math.Sqrt(1-a.v*a.v)
			r = chain1(a, math.Acos(a.v), -d1, -a.v*d1*d1*d1)
		case opAtan:
			d1 := 1 / (1 + a.v*a.v)
			r = chain1(a, math.Atan(a.v), d1, -2*a.v*d1*d1)
		case opSinh:
			s := math.Sinh(a.v)
			r = chain1(a, s, math.Cosh(a.v), s)
		case opCosh:
			c := math.Cosh(a.v)
			r = chain1(a, c, math.Sinh(a.v), c)
		case opTanh:
			t := math.Tanh(a.v)
			d1 := 1 - t*t
			r = chain1(a, t, d1, -2*t*d1)
		case opExp:
			e := math.Exp(a.v)
			r = chain1(a, e, e, e)
		case opLog:
			inv := 1 / a.v
			r = chain1(a, math.Log(a.v), inv, -inv*inv)
		case opSqrt:
			s := math.Sqrt(a.v)
			d1 := 1 / (2 * s)
			r = chain1(a, s, d1, -2*d1*d1*d1)
		case opAbs:
			r = chain1(a, math.Abs(a.v), sign(a.v), 0)
		case opSquare:
			r = chain1(a, a.v*a.v, 2*a.v, 2)
		case opPowC:
			c := in.c
			var d1, d2 float64
			if c != 0 {
				d1 = c * powScalar(a.v, c-1)
			}
			if c != 0 && c != 1 {
				d2 = c * (c - 1) * powScalar(a.v, c-2)
			}
			r = chain1(a, powScalar(a.v, c), d1, d2)
		case opAdd, opSub:
			b := j[in.b]
			k := 1.0
			v := a.v + b.v
			if in.op == opSub {
				k, v = -1, a.v-b.v
			}
			r = jet{v: v, x: a.x + k*b.x, y: a.y + k*b.y, xx: a.xx + k*b.xx, xy: a.xy + k*b.xy, yy: a.yy + k*b.yy}
		case opMul:
			b := j[in.b]
			r = jet{
				v:  a.v * b.v,
				x:  a.x*b.v + a.v*b.x,
				y:  a.y*b.v + a.v*b.y,
				xx: a.xx*b.v + 2*a.x*b.x + a.v*b.xx,
				xy: a.xy*b.v + a.x*b.y + a.y*b.x + a.v*b.xy,
				yy: a.yy*b.v + 2*a.y*b.y + a.v*b.yy,
			}
		case opDiv:
			b := j[in.b]
			q := a.v / b.v
			rx := (a.x - q*b.x) / b.v
			ry := (a.y - q*b.y) / b.v
			r = jet{
				v: q, x: rx, y: ry,
				xx: (a.xx - 2*rx*b.x - q*b.xx) / b.v,
				xy: (a.xy - rx*b.y - ry*b.x - q*b.xy) / b.v,
				yy: (a.yy - 2*ry*b.y - q*b.yy) / b.v,
			}
		case opPow:
			b := j[in.b]
			r = powJet(a, b)
		case opMin:
			b := j[in.b]
			wa, wb := selectWeights(a.v, b.v, a.v < b.v)
			r = mix(a, b, minimum(a.v, b.v), wa, wb)
		case opMax:
			b := j[in.b]
			wa, wb := selectWeights(a.v, b.v, a.v > b.v)
			r = mix(a, b, maximum(a.v, b.v), wa, wb)
		case opAtan2:
			b := j[in.b]
			s := a.v*a.v + b.v*b.v
			s2 := s * s
			r = chain2(a, b, math.Atan2(a.v, b.v), b.v/s, -a.v/s,
				-2*a.v*b.v/s2, (a.v*a.v-b.v*b.v)/s2, 2*a.v*b.v/s2)
		case opAddC:
			r = a
			r.v = a.v + in.c
		case opSubC:
			r = a
			r.v = a.v - in.c
		case opRSubC:
			r = a.scale(in.c-a.v, -1)
		case opMulC:
			r = a.scale(a.v*in.c, in.c)
		case opDivC:
			r = a.scale(a.v/in.c, 1/in.c)
		case opRDivC:
			inv := 1 / a.v
			r = chain1(a, inv*in.c, -in.c*inv*inv, 2*in.c*inv*inv*inv)
		case opRPowC:
			c := in.c
			switch {
			case c == 1:
				r = jet{v: 1}
			case c == 0 && a.v >= 0:
				r = jet{v: cpow(c, a.v)}
			default:
				v := cpow(c, a.v)
				l := math.Log(c)
				r = chain1(a, v, v*l, v*l*l)
			}
		case opMinC:
			w, _ := selectWeights(a.v, in.c, a.v < in.c)
			r = a.scale(minimum(a.v, in.c), w)
		case opMaxC:
			w, _ := selectWeights(a.v, in.c, a.v > in.c)
			r = a.scale(maximum(a.v, in.c), w)
		case opAtan2C:
			c := in.c
			s := a.v*a.v + c*c
			r = chain1(a, math.Atan2(a.v, c), c/s, -2*a.v*c/(s*s))
		case opRAtan2C:
			c := in.c
			s := a.v*a.v + c*c
			r = chain1(a, math.Atan2(c, a.v), -c/s, 2*a.v*c/(s*s))
		}
		j[i+2] = r
	}
	out := j[len(code)+1]
	return out.xx, out.xy, out.yy
}

// powJet is a^b for two variable operands. Its partial derivatives are
// f_a = b*a^(b-1), f_b = a^b*ln(a), f_aa = b(b-1)*a^(b-2),
// f_ab = a^(b-1)*(1 + b*ln(a)), f_bb = a^b*ln(a)^2, with the gradient's
// conventions: nothing flows to a when b = 0, nor to b when a = 0 and b >= 0.
func powJet(a, b jet) jet {
	r := cpow(a.v, b.v)
	var fa, faa float64
	if b.v != 0 {
		fa = b.v * cpow(a.v, b.v-1)
		faa = b.v * (b.v - 1) * cpow(a.v, b.v-2)
	}
	var fb, fbb, fab float64
	if a.v == 0 && b.v >= 0 {
		fab = cpow(a.v, b.v-1) // d(b*a^(b-1))/db without the log term
		if b.v == 0 {
			fab = 0
		}
	} else {
		l := math.Log(a.v)
		fb = r * l
		fbb = fb * l
		fab = cpow(a.v, b.v-1) * (1 + b.v*l)
	}
	return chain2(a, b, r, fa, fb, faa, fab, fbb)
}
