package optim

import (
	"fmt"
	"math"
)

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

// cosineAnnealingLR is CosineAnnealingLR in torch's recursive form:
//
//	lr <- eta_min + (lr - eta_min) * (1 + cos(pi*e/T_max)) / (1 + cos(pi*(e-1)/T_max))
//
// except at the steps e with (e - 1 - T_max) % (2*T_max) == 0, where the
// denominator vanishes and lr <- lr + (base_lr - eta_min)*(1 - cos(pi/T_max))/2.
// Past T_max the lr rises again: the period is 2*T_max.
type cosineAnnealingLR struct {
	tMax   int
	etaMin float64
	baseLR float64
	epoch  int
	// restart is the next step e with (e - 1 - T_max) % (2*T_max) == 0,
	// and restartAdd what it adds to the lr: its cosine is the same at
	// every restart.
	restart    int
	restartAdd float64
	// ratios[i] is (1 + cos(pi*e/T_max))/(1 + cos(pi*(e-1)/T_max)) for
	// step e = from+i. They depend on e alone, and are computed a batch at
	// a time, by cosines: a quarter cheaper than calls to math.Cos, and
	// off the path of the steps that need them, which no longer wait for
	// a cosine (on a typed-formula surface that halves the schedule's
	// cost). Each cosine is computed once, the denominator of a ratio
	// being the numerator of the one before (last, across batches).
	from   int
	ratios [batchLen]float64
	last   float64 // cos(pi*(from+batchLen-1)/T_max)
}

// batchLen is how many steps' cosines (and onecyclelr's phases) a
// scheduler computes at a time.
const batchLen = 16

func (s *cosineAnnealingLR) start(g *group, _ momentumKind) error {
	s.baseLR = g.initialLRDefault()
	s.epoch = 0
	s.restart = s.tMax + 1
	s.restartAdd = float64((s.baseLR-s.etaMin)*(1-math.Cos(math.Pi/float64(s.tMax)))) / 2
	s.from, s.last = 1-batchLen, math.Cos(0) // the first step fills ratios
	return nil
}

func (s *cosineAnnealingLR) step(g *group, _ float64) error {
	s.epoch++
	i := s.epoch - s.from
	if i >= batchLen {
		s.fill()
		i = 0
	}
	if s.epoch == s.restart {
		s.restart += 2 * s.tMax
		g.lr = g.lr + s.restartAdd
		return nil
	}
	g.lr = float64(s.ratios[i]*(g.lr-s.etaMin)) + s.etaMin
	return nil
}

// fill computes the ratios of the next batchLen steps, from this one on.
// (At a restart the ratio divides by about 0 and is not used.)
func (s *cosineAnnealingLR) fill() {
	t, prev := float64(s.tMax), s.last
	if s.epoch != s.from+batchLen { // not the batch after the last: no last
		prev = math.Cos(float64(math.Pi*float64(s.epoch-1)) / t)
	}
	s.from = s.epoch
	r := &s.ratios // the arguments, then the cosines, then the ratios
	for i := range r {
		r[i] = float64(math.Pi*float64(s.from+i)) / t
	}
	cosines(r[:], r[:])
	for i, c := range r {
		r[i] = (1 + c) / (1 + prev)
		prev = c
	}
	s.last = prev
}

func (s *cosineAnnealingLR) limit() int       { return -1 }
func (s *cosineAnnealingLR) clone() scheduler { c := *s; return &c }

// warmRestarts is CosineAnnealingWarmRestarts, in its closed form:
// lr = eta_min + (base_lr - eta_min)*(1 + cos(pi*T_cur/T_i))/2, where T_cur
// counts the steps since the last restart and T_i, the current period,
// starts at T_0 and is multiplied by T_mult at each restart.
type warmRestarts struct {
	t0, tMult int
	etaMin    float64
	baseLR    float64
	tCur, tI  int
	// The cosines of steps from to from+batchLen-1, cos(pi*T_cur/T_i),
	// which depend on the step alone: computed a batch at a time (see
	// cosineAnnealingLR).
	epoch, from int
	cos         [batchLen]float64
}

func (s *warmRestarts) start(g *group, _ momentumKind) error {
	s.baseLR = g.initialLRDefault()
	s.tCur, s.tI = 0, s.t0
	s.epoch, s.from = 0, -batchLen // step 0 fills the first batch
	s.set(g)
	return nil
}

func (s *warmRestarts) step(g *group, _ float64) error {
	s.tCur, s.tI = s.next(s.tCur, s.tI)
	s.epoch++
	s.set(g)
	return nil
}

