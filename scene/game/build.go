package game

import (
	"fmt"
	"image/color"

	"descent/optim"
	"descent/scene"
	"descent/scene/run"
	"descent/scene/surface"
	"descent/scene/trace"
)

// palette colours runs that have no colour of their own: matplotlib's
// tab10 without its grey, red first.
var palette = []color.RGBA{
	{0xd6, 0x27, 0x28, 0xff}, {0x1f, 0x77, 0xb4, 0xff}, {0xff, 0x7f, 0x0e, 0xff},
	{0x2c, 0xa0, 0x2c, 0xff}, {0x94, 0x67, 0xbd, 0xff}, {0x8c, 0x56, 0x4b, 0xff},
	{0xe3, 0x77, 0xc2, 0xff}, {0xbc, 0xbd, 0x22, 0xff}, {0x17, 0xbe, 0xcf, 0xff},
}

// entry is one run as the window shows it.
type entry struct {
	run   *run.Run
	label string
	color color.RGBA
}

// loadSurface returns the scene's surface with its domain override applied.
func loadSurface(s *scene.Scene) (*surface.Surface, error) {
	surf, err := trace.LoadSurface(s.Surface, s.Expr, s.Data)
	if err != nil {
		return nil, err
	}
	if s.Domain != nil {
		surf.Domain = *s.Domain
	}
	return surf, nil
}

// buildEntries starts the scene's runs on surf.
func buildEntries(s *scene.Scene, surf *surface.Surface, trailLength int) ([]entry, error) {
	out := make([]entry, 0, len(s.Runs))
	for i, rc := range s.Runs {
		spec, err := optim.ParseSpec(rc.Optimizer)
		if err != nil {
			return nil, fmt.Errorf("game: run %d: %w", i+1, err)
		}
		opt, err := optim.New(spec)
		if err != nil {
			return nil, fmt.Errorf("game: run %d: %w", i+1, err)
		}
		start := rc.Start
		if start == nil {
			start = surf.Start
		}
		r, err := run.New(surf, opt, start, run.Stochastic{Batch: rc.Batch, Noise: rc.Noise, Seed: rc.Seed}, trailLength)
		if err != nil {
			return nil, fmt.Errorf("game: run %d: %w", i+1, err)
		}
		e := entry{run: r, label: rc.Label, color: rc.Color}
		if e.label == "" {
			e.label = spec.String()
		}
		if e.color == (color.RGBA{}) {
			e.color = palette[i%len(palette)]
		}
		out = append(out, e)
	}
	return out, nil
}
