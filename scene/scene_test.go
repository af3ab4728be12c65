package scene

import (
	"bytes"
	"errors"
	"fmt"
	"image/color"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"descent/scene/expr"
	"descent/scene/run"
	"descent/scene/surface"
)

// unstableOnPurpose lists the presets whose lesson is a run that does not
// descend: TestPresets lets their loss stay or grow (their own story test
// checks what they show instead).
var unstableOnPurpose = map[string]bool{"parabola-lr-sweep": true}

// TestPresets loads every preset, builds it and steps each run for the
// preset's step count: none may diverge (become non-finite), leave its loss
// where it started (except in unstableOnPurpose), or lack a description.
func TestPresets(t *testing.T) {
	for _, name := range Presets() {
		t.Run(name, func(t *testing.T) {
			s, err := Load(name)
			if err != nil {
				t.Fatal(err)
			}
			if s.Name != name {
				t.Errorf("Name = %q, want %q", s.Name, name)
			}
			if s.Description == "" || s.Title == "" {
				t.Errorf("preset needs a title and a description, got %q, %q", s.Title, s.Description)
			}
			if s.Steps <= 0 {
				t.Errorf("preset should stop after a set number of steps, got %d", s.Steps)
			}
			surf, err := s.BuildSurface()
			if err != nil {
				t.Fatal(err)
			}
			runs, err := s.BuildRuns(surf, 64)
			if err != nil {
				t.Fatal(err)
			}
			if len(runs) != len(s.Runs) {
				t.Fatalf("%d runs built, want %d", len(runs), len(s.Runs))
			}
			labels := map[string]bool{}
			for i, r := range runs {
				start := r.Loss()
				for k := 0; k < s.Steps; k++ {
					if err := r.Step(); err != nil {
						t.Fatalf("run %d (%s): step %d: %v", i+1, s.Runs[i].Optimizer, k+1, err)
					}
				}
				if !(r.Loss() < start) && !unstableOnPurpose[name] {
					t.Errorf("run %d (%s): loss %g after %d steps, started at %g: it should go down", i+1, s.Runs[i].Optimizer, r.Loss(), s.Steps, start)
				}
				label := s.RunLabel(i)
				if labels[label] {
					t.Errorf("run %d: label %q used twice", i+1, label)
				}
				labels[label] = true
			}
		})
	}
}

