package optim

import "math"

// A note on rounding, for every Step in this package. Torch's CPU kernels
// for add(a, b, alpha=s) and addcmul(a, b, c, value=s) compute a + s*b and
// a + s*b*c with one fused multiply-add (their scalar loops are compiled
// with FMA contraction on x86-64 with AVX2, where the reference
// trajectories were made), so every `x.add_(y, alpha=s)`, running average
// `avg.mul_(beta).add_(g, alpha=1-beta)` and `addcmul_` is a math.FMA here:
// chaotic runs (testdata/torch-schedules.jsonl case 9, one-cycle Nesterov
// on Rosenbrock, where one unit in the last place at step 0 moves the path
// by 2e-7) follow torch bit for bit only so. addcdiv (a + s*b/c) ends with a
// division and is not fused. Every other product is wrapped in float64(...)
// so that the Go compiler never fuses it into an FMA of its own (it may on
// arm64, ppc64 and s390x): the result is the same on every architecture.

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
			g = math.FMA(x[i], o.WeightDecay, g)
		}
		if o.Momentum != 0 {
			if first {
				// torch's first momentum buffer is a copy of the gradient,
				// without dampening.
				o.buf[i] = g
			} else {
				o.buf[i] = math.FMA(g, 1-o.Dampening, float64(o.buf[i]*o.Momentum))
			}
			if o.Nesterov {
				g = math.FMA(o.buf[i], o.Momentum, g)
			} else {
				g = o.buf[i]
			}
		}
		x[i] = math.FMA(g, -o.LR, x[i])
	}
}

// Reset forgets the momentum buffer.
func (o *SGD) Reset() { o.reset() }
