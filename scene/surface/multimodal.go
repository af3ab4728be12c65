package surface

import "math"

// The built-in surfaces with several minima, or many local ones.

func himmelblau() *Surface {
	return withEval(&Surface{
		Name:    "himmelblau",
		Title:   "Himmelblau's function",
		Formula: "(x^2+y-11)^2 + (x+y^2-7)^2",
		Dim:     2,
		Domain:  square(-5, 5),
		// From the origin descent reaches (3, 2); other starts find the
		// other three minima.
		Start: []float64{0, 0},
		Minima: []Minimum{
			{X: 3, Y: 2, Value: 0},
			{X: -2.8051180869527448, Y: 3.131312518250573, Value: 0},
			{X: -3.779310253377747, Y: -3.2831859912861696, Value: 0},
			{X: 3.5844283403304917, Y: -1.8481265269644036, Value: 0},
		},
		Hessian: func(x, y float64) (dxx, dxy, dyy float64) {
			a, b := x*x+y-11, x+y*y-7
			return 4*a + 8*x*x + 2, 4 * (x + y), 2 + 4*b + 8*y*y
		},
		Gradient:      himmelblauGradient,
		GradientBatch: himmelblauBatch,
	})
}

func sixHumpCamel() *Surface {
	var fn classicCamelSix
	const (
		mx = 0.089842013100318072
		my = -0.71265640302073963
		mv = -1.0316284534898774
	)
	return &Surface{
		Name:    "six-hump-camel",
		Title:   "Six-hump camel",
		Formula: "(4-2.1x^2+x^4/3)x^2 + xy + (-4+4y^2)y^2",
		Dim:     2,
		Domain:  Domain{XMin: -3, XMax: 3, YMin: -2, YMax: 2},
		Start:   []float64{-1.5, -1.2},
		Minima:  []Minimum{{X: mx, Y: my, Value: mv}, {X: -mx, Y: -my, Value: mv}},
		Eval: func(x, y float64) float64 {
			p := [2]float64{x, y}
			return fn.Func(p[:])
		},
		Hessian: func(x, y float64) (dxx, dxy, dyy float64) {
			x2 := x * x
			return 8 - 25.2*x2 + 10*x2*x2, 1, -8 + 48*y*y
		},
		Gradient: func(x, y float64) (f, dx, dy float64) {
			p := [2]float64{x, y}
			x2, y2 := x*x, y*y
			dx = 8*x - 8.4*x2*x + 2*x2*x2*x + y
			dy = x - 8*y + 16*y2*y
			return fn.Func(p[:]), dx, dy
		},
	}
}

func styblinskiTang() *Surface {
	const (
		m  = -2.903534027771177
		mv = -78.332331407542839
	)
	return withEval(&Surface{
		Name:    "styblinski-tang",
		Title:   "Styblinski-Tang function",
		Formula: "((x^4-16x^2+5x) + (y^4-16y^2+5y))/2",
		Dim:     2,
		Domain:  square(-5, 5),
		// x falls to the global valley, y to the local one near 2.75:
		// descent ends in a local minimum.
		Start:  []float64{-0.5, 4.5},
		Minima: []Minimum{{X: m, Y: m, Value: mv}},
		Hessian: func(x, y float64) (dxx, dxy, dyy float64) {
			return 6*x*x - 16, 0, 6*y*y - 16
		},
		Gradient: func(x, y float64) (f, dx, dy float64) {
			x2, y2 := x*x, y*y
			f = (x2*x2 - 16*x2 + 5*x + y2*y2 - 16*y2 + 5*y) / 2
			return f, (4*x2*x - 32*x + 5) / 2, (4*y2*y - 32*y + 5) / 2
		},
	})
}