// TestPresetStories checks that the presets show what their descriptions
// claim, so that retuning a learning rate cannot silently break the lesson.
func TestPresetStories(t *testing.T) {
	// final returns every run's point after the preset's steps.
	final := func(t *testing.T, name string) (*Scene, *surface.Surface, [][]float64) {
		t.Helper()
		s, err := Load(name)
		if err != nil {
			t.Fatal(err)
		}
		surf, err := s.BuildSurface()
		if err != nil {
			t.Fatal(err)
		}
		runs, err := s.BuildRuns(surf, 2)
		if err != nil {
			t.Fatal(err)
		}
		var out [][]float64
		for _, r := range runs {
			for range s.Steps {
				r.Step()
			}
			out = append(out, slices.Clone(r.Point()))
		}
		return s, surf, out
	}
	nearest := func(surf *surface.Surface, p []float64) surface.Minimum {
		y := 0.0
		if len(p) > 1 {
			y = p[1]
		}
		m, _, _ := surf.NearestMinimum(p[0], y)
		return m
	}

	t.Run("himmelblau-six reaches three minima", func(t *testing.T) {
		_, surf, ends := final(t, "himmelblau-six")
		minima := map[surface.Minimum]bool{}
		for _, p := range ends {
			m := nearest(surf, p)
			if d := (p[0]-m.X)*(p[0]-m.X) + (p[1]-m.Y)*(p[1]-m.Y); d > 1e-4 {
				t.Errorf("run ended at %v, not at a minimum", p)
			}
			minima[m] = true
		}
		if len(minima) != 3 {
			t.Errorf("runs end in %d different minima, want 3", len(minima))
		}
	})
	t.Run("saddle-six: SGD stays, the others escape", func(t *testing.T) {
		s, _, ends := final(t, "saddle-six")
		for i, p := range ends {
			escaped := p[1] > 1
			if s.Runs[i].Label == "SGD" && escaped {
				t.Errorf("SGD escaped to %v; it should still creep near the saddle", p)
			}
			if s.Runs[i].Label != "SGD" && !escaped {
				t.Errorf("%s ended at %v; it should have escaped past y = 1", s.Runs[i].Label, p)
			}
		}
	})
	t.Run("saddle-starts: the sign of y decides", func(t *testing.T) {
		s, _, ends := final(t, "saddle-starts")
		for i, p := range ends {
			y0 := s.Runs[i].Start[1]
			switch {
			case y0 == 0 && (p[1] != 0 || p[0] > 0.01):
				t.Errorf("run from the ridge ended at %v, want the saddle", p)
			case y0 != 0 && (p[1]*y0 <= 0 || p[1]*p[1] < 100*y0*y0):
				t.Errorf("run from y=%g ended at %v: it should fall off on its own side", y0, p)
			}
		}
	})
	t.Run("rastrigin-traps: only the central start wins", func(t *testing.T) {
		_, surf, ends := final(t, "rastrigin-traps")
		wins := 0
		for _, p := range ends {
			if surf.Value(p) < 1e-9 {
				wins++
			} else if surf.Value(p) < 0.9 {
				t.Errorf("run ended at %v with loss %g: neither the global nor a local minimum", p, surf.Value(p))
			}
		}
		if wins != 1 {
			t.Errorf("%d runs reached the global minimum, want exactly 1", wins)
		}
	})
	t.Run("rosenbrock-valley: GD crawls, Adam arrives", func(t *testing.T) {
		s, _, ends := final(t, "rosenbrock-valley")
		dist := map[string]float64{}
		for i, p := range ends {
			dist[s.Runs[i].Label] = math.Hypot(p[0]-1, p[1]-1)
		}
		if dist["Adam"] > 0.1 || dist["GD"] < 1 || dist["Momentum"] > dist["GD"]/2 {
			t.Errorf("distances to (1, 1): %v", dist)
		}
	})
	t.Run("regression-race: SGD fits, Adadelta barely moves", func(t *testing.T) {
		s, surf, ends := final(t, "regression-race")
		a, b, _ := surf.Data.Solution()
		for i, p := range ends {
			d := math.Hypot(p[0]-a, p[1]-b)
			switch s.Runs[i].Label {
			case "SGD", "SGD momentum 0.2":
				if d > 1e-3 {
					t.Errorf("%s ended %g from the fit", s.Runs[i].Label, d)
				}
			case "Adadelta":
				if moved := math.Hypot(p[0]-9, p[1]-2); moved > 1 || moved == 0 {
					t.Errorf("Adadelta moved %g; at lr 0.1 it should creep", moved)
				}
			}
		}
	})
	t.Run("stochastic: smaller batches wander more", func(t *testing.T) {
		s, err := Load("stochastic")
		if err != nil {
			t.Fatal(err)
		}
		surf, err := s.BuildSurface()
		if err != nil {
			t.Fatal(err)
		}
		runs, err := s.BuildRuns(surf, 2)
		if err != nil {
			t.Fatal(err)
		}
		// How far the slope strays from the true one (about 2) over the run.
		var stray []float64
		for _, r := range runs {
			worst := 0.0
			for range s.Steps {
				r.Step()
				worst = max(worst, math.Abs(r.Point()[1]-2))
			}
			stray = append(stray, worst)
		}
		if !(stray[0] < stray[1] && stray[1] < stray[2]) {
			t.Errorf("slope strays %v for full batch, batch 8, batch 1: want increasing", stray)
		}
	})
	t.Run("logistic-race: every run reaches the fit", func(t *testing.T) {
		s, surf, ends := final(t, "logistic-race")
		if len(surf.Minima) != 1 || surf.NoMinimum {
			t.Fatalf("minima %+v, no minimum %v: want the one minimum", surf.Minima, surf.NoMinimum)
		}
		best := surf.Minima[0]
		for i, p := range ends {
			if d := math.Hypot(p[0]-best.X, p[1]-best.Y); d > 0.4 || surf.Value(p) > 1.02*best.Value {
				t.Errorf("%s ended at %v, %g from the minimum, loss %g (minimum %g)", s.Runs[i].Label, p, d, surf.Value(p), best.Value)
			}
		}
	})
	t.Run("logistic-separable: no minimum, the loss keeps falling", func(t *testing.T) {
		s, err := Load("logistic-separable")
		if err != nil {
			t.Fatal(err)
		}
		surf, err := s.BuildSurface()
		if err != nil {
			t.Fatal(err)
		}
		if !surf.NoMinimum || len(surf.Minima) != 0 || surf.Note == "" {
			t.Fatalf("no minimum %v, minima %+v, note %q: separable data has no minimum", surf.NoMinimum, surf.Minima, surf.Note)
		}
		runs, err := s.BuildRuns(surf, 2)
		if err != nil {
			t.Fatal(err)
		}
		for i, r := range runs {
			var before []float64
			var lossBefore float64
			for k := range s.Steps {
				if k == s.Steps-50 {
					before, lossBefore = slices.Clone(r.Point()), r.Loss()
				}
				r.Step()
			}
			p := r.Point()
			if !(r.Loss() < lossBefore) || !(math.Hypot(p[0], p[1]) > math.Hypot(before[0], before[1])) {
				t.Errorf("%s: over the last 50 steps the point went %v -> %v and the loss %g -> %g: it should keep walking off", s.Runs[i].Label, before, p, lossBefore, r.Loss())
			}
			if left := p[0] > surf.Domain.XMax; left != (s.Runs[i].Label == "Momentum lr 0.5") {
				t.Errorf("%s ended at %v: outside the domain %v", s.Runs[i].Label, p, left)
			}
		}
	})
	t.Run("tanh-symmetry: mirror-image starts, mirror-image minima", func(t *testing.T) {
		s, surf, ends := final(t, "tanh-symmetry")
		if len(surf.Minima) != 2 {
			t.Fatalf("minima %+v, want a mirror-image pair", surf.Minima)
		}
		side := make([]float64, len(ends))
		for i, p := range ends {
			m := nearest(surf, p)
			if d := math.Hypot(p[0]-m.X, p[1]-m.Y); d > 0.1 {
				t.Errorf("%s ended at %v, %g from the nearest minimum", s.Runs[i].Label, p, d)
			}
			side[i] = math.Copysign(1, m.X)
			if i < 4 && side[i] != math.Copysign(1, s.Runs[i].Start[0]) {
				t.Errorf("%s ended in the minimum at %+v, not the one on its side of the saddle", s.Runs[i].Label, m)
			}
		}
		if side[4] == side[5] {
			t.Errorf("GD and Adam from (1, -1.5) both ended on side %v; they should choose different minima", side[4])
		}
	})
	t.Run("mlp-landscape: SGD sticks, momentum and Adam reach w*", func(t *testing.T) {
		s, surf, ends := final(t, "mlp-landscape")
		if len(surf.Minima) != 2 {
			t.Fatalf("minima %+v, want w* and a poorer one", surf.Minima)
		}
		best, poor := surf.Minima[0], surf.Minima[1]
		// Training stops at Adam's last iterate, a few thousandths from
		// the plane's true minimum.
		if math.Hypot(best.X, best.Y) > 0.01 {
			t.Errorf("the lowest minimum %+v is not at the trained weights (0, 0)", best)
		}
		for i, p := range ends {
			label := s.Runs[i].Label
			dBest, dPoor := math.Hypot(p[0]-best.X, p[1]-best.Y), math.Hypot(p[0]-poor.X, p[1]-poor.Y)
			switch {
			case strings.HasPrefix(label, "SGD") && dPoor > 0.05:
				t.Errorf("%s ended at %v, %g from the poor minimum", label, p, dPoor)
			case strings.HasPrefix(label, "Momentum") || strings.HasPrefix(label, "Nesterov") || strings.HasPrefix(label, "Adam"):
				if dBest > 0.1 {
					t.Errorf("%s ended at %v, %g from w*", label, p, dBest)
				}
			}
		}
	})
	t.Run("schedules: the constant lr keeps hovering, the schedules settle", func(t *testing.T) {
		s, err := Load("schedules")
		if err != nil {
			t.Fatal(err)
		}
		surf, err := s.BuildSurface()
		if err != nil {
			t.Fatal(err)
		}
		runs, err := s.BuildRuns(surf, 2)
		if err != nil {
			t.Fatal(err)
		}
		// The mean loss over the last tenth of the steps.
		var settled []float64
		for i, r := range runs {
			if (r.Schedule() == nil) != (i == 0) {
				t.Fatalf("run %d (%s): schedule %v", i+1, s.Runs[i].Optimizer, r.Schedule())
			}
			sum, n := 0.0, 0
			for k := range s.Steps {
				r.Step()
				if k >= s.Steps*9/10 {
					sum, n = sum+r.Loss(), n+1
				}
			}
			settled = append(settled, sum/float64(n))
			if m := nearest(surf, r.Point()); m.X != 3 || m.Y != 2 {
				t.Errorf("run %d ended near (%g, %g), want (3, 2)", i+1, m.X, m.Y)
			}
		}
		for i, v := range settled[1:] {
			if !(v < settled[0]/4) {
				t.Errorf("run %d (%s) settles at a mean loss of %.3g, constant lr %.3g: want under a quarter", i+2, s.Runs[i+1].Optimizer, v, settled[0])
			}
		}
		// The schedules' last lrs are far below the constant's.
		for i, r := range runs[1:] {
			if !(r.LR() < 0.01/10) {
				t.Errorf("run %d ends with lr %g", i+2, r.LR())
			}
		}
	})
	t.Run("parabola-lr-sweep: converges, oscillates, the edge, diverges", func(t *testing.T) {
		s, err := Load("parabola-lr-sweep")
		if err != nil {
			t.Fatal(err)
		}
		surf, err := s.BuildSurface()
		if err != nil {
			t.Fatal(err)
		}
		runs, err := s.BuildRuns(surf, 2)
		if err != nil {
			t.Fatal(err)
		}
		// The critical learning rate of the parabola is 2/f'' = 1.
		dxx, _, _ := surf.Hessian(6, 0)
		critical := 2 / dxx
		wantFactor := []float64{0.5, 0.9, 1.0, 1.1}
		wantWords := []string{"converges", "oscillates", "edge", "diverges"}
		for i, r := range runs {
			spec := s.Runs[i].Optimizer
			if want := fmt.Sprintf("gd:lr=%g", wantFactor[i]*critical); spec != want {
				t.Fatalf("run %d is %s, want %s", i+1, spec, want)
			}
			if label := s.RunLabel(i); !strings.Contains(label, wantWords[i]) {
				t.Errorf("run %d label %q does not say %q", i+1, label, wantWords[i])
			}
			// The distance to the minimum x = 1, step by step.
			dist := []float64{r.Point()[0] - 1}
			for range s.Steps {
				if err := r.Step(); err != nil {
					t.Fatalf("run %d: %v", i+1, err)
				}
				dist = append(dist, r.Point()[0]-1)
			}
			last := dist[len(dist)-1]
			switch i {
			case 0: // Newton's step: the minimum after one step
				if dist[1] != 0 || last != 0 {
					t.Errorf("lr 0.5: distances %v, want 0 from step 1", dist[:4])
				}
			case 1: // overshoots each step, shrinking by 0.8
				for k := 1; k < 10; k++ {
					if !(dist[k]*dist[k-1] < 0 && math.Abs(dist[k]) < math.Abs(dist[k-1])) {
						t.Fatalf("lr 0.9: distances %v do not oscillate inwards", dist[:10])
					}
				}
				if math.Abs(last) > 1e-3 {
					t.Errorf("lr 0.9: still %g from the minimum after %d steps", last, s.Steps)
				}
			case 2: // the edge: 5, -5, 5, ...
				for k, d := range dist {
					if math.Abs(d) != 5 || (k > 0 && d != -dist[k-1]) {
						t.Fatalf("lr 1: distances %v, want 5, -5, 5, ...", dist)
					}
				}
			case 3: // grows by 1.2 each step
				for k := 1; k < len(dist); k++ {
					if r := dist[k] / dist[k-1]; math.Abs(r+1.2) > 1e-9 {
						t.Fatalf("lr 1.1: step %d ratio %v, want -1.2", k, r)
					}
				}
			}
		}
	})
	t.Run("parabola-steps all reach x = 1", func(t *testing.T) {
		_, _, ends := final(t, "parabola-steps")
		for i, p := range ends {
			if d := p[0] - 1; d*d > 1e-6 {
				t.Errorf("run %d ended at x = %g, want 1", i+1, p[0])
			}
		}
	})
}

