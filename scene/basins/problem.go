// Package basins computes basins-of-attraction maps: an optimizer run from
// every cell centre of an N x N grid of starts over a surface's domain, each
// start labelled by the known minimum it ends at (or none, or diverged) and
// by how many steps it took to get there. It is the engine of `descent
// basins` and of the window's basins view and particle swarms.
//
// Every run follows the arithmetic of package run exactly, so a start's end
// point is, bit for bit, what `descent trace` prints for it. The speed comes
// from layout, not from different arithmetic: all of torch.optim's update
// rules act on each coordinate alone, with scalars (bias corrections, NAdam's
// momentum schedule, RAdam's rectification) that depend only on the step
// count, so one optimizer stepping the concatenated coordinates of many
// starts performs, coordinate by coordinate, the very operations that many
// optimizers stepping one start each would, while paying the per-step scalar
// work once (see Swarm).
//
// Definitions, used by the map, the CSV and the legend alike:
//
//   - Tolerance: a point is at a minimum when its Euclidean distance to it is
//     at most Tol (by default 1% of the domain's larger side, and never more
//     than 0.45 times the smallest distance between two known minima, so that
//     a point is within tolerance of at most one minimum).
//   - Steps to tolerance: the smallest k such that iterates k, k+1, ..., S
//     are all within tolerance of the minimum the run ends at (0 when the
//     run starts there and never leaves).
//   - Diverged: the run's point or loss stopped being finite (as `descent
//     trace` reports it); the run ends at its last finite iterate.
//   - None: the run stayed finite for all S steps but its last iterate is
//     farther than the tolerance from every known minimum (it stalled, is
//     still on its way, or sits in a minimum nobody listed).
package basins

import (
	"errors"
	"fmt"
	"math"

	"descent/optim"
	"descent/scene/run"
	"descent/scene/surface"
)

// Bounds on a map's size, checked before anything is allocated.
const (
	// MaxGrid bounds the grid's cells per side (4 million starts).
	MaxGrid = 2000
	// MaxSteps bounds the steps of each run.
	MaxSteps = 100_000
	// MaxWork bounds grid*grid*steps, the optimizer steps of one map (about
	// half an hour on two cores at 40 ns a step).
	MaxWork = 100_000_000_000
)

// Outcome codes of a start that ends at no minimum; minima are numbered
// from 0 in the surface's order (the order of `descent list minima`).
const (
	None     = -1 // finite, but farther than the tolerance from every minimum
	Diverged = -2 // the point or the loss stopped being finite
)

// DefaultTolFraction is the default tolerance as a fraction of the domain's
// larger side.
const DefaultTolFraction = 0.01

// MaxTolFraction is the largest tolerance allowed as a fraction of the
// smallest distance between two known minima: below one half, no point is
// within tolerance of two minima.
const MaxTolFraction = 0.45

// Problem is what a map or a swarm runs: one optimizer over one surface.
type Problem struct {
	// Surface is the loss; it must be 2-D.
	Surface *surface.Surface
	// Domain is where the grid of starts lies; the zero value means the
	// surface's own domain.
	Domain surface.Domain
	// Spec is the optimizer and its settings.
	Spec optim.Spec
	// Stochastic perturbs gradients as in package run; start k of a map
	// draws from the seed StartSeed(Stochastic.Seed, k).
	Stochastic run.Stochastic
	// Steps is the number of optimizer steps of each run.
	Steps int
	// Tol is the tolerance (see the package documentation); 0 means the
	// default.
	Tol float64
}

// Minima returns the known minima the map classifies by, in index order.
func (p *Problem) Minima() []surface.Minimum {
	if p.Surface == nil {
		return nil
	}
	return p.Surface.Minima
}

// domain returns the domain the grid lies on.
func (p *Problem) domain() surface.Domain {
	if p.Domain == (surface.Domain{}) && p.Surface != nil {
		return p.Surface.Domain
	}
	return p.Domain
}

// Validate checks the problem and fills in the domain and the tolerance.
func (p *Problem) Validate() error {
	switch {
	case p.Surface == nil || p.Surface.Gradient == nil || p.Surface.Eval == nil:
		return errors.New("basins: no surface")
	case p.Surface.Dim != 2:
		return fmt.Errorf("basins: a basins map needs a surface of x and y; %s is 1-D", p.Surface.Name)
	case p.Steps < 0 || p.Steps > MaxSteps:
		return fmt.Errorf("basins: invalid number of steps: %d (must be 0..%d)", p.Steps, MaxSteps)
	}
	p.Domain = p.domain()
	d := p.Domain
	if !(d.XMin < d.XMax && d.YMin < d.YMax) || !finite(d.XMax-d.XMin) || !finite(d.YMax-d.YMin) {
		return fmt.Errorf("basins: empty or infinite domain x [%g,%g] y [%g,%g]", d.XMin, d.XMax, d.YMin, d.YMax)
	}
	if _, err := optim.New(p.Spec); err != nil {
		return err
	}
	if err := p.Stochastic.Validate(p.Surface); err != nil {
		return err
	}
	limit := MaxTolFraction * minSeparation(p.Surface.Minima)
	switch {
	case p.Tol == 0:
		p.Tol = min(DefaultTolFraction*max(d.XMax-d.XMin, d.YMax-d.YMin), limit)
	case !(p.Tol > 0) || math.IsInf(p.Tol, 0):
		return fmt.Errorf("basins: invalid tolerance %v (must be a finite number > 0)", p.Tol)
	case p.Tol > limit:
		return fmt.Errorf("basins: tolerance %g too large: two minima are %g apart, so it must be at most %g", p.Tol, limit/MaxTolFraction, limit)
	}
	return nil
}

// minSeparation returns the smallest distance between two of the minima,
// or +Inf when there are fewer than two.
func minSeparation(ms []surface.Minimum) float64 {
	sep := math.Inf(1)
	for i := range ms {
		for j := i + 1; j < len(ms); j++ {
			sep = min(sep, math.Hypot(ms[i].X-ms[j].X, ms[i].Y-ms[j].Y))
		}
	}
	return sep
}

// StartSeed returns the random seed of start k (k = row*N + column, row 0
// at the bottom of the domain) of a map whose stochastic settings have the
// seed seed: seed + k, wrapping around. `descent trace -seed` with this
// number reproduces that start's run.
func StartSeed(seed uint64, k int) uint64 { return seed + uint64(k) }

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
