package optim

import "math"

// Explanation takes one optimizer step apart into the quantities a lecturer
// points at. It explains the step an optimizer takes from a point x with a
// gradient grad (see Explain): Step is the number of that step, t, counted as
// torch counts it (1 for the first step after construction or Reset).
//
// Vectors have len(x) values, one per coordinate. Derived numbers are computed
// from the same values as the step itself, in torch's formulas, so they equal
// what the update used up to the rounding of one division; Update and Next are
// exactly the step's own result.
//
// What EffectiveStep, Velocity and Update are, by method (g is Gradient;
// after the step: m = exp_avg, v = exp_avg_sq, or max_exp_avg_sq with
// amsgrad; Update up to rounding):
//
//	sgd       EffectiveStep lr
//	          Velocity      momentum_buffer (nil without momentum)
//	          Update        -lr*g; with momentum -lr*buf; Nesterov -lr*(g + momentum*buf)
//	adagrad   EffectiveStep clr/(sqrt(sum)+eps), clr = lr/(1+(t-1)*lr_decay)
//	          Update        -EffectiveStep*g
//	adadelta  EffectiveStep lr*sqrt(acc_delta before the step + eps)/sqrt(square_avg+eps)
//	          Update        -EffectiveStep*g
//	rmsprop   EffectiveStep lr/(sqrt(square_avg)+eps); centered: lr/(sqrt(square_avg-grad_avg^2)+eps)
//	          Velocity      momentum_buffer (nil without momentum)
//	          Update        -EffectiveStep*g; with momentum -lr*buf
//	adam(w)   EffectiveStep lr/(sqrt(v_hat)+eps), v_hat = v/bias_correction2
//	          Velocity      m_hat = m/bias_correction1
//	          Update        -EffectiveStep*m_hat
//	adamax    EffectiveStep lr/exp_inf
//	          Velocity      m_hat = m/bias_correction
//	          Update        -EffectiveStep*m_hat
//	nadam     EffectiveStep lr/(sqrt(v_hat)+eps), v_hat = v/bias_correction2
//	          Velocity      (1-mu)/(1-mu_product)*g + mu_next/(1-mu_product_next)*m
//	          Update        -EffectiveStep*Velocity
//	radam     EffectiveStep rect*lr/(sqrt(v_hat)+eps) when rho_t > 5, else lr
//	          Velocity      m_hat = m/bias_correction1
//	          Update        -EffectiveStep*m_hat
//	rprop     EffectiveStep step_size (after the step)
//	          Update        -sign(g)*step_size, 0 after a sign change
//
// Methods without momentum have a nil Velocity.
// Decoupled weight decay (AdamW, decoupled_weight_decay) adds
// -lr*weight_decay*x to Update, which the table leaves out.
type Explanation struct {
	// Step is t, the number of the step explained (the optimizer's steps so
	// far plus one): torch's state["step"] after it.
	Step int
	// LR is the learning rate the step applies: the lr setting, and for
	// Adagrad the decayed clr = lr/(1+(t-1)*lr_decay). Rprop's lr only sets
	// the step sizes of its first step.
	LR float64
	// Gradient is the gradient the update rule works with: grad, negated
	// with maximize, plus weight_decay*x for L2 weight decay (not decoupled).
	Gradient []float64
	// Scalars are the step's derived scalars, under the names of the local
	// variables of torch's implementation: bias_correction1 (1-beta1^t),
	// bias_correction2 (1-beta2^t) and step_size (lr/bias_correction1) for
	// Adam and RAdam; bias_correction (1-beta1^t) and clr
	// (lr/bias_correction) for Adamax; clr for Adagrad; mu, mu_next,
	// mu_product (after the step), mu_product_next and bias_correction2 for
	// NAdam; rho_inf, rho_t and rect (only when rho_t > 5) for RAdam.
	Scalars []Entry
	// EffectiveStep is the per-coordinate step size of the table above:
	// what multiplies the gradient (or its average) in the update.
	EffectiveStep []float64
	// Velocity is the method's momentum direction of the table above, in
	// gradient units; nil for a method or setting without momentum.
	Velocity []float64
	// Update is x after the step minus x before it.
	Update []float64
	// Next is x after the step, exactly as Step leaves it.
	Next []float64
}

// Scalar returns the derived scalar called name, and whether the step has one.
func (e *Explanation) Scalar(name string) (float64, bool) {
	for _, s := range e.Scalars {
		if s.Name == name {
			return s.Value(), true
		}
	}
	return 0, false
}

