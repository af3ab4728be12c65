package run

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"descent/optim"
	"descent/scene/surface"
)

func TestTrailBounds(t *testing.T) {
	tests := []struct{ capacity, pushes, wantLen, wantFirst int }{
		{5, 0, 0, 0},
		{5, 3, 3, 0},
		{5, 5, 5, 0},
		{5, 6, 5, 1},
		{5, 1003, 5, 998},
		{1, 10, 2, 8},         // capacity below 2 is raised to 2
		{100, 64, 64, 0},      // the first storage, full
		{100, 65, 65, 0},      // grown once
		{100, 1003, 100, 903}, // grown to the capacity, then a ring
		{1000, 999, 999, 0},
	}
	for _, tc := range tests {
		tr := NewTrail(tc.capacity)
		for i := range tc.pushes {
			tr.Push(Sample{Step: i})
		}
		if tr.Len() != tc.wantLen {
			t.Errorf("cap %d after %d pushes: len %d, want %d", tc.capacity, tc.pushes, tr.Len(), tc.wantLen)
		}
		if tr.Len() > tr.Cap() {
			t.Errorf("len %d exceeds cap %d", tr.Len(), tr.Cap())
		}
		for i := 0; i < tr.Len(); i++ {
			if got := tr.At(i).Step; got != tc.wantFirst+i {
				t.Errorf("cap %d after %d pushes: At(%d).Step = %d, want %d", tc.capacity, tc.pushes, i, got, tc.wantFirst+i)
			}
		}
		last, ok := tr.Last()
		if ok != (tc.pushes > 0) || (ok && last.Step != tc.pushes-1) {
			t.Errorf("Last() = %v, %v after %d pushes", last, ok, tc.pushes)
		}
	}
}

// TestTrailGrowsWithItsSamples: a trail's memory follows the samples pushed,
// never beyond its capacity, and Clear keeps what it has.
func TestTrailGrowsWithItsSamples(t *testing.T) {
	tr := NewTrail(1_000_000)
	for i := range 10 {
		tr.Push(Sample{Step: i})
	}
	if c := cap(tr.buf); c > trailFirstAlloc {
		t.Errorf("10 samples of a 1,000,000-sample trail take room for %d", c)
	}
	small := NewTrail(100)
	for i := range 1000 {
		small.Push(Sample{Step: i})
	}
	if c := cap(small.buf); c != 100 {
		t.Errorf("a full 100-sample trail has room for %d", c)
	}
	small.Clear()
	for i := range 3 {
		small.Push(Sample{Step: 10 + i})
	}
	if small.Len() != 3 || small.At(0).Step != 10 || small.At(2).Step != 12 || cap(small.buf) != 100 {
		t.Errorf("after Clear and 3 pushes: len %d, first %d, last %d, room %d", small.Len(), small.At(0).Step, small.At(2).Step, cap(small.buf))
	}
}

// lookup returns the surface surfName, for "MODEL:DATA" the model surface
// MODEL of the built-in data set DATA, or the expression after "expr:".
func lookup(t testing.TB, surfName string) *surface.Surface {
	t.Helper()
	var (
		surf *surface.Surface
		err  error
	)
	if e, ok := strings.CutPrefix(surfName, "expr:"); ok {
		surf, err = surface.FromExpr(e)
	} else if model, data, ok := strings.Cut(surfName, ":"); ok {
		surf, err = surface.LoadModel(model, data)
	} else {
		surf, err = surface.Lookup(surfName)
	}
	if err != nil {
		t.Fatal(err)
	}
	return surf
}

// newRun builds a run of spec (its schedule included) on the surface
// lookup finds for surfName.
func newRun(t testing.TB, surfName, spec string, start []float64, st Stochastic, trail int) *Run {
	t.Helper()
	surf := lookup(t, surfName)
	s, err := optim.ParseSpec(spec)
	if err != nil {
		t.Fatal(err)
	}
	opt, err := optim.New(s)
	if err != nil {
		t.Fatal(err)
	}
	if start == nil {
		start = surf.Start
	}
	r, err := New(surf, opt, start, st, trail)
	if err != nil {
		t.Fatal(err)
	}
	sched, err := optim.NewSchedule(s, opt)
	if err != nil {
		t.Fatal(err)
	}
	if sched != nil {
		r.SetSchedule(sched)
	}
	return r
}

