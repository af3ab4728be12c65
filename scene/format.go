package scene

import (
	"bufio"
	"fmt"
	"image/color"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"descent/scene/surface"
)

// Error is a problem with a scene: where it is and what is wrong. File and
// Line are empty and zero for a scene built in code; Run is the 1-based run
// the problem belongs to, or 0 for the scene itself.
type Error struct {
	File string
	Line int
	Run  int
	Msg  string
}

// Error formats the problem as `scene: FILE:LINE: run N: MESSAGE`, leaving
// out the parts that are unknown.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("scene: ")
	if e.File != "" {
		b.WriteString(e.File)
		if e.Line > 0 {
			fmt.Fprintf(&b, ":%d", e.Line)
		}
		b.WriteString(": ")
	}
	if e.Run > 0 {
		fmt.Fprintf(&b, "run %d: ", e.Run)
	}
	b.WriteString(e.Msg)
	return b.String()
}

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

// lines remembers where each key of a parsed scene was set, so that checks
// made after parsing can still name the line.
type lines struct {
	file  string
	scene map[string]int   // scene key to line
	runs  []map[string]int // per run: key to line; "[run]" is the header
}

// at returns the error for a problem with key of run (0: the scene).
func (l *lines) at(run int, key string, format string, args ...any) error {
	e := &Error{Run: run, Msg: fmt.Sprintf(format, args...)}
	if l == nil {
		return e
	}
	e.File = l.file
	switch {
	case run == 0:
		e.Line = l.scene[key]
	case run <= len(l.runs):
		e.Line = l.runs[run-1][key]
		if e.Line == 0 {
			e.Line = l.runs[run-1]["[run]"]
		}
	}
	return e
}

// set reports whether key was given in the file (always false for a scene
// built in code).
func (l *lines) set(key string) bool {
	if l == nil {
		return false
	}
	_, ok := l.scene[key]
	return ok
}

// Parse reads a scene file from r; name (usually the file name) appears in
// error messages and, without its directory and ".scene", becomes the
// scene's Name. The scene is normalized (defaults filled for the keys not
// given) and validated; a relative data path is read from the working
// directory (LoadFile reads it from the file's directory).
func Parse(r io.Reader, name string) (*Scene, error) {
	return parse(r, name, "")
}

// LoadFile reads the scene file at path (see Parse). A relative data path in
// it is read from the file's directory.
func LoadFile(path string) (*Scene, error) {
	f, err := os.Open(path)
	if err != nil {
		if os.IsNotExist(err) {
			return nil, fmt.Errorf("scene: %s: no such file", path)
		}
		return nil, fmt.Errorf("scene: %v", err)
	}
	defer f.Close()
	return parse(f, path, filepath.Dir(path))
}

func parse(r io.Reader, name, dir string) (*Scene, error) {
	s := &Scene{Name: strings.TrimSuffix(filepath.Base(name), ".scene"), Dir: dir}
	l := &lines{file: name, scene: map[string]int{}}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	n := 0
	fail := func(run int, format string, args ...any) error {
		return &Error{File: name, Line: n, Run: run, Msg: fmt.Sprintf(format, args...)}
	}
	for sc.Scan() {
		n++
		raw := sc.Text()
		if n == 1 {
			raw = strings.TrimPrefix(raw, "\ufeff") // a byte-order mark from some editors
		}
		text := strings.TrimSpace(stripComment(raw))
		if text == "" {
			continue
		}
		run := len(s.Runs)
		if strings.HasPrefix(text, "[") {
			if !strings.HasSuffix(text, "]") {
				return nil, fail(0, "missing ']' in section header %q", text)
			}
			section := strings.ToLower(strings.TrimSpace(text[1 : len(text)-1]))
			if section != "run" {
				hint := ""
				if editDistance(section, "run") <= 2 {
					hint = ` (did you mean "[run]"?)`
				}
				return nil, fail(0, "unknown section %q%s: the only section is [run]", text, hint)
			}
			s.Runs = append(s.Runs, RunConfig{})
			l.runs = append(l.runs, map[string]int{"[run]": n})
			continue
		}
		key, value, ok := strings.Cut(text, "=")
		if !ok {
			return nil, fail(run, "missing '=' in %q (want KEY = VALUE)", text)
		}
		key = strings.ToLower(strings.TrimSpace(key))
		value = strings.TrimSpace(value)
		if key == "" {
			return nil, fail(run, "missing key before '=' in %q", text)
		}
		f, known := lookupField(key)
		if !known {
			names := fieldNames(run > 0)
			if near := nearest(key, names); near != "" {
				return nil, fail(run, "unknown key %q (did you mean %q?)", key, near)
			}
			if near := nearest(key, fieldNames(run == 0)); near != "" {
				return nil, fail(run, "unknown key %q (did you mean %q? it belongs %s)", key, near, sectionOf(run == 0))
			}
			return nil, fail(run, "unknown key %q (keys here: %s)", key, strings.Join(names, ", "))
		}
		if f.run && run == 0 {
			return nil, fail(0, "key %q belongs in a [run] section (start one with a line [run])", key)
		}
		if !f.run && run > 0 {
			return nil, fail(run, "key %q belongs before the first [run] section", key)
		}
		seen := l.scene
		if run > 0 {
			seen = l.runs[run-1]
		}
		if first, dup := seen[key]; dup {
			return nil, fail(run, "duplicate key %q (first set on line %d)", key, first)
		}
		if value == "" {
			return nil, fail(run, "missing value for %s", key)
		}
		seen[key] = n
		var rc *RunConfig
		if run > 0 {
			rc = &s.Runs[run-1]
		}
		if err := f.set(s, rc, value); err != nil {
			return nil, fail(run, "%s", err.Error())
		}
	}
	if err := sc.Err(); err != nil {
		return nil, &Error{File: name, Line: n + 1, Msg: err.Error()}
	}
	if err := s.check(l); err != nil {
		return nil, err
	}
	return s, nil
}

