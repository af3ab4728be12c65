package optim

// adamPlainPairs runs adamPlainGo's loop over the first 2*(len(x)/2)
// elements, two at a time with SSE2's packed instructions, which round each
// lane exactly as the scalar ones do (IEEE 754 operations are correctly
// rounded, and no multiply-add is fused).
//
//go:noescape
func adamPlainPairs(x, grad, expAvg, expAvgSq *float64, pairs int, k *adamConsts)

// adamPlain is the element loop of Adam without weight decay, AMSGrad or
// maximize: pairs in the packed kernel, an odd last element in Go.
func adamPlain(x, grad, expAvg, expAvgSq []float64, k *adamConsts) {
	n := len(x)
	if len(grad) < n || len(expAvg) < n || len(expAvgSq) < n {
		panic("optim: adamPlain: short slices")
	}
	if pairs := n / 2; pairs > 0 {
		adamPlainPairs(&x[0], &grad[0], &expAvg[0], &expAvgSq[0], pairs, k)
	}
	if n%2 == 1 {
		adamPlainGo(x[n-1:], grad[n-1:], expAvg[n-1:], expAvgSq[n-1:], k)
	}
}
