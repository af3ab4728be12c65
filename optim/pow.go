package optim

import "math"

// powInt returns b^n for n >= 0 to nearly correct rounding, as glibc's pow
// (which torch's Python side uses for beta**step) does. Go's math.Pow can be
// several units in the last place off for large integer exponents, enough to
// move Adam's bias corrections, and so the trajectory, by 1e-14.
func powInt(b float64, n int) float64 {
	hi, lo := powDD(b, n)
	return hi + lo
}

// tiny is the size below which b^n's last bits cannot matter next to
// 1 - b^n, and double-double arithmetic would enter the slow subnormal range.
const tiny = 0x1p-960

// powDD returns b^n as a double-double number hi+lo (a float64 pair holding
// about 106 bits), by repeated squaring. Results beyond tiny, or 1/tiny,
// come from math.Pow with lo = 0.
func powDD(b float64, n int) (hi, lo float64) {
	if n == 0 {
		return 1, 0
	}
	if b == 0 || math.IsNaN(b) || math.IsInf(b, 0) {
		return math.Pow(b, float64(n)), 0
	}
	if lg := float64(n) * math.Log2(math.Abs(b)); lg < -960 || lg > 960 {
		return math.Pow(b, float64(n)), 0
	}
	rh, rl := 1.0, 0.0 // result
	bh, bl := b, 0.0   // b^(2^k)
	for {
		if n&1 == 1 {
			rh, rl = ddMul(rh, rl, bh, bl)
		}
		n >>= 1
		if n == 0 {
			return rh, rl
		}
		bh, bl = ddMul(bh, bl, bh, bl)
	}
}

// ddMul multiplies two double-double numbers (ah+al)*(bh+bl).
func ddMul(ah, al, bh, bl float64) (float64, float64) {
	p := ah * bh
	e := math.FMA(ah, bh, -p) // the exact rounding error of p
	e += ah*bl + al*bh
	hi := p + e
	return hi, e - (hi - p)
}

// power is b^t for an optimizer's step count t, kept between steps so that
// the common case, t one more than last time with the same b, costs one
// double-double multiplication instead of log2(t) of them. A changed b (a
// setting moved mid-run) or t (a Reset) recomputes from scratch.
type power struct {
	b      float64
	t      int
	hi, lo float64
}

// at returns b^t (nearly correctly rounded, as powInt).
func (p *power) at(b float64, t int) float64 {
	switch {
	case t == p.t && b == p.b && t > 0:
	case t == p.t+1 && b == p.b && t > 1:
		if math.Abs(p.hi) >= tiny && math.Abs(p.hi) <= 1/tiny {
			p.hi, p.lo = ddMul(p.hi, p.lo, b, 0)
		} else {
			// Repeated multiplication would stick at the smallest
			// subnormal; this far out the result's last bits do not
			// matter, so math.Pow serves.
			p.hi, p.lo = math.Pow(b, float64(t)), 0
		}
	default:
		p.hi, p.lo = powDD(b, t)
	}
	p.b, p.t = b, t
	return p.hi + p.lo
}
