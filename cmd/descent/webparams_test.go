package main

import (
	"math"
	"slices"
	"strings"
	"testing"

	"descent/scene"
	"descent/scene/link"
)

// TestURLArgs: the page's URL parameters become the flags they stand for,
// repeated parameters repeat, and unknown ones are refused by name.
func TestURLArgs(t *testing.T) {
	tests := []struct {
		query   string
		want    []string
		wantErr string
	}{
		{"", nil, ""},
		{"?scene=bowl-turntable", []string{"-scene=bowl-turntable"}, ""},
		{"?surface=rosenbrock&opt=adam:lr%3D0.05&opt=momentum&start=-1.5,2",
			[]string{"-optimizer=adam:lr=0.05", "-optimizer=momentum", "-start=-1.5,2", "-surface=rosenbrock"}, ""},
		{"?expr=x%5E2%2By%5E2&hud=false&camera=40,-60&rotate=0", []string{"-camera=40,-60", "-expr=x^2+y^2", "-hud=false", "-rotate=0"}, ""},
		{"?view=3d&layout=single&beacon=1", []string{"-layout=single", "-view=3d"}, ""},
		{"?surface=rosenbrock&opt=sgd%3Alr%3D0.1%2Bmultisteplr%3Amilestones%3D30%3B60", []string{"-optimizer=sgd:lr=0.1+multisteplr:milestones=30;60", "-surface=rosenbrock"}, ""},
		{"?opt=sgd:lr=0.1+multisteplr:milestones=30;60&expr=x^2+y^2", []string{"-expr=x^2 y^2", "-optimizer=sgd:lr=0.1+multisteplr:milestones=30;60"}, ""},
		{"?opt=adam:lr=1e-3+onecyclelr:max_lr=0.1,total_steps=50,anneal_strategy=linear&&steps=50", []string{"-optimizer=adam:lr=1e-3+onecyclelr:max_lr=0.1,total_steps=50,anneal_strategy=linear", "-steps=50"}, ""},
		{"?opt=sgd+steplr:step_size=%zz", nil, "bad page address"},
		{"?scene=bowl-turntable&colour=red", nil, `"colour"`},
		{"?scene=%zz", nil, "bad page address"},
	}
	for _, tc := range tests {
		got, err := urlArgs(tc.query)
		if tc.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Errorf("%s: error %v, want one naming %s", tc.query, err, tc.wantErr)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", tc.query, err)
			continue
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s: args %q, want %q", tc.query, got, tc.want)
		}
	}
}

// TestURLArgsBuildScene: the flags made from a URL build the scene it
// names with the window's own scene flags.
func TestURLArgsBuildScene(t *testing.T) {
	args, err := urlArgs("?surface=himmelblau&opt=adam:lr=0.1&opt=sgd&start=1,1&steps=20")
	if err != nil {
		t.Fatal(err)
	}
	fs := newFlagSet("descent", "test", nil)
	var sf sceneFlags
	sf.register(fs)
	if err := parseFlags(fs, args); err != nil {
		t.Fatal(err)
	}
	s, err := sf.build()
	if err != nil {
		t.Fatal(err)
	}
	if s.Surface != "himmelblau" || len(s.Runs) != 2 || s.Runs[0].Optimizer != "adam:lr=0.1" || s.Steps != 20 {
		t.Errorf("scene %+v", s)
	}
	if !slices.Equal(s.Runs[1].Start, []float64{1, 1}) {
		t.Errorf("start %v, want 1,1", s.Runs[1].Start)
	}
}

