// Package input gathers the keyboard, mouse, wheel and touch input of one
// tick into a plain value, read once at the start of each Update and handed
// to whoever handles it: the control panel first, then the hot keys, then
// the panes. A handler that uses the keyboard or the pointer takes it, so
// nothing is handled twice.
//
// Ebiten reports input per tick: a key pressed between two frames counts as
// pressed in the first tick after them, every character typed since the last
// tick is in Chars in order, and the wheel's motion is summed. When frames
// are slower than ticks (10 frames a second at 60 ticks) the ticks after the
// first see no new event, so reading input every tick loses nothing and
// doubles nothing; characters keep their order and number however fast they
// are typed. A key that produces no character (Backspace, Enter) and is
// pressed twice between two frames counts once: Ebiten keeps one press time
// per key.
package input

import (
	"io/fs"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/inpututil"
)

// numKeys is the number of keys Ebiten knows.
const numKeys = int(ebiten.KeyMax) + 1

// Mouse buttons tracked.
const (
	Left   = ebiten.MouseButtonLeft
	Right  = ebiten.MouseButtonRight
	Middle = ebiten.MouseButtonMiddle
)

// numButtons is the number of mouse buttons Ebiten knows.
const numButtons = int(ebiten.MouseButtonMax) + 1

// Button is one mouse button's state in a tick.
type Button struct {
	Pressed  bool // went down this tick
	Held     bool // is down
	Released bool // came up this tick
}

// Touch is one finger on the screen.
type Touch struct {
	ID   ebiten.TouchID
	X, Y float64
}

// State is the input of one tick. The zero value is a tick in which
// nothing happened; tests build states by hand with Press, Hold and Type.
type State struct {
	pressed  [numKeys]bool
	held     [numKeys]bool
	duration [numKeys]int // ticks the key has been held (0: up)
	chars    []rune

	// X and Y are the cursor's position in screen pixels.
	X, Y    float64
	buttons [numButtons]Button
	// WheelX and WheelY are the wheel's motion this tick (notches).
	WheelX, WheelY float64
	// Touches are the fingers on the screen.
	Touches []Touch
	// Dropped holds the files dropped on the window this tick (nil: none).
	Dropped fs.FS

	keyboardTaken, pointerTaken bool
}

// Read fills s with this tick's input from Ebiten, reusing its memory. Call
// it once per Update, before anything handles input.
func (s *State) Read() {
	for k := range numKeys {
		key := ebiten.Key(k)
		s.pressed[k] = inpututil.IsKeyJustPressed(key)
		s.held[k] = ebiten.IsKeyPressed(key)
		s.duration[k] = inpututil.KeyPressDuration(key)
	}
	s.chars = ebiten.AppendInputChars(s.chars[:0])
	cx, cy := ebiten.CursorPosition()
	s.X, s.Y = float64(cx), float64(cy)
	for b := range numButtons {
		mb := ebiten.MouseButton(b)
		s.buttons[b] = Button{
			Pressed:  inpututil.IsMouseButtonJustPressed(mb),
			Held:     ebiten.IsMouseButtonPressed(mb),
			Released: inpututil.IsMouseButtonJustReleased(mb),
		}
	}
	s.WheelX, s.WheelY = ebiten.Wheel()
	var ids [16]ebiten.TouchID
	s.Touches = s.Touches[:0]
	for _, id := range ebiten.AppendTouchIDs(ids[:0]) {
		x, y := ebiten.TouchPosition(id)
		s.Touches = append(s.Touches, Touch{ID: id, X: float64(x), Y: float64(y)})
	}
	s.Dropped = ebiten.DroppedFiles()
	s.keyboardTaken, s.pointerTaken = false, false
}

// Pressed reports whether key k went down this tick (false once the
// keyboard is taken).
func (s *State) Pressed(k ebiten.Key) bool {
	return !s.keyboardTaken && validKey(k) && s.pressed[k]
}

// Held reports whether key k is down (false once the keyboard is taken).
// The modifiers KeyShift, KeyControl, KeyAlt and KeyMeta stand for either
// side.
func (s *State) Held(k ebiten.Key) bool {
	if s.keyboardTaken {
		return false
	}
	return s.down(k)
}

// down reports whether k is down, taken or not.
func (s *State) down(k ebiten.Key) bool {
	switch k {
	case ebiten.KeyShift:
		return s.down(ebiten.KeyShiftLeft) || s.down(ebiten.KeyShiftRight)
	case ebiten.KeyControl:
		return s.down(ebiten.KeyControlLeft) || s.down(ebiten.KeyControlRight)
	case ebiten.KeyAlt:
		return s.down(ebiten.KeyAltLeft) || s.down(ebiten.KeyAltRight)
	case ebiten.KeyMeta:
		return s.down(ebiten.KeyMetaLeft) || s.down(ebiten.KeyMetaRight)
	}
	return validKey(k) && s.held[k]
}

