package optim

import "math"

// The schedulers of torch.optim.lr_scheduler (torch 1.13), each doing its
// constructor's work in start (step 0 included) and scheduler.step() in
// step, with torch's arithmetic operation by operation. As in the
// optimizers, products are wrapped in float64(...) so that no multiply and
// add fuse into one FMA instruction.
//
// The recursive ("chainable") ones rescale the lr the group has now, so
// they compose with the schedulers before them: steplr, multisteplr,
// exponentiallr, cosineannealinglr, linearlr, constantlr, polynomiallr and
// reducelronplateau. The closed-form ones set it from their own formula:
// cosineannealingwarmrestarts, onecyclelr and cycliclr.

// stepLR is StepLR: lr *= gamma every stepSize steps.
type stepLR struct {
	stepSize int
	gamma    float64
	epoch    int
	next     int // the next multiple of stepSize: no division a step
}

func (s *stepLR) start(g *group, _ momentumKind) error {
	g.initialLRDefault()
	s.epoch, s.next = 0, s.stepSize // step 0 keeps the lr
	return nil
}

func (s *stepLR) step(g *group, _ float64) error {
	s.epoch++
	if s.epoch == s.next {
		s.next += s.stepSize
		g.lr = g.lr * s.gamma
	}
	return nil
}

func (s *stepLR) limit() int       { return -1 }
func (s *stepLR) clone() scheduler { c := *s; return &c }

// multiStepLR is MultiStepLR: lr *= gamma^count at a step that occurs count
// times among the milestones (step 0 included).
type multiStepLR struct {
	counts map[int]int // read-only after construction, shared by clones
	gamma  float64
	epoch  int
}

func newMultiStepLR(milestones []float64, gamma float64) *multiStepLR {
	counts := make(map[int]int, len(milestones))
	for _, m := range milestones {
		counts[int(m)]++
	}
	return &multiStepLR{counts: counts, gamma: gamma}
}

func (s *multiStepLR) start(g *group, _ momentumKind) error {
	g.initialLRDefault()
	s.epoch = 0
	s.apply(g)
	return nil
}

func (s *multiStepLR) step(g *group, _ float64) error {
	s.epoch++
	s.apply(g)
	return nil
}

func (s *multiStepLR) apply(g *group) {
	if n := s.counts[s.epoch]; n > 0 {
		g.lr = g.lr * powInt(s.gamma, n)
	}
}

func (s *multiStepLR) idleAfter() int {
	last := 0
	for m := range s.counts {
		last = max(last, m)
	}
	return last
}

func (s *multiStepLR) limit() int       { return -1 }
func (s *multiStepLR) clone() scheduler { c := *s; return &c }

// exponentialLR is ExponentialLR: lr *= gamma every step.
type exponentialLR struct{ gamma float64 }

func (s *exponentialLR) start(g *group, _ momentumKind) error {
	g.initialLRDefault()
	return nil
}

func (s *exponentialLR) step(g *group, _ float64) error {
	g.lr = g.lr * s.gamma
	return nil
}

func (s *exponentialLR) limit() int       { return -1 }
func (s *exponentialLR) clone() scheduler { c := *s; return &c }

// linearLR is LinearLR: step 0 multiplies the lr by start_factor, and each
// step up to total_iters by the ratio of consecutive factors of the line
// from start_factor to end_factor.
type linearLR struct {
	from, to, total float64
	epoch           int
}

func (s *linearLR) start(g *group, _ momentumKind) error {
	g.initialLRDefault()
	s.epoch = 0
	g.lr = g.lr * s.from
	return nil
}

func (s *linearLR) step(g *group, _ float64) error {
	s.epoch++
	if float64(s.epoch) > s.total {
		return nil
	}
	d := s.to - s.from
	den := float64(s.total*s.from) + float64(float64(s.epoch-1)*d)
	g.lr = g.lr * (1 + d/den)
	return nil
}

