package optim

// Entry is one item of an optimizer's state as torch keeps it in
// optimizer.state[p]: a per-parameter tensor (one value per coordinate of x)
// or a scalar. Name is torch's key: momentum_buffer, sum, square_avg,
// acc_delta, grad_avg, exp_avg, exp_avg_sq, max_exp_avg_sq, exp_inf, prev,
// step_size (tensors); step, mu_product (scalars).
type Entry struct {
	Name string
	// Values holds len(x) numbers for a tensor and one for a scalar. State
	// copies them: they do not change when the optimizer steps again.
	Values []float64
	// Scalar marks a scalar entry (torch stores a number or a 0-d tensor).
	Scalar bool
}

// Value returns the entry's single value (for a scalar), or its first one.
func (e Entry) Value() float64 {
	if len(e.Values) == 0 {
		return 0
	}
	return e.Values[0]
}

// Key names one state entry without its values.
type Key struct {
	Name   string
	Scalar bool
}

// The state entries, per method, in torch's insertion order (the order of
// optimizer.state[p] in torch 1.13 and 2.x, single-tensor implementation):
//
//	sgd       momentum_buffer (only with momentum != 0; from the first step with momentum)
//	adagrad   step, sum
//	adadelta  step, square_avg, acc_delta
//	rmsprop   step, square_avg, momentum_buffer (momentum > 0), grad_avg (centered)
//	adam(w)   step, exp_avg, exp_avg_sq, max_exp_avg_sq (amsgrad)
//	adamax    step, exp_avg, exp_inf
//	nadam     step, mu_product, exp_avg, exp_avg_sq
//	radam     step, exp_avg, exp_avg_sq
//	rprop     step, prev, step_size
//
// Before the first step (after construction or Reset) the state is empty, as
// torch's is. step counts the steps taken (k after k steps). A buffer switched
// on mid-run (momentum, centered, amsgrad set between steps) appears from the
// step that first uses it, and one switched off keeps its last value, as in
// torch.

// StateKeys returns the entries an optimizer with o's current settings holds
// after a step, in torch's order, for a parameter vector of length n. It
// steps a clone once from zero, so it always agrees with State; o itself is
// not changed.
func StateKeys(o Optimizer, n int) []Key {
	c := o.Clone()
	c.Reset()
	x, g := make([]float64, n), make([]float64, n)
	c.Step(x, g)
	entries := c.State(nil)
	keys := make([]Key, len(entries))
	for i, e := range entries {
		keys[i] = Key{Name: e.Name, Scalar: e.Scalar}
	}
	return keys
}

// appendTensor appends the entry name with a copy of v to dst, reusing the
// storage of an entry already allocated past len(dst).
func appendTensor(dst []Entry, name string, v []float64) []Entry {
	dst, e := grow(dst)
	e.Name, e.Scalar = name, false
	e.Values = append(e.Values[:0], v...)
	return dst
}

// appendScalar appends the scalar entry name = v to dst.
func appendScalar(dst []Entry, name string, v float64) []Entry {
	dst, e := grow(dst)
	e.Name, e.Scalar = name, true
	e.Values = append(e.Values[:0], v)
	return dst
}

// appendStep appends torch's step count.
func appendStep(dst []Entry, steps int) []Entry {
	return appendScalar(dst, "step", float64(steps))
}

// grow extends dst by one entry, keeping the Values storage of an entry that
// lies within its capacity, and returns the new entry.
func grow(dst []Entry) ([]Entry, *Entry) {
	n := len(dst)
	if n < cap(dst) {
		dst = dst[:n+1]
	} else {
		dst = append(dst, Entry{})
	}
	return dst, &dst[n]
}

// cloneFloats returns a copy of v (nil for nil), with the same length.
func cloneFloats(v []float64) []float64 {
	if v == nil {
		return nil
	}
	return append(make([]float64, 0, len(v)), v...)
}

// State implementations: each returns dst[:0] plus its entries; an
// optimizer that has not stepped since construction or Reset has none.

// State appends SGD's state to dst[:0]: momentum_buffer once momentum has
// been used.
func (o *SGD) State(dst []Entry) []Entry {
	dst = dst[:0]
	if o.steps == 0 || len(o.buf) == 0 {
		return dst
	}
	return appendTensor(dst, "momentum_buffer", o.buf)
}

// State appends Adagrad's state to dst[:0]: step, sum.
func (o *Adagrad) State(dst []Entry) []Entry {
	dst = dst[:0]
	if o.steps == 0 {
		return dst
	}
	dst = appendStep(dst, o.steps)
	return appendTensor(dst, "sum", o.sum)
}

// State appends Adadelta's state to dst[:0]: step, square_avg, acc_delta.
func (o *Adadelta) State(dst []Entry) []Entry {
	dst = dst[:0]
	if o.steps == 0 {
		return dst
	}
	dst = appendStep(dst, o.steps)
	dst = appendTensor(dst, "square_avg", o.squareAvg)
	return appendTensor(dst, "acc_delta", o.accDelta)
}

