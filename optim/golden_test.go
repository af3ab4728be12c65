package optim

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

// goldenCase is one line of testdata/torch-trajectories.jsonl (see GOLDEN.md).
type goldenCase struct {
	Surface     string         `json:"surface"`
	Expr        string         `json:"expr"`
	Data        string         `json:"data"`
	Optimizer   string         `json:"optimizer"`
	Params      map[string]any `json:"params"`
	Start       []float64      `json:"start"`
	Steps       int            `json:"steps"`
	Trajectory  [][]float64    `json:"trajectory"`
	Sensitivity float64        `json:"sensitivity"`
}

// objective returns a function's value and writes its gradient into g.
type objective func(p, g []float64) float64

// goldenSurfaces are the surfaces of the loss-surface table (and the two
// expressions of the golden file) with hand-written gradients.
var goldenSurfaces = map[string]objective{
	"bowl": func(p, g []float64) float64 {
		x, y := p[0], p[1]
		g[0], g[1] = 2*(x-2), 2*(y-3)
		return (x-2)*(x-2) + (y-3)*(y-3)
	},
	"parabola": func(p, g []float64) float64 {
		x := p[0]
		g[0] = 2 * (x - 1)
		return (x-1)*(x-1) + 1
	},
	"saddle": func(p, g []float64) float64 {
		x, y := p[0], p[1]
		g[0], g[1] = 2*x, -2*y
		return x*x - y*y
	},
	"booth": func(p, g []float64) float64 {
		x, y := p[0], p[1]
		a, b := x+2*y-7, 2*x+y-5
		g[0], g[1] = 2*a+4*b, 4*a+2*b
		return a*a + b*b
	},
	"matyas": func(p, g []float64) float64 {
		x, y := p[0], p[1]
		g[0], g[1] = 0.52*x-0.48*y, 0.52*y-0.48*x
		return 0.26*(x*x+y*y) - 0.48*x*y
	},
	"rosenbrock": func(p, g []float64) float64 {
		x, y := p[0], p[1]
		r := y - x*x
		// In autograd's order: pow's backward 2*base, mul's 100*, sub's -1.
		d := 100 * (2 * r)
		g[0], g[1] = -(2*(1-x))+(-d)*(2*x), d
		return (1-x)*(1-x) + 100*r*r
	},
	"himmelblau": func(p, g []float64) float64 {
		x, y := p[0], p[1]
		a, b := x*x+y-11, x+y*y-7
		g[0], g[1] = 4*x*a+2*b, 2*a+4*y*b
		return a*a + b*b
	},
	"beale": func(p, g []float64) float64 {
		x, y := p[0], p[1]
		t1, t2, t3 := 1.5-x+x*y, 2.25-x+x*y*y, 2.625-x+x*y*y*y
		g[0] = 2*t1*(y-1) + 2*t2*(y*y-1) + 2*t3*(y*y*y-1)
		g[1] = 2*t1*x + 2*t2*2*x*y + 2*t3*3*x*y*y
		return t1*t1 + t2*t2 + t3*t3
	},
	"six-hump-camel": func(p, g []float64) float64 {
		x, y := p[0], p[1]
		g[0] = 8*x - 8.4*x*x*x + 2*x*x*x*x*x + y
		g[1] = x - 8*y + 16*y*y*y
		return (4-2.1*x*x+x*x*x*x/3)*x*x + x*y + (-4+4*y*y)*y*y
	},
	"goldstein-price": func(p, g []float64) float64 {
		x, y := p[0], p[1]
		s, d := x+y+1, 2*x-3*y
		P := 19 - 14*x + 3*x*x - 14*y + 6*x*y + 3*y*y
		Q := 18 - 32*x + 12*x*x + 48*y - 36*x*y + 27*y*y
		A, B := 1+s*s*P, 30+d*d*Q
		dA := 2*s*P + s*s*(-14+6*x+6*y) // the same for x and y
		dBx := 4*d*Q + d*d*(-32+24*x-36*y)
		dBy := -6*d*Q + d*d*(48-36*x+54*y)
		g[0], g[1] = dA*B+A*dBx, dA*B+A*dBy
		return A * B
	},
	"rastrigin": func(p, g []float64) float64 {
		x, y := p[0], p[1]
		g[0] = 2*x + 20*math.Pi*math.Sin(2*math.Pi*x)
		g[1] = 2*y + 20*math.Pi*math.Sin(2*math.Pi*y)
		return 20 + x*x - 10*math.Cos(2*math.Pi*x) + y*y - 10*math.Cos(2*math.Pi*y)
	},
	"levi": func(p, g []float64) float64 {
		x, y := p[0], p[1]
		s3x, c3x := math.Sincos(3 * math.Pi * x)
		s3y, c3y := math.Sincos(3 * math.Pi * y)
		s2y, c2y := math.Sincos(2 * math.Pi * y)
		g[0] = 6*math.Pi*s3x*c3x + 2*(x-1)*(1+s3y*s3y)
		g[1] = (x-1)*(x-1)*6*math.Pi*s3y*c3y + 2*(y-1)*(1+s2y*s2y) + (y-1)*(y-1)*4*math.Pi*s2y*c2y
		return s3x*s3x + (x-1)*(x-1)*(1+s3y*s3y) + (y-1)*(y-1)*(1+s2y*s2y)
	},
	"x^2 + 3*y^2 + sin(x*y)": func(p, g []float64) float64 {
		x, y := p[0], p[1]
		c := math.Cos(x * y)
		g[0], g[1] = 2*x+y*c, 6*y+x*c
		return x*x + 3*y*y + math.Sin(x*y)
	},
	"0.25*x^4 - x^2 + 2*y^2 - 0.5*x*y + cos(3*x)/4": func(p, g []float64) float64 {
		x, y := p[0], p[1]
		g[0] = x*x*x - 2*x - 0.5*y - 3*math.Sin(3*x)/4
		g[1] = 4*y - 0.5*x
		return 0.25*x*x*x*x - x*x + 2*y*y - 0.5*x*y + math.Cos(3*x)/4
	},
	"log(1 + x^2) + tanh(y)^2 + exp(-x*y)/5": func(p, g []float64) float64 {
		x, y := p[0], p[1]
		t, e := math.Tanh(y), math.Exp(-x*y)
		g[0] = 2*x/(1+x*x) - y*e/5
		g[1] = 2*t*(1-t*t) - x*e/5
		return math.Log(1+x*x) + t*t + e/5
	},
}

