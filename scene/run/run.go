// Package run steps one optimizer over one surface: the point, the loss, the
// trail of past iterates, stochastic gradients and divergence detection. It
// is the single code path behind `descent trace`, recordings and the window.
package run

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"

	"descent/optim"
	"descent/scene/surface"
)

// Bounds of a run's settings, checked wherever they enter (flags, scene
// files, the page's address, the control panel).
const (
	// MaxSteps is the most steps a run is asked to take (a trace's -steps, a
	// scene's steps). A trace writes about a million rows a second (up to
	// 74 bytes each), so 10^8 steps of one run take about two minutes and
	// 7 GB of CSV: more than anyone reads, less than a typo like 10^12.
	MaxSteps = 100_000_000
	// MaxBatch is the largest mini-batch: one gradient of a million points
	// takes 10 to 20 ms on one core (BenchmarkMaxBatchGradient). A run
	// keeps batchChunk indices; a larger batch's indices live for its step
	// only.
	MaxBatch = 1_000_000
)

// batchChunk is how many mini-batch indices a run keeps between steps.
const batchChunk = 256

// Stochastic describes how a run's gradients are perturbed, as in the
// stochastic gradient descent of lectures: mini-batches of a data surface's
// points and Gaussian noise on every gradient component. The zero value means
// exact, full-batch gradients.
type Stochastic struct {
	// Batch is the number of data points drawn (with replacement) for each
	// gradient; 0 means the full batch. Only data surfaces (those with a
	// Model) accept it.
	Batch int
	// Noise is the standard deviation of the Gaussian noise added to each
	// gradient component; 0 means none.
	Noise float64
	// Seed makes the draws reproducible: the same seed gives the same run.
	Seed uint64
}

// Validate reports whether the settings make sense for the surface.
func (s Stochastic) Validate(surf *surface.Surface) error {
	switch {
	case s.Batch < 0 || s.Batch > MaxBatch:
		return fmt.Errorf("run: invalid batch size: %d (must be 0..%d)", s.Batch, MaxBatch)
	case s.Batch > 0 && surf.Model == nil:
		return fmt.Errorf("run: -batch needs a data surface (ols, logistic, tanh-unit, mlp-slice or -data FILE), not %q", surf.Name)
	case math.IsNaN(s.Noise) || math.IsInf(s.Noise, 0) || s.Noise < 0:
		return fmt.Errorf("run: invalid noise: %v (must be a finite number >= 0)", s.Noise)
	}
	return nil
}

// String describes the settings briefly for labels, e.g. "batch 8, noise 0.1";
// it is empty for exact gradients.
func (s Stochastic) String() string {
	out := ""
	if s.Batch > 0 {
		out = fmt.Sprintf("batch %d", s.Batch)
	}
	if s.Noise > 0 {
		if out != "" {
			out += ", "
		}
		out += fmt.Sprintf("noise %g", s.Noise)
	}
	return out
}

// Run is one optimizer stepping over one surface from a start point.
type Run struct {
	// Surface is the loss being minimised.
	Surface *surface.Surface
	// Optimizer holds the method's settings and state.
	Optimizer optim.Optimizer
	// Start is the point the run starts from (and restarts from on Reset).
	Start []float64
	// Stochastic perturbs the gradients; the zero value gives exact ones.
	Stochastic Stochastic
	// Trail holds the most recent iterates, the newest last.
	Trail *Trail

	schedule *optim.Schedule // nil: the optimizer's own lr throughout
	point    []float64
	last     []float64 // the point before the step in progress
	grad     []float64
	loss     float64
	step     int
	diverged bool
	pcg      *rand.PCG // the state of rng, copied by Snapshot
	rng      *rand.Rand
	batch    []int
}

// ErrDiverged is reported by Step once the run has diverged.
var ErrDiverged = errors.New("run: diverged")

// ErrScheduleEnded (optim's) is reported by Step when the run's
// learning-rate schedule allows no further step (onecyclelr after
// total_steps steps, where torch raises); the run stays where it is.
var ErrScheduleEnded = optim.ErrScheduleEnded

// New returns a run of opt on surf from start, keeping the last trailLength
// iterates. The optimizer is reset.
func New(surf *surface.Surface, opt optim.Optimizer, start []float64, st Stochastic, trailLength int) (*Run, error) {
	if surf == nil || opt == nil {
		return nil, errors.New("run: a run needs a surface and an optimizer")
	}
	if len(start) != surf.Dim {
		return nil, fmt.Errorf("run: start point has %d coordinates, %s needs %d", len(start), surf.Name, surf.Dim)
	}
	for _, v := range start {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, fmt.Errorf("run: start point %v is not finite", start)
		}
	}
	if err := st.Validate(surf); err != nil {
		return nil, err
	}
	r := &Run{
		Surface:    surf,
		Optimizer:  opt,
		Start:      append([]float64(nil), start...),
		Stochastic: st,
		Trail:      NewTrail(trailLength),
		point:      make([]float64, surf.Dim),
		last:       make([]float64, surf.Dim),
		grad:       make([]float64, surf.Dim),
	}
	if st.Batch > 0 {
		r.batch = make([]int, min(st.Batch, batchChunk))
	}
	r.Reset()
	return r, nil
}

