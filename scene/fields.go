package scene

import (
	"fmt"
	"image/color"
	"math"
	"strconv"
	"strings"

	"descent/scene/surface"
)

// field is one key of the scene file: how to read its value into a scene or
// run, and how to write it back (ok false leaves the key out).
type field struct {
	name string
	run  bool // belongs in a [run] section
	set  func(s *Scene, r *RunConfig, v string) error
	get  func(s *Scene, r *RunConfig) (v string, ok bool)
}

// fields lists every key in the order Write writes them.
var fields = []field{
	{name: "title", set: func(s *Scene, _ *RunConfig, v string) error { s.Title = v; return nil },
		get: func(s *Scene, _ *RunConfig) (string, bool) { return s.Title, s.Title != "" }},
	{name: "description", set: func(s *Scene, _ *RunConfig, v string) error { s.Description = v; return nil },
		get: func(s *Scene, _ *RunConfig) (string, bool) { return s.Description, s.Description != "" }},
	{name: "surface", set: func(s *Scene, _ *RunConfig, v string) error { s.Surface = v; return nil },
		get: func(s *Scene, _ *RunConfig) (string, bool) { return s.Surface, s.Surface != "" }},
	{name: "expr", set: func(s *Scene, _ *RunConfig, v string) error { s.Expr = v; return nil },
		get: func(s *Scene, _ *RunConfig) (string, bool) { return s.Expr, s.Expr != "" }},
	{name: "data", set: func(s *Scene, _ *RunConfig, v string) error { s.Data = v; return nil },
		get: func(s *Scene, _ *RunConfig) (string, bool) { return s.Data, s.Data != "" }},
	{name: "domain",
		set: func(s *Scene, _ *RunConfig, v string) error {
			d, err := parseDomain("domain", v, "xmin, xmax, ymin, ymax (or xmin, xmax for a curve)")
			s.Domain = d
			return err
		},
		get: func(s *Scene, _ *RunConfig) (string, bool) { return formatDomain(s.Domain), s.Domain != nil }},
	{name: "mesh",
		set: func(s *Scene, _ *RunConfig, v string) (err error) { s.Mesh, err = parseInt("mesh", v); return err },
		get: func(s *Scene, _ *RunConfig) (string, bool) { return strconv.Itoa(s.Mesh), s.Mesh != 0 }},
	{name: "colormap", set: func(s *Scene, _ *RunConfig, v string) error { s.Colormap = strings.ToLower(v); return nil },
		get: func(s *Scene, _ *RunConfig) (string, bool) { return s.Colormap, s.Colormap != "" }},
	{name: "alpha",
		set: func(s *Scene, _ *RunConfig, v string) (err error) { s.Alpha, err = parseFloat("alpha", v); return err },
		get: func(s *Scene, _ *RunConfig) (string, bool) { return formatFloat(s.Alpha), true }},
	{name: "camera",
		set: func(s *Scene, _ *RunConfig, v string) error {
			xs, err := parseFloats("camera", v, "elevation, azimuth [, distance]", 2, 3)
			if err != nil {
				return err
			}
			s.Camera = Camera{Elevation: xs[0], Azimuth: xs[1]}
			if len(xs) == 3 {
				s.Camera.Distance = xs[2]
			}
			return nil
		},
		get: func(s *Scene, _ *RunConfig) (string, bool) {
			xs := []float64{s.Camera.Elevation, s.Camera.Azimuth}
			if s.Camera.Distance != 0 {
				xs = append(xs, s.Camera.Distance)
			}
			return formatFloats(xs), true
		}},
	{name: "rotate",
		set: func(s *Scene, _ *RunConfig, v string) (err error) {
			s.Rotate, err = parseFloat("rotate", v)
			return err
		},
		get: func(s *Scene, _ *RunConfig) (string, bool) { return formatFloat(s.Rotate), s.Rotate != 0 }},
	{name: "autorotate",
		set: func(s *Scene, _ *RunConfig, v string) (err error) {
			s.AutoRotate, err = parseBool("autorotate", v)
			return err
		},
		get: func(s *Scene, _ *RunConfig) (string, bool) { return "true", s.AutoRotate }},
	{name: "rate",
		set: func(s *Scene, _ *RunConfig, v string) (err error) { s.Rate, err = parseFloat("rate", v); return err },
		get: func(s *Scene, _ *RunConfig) (string, bool) { return formatFloat(s.Rate), s.Rate != 0 }},
	{name: "steps",
		set: func(s *Scene, _ *RunConfig, v string) (err error) { s.Steps, err = parseInt("steps", v); return err },
		get: func(s *Scene, _ *RunConfig) (string, bool) { return strconv.Itoa(s.Steps), s.Steps != 0 }},
	{name: "labels",
		set: func(s *Scene, _ *RunConfig, v string) error {
			parts := strings.Split(v, ",")
			if len(parts) != 3 {
				return fmt.Errorf("labels needs 3 labels separated by commas (x, y, loss), got %d", len(parts))
			}
			for i := range parts {
				parts[i] = strings.TrimSpace(parts[i])
				if parts[i] == "" {
					return fmt.Errorf("labels: label %d is empty", i+1)
				}
			}
			s.XLabel, s.YLabel, s.ZLabel = parts[0], parts[1], parts[2]
			return nil
		},
		get: func(s *Scene, _ *RunConfig) (string, bool) {
			return s.XLabel + ", " + s.YLabel + ", " + s.ZLabel, s.XLabel != "" || s.YLabel != "" || s.ZLabel != ""
		}},
	{name: "view", set: func(s *Scene, _ *RunConfig, v string) error { s.View = strings.ToLower(v); return nil },
		get: func(s *Scene, _ *RunConfig) (string, bool) { return s.View, s.View != "" }},
	{name: "layout", set: func(s *Scene, _ *RunConfig, v string) error { s.Layout = strings.ToLower(v); return nil },
		get: func(s *Scene, _ *RunConfig) (string, bool) { return s.Layout, s.Layout != "" }},
	{name: "contour", set: func(s *Scene, _ *RunConfig, v string) error { s.ContourOf = strings.ToLower(v); return nil },
		get: func(s *Scene, _ *RunConfig) (string, bool) { return s.ContourOf, s.ContourOf != "" }},
	{name: "arrows",
		set: func(s *Scene, _ *RunConfig, v string) (err error) { s.Arrows, err = parseBool("arrows", v); return err },
		get: func(s *Scene, _ *RunConfig) (string, bool) { return "true", s.Arrows }},
	{name: "axes",
		set: func(s *Scene, _ *RunConfig, v string) error {
			xs, err := parseFloats("axes", v, "xmin, xmax, lossmin, lossmax", 4, 4)
			if err == nil {
				s.Axes = &surface.Domain{XMin: xs[0], XMax: xs[1], YMin: xs[2], YMax: xs[3]}
			}
			return err
		},
		get: func(s *Scene, _ *RunConfig) (string, bool) {
			if s.Axes == nil {
				return "", false
			}
			return formatFloats([]float64{s.Axes.XMin, s.Axes.XMax, s.Axes.YMin, s.Axes.YMax}), true
		}},
	{name: "legend",
		set: func(s *Scene, _ *RunConfig, v string) error {
			on, err := parseBool("legend", v)
			s.HideLegend = !on
			return err
		},
		get: func(s *Scene, _ *RunConfig) (string, bool) { return "false", s.HideLegend }},

	{name: "optimizer", run: true, set: func(_ *Scene, r *RunConfig, v string) error { r.Optimizer = v; return nil },
		get: func(_ *Scene, r *RunConfig) (string, bool) { return r.Optimizer, r.Optimizer != "" }},
	{name: "start", run: true,
		set: func(_ *Scene, r *RunConfig, v string) (err error) {
			r.Start, err = parseFloats("start", v, "x, y (or x for a curve)", 1, 2)
			return err
		},
		get: func(_ *Scene, r *RunConfig) (string, bool) { return formatFloats(r.Start), r.Start != nil }},
	{name: "color", run: true,
		set: func(_ *Scene, r *RunConfig, v string) (err error) { r.Color, err = parseColor(v); return err },
		get: func(_ *Scene, r *RunConfig) (string, bool) { return formatColor(r.Color), r.Color != (color.RGBA{}) }},
	{name: "label", run: true, set: func(_ *Scene, r *RunConfig, v string) error { r.Label = v; return nil },
		get: func(_ *Scene, r *RunConfig) (string, bool) { return r.Label, r.Label != "" }},
	{name: "batch", run: true,
		set: func(_ *Scene, r *RunConfig, v string) (err error) { r.Batch, err = parseInt("batch", v); return err },
		get: func(_ *Scene, r *RunConfig) (string, bool) { return strconv.Itoa(r.Batch), r.Batch != 0 }},
	{name: "noise", run: true,
		set: func(_ *Scene, r *RunConfig, v string) (err error) { r.Noise, err = parseFloat("noise", v); return err },
		get: func(_ *Scene, r *RunConfig) (string, bool) { return formatFloat(r.Noise), r.Noise != 0 }},
	{name: "seed", run: true,
		set: func(_ *Scene, r *RunConfig, v string) error {
			n, err := strconv.ParseUint(v, 10, 64)
			if err != nil {
				return fmt.Errorf("bad seed %q (want a whole number >= 0)", v)
			}
			r.Seed = n
			return nil
		},
		get: func(_ *Scene, r *RunConfig) (string, bool) { return strconv.FormatUint(r.Seed, 10), r.Seed != 0 }},
	{name: "swarm", run: true,
		set: func(_ *Scene, r *RunConfig, v string) (err error) { r.Swarm, err = parseInt("swarm", v); return err },
		get: func(_ *Scene, r *RunConfig) (string, bool) { return strconv.Itoa(r.Swarm), r.Swarm != 0 }},
	{name: "swarm-radius", run: true,
		set: func(_ *Scene, r *RunConfig, v string) (err error) {
			r.SwarmRadius, err = parseFloat("swarm-radius", v)
			return err
		},
		get: func(_ *Scene, r *RunConfig) (string, bool) { return formatFloat(r.SwarmRadius), r.SwarmRadius != 0 }},
}

