package scene

import (
	"fmt"
	"image/color"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"descent/optim"
	"descent/scene/expr"
	"descent/scene/note"
	"descent/scene/run"
	"descent/scene/story"
	"descent/scene/suggest"
	"descent/scene/surface"
)

// colormaps are the names a scene's Colormap may take.
var colormaps = []string{"viridis", "coolwarm", "magma", "plasma", "cividis", "grey"}

// views are the names a scene's View may take.
var views = []string{"3d", "contour", "curve", "basins"}

// layouts are the names a scene's Layout may take.
var layouts = []string{"single", "split", "chart", "grid"}

// contourKinds are the names a scene's ContourOf may take.
var contourKinds = []string{"loss", "sqrt", "log"}

// Colormaps returns the names a scene's Colormap may take, in a fresh slice
// the caller may change.
func Colormaps() []string { return slices.Clone(colormaps) }

// Views returns the names a scene's View may take: "curve" for 1-D
// surfaces, "3d", "contour" and "basins" (the contour map over the basins
// of attraction) for 2-D ones; a fresh slice the caller may change.
func Views() []string { return slices.Clone(views) }

// Layouts returns the names a scene's Layout may take, in a fresh slice the
// caller may change.
func Layouts() []string { return slices.Clone(layouts) }

// ContourKinds returns the names a scene's ContourOf may take: the loss
// itself, its square root or its logarithm (log(1 + loss - min) in
// practice); a fresh slice the caller may change.
func ContourKinds() []string { return slices.Clone(contourKinds) }

// Limits of the numeric settings.
const (
	MinMesh = 2    // smallest Mesh
	MaxMesh = 1000 // largest Mesh
	MaxRate = 60   // largest Rate, steps per second
)

// Bounds of a scene's size, checked wherever a scene is made (scene files,
// flags, the page's address, the control panel). Steps and mini-batches are
// bounded by run.MaxSteps and run.MaxBatch.
const (
	// MaxRuns is the most runs of a scene (and of a trace: starts times
	// optimizers). Setting up 10,000 runs takes about 0.2 s outside the
	// window, linear in the runs (BenchmarkSetupRuns: 21 ms for 1,000,
	// 180 ms for 10,000), and their trails at most MaxTrailPoints samples;
	// the web demos people compare Descent with animate about 1,000 starts.
	MaxRuns = 10_000
	// MaxTrail is the most iterates one run's trail keeps (-trail): a
	// trail is drawn whole every frame, and 100,000 points is far more than
	// a screen shows apart.
	MaxTrail = 100_000
	// MaxTrailPoints bounds runs times trail: every run may keep its whole
	// trail, 56 bytes an iterate, so 10,000,000 iterates are at most 560 MB.
	// It lets MaxRuns runs keep the default 1,000-iterate trail.
	MaxTrailPoints = 10_000_000
	// MaxParticles bounds the particles of a scene's swarms, all runs
	// together. A particle costs about 150 bytes (its point, gradient and
	// optimizer state, the window's screen position), so a million take
	// about 150 MB, and one step of them takes 10 to 25 ms on one core
	// (basins' BenchmarkSwarmStep): the window then shows a few frames a
	// second, still responsive. 100,000 keep the window fluid.
	MaxParticles = 1_000_000
)

// TrailBound returns the longest trail that runs runs may each keep: at
// most MaxTrail, and MaxTrailPoints in all.
func TrailBound(runs int) int {
	if runs < 1 {
		runs = 1
	}
	return min(MaxTrail, MaxTrailPoints/runs)
}

// Defaults filled by Normalize.
const (
	DefaultMesh      = 200 // samples per side of a 2-D surface
	DefaultCurveMesh = 400 // samples of a 1-D curve
	DefaultRate      = 20  // steps per second
	DefaultElevation = 30  // matplotlib's default view_init
	DefaultAzimuth   = -60
)

