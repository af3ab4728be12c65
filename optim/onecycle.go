package optim

import (
	"fmt"
	"math"
	"strconv"
)

// oneCycleLR is OneCycleLR, in its closed form. The lr anneals (cosine or
// linear) from initial_lr = max_lr/div_factor up to max_lr over the first
// phase, then down to min_lr = initial_lr/final_div_factor (with
// three_phase: back to initial_lr, then down to min_lr); the momentum (or
// beta1) runs the other way between max_momentum and base_momentum. The
// phases end at steps pct_start*total_steps - 1 (2*pct_start*total_steps -
// 2) and total_steps - 1, and torch raises when the scheduler is stepped
// more than total_steps times: the run then ends.
//
// Like torch, the scheduler keeps initial_lr, max_lr, min_lr and the
// momenta in the param group and reads them back at every step.
type oneCycleLR struct {
	maxLR          float64
	total          int
	phases         []cyclePhase
	linear         bool
	cycleMomentum  bool
	maxMom         float64
	baseMom        float64
	divFactor      float64
	finalDivFactor float64
	epoch          int
	// The phase, the progress through it and the cosine of steps from to
	// from+batchLen-1, which depend on the step alone: computed a batch at
	// a time (see cosineAnnealingLR), and the cosine once for the lr and
	// the momentum.
	from   int
	phase  [batchLen]int8    // into phases; -1-i when phase i has no steps
	pct    [batchLen]float64 // (step - phase start)/(phase end - phase start)
	cosOut [batchLen]float64 // cos(pi*pct) + 1, for anneal_strategy cos
	// What each phase anneals between, read from the group at the first
	// step: the constructors write those entries, the steps only read
	// them, so from then on they stay as they are.
	ends     [3]struct{ lr, momentum annealEnds }
	haveEnds bool
}

// annealEnds are the start and end of an annealing and the difference that
// _annealing_cos ((start - end)/2) or _annealing_linear (end - start)
// computes from them.
type annealEnds struct{ start, end, d float64 }

// cyclePhase is one phase of the cycle: its last step and the group
// entries it anneals between.
type cyclePhase struct {
	end            float64
	fromLR, toLR   groupEntry
	fromMom, toMom groupEntry
}

// groupEntry names an entry of the param group onecyclelr reads.
type groupEntry int

const (
	initialLREntry groupEntry = iota
	maxLREntry
	minLREntry
	maxMomentumEntry
	baseMomentumEntry
)

// get reads entry e of g.
func (g *group) get(e groupEntry) float64 {
	switch e {
	case initialLREntry:
		return g.initialLR
	case maxLREntry:
		return g.maxLR
	case minLREntry:
		return g.minLR
	case maxMomentumEntry:
		return g.maxMomentum
	}
	return g.baseMomentum
}

// oneCycleTotal is the cycle's length: total_steps, or else
// epochs*steps_per_epoch (0 when neither is given).
func oneCycleTotal(s SchedulerSpec) int {
	if t, ok := s.Values["total_steps"]; ok {
		return int(t)
	}
	e, ok1 := s.Values["epochs"]
	n, ok2 := s.Values["steps_per_epoch"]
	if !ok1 || !ok2 {
		return 0
	}
	return int(e) * int(n)
}

// oneCyclePhases returns the phases of a cycle of total steps.
func oneCyclePhases(total int, pctStart float64, threePhase bool) []cyclePhase {
	t := float64(total)
	if threePhase {
		return []cyclePhase{
			{float64(pctStart*t) - 1, initialLREntry, maxLREntry, maxMomentumEntry, baseMomentumEntry},
			{float64(float64(2*pctStart)*t) - 2, maxLREntry, initialLREntry, baseMomentumEntry, maxMomentumEntry},
			{t - 1, initialLREntry, minLREntry, maxMomentumEntry, maxMomentumEntry},
		}
	}
	return []cyclePhase{
		{float64(pctStart*t) - 1, initialLREntry, maxLREntry, maxMomentumEntry, baseMomentumEntry},
		{t - 1, maxLREntry, minLREntry, baseMomentumEntry, maxMomentumEntry},
	}
}

// firstEmptyPhase returns the first step in [0, total] whose phase has no
// length, where torch divides by zero computing its progress (e.g.
// pct_start*total_steps = 1 at step 0, pct_start = 1 at step total_steps),
// and the phase's number (1-based); ok is false when there is none.
func firstEmptyPhase(phases []cyclePhase, total int) (step, phase int, ok bool) {
	step = total + 1
	start, latest := 0.0, math.Inf(-1)
	for i, ph := range phases {
		// The steps that reach phase i lie past every earlier end and, but
		// for the last phase, not past its own.
		lo := 0
		if i > 0 {
			lo = max(0, int(math.Floor(latest))+1)
		}
		hi := total
		if i < len(phases)-1 {
			hi = min(total, int(math.Floor(ph.end)))
		}
		if lo <= hi && ph.end-start == 0 && lo < step {
			step, phase = lo, i+1
		}
		start, latest = ph.end, math.Max(latest, ph.end)
	}
	return step, phase, step <= total
}

