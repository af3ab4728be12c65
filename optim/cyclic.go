package optim

import (
	"fmt"
	"math"
)

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
