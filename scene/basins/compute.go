package basins

import (
	"context"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"

	"descent/optim"
	"descent/scene/surface"
)

// Map is a computed basins map: the outcome of a run from every cell centre
// of an N x N grid over Domain. Cells are numbered k = row*N + column, row 0
// at the bottom (YMin) and column 0 at the left (XMin).
type Map struct {
	N      int
	Domain surface.Domain
	Minima []surface.Minimum
	Spec   optim.Spec
	Steps  int     // steps of each run
	Tol    float64 // the tolerance used

	// Outcome is each cell's minimum index, None or Diverged.
	Outcome []int16
	// StepsTo is each cell's steps to tolerance (a minimum), divergence
	// step (Diverged, as `descent trace` reports it) or Steps (None).
	StepsTo []int32
	// EndX, EndY are each run's last finite point and Loss the loss there.
	EndX, EndY, Loss []float64
}

// Start returns the start of cell k: the centre of its grid cell.
func (m *Map) Start(k int) (x, y float64) {
	return cellCentre(m.Domain, m.N, k)
}

// GridStarts returns the starts of an n x n map over d, in cell order (k =
// row*n + column, row 0 at the bottom): a swarm of them moves exactly as
// the map's runs do.
func GridStarts(d surface.Domain, n int) (xs, ys []float64) {
	xs, ys = make([]float64, n*n), make([]float64, n*n)
	for k := range xs {
		xs[k], ys[k] = cellCentre(d, n, k)
	}
	return xs, ys
}

// cellCentre returns the centre of cell k of an n x n grid over d.
func cellCentre(d surface.Domain, n, k int) (x, y float64) {
	i, j := k%n, k/n
	x = d.XMin + (float64(i)+0.5)*(d.XMax-d.XMin)/float64(n)
	y = d.YMin + (float64(j)+0.5)*(d.YMax-d.YMin)/float64(n)
	return x, y
}

// Shares are the fractions of starts (or particles) per outcome.
type Shares struct {
	Minima   []float64 // per minimum, in index order
	None     float64
	Diverged float64
}

// from fills the shares from counts indexed by outcome+2.
func (sh Shares) from(counts []int, total int) Shares {
	if total == 0 {
		return sh
	}
	t := float64(total)
	sh.Diverged = float64(counts[0]) / t
	sh.None = float64(counts[1]) / t
	for m := range sh.Minima {
		sh.Minima[m] = float64(counts[m+2]) / t
	}
	return sh
}

// Shares returns the fraction of the map's starts per outcome.
func (m *Map) Shares() Shares {
	sh := Shares{Minima: make([]float64, len(m.Minima))}
	counts := make([]int, len(m.Minima)+2)
	for _, c := range m.Outcome {
		counts[int(c)+2]++
	}
	return sh.from(counts, len(m.Outcome))
}

// Options tune Compute without changing its result.
type Options struct {
	// Workers is the number of goroutines; 0 means GOMAXPROCS. The result
	// does not depend on it.
	Workers int
	// Progress, if set, is called after each finished row with the rows
	// done so far and the total (from the workers' goroutines, one call at
	// a time).
	Progress func(done, total int)
}

// cancelEvery is how many steps a worker takes between looks at the
// context: a row of 2000 starts takes about 40 µs a step on one core.
const cancelEvery = 8

// Compute runs p from the centre of every cell of an n x n grid over its
// domain and returns the map. It may be called at a small n for a quick
// first map and again at a larger n. It stops soon after ctx is cancelled
// and returns ctx's error.
func Compute(ctx context.Context, p Problem, n int, o Options) (*Map, error) {
	if err := CheckSize(n, p.Steps); err != nil {
		return nil, err
	}
	if err := p.Validate(); err != nil {
		return nil, err
	}
	m := newMap(&p, n)
	workers := o.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = min(workers, n)
	var next, done atomic.Int64
	var mu sync.Mutex
	var wg sync.WaitGroup
	stop := ctx.Done()
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			xs, ys := make([]float64, n), make([]float64, n)
			var s *Swarm
			for {
				row := int(next.Add(1) - 1)
				if row >= n || ctx.Err() != nil {
					return
				}
				for i := range n {
					xs[i], ys[i] = cellCentre(m.Domain, n, row*n+i)
				}
				if s == nil {
					s = newSwarm(&p, xs, ys, row*n)
				} else {
					s.restart(xs, ys, row*n)
				}
				for k := 0; k < p.Steps; k++ {
					if k%cancelEvery == 0 {
						select {
						case <-stop:
							return
						default:
						}
					}
					s.Step()
				}
				s.store(m, row*n)
				if o.Progress != nil {
					d := int(done.Add(1))
					mu.Lock()
					o.Progress(d, n)
					mu.Unlock()
				}
			}
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return m, nil
}

// store writes the swarm's particles into cells k0, k0+1, ... of m.
func (s *Swarm) store(m *Map, k0 int) {
	n := s.n
	for i := range n {
		k := k0 + i
		x, y := s.pos[i], s.pos[n+i]
		m.Outcome[k] = s.near[i]
		m.StepsTo[k] = int32(s.StepsTo(i))
		m.EndX[k], m.EndY[k] = x, y
		m.Loss[k] = s.p.Surface.Eval(x, y)
	}
}

// CheckSize reports whether an n x n map of steps-step runs is within the
// bounds MaxGrid, MaxSteps and MaxWork.
func CheckSize(n, steps int) error {
	switch {
	case n < 1 || n > MaxGrid:
		return fmt.Errorf("basins: invalid grid %d (must be 1..%d)", n, MaxGrid)
	case steps < 0 || steps > MaxSteps:
		return fmt.Errorf("basins: invalid number of steps: %d (must be 0..%d)", steps, MaxSteps)
	case int64(n)*int64(n)*int64(steps) > MaxWork:
		return fmt.Errorf("basins: grid %d x %d with %d steps is %d optimizer steps, more than %d", n, n, steps, int64(n)*int64(n)*int64(steps), int64(MaxWork))
	}
	return nil
}
