//go:build !amd64

package optim

// adamPlain is the element loop of Adam without weight decay, AMSGrad or
// maximize.
func adamPlain(x, grad, expAvg, expAvgSq []float64, k *adamConsts) {
	adamPlainGo(x, grad, expAvg, expAvgSq, k)
}