// TestPresetList checks that Presets lists exactly the embedded files and
// that the default is one of them.
func TestPresetList(t *testing.T) {
	files, err := presetFiles()
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range files {
		names = append(names, strings.TrimSuffix(filepath.Base(f), ".scene"))
	}
	got := Presets()
	slices.Sort(names)
	sorted := slices.Sorted(slices.Values(got))
	if !slices.Equal(sorted, names) {
		t.Errorf("Presets() = %v, embedded files %v", got, names)
	}
	if !slices.Contains(got, Default()) {
		t.Errorf("Default() = %q is not a preset", Default())
	}
	if len(got) < 8 {
		t.Errorf("only %d presets", len(got))
	}
	got[0] = "changed"
	if Presets()[0] == "changed" {
		t.Error("Presets returns its internal slice")
	}
}

// TestRoundTrip writes every preset and parses the text back to an equal
// scene; writing again gives the same text.
func TestRoundTrip(t *testing.T) {
	for _, name := range Presets() {
		t.Run(name, func(t *testing.T) {
			s, err := Load(name)
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if err := s.Write(&buf); err != nil {
				t.Fatal(err)
			}
			text := buf.String()
			back, err := Parse(strings.NewReader(text), name+".scene")
			if err != nil {
				t.Fatalf("%v\n%s", err, text)
			}
			if !reflect.DeepEqual(s, back) {
				t.Errorf("round trip changed the scene:\n got  %+v\n want %+v\ntext:\n%s", back, s, text)
			}
			buf.Reset()
			if err := back.Write(&buf); err != nil {
				t.Fatal(err)
			}
			if buf.String() != text {
				t.Errorf("second write differs:\n%s\nvs\n%s", buf.String(), text)
			}
		})
	}
}

