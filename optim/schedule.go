package optim

import (
	"errors"
	"fmt"
	"math"
	"slices"
)

// Schedule is the learning-rate schedule of one optimizer run: the
// schedulers of a Spec (the part after '+'), built in order and stepped
// together once per optimizer step, as torch's schedulers are when each is
// stepped in turn after opt.step() (ChainedScheduler's semantics).
//
// A Schedule keeps its own copy of what torch keeps in the optimizer's
// param_group: the lr, initial_lr, and the momentum (SGD's and RMSprop's
// momentum, or beta1 of the Adam family) when a scheduler cycles it. Apply
// writes them into an optimizer before each step, so a Schedule holds no
// reference to its optimizer and Clone is a plain deep copy.
//
// The lifecycle of a run, as in torch:
//
//	sched, _ := NewSchedule(spec, opt) // the schedulers' constructors: their step 0
//	for each step {
//		sched.Apply(opt)               // the lr (and momentum) of this step
//		opt.Step(x, grad)
//		sched.Step(lossBefore)         // scheduler.step(), loss for ReduceLROnPlateau
//	}
//
// Which torch: the reference is torch 1.13 (see testdata/GOLDEN.md), whose
// semantics are torch 2.x's with one difference: torch 1.13's CyclicLR
// cycles only a 'momentum' setting (sgd, rmsprop), and refuses the Adam
// family unless cycle_momentum=false, where torch 2.x cycles beta1. Descent
// follows 1.13 there.
type Schedule struct {
	specs   []SchedulerSpec // complete copies, in stepping order
	kind    momentumKind    // which setting of the optimizer is its momentum
	initial group           // the optimizer's settings at construction
	group   group           // the settings in effect for the next step
	members []scheduler
	steps   int  // Step calls since construction or Reset: the schedulers' last_epoch
	limit   int  // the most steps the schedulers allow; -1 for no limit
	cycles  bool // some scheduler sets the momentum

	// The members Step still steps, by index: a warm-up (linearlr and
	// the like, see idler) drops out once it can change nothing more, at
	// step nextIdle (-1: none will).
	active   []int
	nextIdle int

	// The settings of the optimizer Apply wrote to last, found once.
	applied     Optimizer
	lrTo, momTo *float64
}

// ErrScheduleEnded is returned by Step when a scheduler cannot take another
// step (onecyclelr after total_steps steps, where torch raises).
var ErrScheduleEnded = errors.New("optim: the learning-rate schedule has ended")

// group is the part of torch's param_group that schedulers read and write.
type group struct {
	lr        float64
	initialLR float64 // set by the first scheduler built (onecyclelr overwrites it)
	hasInitLR bool
	momentum  float64 // 'momentum', or betas[0] for the Adam family
	// onecyclelr's entries of the param_group, read back at every step.
	maxLR, minLR, maxMomentum, baseMomentum float64
}

// initialLRDefault is torch's group.setdefault('initial_lr', group['lr'])
// in a scheduler's constructor; it returns initial_lr (the scheduler's
// base_lr).
func (g *group) initialLRDefault() float64 {
	if !g.hasInitLR {
		g.initialLR, g.hasInitLR = g.lr, true
	}
	return g.initialLR
}

// momentumKind says what a schedule may cycle as the momentum of an optimizer.
type momentumKind int

const (
	noMomentum      momentumKind = iota // Adagrad, Adadelta, Rprop
	momentumSetting                     // torch's 'momentum' (SGD, RMSprop)
	beta1Setting                        // torch's betas[0] (Adam, AdamW, Adamax, NAdam, RAdam)
)

// scheduler is one torch scheduler's state.
type scheduler interface {
	// start does the constructor's work on g, including its step 0.
	start(g *group, kind momentumKind) error
	// step is scheduler.step(): one more epoch. loss is the loss of the
	// point before the optimizer step (ReduceLROnPlateau's metric).
	step(g *group, loss float64) error
	// limit is the number of steps the scheduler can take after its
	// construction, or -1 when there is no limit.
	limit() int
	// clone returns an independent copy.
	clone() scheduler
}

