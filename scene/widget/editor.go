package widget

import "unicode"

// editor is the text of a focused field with its caret and selection. The
// selection runs from anchor to caret (empty when they are equal).
type editor struct {
	text   []rune
	caret  int
	anchor int
}

// set replaces the text, the caret at its end, nothing selected.
func (e *editor) set(s string) {
	e.text = []rune(s)
	e.caret, e.anchor = len(e.text), len(e.text)
}

// String returns the text.
func (e *editor) String() string { return string(e.text) }

// selection returns the selected runes' range [lo, hi).
func (e *editor) selection() (lo, hi int) {
	return min(e.caret, e.anchor), max(e.caret, e.anchor)
}

// deleteSelection removes the selected runes and reports whether there
// were any.
func (e *editor) deleteSelection() bool {
	lo, hi := e.selection()
	if lo == hi {
		return false
	}
	e.text = append(e.text[:lo], e.text[hi:]...)
	e.caret, e.anchor = lo, lo
	return true
}

// insert types rs at the caret, replacing the selection; control
// characters are left out.
func (e *editor) insert(rs []rune) {
	e.deleteSelection()
	for _, r := range rs {
		if unicode.IsControl(r) {
			continue
		}
		e.text = append(e.text, 0)
		copy(e.text[e.caret+1:], e.text[e.caret:])
		e.text[e.caret] = r
		e.caret++
	}
	e.anchor = e.caret
}

// backspace deletes the selection or the rune before the caret.
func (e *editor) backspace() {
	if e.deleteSelection() || e.caret == 0 {
		return
	}
	e.text = append(e.text[:e.caret-1], e.text[e.caret:]...)
	e.caret--
	e.anchor = e.caret
}

// del deletes the selection or the rune after the caret.
func (e *editor) del() {
	if e.deleteSelection() || e.caret == len(e.text) {
		return
	}
	e.text = append(e.text[:e.caret], e.text[e.caret+1:]...)
}

// move puts the caret at i (clamped); with extend the selection grows to
// it, else it is dropped.
func (e *editor) move(i int, extend bool) {
	e.caret = max(0, min(len(e.text), i))
	if !extend {
		e.anchor = e.caret
	}
}

// left moves the caret one rune left (or to the selection's start).
func (e *editor) left(extend bool) {
	if lo, hi := e.selection(); lo != hi && !extend {
		e.move(lo, false)
		return
	}
	e.move(e.caret-1, extend)
}

// right moves the caret one rune right (or to the selection's end).
func (e *editor) right(extend bool) {
	if lo, hi := e.selection(); lo != hi && !extend {
		e.move(hi, false)
		return
	}
	e.move(e.caret+1, extend)
}

// selectAll selects the whole text, the caret at its end.
func (e *editor) selectAll() {
	e.anchor, e.caret = 0, len(e.text)
}
