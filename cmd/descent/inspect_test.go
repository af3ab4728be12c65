package main

import (
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"gonum.org/v1/gonum/diff/fd"
	"gonum.org/v1/gonum/mat"

	"descent/scene/surface"
)

// inspectDoc is the JSON of `descent inspect -format json`; null numbers
// decode as nil.
type inspectDoc struct {
	Surface       string         `json:"surface"`
	Dim           int            `json:"dim"`
	At            []float64      `json:"at"`
	Loss          float64        `json:"loss"`
	Gradient      []float64      `json:"gradient"`
	Hessian       [][]float64    `json:"hessian"`
	Eigenvalues   []float64      `json:"eigenvalues"`
	Eigenvectors  [][]float64    `json:"eigenvectors"`
	LRMaxGD       *float64       `json:"lr_max_gd"`
	Momentum      *float64       `json:"momentum"`
	LRMaxMomentum *float64       `json:"lr_max_momentum"`
	Raw           map[string]any `json:"-"`
}

func inspectJSONAt(t *testing.T, args ...string) inspectDoc {
	t.Helper()
	code, out, errOut := runArgs(append([]string{"inspect", "-format", "json"}, args...)...)
	if code != 0 {
		t.Fatalf("%v: exit %d: %s", args, code, errOut)
	}
	var d inspectDoc
	if err := json.Unmarshal([]byte(out), &d); err != nil {
		t.Fatalf("%v: %v in %s", args, err, out)
	}
	if err := json.Unmarshal([]byte(out), &d.Raw); err != nil {
		t.Fatal(err)
	}
	return d
}

// TestInspectMatchesFiniteDifferences runs `descent inspect -format json` at
// 20 random points of every built-in surface, two expressions and the
// model surfaces of the built-in data sets (-surface NAME -data FILE), and
// checks the output: the loss and gradient are the surface's, the Hessian
// agrees with gonum's central differences of the gradient to 1e-6 relative
// to its largest entry, the eigenpairs are ascending unit vectors that
// rebuild the Hessian, and lr_max_gd = 2/lambda_max, lr_max_momentum =
// 2(1+beta)/lambda_max (null without positive curvature).
func TestInspectMatchesFiniteDifferences(t *testing.T) {
	surfs := surface.All()
	for _, src := range []string{"x^2 + 3*y^2 + sin(x*y)", "log(1 + x^2) + tanh(y)^2 + exp(-x*y)/5"} {
		e, err := surface.FromExpr(src)
		if err != nil {
			t.Fatal(err)
		}
		surfs = append(surfs, e)
	}
	data := map[*surface.Surface]string{} // the data file of a model surface
	for _, c := range [][2]string{{"ols", "ols-1000.csv"}, {"logistic", "logistic-200.csv"}, {"logistic", "logistic-separable-100.csv"}, {"tanh-unit", "tanh-300.csv"}} {
		m, err := surface.LoadModel(c[0], c[1])
		if err != nil {
			t.Fatal(err)
		}
		surfs = append(surfs, m)
		data[m] = c[1]
	}
	rng := rand.New(rand.NewPCG(4, 2))
	nulls := 0
	for _, s := range surfs {
		src := []string{"-surface", s.Name}
		if s.Name == "expr" {
			src = []string{"-expr", s.Formula}
		}
		if file, ok := data[s]; ok {
			src = append(src, "-data", file)
		}
		for range 20 {
			d := s.Domain
			p := []float64{d.XMin + rng.Float64()*(d.XMax-d.XMin), d.YMin + rng.Float64()*(d.YMax-d.YMin)}[:s.Dim]
			beta := 0.9 * rng.Float64()
			at := formatNumbers(p)
			doc := inspectJSONAt(t, append(src, "-at", at, "-momentum", fmt.Sprint(beta))...)
			n := s.Dim
			if doc.Dim != n || len(doc.Gradient) != n || len(doc.Hessian) != n || len(doc.Eigenvalues) != n || len(doc.Eigenvectors) != n {
				t.Fatalf("%s at %s: shapes %+v", s.Name, at, doc)
			}
			grad := make([]float64, n)
			if f := s.Grad(p, grad); f != doc.Loss || grad[0] != doc.Gradient[0] || grad[n-1] != doc.Gradient[n-1] {
				t.Fatalf("%s at %s: loss %v gradient %v, surface %v %v", s.Name, at, doc.Loss, doc.Gradient, f, grad)
			}
			jac := mat.NewDense(n, n, nil)
			fd.Jacobian(jac, func(dst, q []float64) { s.Grad(q, dst) }, p, &fd.JacobianSettings{Formula: fd.Central})
			scale := 0.0
			for i := range n {
				for j := range n {
					scale = math.Max(scale, math.Abs(doc.Hessian[i][j]))
				}
			}
			for i := range n {
				for j := range n {
					if dd := math.Abs(doc.Hessian[i][j]-jac.At(i, j)) / scale; !(dd <= 1e-6) {
						t.Fatalf("%s at %s: H[%d][%d] %v, finite differences %v (relative %.3g)", s.Name, at, i, j, doc.Hessian[i][j], jac.At(i, j), dd)
					}
					// sum_k lambda_k v_k v_k^T rebuilds H.
					r := 0.0
					for k := range n {
						r += doc.Eigenvalues[k] * doc.Eigenvectors[k][i] * doc.Eigenvectors[k][j]
					}
					if math.Abs(r-doc.Hessian[i][j]) > 1e-12*scale {
						t.Fatalf("%s at %s: eigenpairs rebuild H[%d][%d] = %v, not %v", s.Name, at, i, j, r, doc.Hessian[i][j])
					}
				}
			}
			for k := range n {
				v := doc.Eigenvectors[k]
				norm := 0.0
				for _, c := range v {
					norm += c * c
				}
				if math.Abs(norm-1) > 1e-15 {
					t.Fatalf("%s: eigenvector %v is not a unit vector", s.Name, v)
				}
			}
			lmax := doc.Eigenvalues[n-1]
			if n == 2 && doc.Eigenvalues[0] > doc.Eigenvalues[1] {
				t.Fatalf("%s: eigenvalues %v not ascending", s.Name, doc.Eigenvalues)
			}
			if _, ok := doc.Raw["lr_max_momentum"]; !ok {
				t.Fatalf("%s: no lr_max_momentum key with -momentum", s.Name)
			}
			if lmax > 0 {
				if doc.LRMaxGD == nil || *doc.LRMaxGD != 2/lmax {
					t.Fatalf("%s at %s: lr_max_gd %v, lambda_max %v", s.Name, at, doc.LRMaxGD, lmax)
				}
				if doc.LRMaxMomentum == nil || math.Abs(*doc.LRMaxMomentum-2*(1+beta)/lmax) > 1e-15*(*doc.LRMaxMomentum) {
					t.Fatalf("%s at %s: lr_max_momentum %v, want %v", s.Name, at, doc.LRMaxMomentum, 2*(1+beta)/lmax)
				}
			} else {
				nulls++
				if doc.LRMaxGD != nil || doc.LRMaxMomentum != nil {
					t.Fatalf("%s at %s: lambda_max %v but lr_max %v %v", s.Name, at, lmax, doc.LRMaxGD, doc.LRMaxMomentum)
				}
			}
		}
	}
	if nulls == 0 {
		t.Error("no point without positive curvature: the null case went untested")
	}
}

