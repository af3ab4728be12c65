package story

import (
	"math"
	"strings"
	"testing"
)

// TestParseRoundTrip: every action parses, and its String reads back to
// the same cue.
func TestParseRoundTrip(t *testing.T) {
	lines := []string{
		"step 0: camera 25, -60 over 1.5",
		"4.5s: camera 10, 390, 9.5",
		"step 12: turn on -2",
		"step 12: turn off",
		"2s: turn on",
		"step 40: pause 2",
		"0s: rate 30",
		"step 3: view contour",
		"step 3: layout grid",
		"step 3: arrows on",
		"step 3: hud off",
		"step 3: select 2",
		"step 3: select none",
		"step 3: show 1",
		"step 3: hide 4",
		`step 0: caption "Momentum overshoots: \alpha = 0.9" for 3`,
	}
	for _, line := range lines {
		c, err := Parse(line)
		if err != nil {
			t.Fatalf("%q: %v", line, err)
		}
		back, err := Parse(c.String())
		if err != nil || back != c {
			t.Errorf("%q: written %q, read back %+v (%v), want %+v", line, c.String(), back, err, c)
		}
	}
}

// TestParseForms: the moment's spellings and the defaults.
func TestParseForms(t *testing.T) {
	tests := []struct {
		line string
		want Cue
	}{
		{"STEP 7: Pause 1", Cue{At: When{Step: 7}, Kind: Pause, Seconds: 1}},
		{"2.5 s: pause 1s", Cue{At: When{Seconds: 2.5, BySeconds: true}, Kind: Pause, Seconds: 1}},
		{`1s: caption "hi"`, Cue{At: When{Seconds: 1, BySeconds: true}, Kind: Caption, Text: "hi", Seconds: 4}},
		{"step 0: camera 30,-60", Cue{Kind: Camera, Elevation: 30, Azimuth: -60}},
	}
	for _, tt := range tests {
		got, err := Parse(tt.line)
		if err != nil || got != tt.want {
			t.Errorf("%q: %+v, %v; want %+v", tt.line, got, err, tt.want)
		}
	}
}

// TestBadCues: each mistake gets a one-line error that names it.
func TestBadCues(t *testing.T) {
	tests := []struct{ line, want string }{
		{"camera 30, 20", "missing ':'"},
		{"soon: pause 2", `bad moment "soon"`},
		{"step -1: pause 2", `bad step "-1"`},
		{"step 1.5: pause 2", `bad step "1.5"`},
		{"99999s: pause 2", "bad time"},
		{"step 0: fly 3", `unknown action "fly"`},
		{"step 0: camera 30", "camera wants ELEV, AZIM[, DIST]"},
		{"step 0: camera 95, 0", "bad camera elevation"},
		{"step 0: camera 30, 0, 0", "distance must be above 0"},
		{"step 0: camera 30, 0 over -1", "bad camera over seconds"},
		{"step 0: pause forever", `bad pause seconds "forever"`},
		{"step 0: rate 0", "rate must be above 0"},
		{"step 0: view side", `unknown view "side"`},
		{"step 0: layout tiles", `unknown layout "tiles"`},
		{"step 0: arrows maybe", "arrows wants on or off"},
		{"step 0: select 0", "select wants a run number"},
		{"step 0: hide x", "hide wants a run number"},
		{"step 0: caption hello", "in double quotes"},
		{`step 0: caption "hello`, "no closing quote"},
		{`step 0: caption "hello" during 3`, `want "for SECONDS"`},
		{`step 0: caption "" for 2`, "1..200 characters"},
		{"step 0: turn off 3", "turn off takes no degrees"},
	}
	for _, tt := range tests {
		_, err := Parse(tt.line)
		if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.HasPrefix(err.Error(), "story: ") || strings.Contains(err.Error(), "\n") {
			t.Errorf("%q: error %v, want one line with %q", tt.line, err, tt.want)
		}
	}
}

func cues(t *testing.T, lines ...string) []Cue {
	t.Helper()
	var out []Cue
	for _, l := range lines {
		c, err := Parse(l)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, c)
	}
	return out
}

// TestPlayer: cues fire once at their step or time, in order; a pause
// holds for its seconds; a caption shows for its seconds; a camera move
// eases the shortest way round and ends exactly on the cue's numbers.
func TestPlayer(t *testing.T) {
	p := NewPlayer(cues(t,
		"step 0: caption \"go\" for 1",
		"1s: camera 10, 170, 8 over 2",
		"step 5: pause 0.5",
		"step 5: view contour",
	))
	const dt = 0.25
	if due := p.Due(0); len(due) != 1 || p.Caption() != "go" {
		t.Fatalf("at 0: due %v, caption %q", due, p.Caption())
	}
	if due := p.Due(0); len(due) != 0 {
		t.Fatalf("a cue fired twice: %v", due)
	}
	from := Pose{Elevation: 30, Azimuth: -170, Distance: 10}
	var moved []Pose
	for k := 1; k <= 16; k++ {
		p.Advance(dt)
		for _, c := range p.Due(k / 2) {
			switch c.Kind {
			case Camera:
				p.Move(from, c)
			case View:
				if !p.Holding() {
					t.Errorf("the pause at step 5 does not hold when the view cue fires")
				}
			}
		}
		if pose, done, ok := p.Camera(); ok {
			moved = append(moved, pose)
			if done && (pose.Elevation != 10 || pose.Azimuth != 170 || pose.Distance != 8) {
				t.Errorf("the move ended at %+v, want exactly 10, 170, 8", pose)
			}
		}
		if k == 4 && p.Caption() != "" {
			t.Errorf("the caption outlived its second")
		}
	}
	// The tick it starts on (at its start pose), then 8 ticks of 0.25 s.
	if len(moved) != 9 || p.Moving() || moved[0].Azimuth != -170 || moved[0].Elevation != 30 {
		t.Fatalf("the 2 s move: %d poses from %+v (moving %v)", len(moved), moved[0], p.Moving())
	}
	// Shortest way: from -170 to 170 goes down through -180, never up through 0.
	for _, m := range moved[:len(moved)-1] {
		if !(m.Azimuth <= -170 && m.Azimuth >= -190) {
			t.Errorf("azimuth %v on the way from -170 to 170: not the shortest way", m.Azimuth)
		}
	}
	if d := moved[2].Elevation - moved[1].Elevation; !(d > 0 || d < 0) || math.Abs(moved[4].Elevation-moved[3].Elevation) < math.Abs(d) {
		t.Errorf("elevations %v: the move should start gently and speed up", moved)
	}
	if !p.Done(true) {
		t.Error("the story is not done after every cue")
	}
	if got := Length(cues(t, "1s: camera 0, 0 over 2", "2s: caption \"x\" for 4", "step 900: pause 9")); got != 6 {
		t.Errorf("Length %v, want 6", got)
	}
}
