package game

import (
	"testing"

	"github.com/hajimehoshi/ebiten/v2"

	"descent/scene/input"
)

// TestStoryboardInTheWindow: a scene with a storyboard plays it when it
// opens (its first caption shows, its pause holds the runs, then they
// step), a drag on the 3-D view takes over, and P plays it again from the
// start with the runs restarted.
func TestStoryboardInTheWindow(t *testing.T) {
	g := newTestGame(t, "saddle-story")
	if g.story == nil || g.caption == "" {
		t.Fatalf("the storyboard is not playing (caption %q)", g.caption)
	}
	for range 3 * ticksPerSecond { // within the 4 s pause
		if err := g.tickWith(input.State{}); err != nil {
			t.Fatal(err)
		}
	}
	if g.shownStep() != 0 {
		t.Fatalf("step %d during the storyboard's opening pause", g.shownStep())
	}
	for range 3 * ticksPerSecond / 2 {
		if err := g.tickWith(input.State{}); err != nil {
			t.Fatal(err)
		}
	}
	if n := g.shownStep(); n < 2 || n > 4 {
		t.Fatalf("step %d half a second after the 4 s pause, at 6 steps a second", n)
	}
	// A drag on the 3-D view takes over.
	x, y := (g.panes.view3D.X0+g.panes.view3D.X1)/2, (g.panes.view3D.Y0+g.panes.view3D.Y1)/2
	in := input.State{X: x, Y: y}
	in.SetButton(input.Left, input.Button{Pressed: true, Held: true})
	if err := g.tickWith(in); err != nil {
		t.Fatal(err)
	}
	if g.story != nil || g.caption != "" {
		t.Error("a drag did not stop the storyboard")
	}
	if err := g.tickWith(input.State{}); err != nil {
		t.Fatal(err)
	}
	if err := g.tickWith(press(ebiten.KeyP)); err != nil {
		t.Fatal(err)
	}
	if g.story == nil || g.shownStep() != 0 || g.caption == "" {
		t.Errorf("P: story %v, step %d, caption %q: want the storyboard from the start", g.story != nil, g.shownStep(), g.caption)
	}
}
