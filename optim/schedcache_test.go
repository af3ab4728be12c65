package optim

import (
	"errors"
	"fmt"
	"math"
	"testing"
)

// The schedulers keep what they computed ahead: cosineannealinglr its
// ratios of cosines (each cosine the numerator of one ratio and the
// denominator of the next), onecyclelr and cosineannealingwarmrestarts
// their cosines, a batch of steps at a time; steplr its next multiple of
// step_size. The reference schedulers below compute every step from
// scratch, as torch's formulas read (for cosineannealinglr both cosines
// of the recursive form at every step), and the tests require the same
// bits, through batches, restarts, clones and resets.

// refCosine is CosineAnnealingLR's recursive form, both cosines computed
// at every step.
type refCosine struct {
	tMax           int
	etaMin, baseLR float64
	epoch          int
}

func (s *refCosine) start(g *group, _ momentumKind) error {
	s.baseLR, s.epoch = g.initialLRDefault(), 0
	return nil
}

func (s *refCosine) step(g *group, _ float64) error {
	s.epoch++
	e, t := float64(s.epoch), float64(s.tMax)
	if (s.epoch-1-s.tMax)%(2*s.tMax) == 0 {
		g.lr = g.lr + float64((s.baseLR-s.etaMin)*(1-math.Cos(math.Pi/t)))/2
		return nil
	}
	ratio := (1 + math.Cos(float64(math.Pi*e)/t)) / (1 + math.Cos(float64(math.Pi*(e-1))/t))
	g.lr = float64(ratio*(g.lr-s.etaMin)) + s.etaMin
	return nil
}

func (s *refCosine) limit() int       { return -1 }
func (s *refCosine) clone() scheduler { c := *s; return &c }

// refWarm is CosineAnnealingWarmRestarts, its cosine computed at every step.
type refWarm struct {
	t0, tMult      int
	etaMin, baseLR float64
	tCur, tI       int
}

func (s *refWarm) start(g *group, _ momentumKind) error {
	s.baseLR, s.tCur, s.tI = g.initialLRDefault(), 0, s.t0
	s.set(g)
	return nil
}

func (s *refWarm) step(g *group, _ float64) error {
	s.tCur++
	if s.tCur >= s.tI {
		s.tCur -= s.tI
		s.tI *= s.tMult
	}
	s.set(g)
	return nil
}

func (s *refWarm) set(g *group) {
	c := math.Cos(float64(math.Pi*float64(s.tCur)) / float64(s.tI))
	g.lr = s.etaMin + float64((s.baseLR-s.etaMin)*(1+c))/2
}

func (s *refWarm) limit() int       { return -1 }
func (s *refWarm) clone() scheduler { c := *s; return &c }

// refOneCycle is OneCycleLR, its phase, progress and cosine found and its
// group entries read at every step.
type refOneCycle struct {
	*oneCycleLR // the settings, the limit and start's group entries
	epoch       int
}

func (s *refOneCycle) start(g *group, kind momentumKind) error {
	if err := s.oneCycleLR.start(g, kind); err != nil {
		return err
	}
	s.epoch = 0
	return s.set(g)
}

func (s *refOneCycle) step(g *group, _ float64) error {
	if s.epoch >= s.total {
		return fmt.Errorf("%w: onecyclelr: tried to step %d times, total_steps is %d", ErrScheduleEnded, s.epoch+1, s.total)
	}
	s.epoch++
	return s.set(g)
}

func (s *refOneCycle) set(g *group) error {
	n := float64(s.epoch)
	start := 0.0
	for i, ph := range s.phases {
		if n <= ph.end || i == len(s.phases)-1 {
			if ph.end-start == 0 {
				return fmt.Errorf("%w: onecyclelr: phase %d has no steps (torch divides by zero at step %d)", ErrScheduleEnded, i+1, s.epoch)
			}
			pct := (n - start) / (ph.end - start)
			var cosOut float64
			if !s.linear {
				cosOut = math.Cos(float64(math.Pi*pct)) + 1
			}
			g.lr = refAnneal(s.linear, g.get(ph.fromLR), g.get(ph.toLR), pct, cosOut)
			if s.cycleMomentum {
				g.momentum = refAnneal(s.linear, g.get(ph.fromMom), g.get(ph.toMom), pct, cosOut)
			}
			return nil
		}
		start = ph.end
	}
	return nil
}

// refAnneal is _annealing_cos or _annealing_linear, torch's expressions.
func refAnneal(linear bool, start, end, pct, cosOut float64) float64 {
	if linear {
		return float64((end-start)*pct) + start
	}
	return end + float64((start-end)/2*cosOut)
}