// TestPageQueryRoundTrip: the link the window offers (K, "Copy link")
// opens exactly the window's setup: the page builds, from the link alone,
// a scene that writes the same scene file (its camera to a hundredth of a
// degree). Presets travel by name, ad hoc scenes spelled out, and anything
// else as the whole scene file.
func TestPageQueryRoundTrip(t *testing.T) {
	build := func(query string) *scene.Scene {
		t.Helper()
		args, err := urlArgs(query)
		if err != nil {
			t.Fatalf("%s: %v", query, err)
		}
		fs := newFlagSet("descent", "test", nil)
		var sf sceneFlags
		sf.register(fs)
		view := fs.String("view", "", "")
		layout := fs.String("layout", "", "")
		rotate := fs.Float64("rotate", 0, "")
		for _, name := range []string{"hud", "controls", "autoplay", "loop", "dark", "scale"} {
			fs.String(name, "", "")
		}
		if err := parseFlags(fs, args); err != nil {
			t.Fatalf("%s: %v", query, err)
		}
		s, err := sf.build()
		if err != nil {
			t.Fatalf("%s: %v", query, err)
		}
		// What webWindow does with the page's own parameters.
		if *view != "" {
			s.View = *view
		}
		if *layout != "" {
			s.Layout = *layout
		}
		if strings.Contains(query, "rotate=") {
			s.Rotate, s.AutoRotate = *rotate, *rotate != 0
		}
		return s
	}
	written := func(s *scene.Scene) string {
		t.Helper()
		c := s.Clone()
		c.Name = ""
		c.Camera.Elevation = math.Round(c.Camera.Elevation*100) / 100
		c.Camera.Azimuth = math.Round(c.Camera.Azimuth*100) / 100
		var b strings.Builder
		if err := c.Write(&b); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}

	flagScene := func(args ...string) *scene.Scene {
		fs := newFlagSet("descent", "test", nil)
		var sf sceneFlags
		sf.register(fs)
		if err := parseFlags(fs, args); err != nil {
			t.Fatal(err)
		}
		s, err := sf.build()
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	type tc struct {
		name  string
		s     *scene.Scene
		whole bool // the link must carry the whole scene file
	}
	var tests []tc
	for _, name := range scene.Presets() {
		tests = append(tests, tc{name: name, s: flagScene("-scene", name)})
		turned := flagScene("-scene", name)
		turned.Camera.Elevation, turned.Camera.Azimuth = 12.3456, -170.25
		turned.View, turned.Layout = "contour", "split"
		tests = append(tests, tc{name: name + ", turned, contour, split", s: turned})
		labelled := flagScene("-scene", name)
		labelled.Runs[0].Label, labelled.Arrows = "the first run", !labelled.Arrows
		tests = append(tests, tc{name: name + ", labelled", s: labelled, whole: true})
	}
	tests = append(tests,
		tc{name: "expression, two optimizers, two starts", s: flagScene("-expr", "x^2 + 3*y^2", "-optimizer", "adam:lr=0.05", "-optimizer", "sgd", "-start", "1,2", "-start", "-1.5,0.25", "-steps", "40")},
		tc{name: "surface and domain", s: flagScene("-surface", "rosenbrock", "-domain", "-2,2,-1,3", "-optimizer", "momentum", "-mesh", "120", "-colormap", "magma", "-rate", "12")},
		tc{name: "edited preset", s: flagScene("-scene", "bowl-turntable", "-optimizer", "adam:lr=0.3")},
		tc{name: "noisy", s: flagScene("-surface", "himmelblau", "-optimizer", "sgd", "-noise", "0.5", "-seed", "7")},
		tc{name: "schedules", s: flagScene("-surface", "himmelblau", "-optimizer", "sgd:lr=0.01+multisteplr:milestones=30;60,gamma=0.5",
			"-optimizer", "momentum:lr=0.001+linearlr:start_factor=0.1,total_iters=10+cosineannealinglr:T_max=100,eta_min=1e-05",
			"-optimizer", "adam:lr=0.1+onecyclelr:max_lr=0.2,total_steps=100,anneal_strategy=linear,three_phase=true", "-steps", "100")},
		tc{name: "the schedules preset, edited", s: flagScene("-scene", "schedules", "-optimizer", "sgd+cycliclr:base_lr=0.001,max_lr=0.01,mode=exp_range,gamma=0.99")},
	)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			q := link.PageQuery(tc.s, link.View{})
			whole := strings.Contains(q, "scene="+link.ScenePrefix)
			if tc.whole != whole {
				t.Errorf("link %s: carries the whole scene %v, want %v", q, whole, tc.whole)
			}
			if len(q) >= 2000 {
				t.Errorf("link of %d characters", len(q))
			}
			if got, want := written(build(q)), written(tc.s); got != want {
				t.Errorf("link %s builds\n%s\nwant\n%s", q, got, want)
			}
		})
	}
}
