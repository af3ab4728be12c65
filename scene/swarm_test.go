package scene

import (
	"strings"
	"testing"

	"descent/scene/surface"
)

// TestSwarmStarts: a swarm's starts are as many as asked, inside the
// domain or the square around the run's start, the same every time for the
// same seed and different for another.
func TestSwarmStarts(t *testing.T) {
	surf, err := surface.Lookup("himmelblau")
	if err != nil {
		t.Fatal(err)
	}
	d := surf.Domain
	tests := []struct {
		name   string
		rc     RunConfig
		within surface.Domain
	}{
		{"whole domain", RunConfig{Optimizer: "gd", Swarm: 500}, d},
		{"square around the start", RunConfig{Optimizer: "gd", Swarm: 300, Start: []float64{1, -2}, SwarmRadius: 0.5}, surface.Domain{XMin: 0.5, XMax: 1.5, YMin: -2.5, YMax: -1.5}},
		{"square around the surface's start", RunConfig{Optimizer: "gd", Swarm: 50, SwarmRadius: 0.25}, surface.Domain{XMin: surf.Start[0] - 0.25, XMax: surf.Start[0] + 0.25, YMin: surf.Start[1] - 0.25, YMax: surf.Start[1] + 0.25}},
		{"none", RunConfig{Optimizer: "gd"}, d},
	}
	for _, tt := range tests {
		s := &Scene{Surface: "himmelblau", Runs: []RunConfig{tt.rc}}
		xs, ys := s.SwarmStarts(0, surf)
		if len(xs) != tt.rc.Swarm || len(ys) != tt.rc.Swarm {
			t.Errorf("%s: %d, %d starts, want %d", tt.name, len(xs), len(ys), tt.rc.Swarm)
			continue
		}
		spreadX := 0.0
		for k := range xs {
			if xs[k] < tt.within.XMin || xs[k] > tt.within.XMax || ys[k] < tt.within.YMin || ys[k] > tt.within.YMax {
				t.Fatalf("%s: start %d (%v, %v) outside %+v", tt.name, k, xs[k], ys[k], tt.within)
			}
			spreadX = max(spreadX, xs[k]-tt.within.XMin)
		}
		if w := tt.within.XMax - tt.within.XMin; len(xs) > 20 && spreadX < 0.8*w {
			t.Errorf("%s: starts reach only %v of %v across", tt.name, spreadX, w)
		}
		again, _ := s.SwarmStarts(0, surf)
		for k := range xs {
			if again[k] != xs[k] {
				t.Fatalf("%s: start %d differs the second time", tt.name, k)
			}
		}
		if tt.rc.Swarm > 0 {
			s.Runs[0].Seed = 9
			other, _ := s.SwarmStarts(0, surf)
			if other[0] == xs[0] {
				t.Errorf("%s: another seed gives the same starts", tt.name)
			}
		}
	}
}

// TestSwarmKeys: the swarm keys are read from a [run], written back, and
// give a swarm of the run's optimizer.
func TestSwarmKeys(t *testing.T) {
	text := "surface = himmelblau\n[run]\noptimizer = adam:lr=0.1\nstart = 1, 1\nswarm = 200\nswarm-radius = 0.5\n[run]\noptimizer = gd\n"
	s, err := Parse(strings.NewReader(text), "s.scene")
	if err != nil {
		t.Fatal(err)
	}
	if r := s.Runs[0]; r.Swarm != 200 || r.SwarmRadius != 0.5 || s.Runs[1].Swarm != 0 {
		t.Fatalf("runs %+v", s.Runs)
	}
	var b strings.Builder
	if err := s.Write(&b); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "swarm = 200\nswarm-radius = 0.5\n") || strings.Count(b.String(), "swarm =") != 1 {
		t.Errorf("written scene:\n%s", b.String())
	}
	surf, err := s.BuildSurface()
	if err != nil {
		t.Fatal(err)
	}
	sw, err := s.NewSwarm(0, surf)
	if err != nil || sw.Len() != 200 || sw.Problem().Spec.Method != "adam" {
		t.Fatalf("swarm %v, %v", sw, err)
	}
	if none, err := s.NewSwarm(1, surf); none != nil || err != nil {
		t.Errorf("run without a swarm: %v, %v", none, err)
	}
	if _, err := s.SwarmProblem(0, surf, 10); err != nil {
		t.Error(err)
	}
	s.Runs[0].Optimizer = "adam+steplr:step_size=5"
	if _, err := s.SwarmProblem(0, surf, 10); err == nil || !strings.HasPrefix(err.Error(), "basins: ") {
		t.Errorf("a scheduled run's problem: %v", err)
	}
}
