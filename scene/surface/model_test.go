package surface

import (
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"gonum.org/v1/gonum/diff/fd"
)

// modelSurfaces returns every model surface: those of the built-in data
// sets and a few of random data, among them separable and one-label sets.
func modelSurfaces(t testing.TB) []*Surface {
	t.Helper()
	var out []*Surface
	for _, c := range [][2]string{
		{"ols", "ols-1000.csv"},
		{"logistic", "logistic-200.csv"},
		{"logistic", "logistic-separable-100.csv"},
		{"tanh-unit", "tanh-300.csv"},
	} {
		s, err := LoadModel(c[0], c[1])
		if err != nil {
			t.Fatalf("LoadModel(%s, %s): %v", c[0], c[1], err)
		}
		out = append(out, s)
	}
	mlp, err := Lookup("mlp-slice")
	if err != nil {
		t.Fatal(err)
	}
	out = append(out, mlp)
	rng := rand.New(rand.NewPCG(3, 4))
	x := make([]float64, 50)
	label := make([]float64, 50)
	y := make([]float64, 50)
	for i := range x {
		x[i] = 10*rng.Float64() - 3
		label[i] = float64(rng.IntN(2))
		y[i] = -0.7*math.Tanh(2.5*x[i]) + 0.05*rng.NormFloat64()
	}
	for _, build := range []func() (*Surface, error){
		func() (*Surface, error) { return Logistic(x, label) },
		func() (*Surface, error) { return Logistic(x, make([]float64, len(x))) },
		func() (*Surface, error) { return TanhUnit(x, y) },
	} {
		s, err := build()
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, s)
	}
	return out
}

// TestModelGradients checks every model surface's gradient against
// gonum's central finite differences at random points of its domain, its
// value against Eval, and its mini-batch gradient over all points against
// the full one.
func TestModelGradients(t *testing.T) {
	for k, s := range modelSurfaces(t) {
		t.Run(s.Title, func(t *testing.T) {
			rng := rand.New(rand.NewPCG(11, uint64(k)))
			settings := &fd.Settings{Formula: fd.Central, Step: 1e-6}
			all := make([]int, s.Model.Len())
			for i := range all {
				all[i] = i
			}
			grad := make([]float64, 2)
			for range 30 {
				p := randomPoint(rng, s)
				f := s.Grad(p, grad)
				if e := s.Value(p); e != f {
					t.Errorf("at %v: Gradient's value %v, Eval %v", p, f, e)
				}
				num := fd.Gradient(nil, s.Value, p, settings)
				norm := math.Hypot(grad[0], grad[1])
				for i := range grad {
					if d := math.Abs(grad[i] - num[i]); d > 1e-6*math.Max(1, norm) {
						t.Errorf("at %v: d/d%s exact %v, finite differences %v", p, s.AxisNames()[i], grad[i], num[i])
					}
				}
				bf, bx, by := s.Model.BatchGradient(p[0], p[1], all)
				if !near(bf, f, 1e-12) || !near(bx, grad[0], 1e-10) || !near(by, grad[1], 1e-10) {
					t.Errorf("at %v: full batch %v %v %v, gradient %v %v", p, bf, bx, by, f, grad)
				}
			}
			if f, dx, dy := s.Model.BatchGradient(1, 1, nil); f != 0 || dx != 0 || dy != 0 {
				t.Errorf("empty batch: %v %v %v", f, dx, dy)
			}
		})
	}
}