func (s *refOneCycle) clone() scheduler {
	c := *s
	o := *s.oneCycleLR
	c.oneCycleLR = &o
	return &c
}

// refCyclic is CyclicLR with its mode compared as a string at every step.
type refCyclic struct {
	*cyclicLR
	mode  string
	epoch int
}

func (s *refCyclic) start(g *group, kind momentumKind) error {
	g.lr = s.baseLR
	if s.cycleMomentum {
		if kind != momentumSetting {
			return errCycliclrMomentum
		}
		g.momentum = s.baseMom
	}
	s.epoch = 0
	s.set(g, g.initialLRDefault())
	return nil
}

func (s *refCyclic) step(g *group, _ float64) error {
	s.epoch++
	s.set(g, s.baseLR)
	return nil
}

func (s *refCyclic) set(g *group, base float64) {
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
	case "triangular2":
		scale = 1 / math.Ldexp(1, int(cycle)-1)
	case "exp_range":
		hi, lo := powDD(s.gamma, s.epoch)
		scale = hi + lo
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

func (s *refCyclic) clone() scheduler {
	c := *s
	o := *s.cyclicLR
	c.cyclicLR = &o
	return &c
}

// refStep is StepLR with a modulo at every step.
type refStep struct {
	stepSize int
	gamma    float64
	epoch    int
}

func (s *refStep) start(g *group, _ momentumKind) error {
	g.initialLRDefault()
	s.epoch = 0
	return nil
}

func (s *refStep) step(g *group, _ float64) error {
	s.epoch++
	if s.epoch%s.stepSize == 0 {
		g.lr = g.lr * s.gamma
	}
	return nil
}

func (s *refStep) limit() int       { return -1 }
func (s *refStep) clone() scheduler { c := *s; return &c }

// refBuild builds the reference of a complete scheduler spec: the
// schedulers above, or the package's own for the others (which keep
// nothing ahead).
func refBuild(t *testing.T, s SchedulerSpec) scheduler {
	switch s.Name {
	case "cosineannealinglr":
		return &refCosine{tMax: int(s.Values["T_max"]), etaMin: s.Values["eta_min"]}
	case "cosineannealingwarmrestarts":
		return &refWarm{t0: int(s.Values["T_0"]), tMult: int(s.Values["T_mult"]), etaMin: s.Values["eta_min"]}
	case "onecyclelr":
		return &refOneCycle{oneCycleLR: newOneCycleLR(s)}
	case "cycliclr":
		return &refCyclic{cyclicLR: newCyclicLR(s), mode: s.Strings["mode"]}
	case "steplr":
		return &refStep{stepSize: int(s.Values["step_size"]), gamma: s.Values["gamma"]}
	}
	sc, err := LookupScheduler(s.Name)
	if err != nil {
		t.Fatal(err)
	}
	return sc.build(s)
}

// refSchedule is a Schedule of reference schedulers, stepped without the
// Schedule's machinery: the group after each step is torch's.
type refSchedule struct {
	g       group
	members []scheduler
}

func newRefSchedule(t *testing.T, spec string) *refSchedule {
	t.Helper()
	s, err := ParseSpec(spec)
	if err != nil {
		t.Fatal(err)
	}
	opt, err := New(s)
	if err != nil {
		t.Fatal(err)
	}
	_, _, scheds, err := s.complete()
	if err != nil {
		t.Fatal(err)
	}
	lr, mom, kind, _ := settings(opt)
	r := &refSchedule{g: group{lr: *lr}}
	if mom != nil {
		r.g.momentum = *mom
	}
	for _, sp := range scheds {
		m := refBuild(t, sp)
		if err := m.start(&r.g, kind); err != nil {
			t.Fatal(err)
		}
		r.members = append(r.members, m)
	}
	return r
}

func (r *refSchedule) step(loss float64) error {
	for _, m := range r.members {
		if err := m.step(&r.g, loss); err != nil {
			return err
		}
	}
	return nil
}

func (r *refSchedule) clone() *refSchedule {
	c := &refSchedule{g: r.g}
	for _, m := range r.members {
		c.members = append(c.members, m.clone())
	}
	return c
}

// cacheSpecs exercise the schedulers that keep something ahead: batch
// boundaries (every 16 steps), cosineannealinglr's restarts on and off
// them (T_max a multiple of 16 puts every restart on one), short periods,
// chains, and every onecyclelr and cycliclr mode; and warm-ups that the
// Schedule stops stepping once they fall idle.
var cacheSpecs = []string{
	"sgd:lr=0.1+cosineannealinglr:T_max=1000",
	"sgd:lr=0.1+cosineannealinglr:T_max=16",
	"sgd:lr=0.1+cosineannealinglr:T_max=32,eta_min=0.001",
	"sgd:lr=0.1+cosineannealinglr:T_max=1",
	"sgd:lr=0.1+cosineannealinglr:T_max=2",
	"sgd:lr=0.1+cosineannealinglr:T_max=7,eta_min=0.01",
	"sgd:lr=0.1+cosineannealinglr:T_max=15",
	"sgd:lr=0.1+cosineannealinglr:T_max=17",
	"sgd:lr=0.1+linearlr:start_factor=0.1,total_iters=100+cosineannealinglr:T_max=1000",
	"sgd:lr=0.1+cosineannealinglr:T_max=20+cosineannealinglr:T_max=48",
	"sgd:lr=0.1+cosineannealinglr:T_max=50+steplr:step_size=30,gamma=0.7",
	"sgd:lr=0.1+cosineannealingwarmrestarts:T_0=50",
	"sgd:lr=0.1+cosineannealingwarmrestarts:T_0=1",
	"sgd:lr=0.1+cosineannealingwarmrestarts:T_0=3,T_mult=2,eta_min=0.001",
	"sgd:lr=0.1+cosineannealingwarmrestarts:T_0=16,T_mult=3",
	"sgd:lr=0.1,momentum=0.9+onecyclelr:max_lr=0.5,total_steps=1000",
	"sgd:lr=0.1,momentum=0.9+onecyclelr:max_lr=0.5,total_steps=17",
	"sgd:lr=0.1,momentum=0.9+onecyclelr:max_lr=0.5,total_steps=700,anneal_strategy=linear",
	"sgd:lr=0.1,momentum=0.9+onecyclelr:max_lr=0.5,total_steps=900,three_phase=true",
	"sgd:lr=0.1,momentum=0.9+onecyclelr:max_lr=0.5,total_steps=33,three_phase=true,pct_start=0.5",
	"sgd:lr=0.1,momentum=0.9+onecyclelr:max_lr=0.5,total_steps=50,pct_start=1",
	"adam:lr=0.1+onecyclelr:max_lr=0.5,total_steps=800,cycle_momentum=false",
	"adam:lr=0.1+onecyclelr:max_lr=0.5,epochs=10,steps_per_epoch=50,base_momentum=0.5,max_momentum=0.99",
	"sgd:lr=0.1,momentum=0.9+onecyclelr:max_lr=0.5,total_steps=2000+cosineannealinglr:T_max=100",
	// The second's constructor rewrites the group entries the first reads.
	"sgd:lr=0.1,momentum=0.9+onecyclelr:max_lr=0.5,total_steps=300+onecyclelr:max_lr=0.2,total_steps=200,anneal_strategy=linear,max_momentum=0.8",
	"sgd:lr=0.1,momentum=0.9+cycliclr:base_lr=0.01,max_lr=0.1,step_size_up=50",
	"sgd:lr=0.1,momentum=0.9+cycliclr:base_lr=0.01,max_lr=0.1,step_size_up=20,step_size_down=7,mode=triangular2",
	"sgd:lr=0.1,momentum=0.9+cycliclr:base_lr=0.01,max_lr=0.1,step_size_up=30,mode=exp_range,gamma=0.999",
	"sgd:lr=0.1,momentum=0.9+cycliclr:base_lr=0.01,max_lr=0.1,step_size_up=1,step_size_down=0",
	"sgd:lr=0.1+linearlr:start_factor=0.1,total_iters=30+cycliclr:base_lr=0.01,max_lr=0.1,step_size_up=25,cycle_momentum=false",
	"sgd:lr=0.1+steplr:step_size=1,gamma=0.99",
	"sgd:lr=0.1+steplr:step_size=16,gamma=0.5",
	"sgd:lr=0.1+steplr:step_size=7,gamma=0.9+cosineannealinglr:T_max=64",
	// Warm-ups that fall idle (see idler), before and after others.
	"sgd:lr=0.1+linearlr:start_factor=0.1,total_iters=0+cosineannealinglr:T_max=30",
	"sgd:lr=0.1+cosineannealinglr:T_max=30+linearlr:start_factor=0.5,end_factor=0.9,total_iters=17",
	"sgd:lr=0.1+constantlr:factor=0.5,total_iters=40+exponentiallr:gamma=0.99",
	"sgd:lr=0.1+constantlr:factor=0.5,total_iters=0+steplr:step_size=5,gamma=0.9",
	"sgd:lr=0.1+polynomiallr:total_iters=50,power=2+linearlr:total_iters=16",
	"sgd:lr=0.1+multisteplr:milestones=0;5;5;33,gamma=0.5+cosineannealinglr:T_max=20",
	"sgd:lr=0.1,momentum=0.9+linearlr:start_factor=0.2,total_iters=16+onecyclelr:max_lr=0.5,total_steps=500",
}

// scheduleDiffers reports a difference, bit for bit, between a schedule and its
// reference after the same steps: lr, momentum, error.
func scheduleDiffers(s *Schedule, r *refSchedule, errS, errR error) string {
	m, _ := s.Momentum()
	switch {
	case (errS == nil) != (errR == nil) || errS != nil && errS.Error() != errR.Error():
		return fmt.Sprintf("error %v, reference %v", errS, errR)
	case math.Float64bits(s.LR()) != math.Float64bits(r.g.lr):
		return fmt.Sprintf("lr %v, reference %v", s.LR(), r.g.lr)
	case math.Float64bits(m) != math.Float64bits(r.g.momentum):
		return fmt.Sprintf("momentum %v, reference %v", m, r.g.momentum)
	}
	return ""
}

// TestCachesMatchRecomputing steps each schedule and its reference 2000
// steps (or to the schedule's end and one step past it) and requires the
// same lr and momentum, bit for bit, after every step.
func TestCachesMatchRecomputing(t *testing.T) {
	for _, spec := range cacheSpecs {
		s, r := schedule(t, spec), newRefSchedule(t, spec)
		if d := scheduleDiffers(s, r, nil, nil); d != "" {
			t.Fatalf("%s: after construction: %s", spec, d)
		}
		n, limited := s.Limit()
		for k := 1; k <= 2000; k++ {
			errS := s.Step(0)
			if limited && k > n {
				if !errors.Is(errS, ErrScheduleEnded) {
					t.Fatalf("%s: step %d past the limit: %v", spec, k, errS)
				}
				break
			}
			errR := r.step(0)
			if d := scheduleDiffers(s, r, errS, errR); d != "" {
				t.Fatalf("%s: step %d: %s", spec, k, d)
			}
		}
	}
}

// TestCloneCarriesCaches clones each schedule at steps on and around batch
// boundaries and requires the clone, stepped on, to give the original's lrs
// (the reference's), bit for bit, while the original, stepped after it,
// does too: the clone carries the batch computed ahead and shares none of
// it.
func TestCloneCarriesCaches(t *testing.T) {
	for _, spec := range cacheSpecs {
		for _, at := range []int{0, 1, 2, 15, 16, 17, 31, 32, 33, 100} {
			s, r := schedule(t, spec), newRefSchedule(t, spec)
			n, limited := s.Limit()
			if limited && at+60 > n {
				continue
			}
			for range at {
				if err := s.Step(0); err != nil {
					t.Fatal(err)
				}
				r.step(0)
			}
			c, rc := s.Clone(), r.clone()
			// Step the clone well ahead first, then the original: each on
			// its own.
			for k := 1; k <= 60; k++ {
				errS, errR := c.Step(0), rc.step(0)
				if d := scheduleDiffers(c, rc, errS, errR); d != "" {
					t.Fatalf("%s: clone at step %d, step %d after: %s", spec, at, k, d)
				}
			}
			for k := 1; k <= 60; k++ {
				errS, errR := s.Step(0), r.step(0)
				if d := scheduleDiffers(s, r, errS, errR); d != "" {
					t.Fatalf("%s: original after a clone at step %d, step %d after: %s", spec, at, k, d)
				}
			}
		}
	}
}

// TestResetClearsCaches resets each schedule at steps on and around batch
// boundaries and requires the lrs of a fresh schedule, bit for bit.
func TestResetClearsCaches(t *testing.T) {
	for _, spec := range cacheSpecs {
		for _, at := range []int{1, 15, 16, 17, 40} {
			s := schedule(t, spec)
			n, limited := s.Limit()
			if limited && at > n {
				continue
			}
			for range at {
				if err := s.Step(0); err != nil {
					t.Fatal(err)
				}
			}
			s.Reset()
			r := newRefSchedule(t, spec)
			if d := scheduleDiffers(s, r, nil, nil); d != "" {
				t.Fatalf("%s: reset at step %d: %s", spec, at, d)
			}
			for k := 1; k <= 100 && (!limited || k <= n); k++ {
				errS, errR := s.Step(0), r.step(0)
				if d := scheduleDiffers(s, r, errS, errR); d != "" {
					t.Fatalf("%s: reset at step %d, step %d after: %s", spec, at, k, d)
				}
			}
		}
	}
}
