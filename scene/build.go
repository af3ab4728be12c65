package scene

import (
	"fmt"
	"image/color"
	"slices"
	"strconv"
	"strings"

	"descent/optim"
	"descent/scene/run"
	"descent/scene/surface"
)

// BuildSurface builds the scene's surface (named BuildSurface because the
// Surface field holds the built-in name): the built-in one it names, its
// expression, the least-squares surface of its data file, or the data
// surface it names (logistic, tanh-unit, ols) of its data file, with the scene's
// Domain (if any) replacing the default one. For an expression, the minima
// are searched again inside the new domain.
func (s *Scene) BuildSurface() (*surface.Surface, error) {
	var (
		surf *surface.Surface
		err  error
	)
	switch {
	case s.Surface != "" && s.Expr == "" && s.Data != "":
		if _, err := s.surfaceInfo(); err != nil {
			return nil, &Error{File: s.Name, Msg: "surface: " + err.Error()}
		}
		surf, err = surface.LoadModel(s.Surface, s.dataPath())
	case s.Surface != "" && s.Expr == "" && s.Data == "":
		surf, err = surface.Lookup(s.Surface)
	case s.Expr != "" && s.Surface == "" && s.Data == "":
		surf, err = surface.FromExpr(s.Expr)
	case s.Data != "" && s.Surface == "" && s.Expr == "":
		surf, err = surface.LoadCSV(s.dataPath())
	default:
		return nil, &Error{File: s.Name, Msg: "give exactly one of surface, expr and data"}
	}
	if err != nil {
		return nil, &Error{File: s.Name, Msg: err.Error()}
	}
	if s.Domain != nil {
		surf.Domain = *s.Domain
		if surf.Dim == 1 {
			surf.Domain.YMin, surf.Domain.YMax = 0, 0
		}
		if s.Expr != "" {
			surf.Minima = surface.FindMinima(surf, surf.Domain)
		}
	}
	return surf, nil
}

// BuildRuns returns one live run per RunConfig over surf, each keeping its
// last trailLength iterates and driven by the learning-rate schedule of its
// spec, if any. A run without a start begins at the surface's default
// start. Errors name the run.
func (s *Scene) BuildRuns(surf *surface.Surface, trailLength int) ([]*run.Run, error) {
	if surf == nil {
		return nil, &Error{File: s.Name, Msg: "BuildRuns needs a surface"}
	}
	runs := make([]*run.Run, 0, len(s.Runs))
	for i, rc := range s.Runs {
		fail := func(err error) error { return &Error{File: s.Name, Run: i + 1, Msg: err.Error()} }
		spec, err := optim.ParseSpec(rc.Optimizer)
		if err != nil {
			return nil, fail(fmt.Errorf("optimizer: %w", err))
		}
		opt, err := optim.New(spec)
		if err != nil {
			return nil, fail(fmt.Errorf("optimizer: %w", err))
		}
		start := rc.Start
		if start == nil {
			start = surf.Start
		}
		r, err := run.New(surf, opt, start, rc.Stochastic(), trailLength)
		if err != nil {
			return nil, fail(err)
		}
		sched, err := optim.NewSchedule(spec, opt)
		if err != nil {
			return nil, fail(fmt.Errorf("optimizer: %w", err))
		}
		if sched != nil {
			r.SetSchedule(sched)
		}
		runs = append(runs, r)
	}
	return runs, nil
}

// Stochastic returns the run's stochastic-gradient settings.
func (r RunConfig) Stochastic() run.Stochastic {
	return run.Stochastic{Batch: r.Batch, Noise: r.Noise, Seed: r.Seed}
}

// baseLabel is the label of run i before telling twins apart: its Label,
// or the spec's label with the stochastic settings.
func (s *Scene) baseLabel(i int) string {
	rc := s.Runs[i]
	if rc.Label != "" {
		return rc.Label
	}
	label := rc.Optimizer
	if spec, err := optim.ParseSpec(rc.Optimizer); err == nil {
		label = spec.Label()
	}
	if st := rc.Stochastic().String(); st != "" {
		label += " (" + st + ")"
	}
	return label
}

// RunLabel returns the legend label of run i: its Label if set, otherwise
// made from the optimizer spec (e.g. "Adam lr=0.1") and its stochastic
// settings. Unlabelled runs that would read the same are told apart by their
// start point ("SGD lr=0.1 from (0.9, 0.01)"), or else by their number.
func (s *Scene) RunLabel(i int) string {
	if i < 0 || i >= len(s.Runs) {
		return ""
	}
	label := s.baseLabel(i)
	if s.Runs[i].Label != "" {
		return label
	}
	sameLabel, sameStart := false, false
	for j := range s.Runs {
		if j == i || s.baseLabel(j) != label {
			continue
		}
		sameLabel = true
		if formatFloats(s.Runs[j].Start) == formatFloats(s.Runs[i].Start) {
			sameStart = true
		}
	}
	switch {
	case !sameLabel:
		return label
	case !sameStart && s.Runs[i].Start != nil:
		return label + " from (" + formatFloats(s.Runs[i].Start) + ")"
	}
	return label + " #" + strconv.Itoa(i+1)
}

