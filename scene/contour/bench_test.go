package contour

import (
	"math"
	"testing"
)

// regressionLoss is sqrt of a least-squares loss like the regression-race
// scene's over [-10,10]^2, plus a ripple so lines have some wiggle.
func regressionLoss(n int) ([]float64, Rect) {
	dom := Rect{-10, -10, 10, 10}
	z := sample(func(a, b float64) float64 {
		return math.Sqrt((a+2)*(a+2)+8.3*(b-2)*(b-2)+0.5*(a+2)*(b-2)) + 0.3*math.Sin(a)*math.Cos(b)
	}, n, n, dom)
	return z, dom
}

func BenchmarkLines400x12(b *testing.B) {
	z, dom := regressionLoss(400)
	levels := Levels(z, 12, Linear)
	if len(levels) < 10 {
		b.Fatalf("only %d levels", len(levels))
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, l := range levels {
			if Lines(z, 400, 400, dom, l) == nil {
				b.Fatal("no lines")
			}
		}
	}
}

func BenchmarkBands200x12(b *testing.B) {
	z, dom := regressionLoss(200)
	levels := Levels(z, 12, Linear)
	b.ReportAllocs()
	for b.Loop() {
		if Bands(z, 200, 200, dom, levels) == nil {
			b.Fatal("no bands")
		}
	}
}

func BenchmarkBands400x12(b *testing.B) {
	z, dom := regressionLoss(400)
	levels := Levels(z, 12, Linear)
	b.ReportAllocs()
	for b.Loop() {
		if Bands(z, 400, 400, dom, levels) == nil {
			b.Fatal("no bands")
		}
	}
}