// Key repeat while a key is held: after RepeatDelay ticks, every
// RepeatEvery ticks (at 60 ticks a second: after 0.4 s, 15 a second).
const (
	RepeatDelay = 24
	RepeatEvery = 4
)

// Repeated reports whether key k went down this tick or is held and due to
// repeat, as text editing keys (Backspace, the arrows) act. It ignores
// whether the keyboard is taken: text fields, which take it, use it.
func (s *State) Repeated(k ebiten.Key) bool {
	if !validKey(k) {
		return false
	}
	if s.pressed[k] {
		return true
	}
	d := s.duration[k]
	return s.held[k] && d >= RepeatDelay && (d-RepeatDelay)%RepeatEvery == 0
}

// Ctrl reports whether Control (or Command on a Mac) is held, taken or not.
func (s *State) Ctrl() bool { return s.down(ebiten.KeyControl) || s.down(ebiten.KeyMeta) }

// Shift reports whether Shift is held, taken or not.
func (s *State) Shift() bool { return s.down(ebiten.KeyShift) }

// Chars returns the characters typed this tick, in order (nil once the
// keyboard is taken).
func (s *State) Chars() []rune {
	if s.keyboardTaken {
		return nil
	}
	return s.chars
}

// Typed reports whether r is among the characters typed this tick.
func (s *State) Typed(r rune) bool {
	for _, c := range s.Chars() {
		if c == r {
			return true
		}
	}
	return false
}

// Button returns mouse button b's state (the zero Button once the pointer
// is taken).
func (s *State) Button(b ebiten.MouseButton) Button {
	if s.pointerTaken || b < 0 || int(b) >= numButtons {
		return Button{}
	}
	return s.buttons[b]
}

// Dragging returns mouse button b's state whether or not the pointer is
// taken: a drag that started in a pane goes on over the panel.
func (s *State) Dragging(b ebiten.MouseButton) Button {
	if b < 0 || int(b) >= numButtons {
		return Button{}
	}
	return s.buttons[b]
}

// Wheel returns the wheel's motion this tick (zero once the pointer is
// taken).
func (s *State) Wheel() (x, y float64) {
	if s.pointerTaken {
		return 0, 0
	}
	return s.WheelX, s.WheelY
}

// TakeKeyboard marks the keyboard as used: later handlers in this tick see
// no key and no character.
func (s *State) TakeKeyboard() { s.keyboardTaken = true }

// TakePointer marks the mouse as used: later handlers in this tick see no
// button and no wheel.
func (s *State) TakePointer() { s.pointerTaken = true }

// KeyboardTaken reports whether a handler took the keyboard this tick.
func (s *State) KeyboardTaken() bool { return s.keyboardTaken }

// PointerTaken reports whether a handler took the pointer this tick.
func (s *State) PointerTaken() bool { return s.pointerTaken }

// Keys returns the keys that went down this tick, taken or not (for the
// text fields that take the keyboard).
func (s *State) Keys() []ebiten.Key {
	var out []ebiten.Key
	for k, p := range s.pressed {
		if p {
			out = append(out, ebiten.Key(k))
		}
	}
	return out
}

// Text returns the characters typed this tick, taken or not (for the text
// fields that take the keyboard).
func (s *State) Text() []rune { return s.chars }

// Press records, for a test, that key k went down this tick (and is held).
func (s *State) Press(k ebiten.Key) {
	if validKey(k) {
		s.pressed[k], s.held[k] = true, true
		s.duration[k] = 1
	}
}

// Hold records, for a test, that key k has been held for ticks ticks.
func (s *State) Hold(k ebiten.Key, ticks int) {
	if validKey(k) {
		s.held[k], s.duration[k] = ticks > 0, ticks
		s.pressed[k] = ticks == 1
	}
}

// Type records, for a test, that the characters of text were typed this
// tick.
func (s *State) Type(text string) { s.chars = append(s.chars, []rune(text)...) }

// SetButton records, for a test, mouse button b's state this tick.
func (s *State) SetButton(b ebiten.MouseButton, st Button) {
	if b >= 0 && int(b) < numButtons {
		s.buttons[b] = st
	}
}

// Next returns the state of the following tick for a test: keys still held
// stay held one tick longer, nothing is newly pressed, typed or released,
// and the wheel is still.
func (s *State) Next() State {
	n := State{X: s.X, Y: s.Y}
	for k := range numKeys {
		if s.held[k] {
			n.held[k], n.duration[k] = true, s.duration[k]+1
		}
	}
	for b := range numButtons {
		n.buttons[b].Held = s.buttons[b].Held && !s.buttons[b].Released
	}
	return n
}

func validKey(k ebiten.Key) bool { return k >= 0 && int(k) < numKeys }
