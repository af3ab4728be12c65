package optim

import "math"

// RMSprop divides each step by the root of a running average of squared
// gradients, optionally centred and with momentum, as torch.optim.RMSprop.
type RMSprop struct {
	LR          float64 // learning rate
	Alpha       float64 // smoothing constant of the running averages
	Eps         float64 // added to the denominator
	WeightDecay float64 // L2 penalty added to the gradient
	Momentum    float64 // momentum factor; 0 for none
	Centered    bool    // normalise by the estimated variance of the gradient
	Maximize    bool    // ascend instead of descend

	state
	squareAvg []float64 // running average of squared gradients
	gradAvg   []float64 // running average of gradients (Centered)
	buf       []float64 // momentum buffer (Momentum > 0)
}

// Step performs one RMSprop update of x.
func (o *RMSprop) Step(x, grad []float64) {
	if o.begin(x, grad) {
		o.squareAvg = sized(o.squareAvg, len(x), 0)
		o.gradAvg, o.buf = o.gradAvg[:0], o.buf[:0]
	}
	// At the first step, or when switched on mid-run, the buffers start at
	// zero.
	if o.Centered && len(o.gradAvg) == 0 {
		o.gradAvg = sized(o.gradAvg, len(x), 0)
	}
	if o.Momentum > 0 && len(o.buf) == 0 {
		o.buf = sized(o.buf, len(x), 0)
	}
	for i := range x {
		g := grad[i]
		if o.Maximize {
			g = -g
		}
		if o.WeightDecay != 0 {
			g = math.FMA(x[i], o.WeightDecay, g)
		}
		o.squareAvg[i] = math.FMA(float64((1-o.Alpha)*g), g, float64(o.squareAvg[i]*o.Alpha))
		var avg float64
		if o.Centered {
			o.gradAvg[i] = math.FMA(g, 1-o.Alpha, float64(o.gradAvg[i]*o.Alpha))
			avg = math.Sqrt(math.FMA(-o.gradAvg[i], o.gradAvg[i], o.squareAvg[i]))
		} else {
			avg = math.Sqrt(o.squareAvg[i])
		}
		avg = avg + o.Eps
		if o.Momentum > 0 {
			o.buf[i] = float64(o.buf[i]*o.Momentum) + g/avg
			x[i] = math.FMA(o.buf[i], -o.LR, x[i])
		} else {
			x[i] = x[i] + float64(-o.LR*g)/avg
		}
	}
}

// Reset forgets the running averages and the momentum buffer.
func (o *RMSprop) Reset() { o.reset() }