// checkOneCycle validates the cycle's length and that its step 0 can be
// computed.
func checkOneCycle(s SchedulerSpec) error {
	total := oneCycleTotal(s)
	_, hasTotal := s.Values["total_steps"]
	_, hasEpochs := s.Values["epochs"]
	_, hasPerEpoch := s.Values["steps_per_epoch"]
	if !hasTotal && (!hasEpochs || !hasPerEpoch) {
		return fmt.Errorf("optim: onecyclelr needs total_steps, or epochs and steps_per_epoch (e.g. onecyclelr:max_lr=0.1,total_steps=100)")
	}
	phases := oneCyclePhases(total, s.Values["pct_start"], s.Values["three_phase"] != 0)
	if step, phase, ok := firstEmptyPhase(phases, total); ok && step == 0 {
		return fmt.Errorf("optim: invalid pct_start: %s (phase %d of onecyclelr would have no steps with total_steps %d: torch divides by zero)",
			strconv.FormatFloat(s.Values["pct_start"], 'g', -1, 64), phase, total)
	}
	return nil
}

func newOneCycleLR(s SchedulerSpec) *oneCycleLR {
	total := oneCycleTotal(s)
	return &oneCycleLR{
		maxLR: s.Values["max_lr"], total: total,
		phases:        oneCyclePhases(total, s.Values["pct_start"], s.Values["three_phase"] != 0),
		linear:        s.Strings["anneal_strategy"] == "linear",
		cycleMomentum: s.Values["cycle_momentum"] != 0,
		maxMom:        s.Values["max_momentum"], baseMom: s.Values["base_momentum"],
		divFactor: s.Values["div_factor"], finalDivFactor: s.Values["final_div_factor"],
	}
}

func (s *oneCycleLR) start(g *group, kind momentumKind) error {
	g.initialLR, g.hasInitLR = s.maxLR/s.divFactor, true
	g.maxLR = s.maxLR
	g.minLR = g.initialLR / s.finalDivFactor
	if s.cycleMomentum {
		if kind == noMomentum {
			return errOneCycleMomentum
		}
		g.maxMomentum, g.baseMomentum = s.maxMom, s.baseMom
	}
	s.epoch, s.from = 0, -batchLen // step 0 fills the first batch
	return s.set(g)
}

var errOneCycleMomentum = fmt.Errorf("optim: onecyclelr cycles the momentum, which adagrad, adadelta and rprop do not have (neither momentum nor beta1): add cycle_momentum=false")

func (s *oneCycleLR) step(g *group, _ float64) error {
	if s.epoch >= s.total {
		return fmt.Errorf("%w: onecyclelr: tried to step %d times, total_steps is %d", ErrScheduleEnded, s.epoch+1, s.total)
	}
	s.epoch++
	return s.set(g)
}

// set computes the lr and momentum of the current step from the phase it
// falls in.
func (s *oneCycleLR) set(g *group) error {
	i := s.epoch - s.from
	if i >= batchLen {
		s.fill()
		i = 0
	}
	n := s.phase[i]
	if n < 0 {
		return fmt.Errorf("%w: onecyclelr: phase %d has no steps (torch divides by zero at step %d)", ErrScheduleEnded, -n, s.epoch)
	}
	pct, cosOut := s.pct[i], s.cosOut[i]
	if s.epoch == 0 {
		// Step 0, in the constructor: later constructors may still
		// change the group.
		ph := &s.phases[n]
		g.lr = s.anneal(s.ends1(g, ph.fromLR, ph.toLR), pct, cosOut)
		if s.cycleMomentum {
			g.momentum = s.anneal(s.ends1(g, ph.fromMom, ph.toMom), pct, cosOut)
		}
		return nil
	}
	if !s.haveEnds {
		for k, ph := range s.phases {
			s.ends[k].lr = s.ends1(g, ph.fromLR, ph.toLR)
			s.ends[k].momentum = s.ends1(g, ph.fromMom, ph.toMom)
		}
		s.haveEnds = true
	}
	e := &s.ends[n]
	g.lr = s.anneal(e.lr, pct, cosOut)
	if s.cycleMomentum {
		g.momentum = s.anneal(e.momentum, pct, cosOut)
	}
	return nil
}

// ends1 reads the start and end of an annealing from the group.
func (s *oneCycleLR) ends1(g *group, from, to groupEntry) annealEnds {
	a := annealEnds{start: g.get(from), end: g.get(to)}
	if s.linear {
		a.d = a.end - a.start
	} else {
		a.d = (a.start - a.end) / 2
	}
	return a
}

// fill finds the phase, progress and cosine of the next batchLen steps,
// from this one on.
func (s *oneCycleLR) fill() {
	s.from = s.epoch
	for j := range batchLen {
		n := float64(s.from + j)
		start := 0.0
		for i, ph := range s.phases {
			if n <= ph.end || i == len(s.phases)-1 {
				if ph.end-start == 0 {
					s.phase[j] = int8(-1 - i)
					break
				}
				pct := (n - start) / (ph.end - start)
				s.phase[j], s.pct[j] = int8(i), pct
				s.cosOut[j] = float64(math.Pi * pct) // the argument, for now
				break
			}
			start = ph.end
		}
	}
	if !s.linear {
		cosines(s.cosOut[:], s.cosOut[:])
		for j := range s.cosOut {
			s.cosOut[j]++ // cos(pi*pct) + 1
		}
	}
}

// anneal is _annealing_cos or _annealing_linear: from start at pct 0 to end
// at pct 1; cosOut is cos(pi*pct) + 1 for the cosine.
func (s *oneCycleLR) anneal(a annealEnds, pct, cosOut float64) float64 {
	if s.linear {
		return float64(a.d*pct) + a.start
	}
	return a.end + float64(a.d*cosOut)
}

// limit is total_steps, or fewer when a later phase has no length.
func (s *oneCycleLR) limit() int {
	if step, _, ok := firstEmptyPhase(s.phases, s.total); ok {
		return step - 1
	}
	return s.total
}

func (s *oneCycleLR) clone() scheduler {
	c := *s // phases are read-only after construction, shared by clones
	return &c
}
