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
	"strings"

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
	// CSV file of data points: with Surface a model surface's data (logistic:
	// x,label), alone the x,y points of least squares. Expr goes alone;
	// Surface defaults to "bowl" when nothing is set.
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
	// State adds each optimizer's state after every step, in torch's names
	// (see Trace.Write).
	State bool
}

// Trace is a validated, ready-to-run trace: the surface and one run per
// (start, optimizer) pair, starts outer.
type Trace struct {
	Surface *surface.Surface
	Runs    []*run.Run
	Specs   []string // canonical optimizer spec of each run
	Steps   int
	Format  string
	// LR adds the lr column: row k holds the lr of step k+1 (empty on the
	// last row). It is on when some optimizer spec has a schedule.
	LR bool
	// State is set when the rows carry the optimizers' state.
	State bool
	// StateKeys are the state entries the runs keep, the union over the runs
	// in order of first appearance, each run's in torch's order.
	StateKeys []optim.Key
}

// LoadSurface returns the surface the options name: a built-in surface, an
// expression, the least-squares surface of a data file, or a model surface
// (ols, logistic, tanh-unit) of a data file when both surfaceName and data
// are given. A model surface that needs data without it, or data with a
// surface that takes none, is an error naming the flag.
func LoadSurface(surfaceName, expression, data string) (*surface.Surface, error) {
	switch {
	case expression != "" && (surfaceName != "" || data != ""):
		return nil, errors.New("trace: give only one of -surface, -expr and -data")
	case expression != "":
		return surface.FromExpr(expression)
	case surfaceName != "" && data != "":
		m, ok := surface.LookupModel(surfaceName)
		if !ok {
			if _, err := surface.Lookup(surfaceName); err != nil {
				return nil, err
			}
			return nil, fmt.Errorf("trace: -data goes with a data surface (%s), not -surface %s", strings.Join(dataSurfaces(), ", "), surfaceName)
		}
		if !m.TakesData {
			return nil, fmt.Errorf("trace: -surface %s trains on its built-in data set (%s) and takes no -data", m.Name, m.Builtin)
		}
		return surface.LoadModel(surfaceName, data)
	case data != "":
		return surface.LoadCSV(data)
	case surfaceName != "":
		if m, ok := surface.LookupModel(surfaceName); ok && m.Builtin == "" {
			return nil, fmt.Errorf("trace: -surface %s needs -data FILE.csv with columns %s", m.Name, strings.Join(m.Columns, ","))
		}
		return surface.Lookup(surfaceName)
	}
	return surface.Lookup("bowl")
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
	t := &Trace{Surface: surf, Steps: o.Steps, Format: o.Format, State: o.State}
	for _, start := range starts {
		for i, spec := range parsed {
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
			sched, err := optim.NewSchedule(spec, opt)
			if err != nil {
				return nil, err
			}
			if sched != nil {
				if n, limited := sched.Limit(); limited && o.Steps > n {
					return nil, fmt.Errorf("trace: %q allows at most %d steps, not %d (torch raises past onecyclelr's total_steps): lower -steps or raise total_steps", specs[i], n, o.Steps)
				}
				r.SetSchedule(sched)
				t.LR = true
			}
			t.Runs = append(t.Runs, r)
			t.Specs = append(t.Specs, spec.String())
		}
	}
	if t.State {
		seen := map[string]bool{}
		for _, r := range t.Runs {
			for _, k := range optim.StateKeys(r.Optimizer, surf.Dim) {
				if !seen[k.Name] {
					seen[k.Name] = true
					t.StateKeys = append(t.StateKeys, k)
				}
			}
		}
	}
	return t, nil
}

