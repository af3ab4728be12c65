package optim

import (
	"errors"
	"math"
	"strings"
	"testing"
)

// lrs parses spec, builds its optimizer and schedule, and returns the lr of
// each of n steps (lrs[k] is the lr of step k+1), feeding Step the losses
// given (0 when there are fewer).
func lrs(t *testing.T, spec string, n int, losses ...float64) []float64 {
	t.Helper()
	sched := schedule(t, spec)
	out := make([]float64, n)
	for k := range out {
		out[k] = sched.LR()
		loss := 0.0
		if k < len(losses) {
			loss = losses[k]
		}
		if err := sched.Step(loss); err != nil {
			t.Fatalf("%s: step %d: %v", spec, k+1, err)
		}
	}
	return out
}

// schedule parses spec and builds its schedule.
func schedule(t *testing.T, spec string) *Schedule {
	t.Helper()
	s, err := ParseSpec(spec)
	if err != nil {
		t.Fatal(err)
	}
	opt, err := New(s)
	if err != nil {
		t.Fatal(err)
	}
	sched, err := NewSchedule(s, opt)
	if err != nil {
		t.Fatal(err)
	}
	return sched
}

// within reports whether got is within tol of want, relative to |want|.
func within(got, want, tol float64) bool {
	return math.Abs(got-want) <= tol*math.Abs(want) || got == want
}

// TestClosedForms: alone, the recursive schedulers equal the closed forms
// torch documents (its _get_closed_form_lr) to rounding, for 600 steps:
// through several periods of cosineannealinglr, past every milestone, and
// well past total_iters.
func TestClosedForms(t *testing.T) {
	const base = 0.1
	tests := []struct {
		spec   string
		closed func(e float64) float64
	}{
		{"sgd:lr=0.1+steplr:step_size=7,gamma=0.5", func(e float64) float64 { return base * math.Pow(0.5, math.Floor(e/7)) }},
		{"sgd:lr=0.1+steplr:step_size=30", func(e float64) float64 { return base * math.Pow(0.1, math.Floor(e/30)) }},
		{"sgd:lr=0.1+multisteplr:milestones=50;20;80,gamma=0.3", func(e float64) float64 {
			n := 0.0
			for _, m := range []float64{20, 50, 80} {
				if e >= m {
					n++
				}
			}
			return base * math.Pow(0.3, n)
		}},
		{"sgd:lr=0.1+exponentiallr:gamma=0.99", func(e float64) float64 { return base * math.Pow(0.99, e) }},
		{"sgd:lr=0.1+cosineannealinglr:T_max=40,eta_min=0.01", func(e float64) float64 {
			return 0.01 + (base-0.01)*(1+math.Cos(math.Pi*e/40))/2
		}},
		{"sgd:lr=0.1+cosineannealinglr:T_max=100", func(e float64) float64 { return base * (1 + math.Cos(math.Pi*e/100)) / 2 }},
		{"sgd:lr=0.1+linearlr:start_factor=0.25,end_factor=0.75,total_iters=40", func(e float64) float64 {
			return base * (0.25 + 0.5*math.Min(40, e)/40)
		}},
		{"sgd:lr=0.1+linearlr", func(e float64) float64 { return base * (1.0/3 + (2.0/3)*math.Min(5, e)/5) }},
		{"sgd:lr=0.1+constantlr:factor=0.5,total_iters=12", func(e float64) float64 {
			if e < 12 {
				return base * 0.5
			}
			return base
		}},
		{"sgd:lr=0.1+polynomiallr:total_iters=50,power=2", func(e float64) float64 { return base * math.Pow(1-math.Min(50, e)/50, 2) }},
		{"sgd:lr=0.1+polynomiallr:total_iters=30,power=0.5", func(e float64) float64 { return base * math.Pow(1-math.Min(30, e)/30, 0.5) }},
	}
	for _, tt := range tests {
		t.Run(tt.spec, func(t *testing.T) {
			for e, got := range lrs(t, tt.spec, 600) {
				want := tt.closed(float64(e))
				if !within(got, want, 1e-12) && math.Abs(got-want) > 1e-17 {
					t.Fatalf("epoch %d: lr %v, closed form %v", e, got, want)
				}
			}
		})
	}
}

