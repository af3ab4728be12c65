package game

import (
	"fmt"
	"image/color"
	"slices"

	"descent/scene"
	"descent/scene/run"
	"descent/scene/surface"
)

// entry is one run as the window shows it.
type entry struct {
	run   *run.Run
	label string
	color color.RGBA
}

// prepareScene returns a normalised, validated copy of s (the caller's
// scene is left as it is).
func prepareScene(s *scene.Scene) (*scene.Scene, error) {
	c := *s
	c.Runs = slices.Clone(s.Runs)
	c.Normalize()
	if err := c.Validate(); err != nil {
		return nil, fmt.Errorf("game: %w", err)
	}
	return &c, nil
}

// buildWorld builds the scene's surface and starts its runs.
func buildWorld(s *scene.Scene, trailLength int) (*surface.Surface, []entry, error) {
	surf, err := s.BuildSurface()
	if err != nil {
		return nil, nil, fmt.Errorf("game: %w", err)
	}
	runs, err := s.BuildRuns(surf, trailLength)
	if err != nil {
		return nil, nil, fmt.Errorf("game: %w", err)
	}
	out := make([]entry, len(runs))
	for i, r := range runs {
		out[i] = entry{run: r, label: s.RunLabel(i), color: s.RunColor(i)}
	}
	return surf, out, nil
}