// idler is a scheduler whose steps change nothing past a known one:
// linearlr, constantlr and polynomiallr after total_iters, multisteplr
// after its last milestone. Its steps then cannot fail either.
type idler interface {
	// idleAfter returns the last step that may change the group.
	idleAfter() int
}

// settings returns pointers to opt's learning rate and to the setting a
// schedule cycles as its momentum (nil for none). ok is false for an
// optimizer from outside this package.
func settings(opt Optimizer) (lr, momentum *float64, kind momentumKind, ok bool) {
	switch o := opt.(type) {
	case *SGD:
		return &o.LR, &o.Momentum, momentumSetting, true
	case *RMSprop:
		return &o.LR, &o.Momentum, momentumSetting, true
	case *Adam:
		return &o.LR, &o.Beta1, beta1Setting, true
	case *Adamax:
		return &o.LR, &o.Beta1, beta1Setting, true
	case *NAdam:
		return &o.LR, &o.Beta1, beta1Setting, true
	case *RAdam:
		return &o.LR, &o.Beta1, beta1Setting, true
	case *Adagrad:
		return &o.LR, nil, noMomentum, true
	case *Adadelta:
		return &o.LR, nil, noMomentum, true
	case *Rprop:
		return &o.LR, nil, noMomentum, true
	}
	return nil, nil, noMomentum, false
}

// LearningRate returns the learning rate opt's next step uses (its LR
// setting), and false for an optimizer from outside this package.
func LearningRate(opt Optimizer) (float64, bool) {
	lr, _, _, ok := settings(opt)
	if !ok {
		return 0, false
	}
	return *lr, true
}

// NewSchedule validates the schedulers of s against its method and builds
// them for opt, an optimizer made from s by New: their constructors run in
// order, each performing its step 0 as torch's does, starting from opt's
// current lr and momentum. opt itself is not changed (see Apply). It
// returns nil and no error when s has no schedulers.
func NewSchedule(s Spec, opt Optimizer) (*Schedule, error) {
	if len(s.Schedulers) == 0 {
		return nil, nil
	}
	_, _, scheds, err := s.complete()
	if err != nil {
		return nil, err
	}
	lr, mom, kind, ok := settings(opt)
	if !ok {
		return nil, fmt.Errorf("optim: a learning-rate schedule needs one of this package's optimizers, not %T", opt)
	}
	sch := &Schedule{specs: scheds, kind: kind, initial: group{lr: *lr}}
	if mom != nil {
		sch.initial.momentum = *mom
	}
	if err := sch.start(); err != nil {
		return nil, err
	}
	return sch, nil
}

// start builds the schedulers afresh from the initial settings and runs
// their constructors.
func (s *Schedule) start() error {
	s.group, s.steps, s.limit, s.cycles = s.initial, 0, -1, false
	s.members, s.active = s.members[:0], s.active[:0]
	for _, spec := range s.specs {
		i := slices.IndexFunc(schedulers, func(sc Scheduler) bool { return sc.Name == spec.Name })
		if i < 0 {
			return unknownScheduler(spec.Name)
		}
		m := schedulers[i].build(spec)
		if err := m.start(&s.group, s.kind); err != nil {
			return err
		}
		if n := m.limit(); n >= 0 && (s.limit < 0 || n < s.limit) {
			s.limit = n
		}
		s.cycles = s.cycles || cyclesMomentum(spec)
		s.active = append(s.active, len(s.members))
		s.members = append(s.members, m)
	}
	s.idle()
	return nil
}

// idle drops from the active members those idle from this step on, and
// finds the next step at which one will be.
func (s *Schedule) idle() {
	s.nextIdle = -1
	s.active = slices.DeleteFunc(s.active, func(i int) bool {
		d, ok := s.members[i].(idler)
		if !ok {
			return false
		}
		n := d.idleAfter()
		if n <= s.steps {
			return true
		}
		if s.nextIdle < 0 || n < s.nextIdle {
			s.nextIdle = n
		}
		return false
	})
}

