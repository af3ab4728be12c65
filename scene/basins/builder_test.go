package basins

import (
	"context"
	"errors"
	"slices"
	"sync"
	"testing"

	"descent/scene/run"
)

// TestBuilderMatchesCompute: a map built row by row, by one worker or by
// several goroutines taking rows as they come, and with one worker reused
// across two builders of different problems, is Compute's map bit for bit.
func TestBuilderMatchesCompute(t *testing.T) {
	noisy := problem(t, "himmelblau", "", "nesterov:lr=0.003", 60)
	noisy.Stochastic = run.Stochastic{Noise: 0.5, Seed: 7}
	tests := []struct {
		name    string
		p       Problem
		n       int
		workers int
	}{
		{"adam, one worker", himmelblauAdam(t, 40), 17, 1},
		{"adam, three goroutines", himmelblauAdam(t, 40), 23, 3},
		{"noisy nesterov, two goroutines", noisy, 16, 2},
		{"rmsprop on rosenbrock, one worker", problem(t, "rosenbrock", "", "rmsprop:lr=0.01", 50), 9, 1},
	}
	var shared Worker // reused across the single-worker cases
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want, err := Compute(context.Background(), tt.p, tt.n, Options{})
			if err != nil {
				t.Fatal(err)
			}
			b, err := NewBuilder(tt.p, tt.n)
			if err != nil {
				t.Fatal(err)
			}
			if b.Done() || b.RowsDone() != 0 || b.N() != tt.n {
				t.Fatalf("new builder: done %v, rows %d, n %d", b.Done(), b.RowsDone(), b.N())
			}
			var wg sync.WaitGroup
			errs := make([]error, tt.workers)
			for w := range tt.workers {
				wg.Add(1)
				go func() {
					defer wg.Done()
					wk := &shared
					if tt.workers > 1 {
						wk = &Worker{}
					}
					for {
						ok, err := b.Row(context.Background(), wk)
						if err != nil || !ok {
							errs[w] = err
							return
						}
					}
				}()
			}
			wg.Wait()
			if err := errors.Join(errs...); err != nil {
				t.Fatal(err)
			}
			got := b.Map()
			if !b.Done() || b.RowsDone() != tt.n {
				t.Fatalf("after every row: done %v, rows %d", b.Done(), b.RowsDone())
			}
			if !slices.Equal(got.Outcome, want.Outcome) || !slices.Equal(got.StepsTo, want.StepsTo) ||
				!slices.EqualFunc(got.EndX, want.EndX, same) || !slices.EqualFunc(got.EndY, want.EndY, same) ||
				!slices.EqualFunc(got.Loss, want.Loss, same) || got.Domain != want.Domain || got.Tol != want.Tol {
				t.Errorf("builder's map differs from Compute's")
			}
		})
	}
}

// TestBuilderCancelledAndBad: a cancelled row leaves the builder unfinished
// with the context's error, and a bad problem or size is refused.
func TestBuilderCancelledAndBad(t *testing.T) {
	b, err := NewBuilder(himmelblauAdam(t, 1000), 10)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var w Worker
	if ok, err := b.Row(ctx, &w); ok || !errors.Is(err, context.Canceled) || b.Done() {
		t.Errorf("row under a cancelled context = %v, %v (done %v)", ok, err, b.Done())
	}
	if _, err := NewBuilder(himmelblauAdam(t, 10), 0); err == nil {
		t.Error("a grid of 0 was accepted")
	}
	p := himmelblauAdam(t, 10)
	p.Surface = nil
	if _, err := NewBuilder(p, 10); err == nil || err.Error() != "basins: no surface" {
		t.Errorf("no surface: %v", err)
	}
}
