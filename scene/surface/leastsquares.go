package surface

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	"descent/assets"
	"descent/scene/textlines"
)

// LeastSquares is the mean squared error of the line v = x + y*u over data
// points (u_i, v_i), as a function of the intercept x and the slope y:
//
//	loss(x, y) = mean((v_i - x - y*u_i)^2)
//
// It is built once into sufficient statistics, so Eval and Gradient cost the
// same for ten points or a million. The raw points are kept only for
// mini-batch gradients.
type LeastSquares struct {
	u, v []float64
	// Statistics of the data, centred for accuracy:
	// meanU, meanV are the means, varU = mean((u-meanU)^2),
	// slope and intercept are the least-squares solution, and residual is
	// the loss there (the smallest loss possible).
	meanU, meanV, varU     float64
	slope, intercept, rest float64
}

// FromPoints builds the least-squares surface "ols" of the points (u[i], v[i]).
// It needs at least two points, finite values and at least two distinct u
// (otherwise the slope is not determined).
func FromPoints(u, v []float64) (*Surface, error) {
	ls, err := newLeastSquares(u, v)
	if err != nil {
		return nil, err
	}
	return ls.surface(), nil
}

func newLeastSquares(u, v []float64) (*LeastSquares, error) {
	if len(u) != len(v) {
		return nil, fmt.Errorf("surface: %d x values but %d y values", len(u), len(v))
	}
	n := len(u)
	if n < 2 {
		return nil, fmt.Errorf("surface: least squares needs at least two points, got %d", n)
	}
	for i := range u {
		if !finite(u[i]) || !finite(v[i]) {
			return nil, fmt.Errorf("surface: point %d (%v, %v) is not finite", i+1, u[i], v[i])
		}
	}
	ls := &LeastSquares{u: append([]float64(nil), u...), v: append([]float64(nil), v...)}

	if err := fitLeastSquares(ls); err != nil {
		return nil, err
	}
	return ls, nil
}

// errTooLargeData reports data whose sums of squares overflow float64.
var errTooLargeData = errors.New("surface: data values too large: their squares overflow (keep x and y within ±1e150)")

func finite(f float64) bool { return !math.IsNaN(f) && !math.IsInf(f, 0) }

// Len returns the number of data points.
func (ls *LeastSquares) Len() int { return len(ls.u) }

// Point returns the i-th data point (u, v), 0 <= i < Len().
func (ls *LeastSquares) Point(i int) (u, v float64) { return ls.u[i], ls.v[i] }

// Solution returns the exact least-squares intercept and slope and the loss there.
func (ls *LeastSquares) Solution() (intercept, slope, loss float64) {
	return ls.intercept, ls.slope, ls.rest
}

// Eval returns the loss of the line with intercept x and slope y.
func (ls *LeastSquares) Eval(x, y float64) float64 {
	f, _, _ := ls.Gradient(x, y)
	return f
}

// Gradient returns the loss and its partial derivatives in x and y.
//
// With c = meanV - x - y*meanU the loss splits into three non-negative parts,
// rest + varU*(y-slope)^2 + c^2, which keeps it accurate near the minimum.
func (ls *LeastSquares) Gradient(x, y float64) (f, dx, dy float64) {
	c := ls.meanV - x - y*ls.meanU
	d := y - ls.slope
	f = ls.rest + ls.varU*d*d + c*c
	dx = -2 * c
	dy = 2*ls.varU*d - 2*ls.meanU*c
	return f, dx, dy
}

// Hessian returns the second derivatives of the loss, which are constant:
// f_xx = 2, f_xy = 2*mean(u), f_yy = 2*mean(u^2) = 2*(varU + meanU^2).
func (ls *LeastSquares) Hessian(_, _ float64) (dxx, dxy, dyy float64) {
	return 2, 2 * ls.meanU, 2 * (ls.varU + ls.meanU*ls.meanU)
}

