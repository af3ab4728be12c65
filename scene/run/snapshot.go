package run

import (
	"math/rand/v2"
	"slices"

	"descent/optim"
)

// Snapshot is a run's whole state after one of its steps: the point and
// its loss, the optimizer's state, the schedule's, and the random stream's.
// Restore puts a run back there, and the run then steps on to the same
// bits it computed the first time (time travel).
type Snapshot struct {
	opt      optim.Optimizer
	schedule *optim.Schedule
	point    []float64
	loss     float64
	step     int
	diverged bool
	rng      rand.PCG
}

// Step returns the number of steps the run had taken at the snapshot.
func (s Snapshot) Step() int { return s.step }

// Snapshot returns the run's state now. It copies everything (the
// optimizer through its Clone), so the run may step on without changing the
// snapshot.
func (r *Run) Snapshot() Snapshot {
	s := Snapshot{
		opt:      r.Optimizer.Clone(),
		point:    slices.Clone(r.point),
		loss:     r.loss,
		step:     r.step,
		diverged: r.diverged,
		rng:      *r.pcg,
	}
	if r.schedule != nil {
		s.schedule = r.schedule.Clone()
	}
	return s
}

// Restore puts the run back in the state of s, a snapshot of this run (or
// of one with the same surface, settings and start). The trail restarts
// with the snapshot's point; the snapshot stays usable for later restores.
func (r *Run) Restore(s Snapshot) {
	r.Optimizer = s.opt.Clone()
	if s.schedule != nil {
		r.schedule = s.schedule.Clone()
	}
	copy(r.point, s.point)
	r.loss, r.step, r.diverged = s.loss, s.step, s.diverged
	*r.pcg = s.rng
	r.Trail.Clear()
	r.Trail.Push(r.sample())
}

// Point returns the point the run was at (do not modify it).
func (s Snapshot) Point() []float64 { return s.point }

// NextOptimizer returns a copy of the optimizer as the run's next step
// uses it: its state at the snapshot, with the learning rate (and
// momentum) the schedule sets for that step. optim.Explain of it, at
// Point with the step's gradient, explains that step exactly.
func (s Snapshot) NextOptimizer() optim.Optimizer {
	o := s.opt.Clone()
	if s.schedule != nil {
		s.schedule.Clone().Apply(o)
	}
	return o
}

// NextGradient writes into grad (Dim numbers) the gradient the run's next
// step will use: exact, or the very mini-batch and noise it will draw. The
// run is left as it was (its random stream included).
func (r *Run) NextGradient(grad []float64) {
	saved := *r.pcg
	r.gradient(r.point, grad)
	*r.pcg = saved
}