// TestCosinePastTMax: the lr falls to eta_min at T_max and rises back to the
// initial lr at 2*T_max (torch's period), by the restart branch at T_max+1.
func TestCosinePastTMax(t *testing.T) {
	got := lrs(t, "sgd:lr=0.5+cosineannealinglr:T_max=10,eta_min=0.05", 41)
	for _, c := range []struct {
		epoch int
		want  float64
	}{{0, 0.5}, {10, 0.05}, {20, 0.5}, {30, 0.05}, {40, 0.5}} {
		if !within(got[c.epoch], c.want, 1e-12) {
			t.Errorf("epoch %d: lr %v, want %v", c.epoch, got[c.epoch], c.want)
		}
	}
	if !(got[11] > got[10] && got[15] > got[11]) {
		t.Errorf("lr does not rise after T_max: %v %v %v", got[10], got[11], got[15])
	}
}

// TestWarmRestarts: with T_mult 2 the periods are T_0, 2*T_0, 4*T_0: the lr
// is the initial lr at each restart and falls towards eta_min in between.
func TestWarmRestarts(t *testing.T) {
	got := lrs(t, "sgd:lr=0.2+cosineannealingwarmrestarts:T_0=5,T_mult=2,eta_min=0.02", 40)
	for _, restart := range []int{0, 5, 15, 35} {
		if got[restart] != 0.2 {
			t.Errorf("restart at %d: lr %v, want 0.2", restart, got[restart])
		}
	}
	// Half-way through the period of 10 steps that starts at 5.
	if want := 0.02 + (0.2-0.02)*(1+math.Cos(math.Pi*5/10))/2; !within(got[10], want, 1e-15) {
		t.Errorf("epoch 10: lr %v, want %v", got[10], want)
	}
	if !(got[14] < got[13] && got[14] > 0.02) {
		t.Errorf("lr before the restart at 15: %v after %v", got[14], got[13])
	}
	// T_mult 1 (the default): every period is T_0.
	one := lrs(t, "sgd:lr=0.2+cosineannealingwarmrestarts:T_0=4", 13)
	for _, restart := range []int{0, 4, 8, 12} {
		if one[restart] != 0.2 {
			t.Errorf("T_mult 1, restart at %d: lr %v, want 0.2", restart, one[restart])
		}
	}
	if want := 0.2 * (1 + math.Cos(math.Pi*3/4)) / 2; !within(one[7], want, 1e-15) {
		t.Errorf("T_mult 1, epoch 7: lr %v, want %v (eta_min 0)", one[7], want)
	}
}

// TestMultiStepRepeatedMilestones: a milestone given twice multiplies by
// gamma twice at once, and a milestone at 0 applies at construction.
func TestMultiStepRepeatedMilestones(t *testing.T) {
	got := lrs(t, "sgd:lr=1+multisteplr:milestones=3;3;5;0,gamma=0.5", 7)
	want := []float64{0.5, 0.5, 0.5, 0.125, 0.125, 0.0625, 0.0625}
	for k := range want {
		if got[k] != want[k] {
			t.Fatalf("lrs %v, want %v", got, want)
		}
	}
}

// TestPolynomialReachesZero: the lr is 0 from total_iters on, for any
// power > 0; with power 0 it stays put.
func TestPolynomialReachesZero(t *testing.T) {
	got := lrs(t, "adam:lr=0.3+polynomiallr:total_iters=8,power=3", 12)
	for k := 8; k < 12; k++ {
		if got[k] != 0 {
			t.Errorf("epoch %d: lr %v, want 0", k, got[k])
		}
	}
	if got[7] <= 0 {
		t.Errorf("epoch 7: lr %v, want > 0", got[7])
	}
	flat := lrs(t, "adam:lr=0.3+polynomiallr:total_iters=8,power=0", 12)
	for k, v := range flat {
		if v != 0.3 {
			t.Errorf("power 0, epoch %d: lr %v, want 0.3", k, v)
		}
	}
}

