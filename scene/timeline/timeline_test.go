package timeline

import (
	"math/rand/v2"
	"testing"

	"descent/optim"
	"descent/scene/run"
	"descent/scene/surface"
)

// setup is one run's settings.
type setup struct {
	name, surface, spec string
	start               []float64
	st                  run.Stochastic
}

var setups = []setup{
	{"sgd on himmelblau", "himmelblau", "sgd:lr=0.01", []float64{0, 0}, run.Stochastic{}},
	{"adam with noise", "rosenbrock", "adam:lr=0.05", []float64{-1.5, 2}, run.Stochastic{Noise: 0.5, Seed: 3}},
	{"mini-batches and step decay", "ols", "momentum:lr=0.05+steplr:step_size=60,gamma=0.5", nil, run.Stochastic{Batch: 8, Seed: 11}},
	{"one-cycle that ends", "beale", "sgd:lr=0.001,momentum=0.9+onecyclelr:max_lr=0.002,total_steps=500", []float64{1, 1}, run.Stochastic{}},
	{"plateau", "himmelblau", "rmsprop:lr=0.01+reducelronplateau:patience=3,factor=0.5", []float64{-1, -1}, run.Stochastic{Noise: 2, Seed: 5}},
}

// newRun builds the run of s keeping trail iterates.
func newRun(t testing.TB, s setup, trail int) *run.Run {
	t.Helper()
	surf, err := surface.Lookup(s.surface)
	if err != nil {
		t.Fatal(err)
	}
	spec, err := optim.ParseSpec(s.spec)
	if err != nil {
		t.Fatal(err)
	}
	opt, err := optim.New(spec)
	if err != nil {
		t.Fatal(err)
	}
	start := s.start
	if start == nil {
		start = surf.Start
	}
	r, err := run.New(surf, opt, start, s.st, trail)
	if err != nil {
		t.Fatal(err)
	}
	sched, err := optim.NewSchedule(spec, opt)
	if err != nil {
		t.Fatal(err)
	}
	if sched != nil {
		r.SetSchedule(sched)
	}
	return r
}

// same reports how got differs from want ("" when in nothing): steps,
// point, loss, lr, divergence and every sample of the trail, bit for bit.
func same(got, want *run.Run) string {
	switch {
	case got.Steps() != want.Steps():
		return "steps"
	case got.Loss() != want.Loss() || got.LR() != want.LR() || got.Diverged() != want.Diverged():
		return "loss, lr or divergence"
	case got.Trail.Len() != want.Trail.Len():
		return "trail length"
	}
	for i, v := range got.Point() {
		if v != want.Point()[i] {
			return "point"
		}
	}
	for i := range got.Trail.Len() {
		if got.Trail.At(i) != want.Trail.At(i) {
			return "trail sample"
		}
	}
	return ""
}

// reference returns a fresh run of s stepped n times (or until it stops).
func reference(t testing.TB, s setup, trail, n int) *run.Run {
	r := newRun(t, s, trail)
	for r.Steps() < n {
		if r.Step() != nil {
			break
		}
	}
	return r
}

// TestSeekRoundTrip: back, forth and back again in a random order, every
// step shown is the state a fresh run reaches there (trail included), and
// playing on from a step shown gives the same path as never having gone
// back.
func TestSeekRoundTrip(t *testing.T) {
	const trail, steps = 40, 700
	for _, s := range setups {
		t.Run(s.name, func(t *testing.T) {
			r := newRun(t, s, trail)
			tape := New(r)
			for range steps {
				if r.Step() != nil {
					break
				}
				tape.Record(r)
			}
			frontier := tape.Frontier()
			if frontier != r.Steps() || frontier < 400 {
				t.Fatalf("frontier %d, run at %d", frontier, r.Steps())
			}
			rng := rand.New(rand.NewPCG(1, 2))
			targets := []int{0, frontier, 1, frontier - 1, 39, 40, 41, frontier / 2, frontier/2 + 1, frontier / 2}
			for range 12 {
				targets = append(targets, rng.IntN(frontier+1))
			}
			for _, to := range targets {
				shown, _ := tape.Seek(r, to)
				if shown != to {
					t.Fatalf("Seek(%d) showed %d", to, shown)
				}
				if d := same(r, reference(t, s, trail, to)); d != "" {
					t.Fatalf("at step %d after seeking, the %s differs from a fresh run's", to, d)
				}
			}
			// Beyond the frontier: the frontier.
			if shown, _ := tape.Seek(r, frontier+50); shown != frontier {
				t.Errorf("Seek past the frontier showed %d, want %d", shown, frontier)
			}
			// Play on from a step shown, as the window does.
			tape.Seek(r, 123)
			for r.Steps() < frontier+100 {
				if r.Step() != nil {
					break
				}
				tape.Record(r)
			}
			if d := same(r, reference(t, s, trail, frontier+100)); d != "" {
				t.Errorf("playing on from step 123 to %d: the %s differs from a run that never went back", r.Steps(), d)
			}
		})
	}
}