// BatchGradient returns the loss and gradient of the mean over only the
// points idx (indices in [0, Len()), repeats allowed), for mini-batch
// stochastic gradient descent. An empty batch gives zeros.
func (ls *LeastSquares) BatchGradient(x, y float64, idx []int) (f, dx, dy float64) {
	var sum BatchSum
	ls.AddBatch(&sum, x, y, idx)
	return sum.Gradient()
}

// BatchSum accumulates the residual sums of a mini-batch given in pieces
// (see AddBatch), so that a large batch needs no index list of its full
// size. The zero value is an empty batch.
type BatchSum struct {
	n            int
	sr, sru, srr float64 // sums of r, r*u and r*r over the residuals r = v - x - y*u
}

// AddBatch adds the points idx (indices in [0, Len()), repeats allowed) at
// intercept x and slope y to sum. Adding a batch in pieces gives exactly the
// sums of adding it at once.
func (ls *LeastSquares) AddBatch(sum *BatchSum, x, y float64, idx []int) {
	sr, sru, srr := sum.sr, sum.sru, sum.srr
	for _, i := range idx {
		u := ls.u[i]
		r := ls.v[i] - x - y*u
		sr += r
		sru += r * u
		srr += r * r
	}
	sum.sr, sum.sru, sum.srr = sr, sru, srr
	sum.n += len(idx)
}

// Gradient returns the mean loss over the points added and its gradient in
// the intercept and the slope; zeros for an empty batch.
func (sum BatchSum) Gradient() (f, dx, dy float64) {
	if sum.n == 0 {
		return 0, 0, 0
	}
	inv := 1 / float64(sum.n)
	return sum.srr * inv, -2 * sum.sr * inv, -2 * sum.sru * inv
}

// surface wraps ls as the "ols" surface.
func (ls *LeastSquares) surface() *Surface {
	return &Surface{
		Name:     "ols",
		Title:    "Least squares (intercept, slope)",
		Formula:  "mean((v_i - x - y*u_i)^2) over the data points (u_i, v_i)",
		Dim:      2,
		Domain:   square(-10, 10),
		Start:    []float64{9, 2},
		Minima:   []Minimum{{X: ls.intercept, Y: ls.slope, Value: ls.rest}},
		Axes:     [2]string{"intercept", "slope"},
		Eval:     ls.Eval,
		Gradient: ls.Gradient,
		Hessian:  ls.Hessian,
		Data:     ls,
		Model:    ls.model(),
	}
}

// model describes the fitted line for a fit view.
func (ls *LeastSquares) model() *Model {
	inputs := make([][]float64, len(ls.u))
	for i, u := range ls.u {
		inputs[i] = []float64{u}
	}
	return &Model{
		Kind:    KindLine,
		Columns: []string{"x", "y"},
		Inputs:  inputs,
		Targets: append([]float64(nil), ls.v...),
		Predict: func(params, input []float64) float64 {
			return params[0] + params[1]*input[0]
		},
		BatchGradient: ls.BatchGradient,
	}
}

// Bounds of a data file, checked as it is read, before its points are
// kept: a million points (38 MB of CSV) load in under a second, the whole
// program peaking at about 100 MB (16 bytes a point, and the solver's
// copies).
const (
	// MaxCSVBytes is the largest data file: 64 MiB, a million rows of up to
	// 64 bytes.
	MaxCSVBytes = 64 << 20
	// MaxCSVLine is the longest line of a data file in bytes; two numbers
	// in any notation fit easily.
	MaxCSVLine = 4096
	// MaxCSVRows is the most data points.
	MaxCSVRows = 1_000_000
)

