package scene

import (
	"fmt"
	"image/color"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"

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
// last trailLength iterates (at most MaxTrail) and driven by the
// learning-rate schedule of its spec, if any. A run without a start
// begins at the surface's default start. Errors name the run.
func (s *Scene) BuildRuns(surf *surface.Surface, trailLength int) ([]*run.Run, error) {
	if surf == nil {
		return nil, &Error{File: s.Name, Msg: "BuildRuns needs a surface"}
	}
	if trailLength > MaxTrail {
		return nil, &Error{File: s.Name, Msg: fmt.Sprintf("trail of %d iterates is longer than %d (MaxTrail)", trailLength, MaxTrail)}
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
	label := specLabel(rc.Optimizer)
	if st := rc.Stochastic().String(); st != "" {
		label += " (" + st + ")"
	}
	return label
}

// specLabels caches the legend label of each optimizer spec seen, so that
// labelling many runs does not parse the same spec again and again.
var specLabels struct {
	sync.Mutex
	m map[string]string
}

// maxSpecLabels bounds the cache; it starts afresh when full.
const maxSpecLabels = 4096

// specLabel returns the legend label of an optimizer spec (e.g. "Adam
// lr=0.1"), or the spec itself when it does not parse.
func specLabel(spec string) string {
	specLabels.Lock()
	defer specLabels.Unlock()
	if l, ok := specLabels.m[spec]; ok {
		return l
	}
	label := spec
	if p, err := optim.ParseSpec(spec); err == nil {
		label = p.Label()
	}
	if specLabels.m == nil || len(specLabels.m) >= maxSpecLabels {
		specLabels.m = make(map[string]string)
	}
	specLabels.m[spec] = label
	return label
}

// RunLabel returns the legend label of run i: its Label if set, otherwise
// made from the optimizer spec (e.g. "Adam lr=0.1") and its stochastic
// settings. Unlabelled runs that would read the same are told apart by their
// start point ("SGD lr=0.1 from (0.9, 0.01)"), or else by their number.
// It looks at every run; RunLabels labels them all at the same cost.
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
		if sameBits(s.Runs[j].Start, s.Runs[i].Start) {
			sameStart = true
		}
	}
	return twinLabel(label, formatFloats(s.Runs[i].Start), i, s.Runs[i].Start != nil, sameLabel, sameStart)
}

// sameBits reports whether a and b hold the same numbers bit for bit: the
// same as their formatFloats being equal, without formatting.
func sameBits(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for k := range a {
		if math.Float64bits(a[k]) != math.Float64bits(b[k]) {
			return false
		}
	}
	return true
}

// RunLabels returns the legend label of every run, as RunLabel gives them,
// in time linear in the number of runs.
func (s *Scene) RunLabels() []string {
	type twin struct{ label, start string }
	base := make([]string, len(s.Runs))
	starts := make([]string, len(s.Runs))
	labels := make(map[string]int, len(s.Runs))
	pairs := make(map[twin]int, len(s.Runs))
	for i, rc := range s.Runs {
		base[i], starts[i] = s.baseLabel(i), formatFloats(rc.Start)
		labels[base[i]]++
		pairs[twin{base[i], starts[i]}]++
	}
	out := make([]string, len(s.Runs))
	for i, rc := range s.Runs {
		if rc.Label != "" {
			out[i] = rc.Label
			continue
		}
		sameLabel, sameStart := labels[base[i]] > 1, pairs[twin{base[i], starts[i]}] > 1
		out[i] = twinLabel(base[i], starts[i], i, rc.Start != nil, sameLabel, sameStart)
	}
	return out
}

// twinLabel tells run i with base label and start apart from the runs with
// the same label (sameLabel) and start (sameStart).
func twinLabel(label, start string, i int, hasStart, sameLabel, sameStart bool) string {
	switch {
	case !sameLabel:
		return label
	case !sameStart && hasStart:
		return label + " from (" + start + ")"
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
// next palette colour not already taken by a run with its own colour. It
// looks at every run; RunColors colours them all at the same cost.
func (s *Scene) RunColor(i int) color.RGBA {
	if i < 0 || i >= len(s.Runs) {
		return palette[0]
	}
	if c := s.Runs[i].Color; c != (color.RGBA{}) {
		return c
	}
	k := 0 // the index of run i among the runs without a colour
	for j := 0; j < i; j++ {
		if s.Runs[j].Color == (color.RGBA{}) {
			k++
		}
	}
	free := s.freeColors()
	return free[k%len(free)]
}

// RunColors returns the colour of every run, as RunColor gives them, in time
// linear in the number of runs.
func (s *Scene) RunColors() []color.RGBA {
	free := s.freeColors()
	out := make([]color.RGBA, len(s.Runs))
	k := 0
	for i, rc := range s.Runs {
		if rc.Color != (color.RGBA{}) {
			out[i] = rc.Color
			continue
		}
		out[i] = free[k%len(free)]
		k++
	}
	return out
}

// freeColors returns the palette colours no run has as its own colour, or
// the whole palette when runs have taken them all.
func (s *Scene) freeColors() []color.RGBA {
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
	return free
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