// Explain explains the step o takes from the point x with the gradient grad
// at x, without changing o, x or grad: it steps a Clone of o on a copy of x.
//
// To preview the next step of a run, pass its optimizer, its current point
// and the gradient there (the step shown is the one the run takes next, with
// an exact gradient). To explain the step a run has just taken, pass a Clone
// kept from before that step with that step's point and gradient. Explain
// panics if len(grad) != len(x), as Step does.
func Explain(o Optimizer, x, grad []float64) Explanation {
	c := o.Clone()
	next := append([]float64(nil), x...)
	c.Step(next, grad)
	n := len(x)
	e := Explanation{Next: next, Update: make([]float64, n), Gradient: make([]float64, n)}
	for i := range x {
		e.Update[i] = next[i] - x[i]
	}
	switch o := o.(type) {
	case *SGD:
		a := c.(*SGD)
		e.Step, e.LR = a.steps, o.LR
		effectiveGrad(e.Gradient, x, grad, o.Maximize, o.WeightDecay)
		e.EffectiveStep = filled(n, o.LR)
		if len(a.buf) > 0 && o.Momentum != 0 {
			e.Velocity = cloneFloats(a.buf)
		}
	case *Adagrad:
		a := c.(*Adagrad)
		e.Step = a.steps
		clr := o.LR / (1 + float64(float64(a.steps-1)*o.LRDecay))
		e.LR = clr
		effectiveGrad(e.Gradient, x, grad, o.Maximize, o.WeightDecay)
		e.Scalars = appendScalar(e.Scalars, "clr", clr)
		e.EffectiveStep = make([]float64, n)
		for i := range n {
			e.EffectiveStep[i] = clr / (math.Sqrt(a.sum[i]) + o.Eps)
		}
	case *Adadelta:
		a := c.(*Adadelta)
		e.Step, e.LR = a.steps, o.LR
		effectiveGrad(e.Gradient, x, grad, o.Maximize, o.WeightDecay)
		e.EffectiveStep = make([]float64, n)
		for i := range n {
			before := 0.0 // acc_delta before the step: zero at the first
			if o.steps > 0 {
				before = o.accDelta[i]
			}
			e.EffectiveStep[i] = o.LR * (math.Sqrt(before+o.Eps) / math.Sqrt(a.squareAvg[i]+o.Eps))
		}
	case *RMSprop:
		a := c.(*RMSprop)
		e.Step, e.LR = a.steps, o.LR
		effectiveGrad(e.Gradient, x, grad, o.Maximize, o.WeightDecay)
		e.EffectiveStep = make([]float64, n)
		for i := range n {
			var avg float64
			if o.Centered {
				avg = math.Sqrt(a.squareAvg[i] - float64(a.gradAvg[i]*a.gradAvg[i]))
			} else {
				avg = math.Sqrt(a.squareAvg[i])
			}
			e.EffectiveStep[i] = o.LR / (avg + o.Eps)
		}
		if o.Momentum > 0 {
			e.Velocity = cloneFloats(a.buf)
		}
	case *Adam:
		a := c.(*Adam)
		e.Step, e.LR = a.steps, o.LR
		wd := o.WeightDecay
		if o.Decoupled {
			wd = 0
		}
		effectiveGrad(e.Gradient, x, grad, o.Maximize, wd)
		bc1 := 1 - a.pow1.at(o.Beta1, a.steps)
		bc2 := 1 - a.pow2.at(o.Beta2, a.steps)
		e.Scalars = appendScalar(e.Scalars, "bias_correction1", bc1)
		e.Scalars = appendScalar(e.Scalars, "bias_correction2", bc2)
		e.Scalars = appendScalar(e.Scalars, "step_size", o.LR/bc1)
		v := a.expAvgSq
		if o.AMSGrad {
			v = a.maxExpAvgSq
		}
		sqrtBC2 := math.Sqrt(bc2)
		e.EffectiveStep = make([]float64, n)
		e.Velocity = make([]float64, n)
		for i := range n {
			e.EffectiveStep[i] = o.LR / (math.Sqrt(v[i])/sqrtBC2 + o.Eps)
			e.Velocity[i] = a.expAvg[i] / bc1
		}
	case *Adamax:
		a := c.(*Adamax)
		e.Step, e.LR = a.steps, o.LR
		effectiveGrad(e.Gradient, x, grad, o.Maximize, o.WeightDecay)
		bc := 1 - a.pow1.at(o.Beta1, a.steps)
		e.Scalars = appendScalar(e.Scalars, "bias_correction", bc)
		e.Scalars = appendScalar(e.Scalars, "clr", o.LR/bc)
		e.EffectiveStep = make([]float64, n)
		e.Velocity = make([]float64, n)
		for i := range n {
			e.EffectiveStep[i] = o.LR / a.expInf[i]
			e.Velocity[i] = a.expAvg[i] / bc
		}
	case *NAdam:
		a := c.(*NAdam)
		e.Step, e.LR = a.steps, o.LR
		wd := o.WeightDecay
		if o.Decoupled {
			wd = 0
		}
		effectiveGrad(e.Gradient, x, grad, o.Maximize, wd)
		step := float64(a.steps)
		mu := nadamMu(o.Beta1, step, o.MomentumDecay)
		if o.muStep == a.steps && o.beta1 == o.Beta1 && o.momentumDecay == o.MomentumDecay {
			mu = o.muNext // what Step used
		}
		muNext := a.muNext
		muProductNext := float64(a.muProduct * muNext)
		if o.LegacyMuProduct {
			muProductNext = float64(float64(a.muProduct*mu) * muNext)
		}
		bc2 := 1 - a.pow2.at(o.Beta2, a.steps)
		e.Scalars = appendScalar(e.Scalars, "bias_correction2", bc2)
		e.Scalars = appendScalar(e.Scalars, "mu", mu)
		e.Scalars = appendScalar(e.Scalars, "mu_next", muNext)
		e.Scalars = appendScalar(e.Scalars, "mu_product", a.muProduct)
		e.Scalars = appendScalar(e.Scalars, "mu_product_next", muProductNext)
		gradCoef := (1 - mu) / (1 - a.muProduct)
		avgCoef := muNext / (1 - muProductNext)
		e.EffectiveStep = make([]float64, n)
		e.Velocity = make([]float64, n)
		for i := range n {
			e.EffectiveStep[i] = o.LR / (math.Sqrt(a.expAvgSq[i]/bc2) + o.Eps)
			e.Velocity[i] = float64(gradCoef*e.Gradient[i]) + float64(avgCoef*a.expAvg[i])
		}
	case *RAdam:
		a := c.(*RAdam)
		e.Step, e.LR = a.steps, o.LR
		wd := o.WeightDecay
		if o.Decoupled {
			wd = 0
		}
		effectiveGrad(e.Gradient, x, grad, o.Maximize, wd)
		step := float64(a.steps)
		bc1 := 1 - a.pow1.at(o.Beta1, a.steps)
		b2Step := a.pow2.at(o.Beta2, a.steps)
		bc2 := 1 - b2Step
		rhoInf := 2/(1-o.Beta2) - 1
		rhoT := rhoInf - float64(float64(2*step)*b2Step)/bc2
		e.Scalars = appendScalar(e.Scalars, "bias_correction1", bc1)
		e.Scalars = appendScalar(e.Scalars, "bias_correction2", bc2)
		e.Scalars = appendScalar(e.Scalars, "step_size", o.LR/bc1)
		e.Scalars = appendScalar(e.Scalars, "rho_inf", rhoInf)
		e.Scalars = appendScalar(e.Scalars, "rho_t", rhoT)
		rect := 0.0
		if rhoT > 5 {
			rect = math.Sqrt(float64(float64((rhoT-4)*(rhoT-2))*rhoInf) / float64(float64((rhoInf-4)*(rhoInf-2))*rhoT))
			e.Scalars = appendScalar(e.Scalars, "rect", rect)
		}
		sqrtBC2 := math.Sqrt(bc2)
		e.EffectiveStep = make([]float64, n)
		e.Velocity = make([]float64, n)
		for i := range n {
			if rhoT > 5 {
				adaptive := float64((1 / (math.Sqrt(a.expAvgSq[i]) + o.Eps)) * sqrtBC2)
				e.EffectiveStep[i] = float64(o.LR*adaptive) * rect
			} else {
				e.EffectiveStep[i] = o.LR
			}
			e.Velocity[i] = a.expAvg[i] / bc1
		}
	case *Rprop:
		a := c.(*Rprop)
		e.Step, e.LR = a.steps, o.LR
		effectiveGrad(e.Gradient, x, grad, o.Maximize, 0)
		e.EffectiveStep = cloneFloats(a.stepSize)
	default:
		copy(e.Gradient, grad)
	}
	return e
}

// effectiveGrad writes the gradient an update rule works with into dst:
// grad, negated when maximizing, plus weightDecay*x (L2 decay), rounded as
// Step rounds it.
func effectiveGrad(dst, x, grad []float64, maximize bool, weightDecay float64) {
	for i := range dst {
		g := grad[i]
		if maximize {
			g = -g
		}
		if weightDecay != 0 {
			g = g + float64(weightDecay*x[i])
		}
		dst[i] = g
	}
}

// filled returns n copies of v.
func filled(n int, v float64) []float64 {
	out := make([]float64, n)
	for i := range out {
		out[i] = v
	}
	return out
}
