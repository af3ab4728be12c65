package optim

import "math"

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
