package optim

import "testing"

// benchmarkAdamPlain times one Adam step of an 800-coordinate vector (a
// basins row of 400 starts) through kernel, in ns per coordinate.
func benchmarkAdamPlain(b *testing.B, kernel func(x, grad, expAvg, expAvgSq []float64, k *adamConsts)) {
	const n = 800
	x, g, m, v := make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n)
	for i := range x {
		x[i], g[i] = float64(i)/n, float64(n-i)/n-0.5
	}
	k := adamConsts{b1: 0.9, c1: 0.1, b2: 0.999, c2: 0.001, bc2Sqrt: 0.03, eps: 1e-8, negStep: -0.5}
	for b.Loop() {
		kernel(x, g, m, v, &k)
	}
	b.ReportMetric(b.Elapsed().Seconds()*1e9/float64(n*b.N), "ns/coordinate")
}

func BenchmarkAdamPlainKernel(b *testing.B) { benchmarkAdamPlain(b, adamPlain) }
func BenchmarkAdamPlainGo(b *testing.B)     { benchmarkAdamPlain(b, adamPlainGo) }
