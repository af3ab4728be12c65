package widget

import (
	"strconv"
	"strings"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"

	"descent/scene/input"
	"descent/scene/plot"
)

// form is a panel of one of each widget, as a test drives it.
type form struct {
	ui       UI
	open     bool
	text     string
	commits  []string
	checked  bool
	pressed  int
	choice   int
	value    float64
	changes  int
	captured Capture
}

var (
	area   = plot.Rect{X0: 10, Y0: 60, X1: 390, Y1: 700}
	screen = plot.Rect{X0: 0, Y0: 0, X1: 1280, Y1: 720}
	items  = []string{"sgd", "adam", "rmsprop", "adagrad"}
)

// tick runs the form's widgets on one tick of input.
func (f *form) tick(in *input.State) {
	f.ui.Begin(in, area, screen, plot.Style{Theme: plot.Light(), Scale: 1, LineW: 1})
	f.ui.Title("Controls")
	if f.ui.Heading("Section", &f.open) {
		f.ui.Label("Some words that wrap over more than one line of the panel when it is narrow enough.", true)
		f.ui.Row(1, 2)
		f.ui.Label("lr", false)
		if f.ui.TextField("lr", &f.text) {
			f.commits = append(f.commits, f.text)
		}
		f.ui.Checkbox("ticked", &f.checked)
		if f.ui.Button("Restart") {
			f.pressed++
		}
		f.ui.Dropdown("method", &f.choice, items)
		if f.ui.Slider("alpha", &f.value, 0, 1, 0.05, func(v float64) string { return strconv.FormatFloat(v, 'f', 2, 64) }) {
			f.changes++
		}
	}
	f.captured = f.ui.End()
}

// centre returns the middle of widget id's rectangle.
func (f *form) centre(t *testing.T, id string) (float64, float64) {
	t.Helper()
	r, ok := f.ui.Rect(id)
	if !ok {
		t.Fatalf("no widget %q laid out", id)
	}
	return (r.X0 + r.X1) / 2, (r.Y0 + r.Y1) / 2
}

// click returns a tick with the left button pressed and released at x, y.
func click(x, y float64) *input.State {
	in := &input.State{X: x, Y: y}
	in.SetButton(input.Left, input.Button{Pressed: true, Held: true, Released: true})
	return in
}

func newForm(t *testing.T) *form {
	f := &form{open: true, text: "0.1"}
	f.tick(&input.State{})
	return f
}

// TestTypingInOneTick: at a low frame rate every key of "select all, type
// 0.05, Enter" can arrive in one tick; the field ends with exactly 0.05.
func TestTypingInOneTick(t *testing.T) {
	f := newForm(t)
	f.tick(click(f.centre(t, "lr")))
	if !f.ui.Focused() {
		t.Fatal("a click did not focus the field")
	}
	in := &input.State{}
	in.Press(ebiten.KeyControlLeft)
	in.Press(ebiten.KeyA)
	in.Press(ebiten.KeyEnter)
	in.Press(ebiten.KeySpace) // a hot key typed along: the field takes it
	in.Type("0.05")
	f.tick(in)
	if len(f.commits) != 1 || f.commits[0] != "0.05" || f.text != "0.05" {
		t.Fatalf("commits %q, text %q; want one commit of 0.05", f.commits, f.text)
	}
	if in.Pressed(ebiten.KeySpace) || !f.captured.Keyboard {
		t.Error("the focused field did not take the keyboard")
	}
	if f.ui.Focused() {
		t.Error("Enter left the field focused")
	}
	// The next tick's keys are the window's again.
	next := &input.State{}
	next.Press(ebiten.KeySpace)
	f.tick(next)
	if !next.Pressed(ebiten.KeySpace) || f.captured.Keyboard {
		t.Error("the keyboard stayed taken after the edit ended")
	}
}

// TestTypingOverTicks: keys spread over many ticks, with ticks in between
// that see nothing new (frames slower than ticks), edit the same way.
func TestTypingOverTicks(t *testing.T) {
	f := newForm(t)
	f.text = "x^2"
	f.tick(&input.State{})
	x, y := f.centre(t, "lr")
	f.tick(click(x, y))
	f.tick(click(x, y)) // a double press selects all
	for _, r := range "sin(x) + y^2" {
		in := &input.State{X: x, Y: y}
		in.Type(string(r))
		f.tick(in)
		f.tick(&input.State{X: x, Y: y})
		f.tick(&input.State{X: x, Y: y})
	}
	bs := &input.State{}
	bs.Press(ebiten.KeyBackspace)
	f.tick(bs)
	f.tick(&input.State{})
	typed := &input.State{}
	typed.Type("3")
	f.tick(typed)
	enter := &input.State{}
	enter.Press(ebiten.KeyEnter)
	f.tick(enter)
	if len(f.commits) != 1 || f.commits[0] != "sin(x) + y^3" {
		t.Fatalf("commits %q, want [sin(x) + y^3]", f.commits)
	}
}