// TestBowlTurntable pins the bowl-turntable preset to the matplotlib animation it reproduces.
func TestBowlTurntable(t *testing.T) {
	s, err := Load("bowl-turntable")
	if err != nil {
		t.Fatal(err)
	}
	checks := []struct {
		what      string
		got, want any
	}{
		{"surface", s.Surface, "bowl"},
		{"expr", s.Expr, ""},
		{"data", s.Data, ""},
		{"domain", *s.Domain, surface.Domain{XMin: -1, XMax: 5, YMin: 0, YMax: 6}},
		{"mesh", s.Mesh, 400},
		{"colormap", s.Colormap, "viridis"},
		{"alpha", s.Alpha, 0.7},
		{"steps", s.Steps, 50},
		{"rate", s.Rate, 5.0},
		{"camera", s.Camera, Camera{Elevation: 30, Azimuth: 120}},
		{"rotate", s.Rotate, -2.0},
		{"autorotate", s.AutoRotate, true},
		{"x label", s.XLabel, "X axis"},
		{"y label", s.YLabel, "Y axis"},
		{"z label", s.ZLabel, "Loss"},
		{"title", s.Title, "Gradient Descent on Loss Function"},
		{"legend shown", s.HideLegend, false},
		{"view", s.View, "3d"},
		{"runs", len(s.Runs), 1},
	}
	for _, c := range checks {
		if !reflect.DeepEqual(c.got, c.want) {
			t.Errorf("%s = %v, want %v", c.what, c.got, c.want)
		}
	}
	if t.Failed() || len(s.Runs) != 1 {
		return
	}
	r := s.Runs[0]
	if r.Optimizer != "gd:lr=0.1" || !slices.Equal(r.Start, []float64{0, 0}) || r.Batch != 0 || r.Noise != 0 {
		t.Errorf("run = %+v, want GD lr 0.1 from (0, 0), exact gradients", r)
	}
	if c := s.RunColor(0); c.R < 0xc0 || c.G > 0x40 || c.B > 0x40 {
		t.Errorf("run colour %v is not red", c)
	}
	surf, err := s.BuildSurface()
	if err != nil {
		t.Fatal(err)
	}
	runs, err := s.BuildRuns(surf, 100)
	if err != nil {
		t.Fatal(err)
	}
	// GD with lr 0.1 on the bowl shrinks the distance to (2, 3) by 0.8 per step.
	for range s.Steps {
		if err := runs[0].Step(); err != nil {
			t.Fatal(err)
		}
	}
	p := runs[0].Point()
	if want := 0.8; abs(p[0]-2-(-2)*pow(want, 50)) > 1e-12 || abs(p[1]-3-(-3)*pow(want, 50)) > 1e-12 {
		t.Errorf("after 50 steps at %v, want (2 - 2*0.8^50, 3 - 3*0.8^50)", p)
	}
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

func pow(x float64, n int) float64 {
	p := 1.0
	for range n {
		p *= x
	}
	return p
}

// TestParseFormat parses a file using every key, comments and colours.
func TestParseFormat(t *testing.T) {
	text := `# a comment line
title = Race #2            # '#2' is part of the title
description = all keys
EXPR = x^2 + 3*y^2
domain = -2, 2, -1.5, 1.5
mesh = 64
colormap = Magma
alpha = 0
camera = 20, 45, 12
rotate = 0.5
autorotate = yes
rate = 12.5
steps = 40
labels = a, b, c
view = contour
contour = log
arrows = on
axes = -3, 3, 0, 10
legend = false

[run]
optimizer = adam:lr=0.1
start = 1, 1
color = #00ff80
label = first

[ Run ]
optimizer = sgd:lr=0.01
batch = 0
noise = 0.25
seed = 7
color = blue
`
	s, err := Parse(strings.NewReader(text), "dir/all.scene")
	if err != nil {
		t.Fatal(err)
	}
	want := &Scene{
		Name: "all", Description: "all keys", Title: "Race #2", Expr: "x^2 + 3*y^2",
		Domain: &surface.Domain{XMin: -2, XMax: 2, YMin: -1.5, YMax: 1.5},
		Runs: []RunConfig{
			{Optimizer: "adam:lr=0.1", Start: []float64{1, 1}, Color: color.RGBA{0, 0xff, 0x80, 0xff}, Label: "first"},
			{Optimizer: "sgd:lr=0.01", Noise: 0.25, Seed: 7, Color: Palette()[1]},
		},
		Steps: 40, Rate: 12.5, Mesh: 64, Colormap: "magma", Alpha: 0,
		Camera: Camera{Elevation: 20, Azimuth: 45, Distance: 12}, Rotate: 0.5, AutoRotate: true,
		XLabel: "a", YLabel: "b", ZLabel: "c", View: "contour", ContourOf: "log", Arrows: true,
		Axes: &surface.Domain{XMin: -3, XMax: 3, YMin: 0, YMax: 10}, HideLegend: true,
	}
	if !reflect.DeepEqual(s, want) {
		t.Errorf("got  %+v\nwant %+v", s, want)
	}
}

// TestDefaults checks what Normalize fills in, for a 2-D, a data and a
// 1-D surface, and that a file's explicit zero alpha is kept.
func TestDefaults(t *testing.T) {
	s := &Scene{Surface: "beale", Runs: []RunConfig{{Optimizer: "adam"}}}
	s.Normalize()
	if err := s.Validate(); err != nil {
		t.Fatal(err)
	}
	if s.Mesh != 200 || s.Colormap != "viridis" || s.Alpha != 1 || s.Rate != 20 || s.View != "3d" ||
		s.ContourOf != "loss" || s.Camera != (Camera{30, -60, 0}) || s.XLabel != "x" || s.YLabel != "y" ||
		s.ZLabel != "loss" || s.Title == "" || s.Steps != 0 {
		t.Errorf("2-D defaults: %+v", s)
	}
	d := &Scene{Surface: "ols", Runs: []RunConfig{{Optimizer: "adam"}}}
	d.Normalize()
	if d.XLabel != "intercept" || d.YLabel != "slope" {
		t.Errorf("ols labels %q, %q", d.XLabel, d.YLabel)
	}
	c := &Scene{Expr: "x^4 - x", Runs: []RunConfig{{Optimizer: "gd", Start: []float64{2}}}}
	c.Normalize()
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	if c.View != "curve" || c.Mesh != 400 || c.Title != "x^4 - x" {
		t.Errorf("1-D defaults: view %q mesh %d title %q", c.View, c.Mesh, c.Title)
	}
	p, err := Parse(strings.NewReader("surface = bowl\nalpha = 0\ncamera = 0, 0\n[run]\noptimizer = gd\n"), "a.scene")
	if err != nil {
		t.Fatal(err)
	}
	if p.Alpha != 0 || p.Camera != (Camera{}) {
		t.Errorf("explicit zeros lost: alpha %g camera %+v", p.Alpha, p.Camera)
	}
}

// TestBrokenScenes gives a broken file for every rule: each error must name
// the file, the right line and the problem.
func TestBrokenScenes(t *testing.T) {
	const ok = "surface = bowl\n[run]\noptimizer = gd\n"
	tests := []struct {
		name, text string
		line       int
		want       string
	}{
		{"unknown key", "title = t\nsurface = bowl\ncolourmap = viridis\n[run]\noptimizer = gd\n", 3, `unknown key "colourmap" (did you mean "colormap"?)`},
		{"bad number", "surface = bowl\nmesh = abc\n", 2, `bad number "abc" for mesh`},
		{"fractional mesh", "surface = bowl\n\nmesh = 20.5\n", 3, `want a whole number`},
		{"missing =", "surface = bowl\nmesh 400\n", 2, `missing '=' in "mesh 400"`},
		{"duplicate key", "surface = bowl\nmesh = 10\n# again\nmesh = 20\n", 4, `duplicate key "mesh" (first set on line 2)`},
		{"run key outside run", "surface = bowl\noptimizer = gd\n", 2, `belongs in a [run] section`},
		{"scene key inside run", ok + "mesh = 20\n", 4, `belongs before the first [run]`},
		{"unknown section", "surface = bowl\n[runs]\n", 2, `unknown section "[runs]" (did you mean "[run]"?)`},
		{"unclosed section", "surface = bowl\n[run\n", 2, `missing ']'`},
		{"empty value", "surface = bowl\ntitle =\n", 2, `missing value for title`},
		{"mesh too big", "surface = bowl\nmesh = 1001\n[run]\noptimizer = gd\n", 2, `mesh must be 2..1000, got 1001`},
		{"mesh too small", "surface = bowl\nmesh = 1\n[run]\noptimizer = gd\n", 2, `mesh must be 2..1000`},
		{"alpha", "surface = bowl\nalpha = 1.5\n[run]\noptimizer = gd\n", 2, `alpha must be in [0, 1]`},
		{"rate zero", "surface = bowl\n\nrate = 0\n[run]\noptimizer = gd\n", 3, `rate must be > 0 and <= 60`},
		{"rate too fast", "surface = bowl\nrate = 61\n[run]\noptimizer = gd\n", 2, `rate must be > 0`},
		{"negative steps", "surface = bowl\nsteps = -1\n[run]\noptimizer = gd\n", 2, `steps must be 0..100000000 (0: no limit), got -1`},
		{"too many steps", "surface = bowl\nsteps = 100000001\n[run]\noptimizer = gd\n", 2, `steps must be 0..100000000 (0: no limit), got 100000001`},
		{"batch too large", "surface = ols\n[run]\noptimizer = gd\nbatch = 1000001\n", 4, `run 1: batch must be 0..1000000 (0: full batch), got 1000001`},
		{"domain too wide", "surface = bowl\ndomain = -1e308, 1e308, 0, 1\n[run]\noptimizer = gd\n", 2, `domain: x range -1e+308, 1e+308 is too wide: its width overflows`},
		{"too many runs", "surface = bowl\n" + strings.Repeat("[run]\noptimizer = gd\n", MaxRuns+1), 2 + 2*MaxRuns, `more than 10000 runs (MaxRuns)`},
		{"line too long", "surface = bowl\ntitle = " + strings.Repeat("t", MaxLineBytes) + "\n", 2, `line longer than 135168 bytes (MaxLineBytes)`},
		{"line longer than the reader's buffer", "surface = bowl\n\ntitle = " + strings.Repeat("t", 4*MaxLineBytes), 3, `line longer than 135168 bytes (MaxLineBytes)`},
		{"expression too long", "expr = x" + strings.Repeat("+x", expr.MaxLength/2) + "\n[run]\noptimizer = gd\n", 1, `expr: column 131073: expression too long: 131073 bytes (at most 131072)`},
		{"file too large", strings.Repeat("#"+strings.Repeat(" ", 1022)+"\n", MaxFileBytes/1024) + "#", 0, `larger than 4194304 bytes (MaxFileBytes)`},
		{"colormap", "surface = bowl\ncolormap = virdis\n[run]\noptimizer = gd\n", 2, `unknown colormap "virdis" (did you mean "viridis"?)`},
		{"view", "surface = bowl\nview = 2d\n[run]\noptimizer = gd\n", 2, `unknown view "2d"`},
		{"layout", "surface = bowl\nlayout = gird\n[run]\noptimizer = gd\n", 2, `unknown layout "gird" (did you mean "grid"?)`},
		{"curve on 2-D", "surface = bowl\nview = curve\n[run]\noptimizer = gd\n", 2, `view curve needs a 1-D surface`},
		{"3d on 1-D", "surface = parabola\nview = 3d\n[run]\noptimizer = gd\n", 2, `view 3d needs a 2-D surface`},
		{"contour kind", "surface = bowl\ncontour = sqr\n[run]\noptimizer = gd\n", 2, `unknown contour "sqr" (did you mean "sqrt"?)`},
		{"bad optimizer", "surface = bowl\n[run]\noptimizer = gd\n\n[run]\nstart = 1, 1\noptimizer = adma:lr=0.1\n", 7, `run 2: optimizer: optim: unknown optimizer "adma" (did you mean "adam"?)`},
		{"missing optimizer", "surface = bowl\n[run]\noptimizer = gd\n[run]\nstart = 1, 1\n", 4, `run 2: missing optimizer`},
		{"bad scheduler", "surface = bowl\n[run]\noptimizer = sgd:lr=0.1+multisteplr:milestones=30;x\n", 3, `run 1: optimizer: optim: bad number for milestones: "x"`},
		{"unknown scheduler", "surface = bowl\n[run]\noptimizer = sgd+cosinannealinglr:T_max=9\n", 3, `unknown scheduler "cosinannealinglr" (did you mean "cosineannealinglr"?)`},
		{"bad cue", "surface = bowl\n[run]\noptimizer = gd\n[storyboard]\nstep 0: pause 1\nstep 3: fly 2\n", 6, `storyboard: unknown action "fly"`},
		{"cue without a moment", "surface = bowl\n[run]\noptimizer = gd\n[storyboard]\npause 1\n", 5, `storyboard: missing ':'`},
		{"cue for a missing run", "surface = bowl\n[run]\noptimizer = gd\n[storyboard]\nstep 0: pause 1\nstep 2: select 3\n", 6, "storyboard: step 2: select 3 names run 3, but the scene has 1"},
		{"curve cue on a 2-D surface", "surface = bowl\n[run]\noptimizer = gd\n[storyboard]\n1s: view curve\n", 5, "view curve needs a 1-D surface"},
		{"two storyboards", "surface = bowl\n[storyboard]\nstep 0: pause 1\n[storyboard]\n", 4, "a second [storyboard] section (the first starts on line 2)"},
		{"bad note", "surface = bowl\n[run]\noptimizer = gd\n[notes]\ncross 0, 0\nsticky 1, 1\n", 6, `notes: unknown note "sticky"`},
		{"note on a curve's surface", "surface = bowl\n[run]\noptimizer = gd\n[notes]\ncallout 1: \"x\"\n", 5, "has 1 coordinates; this surface needs 2"},
		{"two notes sections", "surface = bowl\n[notes]\n[notes]\n", 3, "a second [notes] section (the first starts on line 2)"},
		{"misspelt storyboard", "surface = bowl\n[storybord]\n", 2, `unknown section "[storybord]" (did you mean "[storyboard]"?)`},
		{"start too short", "surface = bowl\n[run]\noptimizer = gd\nstart = 1\n", 4, `run 1: start needs 2 numbers (x, y)`},
		{"start too long for 1-D", "surface = parabola\n[run]\noptimizer = gd\nstart = 1, 2\n", 4, `start needs 1 number (x)`},
		{"start not a number", "surface = bowl\n[run]\noptimizer = gd\nstart = 1, y\n", 4, `run 1: bad number "y" for start`},
		{"two surfaces", "surface = bowl\ntitle = t\nexpr = x^2\n[run]\noptimizer = gd\n", 3, `give only one of surface, expr and data`},
		{"no surface", "title = t\n[run]\noptimizer = gd\n", 0, `no surface`},
		{"unknown surface", "surface = bwol\n[run]\noptimizer = gd\n", 1, `surface: unknown surface "bwol" (did you mean "bowl"?)`},
		{"bad expression", "\nexpr = x^2 +\n[run]\noptimizer = gd\n", 2, `:2: expr: column`},
		{"no runs", "surface = bowl\nmesh = 10\n", 0, `no runs`},
		{"batch without data", "surface = bowl\n[run]\noptimizer = gd\nbatch = 8\n", 4, `batch needs a data surface`},
		{"negative noise", "surface = ols\n[run]\noptimizer = gd\nnoise = -1\n", 4, `noise must be a finite number >= 0`},
		{"bad seed", "surface = ols\n[run]\noptimizer = gd\nseed = -3\n", 4, `bad seed "-3"`},
		{"bad colour", "surface = bowl\n[run]\noptimizer = gd\ncolor = rde\n", 4, `unknown color "rde" (did you mean "red"?)`},
		{"bad hex colour", "surface = bowl\n[run]\noptimizer = gd\ncolor = #12345\n", 4, `bad color "#12345"`},
		{"bad bool", "surface = bowl\nautorotate = maybe\n", 2, `bad value "maybe" for autorotate`},
		{"domain order", "surface = bowl\ndomain = 5, -1, 0, 6\n[run]\noptimizer = gd\n", 2, `domain: x range must have min < max`},
		{"domain count", "surface = bowl\ndomain = 1, 2, 3\n", 2, `domain needs 4 numbers`},
		{"2-D domain with 2 numbers", "surface = bowl\ndomain = -1, 1\n[run]\noptimizer = gd\n", 2, `domain: y range must have min < max`},
		{"axes", "surface = parabola\naxes = 0, 1, 5, 5\n[run]\noptimizer = gd\n", 2, `axes: loss range`},
		{"camera count", "surface = bowl\ncamera = 30\n", 2, `camera needs 2 or 3 numbers`},
		{"camera distance", "surface = bowl\ncamera = 30, 20, -1\n[run]\noptimizer = gd\n", 2, `camera distance must be >= 0`},
		{"labels count", "surface = bowl\nlabels = a, b\n", 2, `labels needs 3 labels`},
		{"missing data file", "data = no-such-file.csv\n[run]\noptimizer = gd\n", 1, `data: no such file`},
		{"model without data", "surface = logistic\n[run]\noptimizer = gd\n", 1, `surface: logistic needs a data file with columns x,label (data = FILE.csv in a scene, -data FILE.csv on the command line)`},
		{"data on a test function", "surface = himmelblau\ndata = tanh-300.csv\n[run]\noptimizer = gd\n", 1, `surface: himmelblau takes no data (data surfaces: ols, logistic, tanh-unit)`},
		{"data on mlp-slice", "surface = mlp-slice\ndata = moons-100.csv\n[run]\noptimizer = gd\n", 1, `surface: mlp-slice trains on its built-in data set (moons-100.csv) and takes no data file`},
		{"missing model data", "surface = tanh-unit\ndata = no-such-file.csv\n[run]\noptimizer = gd\n", 2, `data: no such file no-such-file.csv`},
		{"model and expression", "surface = logistic\ndata = logistic-200.csv\nexpr = x^2\n[run]\noptimizer = gd\n", 3, `give only one of surface, expr and data`},
		{"nan", "surface = bowl\nalpha = NaN\n", 2, `bad number "NaN" for alpha`},
		{"key in wrong section hint", "surface = bowl\nstrat = 1, 1\n", 2, `did you mean "start"? it belongs in a [run] section`},
		{"negative swarm", "surface = bowl\n[run]\noptimizer = gd\nswarm = -2\n", 4, `run 1: swarm must be 0..1000000 particles (0: none), got -2`},
		{"fractional swarm", "surface = bowl\n[run]\noptimizer = gd\nswarm = 2.5\n", 4, `bad number "2.5" for swarm (want a whole number)`},
		{"swarms too large together", "surface = bowl\n[run]\noptimizer = gd\nswarm = 600000\n[run]\noptimizer = adam\n\nswarm = 600000\n", 8, `run 2: swarms of 1200000 particles in all (up to run 2), more than 1000000 (MaxParticles)`},
		{"swarm on a curve", "surface = parabola\n[run]\noptimizer = gd\nswarm = 10\n", 4, `a swarm needs a surface of x and y; this one is 1-D`},
		{"swarm with a schedule", "surface = bowl\n[run]\noptimizer = gd+steplr:step_size=10\nswarm = 10\n", 4, `a swarm steps with a constant learning rate`},
		{"negative swarm radius", "surface = bowl\n[run]\noptimizer = gd\nswarm = 10\nswarm-radius = -1\n", 5, `swarm-radius must be a finite number >= 0`},
		{"swarm radius alone", "surface = bowl\n[run]\noptimizer = gd\nswarm-radius = 1\n", 4, `swarm-radius needs a swarm`},
		{"basins view of a curve", "surface = parabola\nview = basins\n[run]\noptimizer = gd\n", 2, `view basins needs a surface of x and y`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse(strings.NewReader(tc.text), "x.scene")
			if err == nil {
				t.Fatalf("no error for\n%s", tc.text)
			}
			var se *Error
			if !errors.As(err, &se) {
				t.Fatalf("error %v is %T, want *Error", err, err)
			}
			if se.Line != tc.line {
				t.Errorf("error %q on line %d, want %d", err, se.Line, tc.line)
			}
			prefix := "scene: x.scene: "
			if tc.line > 0 {
				prefix = "scene: x.scene:" + itoa(tc.line) + ": "
			}
			if !strings.HasPrefix(err.Error(), prefix) {
				t.Errorf("error %q does not start with %q", err, prefix)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q does not contain %q", err, tc.want)
			}
		})
	}
}

