package basins

import (
	"fmt"
	"math"
	"math/rand/v2"

	"descent/optim"
)

// Swarm is many runs of one problem stepped together: particles that share
// the optimizer's settings and step count, each with its own start, point,
// optimizer state and (for stochastic problems) random stream. It is the
// kernel of Compute and what the window's swarms draw.
//
// The points live in one flat structure-of-arrays vector, all x coordinates
// and then all y coordinates, and a single optimizer steps that whole vector.
// Because every torch.optim update acts on each coordinate alone, with
// scalars that depend only on the step count, this is, bit for bit, what one
// optimizer per particle would do (and what `descent trace` does): particle
// i's point after k steps equals run.Run's after k steps from the same start
// with the seed StartSeed(seed, i).
//
// A particle whose point or loss stops being finite is diverged: it stays at
// its last finite point, as run.Run does, and its coordinates in the
// optimizer's vector are fed NaN gradients, which cost nothing extra and keep
// its state from decaying into slow subnormal numbers.
//
// A Swarm is not safe for concurrent use; separate swarms are (the window
// may step its runs' swarms on separate goroutines).
type Swarm struct {
	p     Problem
	n     int
	k0    int       // seed index of particle 0
	start []float64 // 2n: x then y
	pos   []float64 // 2n: current points (last finite point when diverged)
	grad  []float64 // 2n: the gradient the next step uses
	prev  []float64 // 2n: the points before the step in progress
	opt   optim.Optimizer
	step  int

	// Per particle:
	near  []int16 // minimum within tolerance now, None, or Diverged
	since []int32 // step since which near holds (the divergence step if diverged)
	// tx, ty are the position of the minimum near names (+Inf for None,
	// NaN for Diverged): the common case, a particle still at its minimum,
	// is then one test without a look-up.
	tx, ty []float64
	// budget is, for a particle near no minimum, how far (in |dx|+|dy|
	// steps) it may still move before it could be within tolerance of one:
	// until then check needs no search. It is 0 otherwise.
	budget []float64
	rngs   []*rand.Rand

	// Minima and tolerance, for the inner loop.
	mins  []point
	tol2  float64
	exact bool      // gradients come from Surface.Gradient (no mini-batches)
	fs    []float64 // scratch: the loss at each new point
	batch []int     // scratch for mini-batch indices
}

// NewSwarm returns a swarm of p with one particle per start (xs[i], ys[i]),
// particle i drawing from seed StartSeed(p.Stochastic.Seed, i). p is
// validated first (p.Steps is not used by a swarm, which steps as long as it
// is told to).
func NewSwarm(p Problem, xs, ys []float64) (*Swarm, error) {
	if len(xs) != len(ys) {
		return nil, fmt.Errorf("basins: %d x coordinates but %d y coordinates", len(xs), len(ys))
	}
	for i := range xs {
		if !finite(xs[i]) || !finite(ys[i]) {
			return nil, fmt.Errorf("basins: start %d (%v, %v) is not finite", i, xs[i], ys[i])
		}
	}
	p.Steps = 0
	if err := p.Validate(); err != nil {
		return nil, err
	}
	return newSwarm(&p, xs, ys, 0), nil
}

// newSwarm builds a swarm of a validated problem whose particle i draws
// from seed StartSeed(seed, k0+i).
func newSwarm(p *Problem, xs, ys []float64, k0 int) *Swarm {
	n := len(xs)
	opt, _ := optim.New(p.Spec) // validated
	s := &Swarm{
		p: *p, n: n, k0: k0, opt: opt,
		start:  make([]float64, 2*n),
		pos:    make([]float64, 2*n),
		grad:   make([]float64, 2*n),
		prev:   make([]float64, 2*n),
		near:   make([]int16, n),
		since:  make([]int32, n),
		tx:     make([]float64, n),
		ty:     make([]float64, n),
		budget: make([]float64, n),
		fs:     make([]float64, n),
		tol2:   p.Tol * p.Tol,
		exact:  p.Stochastic.Batch == 0,
	}
	copy(s.start[:n], xs)
	copy(s.start[n:], ys)
	for _, m := range p.Surface.Minima {
		s.mins = append(s.mins, point{m.X, m.Y})
	}
	if p.Stochastic.Batch > 0 || p.Stochastic.Noise > 0 {
		s.rngs = make([]*rand.Rand, n)
		s.batch = make([]int, p.Stochastic.Batch)
	}
	s.Reset()
	return s
}

