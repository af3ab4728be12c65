package optim

import "math"

// powInt returns b^n for n >= 0 to nearly correct rounding, as glibc's pow
// (which torch's Python side uses for beta**step) does. Go's math.Pow can be
// several units in the last place off for large integer exponents, enough to
// move Adam's bias corrections, and so the trajectory, by 1e-14. It raises b
// by repeated squaring in double-double arithmetic (a float64 pair holding
// about 106 bits), rounding once at the end.
func powInt(b float64, n int) float64 {
	if n == 0 {
		return 1
	}
	if b == 0 || math.IsNaN(b) || math.IsInf(b, 0) {
		return math.Pow(b, float64(n))
	}
	// Far from 1 the result is 0 (or tiny, or huge) and its last bits
	// cannot matter next to 1 - b^n; skip the loop, whose intermediate
	// values would otherwise enter the slow subnormal range.
	if lg := float64(n) * math.Log2(math.Abs(b)); lg < -960 || lg > 960 {
		return math.Pow(b, float64(n))
	}
	rh, rl := 1.0, 0.0 // result
	bh, bl := b, 0.0   // b^(2^k)
	for {
		if n&1 == 1 {
			rh, rl = ddMul(rh, rl, bh, bl)
		}
		n >>= 1
		if n == 0 {
			break
		}
		bh, bl = ddMul(bh, bl, bh, bl)
		if bh == 0 || math.IsInf(bh, 0) {
			// Underflow or overflow: the double-double parts no longer
			// carry meaning; finish in plain floating point.
			return rh * math.Pow(bh, float64(n))
		}
	}
	return rh + rl
}

// ddMul multiplies two double-double numbers (ah+al)*(bh+bl).
func ddMul(ah, al, bh, bl float64) (float64, float64) {
	p := ah * bh
	e := math.FMA(ah, bh, -p) // the exact rounding error of p
	e += ah*bl + al*bh
	hi := p + e
	return hi, e - (hi - p)
}