// lookupField returns the field called name.
func lookupField(name string) (field, bool) {
	for _, f := range fields {
		if f.name == name {
			return f, true
		}
	}
	return field{}, false
}

// fieldNames returns the keys of one section.
func fieldNames(run bool) []string {
	var names []string
	for _, f := range fields {
		if f.run == run {
			names = append(names, f.name)
		}
	}
	return names
}

// parseFloat parses one finite number for key.
func parseFloat(key, v string) (float64, error) {
	x, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
	if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
		return 0, fmt.Errorf("bad number %q for %s", strings.TrimSpace(v), key)
	}
	return x, nil
}

// parseInt parses one whole number for key.
func parseInt(key, v string) (int, error) {
	n, err := strconv.Atoi(v)
	if err != nil {
		if _, ferr := strconv.ParseFloat(v, 64); ferr == nil {
			return 0, fmt.Errorf("bad number %q for %s (want a whole number)", v, key)
		}
		return 0, fmt.Errorf("bad number %q for %s", v, key)
	}
	return n, nil
}

// parseFloats parses a comma-separated list of lo..hi numbers for key;
// want describes the list, e.g. "elevation, azimuth [, distance]".
func parseFloats(key, v, want string, lo, hi int) ([]float64, error) {
	parts := strings.Split(v, ",")
	if len(parts) < lo || len(parts) > hi {
		count := strconv.Itoa(lo)
		if hi > lo {
			count += " or " + strconv.Itoa(hi)
		}
		return nil, fmt.Errorf("%s needs %s numbers (%s), got %d", key, count, want, len(parts))
	}
	xs := make([]float64, len(parts))
	for i, p := range parts {
		x, err := parseFloat(key, p)
		if err != nil {
			return nil, err
		}
		xs[i] = x
	}
	return xs, nil
}

