package main

import (
	"errors"
	"flag"
	"fmt"
	"math"
	"strconv"
	"strings"

	"descent/scene"
	"descent/scene/expr"
	"descent/scene/surface"
)

// stringList is a repeatable string flag.
type stringList []string

func (l *stringList) String() string { return strings.Join(*l, " ") }

func (l *stringList) Set(v string) error {
	if strings.TrimSpace(v) == "" {
		return fmt.Errorf("empty value")
	}
	*l = append(*l, v)
	return nil
}

// textFlag is a string flag that must not be empty when given: -expr ""
// is a mistake, not a way to ask for the default. what names the value in
// the error ("empty expression").
type textFlag struct {
	v    string
	set  bool
	what string
}

func (f *textFlag) String() string {
	if f == nil {
		return ""
	}
	return f.v
}

func (f *textFlag) Set(v string) error {
	if strings.TrimSpace(v) == "" {
		return fmt.Errorf("empty %s", f.what)
	}
	f.v, f.set = v, true
	return nil
}

// checkInt reports a flag value outside lo..hi as a usage error naming the
// flag, the value and the bounds; note adds what a special value means.
func checkInt(name string, v, lo, hi int, note string) error {
	if v >= lo && v <= hi {
		return nil
	}
	if note != "" {
		note = "; " + note
	}
	return badUsage(fmt.Errorf("bad -%s %d (want %d..%d%s)", name, v, lo, hi, note))
}

// checkExpr bounds the length of a formula given on the command line, before
// it is parsed, without quoting it whole in the message.
func checkExpr(src string) error {
	if len(src) > expr.MaxLength {
		return badUsage(fmt.Errorf("bad -expr: %d bytes long (want at most %d)", len(src), expr.MaxLength))
	}
	return nil
}

// checkRuns bounds the runs that starts times optimizers make.
func checkRuns(starts, optimizers int) error {
	if starts*optimizers > scene.MaxRuns {
		return badUsage(fmt.Errorf("too many runs: %d -start times %d -optimizer make %d (want at most %d)",
			starts, optimizers, starts*optimizers, scene.MaxRuns))
	}
	return nil
}

// pointList is a repeatable flag of points written "X,Y" (or "X" in 1-D).
type pointList [][]float64

func (l *pointList) String() string { return fmt.Sprint([][]float64(*l)) }

func (l *pointList) Set(v string) error {
	p, err := parseNumbers(v, 1, 2)
	if err != nil {
		return err
	}
	*l = append(*l, p)
	return nil
}

// domainFlag is a flag "XMIN,XMAX,YMIN,YMAX" (or "XMIN,XMAX" in 1-D).
type domainFlag struct{ d *surface.Domain }

func (f *domainFlag) String() string {
	if f.d == nil {
		return ""
	}
	return fmt.Sprintf("%g,%g,%g,%g", f.d.XMin, f.d.XMax, f.d.YMin, f.d.YMax)
}

func (f *domainFlag) Set(v string) error {
	p, err := parseNumbers(v, 2, 4)
	if err != nil {
		return err
	}
	if len(p) == 3 {
		return fmt.Errorf("want XMIN,XMAX or XMIN,XMAX,YMIN,YMAX, got %d numbers", len(p))
	}
	d := surface.Domain{XMin: p[0], XMax: p[1], YMin: -1, YMax: 1}
	if len(p) == 4 {
		d.YMin, d.YMax = p[2], p[3]
	}
	if !(d.XMin < d.XMax) || !(d.YMin < d.YMax) {
		return fmt.Errorf("empty domain %q: each minimum must be below its maximum", v)
	}
	if math.IsInf(d.XMax-d.XMin, 0) || math.IsInf(d.YMax-d.YMin, 0) {
		return fmt.Errorf("domain %q is too wide: its width overflows", v)
	}
	f.d = &d
	return nil
}

// parseNumbers reads between min and max comma-separated finite numbers.
func parseNumbers(v string, min, max int) ([]float64, error) {
	fields := strings.Split(v, ",")
	if len(fields) < min || len(fields) > max {
		if min == max {
			return nil, fmt.Errorf("want %d comma-separated numbers in %q, got %d", min, v, len(fields))
		}
		return nil, fmt.Errorf("want %d to %d comma-separated numbers in %q, got %d", min, max, v, len(fields))
	}
	out := make([]float64, len(fields))
	for i, f := range fields {
		f = strings.TrimSpace(f)
		x, err := strconv.ParseFloat(f, 64)
		if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
			return nil, fmt.Errorf("bad number %q in %q", f, v)
		}
		out[i] = x
	}
	return out, nil
}

// optionalFloat is a number flag whose default depends on the scene: set
// tells whether it was given.
type optionalFloat struct {
	v   float64
	set bool
}

func (f *optionalFloat) String() string {
	if f == nil || !f.set {
		return ""
	}
	return strconv.FormatFloat(f.v, 'g', -1, 64)
}

func (f *optionalFloat) Set(s string) error {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return errors.New("not a number")
	}
	f.v, f.set = v, true
	return nil
}

// interfaceValue is flag.Value.
type interfaceValue = flag.Value

// optionalInt is an integer flag whose default is computed: set tells
// whether it was given.
type optionalInt struct {
	v   int
	set bool
}

func (f *optionalInt) String() string {
	if f == nil || !f.set {
		return ""
	}
	return strconv.Itoa(f.v)
}

func (f *optionalInt) Set(s string) error {
	v, err := strconv.Atoi(s)
	if err != nil {
		return errors.New("not an integer")
	}
	f.v, f.set = v, true
	return nil
}