// TestWarmupThenCosine: the common chain. The warm-up ends at the lr it
// started from (end_factor 1) and the cosine, built second, starts from
// the warmed-down lr at step 0, then both rescale in turn: the chained lr
// is the product of the recursions, not of the closed forms.
func TestWarmupThenCosine(t *testing.T) {
	got := lrs(t, "sgd:lr=0.1+linearlr:start_factor=0.1,total_iters=10+cosineannealinglr:T_max=50", 60)
	if !within(got[0], 0.01, 1e-15) {
		t.Errorf("step 1 lr %v, want lr*start_factor 0.01", got[0])
	}
	// Without eta_min the recursions commute with the product of the
	// closed forms (to rounding).
	for e, v := range got {
		warm := 0.1 + 0.9*math.Min(10, float64(e))/10
		cos := (1 + math.Cos(math.Pi*float64(e)/50)) / 2
		if !within(v, 0.1*warm*cos, 1e-12) && math.Abs(v-0.1*warm*cos) > 1e-17 {
			t.Fatalf("epoch %d: lr %v, want %v", e, v, 0.1*warm*cos)
		}
	}
	// With eta_min > 0 they do not: torch follows the recursion.
	rec := lrs(t, "sgd:lr=0.1+linearlr:start_factor=0.1,total_iters=10+cosineannealinglr:T_max=50,eta_min=0.01", 20)
	e := 5.0
	product := 0.1 * (0.1 + 0.9*e/10) * (0.01/0.1 + (1-0.01/0.1)*(1+math.Cos(math.Pi*e/50))/2)
	if within(rec[5], product, 1e-6) {
		t.Errorf("epoch 5: the recursion %v equals the product of closed forms %v", rec[5], product)
	}
}

// TestOneCyclePhases: the lr starts at max_lr/div_factor, peaks at max_lr
// at the end of phase 1 (step pct_start*total_steps - 1) and ends at
// initial_lr/final_div_factor at total_steps - 1; the momentum does the
// opposite. With three_phase the lr is back at initial_lr at step
// 2*pct_start*total_steps - 2.
func TestOneCyclePhases(t *testing.T) {
	tests := []struct {
		spec string
		at   map[int][2]float64 // epoch: lr, momentum
	}{
		{"sgd:lr=1+onecyclelr:max_lr=1,total_steps=100,pct_start=0.2,div_factor=10,final_div_factor=100",
			map[int][2]float64{0: {0.1, 0.95}, 19: {1, 0.85}, 99: {0.001, 0.95}}},
		{"sgd:lr=1+onecyclelr:max_lr=1,total_steps=100,pct_start=0.3,div_factor=4,final_div_factor=10,anneal_strategy=linear",
			map[int][2]float64{0: {0.25, 0.95}, 99: {0.025, 0.95}}},
		{"sgd:lr=1+onecyclelr:max_lr=2,total_steps=51,pct_start=0.2,div_factor=8,final_div_factor=4,three_phase=true,base_momentum=0.7,max_momentum=0.9",
			map[int][2]float64{0: {0.25, 0.9}, 50: {0.0625, 0.9}}},
		{"rmsprop:lr=1+onecyclelr:max_lr=1,epochs=5,steps_per_epoch=20,pct_start=0.25",
			map[int][2]float64{0: {0.04, 0.95}, 24: {1, 0.85}, 99: {0.04 / 1e4, 0.95}}},
	}
	for _, tt := range tests {
		t.Run(tt.spec, func(t *testing.T) {
			sched := schedule(t, tt.spec)
			for e := 0; ; e++ {
				if want, ok := tt.at[e]; ok {
					m, cycled := sched.Momentum()
					if !within(sched.LR(), want[0], 1e-12) || !within(m, want[1], 1e-12) || !cycled {
						t.Errorf("epoch %d: lr %v momentum %v (cycled %v), want %v %v", e, sched.LR(), m, cycled, want[0], want[1])
					}
				}
				if err := sched.Step(0); err != nil {
					break
				}
			}
		})
	}
	// The peak of phase 1 falls on a whole step when pct_start*total_steps
	// is whole: 0.3*100 - 1 = 29.
	got := lrs(t, "adam:lr=1+onecyclelr:max_lr=0.5,total_steps=100", 100)
	if got[29] != 0.5 {
		t.Errorf("epoch 29: lr %v, want max_lr 0.5", got[29])
	}
	if !(got[28] < got[29] && got[30] < got[29]) {
		t.Errorf("the peak is not at 29: %v %v %v", got[28], got[29], got[30])
	}
	// Three phases: the peak at 0.2*50 - 1 = 9, back at initial_lr at
	// 2*0.2*50 - 2 = 18.
	three := lrs(t, "sgd:lr=1+onecyclelr:max_lr=2,total_steps=50,pct_start=0.2,div_factor=8,three_phase=true", 50)
	if !within(three[18], 0.25, 1e-12) || !within(three[9], 2, 1e-12) {
		t.Errorf("three phases: lr %v at 9 (want 2), %v at 18 (want 0.25)", three[9], three[18])
	}
}