// TestModelBatches checks a batch of repeated points against the loss of
// the data set made of those points.
func TestModelBatches(t *testing.T) {
	x := []float64{-2, -1, 0.5, 1, 3}
	label := []float64{0, 1, 0, 1, 1}
	y := []float64{-1.5, -0.8, 0.2, 0.9, 1.6}
	idx := []int{4, 0, 4, 2}
	pick := func(v []float64) []float64 {
		out := make([]float64, len(idx))
		for i, j := range idx {
			out[i] = v[j]
		}
		return out
	}
	for _, c := range []struct {
		name       string
		all, batch func() (*Surface, error)
	}{
		{"logistic", func() (*Surface, error) { return Logistic(x, label) }, func() (*Surface, error) { return Logistic(pick(x), pick(label)) }},
		{"tanh-unit", func() (*Surface, error) { return TanhUnit(x, y) }, func() (*Surface, error) { return TanhUnit(pick(x), pick(y)) }},
		{"ols", func() (*Surface, error) { return FromPoints(x, y) }, func() (*Surface, error) { return FromPoints(pick(x), pick(y)) }},
	} {
		all, err := c.all()
		if err != nil {
			t.Fatal(err)
		}
		batch, err := c.batch()
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range [][2]float64{{0.3, -0.2}, {2, 1}, {-1, 0.5}} {
			f, dx, dy := all.Model.BatchGradient(p[0], p[1], idx)
			wf, wx, wy := batch.Gradient(p[0], p[1])
			if !near(f, wf, 1e-13) || !near(dx, wx, 1e-13) || !near(dy, wy, 1e-13) {
				t.Errorf("%s at %v: batch %v %v %v, data set of the batch %v %v %v", c.name, p, f, dx, dy, wf, wx, wy)
			}
		}
	}
}

// TestLogisticArithmetic checks the loss against torch's formula written
// out, including logits far beyond exp's range, and the gradient's form.
func TestLogisticArithmetic(t *testing.T) {
	cases := []struct{ z, y, want float64 }{
		{0, 0, math.Ln2},
		{0, 1, math.Ln2},
		{2, 1, math.Log1p(math.Exp(-2))},
		{2, 0, 2 + math.Log1p(math.Exp(-2))},
		{-3, 0, math.Log1p(math.Exp(-3))},
		{-3, 1, 3 + math.Log1p(math.Exp(-3))},
		{40, 1, math.Exp(-40)}, // log(1 + e^-40) would round to 0
		{-800, 0, 0},
		{800, 0, 800},
		{-800, 1, 800},
	}
	for _, c := range cases {
		if got := bceWithLogits(c.z, c.y); got != c.want {
			t.Errorf("bce(%v, %v) = %v, want %v", c.z, c.y, got, c.want)
		}
	}
	s, err := Logistic([]float64{-1, 2}, []float64{0, 1})
	if err != nil {
		t.Fatal(err)
	}
	// At weight 2, bias 1: z = -1 and 5.
	f, dw, db := s.Gradient(2, 1)
	wantF := (bceWithLogits(-1, 0) + bceWithLogits(5, 1)) / 2
	g0, g1 := sigmoid(-1)/2, (sigmoid(5)-1)/2
	if f != wantF || dw != -g0+2*g1 || db != g0+g1 {
		t.Errorf("Gradient(2, 1) = %v %v %v, want %v %v %v", f, dw, db, wantF, -g0+2*g1, g0+g1)
	}
	if p := s.Model.Predict([]float64{2, 1}, []float64{2}); p != sigmoid(5) {
		t.Errorf("Predict = %v, want sigmoid(5)", p)
	}
}