// TestInspectKeys: the JSON has the documented keys, and lr_max_momentum
// only with -momentum.
func TestInspectKeys(t *testing.T) {
	doc := inspectJSONAt(t, "-surface", "bowl", "-at", "0,0")
	for _, k := range []string{"loss", "gradient", "hessian", "eigenvalues", "eigenvectors", "lr_max_gd"} {
		if _, ok := doc.Raw[k]; !ok {
			t.Errorf("no key %q", k)
		}
	}
	if _, ok := doc.Raw["lr_max_momentum"]; ok {
		t.Error("lr_max_momentum without -momentum")
	}
	doc = inspectJSONAt(t, "-surface", "saddle", "-at", "0.2,0.3", "-momentum", "0.5")
	if *doc.LRMaxGD != 1 || *doc.LRMaxMomentum != 1.5 || doc.Eigenvalues[0] != -2 || doc.Eigenvalues[1] != 2 {
		t.Errorf("saddle: %+v", doc)
	}
	doc = inspectJSONAt(t, "-expr", "-x^2 - y^2", "-at", "1,1", "-momentum", "0.5")
	if v, ok := doc.Raw["lr_max_gd"]; !ok || v != nil {
		t.Errorf("a cap: lr_max_gd %v, want null", v)
	}
	if v, ok := doc.Raw["lr_max_momentum"]; !ok || v != nil {
		t.Errorf("a cap: lr_max_momentum %v, want null", v)
	}
	doc = inspectJSONAt(t, "-surface", "parabola", "-at", "6")
	if doc.Dim != 1 || len(doc.Hessian) != 1 || doc.Hessian[0][0] != 2 || *doc.LRMaxGD != 1 {
		t.Errorf("parabola: %+v", doc)
	}
	dir := t.TempDir()
	data := writeFile(t, dir, "pts.csv", "x,y\n1,2\n2,3\n4,9\n")
	doc = inspectJSONAt(t, "-data", data, "-at", "0,0")
	if doc.Hessian[0][0] != 2 || math.Abs(doc.Hessian[1][1]-14) > 1e-13 {
		t.Errorf("data: Hessian %v", doc.Hessian)
	}
}

