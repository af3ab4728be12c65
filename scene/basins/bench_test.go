package basins

import (
	"context"
	"syscall"
	"testing"
	"time"

	"descent/optim"
	"descent/scene/surface"
)

// himmelblauAdam is the problem of the speed target: Adam lr 0.05 on
// Himmelblau's function.
func himmelblauAdam(tb testing.TB, steps int) Problem {
	tb.Helper()
	s, err := surface.Lookup("himmelblau")
	if err != nil {
		tb.Fatal(err)
	}
	spec, err := optim.ParseSpec("adam:lr=0.05")
	if err != nil {
		tb.Fatal(err)
	}
	return Problem{Surface: s, Spec: spec, Steps: steps}
}

// benchmarkCompute reports optimizer steps per second of an n x n map of
// 300 steps on the given number of workers (0: all cores).
func benchmarkCompute(b *testing.B, n, workers int) {
	p := himmelblauAdam(b, 300)
	cpu0 := cpuTime()
	for b.Loop() {
		if _, err := Compute(context.Background(), p, n, Options{Workers: workers}); err != nil {
			b.Fatal(err)
		}
	}
	steps := float64(n*n*p.Steps) * float64(b.N)
	b.ReportMetric(steps/b.Elapsed().Seconds(), "steps/s")
	b.ReportMetric(b.Elapsed().Seconds()*1e9/steps, "ns/step")
	b.ReportMetric(float64((cpuTime()-cpu0).Nanoseconds())/steps, "cpu-ns/step")
}

// cpuTime returns the CPU time (user and system) the process has used: on
// a machine shared with other work it varies less than the wall clock.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// The grid of `descent basins`' speed target, 400 x 400, and a smaller one
// whose rows fit in the first-level cache.
func BenchmarkComputeOneCore(b *testing.B)     { benchmarkCompute(b, 400, 1) }
func BenchmarkComputeAllCores(b *testing.B)    { benchmarkCompute(b, 400, 0) }
func BenchmarkComputeOneCore100(b *testing.B)  { benchmarkCompute(b, 100, 1) }
func BenchmarkComputeAllCores100(b *testing.B) { benchmarkCompute(b, 100, 0) }

// BenchmarkSwarmStep reports the cost of one particle-step of a 10,000
// particle swarm on one core, the window's load per run and tick.
func BenchmarkSwarmStep(b *testing.B) {
	p := himmelblauAdam(b, 0)
	const n = 10_000
	xs, ys := make([]float64, n), make([]float64, n)
	for k := range n {
		xs[k], ys[k] = cellCentre(surface.Domain{XMin: -5, XMax: 5, YMin: -5, YMax: 5}, 100, k)
	}
	s, err := NewSwarm(p, xs, ys)
	if err != nil {
		b.Fatal(err)
	}
	cpu0 := cpuTime()
	for b.Loop() {
		if s.Steps() == 300 {
			s.Reset()
		}
		s.Step()
	}
	b.ReportMetric(b.Elapsed().Seconds()*1e9/float64(n*b.N), "ns/particle-step")
	b.ReportMetric(float64((cpuTime()-cpu0).Nanoseconds())/float64(n*b.N), "cpu-ns/particle-step")
}