// restart gives the swarm new starts (as many as it has particles), the
// first drawing from seed StartSeed(seed, k0), and resets it: a worker of
// Compute reuses one swarm's memory for row after row.
func (s *Swarm) restart(xs, ys []float64, k0 int) {
	copy(s.start[:s.n], xs)
	copy(s.start[s.n:], ys)
	s.k0 = k0
	s.Reset()
}

// Reset puts every particle back at its start with fresh optimizer state
// and random streams.
func (s *Swarm) Reset() {
	n := s.n
	s.opt.Reset()
	s.step = 0
	copy(s.pos, s.start)
	for i := range s.rngs {
		s.rngs[i] = rand.New(rand.NewPCG(StartSeed(s.p.Stochastic.Seed, s.k0+i), 0x9e3779b97f4a7c15))
	}
	surf := s.p.Surface
	for i := range n {
		x, y := s.pos[i], s.pos[n+i]
		var f float64
		if s.exact {
			f, s.grad[i], s.grad[n+i] = surf.Gradient(x, y)
		} else {
			f = surf.Eval(x, y)
		}
		s.near[i] = None
		if !finite(f) {
			// run.Run: a start whose loss is not finite has diverged, at
			// step 1 as trace counts.
			s.kill(i, 0)
			continue
		}
		s.track(i, x, y, 0)
	}
}

// kill marks particle i diverged in the step after step k.
func (s *Swarm) kill(i, k int) {
	s.near[i] = Diverged
	s.tx[i], s.ty[i], s.budget[i] = math.NaN(), math.NaN(), math.NaN()
	s.since[i] = int32(k + 1)
	s.grad[i], s.grad[s.n+i] = math.NaN(), math.NaN()
}

// point is a minimum's position.
type point struct{ x, y float64 }

// track sets particle i's nearby minimum at (x, y) after step k: the one
// within tolerance, if any (the minima are too far apart for two).
func (s *Swarm) track(i int, x, y float64, k int) {
	s.near[i] = None
	s.tx[i], s.ty[i] = math.Inf(1), math.Inf(1)
	nearest := math.Inf(1)
	for m, mn := range s.mins {
		d2 := (x-mn.x)*(x-mn.x) + (y-mn.y)*(y-mn.y)
		if d2 <= s.tol2 {
			s.near[i], s.since[i] = int16(m), int32(k)
			s.tx[i], s.ty[i] = mn.x, mn.y
			s.budget[i] = 0
			return
		}
		nearest = min(nearest, d2)
	}
	// To come within tolerance of a minimum, the point must move at least
	// its distance to the nearest one less the tolerance (as the crow
	// flies, so at least as far in |dx|+|dy|); a thousandth of it and a
	// billionth of the tolerance are kept back for rounding, so that a
	// point just outside a ball is searched again at its next move.
	s.budget[i] = budgetShare*(math.Sqrt(nearest)-s.p.Tol) - 1e-9*s.p.Tol
}

// budgetShare is the part of a particle's distance from the tolerance
// balls that check lets it move without a search.
const budgetShare = 0.999

// Step moves every particle that has not diverged by one optimizer step.
func (s *Swarm) Step() {
	if s.rngs != nil {
		s.perturb()
	}
	copy(s.prev, s.pos)
	s.opt.Step(s.pos, s.grad)
	s.step++
	if s.exact {
		s.evalExact()
	} else {
		s.evalLoss()
	}
}

// evalExact checks every particle's new point, as run.Run does after a
// step, with one call that also gives the gradient of the next step: a
// particle whose point or loss is not finite goes back to its last point
// and is diverged. It then tracks the minimum each particle is near.
func (s *Swarm) evalExact() {
	n := s.n
	xs, ys := s.pos[:n], s.pos[n:2*n]
	gx, gy := s.grad[:n], s.grad[n:2*n]
	fs := s.fs[:n]
	if batch := s.p.Surface.GradientBatch; batch != nil {
		batch(xs, ys, fs, gx, gy)
	} else {
		grad := s.p.Surface.Gradient
		for i := range fs {
			fs[i], gx[i], gy[i] = grad(xs[i], ys[i])
		}
	}
	s.check(fs)
}

