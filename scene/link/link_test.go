package link

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"descent/scene"
)

func TestPageQuery(t *testing.T) {
	preset := func(name string) *scene.Scene {
		s, err := scene.Load(name)
		if err != nil {
			t.Fatal(err)
		}
		s.Normalize()
		return s
	}
	edited := preset("bowl-turntable")
	edited.Steps, edited.Colormap = 80, "magma"
	expr := &scene.Scene{Expr: "x^2 + 3*y^2", Steps: 40, Runs: []scene.RunConfig{
		{Optimizer: "adam:lr=0.05", Start: []float64{1, 2}}, {Optimizer: "sgd", Start: []float64{1, 2}},
		{Optimizer: "adam:lr=0.05", Start: []float64{-1.5, 0.25}}, {Optimizer: "sgd", Start: []float64{-1.5, 0.25}},
	}}
	scheduled := &scene.Scene{Surface: "himmelblau", Steps: 60, Runs: []scene.RunConfig{
		{Optimizer: "sgd:lr=0.1+multisteplr:milestones=30;60,gamma=0.5"},
		{Optimizer: "adam+onecyclelr:max_lr=0.1,total_steps=60,anneal_strategy=linear"},
	}}
	tests := []struct {
		name string
		s    *scene.Scene
		v    View
		want string
	}{
		{"the schedules preset", preset("schedules"), View{}, "?scene=schedules"},
		{"specs with schedules: '+' and ';' escaped", scheduled, View{},
			"?surface=himmelblau&opt=sgd:lr%3D0.1%2Bmultisteplr:milestones%3D30%3B60,gamma%3D0.5&opt=adam%2Bonecyclelr:max_lr%3D0.1,total_steps%3D60,anneal_strategy%3Dlinear&steps=60"},
		{"a preset as it is", preset("saddle-starts"), View{}, "?scene=saddle-starts"},
		{"a preset seen from a camera, no HUD", preset("saddle-starts"), View{Camera: &[2]float64{35, -60.04}, HideHUD: true}, "?scene=saddle-starts&camera=35,-60&hud=false"},
		{"a preset with changes", edited, View{}, "?scene=bowl-turntable&steps=80&colormap=magma"},
		{"an expression with a grid of runs", expr, View{}, "?expr=x%5E2+%2B+3%2Ay%5E2&opt=adam:lr%3D0.05&opt=sgd&start=1,2&start=-1.5,0.25&steps=40"},
	}
	for _, tt := range tests {
		if got := PageQuery(tt.s, tt.v); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
}

// TestRunGrid: runs made as a grid of starts and optimizers give the grid
// back; other runs give every run's optimizer and the distinct starts.
func TestRunGrid(t *testing.T) {
	a, b := []float64{1, 2}, []float64{3, 4}
	tests := []struct {
		name       string
		runs       []scene.RunConfig
		opts       []string
		starts     [][]float64
		wantStarts bool
	}{
		{"no starts", []scene.RunConfig{{Optimizer: "sgd"}, {Optimizer: "adam"}}, []string{"sgd", "adam"}, nil, false},
		{"a grid", []scene.RunConfig{{Optimizer: "sgd", Start: a}, {Optimizer: "adam", Start: a}, {Optimizer: "sgd", Start: b}, {Optimizer: "adam", Start: b}},
			[]string{"sgd", "adam"}, [][]float64{a, b}, true},
		{"not a grid", []scene.RunConfig{{Optimizer: "sgd", Start: a}, {Optimizer: "adam", Start: b}, {Optimizer: "sgd", Start: b}},
			[]string{"sgd", "adam", "sgd"}, [][]float64{a, b}, true},
	}
	for _, tt := range tests {
		opts, starts := runGrid(tt.runs)
		if !reflect.DeepEqual(opts, tt.opts) || (tt.wantStarts && !reflect.DeepEqual(starts, tt.starts)) || (!tt.wantStarts && starts != nil) {
			t.Errorf("%s: %q %v, want %q %v", tt.name, opts, starts, tt.opts, tt.starts)
		}
	}
}

func TestShareOnTheDesktop(t *testing.T) {
	var out bytes.Buffer
	if err := Share("?scene=bowl-turntable", &out); err != nil {
		t.Fatal(err)
	}
	if got := out.String(); !strings.Contains(got, "?scene=bowl-turntable") {
		t.Errorf("shared %q", got)
	}
}