// Normalize fills the settings left at their zero value with defaults: Mesh
// 200 (400 for a 1-D curve, the surface's own Mesh for costly ones such as
// mlp-slice), Colormap viridis, Alpha 1, Rate 20 steps/s, View 3d (curve
// for a 1-D surface), ContourOf loss, Camera 30, -60 (the matplotlib
// default), labels from the surface's axis names and loss (x, y, loss;
// intercept, slope, loss for least squares; weight, bias, loss for logistic
// regression...) and the surface's title. Alpha 0 and camera 0, 0 are therefore
// only possible from a scene file, which says so explicitly.
func (s *Scene) Normalize() { s.normalize(&lines{}) }

// normalize fills defaults for the settings that are zero and were not
// given in the file l describes.
func (s *Scene) normalize(l *lines) {
	info, err := s.surfaceInfo()
	if err != nil {
		info = surfaceInfo{dim: 2}
	}
	if s.Mesh == 0 && !l.set("mesh") {
		s.Mesh = DefaultMesh
		if info.dim == 1 {
			s.Mesh = DefaultCurveMesh
		}
		if info.mesh > 0 {
			s.Mesh = info.mesh
		}
	}
	if s.Colormap == "" {
		s.Colormap = "viridis"
	}
	if s.Alpha == 0 && !l.set("alpha") {
		s.Alpha = 1
	}
	if s.Rate == 0 && !l.set("rate") {
		s.Rate = DefaultRate
	}
	if s.View == "" {
		s.View = "3d"
		if info.dim == 1 {
			s.View = "curve"
		}
	}
	if s.ContourOf == "" {
		s.ContourOf = "loss"
	}
	if s.Camera == (Camera{}) && !l.set("camera") {
		s.Camera = Camera{Elevation: DefaultElevation, Azimuth: DefaultAzimuth}
	}
	x, y := info.axes[0], info.axes[1]
	if x == "" {
		x, y = "x", "y"
	}
	if s.XLabel == "" {
		s.XLabel = x
	}
	if s.YLabel == "" {
		s.YLabel = y
	}
	if s.ZLabel == "" {
		s.ZLabel = "loss"
	}
	if s.Title == "" {
		s.Title = info.title
	}
}

// surfaceInfo is what a scene needs to know about its surface before
// building it.
type surfaceInfo struct {
	dim   int
	title string
	data  bool      // a data surface: batches allowed
	axes  [2]string // names of the coordinates
	mesh  int       // the surface's own mesh resolution, 0 for the default
}

// surfaceInfo looks up the scene's surface without reading a data file.
func (s *Scene) surfaceInfo() (surfaceInfo, error) {
	switch {
	case s.Surface != "" && s.Data != "":
		m, ok := surface.LookupModel(s.Surface)
		if !ok {
			if _, err := surface.Lookup(s.Surface); err != nil {
				return surfaceInfo{}, err
			}
			return surfaceInfo{}, fmt.Errorf("%s takes no data (data surfaces: %s)", s.Surface, strings.Join(dataSurfaces(), ", "))
		}
		if !m.TakesData {
			return surfaceInfo{}, fmt.Errorf("%s trains on its built-in data set (%s) and takes no data file", m.Name, m.Builtin)
		}
		return surfaceInfo{dim: 2, title: m.Title + ": " + filepath.Base(s.Data), data: true, axes: m.Axes}, nil
	case s.Surface != "":
		if m, ok := surface.LookupModel(s.Surface); ok && m.Builtin == "" {
			return surfaceInfo{}, fmt.Errorf("%s needs a data file with columns %s (data = FILE.csv in a scene, -data FILE.csv on the command line)", m.Name, strings.Join(m.Columns, ","))
		}
		surf, err := surface.Lookup(s.Surface)
		if err != nil {
			return surfaceInfo{}, err
		}
		return surfaceInfo{dim: surf.Dim, title: surf.Title, data: surf.Model != nil, axes: surf.AxisNames(), mesh: surf.Mesh}, nil
	case s.Expr != "":
		e, err := expr.Parse(s.Expr)
		if err != nil {
			return surfaceInfo{}, err
		}
		return surfaceInfo{dim: e.Dim(), title: s.Expr}, nil
	case s.Data != "":
		return surfaceInfo{dim: 2, title: "Least squares on " + filepath.Base(s.Data), data: true, axes: [2]string{"intercept", "slope"}}, nil
	}
	return surfaceInfo{}, fmt.Errorf("no surface")
}

