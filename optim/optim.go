// Package optim implements the optimizers of torch.optim (SGD, Adagrad,
// Adadelta, RMSprop, Adam, AdamW, Adamax, NAdam, RAdam, Rprop) on plain
// float64 vectors, with torch's defaults, validation and update order: each
// Step performs the arithmetic of torch's single-tensor (foreach=False)
// implementation operation by operation, so a run follows torch's float64
// trajectory to the last few bits.
//
// Optimizers are built from a Spec, usually parsed from text such as
// "adam:lr=0.1,amsgrad=true" (see ParseSpec), and described by a registry
// (Methods) that command-line parsers and settings panels read. The settings
// of each optimizer are exported fields; its state is unexported and is
// allocated at the first Step from the length of x, so one value works for
// 1-D and 2-D problems alike.
//
// State returns the optimizer's state in torch's names (optimizer.state[p]),
// Clone copies an optimizer for checkpoints, and Explain derives what a
// lecturer points at (bias corrections, per-coordinate step sizes, the
// velocity, the update) for one step.
//
// The optimizer never evaluates the function: the caller computes the
// gradient at x and hands it to Step. Settings are read at every Step, as
// torch reads its param_groups, so a settings panel may change them between
// steps (Adagrad's initial_accumulator_value and Rprop's lr only matter at the
// first step, as in torch). Build optimizers with New: the zero value of a
// struct is not torch's defaults.
//
// Learning-rate schedules are torch.optim.lr_scheduler's, written after the
// optimizer in a spec ("sgd:lr=0.1+cosineannealinglr:T_max=100"), described
// by a registry of their own (Schedulers) and run by a Schedule, which sets
// an optimizer's lr (and momentum or beta1) before each step.
//
// Which torch: the semantics are today's (torch 2.x: the keywords maximize
// and decoupled_weight_decay, and NAdam's mu_product_next = mu_1...mu_t *
// mu_{t+1}, fixed in torch 2.0; torch 1.13 counted mu_t twice). The rounding
// is torch 1.13's, which the golden trajectories in testdata come from and
// which this package reproduces to a few units in the 15th digit: running
// averages as beta*avg + (1-beta)*g, where torch 2.x writes lerp (a
// last-bit difference).
package optim

import "strconv"

// Optimizer is one optimizer run's state: a method with its settings and the
// per-parameter buffers it keeps between steps (momentum, running averages).
type Optimizer interface {
	// Step updates x in place from the gradient at x, as torch's step() does.
	// grad is not modified. The state is sized by len(x) at the first Step
	// after construction or Reset. Step panics if len(grad) != len(x), or if
	// len(x) changes between Resets: both are programming errors, not input.
	// Non-finite values never panic; they flow through as in torch.
	Step(x, grad []float64)
	// Reset forgets the accumulated state, as a freshly constructed optimizer.
	Reset()
	// State appends the state after the steps taken so far to dst[:0] and
	// returns it: torch's optimizer.state[p], entry by entry in torch's
	// names and order (see Entry). It is empty before the first step. The
	// values are copies; with dst from an earlier call (same optimizer) it
	// allocates nothing. Step itself does no extra work for it.
	State(dst []Entry) []Entry
	// Clone returns an independent deep copy: the same settings and state, so
	// that the copy and the original, given the same gradients, step to the
	// same bits. Use it for checkpoints.
	Clone() Optimizer
}

// Compile-time checks that every optimizer implements Optimizer.
var (
	_ Optimizer = (*SGD)(nil)
	_ Optimizer = (*Adagrad)(nil)
	_ Optimizer = (*Adadelta)(nil)
	_ Optimizer = (*RMSprop)(nil)
	_ Optimizer = (*Adam)(nil)
	_ Optimizer = (*Adamax)(nil)
	_ Optimizer = (*NAdam)(nil)
	_ Optimizer = (*RAdam)(nil)
	_ Optimizer = (*Rprop)(nil)
)

// state holds what every optimizer keeps besides its buffers: the number of
// steps taken since construction or Reset, and the vector length fixed by the
// first of them.
type state struct {
	steps int
	n     int
}

// begin checks the lengths of x and grad and reports whether this is the first
// step since construction or Reset, in which case the caller sizes its
// buffers. It counts the step.
func (s *state) begin(x, grad []float64) (first bool) {
	if len(grad) != len(x) {
		panic(lengthError("optim: Step: len(grad) = ", len(grad), ", len(x) = ", len(x)))
	}
	first = s.steps == 0
	if first {
		s.n = len(x)
	} else if len(x) != s.n {
		panic(lengthError("optim: Step: len(x) = ", len(x), ", but the state was sized for ", s.n))
	}
	s.steps++
	return first
}

// reset forgets the step count.
func (s *state) reset() { *s = state{} }

// lengthError formats a length mismatch for a panic message.
func lengthError(a string, m int, b string, n int) string {
	return a + strconv.Itoa(m) + b + strconv.Itoa(n)
}

// sized returns buf resized to n values, all equal to fill, reusing its
// storage when it is large enough.
func sized(buf []float64, n int, fill float64) []float64 {
	if cap(buf) < n {
		buf = make([]float64, n)
	}
	buf = buf[:n]
	for i := range buf {
		buf[i] = fill
	}
	return buf
}

// torchSign is torch.sign on CPU: 1, -1 or 0, and 0 for NaN (torch compares
// with zero rather than propagating NaN).
func torchSign(a float64) float64 {
	switch {
	case a > 0:
		return 1
	case a < 0:
		return -1
	}
	return 0
}
