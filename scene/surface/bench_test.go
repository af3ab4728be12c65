package surface

import "testing"

func BenchmarkFromExpr(b *testing.B) {
	for _, src := range []string{"x^2 + y^2", "sin(3*x)*cos(3*y) + 0.1*(x^2+y^2)", "(x^2+y-11)^2 + (x+y^2-7)^2", "x^4 - 4*x^2 + x"} {
		b.Run(src, func(b *testing.B) {
			for b.Loop() {
				if _, err := FromExpr(src); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkFindMinima(b *testing.B) {
	for _, s := range All() {
		b.Run(s.Name, func(b *testing.B) {
			for b.Loop() {
				FindMinima(s, s.Domain)
			}
		})
	}
}
