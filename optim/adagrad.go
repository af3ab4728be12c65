package optim

import "math"

// Adagrad divides each coordinate's step by the root of its summed squared
// gradients, as torch.optim.Adagrad.
type Adagrad struct {
	LR                      float64 // learning rate
	LRDecay                 float64 // learning-rate decay: lr / (1 + (t-1)*lr_decay)
	WeightDecay             float64 // L2 penalty added to the gradient
	InitialAccumulatorValue float64 // starting value of the sum of squares
	Eps                     float64 // added to the denominator
	Maximize                bool    // ascend instead of descend

	state
	sum []float64 // sum of squared gradients
}

// Step performs one Adagrad update of x.
func (o *Adagrad) Step(x, grad []float64) {
	if o.begin(x, grad) {
		o.sum = sized(o.sum, len(x), o.InitialAccumulatorValue)
	}
	clr := o.LR / (1 + float64(float64(o.steps-1)*o.LRDecay))
	for i := range x {
		g := grad[i]
		if o.Maximize {
			g = -g
		}
		if o.WeightDecay != 0 {
			g = math.FMA(x[i], o.WeightDecay, g)
		}
		o.sum[i] = math.FMA(g, g, o.sum[i])
		std := math.Sqrt(o.sum[i]) + o.Eps
		x[i] = x[i] + float64(-clr*g)/std
	}
}

// Reset forgets the sum of squared gradients and the step count.
func (o *Adagrad) Reset() { o.reset() }
