package basins

import (
	"context"
	"sync/atomic"

	"descent/scene/surface"
)

// Builder computes a map one row of starts at a time, for callers that pace
// the work themselves: the window's basins view computes rows on a
// goroutine of its own natively and between frames on the web, where there
// is one thread. Rows may be computed by several goroutines at once (each
// with its own Worker) and in any order; the map is the same as Compute's,
// bit for bit.
type Builder struct {
	p    Problem
	m    *Map
	next atomic.Int64 // the next row to hand out
	done atomic.Int64 // rows finished
}

// NewBuilder validates p and the size and returns a builder of its n x n
// map, with nothing computed yet.
func NewBuilder(p Problem, n int) (*Builder, error) {
	if err := CheckSize(n, p.Steps); err != nil {
		return nil, err
	}
	if err := p.Validate(); err != nil {
		return nil, err
	}
	return &Builder{p: p, m: newMap(&p, n)}, nil
}

// newMap allocates the n x n map of a validated problem.
func newMap(p *Problem, n int) *Map {
	return &Map{
		N: n, Domain: p.Domain, Minima: append([]surface.Minimum(nil), p.Surface.Minima...),
		Spec: p.Spec, Steps: p.Steps, Tol: p.Tol,
		Outcome: make([]int16, n*n),
		StepsTo: make([]int32, n*n),
		EndX:    make([]float64, n*n),
		EndY:    make([]float64, n*n),
		Loss:    make([]float64, n*n),
	}
}

// Problem returns the builder's problem as validated (domain and tolerance
// filled in).
func (b *Builder) Problem() Problem { return b.p }

// N returns the map's cells per side (and its number of rows).
func (b *Builder) N() int { return b.m.N }

// Done reports whether every row has been computed.
func (b *Builder) Done() bool { return b.done.Load() == int64(b.m.N) }

// RowsDone returns how many rows have been computed.
func (b *Builder) RowsDone() int { return int(b.done.Load()) }

// Map returns the map: complete once Done reports true. Rows not yet
// computed read as outcome 0 after 0 steps.
func (b *Builder) Map() *Map { return b.m }

// Worker holds one goroutine's scratch memory for Builder.Row.
type Worker struct {
	b      *Builder // the builder s was made for
	xs, ys []float64
	s      *Swarm
}

// Row computes the next row nobody has taken yet with w's memory and
// reports whether there was one. It stops soon after ctx is cancelled (the
// row is then left unfinished, and the builder will never be Done) and
// returns ctx's error.
func (b *Builder) Row(ctx context.Context, w *Worker) (bool, error) {
	n := b.m.N
	if err := ctx.Err(); err != nil {
		return false, err
	}
	row := int(b.next.Add(1) - 1)
	if row >= n {
		return false, nil
	}
	if len(w.xs) != n {
		w.xs, w.ys = make([]float64, n), make([]float64, n)
	}
	for i := range n {
		w.xs[i], w.ys[i] = cellCentre(b.m.Domain, n, row*n+i)
	}
	if w.b != b || w.s == nil {
		w.b, w.s = b, newSwarm(&b.p, w.xs, w.ys, row*n)
	} else {
		w.s.restart(w.xs, w.ys, row*n)
	}
	stop := ctx.Done()
	for k := 0; k < b.p.Steps; k++ {
		if k%cancelEvery == 0 {
			select {
			case <-stop:
				return false, ctx.Err()
			default:
			}
		}
		w.s.Step()
	}
	w.s.store(b.m, row*n)
	b.done.Add(1)
	return true, nil
}