func TestStepAndReset(t *testing.T) {
	r := newRun(t, "bowl", "sgd:lr=0.1", []float64{0, 0}, Stochastic{}, 100)
	for range 10 {
		if err := r.Step(); err != nil {
			t.Fatal(err)
		}
	}
	if r.Steps() != 10 || r.Trail.Len() != 11 {
		t.Fatalf("steps %d trail %d", r.Steps(), r.Trail.Len())
	}
	// GD on (x-2)^2+(y-3)^2 with lr 0.1 contracts the error by 0.8 per step.
	wantX := 2 - 2*math.Pow(0.8, 10)
	if math.Abs(r.Point()[0]-wantX) > 1e-12 {
		t.Errorf("x = %v, want %v", r.Point()[0], wantX)
	}
	first := r.Trail.At(0)
	if !first.HasGrad || first.GradX != -4 || first.GradY != -6 {
		t.Errorf("first sample gradient %+v, want (-4, -6)", first)
	}
	if r.Trail.At(10).HasGrad {
		t.Error("the newest sample has a gradient before its step")
	}
	r.Reset()
	if r.Steps() != 0 || r.Point()[0] != 0 || r.Trail.Len() != 1 || r.Loss() != 13 {
		t.Errorf("after reset: steps %d point %v trail %d loss %v", r.Steps(), r.Point(), r.Trail.Len(), r.Loss())
	}
}

func TestDivergenceStopsAtLastFinitePoint(t *testing.T) {
	r := newRun(t, "rosenbrock", "sgd:lr=1e6", nil, Stochastic{}, 10)
	var err error
	for range 500 {
		if err = r.Step(); err != nil {
			break
		}
	}
	if err != ErrDiverged || !r.Diverged() {
		t.Fatalf("err %v diverged %v", err, r.Diverged())
	}
	if r.DivergedAt() != r.Steps()+1 {
		t.Errorf("DivergedAt %d, steps %d", r.DivergedAt(), r.Steps())
	}
	for _, v := range append(r.Point(), r.Loss()) {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			t.Fatalf("diverged run holds non-finite value %v", v)
		}
	}
	steps := r.Steps()
	if r.Step() != ErrDiverged || r.Steps() != steps {
		t.Error("a diverged run kept stepping")
	}
}

// TestMiniBatchGradientIsUnbiased checks on every data surface that the
// mean of many mini-batch gradients converges to the full gradient: with
// 20000 batches of 8 the standard error is small enough for a 5-sigma bound.
func TestMiniBatchGradientIsUnbiased(t *testing.T) {
	cases := []struct {
		surface string
		at      []float64
	}{
		{"ols", []float64{1.5, -0.5}},
		{"logistic:logistic-200.csv", []float64{-1, 1}},
		{"logistic:logistic-separable-100.csv", []float64{0.5, 0.5}},
		{"tanh-unit:tanh-300.csv", []float64{0.8, -1}},
		{"mlp-slice", []float64{-0.5, 0.4}},
	}
	for _, c := range cases {
		t.Run(c.surface, func(t *testing.T) {
			r := newRun(t, c.surface, "sgd", c.at, Stochastic{Batch: 8, Seed: 7}, 2)
			full := make([]float64, 2)
			r.Surface.Grad(r.Point(), full)
			const n = 20000
			var sum, sumSq [2]float64
			g := make([]float64, 2)
			for range n {
				r.gradient(r.Point(), g)
				for i := range 2 {
					sum[i] += g[i]
					sumSq[i] += g[i] * g[i]
				}
			}
			for i := range 2 {
				mean := sum[i] / n
				variance := sumSq[i]/n - mean*mean
				stderr := math.Sqrt(variance / n)
				if variance <= 0 {
					t.Fatalf("component %d: mini-batch gradients do not vary", i)
				}
				if d := math.Abs(mean - full[i]); d > 5*stderr {
					t.Errorf("component %d: mean %v, full gradient %v: off by %.2g standard errors", i, mean, full[i], d/stderr)
				}
			}
		})
	}
}

// TestLargeBatchInChunks: a batch larger than the chunk a run draws at a
// time gives exactly the gradient of the whole batch drawn at once, and the
// run keeps only one chunk of indices.
func TestLargeBatchInChunks(t *testing.T) {
	const batch, seed = 1000, 5
	r := newRun(t, "ols", "sgd", []float64{1.5, -0.5}, Stochastic{Batch: batch, Seed: seed}, 2)
	if len(r.batch) != batchChunk {
		t.Fatalf("the run keeps %d indices, want one chunk of %d", len(r.batch), batchChunk)
	}
	g := make([]float64, 2)
	r.gradient(r.Point(), g)
	rng := rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15))
	idx := make([]int, batch)
	for i := range idx {
		idx[i] = rng.IntN(r.Surface.Data.Len())
	}
	_, dx, dy := r.Surface.Data.BatchGradient(1.5, -0.5, idx)
	if g[0] != dx || g[1] != dy {
		t.Errorf("in chunks (%v, %v), at once (%v, %v)", g[0], g[1], dx, dy)
	}
}

