package optim

import "math"

// adamConsts are one Adam step's scalars, laid out for the packed kernel
// (adamfast_amd64.s).
type adamConsts struct {
	b1, c1  float64 // beta1, 1 - beta1
	b2, c2  float64 // beta2, 1 - beta2
	bc2Sqrt float64 // sqrt(1 - beta2^t)
	eps     float64
	negStep float64 // -lr / (1 - beta1^t)
}

// adamPlainGo is Adam's element loop without weight decay, AMSGrad or
// maximize: exactly what Step's general loop computes then, and the
// reference the packed kernel must match bit for bit.
func adamPlainGo(x, grad, expAvg, expAvgSq []float64, k *adamConsts) {
	grad, expAvg, expAvgSq = grad[:len(x)], expAvg[:len(x)], expAvgSq[:len(x)]
	for i := range x {
		g := grad[i]
		expAvg[i] = math.FMA(g, k.c1, float64(expAvg[i]*k.b1))
		expAvgSq[i] = math.FMA(float64(k.c2*g), g, float64(expAvgSq[i]*k.b2))
		denom := math.Sqrt(expAvgSq[i])/k.bc2Sqrt + k.eps
		x[i] = x[i] + float64(k.negStep*expAvg[i])/denom
	}
}

// adamPlain runs adamPlainGo's loop, four elements at a time in the packed
// kernel where the CPU has one (amd64 with AVX2 and FMA), the rest in Go.
func adamPlain(x, grad, expAvg, expAvgSq []float64, k *adamConsts) {
	n := len(x)
	done := 0
	if quads := n / 4; quads > 0 && hasPackedAdam {
		adamQuads(x, grad, expAvg, expAvgSq, quads, k)
		done = 4 * quads
	}
	if done < n {
		adamPlainGo(x[done:], grad[done:n], expAvg[done:n], expAvgSq[done:n], k)
	}
}
