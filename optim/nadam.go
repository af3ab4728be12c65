package optim

import "math"

// NAdam is Adam with Nesterov momentum and a momentum schedule
// mu_t = beta1*(1 - 0.5*0.96^(t*momentum_decay)), as torch.optim.NAdam.
type NAdam struct {
	LR            float64 // learning rate
	Beta1         float64 // decay of the running average of gradients
	Beta2         float64 // decay of the running average of squared gradients
	Eps           float64 // added to the denominator
	WeightDecay   float64 // L2 penalty (added to the gradient, or decoupled)
	MomentumDecay float64 // momentum_decay of the mu schedule
	Decoupled     bool    // decoupled weight decay: x *= 1 - lr*weight_decay
	Maximize      bool    // ascend instead of descend

	// LegacyMuProduct reproduces torch < 2.0 (spec key legacy_mu_product),
	// whose single-tensor NAdam counted mu_t twice in mu_product_next (fixed
	// by pytorch/pytorch#92699), so trajectories made with torch 1.13 can be
	// reproduced too. Off by default: current torch.
	LegacyMuProduct bool

	state
	pow2      power   // beta2^t
	muProduct float64 // product of mu_1 .. mu_t
	// muNext is the last step's mu_{t+1}, for the settings beta1 and
	// momentumDecay at step t: this step's mu_t, unless a setting moved.
	muNext, beta1, momentumDecay float64
	muStep                       int
	expAvg                       []float64 // running average of gradients
	expAvgSq                     []float64 // running average of squared gradients
}

// Step performs one NAdam update of x.
func (o *NAdam) Step(x, grad []float64) {
	if o.begin(x, grad) {
		o.expAvg = sized(o.expAvg, len(x), 0)
		o.expAvgSq = sized(o.expAvgSq, len(x), 0)
		o.muProduct = 1
	}
	step := float64(o.steps)
	b1, b2 := o.Beta1, o.Beta2
	biasCorrection2 := o.pow2.oneMinus(b2, o.steps)
	var mu float64
	if o.muStep == o.steps && o.beta1 == b1 && o.momentumDecay == o.MomentumDecay {
		mu = o.muNext // (t-1)+1 == t exactly, so this is the same number
	} else {
		mu = nadamMu(b1, step, o.MomentumDecay)
	}
	muNext := nadamMu(b1, step+1, o.MomentumDecay)
	o.muNext, o.beta1, o.momentumDecay, o.muStep = muNext, b1, o.MomentumDecay, o.steps+1
	o.muProduct = float64(o.muProduct * mu)
	muProductNext := float64(o.muProduct * muNext)
	if o.LegacyMuProduct {
		muProductNext = float64(float64(o.muProduct*mu) * muNext)
	}
	gradCoef := float64(-o.LR*(1-mu)) / (1 - o.muProduct)
	avgCoef := float64(-o.LR*muNext) / (1 - muProductNext)
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
		denom := math.Sqrt(o.expAvgSq[i]/biasCorrection2) + o.Eps
		x[i] = x[i] + float64(gradCoef*g)/denom
		x[i] = x[i] + float64(avgCoef*o.expAvg[i])/denom
	}
}

// Reset forgets the running averages, the momentum product and the step count.
func (o *NAdam) Reset() { o.reset() }

// nadamMu is NAdam's momentum schedule beta1*(1 - 0.5*0.96^(t*momentum_decay)).
func nadamMu(beta1, t, momentumDecay float64) float64 {
	return float64(beta1 * (1 - float64(0.5*math.Pow(0.96, float64(t*momentumDecay)))))
}