func goldsteinPrice() *Surface {
	return withEval(&Surface{
		Name:  "goldstein-price",
		Title: "Goldstein-Price function",
		Formula: "[1 + (x+y+1)^2 (19-14x+3x^2-14y+6xy+3y^2)] * " +
			"[30 + (2x-3y)^2 (18-32x+12x^2+48y-36xy+27y^2)]",
		Dim:    2,
		Domain: square(-2, 2),
		// Where the slope is gentlest among the far points of the domain
		// (|grad| about 2700; at (-1.5, 1.5) it is 900000).
		Start:  []float64{0.5, -1.5},
		Minima: []Minimum{{X: 0, Y: -1, Value: 3}},
		// f = A*B: the product rule twice, with A depending on x and y only
		// through x+y (so its second derivatives are all one number a2).
		Hessian: func(x, y float64) (dxx, dxy, dyy float64) {
			u := x + y + 1
			p := 19 - 14*x + 3*x*x - 14*y + 6*x*y + 3*y*y
			dp := -14 + 6*x + 6*y
			a := 1 + u*u*p
			da := 2*u*p + u*u*dp
			a2 := 2*p + 4*u*dp + 6*u*u
			v := 2*x - 3*y
			q := 18 - 32*x + 12*x*x + 48*y - 36*x*y + 27*y*y
			qx := -32 + 24*x - 36*y
			qy := 48 - 36*x + 54*y
			b := 30 + v*v*q
			bx := 4*v*q + v*v*qx
			by := -6*v*q + v*v*qy
			bxx := 8*q + 8*v*qx + 24*v*v
			bxy := -12*q + 4*v*qy - 6*v*qx - 36*v*v
			byy := 18*q - 12*v*qy + 54*v*v
			dxx = a2*b + 2*da*bx + a*bxx
			dxy = a2*b + da*by + da*bx + a*bxy
			dyy = a2*b + 2*da*by + a*byy
			return dxx, dxy, dyy
		},
		Gradient: func(x, y float64) (f, dx, dy float64) {
			u := x + y + 1
			p := 19 - 14*x + 3*x*x - 14*y + 6*x*y + 3*y*y
			dp := -14 + 6*x + 6*y // dp/dx == dp/dy
			a := 1 + u*u*p
			da := 2*u*p + u*u*dp // da/dx == da/dy
			v := 2*x - 3*y
			q := 18 - 32*x + 12*x*x + 48*y - 36*x*y + 27*y*y
			b := 30 + v*v*q
			dbx := 4*v*q + v*v*(-32+24*x-36*y)
			dby := -6*v*q + v*v*(48-36*x+54*y)
			return a * b, da*b + a*dbx, da*b + a*dby
		},
	})
}

func rastrigin() *Surface {
	var fn classicRastrigin
	const w = 2 * math.Pi
	return &Surface{
		Name:    "rastrigin",
		Title:   "Rastrigin function",
		Formula: "20 + x^2 - 10cos(2πx) + y^2 - 10cos(2πy)",
		Dim:     2,
		Domain:  square(-5.12, 5.12),
		// The start pytorch-optimizer's visualizations use.
		Start:  []float64{-2, 3.5},
		Minima: []Minimum{{X: 0, Y: 0, Value: 0}},
		Eval: func(x, y float64) float64 {
			p := [2]float64{x, y}
			return fn.Func(p[:])
		},
		Hessian: func(x, y float64) (dxx, dxy, dyy float64) {
			return 2 + 10*w*w*math.Cos(w*x), 0, 2 + 10*w*w*math.Cos(w*y)
		},
		Gradient: func(x, y float64) (f, dx, dy float64) {
			p := [2]float64{x, y}
			dx = 2*x + 10*w*math.Sin(w*x)
			dy = 2*y + 10*w*math.Sin(w*y)
			return fn.Func(p[:]), dx, dy
		},
	}
}