func itoa(n int) string {
	var b []byte
	for ; n > 0; n /= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
	}
	return string(b)
}

// TestLoad covers preset names, paths and unknown names.
func TestLoad(t *testing.T) {
	dir := t.TempDir()
	csv := "x,y\n0,1\n1,3\n2,5.5\n3,7\n"
	if err := os.WriteFile(filepath.Join(dir, "points.csv"), []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "fit.scene")
	text := "data = points.csv\n[run]\noptimizer = sgd:lr=0.05\nstart = 0, 0\nbatch = 2\nseed = 3\n"
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{path, filepath.Join(dir, ".", "fit.scene")} {
		s, err := Load(p)
		if err != nil {
			t.Fatal(err)
		}
		if s.Name != "fit" || s.Dir != dir || s.XLabel != "intercept" {
			t.Errorf("file scene: name %q dir %q x label %q", s.Name, s.Dir, s.XLabel)
		}
		surf, err := s.BuildSurface()
		if err != nil {
			t.Fatal(err)
		}
		if surf.Data == nil || surf.Data.Len() != 4 {
			t.Fatalf("data surface not built from points.csv: %+v", surf)
		}
		runs, err := s.BuildRuns(surf, 8)
		if err != nil {
			t.Fatal(err)
		}
		if runs[0].Stochastic != (run.Stochastic{Batch: 2, Seed: 3}) {
			t.Errorf("stochastic settings %+v", runs[0].Stochastic)
		}
	}

	errs := []struct{ arg, want string }{
		{"bowl-turntabel", `unknown scene "bowl-turntabel" (did you mean "bowl-turntable"?); presets: parabola-steps`},
		{"zzzz", `unknown scene "zzzz"; presets:`},
		{filepath.Join(dir, "missing.scene"), "missing.scene: no such file"},
	}
	for _, e := range errs {
		_, err := Load(e.arg)
		if err == nil || !strings.Contains(err.Error(), e.want) || !strings.HasPrefix(err.Error(), "scene: ") {
			t.Errorf("Load(%q) error %v, want it to contain %q", e.arg, err, e.want)
		}
	}
}

