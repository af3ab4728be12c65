package surface

import (
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
)

// ModelKind names the model behind a data surface; a fit view draws each
// kind its own way.
type ModelKind string

// The model kinds.
const (
	// KindLine is the straight line y = intercept + slope*x of "ols".
	KindLine ModelKind = "line"
	// KindLogistic is the logistic regression P(label=1) = sigmoid(weight*x + bias).
	KindLogistic ModelKind = "logistic"
	// KindTanhUnit is the one-hidden-unit network y = w2*tanh(w1*x).
	KindTanhUnit ModelKind = "tanh-unit"
	// KindMLP is the classifier network of "mlp-slice" on 2-D inputs.
	KindMLP ModelKind = "mlp"
)

// Threshold is the probability at which a classifier's decision flips: a
// classification model (Model.Classifier) predicts label 1 where Predict
// returns more than Threshold.
const Threshold = 0.5

// Model is the model a data surface fits and its data set: everything a fit
// view needs to draw the data and, for any point of the surface (a run's
// current parameters), the model those parameters make. It is shared by
// copies of the surface and must not be modified.
//
// What Predict returns, by Kind:
//
//   - KindLine (ols): the line's value params[0] + params[1]*x.
//   - KindLogistic: the probability sigmoid(weight*x + bias) of label 1; the
//     decision threshold (Predict = 0.5) is at x = -bias/weight.
//   - KindTanhUnit: the network's output w2*tanh(w1*x).
//   - KindMLP (mlp-slice): the probability of label 1 at the 2-D input
//     (x1, x2) of the network with weights w* + alpha*d1 + beta*d2; its
//     decision boundary is the level set Predict = 0.5.
type Model struct {
	// Kind names the model.
	Kind ModelKind
	// Classifier is set when the targets are labels 0 and 1 and Predict
	// returns the probability of label 1 (logistic, mlp); otherwise the
	// targets are real numbers and Predict returns the model's value.
	Classifier bool
	// Columns names the data columns: the inputs then the target, as in the
	// CSV file ({"x", "y"}, {"x", "label"}, {"x1", "x2", "label"}).
	Columns []string
	// Inputs holds each data point's inputs: one number (x), or two
	// (x1, x2) for mlp-slice.
	Inputs [][]float64
	// Targets holds each data point's target: y, or the label 0 or 1.
	Targets []float64
	// Predict returns the model's output for one input (len(input) ==
	// len(Columns)-1) at the surface point params (two numbers: the
	// surface's coordinates, e.g. weight and bias). It is safe for
	// concurrent use.
	Predict func(params, input []float64) float64
	// BatchGradient returns the loss and its gradient at (x, y) over only
	// the data points idx (indices into Targets, repeats allowed): the same
	// mean as the surface's loss, over the batch. An empty batch gives
	// zeros. It serves mini-batch stochastic gradient descent.
	BatchGradient func(x, y float64, idx []int) (f, dx, dy float64)
}

// Len returns the number of data points.
func (m *Model) Len() int { return len(m.Targets) }

// InputDim returns the number of inputs of the model: 1, or 2 for mlp-slice.
func (m *Model) InputDim() int { return len(m.Columns) - 1 }

// ModelInfo describes a model surface: a loss over the two parameters of
// a model fitted to a data set.
type ModelInfo struct {
	// Name is the surface's name on the command line, e.g. "logistic".
	Name string
	// Title is its display name.
	Title string
	// Formula is the loss written out.
	Formula string
	// Axes names the two parameters, e.g. {"weight", "bias"}.
	Axes [2]string
	// Columns are the CSV columns the data needs, e.g. {"x", "label"}.
	Columns []string
	// Builtin is the built-in data set the surface uses when no data file is
	// given; empty when a data file is required.
	Builtin string
	// TakesData reports whether a data file may be given at all (mlp-slice
	// trains on its built-in data set only).
	TakesData bool
	// Shows says in one line what the surface teaches.
	Shows string
}

