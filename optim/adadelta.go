package optim

import "math"

// Adadelta scales each step by the ratio of running averages of squared
// updates and squared gradients, as torch.optim.Adadelta.
type Adadelta struct {
	LR          float64 // coefficient applied to the update
	Rho         float64 // decay of the running averages
	Eps         float64 // added inside both square roots
	WeightDecay float64 // L2 penalty added to the gradient
	Maximize    bool    // ascend instead of descend

	state
	squareAvg []float64 // running average of squared gradients
	accDelta  []float64 // running average of squared updates
}

// Step performs one Adadelta update of x.
func (o *Adadelta) Step(x, grad []float64) {
	if o.begin(x, grad) {
		o.squareAvg = sized(o.squareAvg, len(x), 0)
		o.accDelta = sized(o.accDelta, len(x), 0)
	}
	for i := range x {
		g := grad[i]
		if o.Maximize {
			g = -g
		}
		if o.WeightDecay != 0 {
			g = math.FMA(x[i], o.WeightDecay, g)
		}
		o.squareAvg[i] = math.FMA(float64((1-o.Rho)*g), g, float64(o.squareAvg[i]*o.Rho))
		std := math.Sqrt(o.squareAvg[i] + o.Eps)
		delta := math.Sqrt(o.accDelta[i] + o.Eps)
		delta = delta / std
		delta = float64(delta * g)
		o.accDelta[i] = math.FMA(float64((1-o.Rho)*delta), delta, float64(o.accDelta[i]*o.Rho))
		x[i] = math.FMA(delta, -o.LR, x[i])
	}
}

// Reset forgets both running averages.
func (o *Adadelta) Reset() { o.reset() }