// TestLogisticSeparable covers the data sets without a minimum.
func TestLogisticSeparable(t *testing.T) {
	cases := []struct {
		name     string
		x, label []float64
		none     bool
		dir      [2]float64 // the loss falls along this direction
	}{
		{"zeros left", []float64{-2, -1, 1, 2}, []float64{0, 0, 1, 1}, true, [2]float64{1, 0}},
		{"ones left", []float64{-2, -1, 1, 3}, []float64{1, 1, 0, 0}, true, [2]float64{-1, 0.5}},
		{"only ones", []float64{-2, 1}, []float64{1, 1}, true, [2]float64{0, 1}},
		{"only zeros", []float64{-2, 1}, []float64{0, 0}, true, [2]float64{0, -1}},
		{"overlap", []float64{-2, -1, 1, 2}, []float64{0, 1, 0, 1}, false, [2]float64{}},
		{"touching", []float64{-2, 0, 0, 2}, []float64{0, 0, 1, 1}, false, [2]float64{}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s, err := Logistic(c.x, c.label)
			if err != nil {
				t.Fatal(err)
			}
			if s.NoMinimum != c.none || (len(s.Minima) == 0) != c.none || (s.Note != "") != c.none {
				t.Fatalf("no minimum %v, minima %+v, note %q", s.NoMinimum, s.Minima, s.Note)
			}
			if !c.none {
				m := s.Minima[0]
				_, dx, dy := s.Gradient(m.X, m.Y)
				if math.Hypot(dx, dy) > 1e-12 || !s.Domain.Contains(m.X, m.Y, 2) {
					t.Errorf("minimum %+v: gradient (%g, %g), domain %+v", m, dx, dy, s.Domain)
				}
				return
			}
			prev := math.Inf(1)
			for _, r := range []float64{1, 10, 100, 1000} {
				f := s.Eval(r*c.dir[0], r*c.dir[1])
				if !(f < prev) || f < 0 {
					t.Errorf("loss %v at %v times %v: it should keep falling towards 0", f, r, c.dir)
				}
				prev = f
			}
		})
	}
}

// TestTanhUnitSymmetry: (w1, w2) and (-w1, -w2) give the same loss, the
// origin is a saddle, and the two minima mirror each other.
func TestTanhUnitSymmetry(t *testing.T) {
	s, err := LoadModel("tanh-unit", "tanh-300.csv")
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(5, 6))
	for range 20 {
		p := randomPoint(rng, s)
		if a, b := s.Eval(p[0], p[1]), s.Eval(-p[0], -p[1]); a != b {
			t.Errorf("loss %v at %v but %v at its mirror image", a, p, b)
		}
	}
	if f, dx, dy := s.Gradient(0, 0); dx != 0 || dy != 0 || !(s.Eval(0.1, 0.1) < f) {
		t.Errorf("origin: gradient (%v, %v), loss %v; want a stationary point with lower loss nearby", dx, dy, f)
	}
	if len(s.Minima) != 2 {
		t.Fatalf("minima %+v, want two", s.Minima)
	}
	a, b := s.Minima[0], s.Minima[1]
	if math.Abs(a.X+b.X) > 1e-6 || math.Abs(a.Y+b.Y) > 1e-6 || math.Abs(math.Abs(a.X)-1.2) > 0.05 || math.Abs(math.Abs(a.Y)-2) > 0.05 {
		t.Errorf("minima %+v and %+v: want mirror images near (1.2, 2)", a, b)
	}
	if p := s.Model.Predict([]float64{1.2, 2}, []float64{0.5}); p != 2*math.Tanh(0.6) {
		t.Errorf("Predict = %v, want 2 tanh(0.6)", p)
	}
	if s.Start[0]*s.Start[1] >= 0 {
		t.Errorf("start %v lies in a quarter with a minimum", s.Start)
	}
}

// TestModelData checks the data and prediction each model offers a fit view.
func TestModelData(t *testing.T) {
	for _, s := range modelSurfaces(t) {
		m := s.Model
		if len(m.Inputs) != m.Len() || len(m.Columns) != m.InputDim()+1 {
			t.Errorf("%s: %d inputs, %d targets, columns %v", s.Title, len(m.Inputs), m.Len(), m.Columns)
			continue
		}
		for i, in := range m.Inputs {
			if len(in) != m.InputDim() {
				t.Fatalf("%s: input %d has %d numbers", s.Title, i, len(in))
			}
			if m.Classifier && m.Targets[i] != 0 && m.Targets[i] != 1 {
				t.Fatalf("%s: label %v", s.Title, m.Targets[i])
			}
		}
		p := s.Start
		pred := m.Predict(p, m.Inputs[0])
		if m.Classifier && !(pred > 0 && pred < 1) {
			t.Errorf("%s: a classifier predicts %v, want a probability", s.Title, pred)
		}
		if m.Classifier != (m.Kind == KindLogistic || m.Kind == KindMLP) {
			t.Errorf("%s: kind %s, classifier %v", s.Title, m.Kind, m.Classifier)
		}
	}
	ols, _ := Lookup("ols")
	if got := ols.Model.Predict([]float64{-2, 3}, []float64{4}); got != 10 {
		t.Errorf("ols line at x=4: %v, want 10", got)
	}
	// The mlp's loss is its mean cross-entropy plus the L2 term: at the
	// trained weights the predictions mostly agree with the labels.
	mlp, _ := Lookup("mlp-slice")
	right := 0
	for i, in := range mlp.Model.Inputs {
		if (mlp.Model.Predict([]float64{0, 0}, in) > Threshold) == (mlp.Model.Targets[i] == 1) {
			right++
		}
	}
	if right < 90 {
		t.Errorf("the trained network classifies %d of 100 points right", right)
	}
}

