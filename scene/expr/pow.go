package expr

import "math"

// cpow is pow as the C library computes it, which torch calls: correctly
// rounded in practice. Go's math.Pow rounds once per squaring for integer
// exponents and can be an ulp or two off, so integer exponents up to
// maxIntPow are computed here in double-double arithmetic and rounded once;
// other exponents use math.Pow.
func cpow(x, y float64) float64 {
	if y == math.Trunc(y) && math.Abs(y) <= maxIntPow {
		if r, ok := powInt(x, int(y)); ok {
			return r
		}
	}
	return math.Pow(x, y)
}

// maxIntPow bounds the integer exponents powInt handles.
const maxIntPow = 1024

// powInt returns x^n rounded once from a double-double result, and false
// when the result or an intermediate leaves the range where double-double
// is exact enough (overflow, underflow, zero, NaN); math.Pow then decides.
func powInt(x float64, n int) (float64, bool) {
	if n == 0 || x == 0 || math.IsInf(x, 0) || math.IsNaN(x) {
		return 0, false
	}
	neg := n < 0
	if neg {
		n = -n
	}
	// Power by squaring on (hi, lo) pairs.
	rh, rl := 1.0, 0.0
	bh, bl := x, 0.0
	for {
		if n&1 == 1 {
			rh, rl = mulDD(rh, rl, bh, bl)
		}
		n >>= 1
		if n == 0 {
			break
		}
		bh, bl = mulDD(bh, bl, bh, bl)
		if !safeDD(bh) {
			return 0, false
		}
	}
	if !safeDD(rh) {
		return 0, false
	}
	if neg {
		// 1/(rh+rl): q = 1/rh, then one Newton correction.
		q := 1 / rh
		r := math.FMA(-q, rh, 1) - q*rl
		res := q + q*r
		if !safeDD(res) {
			return 0, false
		}
		return res, true
	}
	return rh + rl, true
}

// safeDD reports whether v is far enough from overflow and underflow for
// the low part of a double-double around it to be exact.
func safeDD(v float64) bool {
	a := math.Abs(v)
	return a > 0x1p-960 && a < 0x1p1000
}

// mulDD multiplies two double-double numbers.
func mulDD(ah, al, bh, bl float64) (float64, float64) {
	p := ah * bh
	e := math.FMA(ah, bh, -p)
	e += ah*bl + al*bh
	s := p + e
	return s, e - (s - p)
}
