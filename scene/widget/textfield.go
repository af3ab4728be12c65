package widget

import (
	"github.com/hajimehoshi/ebiten/v2"

	"descent/scene/plot"
)

// TextField draws a one-line text field for *text. A press on it gives it
// the focus (a double press selects all of it); while it has the focus it
// takes the keyboard: characters are typed at the caret, Backspace and
// Delete erase, the arrows, Home and End move the caret (with Shift they
// select), Ctrl+A selects all, Escape gives up the edit. Enter or Tab, or a
// press anywhere else, ends the edit: TextField then reports true, with
// *text the text typed. While the field has the focus *text follows what is
// typed.
func (u *UI) TextField(id string, text *string) (committed bool) {
	id = u.id(id)
	r := u.next(u.rowHeight())
	u.remember(id, r)
	if u.blurred.id == id {
		*text, committed = u.blurred.text, true
		u.blurred.id = ""
	}
	if u.clicked(r) {
		if u.focus != id {
			u.focus = id
			u.edit.set(*text)
			u.editStart = *text
		}
		if u.lastPress.id == id && u.tick-u.lastPress.tick <= doubleClickTicks {
			u.edit.selectAll()
		} else {
			u.edit.move(u.caretAt(r, u.in.X), false)
		}
		u.lastPress.id, u.lastPress.tick = id, u.tick
	}
	if u.focus == id {
		if u.editKeys() {
			*text, committed = u.edit.String(), true
			u.blur(false)
		} else {
			*text = u.edit.String()
		}
	}
	u.drawField(id, r, *text)
	return committed
}

// editKeys applies the tick's keys and characters to the focused field's
// text and reports whether the edit ended with Enter or Tab. Within a tick
// Ctrl+A and erasing come first, then the characters, then Enter: all of
// "select all, 0.05, Enter" typed between two frames gives 0.05.
func (u *UI) editKeys() (done bool) {
	in := u.in
	e := &u.edit
	shift := in.Shift()
	switch {
	case in.Ctrl() && in.Repeated(ebiten.KeyA):
		e.selectAll()
	case in.Repeated(ebiten.KeyBackspace):
		e.backspace()
	case in.Repeated(ebiten.KeyDelete):
		e.del()
	}
	switch {
	case in.Repeated(ebiten.KeyArrowLeft):
		e.left(shift)
	case in.Repeated(ebiten.KeyArrowRight):
		e.right(shift)
	case in.Repeated(ebiten.KeyHome):
		e.move(0, shift)
	case in.Repeated(ebiten.KeyEnd):
		e.move(len(e.text), shift)
	}
	e.insert(in.Text()) // no characters come with Ctrl held

	switch {
	case in.Repeated(ebiten.KeyEscape):
		e.set(u.editStart)
		return true
	case in.Repeated(ebiten.KeyEnter), in.Repeated(ebiten.KeyNumpadEnter), in.Repeated(ebiten.KeyTab):
		return true
	}
	return false
}

// caretAt returns the caret position nearest to screen x in field r.
func (u *UI) caretAt(r plot.Rect, x float64) int {
	x0 := r.X0 + u.s(padX) - u.fieldShift(r)
	best, bestD := 0, 1e18
	for i := 0; i <= len(u.edit.text); i++ {
		d := x - (x0 + u.measure(string(u.edit.text[:i]), false))
		if d < 0 {
			d = -d
		}
		if d < bestD {
			best, bestD = i, d
		}
	}
	return best
}

// fieldShift returns how far the focused field's text is moved left so
// that its caret shows.
func (u *UI) fieldShift(r plot.Rect) float64 {
	room := r.W() - 2*u.s(padX)
	caretX := u.measure(string(u.edit.text[:u.edit.caret]), false)
	return max(0, caretX-room+u.s(2))
}

// drawField draws field r with text, and the caret and selection when it
// has the focus.
func (u *UI) drawField(id string, r plot.Rect, text string) {
	th := u.st.Theme
	c := th.Field
	if u.hot(r) && u.focus != id {
		c = th.Hover
	}
	u.fill(r, c)
	y := (r.Y0 + r.Y1) / 2
	if u.focus != id {
		u.outline(r, th.Edge)
		u.write(u.fit(text, r.W()-2*u.s(padX), false), r.X0+u.s(padX), y, 0, false, th.Text)
		return
	}
	u.outline(r, th.Accent)
	e := &u.edit
	x0 := r.X0 + u.s(padX) - u.fieldShift(r)
	at := func(i int) float64 { return x0 + u.measure(string(e.text[:i]), false) }
	if lo, hi := e.selection(); lo != hi {
		plot.FillRect(&u.bg, plot.Rect{X0: max(r.X0, at(lo)), Y0: r.Y0 + u.s(padY), X1: min(r.X1, at(hi)), Y1: r.Y1 - u.s(padY)}, th.Accent, 0.3)
	}
	// The text from the first rune that starts inside the field.
	first := 0
	for first < len(e.text) && at(first) < r.X0+u.s(padX)-0.5 {
		first++
	}
	shown := string(e.text[first:])
	u.write(u.fit(shown, r.X1-u.s(padX)-at(first), false), at(first), y, 0, false, th.Text)
	cx := at(e.caret)
	u.fill(plot.Rect{X0: cx, Y0: r.Y0 + u.s(padY), X1: cx + max(1, u.st.LineW), Y1: r.Y1 - u.s(padY)}, th.Text)
}