// TestReadModelCSV covers the columns and values each model accepts.
func TestReadModelCSV(t *testing.T) {
	tests := []struct {
		name, model, text string
		points            int
		want              string // error fragment, empty for success
	}{
		{"header", "logistic", "x,label\n1,0\n2,1\n", 2, ""},
		{"header in another order, extra column", "logistic", "id,label,x\n7,0,1\n8,1,2\n", 2, ""},
		{"header spaces and case", "tanh-unit", " X , Y \n1,2\n\n3,4\n", 2, ""},
		{"no header", "tanh-unit", "1,2\n3,4\n5,6\n", 3, ""},
		{"byte-order mark", "logistic", "\ufeffx,label\n1,0\n2,1\n", 2, ""},
		{"label as 1.0", "logistic", "x,label\n1,0.0\n2,1.0\n", 2, ""},
		{"label 2", "logistic", "x,label\n1,0\n2,2\n", 0, "d.csv:3: label 2 is not 0 or 1"},
		{"label -1", "logistic", "x,label\n1,-1\n2,1\n", 0, "d.csv:2: label -1 is not 0 or 1"},
		{"missing column", "logistic", "x,y\n1,0\n", 0, `d.csv: no column "label" (the header has x,y; want columns x,label)`},
		{"repeated column", "logistic", "x,label,x\n1,0,1\n", 0, `d.csv: column "x" appears twice`},
		{"bad number", "tanh-unit", "x,y\n1,2\n3,abc\n", 0, `d.csv:3: bad number "abc" in column y`},
		{"missing number", "tanh-unit", "x,y\n1,\n", 0, "d.csv:2: missing number in column y"},
		{"infinite", "tanh-unit", "x,y\n1,inf\n", 0, `d.csv:2: bad number "inf" in column y`},
		{"ragged", "logistic", "x,label\n1,0\n2,1,3\n", 0, "d.csv:3: want 2 columns like the first line, got 3"},
		{"too many columns, no header", "logistic", "1,0,5\n", 0, "d.csv:1: want 2 columns x,label, got 3 (or a header line naming them)"},
		{"no rows", "logistic", "x,label\n\n", 0, "d.csv: no data rows"},
		{"same x", "logistic", "x,label\n1,0\n1,1\n", 0, "d.csv: singular data: all 2 x values are equal"},
		{"all x zero", "tanh-unit", "x,y\n0,1\n0,2\n", 0, "d.csv: singular data: every x is 0"},
		{"ols", "ols", "x,y\n0,1\n1,3\n", 2, ""},
		{"mlp-slice", "mlp-slice", "x1,x2,label\n0,0,1\n", 0, "surface: mlp-slice trains on its built-in data set (moons-100.csv) and takes no data file"},
		{"not a model", "rosenbrock", "x,y\n1,2\n", 0, "surface: rosenbrock is not built from data (data surfaces: ols, logistic, tanh-unit, mlp-slice)"},
		{"unknown", "logistik", "x,y\n1,2\n", 0, `surface: unknown model surface "logistik"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, err := ReadModel(tc.model, strings.NewReader(tc.text), "d.csv")
			if tc.want != "" {
				if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.HasPrefix(err.Error(), "surface: ") {
					t.Fatalf("error %v, want it to say %q", err, tc.want)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if s.Model.Len() != tc.points || s.Name != tc.model || !strings.HasSuffix(s.Title, ": d.csv") {
				t.Errorf("%s %q with %d points, want %s with %d", s.Name, s.Title, s.Model.Len(), tc.model, tc.points)
			}
		})
	}
}

// TestLoadModel covers files on disk, built-in data sets by name, and
// surfaces asked for without the data they need.
func TestLoadModel(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "logistic-200.csv")
	if err := os.WriteFile(path, []byte("x,label\n-1,0\n1,1\n2,0\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if s, err := LoadModel("logistic", path); err != nil || s.Model.Len() != 3 {
		t.Errorf("a file on disk: %v", err)
	}
	if s, err := LoadModel("logistic", "logistic-200.csv"); err != nil || s.Model.Len() != 200 {
		t.Errorf("a built-in data set by name: %v", err)
	}
	if s, err := LoadModel("mlp-slice", ""); err != nil || s.Name != "mlp-slice" {
		t.Errorf("mlp-slice without data: %v", err)
	}
	errs := []struct{ name, path, want string }{
		{"logistic", "", "surface: logistic needs a data file with columns x,label (e.g. logistic-200.csv)"},
		{"tanh-unit", filepath.Join(dir, "nope.csv"), "surface: " + filepath.Join(dir, "nope.csv") + ": no such file"},
		{"logistic", filepath.Join(dir, "x", "logistic-200.csv"), "no such file"}, // a path, not a bare name
		{"mlp-slice", "moons-100.csv", "takes no data file"},
		{"saddle", "tanh-300.csv", "surface: saddle is not built from data"},
	}
	for _, e := range errs {
		if _, err := LoadModel(e.name, e.path); err == nil || !strings.Contains(err.Error(), e.want) {
			t.Errorf("LoadModel(%q, %q): %v, want %q", e.name, e.path, err, e.want)
		}
	}
	for _, name := range []string{"logistic", "tanh-unit"} {
		if _, err := Lookup(name); err == nil || !strings.Contains(err.Error(), "surface: "+name+" needs a data file with columns") {
			t.Errorf("Lookup(%q): %v", name, err)
		}
	}
	if _, err := Lookup("logistc"); err == nil || !strings.Contains(err.Error(), `did you mean "logistic"?`) {
		t.Errorf("Lookup(logistc): %v", err)
	}
	if !DataExists("tanh-300.csv") || !DataExists(path) || DataExists(filepath.Join(dir, "nope.csv")) || DataExists(dir) {
		t.Errorf("DataExists disagrees with the files")
	}
	if !slices.Equal(BuiltinData(), []string{"logistic-200.csv", "logistic-separable-100.csv", "moons-100.csv", "ols-1000.csv", "tanh-300.csv"}) {
		t.Errorf("BuiltinData() = %v", BuiltinData())
	}
}

// TestModelsRegistry: the model list names its axes and columns and is
// returned as a copy.
func TestModelsRegistry(t *testing.T) {
	want := map[string][2]string{"ols": {"intercept", "slope"}, "logistic": {"weight", "bias"}, "tanh-unit": {"w1", "w2"}, "mlp-slice": {"alpha", "beta"}}
	ms := Models()
	if len(ms) != len(want) {
		t.Fatalf("%d models, want %d", len(ms), len(want))
	}
	for _, m := range ms {
		if m.Axes != want[m.Name] || len(m.Columns) < 2 || m.Title == "" || m.Formula == "" || m.Shows == "" {
			t.Errorf("%+v", m)
		}
		if m.Builtin != "" {
			s, err := Lookup(m.Name)
			if err != nil || s.Axes != m.Axes || !slices.Equal(s.Model.Columns, m.Columns) {
				t.Errorf("%s: the surface (%v) disagrees with its description", m.Name, err)
			}
		}
	}
	ms[1].Columns[0] = "changed"
	if m, _ := LookupModel("logistic"); m.Columns[0] != "x" {
		t.Errorf("Models shares its slices")
	}
	if _, ok := LookupModel("bowl"); ok {
		t.Errorf("bowl is no model surface")
	}
}

// TestAxisNamesAndColumns: names default to x and y; trace columns keep x,y
// for ols and use the parameter names of the other models.
func TestAxisNamesAndColumns(t *testing.T) {
	cases := []struct {
		surface *Surface
		axes    [2]string
		columns string
	}{
		{&Surface{Dim: 2}, [2]string{"x", "y"}, "x,y"},
		{&Surface{Dim: 1}, [2]string{"x", "y"}, "x"},
		{&Surface{Dim: 2, Axes: [2]string{"a", ""}}, [2]string{"a", "y"}, "x,y"},
		{&Surface{Dim: 2, Axes: [2]string{"intercept", "slope"}, Model: &Model{Kind: KindLine}}, [2]string{"intercept", "slope"}, "x,y"},
		{&Surface{Dim: 2, Axes: [2]string{"weight", "bias"}, Model: &Model{Kind: KindLogistic}}, [2]string{"weight", "bias"}, "weight,bias"},
	}
	for _, c := range cases {
		if got := c.surface.AxisNames(); got != c.axes {
			t.Errorf("AxisNames() = %v, want %v", got, c.axes)
		}
		if got := strings.Join(c.surface.TraceColumns(), ","); got != c.columns {
			t.Errorf("TraceColumns() = %v, want %v", got, c.columns)
		}
	}
}

// TestNiceCeil covers the rounding of default domains.
func TestNiceCeil(t *testing.T) {
	cases := []struct{ in, want float64 }{{0.93, 1}, {1, 1}, {1.2, 1.5}, {3.68, 4}, {7, 8}, {8.7, 10}, {0.043, 0.05}, {0, 1}, {math.NaN(), 1}}
	for _, c := range cases {
		if got := niceCeil(c.in); math.Abs(got-c.want) > 1e-12 {
			t.Errorf("niceCeil(%v) = %v, want %v", c.in, got, c.want)
		}
	}
}

// TestAddedData: data handed over whole (a dropped file) is read under its
// name before any file on disk, and builds the model like a file would.
func TestAddedData(t *testing.T) {
	const name = "dropped-test-data.csv"
	if DataExists(name) {
		t.Fatalf("%s exists before it was added", name)
	}
	AddData(name, []byte("x,label\n-2,0\n-1,0\n0.5,1\n2,1\n-0.2,1\n0.3,0\n"))
	if !DataExists(name) {
		t.Fatal("added data does not exist")
	}
	s, err := LoadModel("logistic", name)
	if err != nil {
		t.Fatal(err)
	}
	if s.Model == nil || s.Model.Len() != 6 || !s.Model.Classifier {
		t.Errorf("model from added data: %+v", s.Model)
	}
	AddData("bad-"+name, []byte("x,label\n1,2\n"))
	if _, err := LoadModel("logistic", "bad-"+name); err == nil || !strings.Contains(err.Error(), "label 2 is not 0 or 1") {
		t.Errorf("bad added data: error %v", err)
	}
}

func TestModelFor(t *testing.T) {
	tests := []struct {
		name, data, want, err string
	}{
		{"labels.csv", "x,label\n1,0\n", "logistic", ""},
		{"labels-spaced.csv", "\ufeff X , Label \n1,0\n", "logistic", ""},
		{"points.csv", "x,y\n1,2\n", "ols", ""},
		{"no-header.csv", "\n1,2\n3,4\n", "ols", ""},
		{"empty.csv", "\n\n", "", "no data rows"},
	}
	for _, tt := range tests {
		AddData(tt.name, []byte(tt.data))
		got, err := ModelFor(tt.name)
		if got != tt.want || (tt.err == "") != (err == nil) || (err != nil && !strings.Contains(err.Error(), tt.err)) {
			t.Errorf("%s: %q, %v; want %q, %q", tt.name, got, err, tt.want, tt.err)
		}
	}
	if _, err := ModelFor("missing-file.csv"); err == nil || !strings.Contains(err.Error(), "no such file") {
		t.Errorf("missing file: %v", err)
	}
}
