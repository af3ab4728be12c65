//go:build !amd64

package optim

// hasPackedAdam is false: there is no packed kernel off amd64.
const hasPackedAdam = false

// adamQuads is never called off amd64 (hasPackedAdam is false).
func adamQuads(x, grad, expAvg, expAvgSq []float64, quads int, k *adamConsts) {
	adamPlainGo(x[:4*quads], grad, expAvg, expAvgSq, k)
}
