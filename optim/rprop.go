package optim

// Rprop moves each coordinate by its own step size against the sign of the
// gradient, growing the step while the sign holds and shrinking it when the
// sign flips, as torch.optim.Rprop.
type Rprop struct {
	LR       float64 // initial step size
	EtaMinus float64 // step-size factor after a sign change, in (0, 1)
	EtaPlus  float64 // step-size factor while the sign holds, > 1
	StepMin  float64 // smallest step size
	StepMax  float64 // largest step size
	Maximize bool    // ascend instead of descend

	state
	prev     []float64 // the previous (possibly zeroed) gradient
	stepSize []float64 // per-coordinate step sizes
}

// Step performs one Rprop update of x.
func (o *Rprop) Step(x, grad []float64) {
	if o.begin(x, grad) {
		o.prev = sized(o.prev, len(x), 0)
		o.stepSize = sized(o.stepSize, len(x), o.LR)
	}
	for i := range x {
		g := grad[i]
		if o.Maximize {
			g = -g
		}
		// The sign of the product, not of each factor: a product that
		// underflows to zero counts as no sign information, as in torch.
		factor := 1.0
		switch s := torchSign(float64(g * o.prev[i])); {
		case s > 0:
			factor = o.EtaPlus
		case s < 0:
			factor = o.EtaMinus
		}
		// clamp as torch does: max then min, NaN propagating.
		o.stepSize[i] = min(max(float64(o.stepSize[i]*factor), o.StepMin), o.StepMax)
		if factor == o.EtaMinus {
			// After a sign change the coordinate does not move and the
			// next step sees no previous gradient.
			g = 0
		}
		x[i] = x[i] - float64(torchSign(g)*o.stepSize[i])
		o.prev[i] = g
	}
}

// Reset forgets the previous gradient and the step sizes.
func (o *Rprop) Reset() { o.reset() }
