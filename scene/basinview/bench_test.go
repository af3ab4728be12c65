package basinview

import (
	"strconv"
	"sync/atomic"
	"testing"
	"time"
)

// benchmarkSweep drags the lr of Adam on Himmelblau across 0.01..0.2, a new
// value every tick of the window (60 a second), while a refiner with the
// given workers keeps a 200 x 200 map of 200 steps up to date, and reports
// the full-resolution maps shown per second: the sweep's refresh rate.
func benchmarkSweep(b *testing.B, workers int) {
	var full atomic.Int64
	var r *Refiner
	r = NewRefiner(Options{Workers: workers, Delivered: func() {
		if r.Result().Full {
			full.Add(1)
		}
	}})
	defer r.Close()
	tick := time.NewTicker(time.Second / 60)
	defer tick.Stop()
	start := time.Now()
	for i := 0; b.Loop(); i++ {
		<-tick.C
		lr := 0.01 + 0.19*float64(i%600)/600
		r.Want(request(b, "himmelblau", "adam:lr="+strconv.FormatFloat(lr, 'g', 4, 64), 200, 200))
	}
	secs := time.Since(start).Seconds()
	b.ReportMetric(float64(full.Load())/secs, "maps/s")
}

func BenchmarkSweepOneWorker(b *testing.B)  { benchmarkSweep(b, 1) }
func BenchmarkSweepTwoWorkers(b *testing.B) { benchmarkSweep(b, 2) }

// BenchmarkFullMap reports the time of one 200 x 200 map of 200 steps on
// one goroutine (Work), the web page's case: its refresh rate is 1/that
// at most.
func BenchmarkFullMap(b *testing.B) {
	q := request(b, "himmelblau", "adam:lr=0.05", 200, 200)
	for i := 0; b.Loop(); i++ {
		r := NewRefiner(Options{})
		q.Problem.Spec.Values["lr"] = 0.05 + 1e-6*float64(i)
		r.Want(q)
		for r.Work(time.Hour) {
		}
		r.Close()
	}
}
