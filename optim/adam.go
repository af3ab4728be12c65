package optim

import "math"

// Adam keeps bias-corrected running averages of the gradient and its square,
// as torch.optim.Adam; with Decoupled set it is torch.optim.AdamW (weight
// decay shrinks x directly instead of joining the gradient).
type Adam struct {
	LR          float64 // learning rate
	Beta1       float64 // decay of the running average of gradients
	Beta2       float64 // decay of the running average of squared gradients
	Eps         float64 // added to the denominator
	WeightDecay float64 // L2 penalty (added to the gradient, or decoupled)
	AMSGrad     bool    // divide by the maximum of the squared-gradient averages so far
	Maximize    bool    // ascend instead of descend
	Decoupled   bool    // decoupled weight decay: x *= 1 - lr*weight_decay (AdamW)

	state
	pow1, pow2  power     // beta1^t and beta2^t
	expAvg      []float64 // running average of gradients
	expAvgSq    []float64 // running average of squared gradients
	maxExpAvgSq []float64 // largest expAvgSq so far (AMSGrad)
}

// Step performs one Adam (or AdamW) update of x.
func (o *Adam) Step(x, grad []float64) {
	if o.begin(x, grad) {
		o.expAvg = sized(o.expAvg, len(x), 0)
		o.expAvgSq = sized(o.expAvgSq, len(x), 0)
		o.maxExpAvgSq = o.maxExpAvgSq[:0]
	}
	if o.AMSGrad && len(o.maxExpAvgSq) == 0 {
		// At the first step, or when AMSGrad is switched on mid-run.
		o.maxExpAvgSq = sized(o.maxExpAvgSq, len(x), 0)
	}
	b1, b2 := o.Beta1, o.Beta2
	biasCorrection1 := o.pow1.oneMinus(b1, o.steps)
	biasCorrection2 := o.pow2.oneMinus(b2, o.steps)
	stepSize := o.LR / biasCorrection1
	biasCorrection2Sqrt := math.Sqrt(biasCorrection2)
	if !o.Maximize && o.WeightDecay == 0 && !o.AMSGrad {
		// The common case in a loop of its own (adamfast.go), four
		// coordinates at a time where the CPU can: the same operations,
		// rounded the same. Swarms and basins maps step many at once.
		k := adamConsts{b1: b1, c1: 1 - b1, b2: b2, c2: 1 - b2, bc2Sqrt: biasCorrection2Sqrt, eps: o.Eps, negStep: -stepSize}
		adamPlain(x, grad, o.expAvg, o.expAvgSq, &k)
		return
	}
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
		v := o.expAvgSq[i]
		if o.AMSGrad {
			o.maxExpAvgSq[i] = max(o.maxExpAvgSq[i], v)
			v = o.maxExpAvgSq[i]
		}
		denom := math.Sqrt(v)/biasCorrection2Sqrt + o.Eps
		x[i] = x[i] + float64(-stepSize*o.expAvg[i])/denom
	}
}

// Reset forgets the running averages and the step count.
func (o *Adam) Reset() { o.reset() }
