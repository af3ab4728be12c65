// Package optim implements the optimizers of torch.optim with torch's
// defaults, validation and update order, on plain float64 vectors.
package optim

// Optimizer is one optimizer run's state: a method with its settings and the
// per-parameter buffers it keeps between steps (momentum, running averages).
type Optimizer interface {
	// Step updates x in place from the gradient at x, as torch's step() does.
	// grad is not modified.
	Step(x, grad []float64)
	// Reset forgets the accumulated state, as a freshly constructed optimizer.
	Reset()
}