func TestNoiseHasTheAskedSpread(t *testing.T) {
	r := newRun(t, "bowl", "sgd", []float64{0, 0}, Stochastic{Noise: 0.5, Seed: 3}, 2)
	exact := make([]float64, 2)
	r.Surface.Grad(r.Point(), exact)
	const n = 20000
	var sum, sumSq float64
	g := make([]float64, 2)
	for range n {
		r.gradient(r.Point(), g)
		d := g[0] - exact[0]
		sum += d
		sumSq += d * d
	}
	mean, sd := sum/n, math.Sqrt(sumSq/n-(sum/n)*(sum/n))
	if math.Abs(mean) > 5*0.5/math.Sqrt(n) || math.Abs(sd-0.5) > 0.02 {
		t.Errorf("noise mean %v sd %v, want 0 and 0.5", mean, sd)
	}
}

func TestNewRejectsBadInput(t *testing.T) {
	surf, _ := surface.Lookup("bowl")
	ols, _ := surface.Lookup("ols")
	s, _ := optim.ParseSpec("sgd")
	opt, _ := optim.New(s)
	tests := []struct {
		name  string
		start []float64
		st    Stochastic
		want  string // a fragment of the error
	}{
		{"short start", []float64{1}, Stochastic{}, "start point has 1 coordinates, bowl needs 2"},
		{"NaN start", []float64{math.NaN(), 1}, Stochastic{}, "is not finite"},
		{"batch without data", []float64{0, 0}, Stochastic{Batch: 4}, "-batch needs a data surface"},
		{"negative batch", []float64{0, 0}, Stochastic{Batch: -1}, "invalid batch size: -1 (must be 0..1000000)"},
		{"batch past the bound", []float64{0, 0}, Stochastic{Batch: MaxBatch + 1}, "invalid batch size: 1000001 (must be 0..1000000)"},
		{"infinite noise", []float64{0, 0}, Stochastic{Noise: math.Inf(1)}, "invalid noise: +Inf"},
		{"negative noise", []float64{0, 0}, Stochastic{Noise: -0.5}, "invalid noise: -0.5"},
	}
	for _, tc := range tests {
		target := surf
		if tc.st.Batch > MaxBatch {
			target = ols // the batch is past the bound, not merely on the wrong surface
		}
		_, err := New(target, opt, tc.start, tc.st, 10)
		if err == nil || !strings.HasPrefix(err.Error(), "run: ") || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want one starting \"run: \" and saying %q", tc.name, err, tc.want)
		}
	}
	if _, err := New(nil, opt, []float64{0, 0}, Stochastic{}, 10); err == nil || !strings.Contains(err.Error(), "needs a surface and an optimizer") {
		t.Errorf("no surface: error %v, want one saying a run needs a surface", err)
	}
}

// TestMemoryFlatOverLongRuns steps 8 runs 1,000,000 times in all and checks
// that the trails stay at their capacity and the heap does not grow. It is
// not parallel: AllocsPerRun counts the allocations of the whole process.
func TestMemoryFlatOverLongRuns(t *testing.T) {
	if testing.Short() {
		t.Skip("long run skipped in -short mode")
	}
	runs := make([]*Run, 8)
	for i := range runs {
		runs[i] = newRun(t, "bowl", "adam:lr=0.01", []float64{float64(i) - 1, 0}, Stochastic{Noise: 0.1, Seed: uint64(i)}, 1000)
	}
	allocs := testing.AllocsPerRun(1, func() {
		for range 1_000_000 / 8 {
			for _, r := range runs {
				r.Step()
			}
		}
	})
	if allocs > 0 {
		t.Errorf("%v allocations over 1,000,000 steps", allocs)
	}
	for _, r := range runs {
		if r.Trail.Len() != 1000 {
			t.Errorf("trail holds %d samples, want 1000", r.Trail.Len())
		}
	}
}

// BenchmarkMaxBatchGradient measures one mini-batch gradient of MaxBatch
// points on the built-in data: the cost behind MaxBatch.
func BenchmarkMaxBatchGradient(b *testing.B) {
	surf, err := surface.Lookup("ols")
	if err != nil {
		b.Fatal(err)
	}
	s, _ := optim.ParseSpec("sgd")
	opt, _ := optim.New(s)
	r, err := New(surf, opt, []float64{1, 1}, Stochastic{Batch: MaxBatch, Seed: 1}, 2)
	if err != nil {
		b.Fatal(err)
	}
	g := make([]float64, 2)
	for b.Loop() {
		r.gradient(r.Point(), g)
	}
}