// TestModelScenes covers scenes of model surfaces: a data file beside the
// scene file, a built-in data set by name (a file of that name beside the
// scene wins), the defaults the model gives (axis labels, mesh), and the
// model's errors when the surface is built.
func TestModelScenes(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	write("mine.csv", "label,x\n0,-2\n1,-1\n0,1\n1,2\n")
	write("tanh-300.csv", "x,y\n-1,-1.5\n0,0.1\n1,1.4\n")
	write("xy.csv", "x,y\n0,1\n1,2\n")
	runs := "\n[run]\noptimizer = adam:lr=0.1\nbatch = 2\n"
	tests := []struct {
		name, text     string
		points         int
		xLabel, yLabel string
		mesh           int
	}{
		{"file beside the scene", "surface = logistic\ndata = mine.csv" + runs, 4, "weight", "bias", DefaultMesh},
		{"built-in data set", "surface = logistic\ndata = logistic-separable-100.csv" + runs, 100, "weight", "bias", DefaultMesh},
		{"a file beside the scene wins", "surface = tanh-unit\ndata = tanh-300.csv" + runs, 3, "w1", "w2", DefaultMesh},
		{"ols of a file", "surface = ols\ndata = xy.csv" + runs, 2, "intercept", "slope", DefaultMesh},
		{"mlp-slice", "surface = mlp-slice" + runs, 100, "alpha", "beta", 60},
		{"mlp-slice, mesh given", "surface = mlp-slice\nmesh = 30" + runs, 100, "alpha", "beta", 30},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, err := Load(write("m.scene", tc.text))
			if err != nil {
				t.Fatal(err)
			}
			if s.XLabel != tc.xLabel || s.YLabel != tc.yLabel || s.Mesh != tc.mesh {
				t.Errorf("labels %q, %q and mesh %d, want %q, %q, %d", s.XLabel, s.YLabel, s.Mesh, tc.xLabel, tc.yLabel, tc.mesh)
			}
			surf, err := s.BuildSurface()
			if err != nil {
				t.Fatal(err)
			}
			if surf.Model == nil || surf.Model.Len() != tc.points {
				t.Fatalf("model %+v, want %d points", surf.Model, tc.points)
			}
			built, err := s.BuildRuns(surf, 4)
			if err != nil {
				t.Fatal(err)
			}
			for range 5 {
				if err := built[0].Step(); err != nil {
					t.Fatal(err)
				}
			}
		})
	}

	s, err := Load(write("bad.scene", "surface = logistic\ndata = xy.csv"+runs))
	if err != nil {
		t.Fatal(err) // the data is read when the surface is built
	}
	_, err = s.BuildSurface()
	if err == nil || !strings.Contains(err.Error(), `xy.csv: no column "label" (the header has x,y; want columns x,label)`) {
		t.Errorf("BuildSurface: %v, want the missing column named", err)
	}
}

// TestRunLabelsAndColors covers the legend's labels and the palette.
func TestRunLabelsAndColors(t *testing.T) {
	s := &Scene{Surface: "ols", Runs: []RunConfig{
		{Optimizer: "adam:lr=0.1"},
		{Optimizer: "gd:lr=0.1", Start: []float64{1, 2}},
		{Optimizer: "gd:lr=0.1", Start: []float64{3, 4}, Color: Palette()[1]},
		{Optimizer: "sgd:lr=0.1", Batch: 8},
		{Optimizer: "momentum", Label: "Heavy ball"},
		{Optimizer: "adam:lr=0.1"},
	}}
	s.Normalize()
	if err := s.Validate(); err != nil {
		t.Fatal(err)
	}
	wantLabels := []string{
		"Adam lr=0.1 #1",
		"SGD lr=0.1 from (1, 2)",
		"SGD lr=0.1 from (3, 4)",
		"SGD lr=0.1 (batch 8)",
		"Heavy ball",
		"Adam lr=0.1 #6",
	}
	for i, want := range wantLabels {
		if got := s.RunLabel(i); got != want {
			t.Errorf("RunLabel(%d) = %q, want %q", i, got, want)
		}
	}
	seen := map[color.RGBA]int{}
	for i := range s.Runs {
		c := s.RunColor(i)
		if c.A != 0xff {
			t.Errorf("RunColor(%d) = %v is not opaque", i, c)
		}
		if j, dup := seen[c]; dup {
			t.Errorf("runs %d and %d share colour %v", j, i, c)
		}
		seen[c] = i
	}
	if s.RunColor(2) != Palette()[1] {
		t.Errorf("own colour not kept: %v", s.RunColor(2))
	}
	if s.RunColor(0) != Palette()[0] || s.RunColor(1) != Palette()[2] {
		t.Errorf("palette should skip the colour run 3 took: %v %v", s.RunColor(0), s.RunColor(1))
	}
	if s.RunLabel(-1) != "" || s.RunLabel(99) != "" {
		t.Error("out-of-range labels should be empty")
	}
}

// TestListsAreCopies checks that the lists of accepted names and the
// palette come back fresh: changing one result changes neither the next
// result nor what a scene accepts.
func TestListsAreCopies(t *testing.T) {
	tests := []struct {
		name  string
		list  func() []string
		want  []string
		field func(s *Scene, v string) // sets the scene setting the list names
	}{
		{"Colormaps", Colormaps, []string{"viridis", "coolwarm", "magma", "plasma", "cividis", "grey"}, func(s *Scene, v string) { s.Colormap = v }},
		{"Views", Views, []string{"3d", "contour", "curve", "basins"}, func(s *Scene, v string) { s.View = v }},
		{"Layouts", Layouts, []string{"single", "split", "chart", "grid"}, func(s *Scene, v string) { s.Layout = v }},
		{"ContourKinds", ContourKinds, []string{"loss", "sqrt", "log"}, func(s *Scene, v string) { s.ContourOf = v }},
	}
	for _, tt := range tests {
		got := tt.list()
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s() = %q, want %q", tt.name, got, tt.want)
			continue
		}
		got[0] = "changed"
		if again := tt.list(); again[0] != tt.want[0] {
			t.Errorf("%s: changing a result changed the next one to %q", tt.name, again)
		}
		s := &Scene{Surface: "bowl", Runs: []RunConfig{{Optimizer: "gd"}}}
		s.Normalize()
		tt.field(s, tt.want[0])
		if err := s.Validate(); err != nil {
			t.Errorf("%s: %q refused after changing a result: %v", tt.name, tt.want[0], err)
		}
		tt.field(s, "changed")
		if err := s.Validate(); err == nil {
			t.Errorf("%s: \"changed\" accepted after it was written into a result", tt.name)
		}
	}

	p := Palette()
	red := p[0]
	p[0] = color.RGBA{1, 2, 3, 0xff}
	if got := Palette()[0]; got != red {
		t.Errorf("changing Palette()'s result changed the next one: first colour %v, want %v", got, red)
	}
	s := &Scene{Surface: "bowl", Runs: []RunConfig{{Optimizer: "gd"}}}
	if got := s.RunColor(0); got != red {
		t.Errorf("RunColor(0) = %v after changing Palette()'s result, want %v", got, red)
	}
}

