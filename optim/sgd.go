package optim

// A note on rounding, for every Step in this package: each product is wrapped
// in float64(...) so that the Go compiler never fuses a multiply and an add
// into one FMA instruction (it may on arm64, ppc64 and s390x). Torch rounds
// every tensor operation separately, and so does this package, on every
// architecture.

// SGD is stochastic gradient descent with optional momentum, Nesterov
// momentum and L2 weight decay, as torch.optim.SGD.
type SGD struct {
	LR          float64 // learning rate
	Momentum    float64 // momentum factor; 0 is plain gradient descent
	Dampening   float64 // dampening for momentum
	WeightDecay float64 // L2 penalty added to the gradient
	Nesterov    bool    // use Nesterov momentum (needs Momentum > 0, Dampening 0)
	Maximize    bool    // ascend instead of descend

	state
	buf []float64 // momentum buffer
}

// Step performs one SGD update of x.
func (o *SGD) Step(x, grad []float64) {
	if o.begin(x, grad) {
		o.buf = o.buf[:0] // no momentum buffer yet
	}
	// The buffer starts as a copy of the gradient at the first step with
	// momentum, which is a later step if momentum was switched on mid-run
	// (torch's momentum_buffer is None until then).
	first := false
	if o.Momentum != 0 && len(o.buf) == 0 {
		o.buf = sized(o.buf, len(x), 0)
		first = true
	}
	for i := range x {
		g := grad[i]
		if o.Maximize {
			g = -g
		}
		if o.WeightDecay != 0 {
			g = g + float64(o.WeightDecay*x[i])
		}
		if o.Momentum != 0 {
			if first {
				// torch's first momentum buffer is a copy of the gradient,
				// without dampening.
				o.buf[i] = g
			} else {
				o.buf[i] = float64(o.buf[i]*o.Momentum) + float64((1-o.Dampening)*g)
			}
			if o.Nesterov {
				g = g + float64(o.Momentum*o.buf[i])
			} else {
				g = o.buf[i]
			}
		}
		x[i] = x[i] + float64(-o.LR*g)
	}
}

// Reset forgets the momentum buffer.
func (o *SGD) Reset() { o.reset() }
