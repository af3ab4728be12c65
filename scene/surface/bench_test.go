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

// BenchmarkModelSurfaces measures one loss (Eval), one loss with its
// gradient (Gradient) and one exact Hessian of every model surface on its
// built-in data set, and one mini-batch gradient of 8 points.
func BenchmarkModelSurfaces(b *testing.B) {
	for _, s := range modelSurfaces(b)[:5] {
		x, y := s.Start[0], s.Start[1]
		b.Run(s.Title+"/eval", func(b *testing.B) {
			for b.Loop() {
				s.Eval(x, y)
			}
		})
		b.Run(s.Title+"/gradient", func(b *testing.B) {
			for b.Loop() {
				s.Gradient(x, y)
			}
		})
		b.Run(s.Title+"/hessian", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				s.Hessian(x, y)
			}
		})
		idx := []int{0, 3, 5, 7, 11, 13, 17, 19}
		b.Run(s.Title+"/batch8", func(b *testing.B) {
			for b.Loop() {
				s.Model.BatchGradient(x, y, idx)
			}
		})
	}
}

// BenchmarkLoadModel measures building a model surface from its CSV file,
// default domain and minima included.
func BenchmarkLoadModel(b *testing.B) {
	for _, c := range [][2]string{{"logistic", "logistic-200.csv"}, {"logistic", "logistic-separable-100.csv"}, {"tanh-unit", "tanh-300.csv"}} {
		b.Run(c[1], func(b *testing.B) {
			for b.Loop() {
				if _, err := LoadModel(c[0], c[1]); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