// check goes over the particles after a step, given the loss at each new
// point: a diverged particle goes back to its last finite point (with NaN
// gradients), one that has just diverged too, and the others are tracked.
func (s *Swarm) check(fs []float64) {
	n, k, tol2 := s.n, s.step, s.tol2
	xs, ys := s.pos[:n], s.pos[n:2*n]
	px, py := s.prev[:n], s.prev[n:2*n]
	fs, tx, ty, budget := fs[:n], s.tx[:n], s.ty[:n], s.budget[:n]
	for i := range xs {
		x, y, f := xs[i], ys[i], fs[i]
		// Within tolerance of its minimum, x and y are finite; a finite f
		// minus itself is 0 (an infinity or NaN gives NaN).
		if dx, dy := x-tx[i], y-ty[i]; dx*dx+dy*dy <= tol2 && f-f == 0 {
			continue
		}
		// Near no minimum, and too far from every one to have reached it.
		if b := budget[i] - (math.Abs(x-px[i]) + math.Abs(y-py[i])); b > 0 && (f-f)+(x-x)+(y-y) == 0 {
			budget[i] = b
			continue
		}
		s.recheck(i, x, y, f, k)
	}
}

// recheck handles particle i at (x, y) with loss f after step k when it is
// not simply still at its minimum: a diverged particle goes back to its
// last finite point, one whose point or loss is not finite diverges, and
// the others are near the minimum within tolerance, if any.
func (s *Swarm) recheck(i int, x, y, f float64, k int) {
	n := s.n
	if s.near[i] == Diverged {
		s.pos[i], s.pos[n+i] = s.prev[i], s.prev[n+i]
		s.grad[i], s.grad[n+i] = math.NaN(), math.NaN()
		return
	}
	if (f-f)+(x-x)+(y-y) != 0 {
		s.pos[i], s.pos[n+i] = s.prev[i], s.prev[n+i]
		s.kill(i, k-1)
		return
	}
	s.track(i, x, y, k)
}

// evalLoss is evalExact for mini-batch gradients, which perturb draws at
// each step: only the loss is evaluated here.
func (s *Swarm) evalLoss() {
	n := s.n
	xs, ys := s.pos[:n], s.pos[n:2*n]
	fs := s.fs[:n]
	eval := s.p.Surface.Eval
	for i := range fs {
		fs[i] = eval(xs[i], ys[i])
	}
	s.check(fs)
}

// perturb draws the random part of every live particle's gradient for the
// coming step, in run.Run's order: the mini-batch's indices, then the noise
// on x, then on y.
func (s *Swarm) perturb() {
	n := s.n
	st := s.p.Stochastic
	data := s.p.Surface.Data
	for i, r := range s.rngs {
		if s.near[i] == Diverged {
			continue
		}
		if st.Batch > 0 {
			m := data.Len()
			for j := range s.batch {
				s.batch[j] = r.IntN(m)
			}
			_, s.grad[i], s.grad[n+i] = data.BatchGradient(s.pos[i], s.pos[n+i], s.batch)
		}
		if st.Noise > 0 {
			s.grad[i] += st.Noise * r.NormFloat64()
			s.grad[n+i] += st.Noise * r.NormFloat64()
		}
	}
}

// Problem returns the swarm's problem as validated: its domain and
// tolerance filled in.
func (s *Swarm) Problem() Problem { return s.p }

// Len returns the number of particles.
func (s *Swarm) Len() int { return s.n }

// Steps returns the number of steps taken since the last Reset.
func (s *Swarm) Steps() int { return s.step }

// Points returns the particles' current x and y coordinates (a diverged
// particle's last finite point). The slices are the swarm's own: read them,
// do not keep them across Step or Reset.
func (s *Swarm) Points() (xs, ys []float64) { return s.pos[:s.n], s.pos[s.n:] }

// Outcome returns where particle i is now: the index of the minimum it is
// within tolerance of, None, or Diverged.
func (s *Swarm) Outcome(i int) int { return int(s.near[i]) }

// StepsTo returns, for a particle within tolerance of a minimum, the step
// since which it has stayed so; for a diverged one, the step whose result
// was not finite; otherwise the steps taken.
func (s *Swarm) StepsTo(i int) int {
	if s.near[i] == None {
		return s.step
	}
	return int(s.since[i])
}

// Loss returns the loss at particle i's current point.
func (s *Swarm) Loss(i int) float64 { return s.p.Surface.Eval(s.pos[i], s.pos[s.n+i]) }

// Shares returns the fraction of particles now within tolerance of each
// minimum, nowhere near one, and diverged.
func (s *Swarm) Shares() Shares {
	sh := Shares{Minima: make([]float64, len(s.mins))}
	counts := make([]int, len(s.mins)+2)
	for _, c := range s.near {
		counts[int(c)+2]++
	}
	return sh.from(counts, s.n)
}