// parseDomain parses "xmin, xmax, ymin, ymax" or "xmin, xmax".
func parseDomain(key, v, want string) (*surface.Domain, error) {
	xs, err := parseFloats(key, v, want, 2, 4)
	if err != nil {
		return nil, err
	}
	if len(xs) == 3 {
		return nil, fmt.Errorf("%s needs 4 numbers (%s), got 3", key, want)
	}
	d := &surface.Domain{XMin: xs[0], XMax: xs[1]}
	if len(xs) == 4 {
		d.YMin, d.YMax = xs[2], xs[3]
	}
	return d, nil
}

// parseBool parses true/false, yes/no, on/off or 1/0.
func parseBool(key, v string) (bool, error) {
	switch strings.ToLower(v) {
	case "true", "yes", "on", "1":
		return true, nil
	case "false", "no", "off", "0":
		return false, nil
	}
	return false, fmt.Errorf("bad value %q for %s (want true or false)", v, key)
}

// formatFloat writes x in the shortest form that parses back to x.
func formatFloat(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }

// formatFloats writes a comma-separated list of numbers.
func formatFloats(xs []float64) string {
	parts := make([]string, len(xs))
	for i, x := range xs {
		parts[i] = formatFloat(x)
	}
	return strings.Join(parts, ", ")
}

// formatDomain writes a domain, with two numbers when y is unused.
func formatDomain(d *surface.Domain) string {
	if d == nil {
		return ""
	}
	if d.YMin == 0 && d.YMax == 0 {
		return formatFloats([]float64{d.XMin, d.XMax})
	}
	return formatFloats([]float64{d.XMin, d.XMax, d.YMin, d.YMax})
}