// dataSurfaces returns the names of the model surfaces that take a data file.
func dataSurfaces() []string {
	var names []string
	for _, m := range surface.Models() {
		if m.TakesData {
			names = append(names, m.Name)
		}
	}
	return names
}

// dataPath is the data file's path: relative paths are taken from Dir, and
// a built-in data set's name (surface.BuiltinData) that names no file there
// is passed on bare, for the surface package to read the embedded copy.
func (s *Scene) dataPath() string {
	p := s.Data
	if s.Dir != "" && !filepath.IsAbs(p) {
		p = filepath.Join(s.Dir, p)
	}
	if _, err := os.Stat(p); err != nil && slices.Contains(surface.BuiltinData(), s.Data) {
		return s.Data
	}
	return p
}

// Validate checks every setting of a scene built in code: exactly one of
// Surface, Expr and Data (or a data surface in Surface and its Data), ranges (Mesh 2..1000, Alpha 0..1, Rate in (0, 60]),
// known names (colormap, view, contour), optimizer specs, start points with
// as many coordinates as the surface has, and at least one run. Call
// Normalize first to fill defaults. Errors are *Error values.
func (s *Scene) Validate() error { return s.validate(&lines{file: s.Name}) }

// check normalizes and validates a parsed scene.
func (s *Scene) check(l *lines) error {
	s.normalize(l)
	return s.validate(l)
}