// StateColumns returns the CSV columns of the state (empty unless State):
// NAME_x and NAME_y for a tensor (NAME_x alone in 1-D), NAME for a scalar,
// in the order of StateKeys; torch's step is left out, as it equals the
// row's step.
func (t *Trace) StateColumns() []string {
	var cols []string
	for _, k := range t.StateKeys {
		switch {
		case k.Name == "step":
		case k.Scalar:
			cols = append(cols, k.Name)
		case t.Surface.Dim == 1:
			cols = append(cols, k.Name+"_x")
		default:
			cols = append(cols, k.Name+"_x", k.Name+"_y")
		}
	}
	return cols
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
//
// With State, row k also holds the optimizer's state after k steps
// (optim.Optimizer.State): in CSV, the StateColumns after loss (and lr),
// empty on row 0 and where a run's optimizer has no such entry; in JSON,
// each run has "state", one object per trajectory row, torch's
// optimizer.state[p] with its keys in torch's order (step included),
// tensors as arrays of Dim numbers, scalars as numbers, a non-finite value
// as null; row 0's object is empty.
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

// row is one iterate of a run: the step, the point and its loss, and the
// lr of the next step (hasLR false after the last step).
type row struct {
	step  int
	p     []float64
	loss  float64
	lr    float64
	hasLR bool
}

// each steps run r and calls emit for every iterate, step 0 first.
func (t *Trace) each(r *run.Run, emit func(row) error) (diverged bool, err error) {
	r.Reset()
	if r.Diverged() {
		return true, nil
	}
	for k := 0; ; k++ {
		if err := emit(row{step: k, p: r.Point(), loss: r.Loss(), lr: r.LR(), hasLR: k < t.Steps}); err != nil {
			return false, err
		}
		if k == t.Steps {
			return false, nil
		}
		if r.Step() != nil {
			return true, nil
		}
	}
}

func (t *Trace) divergence(i int) Divergence {
	step := t.Runs[i].DivergedAt()
	return Divergence{Run: i + 1, Spec: t.Specs[i], Step: step}
}

func (t *Trace) writeCSV(w *bufio.Writer) ([]Divergence, error) {
	cw := csv.NewWriter(w)
	header := append(append([]string{"run", "optimizer", "step"}, t.Surface.TraceColumns()...), "loss")
	if t.LR {
		header = append(header, "lr")
	}
	lossCol := 3 + t.Surface.Dim
	base := len(header) // the first state column
	header = append(header, t.StateColumns()...)
	if err := cw.Write(header); err != nil {
		return nil, err
	}
	var divs []Divergence
	record := make([]string, len(header))
	cols := newStateColumns(t.StateKeys, t.Surface.Dim, base)
	for i, r := range t.Runs {
		record[0] = strconv.Itoa(i + 1)
		record[1] = t.Specs[i]
		diverged, err := t.each(r, func(w row) error {
			record[2] = strconv.Itoa(w.step)
			for j, v := range w.p {
				record[3+j] = FormatFloat(v)
			}
			record[lossCol] = FormatFloat(w.loss)
			if t.LR {
				record[lossCol+1] = ""
				if w.hasLR {
					record[lossCol+1] = FormatFloat(w.lr)
				}
			}
			if t.State {
				cols.fill(record, r.Optimizer, w.step)
			}
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
	columns := append(t.Surface.TraceColumns(), "loss")
	if t.LR {
		columns = append(columns, "lr")
	}
	js := newJSONStream(w, t.Surface.Name, t.Surface.Dim, t.Steps, columns)
	var divs []Divergence
	for i, r := range t.Runs {
		js.beginRun(i+1, t.Specs[i], r.Start)
		diverged, err := t.each(r, func(w row) error { return js.row(w.p, w.loss, t.LR, w.hasLR, w.lr) })
		if err != nil {
			return divs, err
		}
		if t.State {
			// The state rows follow the trajectory: the run is stepped
			// again (the same steps, runs being deterministic), so that
			// neither part is held in memory.
			js.beginState()
			var st []optim.Entry
			var buf []byte
			t.each(r, func(row) error {
				st = r.Optimizer.State(st)
				buf = appendStateJSON(buf[:0], st)
				js.stateRow(buf)
				return nil
			})
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
