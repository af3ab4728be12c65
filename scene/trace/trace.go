// Package trace runs optimizers over a surface without a window and writes
// their trajectories as CSV or JSON: the engine of `descent trace`.
package trace

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"

	"descent/optim"
	"descent/scene/run"
	"descent/scene/surface"
)

// MaxSteps bounds -steps so a typo cannot ask for an endless trace: the
// bound of every run's steps (run.MaxSteps).
const MaxSteps = run.MaxSteps

// Options are the settings of one trace: where, what and how long.
type Options struct {
	// Surface names a built-in surface; Expr is a typed expression; Data is a
	// CSV file of x,y points. Exactly one is set (Surface defaults to "bowl"
	// when none is).
	Surface, Expr, Data string
	// Domain overrides the surface's domain (used for an expression's minima).
	Domain *surface.Domain
	// Optimizers are optimizer specs; none means plain "sgd".
	Optimizers []string
	// Starts are start points; none means the surface's default start.
	Starts [][]float64
	// Steps is the number of optimizer steps of each run.
	Steps int
	// Format is "csv" (default) or "json".
	Format string
	// Stochastic perturbs every run's gradients (mini-batches, noise, seed).
	Stochastic run.Stochastic
}

// Trace is a validated, ready-to-run trace: the surface and one run per
// (start, optimizer) pair, starts outer.
type Trace struct {
	Surface *surface.Surface
	Runs    []*run.Run
	Specs   []string // canonical optimizer spec of each run
	Steps   int
	Format  string
}

// LoadSurface returns the surface the options name.
func LoadSurface(surfaceName, expression, data string) (*surface.Surface, error) {
	given := 0
	for _, v := range []string{surfaceName, expression, data} {
		if v != "" {
			given++
		}
	}
	switch {
	case given > 1:
		return nil, errors.New("trace: give only one of -surface, -expr and -data")
	case expression != "":
		return surface.FromExpr(expression)
	case data != "":
		return surface.LoadCSV(data)
	case surfaceName != "":
		return surface.Lookup(surfaceName)
	}
	return surface.Lookup("bowl")
}

// New validates the options and prepares the runs; nothing is written.
func New(o Options) (*Trace, error) {
	if o.Steps < 0 || o.Steps > MaxSteps {
		return nil, fmt.Errorf("trace: invalid number of steps: %d (must be 0..%d)", o.Steps, MaxSteps)
	}
	switch o.Format {
	case "":
		o.Format = "csv"
	case "csv", "json":
	default:
		return nil, fmt.Errorf("trace: unknown format %q (want csv or json)", o.Format)
	}
	surf, err := LoadSurface(o.Surface, o.Expr, o.Data)
	if err != nil {
		return nil, err
	}
	if o.Domain != nil {
		surf.Domain = *o.Domain
	}
	if err := o.Stochastic.Validate(surf); err != nil {
		return nil, err
	}
	specs := o.Optimizers
	if len(specs) == 0 {
		specs = []string{"sgd"}
	}
	parsed := make([]optim.Spec, len(specs))
	for i, s := range specs {
		if parsed[i], err = optim.ParseSpec(s); err != nil {
			return nil, err
		}
		if _, err := optim.New(parsed[i]); err != nil {
			return nil, err
		}
	}
	starts := o.Starts
	if len(starts) == 0 {
		starts = [][]float64{surf.Start}
	}
	for _, s := range starts {
		if len(s) != surf.Dim {
			return nil, fmt.Errorf("trace: start %s has %d coordinates, surface %s needs %d", formatPoint(s), len(s), surf.Name, surf.Dim)
		}
	}
	t := &Trace{Surface: surf, Steps: o.Steps, Format: o.Format}
	for _, start := range starts {
		for _, spec := range parsed {
			opt, err := optim.New(spec)
			if err != nil {
				return nil, err
			}
			r, err := run.New(surf, opt, start, o.Stochastic, 2)
			if err != nil {
				return nil, err
			}
			if r.Diverged() {
				return nil, fmt.Errorf("trace: run %d (%s) starts where the loss is not finite (step 0: f(%s) = %v); choose another -start",
					len(t.Runs)+1, spec, formatPoint(start), r.Loss())
			}
			t.Runs = append(t.Runs, r)
			t.Specs = append(t.Specs, spec.String())
		}
	}
	return t, nil
}