// models lists the model surfaces in teaching order.
var models = []ModelInfo{
	{
		Name: "ols", Title: "Least squares (intercept, slope)",
		Formula: "mean((y_i - intercept - slope*x_i)^2)",
		Axes:    [2]string{"intercept", "slope"}, Columns: []string{"x", "y"},
		Builtin: "ols-1000.csv", TakesData: true,
		Shows: "a convex quadratic bowl whose minimum is the least-squares line",
	},
	{
		Name: "logistic", Title: "Logistic regression (weight, bias)",
		Formula: "mean(BCE-with-logits(weight*x_i + bias, label_i))",
		Axes:    [2]string{"weight", "bias"}, Columns: []string{"x", "label"},
		TakesData: true,
		Shows:     "a convex valley; on separable data no minimum at all: runs walk off to infinity",
	},
	{
		Name: "tanh-unit", Title: "One tanh unit (w1, w2)",
		Formula: "mean((y_i - w2*tanh(w1*x_i))^2)",
		Axes:    [2]string{"w1", "w2"}, Columns: []string{"x", "y"},
		TakesData: true,
		Shows:     "two mirror-image minima and a saddle at the origin, the symmetry of real networks",
	},
	{
		Name: "mlp-slice", Title: "MLP loss on a random plane (two moons)",
		Formula: "mean(BCE-with-logits(mlp(w* + alpha*d1 + beta*d2; x_i), label_i)) + L2",
		Axes:    [2]string{"alpha", "beta"}, Columns: []string{"x1", "x2", "label"},
		Builtin: mlpData,
		Shows:   "a trained 2-16-16-1 network's loss on a plane of filter-normalised random directions",
	},
}

// Models returns the model surfaces (built from data sets) in teaching
// order: ols, logistic, tanh-unit, mlp-slice.
func Models() []ModelInfo {
	out := slices.Clone(models)
	for i := range out {
		out[i].Columns = slices.Clone(out[i].Columns)
	}
	return out
}

// LookupModel returns the description of the model surface name, and
// whether there is one.
func LookupModel(name string) (ModelInfo, bool) {
	for _, m := range Models() {
		if m.Name == name {
			return m, true
		}
	}
	return ModelInfo{}, false
}

// needsData is the error for a model surface asked for without data.
func (m ModelInfo) needsData() error {
	return fmt.Errorf("surface: %s needs a data file with columns %s (e.g. %s)", m.Name, strings.Join(m.Columns, ","), exampleData(m.Name))
}

// exampleData names a built-in data set that suits model name.
func exampleData(name string) string {
	switch name {
	case "logistic":
		return "logistic-200.csv"
	case "tanh-unit":
		return "tanh-300.csv"
	}
	return "data.csv"
}

// LoadModel builds the model surface name (see Models) from the CSV file at
// path; a built-in data set's name opens the embedded copy when no such file
// exists on disk. An empty path means the model's built-in data set. Errors
// name the file, the line and the column.
func LoadModel(name, path string) (*Surface, error) {
	info, ok := LookupModel(name)
	if !ok {
		return nil, unknownModel(name)
	}
	if path == "" {
		if info.Builtin == "" {
			return nil, info.needsData()
		}
		return Lookup(name)
	}
	if !info.TakesData {
		return nil, fmt.Errorf("surface: %s trains on its built-in data set (%s) and takes no data file", name, info.Builtin)
	}
	f, err := openData(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ReadModel(name, f, path)
}

// ReadModel builds the model surface name from CSV text (see LoadModel);
// file names the text in errors and titles.
func ReadModel(name string, r io.Reader, file string) (*Surface, error) {
	info, ok := LookupModel(name)
	if !ok {
		return nil, unknownModel(name)
	}
	var (
		s   *Surface
		err error
	)
	switch name {
	case "ols":
		return ReadCSV(r, file)
	case "logistic":
		s, err = readLogistic(r, file)
	case "tanh-unit":
		s, err = readTanhUnit(r, file)
	default:
		return nil, fmt.Errorf("surface: %s trains on its built-in data set (%s) and takes no data file", name, info.Builtin)
	}
	if err != nil {
		return nil, err
	}
	s.Title = info.Title + ": " + filepath.Base(file)
	return s, nil
}

// unknownModel is the error for a name that is no model surface.
func unknownModel(name string) error {
	names := make([]string, len(models))
	for i, m := range models {
		names[i] = m.Name
	}
	if _, err := Lookup(name); err == nil {
		return fmt.Errorf("surface: %s is not built from data (data surfaces: %s)", name, strings.Join(names, ", "))
	}
	return fmt.Errorf("surface: unknown model surface %q (data surfaces: %s)", name, strings.Join(names, ", "))
}