// olsObjective is the least-squares loss mean((v - a - b*u)^2) over the data
// points (u, v) of a CSV file with columns x,y.
func olsObjective(t *testing.T, path string) objective {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var u, v []float64
	for _, r := range rows[1:] {
		a, err1 := strconv.ParseFloat(r[0], 64)
		b, err2 := strconv.ParseFloat(r[1], 64)
		if err1 != nil || err2 != nil {
			t.Fatalf("%s: bad row %v", path, r)
		}
		u, v = append(u, a), append(v, b)
	}
	n := float64(len(u))
	return func(p, g []float64) float64 {
		var loss, ga, gb float64
		for i := range u {
			r := v[i] - p[0] - p[1]*u[i]
			loss += r * r
			ga += -2 * r
			gb += -2 * r * u[i]
		}
		g[0], g[1] = ga/n, gb/n
		return loss / n
	}
}

func readGolden(t *testing.T) []goldenCase {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "torch-trajectories.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var cases []goldenCase
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		var c goldenCase
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			t.Fatal(err)
		}
		cases = append(cases, c)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(cases) == 0 {
		t.Fatal("no golden cases")
	}
	return cases
}

// goldenSpec turns a case's optimizer and params into a Spec.
func goldenSpec(t *testing.T, c goldenCase) Spec {
	t.Helper()
	values := map[string]float64{}
	for k, v := range c.Params {
		switch v := v.(type) {
		case float64:
			values[k] = v
		case bool:
			values[k] = 0
			if v {
				values[k] = 1
			}
		default:
			t.Fatalf("param %s: unexpected %T", k, v)
		}
	}
	return Spec{Method: c.Optimizer, Values: values}
}

// TestGoldenTrajectories runs every golden case with a hand-written gradient
// and requires every coordinate and loss of every row to agree with torch
// within 1e-9 relative to max(1, |value|). The trajectories in fact agree to
// a few units in the 15th digit (the rest is the gradient's own rounding, not
// autograd's), so the test also holds them to 1e-12: a change in the order of
// the arithmetic shows up there first.
func TestGoldenTrajectories(t *testing.T) {
	const tol, strict = 1e-9, 1e-12
	ran := 0
	for i, c := range readGolden(t) {
		name := c.Surface
		if c.Expr != "" {
			name = c.Expr
		}
		var f objective
		switch {
		case c.Surface == "ols":
			f = olsObjective(t, filepath.Join("..", "assets", "data", c.Data))
		case c.Surface == "expr":
			f = goldenSurfaces[c.Expr]
		default:
			f = goldenSurfaces[c.Surface]
		}
		t.Run(fmt.Sprintf("%02d-%s-%s", i, name, c.Optimizer), func(t *testing.T) {
			if f == nil {
				t.Fatalf("no gradient written for surface %q", name)
			}
			if len(c.Trajectory) != c.Steps+1 {
				t.Fatalf("trajectory has %d rows, want steps+1 = %d", len(c.Trajectory), c.Steps+1)
			}
			opt, err := New(goldenSpec(t, c))
			if err != nil {
				t.Fatal(err)
			}
			if n, ok := opt.(*NAdam); ok {
				// The golden file comes from torch 1.13, before the
				// mu_product_next fix (TestNAdamMuProductNext covers today's).
				n.LegacyMuProduct = true
			}
			x := append([]float64(nil), c.Start...)
			g := make([]float64, len(x))
			worst := 0.0
			for k, row := range c.Trajectory {
				loss := f(x, g)
				got := append(append([]float64(nil), x...), loss)
				if len(row) != len(got) {
					t.Fatalf("row %d has %d values, want %d", k, len(row), len(got))
				}
				for j := range row {
					d := math.Abs(got[j]-row[j]) / math.Max(1, math.Abs(row[j]))
					worst = math.Max(worst, d)
					if !(d <= tol) {
						t.Fatalf("step %d, value %d: got %v, torch %v (relative difference %.3g)", k, j, got[j], row[j], d)
					}
				}
				opt.Step(x, g)
			}
			t.Logf("worst relative difference %.3g (sensitivity %.3g)", worst, c.Sensitivity)
			if worst > strict {
				t.Errorf("worst relative difference %.3g > %g: the update no longer follows torch's order of operations", worst, strict)
			}
		})
		ran++
	}
	if ran < 20 {
		t.Errorf("ran %d golden cases, want all 22", ran)
	}
}
