//go:build amd64 && !amd64.v3

package optim

import "math"

// cosines sets out[i] = math.Cos(xs[i]) for every i < len(xs), bit for
// bit; out must be at least as long as xs, and may be xs. The schedulers
// compute their cosines a batch at a time with it (see cosineAnnealingLR).
//
// For 0 <= x < 2^29 it computes Go's math.cos (math/sin.go, from the
// Cephes library; Copyright The Go Authors, BSD license) less its special
// cases: the same operations on the same constants in the same order, so
// the same bits (cos_test.go checks it), in a loop, at three quarters of
// the cost of calls to math.Cos. This file is built where Go neither has
// an assembly math.Cos nor fuses multiplications and additions (amd64
// below GOAMD64=v3); cos_other.go calls math.Cos.
func cosines(xs, out []float64) {
	const (
		PI4A = 7.85398125648498535156e-1  // 0x3fe921fb40000000, Pi/4 split into three parts
		PI4B = 3.77489470793079817668e-8  // 0x3e64442d00000000,
		PI4C = 2.69515142907905952645e-15 // 0x3ce8469898cc5170,

		// math's _sin and _cos.
		s0 = 1.58962301576546568060e-10  // 0x3de5d8fd1fd19ccd
		s1 = -2.50507477628578072866e-8  // 0xbe5ae5e5a9291f5d
		s2 = 2.75573136213857245213e-6   // 0x3ec71de3567d48a1
		s3 = -1.98412698295895385996e-4  // 0xbf2a01a019bfdf03
		s4 = 8.33333333332211858878e-3   // 0x3f8111111110f7d0
		s5 = -1.66666666666666307295e-1  // 0xbfc5555555555548
		c0 = -1.13585365213876817300e-11 // 0xbda8fa49a0861a9b
		c1 = 2.08757008419747316778e-9   // 0x3e21ee9d7b4e3f05
		c2 = -2.75573141792967388112e-7  // 0xbe927e4f7eac4bc6
		c3 = 2.48015872888517045348e-5   // 0x3efa01a019c844f5
		c4 = -1.38888888888730564116e-3  // 0xbf56c16c16c14f91
		c5 = 4.16666666666665929218e-2   // 0x3fa555555555554b
	)
	out = out[:len(xs)]
	for i, x := range xs {
		if !(x >= 0 && x < cosReduceThreshold) { // NaN, Inf, and math's other ranges
			out[i] = math.Cos(x)
			continue
		}
		j := uint64(x * (4 / math.Pi)) // integer part of x/(Pi/4), as integer for tests on the phase angle
		y := float64(j)                // integer part of x/(Pi/4), as float

		// map zeros to origin
		if j&1 == 1 {
			j++
			y++
		}
		j &= 7                                // octant modulo 2Pi radians (360 degrees)
		z := ((x - y*PI4A) - y*PI4B) - y*PI4C // Extended precision modular arithmetic

		sign := false
		if j > 3 {
			j -= 4
			sign = !sign
		}
		if j > 1 {
			sign = !sign
		}

		zz := z * z
		if j == 1 || j == 2 {
			y = z + z*zz*((((((s0*zz)+s1)*zz+s2)*zz+s3)*zz+s4)*zz+s5)
		} else {
			y = 1.0 - 0.5*zz + zz*zz*((((((c0*zz)+c1)*zz+c2)*zz+c3)*zz+c4)*zz+c5)
		}
		if sign {
			y = -y
		}
		out[i] = y
	}
}
