// Package arrows explains an optimizer's step with arrows: where plain
// gradient descent with the step's learning rate would go, where the
// method's momentum points, the step actually taken, and for adaptive
// methods the per-coordinate size of the step. It also holds what the
// views share of the stability overlay (Stability, Curvature). It is pure
// Go: the flat and 3-D views draw what it computes.
//
// Every vector lives in the surface's coordinates. A view draws them all
// multiplied by one common factor (Scale), a round 1-2-5 number written in
// its key ("arrows ×20"), so that the longest one fits a set share of the
// view and the arrows of several runs compare.
package arrows

import (
	"math"
	"strconv"
	"strings"

	"descent/optim"
)

// Step is one optimizer step taken apart for drawing, in the surface's
// coordinates (one value per coordinate: 1 or 2).
type Step struct {
	// From is the iterate the step starts at.
	From []float64
	// Gradient is -lr*g: where plain gradient descent with the step's
	// learning rate would move (g the gradient the update rule works with,
	// Explanation.Gradient; lr Explanation.LR).
	Gradient []float64
	// Velocity is -lr*v for the method's momentum direction v
	// (Explanation.Velocity, in gradient units); nil for a method or
	// setting without momentum.
	Velocity []float64
	// Update is the step actually taken: x after the step minus x before.
	Update []float64
	// Box holds, for an adaptive method, the half-widths of the
	// per-coordinate step: EffectiveStep[i]*|g[i]| (the step the method's
	// per-coordinate step sizes make of the gradient alone), or
	// EffectiveStep[i] for a sign method (Rprop). nil for the SGD family,
	// whose step size is the same lr for every coordinate.
	Box []float64
}

// FromExplanation returns the step e explains, starting at from (which is
// copied, as are e's vectors).
//
// Box is nil when every coordinate's EffectiveStep is the learning rate
// itself: SGD with or without momentum, and RAdam before its rectification
// starts (see optim.Explain's table), whose steps are not adaptive. Other
// methods get EffectiveStep[i]*|Gradient[i]|, except a sign method: when
// every coordinate of Update is 0 or ±EffectiveStep[i] (to rounding)
// while Update is not -EffectiveStep*Gradient, the update is
// -sign(g)*step_size (Rprop's), and the box's half-widths are the step sizes.
func FromExplanation(from []float64, e optim.Explanation) Step {
	s := Step{
		From:     clone(from),
		Gradient: scaled(e.Gradient, -e.LR),
		Velocity: scaled(e.Velocity, -e.LR),
		Update:   clone(e.Update),
	}
	if adaptive(e) {
		sign := signMethod(from, e)
		s.Box = make([]float64, len(e.EffectiveStep))
		for i, a := range e.EffectiveStep {
			if sign {
				s.Box[i] = math.Abs(a)
			} else if i < len(e.Gradient) {
				s.Box[i] = math.Abs(a * e.Gradient[i])
			}
		}
	}
	return s
}

// adaptive reports whether some coordinate's step size differs from the lr.
func adaptive(e optim.Explanation) bool {
	for _, a := range e.EffectiveStep {
		if a != e.LR {
			return true
		}
	}
	return false
}

// signMethod reports whether e's update is -sign(g)*EffectiveStep (Rprop)
// rather than -EffectiveStep*g: every coordinate moves by 0 or by its step
// size, and the update does not also fit -EffectiveStep*g (the two agree
// where |g| is 1). A method with momentum is never a sign method.
func signMethod(from []float64, e optim.Explanation) bool {
	if e.Velocity != nil || len(e.Update) != len(e.EffectiveStep) || len(e.Gradient) != len(e.Update) {
		return false
	}
	scaledFits := true
	for i, u := range e.Update {
		a := math.Abs(e.EffectiveStep[i])
		tol := 1e-9*a + 4*ulpOf(from, i)
		if u != 0 && math.Abs(math.Abs(u)-a) > tol {
			return false
		}
		want := a * math.Abs(e.Gradient[i])
		if math.Abs(math.Abs(u)-want) > 1e-9*want+4*ulpOf(from, i) {
			scaledFits = false
		}
	}
	return !scaledFits
}

// ulpOf returns the spacing of floats at from[i] (0 when from is short):
// what x+u-x may lose of u.
func ulpOf(from []float64, i int) float64 {
	if i >= len(from) {
		return 0
	}
	x := math.Abs(from[i])
	return math.Nextafter(x, math.Inf(1)) - x
}