// TestWriteErrors checks that values that would not read back are refused.
func TestWriteErrors(t *testing.T) {
	base := func() *Scene {
		s := &Scene{Surface: "bowl", Runs: []RunConfig{{Optimizer: "gd"}}}
		s.Normalize()
		return s
	}
	tests := []struct {
		name   string
		change func(*Scene)
		want   string
	}{
		{"line break", func(s *Scene) { s.Title = "a\nb" }, "line break"},
		{"comment", func(s *Scene) { s.Runs[0].Label = "fast # really" }, "would start a comment"},
		{"comma in label", func(s *Scene) { s.XLabel = "a, b" }, "cannot contain commas"},
		{"spaces", func(s *Scene) { s.Title = " padded" }, "starts or ends with a space"},
	}
	for _, tc := range tests {
		s := base()
		tc.change(s)
		err := s.Write(&bytes.Buffer{})
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want %q", tc.name, err, tc.want)
		}
	}
	var buf bytes.Buffer
	s := base()
	s.Runs[0].Color = color.RGBA{1, 2, 3, 255}
	if err := s.Write(&buf); err != nil || !strings.Contains(buf.String(), "color = #010203") {
		t.Errorf("hex colour not written: %v\n%s", err, buf.String())
	}
}

// TestWriteFile: a scene file is written whole and reads back; a failure
// (an unwritable scene, a missing directory) leaves the old file as it was
// and no temporary file behind.
func TestWriteFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.scene")
	s := &Scene{Surface: "bowl", Title: "Bowl", Runs: []RunConfig{{Optimizer: "gd"}}}
	s.Normalize()
	if err := s.WriteFile(path); err != nil {
		t.Fatal(err)
	}
	back, err := LoadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if back.Title != "Bowl" || back.Surface != "bowl" || len(back.Runs) != 1 {
		t.Errorf("read back %+v", back)
	}
	before, _ := os.ReadFile(path)
	bad := s.Clone()
	bad.Title = "two\nlines"
	if err := bad.WriteFile(path); err == nil || !strings.HasPrefix(err.Error(), "scene: save: ") {
		t.Errorf("unwritable scene: error %v", err)
	}
	if err := s.WriteFile(filepath.Join(dir, "missing", "b.scene")); err == nil || !strings.Contains(err.Error(), "scene: save: ") {
		t.Errorf("missing directory: error %v", err)
	}
	after, _ := os.ReadFile(path)
	if !bytes.Equal(before, after) {
		t.Error("a failed save changed the file")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("files left: %v", entries)
	}
}

// TestValidateInCode checks errors for scenes built in code (no lines).
func TestValidateInCode(t *testing.T) {
	s := &Scene{Name: "flags", Surface: "bowl", Runs: []RunConfig{{Optimizer: "adam", Start: []float64{1}}}}
	s.Normalize()
	err := s.Validate()
	if err == nil || err.Error() != "scene: flags: run 1: start needs 2 numbers (x, y) for this 2-D surface, got 1" {
		t.Errorf("error %v", err)
	}
	s.Runs[0].Start = nil
	s.Runs[0].Color = color.RGBA{10, 10, 10, 10}
	if err := s.Validate(); err == nil || !strings.Contains(err.Error(), "opaque") {
		t.Errorf("translucent colour: %v", err)
	}
	s.Runs[0].Color = color.RGBA{}
	if err := s.Validate(); err != nil {
		t.Errorf("valid scene: %v", err)
	}
	surf, err := s.BuildSurface()
	if err != nil {
		t.Fatal(err)
	}
	runs, err := s.BuildRuns(surf, 4)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(runs[0].Point(), surf.Start) {
		t.Errorf("nil start should be the surface's start %v, got %v", surf.Start, runs[0].Point())
	}
	s.Runs[0].Optimizer = "adam:lr=-1"
	if _, err := s.BuildRuns(surf, 4); err == nil || !strings.HasPrefix(err.Error(), "scene: flags: run 1: optimizer: optim:") {
		t.Errorf("bad spec in BuildRuns: %v", err)
	}
}

// TestDomainOverride checks that BuildSurface applies the domain and looks
// for an expression's minima inside it.
func TestDomainOverride(t *testing.T) {
	s := &Scene{Expr: "(x-7)^2 + (y+6)^2", Domain: &surface.Domain{XMin: 0, XMax: 10, YMin: -10, YMax: 0},
		Runs: []RunConfig{{Optimizer: "gd:lr=0.1"}}}
	s.Normalize()
	if err := s.Validate(); err != nil {
		t.Fatal(err)
	}
	surf, err := s.BuildSurface()
	if err != nil {
		t.Fatal(err)
	}
	if surf.Domain != *s.Domain {
		t.Errorf("domain %+v", surf.Domain)
	}
	m, d, ok := surf.NearestMinimum(7, -6)
	if !ok || d > 1e-3 || abs(m.Value) > 1e-6 {
		t.Errorf("minimum (7, -6) not found in the new domain: %+v %g %v", m, d, ok)
	}
}

// TestClone checks that a clone equals the scene and shares nothing with it.
func TestClone(t *testing.T) {
	for _, name := range []string{"bowl-turntable", "parabola-steps"} {
		s, err := Load(name)
		if err != nil {
			t.Fatal(err)
		}
		c := s.Clone()
		if !reflect.DeepEqual(s, c) {
			t.Fatalf("%s: clone differs", name)
		}
		before := s.Clone()
		c.Runs[0].Start[0] = 42
		c.Runs[0].Optimizer = "adam"
		c.Runs = append(c.Runs, RunConfig{Optimizer: "sgd"})
		if c.Domain != nil {
			c.Domain.XMin = -100
		}
		if c.Axes != nil {
			c.Axes.YMax = 1e6
		}
		if !reflect.DeepEqual(s, before) {
			t.Errorf("%s: changing the clone changed the scene", name)
		}
	}
}

// TestUseData: data keeps a model surface that takes data, and otherwise
// the file's header picks the model; starts go back to the surface's own.
func TestUseData(t *testing.T) {
	surface.AddData("use-data-labels.csv", []byte("x,label\n-1,0\n1,1\n0.5,0\n-0.5,1\n"))
	surface.AddData("use-data-points.csv", []byte("x,y\n-1,2\n1,3\n2,5\n"))
	tests := []struct {
		from, data, want string
	}{
		{"himmelblau", "use-data-labels.csv", "logistic"},
		{"himmelblau", "use-data-points.csv", "ols"},
		{"tanh-unit", "use-data-points.csv", "tanh-unit"},
		{"logistic", "use-data-points.csv", "logistic"},
	}
	for _, tt := range tests {
		s := &Scene{Surface: tt.from, Expr: "", Runs: []RunConfig{{Optimizer: "gd", Start: []float64{1, 2}}}}
		if err := s.UseData(tt.data); err != nil {
			t.Fatalf("%s on %s: %v", tt.from, tt.data, err)
		}
		if s.Surface != tt.want || s.Data != tt.data || s.Runs[0].Start != nil {
			t.Errorf("%s on %s: surface %q data %q start %v", tt.from, tt.data, s.Surface, s.Data, s.Runs[0].Start)
		}
	}
	s := &Scene{Surface: "bowl"}
	if err := s.UseData("missing.csv"); err == nil || !strings.HasPrefix(err.Error(), "scene: surface: missing.csv") || s.Surface != "bowl" {
		t.Errorf("missing data: %v, surface %q", err, s.Surface)
	}
}

