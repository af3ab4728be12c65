package optim

import "golang.org/x/sys/cpu"

// hasPackedAdam reports whether adamQuads can run: its fused multiply-adds
// are AVX2's FMA3, rounded once as math.FMA is.
var hasPackedAdam = cpu.X86.HasAVX2 && cpu.X86.HasFMA

// adamQuadsAsm runs adamPlainGo's loop over 4*quads elements, four at a
// time: the same operations in the same order, each lane rounded exactly as
// the scalar code rounds it (IEEE 754 operations are correctly rounded, and
// a fused multiply-add is rounded once in both).
//
//go:noescape
func adamQuadsAsm(x, grad, expAvg, expAvgSq *float64, quads int, k *adamConsts)

// adamQuads runs the packed kernel on the first 4*quads elements.
func adamQuads(x, grad, expAvg, expAvgSq []float64, quads int, k *adamConsts) {
	n := 4 * quads
	_, _, _, _ = x[n-1], grad[n-1], expAvg[n-1], expAvgSq[n-1] // bounds, once
	adamQuadsAsm(&x[0], &grad[0], &expAvg[0], &expAvgSq[0], quads, k)
}
