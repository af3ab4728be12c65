package surface

import (
	"fmt"
	"io"
	"math"
	"slices"
)

// tanhUnit is the mean squared error of the smallest neural network, one
// tanh unit y = w2*tanh(w1*x), over data points (x_i, y_i), as a function
// of (w1, w2):
//
//	loss(w1, w2) = mean((y_i - w2*tanh(w1*x_i))^2)
//
// (w1, w2) and (-w1, -w2) make the same network, so its minima come in
// mirror-image pairs, with a saddle at the origin between them.
type tanhUnit struct {
	x, y []float64
}

// readTanhUnit reads columns x,y and builds the tanh-unit surface.
func readTanhUnit(r io.Reader, file string) (*Surface, error) {
	t, err := readTable(r, file, []string{"x", "y"})
	if err != nil {
		return nil, err
	}
	x := make([]float64, len(t.rows))
	y := make([]float64, len(t.rows))
	for i, row := range t.rows {
		x[i], y[i] = row[0], row[1]
	}
	s, err := TanhUnit(x, y)
	if err != nil {
		return nil, fmt.Errorf("surface: %s: %s", file, trimPrefix(err))
	}
	return s, nil
}

// TanhUnit builds the "tanh-unit" surface of the points (x[i], y[i]): the
// mean squared error of w2*tanh(w1*x) over (w1, w2), with torch's
// arithmetic. The default domain is a rectangle centred on the saddle at
// the origin that holds the minima (found numerically) with room to spare;
// the default start lies in a quarter with no minimum, so runs pass near
// the saddle before choosing one of the mirror-image minima.
func TanhUnit(x, y []float64) (*Surface, error) {
	if len(x) != len(y) {
		return nil, fmt.Errorf("surface: %d x values but %d y values", len(x), len(y))
	}
	if len(x) == 0 {
		return nil, fmt.Errorf("surface: the tanh unit needs data points, got none")
	}
	for i := range x {
		if !finite(x[i]) || !finite(y[i]) {
			return nil, fmt.Errorf("surface: point %d (%v, %v) is not finite", i+1, x[i], y[i])
		}
	}
	if maxAbs(x) == 0 {
		return nil, fmt.Errorf("surface: singular data: every x is 0, so the network's output is 0 whatever its weights")
	}
	m := &tanhUnit{x: slices.Clone(x), y: slices.Clone(y)}
	s := &Surface{
		Name:     "tanh-unit",
		Title:    "One tanh unit (w1, w2)",
		Formula:  "mean((y - w2*tanh(w1*x))^2)",
		Dim:      2,
		Axes:     [2]string{"w1", "w2"},
		Eval:     m.eval,
		Gradient: m.gradient,
		Hessian:  m.hessian,
		Model:    m.model(),
	}
	// Look for the minima on a generous rectangle (w1 up to 10 over the
	// spread of x, w2 up to twice the largest |y|), then frame them.
	w1, w2 := 10/spread(m.x), 2*math.Max(maxAbs(m.y), 1e-3)
	wide := Domain{XMin: -w1, XMax: w1, YMin: -w2, YMax: w2}
	r1, r2 := 1/spread(m.x), math.Max(maxAbs(m.y), 1e-3)/2
	minima := FindMinima(s, wide)
	for _, mn := range minima {
		r1 = math.Max(r1, 1.5*math.Abs(mn.X))
		r2 = math.Max(r2, 1.5*math.Abs(mn.Y))
	}
	r1, r2 = niceCeil(r1), niceCeil(r2)
	s.Domain = Domain{XMin: -r1, XMax: r1, YMin: -r2, YMax: r2}
	s.Minima = minima
	s.Start = []float64{r1 / 2, -r2 / 2}
	if len(s.Minima) > 0 && s.Minima[0].X*s.Minima[0].Y < 0 {
		s.Start[1] = -s.Start[1] // the minima lie in the other quarters
	}
	return s, nil
}

// eval returns the mean squared error at (w1, w2).
func (m *tanhUnit) eval(w1, w2 float64) float64 {
	var sum float64
	for i, x := range m.x {
		r := m.y[i] - float64(w2*math.Tanh(float64(w1*x)))
		sum += float64(r * r)
	}
	return sum / float64(len(m.x))
}

// gradient returns the loss and its gradient at (w1, w2), formed as torch's
// autograd forms it: mean's backward gives 1/n per point, pow's 2*r, then
// through the product and tanh's 1 - t^2.
func (m *tanhUnit) gradient(w1, w2 float64) (f, d1, d2 float64) {
	inv := 1 / float64(len(m.x))
	var sum float64
	for i, x := range m.x {
		f, g1, g2 := m.point(i, x, w1, w2, inv)
		sum += f
		d1 += g1
		d2 += g2
	}
	return sum / float64(len(m.x)), d1, d2
}

// point returns point i's squared residual and its share of the gradient
// of a mean whose backward weight is inv.
func (m *tanhUnit) point(i int, x, w1, w2, inv float64) (f, d1, d2 float64) {
	t := math.Tanh(float64(w1 * x))
	r := m.y[i] - float64(w2*t)
	gr := float64(inv * float64(2*r)) // d loss / d r
	gt := -float64(gr * w2)           // d loss / d tanh
	gu := float64(gt * float64(1-float64(t*t)))
	return float64(r * r), float64(gu * x), -float64(gr * t)
}

// hessian returns the exact second derivatives at (w1, w2). With
// t = tanh(w1*x), s = 1 - t^2 and the residual r = y - w2*t, the loss is
// mean(r^2) and
//
//	dr/dw1 = -w2*s*x,  dr/dw2 = -t,
//	d2r/dw1^2 = 2*w2*x^2*t*s,  d2r/dw1dw2 = -s*x,  d2r/dw2^2 = 0,
//
// so the Hessian is the mean of 2(grad r grad r^T + r * hess r):
//
//	d11 = mean(2*w2*s*x^2*(w2*s + 2*r*t))
//	d12 = mean(2*s*x*(w2*t - r))
//	d22 = mean(2*t^2)
func (m *tanhUnit) hessian(w1, w2 float64) (d11, d12, d22 float64) {
	for i, x := range m.x {
		t := math.Tanh(float64(w1 * x))
		s := 1 - t*t
		r := m.y[i] - w2*t
		sx := s * x
		d11 += w2 * sx * x * (w2*s + 2*r*t)
		d12 += sx * (w2*t - r)
		d22 += t * t
	}
	k := 2 / float64(len(m.x))
	return k * d11, k * d12, k * d22
}

// batchGradient is gradient over the points idx only.
func (m *tanhUnit) batchGradient(w1, w2 float64, idx []int) (f, d1, d2 float64) {
	if len(idx) == 0 {
		return 0, 0, 0
	}
	inv := 1 / float64(len(idx))
	var sum float64
	for _, i := range idx {
		f, g1, g2 := m.point(i, m.x[i], w1, w2, inv)
		sum += f
		d1 += g1
		d2 += g2
	}
	return sum / float64(len(idx)), d1, d2
}

// model describes the tanh unit for a fit view.
func (m *tanhUnit) model() *Model {
	inputs := make([][]float64, len(m.x))
	for i, x := range m.x {
		inputs[i] = []float64{x}
	}
	return &Model{
		Kind:    KindTanhUnit,
		Columns: []string{"x", "y"},
		Inputs:  inputs,
		Targets: slices.Clone(m.y),
		Predict: func(params, input []float64) float64 {
			return float64(params[1] * math.Tanh(float64(params[0]*input[0])))
		},
		BatchGradient: m.batchGradient,
	}
}
