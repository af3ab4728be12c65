package run

import (
	"testing"

	"descent/optim"
)

// TestSnapshotExplainsTheStep: the optimizer a snapshot gives for the next
// step, explained at the snapshot's point with the gradient the step drew
// (noise and mini-batches included), lands exactly where the run stepped,
// for every kind of optimizer and with schedules that change the lr and
// the momentum.
func TestSnapshotExplainsTheStep(t *testing.T) {
	tests := []struct {
		surface, spec string
		st            Stochastic
	}{
		{"rosenbrock", "sgd:lr=0.001", Stochastic{}},
		{"rosenbrock", "nesterov:lr=0.0005+cosineannealinglr:T_max=30", Stochastic{}},
		{"himmelblau", "adam:lr=0.05+onecyclelr:max_lr=0.05,total_steps=60", Stochastic{Noise: 1, Seed: 4}},
		{"ols", "rmsprop:lr=0.01,momentum=0.5+steplr:step_size=5,gamma=0.5", Stochastic{Batch: 4, Seed: 2}},
		{"beale", "adagrad:lr=0.1,lr_decay=0.01", Stochastic{}},
		{"beale", "adadelta", Stochastic{}},
		{"beale", "nadam:lr=0.01", Stochastic{}},
		{"beale", "radam:lr=0.01", Stochastic{}},
		{"beale", "adamax:lr=0.01", Stochastic{}},
		{"beale", "rprop:lr=0.01", Stochastic{}},
		{"beale", "adamw:lr=0.01,amsgrad=true", Stochastic{}},
	}
	for _, tt := range tests {
		start := []float64{1, 1.5}
		if tt.surface == "ols" {
			start = nil // its own start, near its data's fit
		}
		r := newRun(t, tt.surface, tt.spec, start, tt.st, 10)
		for k := range 40 {
			snap := r.Snapshot()
			if err := r.Step(); err != nil {
				t.Fatalf("%s: step %d: %v", tt.spec, k+1, err)
			}
			n := r.Trail.Len()
			s := r.Trail.At(n - 2)
			if !s.HasGrad || s.Step != k {
				t.Fatalf("%s: the trail's sample before the last is step %d, has grad %v", tt.spec, s.Step, s.HasGrad)
			}
			grad := []float64{s.GradX, s.GradY}
			e := optim.Explain(snap.NextOptimizer(), snap.Point(), grad)
			if e.Next[0] != r.Point()[0] || e.Next[1] != r.Point()[1] || e.Step != k+1 {
				t.Fatalf("%s: step %d explained to %v (t=%d), the run went to %v", tt.spec, k+1, e.Next, e.Step, r.Point())
			}
			if lr := e.LR; tt.spec == "adagrad:lr=0.1,lr_decay=0.01" {
				if want := 0.1 / (1 + float64(k)*0.01); lr != want {
					t.Fatalf("%s: step %d's lr %v, want clr %v", tt.spec, k+1, lr, want)
				}
			}
		}
	}
}

// TestNextGradient: the gradient NextGradient foresees is the one the next
// step uses, noise and mini-batches included, and peeking changes nothing.
func TestNextGradient(t *testing.T) {
	for _, st := range []Stochastic{{}, {Noise: 2, Seed: 5}, {Batch: 3, Seed: 8}} {
		r := newRun(t, "ols", "sgd:lr=0.01", nil, st, 10)
		other := newRun(t, "ols", "sgd:lr=0.01", nil, st, 10)
		grad := make([]float64, 2)
		for k := range 20 {
			r.NextGradient(grad)
			r.NextGradient(grad) // twice: the same
			if err := r.Step(); err != nil {
				t.Fatal(err)
			}
			_ = other.Step()
			s := r.Trail.At(r.Trail.Len() - 2)
			if grad[0] != s.GradX || grad[1] != s.GradY {
				t.Fatalf("%+v step %d: foreseen %v, used %v, %v", st, k+1, grad, s.GradX, s.GradY)
			}
			if r.Point()[0] != other.Point()[0] || r.Point()[1] != other.Point()[1] {
				t.Fatalf("%+v step %d: peeking changed the path", st, k+1)
			}
		}
	}
}
