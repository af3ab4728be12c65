package arrows

import (
	"fmt"
	"image/color"
	"strconv"

	"descent/scene/stability"
	"descent/scene/surface"
)

// Stability is the stability overlay a view draws for one run (the
// selected one): the part of the domain where the local quadratic model is
// unstable for the run's update rule, lr·λ_max above the rule's critical
// gain (2 for gradient descent, 2(1+β) with heavy-ball momentum β), and the
// Hessian's eigen-directions at the run's iterate.
type Stability struct {
	// Rule is the run's update rule (stability.RuleOf its optimizer).
	Rule stability.Rule
	// At is the iterate whose eigen-directions are drawn; nil: none.
	At []float64
	// Color tints the unstable region and draws the eigen-directions (the
	// run's colour, or a warning colour).
	Color color.RGBA
}

// Gain returns the largest stable lr·(λ_max+weight_decay) of the rule: 2
// for gradient descent, 2(1+β) for heavy ball, 2(1+β)/(1+2β) for Nesterov,
// divided by 1-dampening with momentum; 0 when no learning rate is stable.
func Gain(r stability.Rule) float64 {
	lrMax, ok := r.LRMax(1 - r.WeightDecay) // curvature + decay = 1
	if !ok {
		return 0
	}
	return lrMax
}

// Legend returns the overlay's line for a key: "unstable for lr 0.1
// (lr·λmax > 2)", with the momentum when there is one ("unstable for lr
// 0.01, momentum 0.9 (lr·λmax > 3.8)") and the weight decay inside the
// bracket when there is one ("lr·(λmax+0.01) > 2").
func (s Stability) Legend() string {
	r := s.Rule
	who := "lr " + short(r.LR)
	if r.Momentum != 0 {
		if r.Nesterov {
			who += ", Nesterov " + short(r.Momentum)
		} else {
			who += ", momentum " + short(r.Momentum)
		}
	}
	curv := "λmax"
	if r.WeightDecay != 0 {
		curv = "(λmax+" + short(r.WeightDecay) + ")"
	}
	g := Gain(r)
	if g == 0 {
		return "unstable everywhere for " + who
	}
	return fmt.Sprintf("unstable for %s (lr·%s > %s)", who, curv, short(g))
}

// short writes v with at most 4 significant digits.
func short(v float64) string { return strconv.FormatFloat(v, 'g', 4, 64) }

// MaxRatio bounds the ratios Curvature.Ratios returns, so that an overlay
// never meets an infinity (momentum outside [0, 1) makes every lr
// unstable: its ratio is +Inf).
const MaxRatio = 1e3

// Curvature keeps λ_max of a surface (the largest eigenvalue of its
// Hessian; the second derivative in 1-D) sampled on a grid, and the ratio lr/lr_max of one
// rule at every sample. Sampling is the costly part: it is redone only when
// the surface, the rectangle or the grid changes, and judging another rule
// then costs a few operations a sample. The zero value is empty.
type Curvature struct {
	surf   *surface.Surface
	dom    surface.Domain
	nx, ny int
	lambda []float64
	err    error
	have   bool

	rule   stability.Rule
	ratio  []float64
	judged bool
}

// Sample makes c hold λ_max of s at the nx x ny points stability.Curvatures
// samples over d (point (i, j) at index j*nx+i), sampling only when s, d,
// nx or ny differ from the last call. It reports whether the samples
// changed, and the error of a surface without a Hessian.
func (c *Curvature) Sample(s *surface.Surface, d surface.Domain, nx, ny int) (changed bool, err error) {
	if c.have && c.surf == s && c.dom == d && c.nx == nx && c.ny == ny {
		return false, c.err
	}
	c.surf, c.dom, c.nx, c.ny, c.have, c.judged = s, d, nx, ny, true, false
	c.lambda, c.err = stability.Curvatures(s, d, nx, ny, c.lambda)
	if c.err != nil {
		c.lambda = c.lambda[:0]
	}
	return true, c.err
}

// Size returns the grid's points per side (0, 0 before Sample).
func (c *Curvature) Size() (nx, ny int) { return c.nx, c.ny }

// Domain returns the rectangle sampled.
func (c *Curvature) Domain() surface.Domain { return c.dom }

// Lambda returns the samples of λ_max (nil before a successful Sample).
func (c *Curvature) Lambda() []float64 {
	if c.err != nil {
		return nil
	}
	return c.lambda
}

// Ratios returns lr/lr_max of r at every sample (stability.Rule.Ratio, to
// rounding: above 1 unstable, 0 where no lr overshoots), at most MaxRatio,
// recomputed only when r or the samples changed since the last call; nil
// before a successful Sample. It costs a few nanoseconds a sample. The
// slice is c's: it changes at the next call with another rule.
func (c *Curvature) Ratios(r stability.Rule) []float64 {
	if c.err != nil || !c.have {
		return nil
	}
	if c.judged && c.rule == r {
		return c.ratio
	}
	if cap(c.ratio) < len(c.lambda) {
		c.ratio = make([]float64, len(c.lambda))
	}
	c.ratio = c.ratio[:len(c.lambda)]
	gain, lr, wd := Gain(r), r.LR, r.WeightDecay
	for i, l := range c.lambda {
		k := l + wd
		switch {
		case !(k > 0): // no lr overshoots (or not a number)
			c.ratio[i] = 0
		case gain == 0: // every lr is unstable
			c.ratio[i] = MaxRatio
		default:
			c.ratio[i] = min(lr/(gain/k), MaxRatio)
		}
	}
	c.rule, c.judged = r, true
	return c.ratio
}

// Judged reports whether the last Ratios judged rule r on the current
// samples (so a view may keep what it built from them).
func (c *Curvature) Judged(r stability.Rule) bool { return c.judged && c.rule == r && c.err == nil }
