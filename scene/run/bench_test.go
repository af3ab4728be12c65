package run

import (
	"slices"
	"testing"
	"time"
)

// scheduleCases pair a scheduled spec with the same optimizer unscheduled.
var scheduleCases = []struct{ name, base, spec string }{
	{"steplr", "sgd:lr=0.001,momentum=0.9", "sgd:lr=0.001,momentum=0.9+steplr:step_size=100,gamma=0.5"},
	{"cosine", "sgd:lr=0.001,momentum=0.9", "sgd:lr=0.001,momentum=0.9+cosineannealinglr:T_max=1000"},
	{"warmup+cosine", "sgd:lr=0.001,momentum=0.9", "sgd:lr=0.001,momentum=0.9+linearlr:start_factor=0.1,total_iters=100+cosineannealinglr:T_max=1000"},
	{"warmrestarts", "sgd:lr=0.001,momentum=0.9", "sgd:lr=0.001,momentum=0.9+cosineannealingwarmrestarts:T_0=100,T_mult=2"},
	{"onecycle-sgd", "sgd:lr=0.001,momentum=0.9", "sgd:lr=0.001,momentum=0.9+onecyclelr:max_lr=0.001,total_steps=1000000000"},
	{"cyclic-sgd", "sgd:lr=0.001,momentum=0.9", "sgd:lr=0.001,momentum=0.9+cycliclr:base_lr=0.0001,max_lr=0.001,step_size_up=50"},
	{"plateau-adam", "adam:lr=0.01", "adam:lr=0.01+reducelronplateau:patience=20"},
	{"onecycle-adam", "adam:lr=0.01", "adam:lr=0.01+onecyclelr:max_lr=0.01,total_steps=1000000000"},
}

// stepBlock restarts r and returns the time per step of its first n
// steps. Restarting keeps the measure to a run on its way, as shown: a run
// that has converged steps on gradients that underflow to subnormal
// numbers, which cost the processor many times more.
func stepBlock(r *Run, n int) time.Duration {
	r.Reset()
	start := time.Now()
	for range n {
		r.Step()
	}
	return time.Since(start) / time.Duration(n)
}

// benchSurfaces are the cheapest surface there is (Rosenbrock, built in)
// and a typed formula, differentiated automatically as in the window.
var benchSurfaces = []struct{ name, surface string }{
	{"rosenbrock", "rosenbrock"},
	{"expr", "expr:(1-x)^2 + 100*(y-x^2)^2"},
}

// BenchmarkScheduleOverhead measures run.Step with a schedule and without
// one (the same optimizer), in alternating blocks of 500 steps so that both
// see the same machine, and reports the median time per step of each and
// the ratio of the medians (the bound: 1.2).
func BenchmarkScheduleOverhead(b *testing.B) {
	for _, sf := range benchSurfaces {
		for _, c := range scheduleCases {
			b.Run(sf.name+"/"+c.name, func(b *testing.B) { benchOverhead(b, sf.surface, c.base, c.spec) })
		}
	}
}

// benchOverhead is one case of BenchmarkScheduleOverhead.
func benchOverhead(b *testing.B, surf, baseSpec, spec string) {
	base := newRun(b, surf, baseSpec, []float64{-1.5, 2}, Stochastic{}, 1000)
	sched := newRun(b, surf, spec, []float64{-1.5, 2}, Stochastic{}, 1000)
	if sched.Schedule() == nil {
		b.Fatal("no schedule")
	}
	var tb, ts []time.Duration
	for b.Loop() {
		tb = append(tb, stepBlock(base, 500))
		ts = append(ts, stepBlock(sched, 500))
	}
	slices.Sort(tb)
	slices.Sort(ts)
	mb, ms := tb[len(tb)/2], ts[len(ts)/2]
	b.ReportMetric(float64(mb.Nanoseconds()), "base-ns/step")
	b.ReportMetric(float64(ms.Nanoseconds()), "sched-ns/step")
	b.ReportMetric(float64(ms)/float64(mb), "ratio")
}