// TestOneCycleOverstep: the schedule allows total_steps steps; one more is
// ErrScheduleEnded (torch raises), and the schedule stays as it was.
func TestOneCycleOverstep(t *testing.T) {
	sched := schedule(t, "adam:lr=0.1+onecyclelr:max_lr=0.5,total_steps=20")
	if n, ok := sched.Limit(); !ok || n != 20 {
		t.Fatalf("Limit %d %v, want 20 true", n, ok)
	}
	for k := 1; k <= 20; k++ {
		if err := sched.Step(1); err != nil {
			t.Fatalf("step %d: %v", k, err)
		}
	}
	lr := sched.LR()
	err := sched.Step(1)
	if !errors.Is(err, ErrScheduleEnded) || !strings.Contains(err.Error(), "onecyclelr allows 20 steps") {
		t.Fatalf("step 21: %v, want ErrScheduleEnded naming onecyclelr", err)
	}
	if sched.LR() != lr || sched.Steps() != 20 {
		t.Errorf("a refused step changed the schedule: lr %v -> %v, steps %d", lr, sched.LR(), sched.Steps())
	}
	// pct_start 1 leaves the last phase without length: torch divides by
	// zero at step total_steps, so the run ends one step earlier.
	if n, _ := schedule(t, "sgd:lr=0.1+onecyclelr:max_lr=1,total_steps=10,pct_start=1").Limit(); n != 9 {
		t.Errorf("pct_start 1: limit %d, want 9", n)
	}
	// Without onecyclelr there is no limit.
	if _, ok := schedule(t, "sgd:lr=0.1+steplr:step_size=3").Limit(); ok {
		t.Error("steplr has a limit")
	}
}

// TestCyclicModes: triangular keeps the height, triangular2 halves it each
// cycle, exp_range scales it by gamma^step; the momentum mirrors the lr.
func TestCyclicModes(t *testing.T) {
	const base, top = 0.001, 0.011
	tri := lrs(t, "sgd:lr=5+cycliclr:base_lr=0.001,max_lr=0.011,step_size_up=5", 31)
	tri2 := lrs(t, "sgd:lr=5+cycliclr:base_lr=0.001,max_lr=0.011,step_size_up=5,mode=triangular2", 31)
	exp := lrs(t, "sgd:lr=5+cycliclr:base_lr=0.001,max_lr=0.011,step_size_up=5,step_size_down=10,mode=exp_range,gamma=0.9", 31)
	for _, c := range []struct {
		name  string
		got   float64
		want  float64
		epoch int
	}{
		{"triangular start", tri[0], base, 0}, {"triangular peak", tri[5], top, 5}, {"triangular trough", tri[10], base, 10},
		{"triangular second peak", tri[15], top, 15},
		{"triangular2 first peak", tri2[5], top, 5}, {"triangular2 second peak", tri2[15], base + (top-base)/2, 15},
		{"triangular2 third peak", tri2[25], base + (top-base)/4, 25},
		{"exp_range peak", exp[5], base + (top-base)*math.Pow(0.9, 5), 5},
		{"exp_range mid-descent", exp[10], base + (top-base)*0.5*math.Pow(0.9, 10), 10},
		{"exp_range second peak", exp[20], base + (top-base)*math.Pow(0.9, 20), 20},
	} {
		if !within(c.got, c.want, 1e-12) {
			t.Errorf("%s (epoch %d): lr %v, want %v", c.name, c.epoch, c.got, c.want)
		}
	}
	sched := schedule(t, "sgd:lr=5,momentum=0.5+cycliclr:base_lr=0.001,max_lr=0.011,step_size_up=5")
	for e := 0; e <= 10; e++ {
		m, cycled := sched.Momentum()
		want := 0.9 - 0.1*(sched.LR()-base)/(top-base)
		if !cycled || !within(m, want, 1e-12) {
			t.Errorf("epoch %d: momentum %v, want %v", e, m, want)
		}
		sched.Step(0)
	}
}