// TestInspectText checks the lecturer's text output.
func TestInspectText(t *testing.T) {
	code, out, errOut := runArgs("inspect", "-surface", "rosenbrock", "-at", "-1.5,2", "-momentum", "0.9")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{
		"Rosenbrock's valley: (1-x)^2 + 100(y-x^2)^2",
		"at (x, y) = (-1.5, 2)",
		"loss           12.5",
		"gradient       (-155, -50)",
		"Hessian        [ 1902  600 ]",
		"               [  600  200 ]",
		"lambda1 = 9.75027",
		"lambda2 = 2092.25",
		"positive definite",
		"lr < 2/lambda_max = 0.000955909",
		"lr < 2(1+0.9)/lambda_max = 0.00181623",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	_, out, _ = runArgs("inspect", "-surface", "himmelblau", "-at", "0,0")
	if !strings.Contains(out, "negative definite") || !strings.Contains(out, "none: lambda_max <= 0") {
		t.Errorf("himmelblau at the origin:\n%s", out)
	}
	_, out, _ = runArgs("inspect", "-surface", "parabola", "-at", "6")
	if !strings.Contains(out, "curvature f''  2") || !strings.Contains(out, "lr < 2/f'' = 1") {
		t.Errorf("parabola:\n%s", out)
	}
}

// TestBadInspectInvocations: exit 2, one line naming the problem, nothing on
// stdout.
func TestBadInspectInvocations(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"-surface", "bowl"}, "missing -at X,Y"},
		{[]string{"-surface", "bowl", "-at", "1,x"}, `bad number "x"`},
		{[]string{"-surface", "bowl", "-at", "1,2,3"}, "got 3"},
		{[]string{"-surface", "bowl", "-at", "1"}, "has 1 coordinates, surface bowl needs 2"},
		{[]string{"-surface", "parabola", "-at", "1,2"}, "has 2 coordinates, surface parabola needs 1"},
		{[]string{"-surface", "bowel", "-at", "1,2"}, `unknown surface "bowel"`},
		{[]string{"-expr", "x +", "-at", "1,2"}, "column"},
		{[]string{"-surface", "bowl", "-expr", "x", "-at", "1,2"}, "only one of"},
		{[]string{"-surface", "bowl", "-at", "1,2", "-momentum", "1"}, "invalid momentum: 1"},
		{[]string{"-surface", "bowl", "-at", "1,2", "-momentum", "-0.1"}, "invalid momentum: -0.1"},
		{[]string{"-surface", "bowl", "-at", "1,2", "-momentum", "NaN"}, "invalid momentum"},
		{[]string{"-surface", "bowl", "-at", "1,2", "-momentum", "abc"}, "flag -momentum"},
		{[]string{"-surface", "bowl", "-at", "1,2", "-format", "xml"}, `unknown format "xml"`},
		{[]string{"-surface", "bowl", "-at", "1,2", "stray"}, `unexpected argument "stray"`},
		{[]string{"-data", "/nonexistent/p.csv", "-at", "1,2"}, "no such file"},
		{[]string{"-lr", "1"}, "not defined: -lr"},
	}
	for _, tc := range tests {
		code, out, errOut := runArgs(append([]string{"inspect"}, tc.args...)...)
		if code != 2 {
			t.Errorf("%v: exit %d, want 2 (%s)", tc.args, code, errOut)
		}
		if out != "" {
			t.Errorf("%v: stdout %q", tc.args, out)
		}
		if !strings.HasPrefix(errOut, "descent inspect: ") || !strings.Contains(errOut, tc.want) || strings.Count(errOut, "\n") != 1 {
			t.Errorf("%v: stderr %q, want one 'descent inspect:' line saying %q", tc.args, errOut, tc.want)
		}
	}
}

func TestInspectHelp(t *testing.T) {
	code, _, errOut := runArgs("inspect", "-h")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	for _, f := range []string{"-surface", "-expr", "-data", "-domain", "-at", "-momentum", "-format"} {
		if !strings.Contains(errOut, f) {
			t.Errorf("inspect -h does not document %s", f)
		}
	}
	_, out, _ := runArgs("help")
	if !strings.Contains(out, "descent inspect") {
		t.Errorf("descent help does not list inspect:\n%s", out)
	}
}

// BenchmarkInspect is `descent inspect -format json` per point, in process:
// flag parsing, the surface, the model and the JSON. An expression pays for
// parsing and for finding its minima (FromExpr).
func BenchmarkInspect(b *testing.B) {
	for _, args := range [][]string{
		{"-surface", "rosenbrock", "-at", "-1.5,2", "-momentum", "0.9"},
		{"-surface", "ols", "-at", "0,0"},
		{"-expr", "x^2 + 3*y^2 + sin(x*y)", "-at", "1,1"},
	} {
		b.Run(args[1], func(b *testing.B) {
			for b.Loop() {
				if code, _, errOut := runArgs(append([]string{"inspect", "-format", "json"}, args...)...); code != 0 {
					b.Fatal(errOut)
				}
			}
		})
	}
}