func (s *Scene) validate(l *lines) error {
	// The surface: exactly one source, or a data surface and its data.
	var given []string
	for _, k := range []struct{ key, v string }{{"surface", s.Surface}, {"expr", s.Expr}, {"data", s.Data}} {
		if k.v != "" {
			given = append(given, k.key)
		}
	}
	if s.Expr == "" && s.Surface != "" && s.Data != "" {
		given = []string{"surface"} // checked by surfaceInfo
	}
	switch len(given) {
	case 0:
		return l.at(0, "", "no surface: add surface = NAME, expr = FORMULA or data = FILE.csv")
	case 1:
	default:
		// Name the key set last in the file.
		last := given[0]
		for _, k := range given {
			if l.scene[k] > l.scene[last] {
				last = k
			}
		}
		return l.at(0, last, "give only one of surface, expr and data (got %s)", strings.Join(given, " and "))
	}
	info, err := s.surfaceInfo()
	if err != nil {
		key := given[0]
		if strings.HasPrefix(err.Error(), key+":") {
			return l.at(0, key, "%v", err) // "surface: unknown surface ...", "expr: column 6: ..."
		}
		return l.at(0, key, "%s: %v", key, err)
	}
	if s.Data != "" && !surface.DataExists(s.dataPath()) {
		return l.at(0, "data", "data: no such file %s", s.dataPath())
	}
	if d := s.Domain; d != nil {
		if err := checkRange("domain", "x", d.XMin, d.XMax); err != nil {
			return l.at(0, "domain", "%v", err)
		}
		if info.dim == 2 {
			if err := checkRange("domain", "y", d.YMin, d.YMax); err != nil {
				return l.at(0, "domain", "%v", err)
			}
		}
	}
	switch {
	case s.Mesh < MinMesh || s.Mesh > MaxMesh:
		return l.at(0, "mesh", "mesh must be %d..%d, got %d", MinMesh, MaxMesh, s.Mesh)
	case !slices.Contains(colormaps, s.Colormap):
		return l.at(0, "colormap", "unknown colormap %q%s", s.Colormap, hint(s.Colormap, colormaps))
	case !(s.Alpha >= 0 && s.Alpha <= 1):
		return l.at(0, "alpha", "alpha must be in [0, 1], got %g", s.Alpha)
	case !finite(s.Camera.Elevation) || !finite(s.Camera.Azimuth):
		return l.at(0, "camera", "camera angles must be finite, got %g, %g", s.Camera.Elevation, s.Camera.Azimuth)
	case !(s.Camera.Distance >= 0) || math.IsInf(s.Camera.Distance, 0):
		return l.at(0, "camera", "camera distance must be >= 0 (0: fit the box), got %g", s.Camera.Distance)
	case !finite(s.Rotate) || math.Abs(s.Rotate) > 180:
		return l.at(0, "rotate", "rotate must be in [-180, 180] degrees per step, got %g", s.Rotate)
	case !(s.Rate > 0 && s.Rate <= MaxRate):
		return l.at(0, "rate", "rate must be > 0 and <= %d steps per second, got %g", MaxRate, s.Rate)
	case s.Steps < 0 || s.Steps > run.MaxSteps:
		return l.at(0, "steps", "steps must be 0..%d (0: no limit), got %d", run.MaxSteps, s.Steps)
	case !slices.Contains(views, s.View):
		return l.at(0, "view", "unknown view %q%s", s.View, hint(s.View, views))
	case s.Layout != "" && !slices.Contains(layouts, s.Layout):
		return l.at(0, "layout", "unknown layout %q%s", s.Layout, hint(s.Layout, layouts))
	case s.View == "curve" && info.dim != 1:
		return l.at(0, "view", "view curve needs a 1-D surface (a formula without y, or parabola); this one is 2-D")
	case s.View == "basins" && info.dim != 2:
		return l.at(0, "view", "view basins needs a surface of x and y; a 1-D surface is shown with view = curve")
	case s.View != "curve" && info.dim == 1:
		return l.at(0, "view", "view %s needs a 2-D surface; a 1-D surface is shown with view = curve", s.View)
	case !slices.Contains(contourKinds, s.ContourOf):
		return l.at(0, "contour", "unknown contour %q%s", s.ContourOf, hint(s.ContourOf, contourKinds))
	}
	if a := s.Axes; a != nil {
		if err := checkRange("axes", "x", a.XMin, a.XMax); err != nil {
			return l.at(0, "axes", "%v", err)
		}
		if err := checkRange("axes", "loss", a.YMin, a.YMax); err != nil {
			return l.at(0, "axes", "%v", err)
		}
	}
	for _, k := range []struct{ key, v string }{{"title", s.Title}, {"description", s.Description}} {
		if strings.ContainsAny(k.v, "\r\n") {
			return l.at(0, k.key, "%s must be one line", k.key)
		}
	}
	if len(s.Runs) == 0 {
		return l.at(0, "", "no runs: add a [run] section with optimizer = SPEC (e.g. adam:lr=0.1)")
	}
	if len(s.Runs) > MaxRuns {
		return l.at(0, "", "%d runs, more than %d (MaxRuns)", len(s.Runs), MaxRuns)
	}
	particles := 0
	for i := range s.Runs {
		if err := s.Runs[i].validate(info, l, i+1); err != nil {
			return err
		}
		if particles += s.Runs[i].Swarm; particles > MaxParticles {
			return l.at(i+1, "swarm", "swarms of %d particles in all (up to run %d), more than %d (MaxParticles)", particles, i+1, MaxParticles)
		}
	}
	if err := s.validateNotes(l, info.dim); err != nil {
		return err
	}
	return s.validateStory(l, info.dim)
}

// validateNotes checks the notes' points against the surface's dimension.
func (s *Scene) validateNotes(l *lines, dim int) error {
	if len(s.Notes) > note.MaxNotes {
		return l.note(0, "notes: more than %d notes", note.MaxNotes)
	}
	for i, n := range s.Notes {
		if n.Kind != note.Label && n.Dim != dim {
			return l.note(i, "notes: %s has %d coordinates; this surface needs %d", n.String(), n.Dim, dim)
		}
	}
	return nil
}

// validateStory checks what the storyboard's cues name against the scene:
// runs that exist, views the surface has.
func (s *Scene) validateStory(l *lines, dim int) error {
	if len(s.Story) > story.MaxCues {
		return l.story0("storyboard: more than %d cues", story.MaxCues)
	}
	for i, c := range s.Story {
		switch {
		case (c.Kind == story.Select || c.Kind == story.Show || c.Kind == story.Hide) && c.Run > len(s.Runs):
			return l.cue(i, "storyboard: %s names run %d, but the scene has %d", c.String(), c.Run, len(s.Runs))
		case c.Kind == story.View && c.Name == "curve" && dim != 1:
			return l.cue(i, "storyboard: view curve needs a 1-D surface; use view contour")
		case c.Kind == story.View && c.Name == "basins" && dim != 2:
			return l.cue(i, "storyboard: a 1-D surface has no basins view; use view curve")
		case c.Kind == story.View && c.Name == "contour" && dim == 1:
			return l.cue(i, "storyboard: a 1-D surface has no contour view; use view curve")
		}
	}
	return nil
}