// TestScheduleSpecsInSceneFiles: optimizer specs with schedules ('+'
// between parts, ';' in lists, bare strings) survive a scene file's round
// trip, and BuildRuns drives each run by its schedule.
func TestScheduleSpecsInSceneFiles(t *testing.T) {
	text := `surface = rosenbrock
steps = 40

[run]
optimizer = sgd:lr=0.001,momentum=0.9+multisteplr:milestones=10;20;20,gamma=0.5
label = milestones

[run]
optimizer = adam:lr=0.05+linearlr:start_factor=0.1,total_iters=5+cosineannealinglr:T_max=40,eta_min=0.001

[run]
optimizer = nesterov:lr=0.001+onecyclelr:max_lr=0.001,total_steps=40,anneal_strategy=linear,three_phase=true
`
	s, err := Parse(strings.NewReader(text), "sched.scene")
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := s.Write(&buf); err != nil {
		t.Fatal(err)
	}
	back, err := Parse(strings.NewReader(buf.String()), "sched.scene")
	if err != nil {
		t.Fatalf("%v\n%s", err, buf.String())
	}
	if !reflect.DeepEqual(back, s) {
		t.Errorf("round trip changed the scene:\n%+v\n%+v", back.Runs, s.Runs)
	}
	for i, want := range []string{
		"sgd:lr=0.001,momentum=0.9+multisteplr:milestones=10;20;20,gamma=0.5",
		"adam:lr=0.05+linearlr:start_factor=0.1,total_iters=5+cosineannealinglr:T_max=40,eta_min=0.001",
		"nesterov:lr=0.001+onecyclelr:max_lr=0.001,total_steps=40,anneal_strategy=linear,three_phase=true",
	} {
		if back.Runs[i].Optimizer != want || !strings.Contains(buf.String(), "optimizer = "+want+"\n") {
			t.Errorf("run %d: optimizer %q after the round trip, want %q", i+1, back.Runs[i].Optimizer, want)
		}
	}
	if got := back.RunLabel(1); got != "Adam lr=0.05 + LinearLR start_factor=0.1 + CosineAnnealingLR T_max=40 eta_min=0.001" {
		t.Errorf("label %q", got)
	}
	surf, _ := back.BuildSurface()
	runs, err := back.BuildRuns(surf, 64)
	if err != nil {
		t.Fatal(err)
	}
	wantLR := []float64{0.001 * 0.5 * 0.25, 0.001} // the milestones; eta_min at T_max
	for i, r := range runs {
		if r.Schedule() == nil {
			t.Fatalf("run %d has no schedule", i+1)
		}
		for range 40 {
			if err := r.Step(); err != nil {
				t.Fatalf("run %d: %v", i+1, err)
			}
		}
		if i < 2 && math.Abs(r.LR()-wantLR[i]) > 1e-15 {
			t.Errorf("run %d: lr after 40 steps %v, want %v", i+1, r.LR(), wantLR[i])
		}
	}
	if !runs[2].Ended() {
		t.Error("the one-cycle run did not end after total_steps")
	}
}

// TestStoryboardRoundTrip: a storyboard survives a scene file's round trip
// cue for cue, and a key after it belongs to the scene again only in a
// [run] section.
func TestStoryboardRoundTrip(t *testing.T) {
	text := `surface = himmelblau
steps = 50

[run]
optimizer = adam:lr=0.1

[storyboard]
step 0: caption "Adam's effective step" for 2
step 0: camera 25, -60 over 1.5
# a comment
4.5s: camera 10, 30, 9 over 3
step 20: pause 2
step 20: select 1
step 30: view contour
`
	s, err := Parse(strings.NewReader(text), "story.scene")
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Story) != 6 {
		t.Fatalf("%d cues, want 6", len(s.Story))
	}
	var buf bytes.Buffer
	if err := s.Write(&buf); err != nil {
		t.Fatal(err)
	}
	back, err := Parse(strings.NewReader(buf.String()), "story.scene")
	if err != nil {
		t.Fatalf("%v\n%s", err, buf.String())
	}
	if !reflect.DeepEqual(back.Story, s.Story) {
		t.Errorf("the storyboard changed in the round trip:\n%s", buf.String())
	}
	c := s.Clone()
	c.Story[0].Text = "changed"
	if s.Story[0].Text == "changed" {
		t.Error("Clone shares the storyboard")
	}
}

// TestNotesRoundTrip: notes survive a scene file's round trip, alongside a
// storyboard, and Clone copies them.
func TestNotesRoundTrip(t *testing.T) {
	text := `surface = himmelblau

[run]
optimizer = adam:lr=0.1

[notes]
callout 3, 2: "a minimum: \nabla f = 0"
label top: "Four minima"
cross -2.805118, 3.131312
arrow 0, 0 to 3, 2: "Adam"

[storyboard]
step 0: pause 1
`
	s, err := Parse(strings.NewReader(text), "notes.scene")
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Notes) != 4 || len(s.Story) != 1 {
		t.Fatalf("%d notes, %d cues", len(s.Notes), len(s.Story))
	}
	var buf bytes.Buffer
	if err := s.Write(&buf); err != nil {
		t.Fatal(err)
	}
	back, err := Parse(strings.NewReader(buf.String()), "notes.scene")
	if err != nil || !reflect.DeepEqual(back.Notes, s.Notes) || !reflect.DeepEqual(back.Story, s.Story) {
		t.Errorf("round trip: %v\n%s", err, buf.String())
	}
	c := s.Clone()
	c.Notes[0].Text = "changed"
	if s.Notes[0].Text == "changed" {
		t.Error("Clone shares the notes")
	}
}

// TestSizeBounds: a scene built in code with more than MaxRuns runs is
// refused by Validate, a trail past MaxTrail by BuildRuns; a directory and a
// file past MaxFileBytes are refused by LoadFile before they are read; and
// TrailBound keeps runs times trail within MaxTrailPoints.
func TestSizeBounds(t *testing.T) {
	s := &Scene{Surface: "bowl", Runs: make([]RunConfig, MaxRuns+1)}
	for i := range s.Runs {
		s.Runs[i].Optimizer = "sgd"
	}
	s.Normalize()
	if err := s.Validate(); err == nil || !strings.Contains(err.Error(), "10001 runs, more than 10000 (MaxRuns)") {
		t.Errorf("MaxRuns+1 runs: %v", err)
	}
	s.Runs = s.Runs[:MaxRuns]
	if err := s.Validate(); err != nil {
		t.Errorf("MaxRuns runs: %v", err)
	}
	surf, err := s.BuildSurface()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.BuildRuns(surf, MaxTrail+1); err == nil || !strings.Contains(err.Error(), "trail of 100001 iterates is longer than 100000 (MaxTrail)") {
		t.Errorf("trail MaxTrail+1: %v", err)
	}
	for _, tc := range []struct{ runs, want int }{{0, MaxTrail}, {1, MaxTrail}, {100, MaxTrail}, {101, 99009}, {MaxRuns, 1000}} {
		if got := TrailBound(tc.runs); got != tc.want {
			t.Errorf("TrailBound(%d) = %d, want %d", tc.runs, got, tc.want)
		}
	}

	dir := t.TempDir()
	if _, err := LoadFile(dir); err == nil || err.Error() != "scene: "+dir+": is a directory, not a scene file" {
		t.Errorf("directory: %v", err)
	}
	huge := filepath.Join(dir, "huge.scene")
	f, err := os.Create(huge)
	if err == nil {
		err = f.Truncate(MaxFileBytes + 1)
		f.Close()
	}
	if err != nil {
		t.Fatal(err)
	}
	want := "scene: " + huge + ": file of 4194305 bytes is larger than 4194304 (MaxFileBytes)"
	if _, err := LoadFile(huge); err == nil || err.Error() != want {
		t.Errorf("huge file: %v, want %q", err, want)
	}
}

// TestWriteFileRefusesLinksAndReadOnly: saving over a symbolic link, a
// read-only file or a directory fails and leaves them as they were.
func TestWriteFileRefusesLinksAndReadOnly(t *testing.T) {
	s, err := Load("bowl-turntable")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	target := filepath.Join(dir, "target.scene")
	if err := os.WriteFile(target, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.scene")
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	readOnly := filepath.Join(dir, "read-only.scene")
	if err := os.WriteFile(readOnly, []byte("old"), 0o444); err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]string{link: "is a symbolic link", readOnly: "is read-only", dir: "is not a regular file"} {
		if err := s.WriteFile(path); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("WriteFile(%s): %v, want %q", path, err, want)
		}
	}
	for _, p := range []string{target, readOnly} {
		if b, _ := os.ReadFile(p); string(b) != "old" {
			t.Errorf("%s holds %q", p, b)
		}
	}
	if err := s.WriteFile(target); err != nil {
		t.Errorf("WriteFile over a writable file: %v", err)
	}
}
