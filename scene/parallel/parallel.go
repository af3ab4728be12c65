// Package parallel splits a loop over both (or all) CPUs: the one helper the
// mesh sampler, the 3-D view's projection and depth map, and the contour
// view's sampling share.
package parallel

import (
	"runtime"
	"sync"
)

// For runs fn over [0, n) split into one contiguous range per CPU (at most
// n ranges) and returns when every range is done. fn must be safe to call
// concurrently on disjoint ranges. With one CPU, or n < 2, fn(0, n) runs on
// the caller's goroutine.
func For(n int, fn func(lo, hi int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	if workers <= 1 {
		fn(0, n)
		return
	}
	var wg sync.WaitGroup
	for w := range workers {
		lo, hi := w*n/workers, (w+1)*n/workers
		wg.Add(1)
		go func() {
			defer wg.Done()
			fn(lo, hi)
		}()
	}
	wg.Wait()
}

// Workers is the number of ranges For splits a long loop into.
func Workers() int { return max(1, runtime.GOMAXPROCS(0)) }