// validate checks one run; n is its 1-based number.
func (r *RunConfig) validate(info surfaceInfo, l *lines, n int) error {
	if strings.TrimSpace(r.Optimizer) == "" {
		return l.at(n, "optimizer", "missing optimizer (add optimizer = SPEC, e.g. adam:lr=0.1)")
	}
	if _, err := optim.ParseSpec(r.Optimizer); err != nil {
		return l.at(n, "optimizer", "optimizer: %v", err)
	}
	if r.Start != nil {
		if len(r.Start) != info.dim {
			want := "2 numbers (x, y)"
			if info.dim == 1 {
				want = "1 number (x)"
			}
			return l.at(n, "start", "start needs %s for this %d-D surface, got %d", want, info.dim, len(r.Start))
		}
		for _, v := range r.Start {
			if !finite(v) {
				return l.at(n, "start", "start must be finite, got %v", r.Start)
			}
		}
	}
	switch {
	case r.Color != (color.RGBA{}) && r.Color.A != 255:
		return l.at(n, "color", "color must be opaque, got alpha %d", r.Color.A)
	case r.Batch < 0 || r.Batch > run.MaxBatch:
		return l.at(n, "batch", "batch must be 0..%d (0: full batch), got %d", run.MaxBatch, r.Batch)
	case r.Batch > 0 && !info.data:
		return l.at(n, "batch", "batch needs a data surface (surface = ols, mlp-slice, or logistic, tanh-unit with data = FILE.csv)")
	case !(r.Noise >= 0) || math.IsInf(r.Noise, 0):
		return l.at(n, "noise", "noise must be a finite number >= 0, got %g", r.Noise)
	case strings.ContainsAny(r.Label, "\r\n"):
		return l.at(n, "label", "label must be one line")
	case r.Swarm < 0 || r.Swarm > MaxParticles:
		return l.at(n, "swarm", "swarm must be 0..%d particles (0: none), got %d", MaxParticles, r.Swarm)
	case !(r.SwarmRadius >= 0) || math.IsInf(r.SwarmRadius, 0):
		return l.at(n, "swarm-radius", "swarm-radius must be a finite number >= 0 (0: the whole domain), got %g", r.SwarmRadius)
	case r.SwarmRadius > 0 && r.Swarm == 0:
		return l.at(n, "swarm-radius", "swarm-radius needs a swarm (swarm = N particles)")
	case r.Swarm > 0 && info.dim != 2:
		return l.at(n, "swarm", "a swarm needs a surface of x and y; this one is 1-D")
	}
	if r.Swarm > 0 {
		if spec, err := optim.ParseSpec(r.Optimizer); err == nil && len(spec.Schedulers) > 0 {
			return l.at(n, "swarm", "a swarm steps with a constant learning rate: give it a run without a schedule")
		}
	}
	return nil
}

// checkRange reports whether lo < hi for one axis of key, with a width
// hi - lo that is finite (wider ranges overflow when sampled).
func checkRange(key, axis string, lo, hi float64) error {
	if !finite(lo) || !finite(hi) || !(lo < hi) {
		return fmt.Errorf("%s: %s range must have min < max, got %g, %g", key, axis, lo, hi)
	}
	if !finite(hi - lo) {
		return fmt.Errorf("%s: %s range %g, %g is too wide: its width overflows", key, axis, lo, hi)
	}
	return nil
}

// hint suggests the nearest of names, or lists them all.
func hint(s string, names []string) string {
	if near := suggest.Nearest(s, names); near != "" {
		return fmt.Sprintf(" (did you mean %q?)", near)
	}
	return " (known: " + strings.Join(names, ", ") + ")"
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
