package input

import (
	"math"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"
)

// TestGestures: one finger orbits by its motion, two fingers pinch about
// their midpoint and pan with it, and lifting a finger after a pinch does
// not make the view jump.
func TestGestures(t *testing.T) {
	var g Gestures
	ticks := []struct {
		touches []Touch
		want    Move
	}{
		{[]Touch{{1, 100, 100}}, Move{}},                      // finger down: nothing yet
		{[]Touch{{1, 110, 95}}, Move{OrbitX: 10, OrbitY: -5}}, // drag
		{nil, Move{}}, // lifted
		{[]Touch{{2, 100, 100}, {3, 200, 100}}, Move{}}, // two fingers down
		// Spread to twice the distance around the same midpoint: zoom in by 2.
		{[]Touch{{2, 50, 100}, {3, 250, 100}}, Move{Zoom: 0.5, AtX: 150, AtY: 100}},
		// Both move down by 20: pan, no zoom change.
		{[]Touch{{2, 50, 120}, {3, 250, 120}}, Move{PanY: 20, Zoom: 1, AtX: 150, AtY: 120}},
		// One finger lifts: no orbit from the remaining finger's old place.
		{[]Touch{{3, 250, 120}}, Move{}},
		// It moves on: orbit again.
		{[]Touch{{3, 240, 120}}, Move{OrbitX: -10}},
	}
	for i, tc := range ticks {
		got := g.Update(tc.touches)
		a := []float64{got.OrbitX, got.OrbitY, got.PanX, got.PanY, got.Zoom, got.AtX, got.AtY}
		b := []float64{tc.want.OrbitX, tc.want.OrbitY, tc.want.PanX, tc.want.PanY, tc.want.Zoom, tc.want.AtX, tc.want.AtY}
		for k := range a {
			if math.Abs(a[k]-b[k]) > 1e-9 {
				t.Errorf("tick %d: %+v, want %+v", i, got, tc.want)
				break
			}
		}
	}
}

// TestTaking: once a handler takes the keyboard or the pointer, later ones
// see nothing of it, while text fields still read the keys and characters.
func TestTaking(t *testing.T) {
	var s State
	s.Press(ebiten.KeySpace)
	s.Type("a?")
	s.SetButton(Left, Button{Pressed: true, Held: true})
	s.WheelY = 2
	if !s.Pressed(ebiten.KeySpace) || !s.Held(ebiten.KeySpace) || !s.Typed('?') || !s.Button(Left).Pressed {
		t.Fatal("a fresh state hides its input")
	}
	if x, y := s.Wheel(); x != 0 || y != 2 {
		t.Errorf("wheel %v, %v", x, y)
	}
	s.TakeKeyboard()
	if s.Pressed(ebiten.KeySpace) || s.Held(ebiten.KeySpace) || s.Typed('a') || len(s.Chars()) != 0 {
		t.Error("the keyboard is still seen after it was taken")
	}
	if string(s.Text()) != "a?" || len(s.Keys()) != 1 || s.Keys()[0] != ebiten.KeySpace {
		t.Errorf("text fields lost the input: %q %v", string(s.Text()), s.Keys())
	}
	if !s.Button(Left).Pressed {
		t.Error("taking the keyboard took the pointer")
	}
	s.TakePointer()
	if s.Button(Left).Pressed || s.Button(Left).Held {
		t.Error("the pointer is still seen after it was taken")
	}
	if _, y := s.Wheel(); y != 0 {
		t.Error("the wheel is still seen after the pointer was taken")
	}
}

// TestRepeat: a held key repeats after RepeatDelay ticks, every RepeatEvery
// ticks, and Next carries the hold forward.
func TestRepeat(t *testing.T) {
	var s State
	s.Press(ebiten.KeyBackspace)
	s.Press(ebiten.KeyShiftLeft)
	var fired []int
	for tick := 1; tick <= RepeatDelay+3*RepeatEvery; tick++ {
		if s.Repeated(ebiten.KeyBackspace) {
			fired = append(fired, tick)
		}
		if !s.Shift() {
			t.Fatalf("tick %d: Shift no longer held", tick)
		}
		s = s.Next()
	}
	want := []int{1, RepeatDelay, RepeatDelay + RepeatEvery, RepeatDelay + 2*RepeatEvery, RepeatDelay + 3*RepeatEvery}
	if len(fired) != len(want) {
		t.Fatalf("repeats at ticks %v, want %v", fired, want)
	}
	for i := range want {
		if fired[i] != want[i] {
			t.Fatalf("repeats at ticks %v, want %v", fired, want)
		}
	}
	if s.Pressed(ebiten.KeyBackspace) || len(s.Chars()) != 0 {
		t.Error("Next pressed or typed again")
	}
}