func ackley() *Surface {
	var fn classicAckley
	const w = 2 * math.Pi
	return &Surface{
		Name:    "ackley",
		Title:   "Ackley function",
		Formula: "-20exp(-0.2sqrt((x^2+y^2)/2)) - exp((cos2πx+cos2πy)/2) + e + 20",
		Dim:     2,
		Domain:  square(-5, 5),
		Start:   []float64{-3.2, 3.7},
		Minima:  []Minimum{{X: 0, Y: 0, Value: 0}},
		Eval: func(x, y float64) float64 {
			p := [2]float64{x, y}
			return fn.Func(p[:])
		},
		// At the origin the cone term has no derivative; its gradient is
		// taken as zero there, as gonum does.
		// At the origin the cone term's curvature is infinite: f_xx and
		// f_yy are +Inf there and f_xy is 0.
		Hessian: func(x, y float64) (dxx, dxy, dyy float64) {
			sx, cx := math.Sincos(w * x)
			sy, cy := math.Sincos(w * y)
			e2 := math.Exp((cx + cy) / 2)
			// The cosine term: pi^2*e2*(2cos - sin^2) on the diagonal.
			dxx = math.Pi * math.Pi * e2 * (2*cx - sx*sx)
			dyy = math.Pi * math.Pi * e2 * (2*cy - sy*sy)
			dxy = -math.Pi * math.Pi * e2 * sx * sy
			s := math.Sqrt((x*x + y*y) / 2)
			if s == 0 {
				return math.Inf(1), dxy, math.Inf(1)
			}
			// The cone term: d/dx of 2*e1*x/s, e1 = exp(-0.2s), ds/dx = x/(2s).
			e1 := math.Exp(-0.2 * s)
			k := 0.1/(s*s) + 0.5/(s*s*s)
			dxx += 2 * e1 * (1/s - x*x*k)
			dyy += 2 * e1 * (1/s - y*y*k)
			dxy -= 2 * e1 * x * y * k
			return dxx, dxy, dyy
		},
		Gradient: func(x, y float64) (f, dx, dy float64) {
			p := [2]float64{x, y}
			s := math.Sqrt((x*x + y*y) / 2)
			e1 := math.Exp(-0.2 * s)
			e2 := math.Exp((math.Cos(w*x) + math.Cos(w*y)) / 2)
			dx = math.Pi * e2 * math.Sin(w*x)
			dy = math.Pi * e2 * math.Sin(w*y)
			if s > 0 {
				dx += 2 * e1 * x / s
				dy += 2 * e1 * y / s
			}
			return fn.Func(p[:]), dx, dy
		},
	}
}

func levi() *Surface {
	var fn classicLevy13
	const (
		w3 = 3 * math.Pi
		w2 = 2 * math.Pi
	)
	return &Surface{
		Name:    "levi",
		Title:   "Lévi function N.13",
		Formula: "sin^2(3πx) + (x-1)^2(1+sin^2(3πy)) + (y-1)^2(1+sin^2(2πy))",
		Dim:     2,
		Domain:  square(-10, 10),
		Start:   []float64{-4, 4},
		Minima:  []Minimum{{X: 1, Y: 1, Value: 0}},
		Eval: func(x, y float64) float64 {
			p := [2]float64{x, y}
			return fn.Func(p[:])
		},
		Hessian: func(x, y float64) (dxx, dxy, dyy float64) {
			s1, c1 := math.Sincos(w3 * y)
			s2, c2 := math.Sincos(w2 * y)
			a, b := x-1, y-1
			dxx = 2*w3*w3*math.Cos(2*w3*x) + 2*(1+s1*s1)
			dxy = 4 * a * w3 * s1 * c1
			dyy = 2*w3*w3*a*a*(c1*c1-s1*s1) + 2*(1+s2*s2) + 4*b*w2*2*s2*c2 + 2*w2*w2*b*b*(c2*c2-s2*s2)
			return dxx, dxy, dyy
		},
		Gradient: func(x, y float64) (f, dx, dy float64) {
			p := [2]float64{x, y}
			s0, c0 := math.Sincos(w3 * x)
			s1, c1 := math.Sincos(w3 * y)
			s2, c2 := math.Sincos(w2 * y)
			a, b := x-1, y-1
			dx = 2*w3*s0*c0 + 2*a*(1+s1*s1)
			dy = a*a*2*w3*s1*c1 + 2*b*(1+s2*s2) + b*b*2*w2*s2*c2
			return fn.Func(p[:]), dx, dy
		},
	}
}
