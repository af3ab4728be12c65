package scene

import (
	"image/color"
	"slices"

	"descent/scene/note"
	"descent/scene/story"
	"descent/scene/surface"
)

// RunConfig is one optimizer run of a scene.
type RunConfig struct {
	// Optimizer is the optimizer spec, e.g. "adam:lr=0.1" (see optim.ParseSpec).
	Optimizer string
	// Start is the start point; nil means the surface's default start.
	Start []float64
	// Color of the run's line and markers; the zero value picks from the palette.
	Color color.RGBA
	// Label shown in the legend; empty means one made from the spec.
	Label string
	// Batch, Noise and Seed make the gradients stochastic (see run.Stochastic).
	Batch int
	Noise float64
	Seed  uint64
	// Swarm is the number of particles that move with the run: the same
	// optimizer from starts spread uniformly over the domain (or around the
	// run's start, see SwarmRadius), one step each time the run steps; 0
	// means none (see SwarmStarts and MaxParticles).
	Swarm int
	// SwarmRadius, when > 0, spreads the swarm's starts uniformly over the
	// square of half side SwarmRadius around the run's start instead.
	SwarmRadius float64
}

// Camera is a scene's initial view, in matplotlib's view_init angles.
type Camera struct {
	Elevation, Azimuth float64 // degrees
	Distance           float64 // 0 means fit the box
}

// Scene is everything needed to show one optimizer race.
type Scene struct {
	// Name is the preset name ("bowl-turntable") or the file name.
	Name string
	// Description is a one-line summary for `descent list scenes`.
	Description string
	// Title is drawn at the top of the window.
	Title string
	// Surface is a built-in surface name ("bowl", "ols"), empty when Expr or Data is set.
	Surface string
	// Expr is a typed expression of x and y, used when not empty.
	Expr string
	// Data is a CSV file of x,y points for a least-squares surface, used when not empty.
	Data string
	// Domain overrides the surface's default domain when not nil.
	Domain *surface.Domain
	// Runs are the optimizer runs racing over the surface.
	Runs []RunConfig
	// Steps is how many steps each run takes before it stops; 0 means no limit.
	Steps int
	// Rate is the playback rate in steps per second (at most 60).
	Rate float64
	// Mesh is the number of samples per side of the surface mesh (Mesh x Mesh).
	Mesh int
	// Colormap names the surface colours: viridis, coolwarm, magma, plasma, cividis, grey.
	Colormap string
	// Alpha is the surface's opacity in [0, 1].
	Alpha float64
	// Camera is the initial 3D view.
	Camera Camera
	// Rotate turns the azimuth by this many degrees per step while auto-rotation is on
	// (bowl-turntable: -2, like matplotlib's view_init(elev, azim - 2*frame)).
	Rotate float64
	// AutoRotate starts with auto-rotation on.
	AutoRotate bool
	// XLabel, YLabel and ZLabel title the axes.
	XLabel, YLabel, ZLabel string
	// View is the initial view: "3d", "contour" or "curve" (1-D surfaces).
	View string
	// Layout is the initial screen layout: "single" (the view alone, the
	// default when empty), "split" (3-D and flat side by side over the loss
	// chart), "chart" (the view over the loss chart) or "grid" (one pane per
	// run).
	Layout string
	// ContourOf is what the contour view draws: "loss", "sqrt" or "log".
	ContourOf string
	// Arrows shows the step arrows (-lr*grad) at each iterate in the contour view.
	Arrows bool
	// Axes are the curve view's axis limits for 1-D surfaces: XMin, XMax (in
	// Domain.XMin/XMax) and the loss range in YMin/YMax; nil means automatic.
	Axes *surface.Domain
	// HideLegend hides the legend of runs (scene files: legend = false).
	HideLegend bool
	// Story is the storyboard: timed cues that drive the window and
	// recordings (scene files: a [storyboard] section, one cue per line;
	// see package story).
	Story []story.Cue
	// Notes are the notes pinned on the scene: callouts, screen labels,
	// markers and arrows (scene files: a [notes] section, one per line;
	// see package note).
	Notes []note.Note
	// Dir is the directory a relative Data path is read from; LoadFile sets
	// it to the scene file's directory, empty means the working directory.
	// It is not part of the scene file.
	Dir string
}

// Clone returns a deep copy of s: changing the copy's runs, start points or
// domains leaves s as it was (for a window that edits and restarts a scene).
func (s *Scene) Clone() *Scene {
	c := *s
	if s.Domain != nil {
		d := *s.Domain
		c.Domain = &d
	}
	if s.Axes != nil {
		a := *s.Axes
		c.Axes = &a
	}
	c.Story = slices.Clone(s.Story)
	c.Notes = slices.Clone(s.Notes)
	if s.Runs != nil {
		c.Runs = make([]RunConfig, len(s.Runs))
		for i, r := range s.Runs {
			if r.Start != nil {
				r.Start = append([]float64(nil), r.Start...)
			}
			c.Runs[i] = r
		}
	}
	return &c
}