// LoadCSV reads a least-squares surface from a CSV file of x,y columns (see
// ReadCSV); a built-in data set's name (see BuiltinData) opens the embedded
// copy when no such file exists on disk. Errors name the file.
func LoadCSV(path string) (*Surface, error) {
	f, err := openData(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if st, ok := f.(interface{ Stat() (fs.FileInfo, error) }); ok {
		if fi, err := st.Stat(); err == nil {
			switch {
			case fi.IsDir():
				return nil, fmt.Errorf("surface: %s is a directory, not a CSV file", path)
			case fi.Mode().IsRegular() && fi.Size() > MaxCSVBytes:
				return nil, fmt.Errorf("surface: %s: file of %d bytes is larger than %d (MaxCSVBytes)", path, fi.Size(), MaxCSVBytes)
			}
		}
	}
	return ReadCSV(f, path)
}

// ReadCSV reads data points from r and builds their least-squares surface.
// Each line holds two numbers "x,y" (spaces around them are allowed); an
// optional first line "x,y" is a header; blank lines are skipped. name is
// used in error messages, e.g. `surface: data.csv:7: bad number "abc" in column y`.
// At most MaxCSVBytes are read, in lines of at most MaxCSVLine bytes, with
// at most MaxCSVRows data rows.
func ReadCSV(r io.Reader, name string) (*Surface, error) {
	lr := textlines.New(r, MaxCSVBytes, MaxCSVLine)
	var u, v []float64
	for lr.Next() {
		line := lr.Line()
		text := strings.TrimSpace(lr.Text())
		if line == 1 {
			text = strings.TrimPrefix(text, "\ufeff")
		}
		if text == "" {
			continue
		}
		fields := strings.Split(text, ",")
		if len(u) == 0 && isHeader(fields) {
			continue
		}
		if len(fields) != 2 {
			return nil, fmt.Errorf("surface: %s:%d: want 2 columns x,y, got %d", name, line, len(fields))
		}
		if len(u) == MaxCSVRows {
			return nil, fmt.Errorf("surface: %s:%d: more than %d data rows", name, line, MaxCSVRows)
		}
		var p [2]float64
		for j, col := range [2]string{"x", "y"} {
			s := strings.TrimSpace(fields[j])
			f, err := strconv.ParseFloat(s, 64)
			if err != nil || !finite(f) {
				if s == "" {
					return nil, fmt.Errorf("surface: %s:%d: missing number in column %s", name, line, col)
				}
				return nil, fmt.Errorf("surface: %s:%d: bad number %q in column %s", name, line, s, col)
			}
			p[j] = f
		}
		u = append(u, p[0])
		v = append(v, p[1])
	}
	var le *textlines.LimitError
	switch err := lr.Err(); {
	case errors.As(err, &le) && le.Line > 0:
		return nil, fmt.Errorf("surface: %s:%d: %s", name, le.Line, le.Reason())
	case errors.As(err, &le):
		return nil, fmt.Errorf("surface: %s: %s (MaxCSVBytes)", name, le.Reason())
	case err != nil:
		return nil, fmt.Errorf("surface: %s:%d: %v", name, lr.Line()+1, err)
	}
	switch len(u) {
	case 0:
		return nil, fmt.Errorf("surface: %s: no data rows", name)
	case 1:
		return nil, fmt.Errorf("surface: %s: only one data row, least squares needs at least two", name)
	}
	s, err := FromPoints(u, v)
	if err != nil {
		return nil, fmt.Errorf("surface: %s: %s", name, strings.TrimPrefix(err.Error(), "surface: "))
	}
	s.Title = "Least squares (intercept, slope): " + filepath.Base(name)
	return s, nil
}

// isHeader reports whether fields are the column names x,y.
func isHeader(fields []string) bool {
	return len(fields) == 2 &&
		strings.EqualFold(strings.TrimSpace(fields[0]), "x") &&
		strings.EqualFold(strings.TrimSpace(fields[1]), "y")
}

// olsData is the built-in regression data, read once from the embedded file.
var olsData = sync.OnceValues(func() (*LeastSquares, error) {
	const path = "data/ols-1000.csv"
	f, err := assets.Data.Open(path)
	if err != nil {
		return nil, fmt.Errorf("surface: built-in data %s: %v", path, err)
	}
	defer f.Close()
	s, err := ReadCSV(f, path)
	if err != nil {
		return nil, err
	}
	return s.Data, nil
})

// ols builds the built-in "ols" surface of the regression race: 1000 points
// of y = -2 + 2x plus a little noise.
func ols() (*Surface, error) {
	ls, err := olsData()
	if err != nil {
		return nil, err
	}
	return ls.surface(), nil
}