// cyclesMomentum reports whether a complete scheduler spec sets the momentum.
func cyclesMomentum(s SchedulerSpec) bool {
	return (s.Name == "onecyclelr" || s.Name == "cycliclr") && s.Values["cycle_momentum"] != 0
}

// Apply sets opt's learning rate, and its momentum (or beta1) when a
// scheduler cycles it, to the values of the next step. opt should be the
// optimizer the schedule was made for, or a clone of it; Apply does nothing
// to an optimizer from outside this package.
func (s *Schedule) Apply(opt Optimizer) {
	if opt != s.applied || s.lrTo == nil {
		lr, mom, _, ok := settings(opt)
		if !ok {
			return
		}
		s.applied, s.lrTo, s.momTo = opt, lr, mom
	}
	*s.lrTo = s.group.lr
	if s.cycles && s.momTo != nil {
		*s.momTo = s.group.momentum
	}
}

// Step advances every scheduler by one step, in order, after an optimizer
// step; loss is the loss at the point before that step (what
// ReduceLROnPlateau is fed). It returns an error wrapping ErrScheduleEnded,
// and changes nothing, when a scheduler cannot take another step.
func (s *Schedule) Step(loss float64) error {
	if s.limit >= 0 && s.steps >= s.limit {
		return fmt.Errorf("%w: %s allows %d steps (torch raises at step %d)", ErrScheduleEnded, s.limiter(), s.limit, s.limit+1)
	}
	s.steps++
	for _, i := range s.active {
		if err := s.members[i].step(&s.group, loss); err != nil {
			return err
		}
	}
	if s.nextIdle >= 0 && s.steps >= s.nextIdle {
		s.idle()
	}
	return nil
}

// limiter names the scheduler that sets the limit.
func (s *Schedule) limiter() string {
	for i, m := range s.members {
		if m.limit() == s.limit {
			return s.specs[i].Name
		}
	}
	return "the schedule"
}

// LR returns the learning rate of the next optimizer step.
func (s *Schedule) LR() float64 { return s.group.lr }

// Momentum returns the momentum (or Adam's beta1) of the next step, and
// whether a scheduler cycles it; when none does, the optimizer's own
// setting applies and ok is false.
func (s *Schedule) Momentum() (m float64, ok bool) { return s.group.momentum, s.cycles }

// Steps returns the number of Step calls since construction or Reset.
func (s *Schedule) Steps() int { return s.steps }

// Limit returns how many steps the schedule allows in all (onecyclelr's
// total_steps), and false when it has no limit.
func (s *Schedule) Limit() (steps int, limited bool) { return s.limit, s.limit >= 0 }

// Reset restarts the schedule: the schedulers are built again from the
// optimizer's settings at construction, as a fresh NewSchedule would.
func (s *Schedule) Reset() {
	// The same specs and settings were accepted once, so start cannot fail.
	_ = s.start()
}

// Clone returns an independent copy of s in its current state: stepping
// one leaves the other as it was.
func (s *Schedule) Clone() *Schedule {
	c := *s
	c.applied, c.lrTo, c.momTo = nil, nil, nil // the clone finds its optimizer's settings anew
	c.active = slices.Clone(s.active)
	c.members = make([]scheduler, len(s.members))
	for i, m := range s.members {
		c.members[i] = m.clone()
	}
	c.specs = make([]SchedulerSpec, len(s.specs))
	for i, sp := range s.specs {
		c.specs[i] = sp.clone()
	}
	return &c
}

// pyPow is Python's float ** float for a base >= 0 and an exponent >= 0,
// as glibc's pow computes it: nearly correctly rounded (powInt) for whole
// exponents, math.Pow otherwise.
func pyPow(x, y float64) float64 {
	if y == math.Trunc(y) && y >= 0 && y <= 1<<30 {
		return powInt(x, int(y))
	}
	return math.Pow(x, y)
}
