package game

import (
	"testing"

	"github.com/hajimehoshi/ebiten/v2"

	"descent/scene/hud"
	"descent/scene/input"
)

// state is what the window shows of its runs at one moment: each run's
// step, point, loss, lr and trail.
type state struct {
	steps  []int
	points [][]float64
	losses []float64
	lrs    []float64
	trails [][]float64 // each trail's x, y, loss and gradient per sample
}

func (g *Game) state() state {
	var s state
	for _, e := range g.entries {
		r := e.run
		s.steps = append(s.steps, r.Steps())
		s.points = append(s.points, append([]float64(nil), r.Point()...))
		s.losses = append(s.losses, r.Loss())
		s.lrs = append(s.lrs, r.LR())
		var tr []float64
		for i := range r.Trail.Len() {
			sm := r.Trail.At(i)
			tr = append(tr, sm.X, sm.Y, sm.Loss, sm.GradX, sm.GradY)
		}
		s.trails = append(s.trails, tr)
	}
	return s
}

// differs names the first thing in which a and b differ ("" when none).
func (a state) differs(b state) string {
	for i := range a.steps {
		switch {
		case a.steps[i] != b.steps[i]:
			return "step"
		case a.losses[i] != b.losses[i] || a.lrs[i] != b.lrs[i]:
			return "loss or lr"
		case len(a.trails[i]) != len(b.trails[i]):
			return "trail length"
		}
		for k := range a.points[i] {
			if a.points[i][k] != b.points[i][k] {
				return "point"
			}
		}
		for k := range a.trails[i] {
			if a.trails[i][k] != b.trails[i][k] {
				return "trail"
			}
		}
	}
	return ""
}

func typed(s string) input.State {
	var in input.State
	in.Type(s)
	return in
}

// TestTimeTravelKeys: ',' and '<' go back, '.' and '>' forward through
// the steps computed, Home and End jump, and forward then back then
// forward again shows the same numbers and trails at every step; playing
// from a step shown gives the path that never went back.
func TestTimeTravelKeys(t *testing.T) {
	g := newTestGame(t, "schedules") // noise, seeds and five schedules
	g.paused = true
	var at []state
	for range 60 {
		at = append(at, g.state())
		g.step()
	}
	at = append(at, g.state())
	if g.shownStep() != 60 || g.frontier() != 60 {
		t.Fatalf("shown %d, frontier %d after 60 steps", g.shownStep(), g.frontier())
	}
	check := func(what string, want int) {
		t.Helper()
		if d := g.state().differs(at[want]); d != "" || g.shownStep() != want {
			t.Fatalf("%s: shows step %d, want %d (%s differs)", what, g.shownStep(), want, d)
		}
		for i, e := range g.entries { // the chart keeps every step computed
			if last, _, _ := e.hist.Last(); last != e.tape.Frontier() {
				t.Fatalf("%s: run %d's history ends at step %d, its frontier is %d", what, i+1, last, e.tape.Frontier())
			}
		}
	}
	moves := []struct {
		name string
		in   input.State
		want int
	}{
		{", goes back one", typed(","), 59},
		{"< goes back ten", typed("<"), 49},
		{"Home goes to the start", press(ebiten.KeyHome), 0},
		{". goes forward one", typed("."), 1},
		{"> goes forward ten", typed(">"), 11},
		{"N goes forward one", press(ebiten.KeyN), 12},
		{"End goes to the last computed", press(ebiten.KeyEnd), 60},
		{", at the end goes back", typed(","), 59},
	}
	for _, m := range moves {
		if err := g.tickWith(m.in); err != nil {
			t.Fatal(err)
		}
		check(m.name, m.want)
	}
	for k := 59; k >= 0; k -= 7 {
		g.seek(k)
		check("seek back", k)
	}
	for k := 3; k <= 60; k += 11 {
		g.seek(k)
		check("seek forward", k)
	}
	// Play on from step 20 to step 80: the same as never going back.
	g.seek(20)
	if g.frontier() != 60 {
		t.Fatalf("going back moved the frontier to %d", g.frontier())
	}
	for g.shownStep() < 80 {
		g.step()
	}
	fresh := newTestGame(t, "schedules")
	for range 80 {
		fresh.step()
	}
	if d := g.state().differs(fresh.state()); d != "" {
		t.Errorf("played on from step 20 to 80: the %s differs from a window that never went back", d)
	}
	if g.frontier() != 80 {
		t.Errorf("frontier %d after playing on to 80", g.frontier())
	}
}

// TestTimelineScrub: a press on the timeline's track shows that step, a
// drag scrubs, and no run steps while the handle is held.
func TestTimelineScrub(t *testing.T) {
	g := newTestGame(t, "schedules")
	for range 100 {
		g.step()
	}
	f := g.hudFrame(g.style())
	track := hud.TimelineTrack(f)
	if track.Empty() {
		t.Fatal("no timeline track")
	}
	if room := g.timelineRoom(); room <= 0 || g.panes.chart.Y1 > g.height-room && !g.panes.chart.Empty() {
		t.Errorf("the panes do not leave the timeline its room %v", room)
	}
	// The track spans the scene's 300 steps: a third of the way is step 100,
	// a sixth is 50.
	y := (track.Y0 + track.Y1) / 2
	at := func(step int) float64 { return track.X0 + track.W()*float64(step)/300 }
	in := input.State{X: at(50), Y: y}
	in.SetButton(input.Left, input.Button{Pressed: true, Held: true})
	if err := g.tickWith(in); err != nil {
		t.Fatal(err)
	}
	if g.shownStep() != 50 || !g.scrubbing {
		t.Fatalf("a press at step 50 of the track shows step %d (scrubbing %v)", g.shownStep(), g.scrubbing)
	}
	for _, step := range []int{30, 10, 70} {
		in := input.State{X: at(step), Y: y}
		in.SetButton(input.Left, input.Button{Held: true})
		for range 5 { // held over several ticks: no run steps meanwhile
			if err := g.tickWith(in); err != nil {
				t.Fatal(err)
			}
		}
		if g.shownStep() != step {
			t.Errorf("dragged to step %d of the track, shows %d", step, g.shownStep())
		}
	}
	// Past the frontier, the frontier.
	in = input.State{X: at(250), Y: y}
	in.SetButton(input.Left, input.Button{Held: true, Released: true})
	if err := g.tickWith(in); err != nil {
		t.Fatal(err)
	}
	if g.shownStep() != 100 {
		t.Errorf("dragged past the last step computed (100): shows %d", g.shownStep())
	}
	if err := g.tickWith(input.State{X: at(250), Y: y}); err != nil {
		t.Fatal(err)
	}
	if g.scrubbing {
		t.Error("still scrubbing after the button went up")
	}
}

// BenchmarkScrub100k measures a scrub of the whole window at 100,000 steps
// computed: every run of the schedules preset (five runs, noisy gradients,
// schedules) shown at a random step, trails of 1,000 iterates rebuilt.
func BenchmarkScrub100k(b *testing.B) {
	g := newTestGame(b, "schedules")
	g.sc.Steps = 0
	for _, e := range g.entries {
		for range 100_000 {
			if e.run.Step() != nil {
				break
			}
			e.tape.Record(e.run)
		}
	}
	steps := []int{3, 99_000, 50_000, 12_345, 77_777, 1, 100_000, 64_000}
	b.ResetTimer()
	i := 0
	for b.Loop() {
		g.seek(steps[i%len(steps)])
		i++
	}
}