// TestPlateau: the lr drops after more than patience steps without an
// improvement, then waits cooldown steps; threshold decides what counts.
func TestPlateau(t *testing.T) {
	flat := []float64{5, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4}
	tests := []struct {
		spec   string
		losses []float64
		want   []float64 // lr of steps 1..len
	}{
		// Epochs 3, 4 and 5 bring no improvement; at the third (more than
		// patience 2) the lr of step 6 is halved.
		{"sgd:lr=1+reducelronplateau:patience=2,factor=0.5", flat,
			[]float64{1, 1, 1, 1, 1, 0.5, 0.5, 0.5, 0.25, 0.25, 0.25, 0.125}},
		// Cooldown 2: after a reduction, two epochs do not count.
		{"sgd:lr=1+reducelronplateau:patience=1,factor=0.5,cooldown=2", flat,
			[]float64{1, 1, 1, 1, 0.5, 0.5, 0.5, 0.5, 0.25, 0.25, 0.25, 0.25}},
		// min_lr bounds the reduction; a reduction smaller than eps is skipped.
		{"sgd:lr=1+reducelronplateau:patience=0,factor=0.5,min_lr=0.3", flat[:5],
			[]float64{1, 1, 1, 0.5, 0.3}},
		// Relative threshold 0.1: 4.9 is no improvement on 5, 4.4 is.
		{"sgd:lr=1+reducelronplateau:patience=1,threshold=0.1", []float64{5, 4.9, 4.4, 4.3, 4.2},
			[]float64{1, 1, 1, 1, 1}},
		{"sgd:lr=1+reducelronplateau:patience=1,threshold=0.1", []float64{5, 4.9, 4.8, 4.7, 4.6},
			[]float64{1, 1, 1, 0.1, 0.1}},
		// Absolute threshold 0.5: 4.6 is no improvement on 5.
		{"sgd:lr=1+reducelronplateau:patience=1,threshold=0.5,threshold_mode=abs", []float64{5, 4.6, 4.6, 4, 3.9},
			[]float64{1, 1, 1, 0.1, 0.1}},
		// Absolute, not relative: 4.4 is an improvement on 5 by more than 0.5
		// (relatively it would need to be below 2.5).
		{"sgd:lr=1+reducelronplateau:patience=1,threshold=0.5,threshold_mode=abs", []float64{5, 4.4, 4.3, 4.2, 4.1},
			[]float64{1, 1, 1, 1, 0.1}},
		// Mode max with an absolute threshold: 5.6 beats 5 by more than 0.5.
		{"sgd:lr=1+reducelronplateau:mode=max,patience=1,threshold=0.5,threshold_mode=abs", []float64{5, 5.3, 5.6, 5.7},
			[]float64{1, 1, 1, 1}},
		// Mode max: a falling loss is bad.
		{"sgd:lr=1+reducelronplateau:mode=max,patience=0", []float64{5, 4, 6, 5},
			[]float64{1, 1, 0.1, 0.1}},
	}
	for _, tt := range tests {
		got := lrs(t, tt.spec, len(tt.want), tt.losses...)
		for k := range tt.want {
			if !within(got[k], tt.want[k], 1e-15) {
				t.Errorf("%s: lrs %v, want %v", tt.spec, got, tt.want)
				break
			}
		}
	}
	// eps: a reduction by less than eps is not applied.
	tiny := lrs(t, "sgd:lr=1e-8+reducelronplateau:patience=0,factor=0.5,eps=1e-8", 4, flat...)
	for _, v := range tiny {
		if v != 1e-8 {
			t.Fatalf("eps: lrs %v, want 1e-8 throughout", tiny)
		}
	}
}

// TestApply: the schedule writes the lr, and the momentum (or beta1) only
// when a scheduler cycles it, into the optimizer.
func TestApply(t *testing.T) {
	tests := []struct {
		spec     string
		lr, mom  float64
		momentum func(Optimizer) float64
	}{
		{"sgd:lr=0.1,momentum=0.5+steplr:step_size=2", 0.1, 0.5, func(o Optimizer) float64 { return o.(*SGD).Momentum }},
		{"sgd:lr=0.1+onecyclelr:max_lr=1,total_steps=10", 0.04, 0.95, func(o Optimizer) float64 { return o.(*SGD).Momentum }},
		{"rmsprop:lr=0.1+cycliclr:base_lr=0.2,max_lr=1", 0.2, 0.9, func(o Optimizer) float64 { return o.(*RMSprop).Momentum }},
		{"adam:lr=0.1+onecyclelr:max_lr=1,total_steps=10,max_momentum=0.93", 0.04, 0.93, func(o Optimizer) float64 { return o.(*Adam).Beta1 }},
		{"nadam:lr=0.1+onecyclelr:max_lr=1,total_steps=10", 0.04, 0.95, func(o Optimizer) float64 { return o.(*NAdam).Beta1 }},
		{"adam:lr=0.1,beta1=0.8+cycliclr:base_lr=0.2,max_lr=1,cycle_momentum=false", 0.2, 0.8, func(o Optimizer) float64 { return o.(*Adam).Beta1 }},
		{"adagrad:lr=0.1+onecyclelr:max_lr=1,total_steps=10,cycle_momentum=false", 0.04, 0, func(Optimizer) float64 { return 0 }},
	}
	for _, tt := range tests {
		s, err := ParseSpec(tt.spec)
		if err != nil {
			t.Fatal(err)
		}
		opt, _ := New(s)
		sched, err := NewSchedule(s, opt)
		if err != nil {
			t.Fatal(err)
		}
		if lr, _ := LearningRate(opt); lr != s.Values["lr"] {
			t.Errorf("%s: NewSchedule changed the optimizer's lr to %v", tt.spec, lr)
		}
		sched.Apply(opt)
		if lr, _ := LearningRate(opt); !within(lr, tt.lr, 1e-15) || !within(tt.momentum(opt), tt.mom, 1e-15) {
			t.Errorf("%s: after Apply lr %v momentum %v, want %v %v", tt.spec, lr, tt.momentum(opt), tt.lr, tt.mom)
		}
	}
	if s, _ := ParseSpec("adam"); s.Schedulers != nil {
		t.Error("a spec without '+' has schedulers")
	} else if sched, err := NewSchedule(s, &Adam{}); sched != nil || err != nil {
		t.Errorf("NewSchedule without schedulers: %v, %v; want nil, nil", sched, err)
	}
}

