package run

import (
	"errors"
	"testing"

	"descent/optim"
)

// TestScheduledRunFollowsTheSchedule: a run with a schedule takes exactly
// the steps of the hand-written torch loop (apply, step, schedule.Step(loss
// before the step)), and its trail records the lr of every step.
func TestScheduledRunFollowsTheSchedule(t *testing.T) {
	specs := []string{
		"sgd:lr=0.01,momentum=0.9+linearlr:start_factor=0.1,total_iters=10+cosineannealinglr:T_max=40,eta_min=0.001",
		"adam:lr=0.3+reducelronplateau:patience=3,factor=0.5",
		"sgd:lr=0.01+onecyclelr:max_lr=0.02,total_steps=60",
		"rmsprop:lr=0.01+cycliclr:base_lr=0.001,max_lr=0.02,step_size_up=7,mode=triangular2",
	}
	for _, spec := range specs {
		t.Run(spec, func(t *testing.T) {
			r := newRun(t, "himmelblau", spec, []float64{0, 0}, Stochastic{}, 1000)
			if r.Schedule() == nil {
				t.Fatal("no schedule")
			}
			// The same loop by hand.
			s, _ := optim.ParseSpec(spec)
			opt, _ := optim.New(s)
			sched, _ := optim.NewSchedule(s, opt)
			x, g := []float64{0, 0}, make([]float64, 2)
			for k := 0; k < 60; k++ {
				loss := r.Surface.Value(x)
				r.Surface.Grad(x, g)
				if r.LR() != sched.LR() {
					t.Fatalf("step %d: run lr %v, schedule %v", k+1, r.LR(), sched.LR())
				}
				sched.Apply(opt)
				opt.Step(x, g)
				if err := sched.Step(loss); err != nil {
					t.Fatal(err)
				}
				if err := r.Step(); err != nil {
					t.Fatal(err)
				}
				if r.Point()[0] != x[0] || r.Point()[1] != x[1] {
					t.Fatalf("step %d: run at %v, by hand %v", k+1, r.Point(), x)
				}
			}
			// The trail: sample k holds the lr of step k+1.
			lrs := make([]float64, 0, 61)
			s2, _ := optim.ParseSpec(spec)
			o2, _ := optim.New(s2)
			sc2, _ := optim.NewSchedule(s2, o2)
			for k := 0; k <= 60; k++ {
				lrs = append(lrs, sc2.LR())
				if k < 60 {
					loss := r.Trail.At(k).Loss
					sc2.Step(loss)
				}
			}
			for k := 0; k < r.Trail.Len(); k++ {
				if got := r.Trail.At(k); got.Step != k || got.LR != lrs[k] {
					t.Fatalf("trail sample %d: step %d lr %v, want lr %v", k, got.Step, got.LR, lrs[k])
				}
			}
		})
	}
}

// TestResetRestartsTheSchedule: after Reset the run replays the same lrs
// and points.
func TestResetRestartsTheSchedule(t *testing.T) {
	r := newRun(t, "rosenbrock", "adam:lr=0.05+steplr:step_size=5,gamma=0.5+reducelronplateau:patience=2", nil, Stochastic{}, 100)
	var lrs, xs []float64
	for range 30 {
		lrs, xs = append(lrs, r.LR()), append(xs, r.Point()[0])
		if err := r.Step(); err != nil {
			t.Fatal(err)
		}
	}
	if lrs[29] == lrs[0] {
		t.Fatalf("the lr never changed: %v", lrs)
	}
	r.Reset()
	if r.Schedule().Steps() != 0 {
		t.Fatalf("schedule at step %d after Reset", r.Schedule().Steps())
	}
	for k := range 30 {
		if r.LR() != lrs[k] || r.Point()[0] != xs[k] {
			t.Fatalf("after Reset, step %d: lr %v x %v, want %v %v", k+1, r.LR(), r.Point()[0], lrs[k], xs[k])
		}
		r.Step()
	}
}

// TestScheduleEndsTheRun: onecyclelr allows total_steps steps; the run then
// ends where it is, not diverged.
func TestScheduleEndsTheRun(t *testing.T) {
	r := newRun(t, "bowl", "sgd:lr=0.1+onecyclelr:max_lr=0.2,total_steps=25", []float64{0, 0}, Stochastic{}, 100)
	for k := 1; k <= 25; k++ {
		if r.Ended() {
			t.Fatalf("ended before step %d", k)
		}
		if err := r.Step(); err != nil {
			t.Fatalf("step %d: %v", k, err)
		}
	}
	p := append([]float64(nil), r.Point()...)
	err := r.Step()
	if !errors.Is(err, ErrScheduleEnded) || !r.Ended() || r.Diverged() {
		t.Fatalf("step 26: %v, ended %v, diverged %v", err, r.Ended(), r.Diverged())
	}
	if r.Steps() != 25 || r.Point()[0] != p[0] || r.Trail.Len() != 26 {
		t.Errorf("a refused step moved the run: steps %d, point %v (was %v), trail %d", r.Steps(), r.Point(), p, r.Trail.Len())
	}
	r.Reset()
	if r.Ended() || r.Step() != nil {
		t.Error("Reset did not restart the schedule")
	}
}

// TestLRWithoutSchedule: a run without a schedule reports its optimizer's
// lr for every step, and SetSchedule(nil) removes a schedule.
func TestLRWithoutSchedule(t *testing.T) {
	r := newRun(t, "bowl", "adam:lr=0.25", nil, Stochastic{}, 10)
	r.Step()
	if r.LR() != 0.25 || r.Trail.At(0).LR != 0.25 || r.Trail.At(1).LR != 0.25 || r.Ended() {
		t.Errorf("lr %v, trail %v %v, ended %v", r.LR(), r.Trail.At(0).LR, r.Trail.At(1).LR, r.Ended())
	}
	s := newRun(t, "bowl", "adam:lr=0.25+exponentiallr:gamma=0.5", nil, Stochastic{}, 10)
	s.Step()
	if s.LR() != 0.125 {
		t.Errorf("scheduled lr %v, want 0.125", s.LR())
	}
	s.SetSchedule(nil)
	if s.Schedule() != nil || s.Steps() != 0 {
		t.Error("SetSchedule(nil) kept the schedule or did not reset")
	}
	// The optimizer keeps the lr the schedule gave its last step (a run
	// that drops its schedule wants a fresh optimizer, as the window's
	// edits make).
	if s.LR() != 0.25 {
		t.Errorf("lr after dropping the schedule %v, want 0.25", s.LR())
	}
}
