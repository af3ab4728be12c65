package optim

import "math"

// Adamax is Adam with the infinity norm in place of the squared-gradient
// average, as torch.optim.Adamax.
type Adamax struct {
	LR          float64 // learning rate
	Beta1       float64 // decay of the running average of gradients
	Beta2       float64 // decay of the infinity norm
	Eps         float64 // added to |grad| before taking the maximum
	WeightDecay float64 // L2 penalty added to the gradient
	Maximize    bool    // ascend instead of descend

	state
	pow1   power     // beta1^t
	expAvg []float64 // running average of gradients
	expInf []float64 // exponentially weighted infinity norm
}

// Step performs one Adamax update of x.
func (o *Adamax) Step(x, grad []float64) {
	if o.begin(x, grad) {
		o.expAvg = sized(o.expAvg, len(x), 0)
		o.expInf = sized(o.expInf, len(x), 0)
	}
	b1, b2 := o.Beta1, o.Beta2
	biasCorrection := o.pow1.oneMinus(b1, o.steps)
	clr := o.LR / biasCorrection
	for i := range x {
		g := grad[i]
		if o.Maximize {
			g = -g
		}
		if o.WeightDecay != 0 {
			g = math.FMA(x[i], o.WeightDecay, g)
		}
		o.expAvg[i] = math.FMA(g, 1-b1, float64(o.expAvg[i]*b1))
		// max propagates NaN, as torch.maximum and torch.amax do.
		o.expInf[i] = max(float64(o.expInf[i]*b2), math.Abs(g)+o.Eps)
		x[i] = x[i] + float64(-clr*o.expAvg[i])/o.expInf[i]
	}
}

// Reset forgets the running averages and the step count.
func (o *Adamax) Reset() { o.reset() }
