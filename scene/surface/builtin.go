package surface

// builtin describes one built-in surface: its constructor builds a fresh value.
type builtin struct {
	name string
	make func() (*Surface, error)
}

// builtins lists the built-in surfaces in teaching order: from one-variable
// and convex quadratics through valleys and several minima to surfaces with
// many local minima.
var builtins = []builtin{
	{"parabola", plain(parabola)},
	{"bowl", plain(bowl)},
	{"saddle", plain(saddle)},
	{"ols", ols},
	{"booth", plain(booth)},
	{"matyas", plain(matyas)},
	{"rosenbrock", plain(rosenbrock)},
	{"beale", plain(beale)},
	{"himmelblau", plain(himmelblau)},
	{"six-hump-camel", plain(sixHumpCamel)},
	{"styblinski-tang", plain(styblinskiTang)},
	{"goldstein-price", plain(goldsteinPrice)},
	{"rastrigin", plain(rastrigin)},
	{"ackley", plain(ackley)},
	{"levi", plain(levi)},
	{"mlp-slice", mlpSlice},
}

// plain adapts a constructor that cannot fail.
func plain(f func() *Surface) func() (*Surface, error) {
	return func() (*Surface, error) { return f(), nil }
}

// square returns the domain [lo, hi]^2.
func square(lo, hi float64) Domain {
	return Domain{XMin: lo, XMax: hi, YMin: lo, YMax: hi}
}

// withEval fills Eval from Gradient when only the gradient was written.
func withEval(s *Surface) *Surface {
	if s.Eval == nil {
		g := s.Gradient
		s.Eval = func(x, y float64) float64 {
			f, _, _ := g(x, y)
			return f
		}
	}
	return s
}

func parabola() *Surface {
	return &Surface{
		Name:    "parabola",
		Title:   "Parabola",
		Formula: "(x-1)^2 + 1",
		Dim:     1,
		Domain:  Domain{XMin: -5, XMax: 7},
		Start:   []float64{6},
		Minima:  []Minimum{{X: 1, Y: 0, Value: 1}},
		Eval: func(x, _ float64) float64 {
			d := x - 1
			return d*d + 1
		},
		Hessian: func(_, _ float64) (dxx, dxy, dyy float64) {
			return 2, 0, 0
		},
		Gradient: func(x, _ float64) (f, dx, dy float64) {
			d := x - 1
			return d*d + 1, 2 * d, 0
		},
	}
}

func bowl() *Surface {
	return &Surface{
		Name:    "bowl",
		Title:   "Bowl",
		Formula: "(x-2)^2 + (y-3)^2",
		Dim:     2,
		Domain:  Domain{XMin: -1, XMax: 5, YMin: 0, YMax: 6},
		Start:   []float64{0, 0},
		Minima:  []Minimum{{X: 2, Y: 3, Value: 0}},
		Eval: func(x, y float64) float64 {
			a, b := x-2, y-3
			return a*a + b*b
		},
		Hessian: func(_, _ float64) (dxx, dxy, dyy float64) {
			return 2, 0, 2
		},
		Gradient: func(x, y float64) (f, dx, dy float64) {
			a, b := x-2, y-3
			return a*a + b*b, 2 * a, 2 * b
		},
	}
}

func saddle() *Surface {
	return &Surface{
		Name:    "saddle",
		Title:   "Saddle",
		Formula: "x^2 - y^2",
		Dim:     2,
		Domain:  square(-1, 1),
		// Almost on the ridge y = 0: descent first slides towards the
		// saddle point and only slowly escapes along y.
		Start: []float64{0.9, 0.01},
		Eval: func(x, y float64) float64 {
			return x*x - y*y
		},
		Hessian: func(_, _ float64) (dxx, dxy, dyy float64) {
			return 2, 0, -2
		},
		Gradient: func(x, y float64) (f, dx, dy float64) {
			return x*x - y*y, 2 * x, -2 * y
		},
	}
}

