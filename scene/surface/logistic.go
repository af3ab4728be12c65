package surface

import (
	"fmt"
	"io"
	"math"
	"slices"
)

// logistic is the mean binary cross-entropy of the logistic regression
// P(label=1 | x) = sigmoid(weight*x + bias) over data points (x_i, label_i),
// as a function of (weight, bias): torch's
// binary_cross_entropy_with_logits(weight*x + bias, label) with the mean
// reduction, in its numerically stable form
//
//	l_i = max(z_i, 0) - z_i*label_i + log1p(exp(-|z_i|)),  z_i = weight*x_i + bias
//
// and torch's gradient dl_i/dz_i = sigmoid(z_i) - label_i.
type logistic struct {
	x, label []float64
}

// readLogistic reads columns x,label and builds the logistic surface.
func readLogistic(r io.Reader, file string) (*Surface, error) {
	t, err := readTable(r, file, []string{"x", "label"})
	if err != nil {
		return nil, err
	}
	x := make([]float64, len(t.rows))
	label := make([]float64, len(t.rows))
	for i, row := range t.rows {
		if row[1] != 0 && row[1] != 1 {
			return nil, fmt.Errorf("surface: %s:%d: label %v is not 0 or 1", file, t.lines[i], row[1])
		}
		x[i], label[i] = row[0], row[1]
	}
	s, err := Logistic(x, label)
	if err != nil {
		return nil, fmt.Errorf("surface: %s: %s", file, trimPrefix(err))
	}
	return s, nil
}

// Logistic builds the "logistic" surface of points (x[i], label[i]), labels
// 0 or 1: mean binary cross-entropy with logits of weight*x + bias over
// (weight, bias), torch's arithmetic. Its default domain and start are taken
// from the data: a square around the origin that holds the minimum (found
// by Newton's method) with room to spare, the start in its upper left
// quarter, on the wrong side (a negative weight). When a threshold separates the labels
// the loss has no minimum: NoMinimum is set, Note says so, and the domain
// reaches along the direction the runs walk off in.
func Logistic(x, label []float64) (*Surface, error) {
	if len(x) != len(label) {
		return nil, fmt.Errorf("surface: %d x values but %d labels", len(x), len(label))
	}
	if len(x) == 0 {
		return nil, fmt.Errorf("surface: logistic regression needs data points, got none")
	}
	for i := range x {
		if !finite(x[i]) {
			return nil, fmt.Errorf("surface: point %d: x %v is not finite", i+1, x[i])
		}
		if label[i] != 0 && label[i] != 1 {
			return nil, fmt.Errorf("surface: point %d: label %v is not 0 or 1", i+1, label[i])
		}
	}
	if slices.Min(x) == slices.Max(x) {
		return nil, fmt.Errorf("surface: singular data: all %d x values are equal (%v), the weight is not determined", len(x), x[0])
	}
	m := &logistic{x: slices.Clone(x), label: slices.Clone(label)}
	s := &Surface{
		Name:     "logistic",
		Title:    "Logistic regression (weight, bias)",
		Formula:  "mean(max(z,0) - z*label + log1p(exp(-|z|))), z = weight*x + bias",
		Dim:      2,
		Axes:     [2]string{"weight", "bias"},
		Eval:     m.eval,
		Gradient: m.gradient,
		Hessian:  m.hessian,
		Model:    m.model(),
	}
	scale := 1 / spread(m.x)
	if sep, dir := m.separable(); sep {
		// The loss falls along (weight, bias) = t*dir, t -> infinity: show the
		// origin and a long stretch of that ray.
		r := niceCeil(20 * scale * math.Max(1, math.Abs(dir[1])))
		s.Domain = square(-r, r)
		s.NoMinimum = true
		s.Note = "separable data: no minimum, the loss keeps falling as the runs walk off to infinity"
		s.Start = []float64{-r / 2, r / 2}
		return s, nil
	}
	// The loss is convex with a unique minimum: Newton's method finds it;
	// the shown square holds it at about half its half-width.
	w, b := m.newton()
	r := 4 * scale
	r = niceCeil(math.Max(r, 2*math.Max(math.Abs(w), math.Abs(b))))
	s.Domain = square(-r, r)
	s.Minima = []Minimum{{X: w, Y: b, Value: m.eval(w, b)}}
	s.Start = []float64{-r / 2, r / 2}
	return s, nil
}

// newton returns the minimum of the (convex, not separable) loss by
// Newton's method with backtracking from the origin.
func (m *logistic) newton() (w, b float64) {
	f, gw, gb := m.gradient(w, b)
	for range 100 {
		hww, hwb, hbb := m.hessian(w, b)
		det := hww*hbb - hwb*hwb
		if !(det > 0) {
			break
		}
		sw, sb := -(hbb*gw-hwb*gb)/det, -(hww*gb-hwb*gw)/det
		t := 1.0
		for ; t > 1e-10; t /= 2 {
			if nf := m.eval(w+t*sw, b+t*sb); nf <= f {
				break
			}
		}
		if t <= 1e-10 {
			break
		}
		w, b = w+t*sw, b+t*sb
		f, gw, gb = m.gradient(w, b)
		if math.Hypot(gw, gb) < 1e-15 || math.Hypot(t*sw, t*sb) < 1e-15*(1+math.Hypot(w, b)) {
			break
		}
	}
	return w, b
}

// eval returns the mean loss at (w, b).
func (m *logistic) eval(w, b float64) float64 {
	var sum float64
	for i, x := range m.x {
		sum += bceWithLogits(float64(w*x)+b, m.label[i])
	}
	return sum / float64(len(m.x))
}