// next returns T_cur and T_i one step on.
func (s *warmRestarts) next(tCur, tI int) (int, int) {
	tCur++
	if tCur >= tI {
		tCur -= tI
		tI *= s.tMult
	}
	return tCur, tI
}

func (s *warmRestarts) set(g *group) {
	i := s.epoch - s.from
	if i >= batchLen {
		s.fill()
		i = 0
	}
	g.lr = s.etaMin + float64((s.baseLR-s.etaMin)*(1+s.cos[i]))/2
}

// fill computes the cosines of the next batchLen steps, from this one on.
func (s *warmRestarts) fill() {
	s.from = s.epoch
	tCur, tI := s.tCur, s.tI
	for j := range s.cos { // the arguments, then the cosines
		if j > 0 {
			tCur, tI = s.next(tCur, tI)
		}
		s.cos[j] = float64(math.Pi*float64(tCur)) / float64(tI)
	}
	cosines(s.cos[:], s.cos[:])
}

func (s *warmRestarts) limit() int       { return -1 }
func (s *warmRestarts) clone() scheduler { c := *s; return &c }

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

// cyclicLR is CyclicLR: the lr runs up from base_lr to max_lr in
// step_size_up steps and down in step_size_down, the height of each cycle
// scaled by mode; the momentum runs the other way between max_momentum and
// base_momentum. It replaces the optimizer's lr by base_lr.
type cyclicLR struct {
	baseLR, maxLR        float64
	totalSize, stepRatio float64
	mode                 cyclicMode
	gamma                float64
	cycleMomentum        bool
	baseMom, maxMom      float64
	epoch                int
}

// cyclicMode is CyclicLR's mode, read once rather than compared as a
// string at every step.
type cyclicMode int8

const (
	triangular cyclicMode = iota
	triangular2
	expRange
)

func newCyclicLR(s SchedulerSpec) *cyclicLR {
	up := s.Values["step_size_up"]
	down := up
	if v, ok := s.Values["step_size_down"]; ok {
		down = v
	}
	total := up + down
	mode := triangular
	switch s.Strings["mode"] {
	case "triangular2":
		mode = triangular2
	case "exp_range":
		mode = expRange
	}
	return &cyclicLR{
		baseLR: s.Values["base_lr"], maxLR: s.Values["max_lr"], totalSize: total, stepRatio: up / total,
		mode: mode, gamma: s.Values["gamma"], cycleMomentum: s.Values["cycle_momentum"] != 0,
		baseMom: s.Values["base_momentum"], maxMom: s.Values["max_momentum"],
	}
}

func (s *cyclicLR) start(g *group, kind momentumKind) error {
	g.lr = s.baseLR
	if s.cycleMomentum {
		if kind != momentumSetting {
			return errCycliclrMomentum
		}
		g.momentum = s.baseMom
	}
	// torch's step 0 runs with base_lrs = initial_lr, which is base_lr
	// unless an earlier scheduler set it; later steps use base_lr.
	s.epoch = 0
	s.set(g, g.initialLRDefault())
	return nil
}

var errCycliclrMomentum = fmt.Errorf("optim: cycliclr cycles the momentum, which only sgd and rmsprop have (torch 1.13's CyclicLR cannot cycle beta1): add cycle_momentum=false")

func (s *cyclicLR) step(g *group, _ float64) error {
	s.epoch++
	s.set(g, s.baseLR)
	return nil
}

func (s *cyclicLR) set(g *group, base float64) {
	e := float64(s.epoch)
	cycle := math.Floor(1 + e/s.totalSize)
	x := 1 + e/s.totalSize - cycle
	var factor float64
	if x <= s.stepRatio {
		factor = x / s.stepRatio
	} else {
		factor = (x - 1) / (s.stepRatio - 1)
	}
	var scale float64
	switch s.mode {
	case triangular2:
		scale = 1 / math.Ldexp(1, int(cycle)-1) // 1 / 2.0**(cycle-1)
	case expRange:
		scale = powInt(s.gamma, s.epoch) // scale_mode 'iterations': gamma**last_epoch
	default:
		scale = 1
	}
	height := float64((s.maxLR - base) * factor)
	g.lr = base + float64(height*scale)
	if s.cycleMomentum {
		mh := float64((s.maxMom - s.baseMom) * factor)
		g.momentum = s.maxMom - float64(mh*scale)
	}
}

func (s *cyclicLR) limit() int       { return -1 }
func (s *cyclicLR) clone() scheduler { c := *s; return &c }
