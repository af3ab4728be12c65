package optim

import "math"

// RAdam is Adam with a rectified adaptive learning rate: while the variance
// estimate is unreliable (rho_t <= 5) it takes plain momentum steps, as
// torch.optim.RAdam.
type RAdam struct {
	LR          float64 // learning rate
	Beta1       float64 // decay of the running average of gradients
	Beta2       float64 // decay of the running average of squared gradients
	Eps         float64 // added to the denominator
	WeightDecay float64 // L2 penalty (added to the gradient, or decoupled)
	Decoupled   bool    // decoupled weight decay: x *= 1 - lr*weight_decay
	Maximize    bool    // ascend instead of descend

	state
	pow1, pow2 power     // beta1^t and beta2^t
	expAvg     []float64 // running average of gradients
	expAvgSq   []float64 // running average of squared gradients
}

// Step performs one RAdam update of x.
func (o *RAdam) Step(x, grad []float64) {
	if o.begin(x, grad) {
		o.expAvg = sized(o.expAvg, len(x), 0)
		o.expAvgSq = sized(o.expAvgSq, len(x), 0)
	}
	step := float64(o.steps)
	b1, b2 := o.Beta1, o.Beta2
	biasCorrection1 := o.pow1.oneMinus(b1, o.steps)
	b2Step := o.pow2.at(b2, o.steps)
	biasCorrection2 := 1 - b2Step
	// The length of the approximated simple moving average, and its limit.
	rhoInf := 2/(1-b2) - 1
	rhoT := rhoInf - float64(float64(2*step)*b2Step)/biasCorrection2
	rect := 0.0
	if rhoT > 5 {
		rect = math.Sqrt(float64(float64((rhoT-4)*(rhoT-2))*rhoInf) / float64(float64((rhoInf-4)*(rhoInf-2))*rhoT))
	}
	sqrtBC2 := math.Sqrt(biasCorrection2)
	shrink := 1 - float64(o.LR*o.WeightDecay)
	for i := range x {
		g := grad[i]
		if o.Maximize {
			g = -g
		}
		if o.WeightDecay != 0 {
			if o.Decoupled {
				x[i] = float64(x[i] * shrink)
			} else {
				g = math.FMA(x[i], o.WeightDecay, g)
			}
		}
		o.expAvg[i] = math.FMA(g, 1-b1, float64(o.expAvg[i]*b1))
		o.expAvgSq[i] = math.FMA(float64((1-b2)*g), g, float64(o.expAvgSq[i]*b2))
		corrected := o.expAvg[i] / biasCorrection1
		if rhoT > 5 {
			// torch computes float/tensor as reciprocal(tensor)*float.
			adaptive := float64((1 / (math.Sqrt(o.expAvgSq[i]) + o.Eps)) * sqrtBC2)
			x[i] = x[i] - float64(float64(float64(corrected*o.LR)*adaptive)*rect)
		} else {
			x[i] = x[i] - float64(corrected*o.LR)
		}
	}
}

// Reset forgets the running averages and the step count.
func (o *RAdam) Reset() { o.reset() }