// Finite reports whether From and every vector of s are finite numbers (a
// diverged run's step is not drawn).
func (s Step) Finite() bool {
	for _, v := range [][]float64{s.From, s.Gradient, s.Velocity, s.Update, s.Box} {
		for _, x := range v {
			if math.IsNaN(x) || math.IsInf(x, 0) {
				return false
			}
		}
	}
	return len(s.From) > 0
}

// Vectors returns the displacements a view draws from From, in the order
// gradient, velocity, update, box corner (nil ones left as nil): the box
// corner is the box's half-widths as a vector, its half-diagonal.
func (s Step) Vectors() [4][]float64 {
	return [4][]float64{s.Gradient, s.Velocity, s.Update, s.Box}
}

// Length measures a displacement in the surface's coordinates in the units
// the arrows are bounded in (pixels on a flat map, world units in 3-D).
// It must be a norm: Length(k*v) = |k|*Length(v).
type Length func(v []float64) float64

// Norm is the Euclidean length in the surface's own units: the Length
// Scale uses when given nil.
func Norm(v []float64) float64 {
	var s float64
	for _, x := range v {
		s = math.Hypot(s, x)
	}
	return s
}

// Scale returns the common factor k that the arrows of steps are drawn
// multiplied by: the largest 1-2-5 number (…, 0.5, 1, 2, 5, 10, 20, …)
// such that k times the longest vector of any step (gradient, velocity,
// update, or the box's half-diagonal), measured by length (nil: Norm), is at
// most maxLen. label writes it for a view's key: "arrows ×20",
// "arrows ×0.5", "arrows ×1e+06" beyond a million (and below 0.0001).
//
// Non-finite steps (Step.Finite) are left out. With nothing to measure (no
// steps, or only zero vectors) k is 1. A maxLen that is not positive gives
// k = 0 and an empty label: nothing fits.
func Scale(steps []Step, maxLen float64, length Length) (k float64, label string) {
	if !(maxLen > 0) || math.IsInf(maxLen, 0) {
		return 0, ""
	}
	if length == nil {
		length = Norm
	}
	longest := 0.0
	for _, s := range steps {
		if !s.Finite() {
			continue
		}
		for _, v := range s.Vectors() {
			if v == nil {
				continue
			}
			if l := length(v); l > longest && !math.IsInf(l, 0) {
				longest = l
			}
		}
	}
	if !(longest > 0) {
		return 1, Label(1)
	}
	k, text := Nice(maxLen / longest)
	for k*longest > maxLen && k > 0 { // rounding at the boundary
		k, text = Nice(math.Nextafter(k, 0))
	}
	return k, "arrows ×" + text
}

// Label returns the key's text for a factor k from Nice: "arrows ×" and k.
func Label(k float64) string { return "arrows ×" + formatNice(k) }

// Nice returns the largest 1-2-5 number at most r (r > 0), and its text:
// decimal between 0.0001 and 1e6 ("0.002", "50"), else "2e-07", "5e+08".
// It returns 1 for an r that is not a positive finite number.
func Nice(r float64) (k float64, text string) {
	if !(r > 0) || math.IsInf(r, 0) {
		return 1, "1"
	}
	e := int(math.Floor(math.Log10(r)))
	for _, try := range []int{e + 1, e, e - 1} { // Log10 may be off by one at powers of ten
		for _, m := range []int{5, 2, 1} {
			text := niceText(m, try)
			v, _ := strconv.ParseFloat(text, 64)
			if v <= r {
				return v, text
			}
		}
	}
	text = niceText(1, e-2)
	v, _ := strconv.ParseFloat(text, 64)
	return v, text
}

// niceText writes m*10^e.
func niceText(m, e int) string {
	d := strconv.Itoa(m)
	switch {
	case e >= 0 && e < 6:
		return d + strings.Repeat("0", e)
	case e < 0 && e >= -4:
		return "0." + strings.Repeat("0", -e-1) + d
	}
	return strconv.FormatFloat(float64(m)*math.Pow(10, float64(e)), 'e', 0, 64)
}

// formatNice writes a factor as Nice does.
func formatNice(k float64) string {
	if k >= 1e-4 && k < 1e6 {
		return strconv.FormatFloat(k, 'f', -1, 64)
	}
	return strconv.FormatFloat(k, 'e', -1, 64)
}

func clone(v []float64) []float64 {
	if v == nil {
		return nil
	}
	return append([]float64(nil), v...)
}

func scaled(v []float64, k float64) []float64 {
	if v == nil {
		return nil
	}
	out := make([]float64, len(v))
	for i, x := range v {
		out[i] = k * x
	}
	return out
}