func (s *linearLR) idleAfter() int   { return int(s.total) }
func (s *linearLR) limit() int       { return -1 }
func (s *linearLR) clone() scheduler { c := *s; return &c }

// constantLR is ConstantLR: step 0 multiplies the lr by factor, step
// total_iters by 1/factor.
type constantLR struct {
	factor float64
	total  int
	epoch  int
}

func (s *constantLR) start(g *group, _ momentumKind) error {
	g.initialLRDefault()
	s.epoch = 0
	g.lr = g.lr * s.factor
	return nil
}

func (s *constantLR) step(g *group, _ float64) error {
	s.epoch++
	if s.epoch == s.total {
		g.lr = g.lr * (1 / s.factor)
	}
	return nil
}

func (s *constantLR) idleAfter() int   { return s.total }
func (s *constantLR) limit() int       { return -1 }
func (s *constantLR) clone() scheduler { c := *s; return &c }

// polynomialLR is PolynomialLR: each step up to total_iters multiplies the
// lr by ((1 - e/total_iters)/(1 - (e-1)/total_iters))^power, reaching 0 at
// total_iters (for power > 0) and staying there.
type polynomialLR struct {
	total, power float64
	epoch        int
}

func (s *polynomialLR) start(g *group, _ momentumKind) error {
	g.initialLRDefault()
	s.epoch = 0
	return nil
}

func (s *polynomialLR) step(g *group, _ float64) error {
	s.epoch++
	e := float64(s.epoch)
	if e > s.total {
		return nil
	}
	factor := pyPow((1-e/s.total)/(1-(e-1)/s.total), s.power)
	g.lr = g.lr * factor
	return nil
}

func (s *polynomialLR) idleAfter() int   { return int(s.total) }
func (s *polynomialLR) limit() int       { return -1 }
func (s *polynomialLR) clone() scheduler { c := *s; return &c }

// plateau is ReduceLROnPlateau: after more than patience steps without an
// improvement of the loss (by threshold, relative or absolute), lr <-
// max(lr*factor, min_lr) if that lowers it by more than eps; then cooldown
// steps in which bad steps are not counted. Unlike the others, torch's
// constructor takes no step and leaves initial_lr alone.
type plateau struct {
	max, abs         bool
	factor           float64
	patience         int
	threshold        float64
	cooldown         int
	minLR, eps       float64
	best             float64
	bad, cooldownCnt int
}

func newPlateau(s SchedulerSpec) *plateau {
	return &plateau{
		max: s.Strings["mode"] == "max", abs: s.Strings["threshold_mode"] == "abs",
		factor: s.Values["factor"], patience: int(s.Values["patience"]), threshold: s.Values["threshold"],
		cooldown: int(s.Values["cooldown"]), minLR: s.Values["min_lr"], eps: s.Values["eps"],
	}
}

func (s *plateau) start(*group, momentumKind) error {
	s.best = math.Inf(1)
	if s.max {
		s.best = math.Inf(-1)
	}
	s.bad, s.cooldownCnt = 0, 0
	return nil
}

func (s *plateau) step(g *group, loss float64) error {
	if s.better(loss) {
		s.best, s.bad = loss, 0
	} else {
		s.bad++
	}
	if s.cooldownCnt > 0 {
		s.cooldownCnt--
		s.bad = 0 // bad steps in cooldown are not counted
	}
	if s.bad > s.patience {
		reduced := max(g.lr*s.factor, s.minLR)
		if g.lr-reduced > s.eps {
			g.lr = reduced
		}
		s.cooldownCnt, s.bad = s.cooldown, 0
	}
	return nil
}

// better is torch's is_better(loss, best).
func (s *plateau) better(a float64) bool {
	switch {
	case !s.max && !s.abs:
		return a < s.best*(1-s.threshold)
	case !s.max:
		return a < s.best-s.threshold
	case !s.abs:
		return a > s.best*(s.threshold+1)
	}
	return a > s.best+s.threshold
}

func (s *plateau) limit() int       { return -1 }
func (s *plateau) clone() scheduler { c := *s; return &c }