// TestResetAndClone: Reset restarts from step 0 with the optimizer's
// original settings; a clone steps on its own.
func TestResetAndClone(t *testing.T) {
	spec := "sgd:lr=0.1+linearlr:start_factor=0.5,total_iters=4+reducelronplateau:patience=0,factor=0.5"
	sched := schedule(t, spec)
	var first []float64
	for k := 0; k < 8; k++ {
		first = append(first, sched.LR())
		sched.Step(1) // a flat loss: the plateau halves the lr at every step from the second on
	}
	clone := sched.Clone()
	lr := sched.LR()
	for k := 0; k < 5; k++ {
		clone.Step(1)
	}
	if sched.LR() != lr || sched.Steps() != 8 || clone.Steps() != 13 || clone.LR() == lr {
		t.Errorf("clone shares state: original lr %v -> %v, steps %d, clone steps %d lr %v", lr, sched.LR(), sched.Steps(), clone.Steps(), clone.LR())
	}
	sched.Reset()
	for k := 0; k < 8; k++ {
		if sched.LR() != first[k] {
			t.Fatalf("after Reset, step %d: lr %v, want %v", k+1, sched.LR(), first[k])
		}
		sched.Step(1)
	}
	// A clone of a fresh schedule replays the same lrs.
	a := schedule(t, "sgd:lr=0.1,momentum=0.9+onecyclelr:max_lr=0.5,total_steps=30")
	b := a.Clone()
	for k := 0; k < 30; k++ {
		am, _ := a.Momentum()
		bm, _ := b.Momentum()
		if a.LR() != b.LR() || am != bm {
			t.Fatalf("step %d: clone lr %v momentum %v, original %v %v", k+1, b.LR(), bm, a.LR(), am)
		}
		a.Step(0)
		b.Step(0)
	}
}

// TestScheduleRefusesForeignOptimizer: Apply and NewSchedule need the
// package's optimizers.
func TestScheduleRefusesForeignOptimizer(t *testing.T) {
	s, _ := ParseSpec("sgd+steplr:step_size=3")
	_, err := NewSchedule(s, foreign{})
	if err == nil || !strings.Contains(err.Error(), "optim: a learning-rate schedule needs one of this package's optimizers") {
		t.Errorf("error %v", err)
	}
	if _, ok := LearningRate(foreign{}); ok {
		t.Error("LearningRate of a foreign optimizer")
	}
	// A momentum-cycling schedule given an optimizer without momentum.
	s, _ = ParseSpec("sgd+cycliclr:base_lr=0.1,max_lr=1")
	if _, err := NewSchedule(s, &Adam{}); err == nil || !strings.Contains(err.Error(), "cycle_momentum=false") {
		t.Errorf("cycliclr with an Adam: %v", err)
	}
	s, _ = ParseSpec("sgd+onecyclelr:max_lr=1,total_steps=5")
	if _, err := NewSchedule(s, &Rprop{}); err == nil || !strings.Contains(err.Error(), "cycle_momentum=false") {
		t.Errorf("onecyclelr with an Rprop: %v", err)
	}
}

// foreign is an optimizer from outside the package.
type foreign struct{}

func (foreign) Step(x, grad []float64)    {}
func (foreign) Reset()                    {}
func (foreign) State(dst []Entry) []Entry { return dst[:0] }
func (f foreign) Clone() Optimizer        { return f }