// SetSchedule gives the run a learning-rate schedule made for its optimizer
// by optim.NewSchedule (nil for none), and resets the run: before each
// step the schedule sets the optimizer's lr (and momentum or beta1 when it
// cycles them); after it the schedule steps, fed the loss of the point
// before the step (what ReduceLROnPlateau watches).
func (r *Run) SetSchedule(s *optim.Schedule) {
	r.schedule = s
	r.Reset()
}

// Schedule returns the run's learning-rate schedule, or nil. Its LR,
// Momentum and Steps describe the next step; a copy of the run (a time
// travel checkpoint) needs the schedule's Clone with the optimizer's.
func (r *Run) Schedule() *optim.Schedule { return r.schedule }

// Reset puts the run back at its start with a fresh optimizer state, the
// schedule restarted, and the random draws restarted from the seed.
func (r *Run) Reset() {
	r.Optimizer.Reset()
	if r.schedule != nil {
		r.schedule.Reset()
	}
	copy(r.point, r.Start)
	r.step = 0
	r.diverged = false
	r.pcg = rand.NewPCG(r.Stochastic.Seed, 0x9e3779b97f4a7c15)
	r.rng = rand.New(r.pcg)
	r.Trail.Clear()
	r.loss = r.Surface.Value(r.point)
	r.diverged = !finite(r.loss)
	r.Trail.Push(r.sample())
}

// Point returns the current point (do not modify it).
func (r *Run) Point() []float64 { return r.point }

// Loss returns the loss at the current point.
func (r *Run) Loss() float64 { return r.loss }

// Steps returns the number of steps taken.
func (r *Run) Steps() int { return r.step }

// LR returns the learning rate of the next step: the schedule's, or the
// optimizer's own setting without a schedule (0 for an optimizer from
// outside package optim).
func (r *Run) LR() float64 {
	if r.schedule != nil {
		return r.schedule.LR()
	}
	lr, _ := optim.LearningRate(r.Optimizer)
	return lr
}

// Ended reports whether the run can take no further step: it diverged, or
// its schedule has ended.
func (r *Run) Ended() bool {
	if r.diverged {
		return true
	}
	if r.schedule == nil {
		return false
	}
	n, limited := r.schedule.Limit()
	return limited && r.schedule.Steps() >= n
}

// Diverged reports whether the run has stopped because its point or loss
// stopped being finite; the run then stays at its last finite iterate.
func (r *Run) Diverged() bool { return r.diverged }

// DivergedAt returns the step whose result was not finite (Steps()+1), or 0.
func (r *Run) DivergedAt() int {
	if !r.diverged {
		return 0
	}
	return r.step + 1
}

func (r *Run) sample() Sample {
	s := Sample{Step: r.step, X: r.point[0], Loss: r.loss, LR: r.LR()}
	if len(r.point) > 1 {
		s.Y = r.point[1]
	}
	return s
}

// gradient writes into grad the gradient the optimizer sees at p: exact, or
// drawn from a mini-batch and perturbed by noise as the run's Stochastic
// settings say. It advances the run's random stream.
func (r *Run) gradient(p, grad []float64) {
	var y float64
	if len(p) > 1 {
		y = p[1]
	}
	if r.Stochastic.Batch > 0 {
		n := r.Surface.Model.Len()
		idx := r.batch
		if r.Stochastic.Batch > len(idx) {
			// A batch larger than the kept chunk is drawn whole, for this
			// step only: the index memory of a run stays small.
			idx = make([]int, r.Stochastic.Batch)
		}
		for i := range idx {
			idx[i] = r.rng.IntN(n)
		}
		_, dx, dy := r.Surface.Model.BatchGradient(p[0], y, idx)
		grad[0] = dx
		if len(grad) > 1 {
			grad[1] = dy
		}
	} else {
		r.Surface.Grad(p, grad)
	}
	if r.Stochastic.Noise > 0 {
		for i := range grad {
			grad[i] += r.Stochastic.Noise * r.rng.NormFloat64()
		}
	}
}

// Step advances the run by one optimizer step. It returns ErrDiverged when
// the run has diverged (now or before); the run then keeps its last finite
// iterate and further calls do nothing. It returns an error wrapping
// ErrScheduleEnded, and does nothing, when the schedule allows no further
// step.
func (r *Run) Step() error {
	if r.diverged {
		return ErrDiverged
	}
	if r.Ended() {
		return r.schedule.Step(r.loss) // the schedule's own error; nothing changes
	}
	if r.schedule != nil {
		r.schedule.Apply(r.Optimizer)
	}
	r.gradient(r.point, r.grad)
	prev := r.sample()
	prev.GradX = r.grad[0]
	if len(r.grad) > 1 {
		prev.GradY = r.grad[1]
	}
	prev.HasGrad = true
	r.Trail.setLast(prev)

	copy(r.last, r.point)
	r.Optimizer.Step(r.point, r.grad)
	loss := r.Surface.Value(r.point)
	if !finite(loss) || !allFinite(r.point) {
		copy(r.point, r.last)
		r.diverged = true
		return ErrDiverged
	}
	if r.schedule != nil {
		// Cannot fail: Ended said the schedule allows this step.
		_ = r.schedule.Step(r.loss)
	}
	r.loss = loss
	r.step++
	r.Trail.Push(r.sample())
	return nil
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

func allFinite(p []float64) bool {
	for _, v := range p {
		if !finite(v) {
			return false
		}
	}
	return true
}