// sectionOf names where a key of the scene (run false) or of a run belongs.
func sectionOf(run bool) string {
	if run {
		return "in a [run] section"
	}
	return "before the first [run]"
}

// stripComment removes a comment: '#' at the start of the line, or after
// white space and followed by white space or the end of the line.
func stripComment(line string) string {
	t := strings.TrimLeft(line, " \t")
	if strings.HasPrefix(t, "#") {
		return ""
	}
	for i := 1; i < len(line); i++ {
		if line[i] != '#' || (line[i-1] != ' ' && line[i-1] != '\t') {
			continue
		}
		if i+1 == len(line) || line[i+1] == ' ' || line[i+1] == '\t' {
			return line[:i]
		}
	}
	return line
}

// Write writes s in the scene file format: the scene's keys, then one [run]
// section per run. Keys whose value is the zero value are left out (alpha
// and camera are always written). For a normalized scene, Parse reads the
// text back to an equal scene (Name and Dir come from the file, not the
// text). Text that would not read back the same (a line break, a " # " that
// would start a comment, a comma inside a label) is an error.
func (s *Scene) Write(w io.Writer) error {
	var b strings.Builder
	writeKeys := func(run bool, rc *RunConfig) error {
		for _, f := range fields {
			if f.run != run {
				continue
			}
			v, ok := f.get(s, rc)
			if !ok {
				continue
			}
			if err := writable(f.name, v); err != nil {
				return err
			}
			fmt.Fprintf(&b, "%s = %s\n", f.name, v)
		}
		return nil
	}
	if s.Name != "" {
		fmt.Fprintf(&b, "# %s\n", s.Name)
	}
	if err := writeKeys(false, nil); err != nil {
		return err
	}
	for _, lbl := range []string{s.XLabel, s.YLabel, s.ZLabel} {
		if strings.Contains(lbl, ",") {
			return &Error{Msg: fmt.Sprintf("cannot write label %q: labels cannot contain commas", lbl)}
		}
	}
	for i := range s.Runs {
		b.WriteString("\n[run]\n")
		if err := writeKeys(true, &s.Runs[i]); err != nil {
			return err
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// writable reports an error when v would not read back as the value of key.
func writable(key, v string) error {
	switch {
	case strings.ContainsAny(v, "\r\n"):
		return &Error{Msg: fmt.Sprintf("cannot write %s %q: it contains a line break", key, v)}
	case v != strings.TrimSpace(v):
		return &Error{Msg: fmt.Sprintf("cannot write %s %q: it starts or ends with a space", key, v)}
	case stripComment("x = "+v) != "x = "+v:
		return &Error{Msg: fmt.Sprintf("cannot write %s %q: its ' # ' would start a comment", key, v)}
	}
	return nil
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

// nearest returns the candidate closest to s, or "" when none is close
// enough to be a plausible typo.
func nearest(s string, candidates []string) string {
	best, bestD := "", 3
	for _, c := range candidates {
		d := editDistance(s, c)
		if d < bestD && 2*d < max(len(s), len(c)) {
			best, bestD = c, d
		}
	}
	if best == "" {
		// A prefix or a longer form ("colour" for "colormap") is a fair hint too.
		for _, c := range candidates {
			if len(s) >= 3 && (strings.HasPrefix(c, s) || strings.HasPrefix(s, c)) {
				return c
			}
		}
	}
	return best
}

// editDistance is the Levenshtein distance between a and b, counting a swap
// of two neighbouring letters as one edit.
func editDistance(a, b string) int {
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}
