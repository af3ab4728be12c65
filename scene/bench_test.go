package scene

import (
	"fmt"
	"image/color"
	"math"
	"strings"
	"testing"
)

// BenchmarkLoadPreset measures parsing, normalizing and validating a preset
// on the 1000-point data surface.
func BenchmarkLoadPreset(b *testing.B) {
	for b.Loop() {
		if _, err := Load("regression-race"); err != nil {
			b.Fatal(err)
		}
	}
}

// manyRuns returns the text of a scene file with n runs on Himmelblau's
// function: three optimizers from starts on a grid.
func manyRuns(n int) string {
	var b strings.Builder
	b.WriteString("surface = himmelblau\nsteps = 100\n")
	specs := []string{"sgd:lr=0.01", "adam:lr=0.05", "momentum:lr=0.005"}
	for i := range n {
		fmt.Fprintf(&b, "[run]\noptimizer = %s\nstart = %g, %g\n", specs[i%3], -4+8*float64(i%100)/100, -4+8*float64(i/100%100)/100)
	}
	return b.String()
}

// setUp does what a recording does with a scene outside the window: parse
// and validate it, build its surface and runs, and label and colour them.
func setUp(tb testing.TB, text string) {
	s, err := Parse(strings.NewReader(text), "many.scene")
	if err != nil {
		tb.Fatal(err)
	}
	surf, err := s.BuildSurface()
	if err != nil {
		tb.Fatal(err)
	}
	runs, err := s.BuildRuns(surf, TrailBound(len(s.Runs)))
	if err != nil {
		tb.Fatal(err)
	}
	if labels, colors := s.RunLabels(), s.RunColors(); len(labels) != len(runs) || len(colors) != len(runs) {
		tb.Fatalf("%d labels and %d colours for %d runs", len(labels), len(colors), len(runs))
	}
}

// BenchmarkSetupRuns measures setting up scenes of 1,000 and of MaxRuns
// runs (see setUp): the cost grows linearly, so the second takes about ten
// times the first.
func BenchmarkSetupRuns(b *testing.B) {
	for _, n := range []int{1000, MaxRuns} {
		text := manyRuns(n)
		b.Run(fmt.Sprintf("runs=%d", n), func(b *testing.B) {
			for b.Loop() {
				setUp(b, text)
			}
		})
	}
}

// TestSetupIsLinear: setting up ten times the runs allocates at most about
// ten times as much, as counted by AllocsPerRun (a setup that compared every
// run with every other would allocate a hundred times as much).
func TestSetupIsLinear(t *testing.T) {
	small, large := manyRuns(1000), manyRuns(MaxRuns)
	a1 := testing.AllocsPerRun(1, func() { setUp(t, small) })
	a10 := testing.AllocsPerRun(1, func() { setUp(t, large) })
	if ratio := a10 / a1; ratio > 11 {
		t.Errorf("1,000 runs: %.0f allocations, 10,000 runs: %.0f (%.1f times)", a1, a10, ratio)
	}
}

// TestRunLabelsAndColorsMatch: RunLabels and RunColors give every run the
// label and colour RunLabel and RunColor give it, on scenes with labels,
// twins, starts, stochastic settings, own colours and a spec that does not
// parse.
func TestRunLabelsAndColorsMatch(t *testing.T) {
	scenes := []*Scene{{Runs: []RunConfig{
		{Optimizer: "sgd:lr=0.1"}, {Optimizer: "sgd:lr=0.1"}, {Optimizer: "gd:lr=0.1", Start: []float64{1, 2}},
		{Optimizer: "sgd:lr=0.1", Start: []float64{1, 2}}, {Optimizer: "sgd:lr=0.1", Start: []float64{3, 2}},
		{Optimizer: "adam", Label: "SGD lr=0.1"}, {Optimizer: "adam", Batch: 4}, {Optimizer: "adam", Batch: 4, Noise: 0.5},
		{Optimizer: "adam", Noise: 0.5, Batch: 4, Seed: 9}, {Optimizer: "adma"}, {Optimizer: "adma"},
		{Optimizer: "rmsprop", Color: palette[0]}, {Optimizer: "rmsprop", Color: color.RGBA{1, 2, 3, 255}},
		{Optimizer: "nadam", Start: []float64{0, 1}}, {Optimizer: "nadam", Start: []float64{math.Copysign(0, -1), 1}},
	}}}
	all := &Scene{}
	for _, c := range palette {
		all.Runs = append(all.Runs, RunConfig{Optimizer: "sgd", Color: c}, RunConfig{Optimizer: "sgd"})
	}
	scenes = append(scenes, all, &Scene{})
	for _, name := range Presets() {
		s, err := Load(name)
		if err != nil {
			t.Fatal(err)
		}
		scenes = append(scenes, s)
	}
	for k, s := range scenes {
		labels, colors := s.RunLabels(), s.RunColors()
		for i := range s.Runs {
			if labels[i] != s.RunLabel(i) {
				t.Errorf("scene %d run %d: RunLabels %q, RunLabel %q", k, i, labels[i], s.RunLabel(i))
			}
			if colors[i] != s.RunColor(i) {
				t.Errorf("scene %d run %d: RunColors %v, RunColor %v", k, i, colors[i], s.RunColor(i))
			}
		}
	}
	if got := scenes[0].RunLabels(); got[0] != "SGD lr=0.1 #1" || got[2] != "SGD lr=0.1 #3" || got[4] != "SGD lr=0.1 from (3, 2)" ||
		!strings.HasSuffix(got[13], " from (0, 1)") || !strings.HasSuffix(got[14], " from (-0, 1)") {
		t.Errorf("twins labelled %q", got)
	}
}