func booth() *Surface {
	return &Surface{
		Name:    "booth",
		Title:   "Booth function",
		Formula: "(x+2y-7)^2 + (2x+y-5)^2",
		Dim:     2,
		Domain:  square(-10, 10),
		Start:   []float64{-8, 8},
		Minima:  []Minimum{{X: 1, Y: 3, Value: 0}},
		Eval: func(x, y float64) float64 {
			a, b := x+2*y-7, 2*x+y-5
			return a*a + b*b
		},
		// 2 J^T J with J = [[1, 2], [2, 1]], the Jacobian of (a, b).
		Hessian: func(_, _ float64) (dxx, dxy, dyy float64) {
			return 10, 8, 10
		},
		Gradient: func(x, y float64) (f, dx, dy float64) {
			a, b := x+2*y-7, 2*x+y-5
			return a*a + b*b, 2*a + 4*b, 4*a + 2*b
		},
	}
}

func matyas() *Surface {
	return &Surface{
		Name:    "matyas",
		Title:   "Matyas function",
		Formula: "0.26(x^2+y^2) - 0.48xy",
		Dim:     2,
		Domain:  square(-10, 10),
		// Off the flat valley x = y, so descent first drops into the valley
		// and then crawls along it.
		Start:  []float64{8, -4},
		Minima: []Minimum{{X: 0, Y: 0, Value: 0}},
		Eval: func(x, y float64) float64 {
			return 0.26*(x*x+y*y) - 0.48*x*y
		},
		Hessian: func(_, _ float64) (dxx, dxy, dyy float64) {
			return 0.52, -0.48, 0.52
		},
		Gradient: func(x, y float64) (f, dx, dy float64) {
			return 0.26*(x*x+y*y) - 0.48*x*y, 0.52*x - 0.48*y, 0.52*y - 0.48*x
		},
	}
}

func rosenbrock() *Surface {
	var fn classicRosenbrock
	return &Surface{
		Name:    "rosenbrock",
		Title:   "Rosenbrock's valley",
		Formula: "(1-x)^2 + 100(y-x^2)^2",
		Dim:     2,
		Domain:  Domain{XMin: -2, XMax: 2, YMin: -1, YMax: 3},
		Start:   []float64{-1.5, 2},
		Minima:  []Minimum{{X: 1, Y: 1, Value: 0}},
		Eval: func(x, y float64) float64 {
			p := [2]float64{x, y}
			return fn.Func(p[:])
		},
		Hessian: func(x, y float64) (dxx, dxy, dyy float64) {
			return 2 - 400*y + 1200*x*x, -400 * x, 200
		},
		Gradient: func(x, y float64) (f, dx, dy float64) {
			p := [2]float64{x, y}
			var g [2]float64
			fn.Grad(g[:], p[:])
			return fn.Func(p[:]), g[0], g[1]
		},
	}
}

func beale() *Surface {
	var fn classicBeale
	return &Surface{
		Name:    "beale",
		Title:   "Beale function",
		Formula: "(1.5-x+xy)^2 + (2.25-x+xy^2)^2 + (2.625-x+xy^3)^2",
		Dim:     2,
		Domain:  square(-4.5, 4.5),
		Start:   []float64{1, 1.5},
		Minima:  []Minimum{{X: 3, Y: 0.5, Value: 0}},
		Eval: func(x, y float64) float64 {
			p := [2]float64{x, y}
			return fn.Func(p[:])
		},
		// f = t1^2 + t2^2 + t3^2 with t_k = c_k - x + x*y^k: each t_k is
		// linear in x, so f_xx = 2*sum(t_k,x^2), f_xy = 2*sum(t_k,x*t_k,y +
		// t_k*t_k,xy), f_yy = 2*sum(t_k,y^2 + t_k*t_k,yy).
		Hessian: func(x, y float64) (dxx, dxy, dyy float64) {
			y2, y3 := y*y, y*y*y
			t1, t2, t3 := 1.5-x+x*y, 2.25-x+x*y2, 2.625-x+x*y3
			ax, bx, cx := y-1, y2-1, y3-1  // d t_k / dx
			ay, by, cy := x, 2*x*y, 3*x*y2 // d t_k / dy
			dxx = 2 * (ax*ax + bx*bx + cx*cx)
			dxy = 2 * (ax*ay + t1 + bx*by + t2*2*y + cx*cy + t3*3*y2)
			dyy = 2 * (ay*ay + by*by + t2*2*x + cy*cy + t3*6*x*y)
			return dxx, dxy, dyy
		},
		Gradient: func(x, y float64) (f, dx, dy float64) {
			p := [2]float64{x, y}
			var g [2]float64
			fn.Grad(g[:], p[:])
			return fn.Func(p[:]), g[0], g[1]
		},
	}
}