// Divergence reports a run that stopped being finite.
type Divergence struct {
	Run  int    // 1-based run number
	Spec string // the run's optimizer spec
	Step int    // the step whose result was not finite
}

// String gives the line `descent trace` prints on stderr.
func (d Divergence) String() string {
	return fmt.Sprintf("run %d (%s) diverged at step %d", d.Run, d.Spec, d.Step)
}

// Write runs every run for the trace's steps and writes the rows to w. It
// returns the runs that diverged; a run that diverges ends at its last finite
// row. The error is an error writing to w.
func (t *Trace) Write(w io.Writer) ([]Divergence, error) {
	bw := bufio.NewWriterSize(w, 64<<10)
	var divs []Divergence
	var err error
	if t.Format == "json" {
		divs, err = t.writeJSON(bw)
	} else {
		divs, err = t.writeCSV(bw)
	}
	if err != nil {
		return divs, err
	}
	return divs, bw.Flush()
}

// each steps run r and calls row for every iterate, step 0 first.
func (t *Trace) each(r *run.Run, row func(step int, p []float64, loss float64) error) (diverged bool, err error) {
	r.Reset()
	if r.Diverged() {
		return true, nil
	}
	if err := row(0, r.Point(), r.Loss()); err != nil {
		return false, err
	}
	for k := 1; k <= t.Steps; k++ {
		if r.Step() != nil {
			return true, nil
		}
		if err := row(k, r.Point(), r.Loss()); err != nil {
			return false, err
		}
	}
	return false, nil
}

func (t *Trace) divergence(i int) Divergence {
	step := t.Runs[i].DivergedAt()
	return Divergence{Run: i + 1, Spec: t.Specs[i], Step: step}
}

func (t *Trace) writeCSV(w *bufio.Writer) ([]Divergence, error) {
	cw := csv.NewWriter(w)
	header := []string{"run", "optimizer", "step", "x", "y", "loss"}
	if t.Surface.Dim == 1 {
		header = []string{"run", "optimizer", "step", "x", "loss"}
	}
	if err := cw.Write(header); err != nil {
		return nil, err
	}
	var divs []Divergence
	record := make([]string, len(header))
	for i, r := range t.Runs {
		record[0] = strconv.Itoa(i + 1)
		record[1] = t.Specs[i]
		diverged, err := t.each(r, func(step int, p []float64, loss float64) error {
			record[2] = strconv.Itoa(step)
			for j, v := range p {
				record[3+j] = FormatFloat(v)
			}
			record[len(record)-1] = FormatFloat(loss)
			return cw.Write(record)
		})
		if err != nil {
			return divs, err
		}
		if diverged {
			divs = append(divs, t.divergence(i))
		}
	}
	cw.Flush()
	return divs, cw.Error()
}

// writeJSON writes the trace as one JSON document, run by run and row by
// row as they are computed (see jsonStream), in memory flat in the steps.
func (t *Trace) writeJSON(w *bufio.Writer) ([]Divergence, error) {
	columns := []string{"x", "y", "loss"}
	if t.Surface.Dim == 1 {
		columns = []string{"x", "loss"}
	}
	js := newJSONStream(w, t.Surface.Name, t.Surface.Dim, t.Steps, columns)
	var divs []Divergence
	for i, r := range t.Runs {
		js.beginRun(i+1, t.Specs[i], r.Start)
		diverged, err := t.each(r, func(_ int, p []float64, loss float64) error { return js.row(p, loss) })
		if err != nil {
			return divs, err
		}
		var at *int
		if diverged {
			d := t.divergence(i)
			divs = append(divs, d)
			at = &d.Step
		}
		js.endRun(at)
	}
	return divs, js.end()
}

// FormatFloat writes v in the shortest form that reads back to the same float64.
func FormatFloat(v float64) string {
	return strconv.FormatFloat(v, 'g', -1, 64)
}

func formatPoint(p []float64) string {
	s := ""
	for i, v := range p {
		if i > 0 {
			s += ","
		}
		s += FormatFloat(v)
	}
	return s
}
