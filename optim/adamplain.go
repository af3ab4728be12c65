package optim

import "math"

// adamPlainGo is the element loop of Adam without weight decay, AMSGrad or
// maximize, in Go: the reference the packed kernel (adam_amd64.s) must
// match bit for bit, and the code that runs where there is none.
func adamPlainGo(x, grad, expAvg, expAvgSq []float64, k *adamConsts) {
	grad, expAvg, expAvgSq = grad[:len(x)], expAvg[:len(x)], expAvgSq[:len(x)]
	for i := range x {
		g := grad[i]
		expAvg[i] = float64(expAvg[i]*k.b1) + float64(k.c1*g)
		expAvgSq[i] = float64(expAvgSq[i]*k.b2) + float64(float64(k.c2*g)*g)
		denom := math.Sqrt(expAvgSq[i])/k.bc2Sqrt + k.eps
		x[i] = x[i] + float64(k.negStep*expAvg[i])/denom
	}
}

// adamConsts are one Adam step's scalars, laid out for the packed kernel.
type adamConsts struct {
	b1, c1  float64 // beta1, 1 - beta1
	b2, c2  float64 // beta2, 1 - beta2
	bc2Sqrt float64 // sqrt(1 - beta2^t)
	eps     float64
	negStep float64 // -lr / (1 - beta1^t)
}