// TestEscapeAndClickAway: Escape gives the edit up; a press elsewhere ends
// it with what was typed.
func TestEscapeAndClickAway(t *testing.T) {
	f := newForm(t)
	x, y := f.centre(t, "lr")
	f.tick(click(x, y))
	in := &input.State{}
	in.Type("234")
	f.tick(in)
	esc := &input.State{}
	esc.Press(ebiten.KeyEscape)
	f.tick(esc)
	if f.text != "0.1" || len(f.commits) != 1 || f.commits[0] != "0.1" || f.ui.Focused() {
		t.Fatalf("after Escape: text %q, commits %q, focused %v", f.text, f.commits, f.ui.Focused())
	}
	for range doubleClickTicks {
		f.tick(&input.State{}) // not a double press
	}
	f.tick(click(x, y))
	in = &input.State{}
	in.Type("5")
	f.tick(in)
	f.tick(click(area.X0+5, area.Y1-5)) // a press on the panel's empty part
	if got := f.commits[len(f.commits)-1]; got != "0.15" || f.ui.Focused() {
		t.Fatalf("after a press away: last commit %q, focused %v", got, f.ui.Focused())
	}
}

func TestButtonsCheckboxesDropdownsSliders(t *testing.T) {
	f := newForm(t)
	f.tick(click(f.centre(t, "method")))
	// The list is open under the field: press its third item.
	r, _ := f.ui.Rect("method")
	f.tick(click(r.X0+20, r.Y1+f.ui.rowHeight()*2.5))
	if f.choice != 2 {
		t.Errorf("choice %d, want 2 (rmsprop)", f.choice)
	}
	// A press outside an open list only closes it.
	f.tick(click(f.centre(t, "method")))
	sx, sy := f.centre(t, "alpha")
	f.tick(click(sx, sy+300))
	if f.choice != 2 || f.ui.list.id != "" {
		t.Errorf("a press outside the list chose %d, list open %v", f.choice, f.ui.list.id != "")
	}
	// Drag the slider from its middle to its right end.
	sr, _ := f.ui.Rect("alpha")
	down := &input.State{X: sx, Y: sy}
	down.SetButton(input.Left, input.Button{Pressed: true, Held: true})
	f.tick(down)
	if f.value != 0.5 {
		t.Errorf("pressing the slider's middle set %v, want 0.5", f.value)
	}
	drag := &input.State{X: sr.X1 + 40, Y: sy + 80} // dragging past its end
	drag.SetButton(input.Left, input.Button{Held: true})
	f.tick(drag)
	if f.value != 1 || !f.captured.Pointer {
		t.Errorf("dragging past the end set %v (pointer captured %v), want 1", f.value, f.captured.Pointer)
	}
	up := &input.State{X: sr.X1 + 40, Y: sy + 80}
	up.SetButton(input.Left, input.Button{Released: true})
	f.tick(up)
	if f.changes != 2 {
		t.Errorf("%d slider changes, want 2", f.changes)
	}
	// Buttons and checkboxes act once per press.
	bx, by := f.centre(t, "lr")
	_ = bx
	for range 2 {
		f.tick(click(area.X0+40, by+f.ui.rowHeight()+5)) // the checkbox row under the field
	}
	if f.checked {
		t.Error("two presses left the checkbox ticked")
	}
	// Closing the heading hides the section's widgets.
	f.tick(click(area.X0+40, area.Y0+10+f.ui.rowHeight()+8))
	if f.open {
		t.Fatal("the heading did not close")
	}
	if _, ok := f.ui.rects["lr"]; ok && f.ui.seen["lr"] {
		t.Error("a closed section's field is still laid out")
	}
}

// TestScrolling: the wheel over a panel taller than its area scrolls it,
// within bounds, and the pointer over the panel is the panel's.
func TestScrolling(t *testing.T) {
	var u UI
	run := func(in *input.State) {
		u.Begin(in, plot.Rect{X0: 0, Y0: 0, X1: 300, Y1: 200}, screen, plot.Style{Theme: plot.Light(), Scale: 1, LineW: 1})
		for i := range 30 {
			u.Label("row "+strconv.Itoa(i), false)
		}
		u.End()
	}
	run(&input.State{})
	wheel := &input.State{X: 100, Y: 100, WheelY: -3}
	run(wheel)
	if u.scroll <= 0 {
		t.Fatalf("scroll %v after wheeling down", u.scroll)
	}
	if _, y := wheel.Wheel(); y != 0 {
		t.Error("the wheel over the panel reached the window")
	}
	for range 50 {
		run(&input.State{X: 100, Y: 100, WheelY: -3})
	}
	if max := u.contentH - 200; u.scroll != max {
		t.Errorf("scrolled to %v, want the end %v", u.scroll, max)
	}
	for range 50 {
		run(&input.State{X: 100, Y: 100, WheelY: 3})
	}
	if u.scroll != 0 {
		t.Errorf("scrolled back to %v, want 0", u.scroll)
	}
	if !strings.HasPrefix(u.texts[0].S, "row 0") {
		t.Errorf("first row %q", u.texts[0].S)
	}
}
