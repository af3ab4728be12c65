package scene

import (
	"errors"
	"fmt"
	"math/rand/v2"

	"descent/optim"
	"descent/scene/basins"
	"descent/scene/surface"
)

// swarmStream is the second word of the random stream that spreads a
// swarm's starts (the first is the run's seed), so that the same scene
// always gives the same swarm.
const swarmStream = 0x5eed5a7a

// SwarmStarts returns the starts of run i's swarm on surf: rc.Swarm points
// drawn uniformly over the surface's domain, or over the square of half
// side SwarmRadius around the run's start when it is set. The points depend
// only on the run's settings (its seed included), never on the clock.
func (s *Scene) SwarmStarts(i int, surf *surface.Surface) (xs, ys []float64) {
	rc := s.Runs[i]
	n := max(rc.Swarm, 0)
	d := surf.Domain
	if r := rc.SwarmRadius; r > 0 {
		start := rc.Start
		if start == nil {
			start = surf.Start
		}
		var cx, cy float64
		if len(start) > 0 {
			cx = start[0]
		}
		if len(start) > 1 {
			cy = start[1]
		}
		d = surface.Domain{XMin: cx - r, XMax: cx + r, YMin: cy - r, YMax: cy + r}
	}
	rng := rand.New(rand.NewPCG(rc.Seed, swarmStream))
	xs, ys = make([]float64, n), make([]float64, n)
	for k := range n {
		xs[k] = d.XMin + (d.XMax-d.XMin)*rng.Float64()
		ys[k] = d.YMin + (d.YMax-d.YMin)*rng.Float64()
	}
	return xs, ys
}

// SwarmProblem returns what run i's swarm (and its basins map) runs on
// surf: the run's optimizer and stochastic settings, over the surface's
// domain, steps steps.
func (s *Scene) SwarmProblem(i int, surf *surface.Surface, steps int) (basins.Problem, error) {
	rc := s.Runs[i]
	spec, err := optim.ParseSpec(rc.Optimizer)
	if err != nil {
		return basins.Problem{}, fmt.Errorf("run %d: %w", i+1, err)
	}
	if len(spec.Schedulers) > 0 {
		return basins.Problem{}, errors.New("basins: a learning-rate schedule is not followed by swarms and basins maps (they step with a constant lr)")
	}
	return basins.Problem{Surface: surf, Spec: spec, Stochastic: rc.Stochastic(), Steps: steps}, nil
}

// NewSwarm returns run i's swarm on surf (nil when the run has none).
func (s *Scene) NewSwarm(i int, surf *surface.Surface) (*basins.Swarm, error) {
	if s.Runs[i].Swarm <= 0 {
		return nil, nil
	}
	p, err := s.SwarmProblem(i, surf, 0)
	if err != nil {
		return nil, err
	}
	xs, ys := s.SwarmStarts(i, surf)
	return basins.NewSwarm(p, xs, ys)
}