// TestMemoryBound: a million steps keep at most MaxMarks snapshots, and
// any step is still shown exactly, recomputing at most the snapshot
// spacing plus the trail.
func TestMemoryBound(t *testing.T) {
	if testing.Short() {
		t.Skip("a million steps: skipped with -short")
	}
	const trail, steps = 1000, 1_000_000
	s := setup{"sgd on the bowl", "bowl", "sgd:lr=0.001", []float64{-4, 4}, run.Stochastic{Noise: 1, Seed: 9}}
	r := newRun(t, s, trail)
	tape := New(r)
	for range steps {
		if err := r.Step(); err != nil {
			t.Fatal(err)
		}
		tape.Record(r)
	}
	if tape.Marks() > MaxMarks || tape.Marks() < MaxMarks/2 {
		t.Errorf("%d snapshots for a million steps, want between %d and %d", tape.Marks(), MaxMarks/2, MaxMarks)
	}
	if tape.Every()*tape.Marks() < steps-tape.Every() {
		t.Errorf("snapshots every %d steps, %d of them: they do not span the run", tape.Every(), tape.Marks())
	}
	for _, to := range []int{123_457, 999_001, 0, 500_000} {
		_, n := tape.Seek(r, to)
		if n > tape.Every()+trail {
			t.Errorf("Seek(%d) recomputed %d steps, more than %d + %d", to, n, tape.Every(), trail)
		}
		want := reference(t, s, trail, to)
		if d := same(r, want); d != "" {
			t.Errorf("at step %d the %s differs from a fresh run's", to, d)
		}
	}
}

// TestDivergedRunSeek: a run that diverged is shown diverged again at its
// last step after going back, and not before it.
func TestDivergedRunSeek(t *testing.T) {
	s := setup{"too large a step", "rosenbrock", "sgd:lr=0.01", []float64{-1.5, 2}, run.Stochastic{}}
	r := newRun(t, s, 100)
	tape := New(r)
	for range 200 {
		err := r.Step()
		tape.Record(r)
		if err != nil {
			break
		}
	}
	if !r.Diverged() {
		t.Fatal("the run did not diverge")
	}
	last := r.Steps()
	tape.Seek(r, last-3)
	if r.Diverged() || r.Steps() != last-3 {
		t.Errorf("three steps back: step %d, diverged %v", r.Steps(), r.Diverged())
	}
	tape.Seek(r, last)
	if !r.Diverged() || r.Steps() != last {
		t.Errorf("back at the last step %d: step %d, diverged %v", last, r.Steps(), r.Diverged())
	}
}

// BenchmarkSeek100k measures the latency of a scrub at 100,000 steps
// computed: from one random step to another, trail 1000.
func BenchmarkSeek100k(b *testing.B) {
	s := setups[1]
	r := newRun(b, s, 1000)
	tape := New(r)
	for range 100_000 {
		_ = r.Step()
		tape.Record(r)
	}
	rng := rand.New(rand.NewPCG(7, 7))
	b.ResetTimer()
	for b.Loop() {
		tape.Seek(r, rng.IntN(100_001))
	}
}
