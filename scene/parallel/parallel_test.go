package parallel

import (
	"runtime"
	"sync/atomic"
	"testing"
)

func TestForCoversEveryIndexOnce(t *testing.T) {
	for _, procs := range []int{1, 2, 3, 8} {
		old := runtime.GOMAXPROCS(procs)
		for _, n := range []int{0, 1, 2, 7, 100, 1001} {
			counts := make([]int32, n)
			var calls atomic.Int32
			For(n, func(lo, hi int) {
				calls.Add(1)
				if lo > hi || lo < 0 || hi > n {
					t.Errorf("procs %d n %d: range [%d, %d)", procs, n, lo, hi)
					return
				}
				for i := lo; i < hi; i++ {
					atomic.AddInt32(&counts[i], 1)
				}
			})
			for i, c := range counts {
				if c != 1 {
					t.Errorf("procs %d n %d: index %d visited %d times", procs, n, i, c)
				}
			}
			if want := int32(max(1, min(procs, n))); calls.Load() != want {
				t.Errorf("procs %d n %d: %d ranges, want %d", procs, n, calls.Load(), want)
			}
		}
		runtime.GOMAXPROCS(old)
	}
}
