package link

import (
	"bytes"
	"compress/flate"
	"encoding/base64"
	"reflect"
	"strings"
	"testing"

	"descent/scene"
	"descent/scene/note"
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
	turned := preset("saddle-starts")
	turned.Camera.Elevation, turned.Camera.Azimuth = 35, -60.004
	expr := &scene.Scene{Expr: "x^2 + 3*y^2", Steps: 40, Runs: []scene.RunConfig{
		{Optimizer: "adam:lr=0.05", Start: []float64{1, 2}}, {Optimizer: "sgd", Start: []float64{1, 2}},
		{Optimizer: "adam:lr=0.05", Start: []float64{-1.5, 0.25}}, {Optimizer: "sgd", Start: []float64{-1.5, 0.25}},
	}}
	expr.Normalize()
	scheduled := &scene.Scene{Surface: "himmelblau", Steps: 60, Runs: []scene.RunConfig{
		{Optimizer: "sgd:lr=0.1+multisteplr:milestones=30;60,gamma=0.5"},
		{Optimizer: "adam+onecyclelr:max_lr=0.1,total_steps=60,anneal_strategy=linear"},
	}}
	scheduled.Normalize()
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
		{"a preset seen from a camera, no HUD", turned, View{HideHUD: true}, "?scene=saddle-starts&camera=35,-60&hud=false"},
		{"a preset with changes", edited, View{}, "?scene=bowl-turntable&steps=80&colormap=magma"},
		{"an expression with a grid of runs", expr, View{}, "?expr=x%5E2+%2B+3%2Ay%5E2&opt=adam:lr%3D0.05&opt=sgd&start=1,2&start=-1.5,0.25&steps=40"},
		{"how the page shows it", preset("bowl-turntable"), View{Controls: "none", Paused: true, Loop: true, Dark: true, Scale: 1.5},
			"?scene=bowl-turntable&controls=none&autoplay=false&loop=true&dark=true&scale=1.5"},
	}
	for _, tt := range tests {
		if got := PageQuery(tt.s, tt.v); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
}

// TestPageQueryTravelsWhole: what the page's parameters cannot say (a
// label, a colour, arrows, a title) makes the link carry the whole scene
// file, which reads back to the same scene.
func TestPageQueryTravelsWhole(t *testing.T) {
	s, err := scene.Load("regression-race")
	if err != nil {
		t.Fatal(err)
	}
	s.Normalize()
	s.Runs[0].Label, s.Title, s.Arrows = "my SGD", "Lecture 3", !s.Arrows
	q := PageQuery(s, View{Loop: true})
	v, rest, ok := strings.Cut(strings.TrimPrefix(q, "?scene="), "&")
	if !ok || rest != "loop=true" || !IsEncoded(v) {
		t.Fatalf("link %q: want ?scene=%s...&loop=true", q, ScenePrefix)
	}
	got, err := DecodeScene(v, "link")
	if err != nil {
		t.Fatal(err)
	}
	got.Normalize()
	if !sameScene(got, s) {
		t.Errorf("the link's scene differs from the window's:\n%+v\nwant\n%+v", got, s)
	}
}

// TestPresetLinksAreShort: every preset, even sent whole, makes a link
// under 2,000 characters, and reads back from it unchanged.
func TestPresetLinksAreShort(t *testing.T) {
	for _, name := range scene.Presets() {
		s, err := scene.Load(name)
		if err != nil {
			t.Fatal(err)
		}
		s.Normalize()
		c := s.Clone()
		c.Name = ""
		v, err := EncodeScene(c)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		q := "https://example.org/course/descent/embed.html?scene=" + v + "&controls=minimal&autoplay=false&loop=true"
		if len(q) >= 2000 {
			t.Errorf("%s: link of %d characters", name, len(q))
		}
		got, err := DecodeScene(v, name)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		got.Normalize()
		if !sameScene(got, s) {
			t.Errorf("%s: the scene read from its link differs", name)
		}
		t.Logf("%-20s whole: %4d characters; by name: %s", name, len(v), PageQuery(s, View{}))
	}
}

// TestDecodeSceneRefuses: damaged, oversized and non-scene values are
// refused with a message, never read half.
func TestDecodeSceneRefuses(t *testing.T) {
	big := strings.Repeat("# padding\n", MaxSceneText/8)
	var z strings.Builder
	zw, _ := flate.NewWriter(&z, flate.BestCompression)
	zw.Write([]byte(big))
	zw.Close()
	bomb := ScenePrefix + base64.RawURLEncoding.EncodeToString([]byte(z.String()))
	for _, tc := range []struct{ v, want string }{
		{"bowl-turntable", "not an encoded scene"},
		{ScenePrefix + "@@@", "damaged"},
		{ScenePrefix + "AAAA", "damaged"},
		{ScenePrefix + strings.Repeat("A", MaxEncoded), "too long"},
		{bomb, "unpacks to more than"},
	} {
		_, err := DecodeScene(tc.v, "link")
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%.40s: error %v, want one saying %q", tc.v, err, tc.want)
		}
	}
	// A scene file with an error names its line.
	var zz strings.Builder
	zw, _ = flate.NewWriter(&zz, flate.BestCompression)
	zw.Write([]byte("surface = bowl\nmesh = lots\n"))
	zw.Close()
	_, err := DecodeScene(ScenePrefix+base64.RawURLEncoding.EncodeToString([]byte(zz.String())), "link")
	if err == nil || !strings.Contains(err.Error(), "link:2") {
		t.Errorf("bad mesh: error %v, want one naming link:2", err)
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

// TestLinksCarryStoryboardsAndNotes: a preset with a storyboard travels by
// its name; notes pinned on a preset make the scene travel whole, with the
// notes and the storyboard, and both read back unchanged.
func TestLinksCarryStoryboardsAndNotes(t *testing.T) {
	s, err := scene.Load("saddle-story")
	if err != nil {
		t.Fatal(err)
	}
	s.Normalize()
	if q := PageQuery(s, View{}); q != "?scene=saddle-story" {
		t.Errorf("the preset itself: %q", q)
	}
	n, err := note.Parse(`callout 0, 0: "the saddle point: \nabla f = 0"`)
	if err != nil {
		t.Fatal(err)
	}
	s.Notes = append(s.Notes, n)
	q := PageQuery(s, View{})
	v, _, _ := strings.Cut(strings.TrimPrefix(q, "?scene="), "&")
	if !IsEncoded(v) || len(q) > 2000 {
		t.Fatalf("a preset with a note: %d characters %q", len(q), q)
	}
	got, err := DecodeScene(v, "link")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.Notes, s.Notes) || !reflect.DeepEqual(got.Story, s.Story) || len(got.Story) == 0 {
		t.Errorf("notes %+v and %d cues came back, want %+v and %d cues", got.Notes, len(got.Story), s.Notes, len(s.Story))
	}
}