// State appends RMSprop's state to dst[:0]: step, square_avg,
// momentum_buffer (with momentum), grad_avg (centered).
func (o *RMSprop) State(dst []Entry) []Entry {
	dst = dst[:0]
	if o.steps == 0 {
		return dst
	}
	dst = appendStep(dst, o.steps)
	dst = appendTensor(dst, "square_avg", o.squareAvg)
	if len(o.buf) > 0 {
		dst = appendTensor(dst, "momentum_buffer", o.buf)
	}
	if len(o.gradAvg) > 0 {
		dst = appendTensor(dst, "grad_avg", o.gradAvg)
	}
	return dst
}

// State appends Adam's (and AdamW's) state to dst[:0]: step, exp_avg,
// exp_avg_sq, max_exp_avg_sq (amsgrad).
func (o *Adam) State(dst []Entry) []Entry {
	dst = dst[:0]
	if o.steps == 0 {
		return dst
	}
	dst = appendStep(dst, o.steps)
	dst = appendTensor(dst, "exp_avg", o.expAvg)
	dst = appendTensor(dst, "exp_avg_sq", o.expAvgSq)
	if len(o.maxExpAvgSq) > 0 {
		dst = appendTensor(dst, "max_exp_avg_sq", o.maxExpAvgSq)
	}
	return dst
}

// State appends Adamax's state to dst[:0]: step, exp_avg, exp_inf.
func (o *Adamax) State(dst []Entry) []Entry {
	dst = dst[:0]
	if o.steps == 0 {
		return dst
	}
	dst = appendStep(dst, o.steps)
	dst = appendTensor(dst, "exp_avg", o.expAvg)
	return appendTensor(dst, "exp_inf", o.expInf)
}

// State appends NAdam's state to dst[:0]: step, mu_product, exp_avg,
// exp_avg_sq.
func (o *NAdam) State(dst []Entry) []Entry {
	dst = dst[:0]
	if o.steps == 0 {
		return dst
	}
	dst = appendStep(dst, o.steps)
	dst = appendScalar(dst, "mu_product", o.muProduct)
	dst = appendTensor(dst, "exp_avg", o.expAvg)
	return appendTensor(dst, "exp_avg_sq", o.expAvgSq)
}

// State appends RAdam's state to dst[:0]: step, exp_avg, exp_avg_sq.
func (o *RAdam) State(dst []Entry) []Entry {
	dst = dst[:0]
	if o.steps == 0 {
		return dst
	}
	dst = appendStep(dst, o.steps)
	dst = appendTensor(dst, "exp_avg", o.expAvg)
	return appendTensor(dst, "exp_avg_sq", o.expAvgSq)
}

// State appends Rprop's state to dst[:0]: step, prev, step_size.
func (o *Rprop) State(dst []Entry) []Entry {
	dst = dst[:0]
	if o.steps == 0 {
		return dst
	}
	dst = appendStep(dst, o.steps)
	dst = appendTensor(dst, "prev", o.prev)
	return appendTensor(dst, "step_size", o.stepSize)
}

// Clone implementations: a value copy of the settings and scalars, and fresh
// copies of the buffers.

// Clone returns an independent copy of o: settings and state.
func (o *SGD) Clone() Optimizer {
	c := *o
	c.buf = cloneFloats(o.buf)
	return &c
}

// Clone returns an independent copy of o: settings and state.
func (o *Adagrad) Clone() Optimizer {
	c := *o
	c.sum = cloneFloats(o.sum)
	return &c
}

// Clone returns an independent copy of o: settings and state.
func (o *Adadelta) Clone() Optimizer {
	c := *o
	c.squareAvg = cloneFloats(o.squareAvg)
	c.accDelta = cloneFloats(o.accDelta)
	return &c
}

// Clone returns an independent copy of o: settings and state.
func (o *RMSprop) Clone() Optimizer {
	c := *o
	c.squareAvg = cloneFloats(o.squareAvg)
	c.gradAvg = cloneFloats(o.gradAvg)
	c.buf = cloneFloats(o.buf)
	return &c
}

// Clone returns an independent copy of o: settings and state.
func (o *Adam) Clone() Optimizer {
	c := *o
	c.expAvg = cloneFloats(o.expAvg)
	c.expAvgSq = cloneFloats(o.expAvgSq)
	c.maxExpAvgSq = cloneFloats(o.maxExpAvgSq)
	return &c
}

// Clone returns an independent copy of o: settings and state.
func (o *Adamax) Clone() Optimizer {
	c := *o
	c.expAvg = cloneFloats(o.expAvg)
	c.expInf = cloneFloats(o.expInf)
	return &c
}

// Clone returns an independent copy of o: settings and state.
func (o *NAdam) Clone() Optimizer {
	c := *o
	c.expAvg = cloneFloats(o.expAvg)
	c.expAvgSq = cloneFloats(o.expAvgSq)
	return &c
}

// Clone returns an independent copy of o: settings and state.
func (o *RAdam) Clone() Optimizer {
	c := *o
	c.expAvg = cloneFloats(o.expAvg)
	c.expAvgSq = cloneFloats(o.expAvgSq)
	return &c
}

// Clone returns an independent copy of o: settings and state.
func (o *Rprop) Clone() Optimizer {
	c := *o
	c.prev = cloneFloats(o.prev)
	c.stepSize = cloneFloats(o.stepSize)
	return &c
}
