package expr

import "testing"

// benchExpr is the expression of the speed target: a 400x400 grid must take
// well under 50 ms.
const benchExpr = "log(1 + x^2) + tanh(y)^2 + exp(-x*y)/5"

// BenchmarkGrid400 evaluates benchExpr over a 400x400 grid on [-2, 2]^2;
// one iteration is one whole grid (160,000 points).
func BenchmarkGrid400(b *testing.B) {
	e := MustParse(benchExpr)
	const n = 400
	coord := func(i int) float64 { return -2 + 4*float64(i)/(n-1) }
	b.Run("Eval", func(b *testing.B) {
		sum := 0.0
		for b.Loop() {
			for i := range n {
				x := coord(i)
				for j := range n {
					sum += e.Eval(x, coord(j))
				}
			}
		}
		if sum == 0 {
			b.Fatal("zero sum")
		}
	})
	b.Run("Gradient", func(b *testing.B) {
		sum := 0.0
		for b.Loop() {
			for i := range n {
				x := coord(i)
				for j := range n {
					f, dx, dy := e.Gradient(x, coord(j))
					sum += f + dx + dy
				}
			}
		}
		if sum == 0 {
			b.Fatal("zero sum")
		}
	})
}
