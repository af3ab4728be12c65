package expr

import (
	"math"
	"strings"
	"sync"
	"testing"
)

// TestConcurrentEvaluation evaluates one Expr from several goroutines and
// compares with a serial pass; run with -race to check for shared scratch.
func TestConcurrentEvaluation(t *testing.T) {
	long := strings.Repeat("sin(x*y) + cos(x-y) + ", 10) + "x^2"
	for _, src := range []string{"log(1 + x^2) + tanh(y)^2 + exp(-x*y)/5", long} {
		e := MustParse(src)
		if src == long && e.prog.slots() <= stackSlots {
			t.Fatalf("%q should be long enough to use pooled scratch", src)
		}
		const n = 64
		type result struct{ v, f, dx, dy float64 }
		at := func(i, j int) (float64, float64) { return -2 + 4*float64(i)/n, -2 + 4*float64(j)/n }
		want := make([]result, n*n)
		for i := range n {
			for j := range n {
				x, y := at(i, j)
				f, dx, dy := e.Gradient(x, y)
				want[i*n+j] = result{e.Eval(x, y), f, dx, dy}
			}
		}
		var wg sync.WaitGroup
		errs := make(chan string, 8)
		for w := range 8 {
			wg.Go(func() {
				for k := range 4 {
					for i := (w + k) % 8; i < n; i += 8 {
						for j := range n {
							x, y := at(i, j)
							f, dx, dy := e.Gradient(x, y)
							got := result{e.Eval(x, y), f, dx, dy}
							if got != want[i*n+j] {
								select {
								case errs <- src:
								default:
								}
								return
							}
						}
					}
				}
			})
		}
		wg.Wait()
		close(errs)
		for s := range errs {
			t.Errorf("%q: concurrent results differ from serial ones", s)
		}
		if math.IsNaN(want[0].v) {
			t.Errorf("%q: NaN at the corner", src)
		}
	}
}
