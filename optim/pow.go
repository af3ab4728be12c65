package optim

import "math"

// powInt returns b^n for n >= 0 to nearly correct rounding, as glibc's pow
// (which torch's Python side uses for beta**step) does. Go's math.Pow can be
// several units in the last place off for large integer exponents, enough to
// move Adam's bias corrections, and so the trajectory, by 1e-14.
func powInt(b float64, n int) float64 {
	if v, ok := powQuick(b, n); ok {
		return v
	}
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

// quickMax is the largest exponent powQuick takes: its error bound grows
// as n^2, and past 2^16 it would give up too often to be worth trying.
const quickMax = 1 << 16

// powQuick returns powInt(b, n), to the bit, for 0 < b < +Inf and
// 1 <= n <= quickMax, at a fraction of powDD's cost; ok is false outside
// that range, for results beyond 2^±900, and about once in 2^43/n^2 calls
// when it cannot vouch for the last bit: the caller then computes powInt.
//
// It raises b to the power n by repeated squaring as powDD does, but keeps
// each product as an unnormalized double-double h + l: the rounded product
// and the sum of its error terms, three or four operations where powDD's
// ddMul takes eight or nine. Both its h + l, S, and powDD's hi + lo, D, lie
// within a relative n^2*2^-99 of the true b^n (see quickRound), so D lies
// within M = n^2*2^-98*|b^n| of S. powInt returns hi + lo, which is D
// rounded to the nearest float64; rounding is monotonic, so when S - M and
// S + M round to the same float64, D rounds to it too, whatever its last
// bits, and that float64 is powInt's result.
func powQuick(b float64, n int) (v float64, ok bool) {
	if !(b > 0 && b <= math.MaxFloat64) || n < 1 || n > quickMax {
		return 0, false
	}
	xh, xl := b, 0.0   // b^(2^k)
	rh, rl := 1.0, 0.0 // b^(n mod 2^k)
	for k := n; ; {
		if k&1 == 1 {
			rh, rl = quickMul(rh, rl, xh, xl)
		}
		k >>= 1
		if k == 0 {
			break
		}
		xh, xl = quickMul(xh, xl, xh, xl)
	}
	return quickRound(rh, rl, n)
}

// quickMul multiplies two unnormalized double-double numbers: p is the
// rounded product of the hi parts and l the sum of its exact error and the
// cross terms, rounded three times; al*bl is left out. Multiplying by 1 + 0
// is exact. It has one FMA (powDD's ddMul has one too): Go's math.FMA
// checks for the instruction at run time, and the fallback call it keeps
// makes the compiler spill registers around each one.
func quickMul(ah, al, bh, bl float64) (p, l float64) {
	p = float64(ah * bh)
	e := math.FMA(ah, bh, -p) // the exact rounding error of p
	return p, e + (float64(ah*bl) + float64(al*bh))
}

// quickRound returns h + l rounded to float64 and true when that is
// certainly powInt's result for the b^n that h + l approximates (see
// powQuick).
//
// The error bounds, with u = 2^-53 and no underflow (ensured by the range
// check): a quickMul of operands with |al| <= ga*|ah|, |bl| <= gb*|bh|
// has a relative error of at most 1.01*(ga*gb + u*(u + 3ga + 3gb)), and
// its |l| <= (u + ga + gb)(1+4u)*|p|; by induction an operand standing
// for b^m has g <= 1.001*(m-1)*u, so a product of b^ma and b^mb errs by at
// most 1.02*u^2*(ma*mb + 3ma + 3mb + 1). Squaring doubles the relative
// error of its operand: b^(2^k) errs by at most 4.08*u^2*4^k, and the
// product over the bits of n (at most 17 multiplications) by at most
// 5.5*u^2*n^2 + 11.8*u^2*n^2 < 2^5*u^2*n^2 for n >= 2 (n = 1 is exact).
// powDD's ddMul errs by at most 8.1*u^2 relative (normalized operands,
// |lo| <= u*|hi|, and an exact Fast2Sum), so b^(2^k) by 8.1*u^2*(2^k-1)
// and its result by 8.1*u^2*(n+17) < 2^7*u^2*n^2 for n >= 2. Together:
// |D - S| < 2^8*u^2*n^2*|b^n| = n^2*2^-98*|b^n|, and M below is twice
// that, enough to cover the roundings of M itself and of l -+ M.
func quickRound(h, l float64, n int) (float64, bool) {
	if !(math.Abs(h) >= 0x1p-900 && math.Abs(h) <= 0x1p900) {
		// Out there powDD may hand over to math.Pow, and products may
		// lose bits to underflow.
		return 0, false
	}
	m := float64(float64(n*n)*0x1p-97) * math.Abs(h)
	lo, hi := h+(l-m), h+(l+m)
	return lo, lo == hi
}

// oneMinusMax is the largest exponent oneMinusQuick takes.
const oneMinusMax = 1 << 20

// oneMinusQuick returns 1 - powInt(b, n), to the bit, when b^n is small
// enough next to 1/n that a plain float64 b^n decides it (Adam's bias
// correction 1 - beta1^t past the first steps); ok is false otherwise, and
// for b <= 0, n < 1 or n > oneMinusMax, and results beyond 2^±900.
//
// y, b^n by repeated squaring in float64 (every product rounded once),
// lies within a relative (1+u)^(n-1) - 1 < n*u of the true b^n, u = 2^-53
// (squaring doubles a relative error, and the exponents of the products
// sum to n), and powDD's hi + lo, D, within 2^-82 of it (see quickRound),
// so D lies in [y - E*y, y + E*y] for E = (n+1)*u; L and U below bound that
// interval with room for their own rounding. hi + lo, powInt's result, is
// D rounded and so lies in [L, U], and 1 - powInt lies between 1 - U and 1
// - L, rounded; when those two are equal, that is the answer.
func oneMinusQuick(b float64, n int) (v float64, ok bool) {
	if !(b > 0 && b <= math.MaxFloat64) || n < 1 || n > oneMinusMax {
		return 0, false
	}
	x, y := b, 1.0
	for k := n; ; {
		if k&1 == 1 {
			y = float64(y * x)
		}
		k >>= 1
		if k == 0 {
			break
		}
		x = float64(x * x)
	}
	if !(y >= 0x1p-900 && y <= 0x1p900) {
		return 0, false
	}
	d := float64(y*float64(n+1)) * 0x1p-52 // 2*E*y
	lo, hi := 1-(y+d), 1-(y-d)
	return lo, lo == hi
}

// power is b^t for an optimizer's step count t, kept between steps so that
// the common case, t one more than last time with the same b, costs one
// double-double multiplication instead of log2(t) of them. A changed b (a
// setting moved mid-run, or cycled by a schedule) or t (a Reset) computes
// b^t afresh, as powInt, or only 1 - b^t when that is all the caller needs
// (oneMinus).
type power struct {
	b      float64
	t      int
	form   powForm
	hi, lo float64 // by form
}

// powForm says what a power holds of b^t.
type powForm int8

const (
	powPair     powForm = iota // hi, lo is powDD's pair
	powValue                   // hi is powInt(b, t) (hi + lo rounded), lo 0
	powOneMinus                // only 1 - powInt(b, t) is known, in lo
)

// at returns b^t (nearly correctly rounded, as powInt).
func (p *power) at(b float64, t int) float64 {
	if p.next(b, t) {
		p.hi, p.lo = ddMul(p.hi, p.lo, b, 0)
		p.t = t
		return p.hi + p.lo
	}
	if !p.other(b, t) {
		p.find(b, t, false)
	}
	if p.form == powOneMinus {
		p.hi, p.lo, p.form = powInt(b, t), 0, powValue
	}
	return p.hi + p.lo
}

// oneMinus returns 1 - b^t, the same bits as 1 - at(b, t), at a cost that
// may be much lower than at's when b changes.
func (p *power) oneMinus(b float64, t int) float64 {
	if p.next(b, t) {
		p.hi, p.lo = ddMul(p.hi, p.lo, b, 0)
		p.t = t
		return 1 - (p.hi + p.lo)
	}
	if !p.other(b, t) {
		p.find(b, t, true)
	}
	if p.form == powOneMinus {
		return p.lo
	}
	return 1 - (p.hi + p.lo)
}

// next reports whether b^t is powDD's pair b^(t-1) times b, the common
// case, one double-double multiplication away.
func (p *power) next(b float64, t int) bool {
	return t == p.t+1 && b == p.b && p.form == powPair && t > 1 && math.Abs(p.hi) >= tiny && math.Abs(p.hi) <= 1/tiny
}

// other is next's other cases: it sets p to b^t and returns true when b
// and t are the same as last time, or b the same and t one more but
// b^(t-1) held as a value or as 1 - b^(t-1) alone (it finds the pair
// first), or too far out for repeated multiplication.
func (p *power) other(b float64, t int) bool {
	if b != p.b {
		return false
	}
	switch {
	case t == p.t && t > 0:
		return true
	case t == p.t+1 && t > 1:
		if p.form != powPair {
			// The next power is powDD's pair times b: find the pair.
			p.hi, p.lo = powDD(p.b, p.t)
			p.form = powPair
		}
		if math.Abs(p.hi) >= tiny && math.Abs(p.hi) <= 1/tiny {
			p.hi, p.lo = ddMul(p.hi, p.lo, b, 0)
		} else {
			// Repeated multiplication would stick at the smallest
			// subnormal; this far out the result's last bits do not
			// matter, so math.Pow serves.
			p.hi, p.lo = math.Pow(b, float64(t)), 0
		}
		p.t = t
		return true
	}
	return false
}

// find sets p to b^t afresh: to 1 - b^t alone when oneMinus says that is
// all the caller needs and oneMinusQuick can tell it. oneMinusQuick cannot
// when b^t*(t+1) exceeds 1/4 (its bounds are then more than an ulp of
// 1 - b^t apart), and is not tried when the last power found, times b,
// says so (with a margin: this only saves time).
func (p *power) find(b float64, t int, oneMinus bool) {
	hopeless := p.form == powValue && float64(float64(p.hi*b)*float64(t+1)) > 0.3
	p.b, p.t = b, t
	if oneMinus && !hopeless {
		if v, ok := oneMinusQuick(b, t); ok {
			p.lo, p.form = v, powOneMinus
			return
		}
	}
	p.hi, p.lo, p.form = powInt(b, t), 0, powValue
}
