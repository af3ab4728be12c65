package expr

import (
	"math"
	"sync"
)

// cpow is pow as the C library computes it, which torch calls: correctly
// rounded in practice. Go's math.Pow is often an ulp or two off (about half
// of random cases), so cpow works in double-double arithmetic and rounds
// once: integer exponents up to maxIntPow by repeated squaring, other
// exponents as exp(y*log(x)) (of |x| for negative bases and integer y). Special and extreme cases
// (zero, infinite or negative bases, results near overflow or underflow) go
// to math.Pow, which follows the same IEEE rules as C.
func cpow(x, y float64) float64 {
	integer := y == math.Trunc(y)
	if integer && math.Abs(y) <= maxIntPow {
		if r, ok := powInt(x, int(y)); ok {
			return r
		}
		return math.Pow(x, y)
	}
	if integer && x < 0 && !math.IsInf(x, 0) {
		// (-a)^n = ±a^n; y is even when y/2 is an integer.
		if r, ok := powReal(-x, y); ok {
			if y/2 != math.Trunc(y/2) {
				r = -r
			}
			return r
		}
	}
	if r, ok := powReal(x, y); ok {
		return r
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
	p, e := twoProd(ah, bh)
	e += ah*bl + al*bh
	return quickTwoSum(p, e)
}

// powReal returns x^y for x > 0 as exp(y*log(x)) in double-double, and
// false where math.Pow should decide.
func powReal(x, y float64) (float64, bool) {
	if !(x > 0) || x == 1 || math.IsInf(x, 0) || math.IsNaN(y) || math.IsInf(y, 0) {
		return 0, false
	}
	lh, ll := logDD(x)
	th, tl := twoProd(y, lh)
	th, tl = quickTwoSum(th, tl+y*ll)
	if !(th > -708 && th < 709) {
		return 0, false
	}
	return expDD(th, tl), true
}

// Double-double constants: ln 2 to about 107 bits.
const (
	ln2Hi = 0x1.62e42fefa39efp-01
	ln2Lo = 0x1.abc9e3b39803fp-56
)

// expDD returns exp(ah+al) rounded once, for -708 < ah < 709.
func expDD(ah, al float64) float64 {
	h, l, k := expParts(ah, al)
	return math.Ldexp(h+l, k)
}

// expTableSize is the number of entries of the table of 2^(j/expTableSize).
const expTableSize = 256

// expTable holds 2^(j/256) for j = 0..255 as double-doubles, computed on
// first use with the slow series.
var expTable = sync.OnceValue(func() *[expTableSize][2]float64 {
	var t [expTableSize][2]float64
	for j := range t {
		ph, pl := twoProd(float64(j), ln2Hi/expTableSize)
		pl += float64(j) * (ln2Lo / expTableSize)
		h, l, k := expSeries(quickTwoSum(ph, pl))
		t[j] = [2]float64{math.Ldexp(h, k), math.Ldexp(l, k)}
	}
	return &t
})

// expParts returns exp(th+tl) as (h + l) * 2^k, to about 2^-80 relative:
// t = k*ln2 + j*ln2/256 + r with |r| <= ln2/512, exp(r) by a short
// polynomial, 2^(j/256) from the table.
func expParts(th, tl float64) (h, l float64, k int) {
	kf := math.Round(th * (expTableSize / ln2Hi))
	ph, pl := twoProd(kf, ln2Hi/expTableSize)
	pl += kf * (ln2Lo / expTableSize)
	rh, rl := twoSum(th-ph, tl-pl) // th-ph is exact (Sterbenz)
	// exp(r) - 1 = r + r^2/2 + ... + r^7/5040; r^2/2 exactly, the rest in
	// float64, being below 2^-30 of r.
	qh, ql := twoProd(rh, rh)
	rest := rh * rh * rh * (1.0/6 + rh*(1.0/24+rh*(1.0/120+rh*(1.0/720+rh*(1.0/5040)))))
	eh, el := twoSum(rh, qh/2)
	eh, el = quickTwoSum(eh, el+(ql/2+rest+rl+rh*rl))
	ki := int(kf)
	t := &expTable()[ki&(expTableSize-1)]
	mh, ml := mulDD(t[0], t[1], eh, el)
	h, l = addDD(t[0], t[1], mh, ml)
	return h, l, ki >> 8
}

// expSeries returns exp(ah+al) as (h + l) * 2^k to about 2^-100 relative,
// slowly: exp(r) = (1 + em1(r/256))^256 with em1 by its Taylor series. It
// builds expTable.
func expSeries(ah, al float64) (h, l float64, k int) {
	kf := math.Round(ah / ln2Hi)
	// r = a - k*ln2 in double-double.
	ph, pl := twoProd(kf, ln2Hi)
	pl += kf * ln2Lo
	rh, rl := addDD(ah, al, -ph, -pl)
	const scale = 256
	sh, sl := rh/scale, rl/scale
	th, tl := sh, sl
	eh, el := sh, sl
	for n := 2.0; n <= 11; n++ {
		th, tl = mulDD(th, tl, sh, sl)
		th, tl = divDDd(th, tl, n)
		eh, el = addDD(eh, el, th, tl)
	}
	// Squaring 1+e eight times: e <- 2e + e*e.
	for range 8 {
		qh, ql := mulDD(eh, el, eh, el)
		eh, el = addDD(2*eh, 2*el, qh, ql)
	}
	h, l = addDD(1, 0, eh, el)
	return h, l, int(kf)
}

// logDD returns log(x) for a positive finite x in double-double: one Newton
// step, log x = l0 + x*exp(-l0) - 1, from Go's estimate l0.
func logDD(x float64) (float64, float64) {
	l0 := math.Log(x)
	h, l, k := expParts(-l0, 0)
	// x*exp(-l0) = x * (h+l) * 2^k; the scaling is exact as long as x*2^k
	// stays normal, which holds since x*exp(-l0) is close to 1.
	xs := math.Ldexp(x, k)
	ph, pl := twoProd(xs, h)
	pl += xs * l
	th, tl := addDD(ph, pl, -1, 0)
	return addDD(l0, 0, th, tl)
}

// twoProd returns a*b exactly as a double-double.
func twoProd(a, b float64) (float64, float64) {
	p := a * b
	return p, math.FMA(a, b, -p)
}

// quickTwoSum returns a+b as a normalised double-double, given |a| >= |b|.
func quickTwoSum(a, b float64) (float64, float64) {
	s := a + b
	return s, b - (s - a)
}

// twoSum returns a+b exactly as a double-double.
func twoSum(a, b float64) (float64, float64) {
	s := a + b
	bb := s - a
	return s, (a - (s - bb)) + (b - bb)
}

// addDD adds two double-doubles.
func addDD(ah, al, bh, bl float64) (float64, float64) {
	s, e := twoSum(ah, bh)
	t, f := twoSum(al, bl)
	e += t
	s, e = quickTwoSum(s, e)
	e += f
	return quickTwoSum(s, e)
}

// divDDd divides a double-double by a double.
func divDDd(ah, al, b float64) (float64, float64) {
	q1 := ah / b
	r := math.FMA(-q1, b, ah) + al
	return quickTwoSum(q1, r/b)
}