// gradient returns the mean loss and its gradient at (w, b) as torch's
// autograd forms it: dl/dz_i = (sigmoid(z_i) - label_i) / n, then summed
// against x_i (weight) and 1 (bias).
func (m *logistic) gradient(w, b float64) (f, dw, db float64) {
	n := float64(len(m.x))
	var sum float64
	for i, x := range m.x {
		z := float64(w*x) + b
		sum += bceWithLogits(z, m.label[i])
		g := (sigmoid(z) - m.label[i]) / n
		dw += float64(g * x)
		db += g
	}
	return sum / n, dw, db
}

// hessian returns the exact second derivatives at (w, b): the mean of
// sigmoid'(z_i) [x_i, 1][x_i, 1]^T, z_i = w*x_i + b, with sigmoid' in its
// stable form (see sigmoidPrime).
func (m *logistic) hessian(w, b float64) (dww, dwb, dbb float64) {
	for _, x := range m.x {
		q := sigmoidPrime(float64(w*x) + b)
		dbb += q
		dwb += q * x
		dww += q * x * x
	}
	inv := 1 / float64(len(m.x))
	return dww * inv, dwb * inv, dbb * inv
}

// batchGradient is gradient over the points idx only.
func (m *logistic) batchGradient(w, b float64, idx []int) (f, dw, db float64) {
	if len(idx) == 0 {
		return 0, 0, 0
	}
	n := float64(len(idx))
	var sum float64
	for _, i := range idx {
		x := m.x[i]
		z := float64(w*x) + b
		sum += bceWithLogits(z, m.label[i])
		g := (sigmoid(z) - m.label[i]) / n
		dw += float64(g * x)
		db += g
	}
	return sum / n, dw, db
}

// model describes the logistic regression for a fit view.
func (m *logistic) model() *Model {
	inputs := make([][]float64, len(m.x))
	for i, x := range m.x {
		inputs[i] = []float64{x}
	}
	return &Model{
		Kind:       KindLogistic,
		Classifier: true,
		Columns:    []string{"x", "label"},
		Inputs:     inputs,
		Targets:    slices.Clone(m.label),
		Predict: func(params, input []float64) float64 {
			return sigmoid(float64(params[0]*input[0]) + params[1])
		},
		BatchGradient: m.batchGradient,
	}
}

// separable reports whether a threshold on x separates the labels (all
// points of one label strictly below all of the other, or a single label),
// and the direction (weight, bias) along which the loss then falls to zero.
func (m *logistic) separable() (bool, [2]float64) {
	lo := [2]float64{math.Inf(1), math.Inf(1)}   // smallest x of label 0, 1
	hi := [2]float64{math.Inf(-1), math.Inf(-1)} // largest x of label 0, 1
	for i, x := range m.x {
		k := int(m.label[i])
		lo[k], hi[k] = math.Min(lo[k], x), math.Max(hi[k], x)
	}
	switch {
	case math.IsInf(lo[0], 1): // only ones: the bias grows
		return true, [2]float64{0, 1}
	case math.IsInf(lo[1], 1): // only zeros
		return true, [2]float64{0, -1}
	case hi[0] < lo[1]: // zeros left of ones: weight > 0
		t := (hi[0] + lo[1]) / 2
		return true, [2]float64{1, -t}
	case hi[1] < lo[0]: // ones left of zeros: weight < 0
		t := (hi[1] + lo[0]) / 2
		return true, [2]float64{-1, t}
	}
	return false, [2]float64{}
}

// bceWithLogits is torch's binary cross-entropy of the logit z against the
// label y in its stable form max(z, 0) - z*y + log1p(exp(-|z|)).
func bceWithLogits(z, y float64) float64 {
	return float64(math.Max(z, 0)-float64(z*y)) + math.Log1p(math.Exp(-math.Abs(z)))
}

// sigmoid is torch's 1 / (1 + exp(-z)).
func sigmoid(z float64) float64 {
	return 1 / (1 + math.Exp(-z))
}

// sigmoidPrime is sigmoid'(z) = sigmoid(z)(1 - sigmoid(z)), computed as
// e/(1+e)^2 with e = exp(-|z|): no overflow, and no cancellation in
// 1 - sigmoid(z) for large z (where it is about exp(-z)).
func sigmoidPrime(z float64) float64 {
	e := math.Exp(-math.Abs(z))
	return e / ((1 + e) * (1 + e))
}

// spread returns the standard deviation of v, or 1 when it is zero.
func spread(v []float64) float64 {
	var mean, ss float64
	for _, x := range v {
		mean += x
	}
	mean /= float64(len(v))
	for _, x := range v {
		ss += (x - mean) * (x - mean)
	}
	sd := math.Sqrt(ss / float64(len(v)))
	if sd == 0 || !finite(sd) {
		return 1
	}
	return sd
}

// maxAbs returns the largest |v_i|.
func maxAbs(v []float64) float64 {
	m := 0.0
	for _, x := range v {
		m = math.Max(m, math.Abs(x))
	}
	return m
}

// niceCeil rounds v > 0 up to 1, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 times a power of ten.
func niceCeil(v float64) float64 {
	if !(v > 0) || !finite(v) {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(v)))
	for _, k := range []float64{1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10} {
		if k*p >= v*(1-1e-12) {
			return k * p
		}
	}
	return 10 * p
}

// trimPrefix returns err's message without the package prefix.
func trimPrefix(err error) string {
	const p = "surface: "
	msg := err.Error()
	if len(msg) >= len(p) && msg[:len(p)] == p {
		return msg[len(p):]
	}
	return msg
}