// palette is the colour cycle of runs without a colour of their own (see
// Palette).
var palette = []color.RGBA{
	{0xd6, 0x27, 0x28, 0xff}, // red
	{0x1f, 0x77, 0xb4, 0xff}, // blue
	{0xff, 0x7f, 0x0e, 0xff}, // orange
	{0x2c, 0xa0, 0x2c, 0xff}, // green
	{0x94, 0x67, 0xbd, 0xff}, // purple
	{0x8c, 0x56, 0x4b, 0xff}, // brown
	{0xe3, 0x77, 0xc2, 0xff}, // pink
	{0xbc, 0xbd, 0x22, 0xff}, // olive
	{0x17, 0xbe, 0xcf, 0xff}, // cyan
}

// Palette returns the colour cycle of runs without a colour of their own:
// matplotlib's tab10 colours without its grey (which would vanish on the
// grey colormap), red first; distinct from each other and readable on light
// and dark backgrounds alike. The slice is fresh: the caller may change it.
func Palette() []color.RGBA { return slices.Clone(palette) }

// namedColors are the colour names scene files accept; the palette's names
// come first, so that "red" is the palette's red.
var namedColors = []struct {
	name string
	c    color.RGBA
}{
	{"red", palette[0]}, {"blue", palette[1]}, {"orange", palette[2]}, {"green", palette[3]},
	{"purple", palette[4]}, {"brown", palette[5]}, {"pink", palette[6]}, {"olive", palette[7]},
	{"cyan", palette[8]}, {"grey", color.RGBA{0x7f, 0x7f, 0x7f, 0xff}}, {"gray", color.RGBA{0x7f, 0x7f, 0x7f, 0xff}},
	{"black", color.RGBA{0, 0, 0, 0xff}}, {"white", color.RGBA{0xff, 0xff, 0xff, 0xff}},
	{"yellow", color.RGBA{0xff, 0xd7, 0x00, 0xff}}, {"magenta", color.RGBA{0xd6, 0x2a, 0xd6, 0xff}},
}

// ColorNames returns the colour names a scene file's color key accepts.
func ColorNames() []string {
	names := make([]string, len(namedColors))
	for i, n := range namedColors {
		names[i] = n.name
	}
	return names
}

// RunColor returns the colour of run i: its own Color if set, otherwise the
// next palette colour not already taken by a run with its own colour.
func (s *Scene) RunColor(i int) color.RGBA {
	if i < 0 || i >= len(s.Runs) {
		return palette[0]
	}
	if c := s.Runs[i].Color; c != (color.RGBA{}) {
		return c
	}
	taken := map[color.RGBA]bool{}
	for _, rc := range s.Runs {
		if rc.Color != (color.RGBA{}) {
			taken[rc.Color] = true
		}
	}
	free := make([]color.RGBA, 0, len(palette))
	for _, c := range palette {
		if !taken[c] {
			free = append(free, c)
		}
	}
	if len(free) == 0 {
		free = palette
	}
	k := 0 // the index of run i among the runs without a colour
	for j := 0; j < i; j++ {
		if s.Runs[j].Color == (color.RGBA{}) {
			k++
		}
	}
	return free[k%len(free)]
}

// parseColor reads a colour name or #rrggbb.
func parseColor(v string) (color.RGBA, error) {
	low := strings.ToLower(v)
	for _, n := range namedColors {
		if n.name == low {
			return n.c, nil
		}
	}
	if strings.HasPrefix(low, "#") {
		hex := low[1:]
		if len(hex) == 3 {
			hex = string([]byte{hex[0], hex[0], hex[1], hex[1], hex[2], hex[2]})
		}
		if n, err := strconv.ParseUint(hex, 16, 32); err == nil && len(hex) == 6 {
			return color.RGBA{uint8(n >> 16), uint8(n >> 8), uint8(n), 0xff}, nil
		}
		return color.RGBA{}, fmt.Errorf("bad color %q (want #rrggbb)", v)
	}
	return color.RGBA{}, fmt.Errorf("unknown color %q%s", v, hint(low, ColorNames()))
}

// formatColor writes a colour's name, or #rrggbb when it has none.
func formatColor(c color.RGBA) string {
	for _, n := range namedColors {
		if n.c == c {
			return n.name
		}
	}
	return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B)
}

// UseData makes s a model surface on the data file at path (a file, a
// built-in data set's name, or data added with surface.AddData): the model
// stays when s already is one that takes data, else the file's header
// chooses it (surface.ModelFor). The domain, axes and the runs' starts go
// back to the new surface's own. On error s is left as it was.
func (s *Scene) UseData(path string) error {
	model := s.Surface
	if info, ok := surface.LookupModel(model); !ok || !info.TakesData {
		m, err := surface.ModelFor(path)
		if err != nil {
			return fmt.Errorf("scene: %w", err)
		}
		model = m
	}
	s.Surface, s.Data, s.Expr, s.Dir, s.Domain, s.Axes = model, path, "", "", nil, nil
	for i := range s.Runs {
		s.Runs[i].Start = nil
	}
	return nil
}
