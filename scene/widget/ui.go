// Package widget is a small immediate-mode widget toolkit for the window's
// control panel: headings, labels, buttons, checkboxes, sliders, dropdown
// lists and text fields in a scrolling column, drawn with the window's own
// fonts and theme.
//
// Each tick the panel's code calls Begin with the tick's input, then one
// method per widget (which lays it out, handles the input that concerns it
// and reports what the user did), then End; Draw draws what the last tick
// laid out. All input handling happens in Update, from the input.State read
// once per tick: characters typed are taken in order, however many arrive
// in one tick, and a text field that has focus takes the keyboard, so typing
// never triggers the window's keys.
package widget

import (
	"image/color"
	"math"
	"strings"

	"github.com/hajimehoshi/ebiten/v2"

	"descent/scene/input"
	"descent/scene/plot"
	"descent/shaders"
)

// Geometry in pixels at scale 1.
const (
	textSize   = 14  // the widgets' text
	padX       = 8   // inside a widget, left and right of its text
	padY       = 4   // inside a widget, above and below its text
	rowGap     = 5   // between rows
	colGap     = 6   // between the cells of a row
	areaPad    = 10  // inside the panel, around its content
	wheelStep  = 48  // scrolled per wheel notch
	scrollBarW = 4   // the scroll bar's width
	listMaxH   = 360 // the tallest an open dropdown list gets
)

// doubleClickTicks is how close (in ticks) two presses on a text field
// must be to select all of its text.
const doubleClickTicks = 24

// UI holds the widgets' state between ticks and what the last tick laid
// out. The zero value is ready to use.
type UI struct {
	// Between ticks.
	tick      int
	focus     string // the focused text field's id
	edit      editor // its text
	editStart string // its text when it got focus (Escape restores it)
	blurred   struct{ id, text string }
	active    string  // the slider being dragged
	scroll    float64 // of the content, in pixels
	contentH  float64 // the content's height at the last tick
	list      list    // the open dropdown list
	lastPress struct {
		id   string
		tick int
	}
	rects map[string]plot.Rect

	// This tick.
	in          *input.State
	area        plot.Rect
	screen      plot.Rect
	st          plot.Style
	y           float64 // top of the next row
	cells       []float64
	cell        int
	cellX       float64
	rowH        float64
	scopes      []string
	typing      bool // a text field had the focus when the tick began
	pointerOver bool // over the panel and not over the open list
	press       bool // a left press for the widget under the pointer
	seen        map[string]bool
	bg          shaders.Lines
	texts       []plot.Text
	over        shaders.Lines // the open list, over everything
	overTexts   []plot.Text
}

// Capture says what the panel took of a tick's input.
type Capture struct {
	// Pointer: the pointer is over the panel or drags one of its widgets.
	Pointer bool
	// Keyboard: a text field has focus.
	Keyboard bool
}

// Begin starts a tick of widgets in area (the panel's rectangle) of screen.
func (u *UI) Begin(in *input.State, area, screen plot.Rect, st plot.Style) {
	u.tick++
	u.in, u.area, u.screen, u.st = in, area, screen, st
	u.bg.Reset()
	u.over.Reset()
	u.texts = u.texts[:0]
	u.overTexts = u.overTexts[:0]
	u.scopes = u.scopes[:0]
	u.cells = nil
	if u.rects == nil {
		u.rects = map[string]plot.Rect{}
	}
	if u.seen == nil {
		u.seen = map[string]bool{}
	}
	clear(u.seen)
	// Keys of a tick that starts with a focused field are the field's, even
	// when Enter ends the edit in this tick.
	u.typing = u.focus != ""
	btn := in.Button(input.Left)
	u.press = btn.Pressed
	_, wy := in.Wheel()
	over := area.Contains(in.X, in.Y)

	// The open list gets the pointer first.
	if u.list.id != "" {
		inList := u.list.rect.Contains(in.X, in.Y)
		if inList && wy != 0 {
			u.list.scrollBy(-wy)
			wy = 0
		}
		if u.press {
			if inList {
				u.list.choose(in.Y)
			}
			u.list.id = ""
			u.press = false
		}
		over = over && !inList
	}
	// A press away from the focused field blurs it: the field reports the
	// commit when it is laid out.
	if u.focus != "" && btn.Pressed && !u.rects[u.focus].Contains(in.X, in.Y) {
		u.blur(true)
	}
	if u.active != "" && !btn.Held {
		u.active = ""
	}
	u.pointerOver = over
	if over && wy != 0 {
		u.scroll -= wy * wheelStep * st.Scale
	}
	// Within the content as the last tick laid it out, so that what is
	// laid out now is where it will be drawn.
	u.scroll = math.Max(0, math.Min(u.scroll, u.contentH-area.H()))
	u.y = area.Y0 + u.s(areaPad) - u.scroll
}

// s scales a length.
func (u *UI) s(v float64) float64 { return v * u.st.Scale }

// blur takes the focus from the text field; with commit it reports its
// text as committed.
func (u *UI) blur(commit bool) {
	if commit {
		u.blurred.id, u.blurred.text = u.focus, u.edit.String()
	}
	u.focus = ""
}

// End finishes the tick's layout and says what the panel took of the
// input (taking the keyboard when a text field has focus).
func (u *UI) End() Capture {
	pad := u.s(areaPad)
	u.contentH = u.y + u.scroll - u.area.Y0 + pad
	maxScroll := math.Max(0, u.contentH-u.area.H())
	u.scroll = math.Max(0, math.Min(u.scroll, maxScroll))
	if maxScroll > 0 {
		// A scroll bar at the right edge.
		h := u.area.H() * u.area.H() / u.contentH
		y := u.area.Y0 + (u.area.H()-h)*u.scroll/maxScroll
		w := u.s(scrollBarW)
		plot.FillRect(&u.bg, plot.Rect{X0: u.area.X1 - w - 2, Y0: y + 2, X1: u.area.X1 - 2, Y1: y + h - 2}, u.st.Theme.Edge, 0.5)
	}
	if u.focus != "" && !u.seen[u.focus] {
		u.blur(false) // the field is gone (its section closed)
	}
	if u.list.id != "" && !u.seen[u.list.id] {
		u.list.id = ""
	}
	u.blurred.id = "" // a field that lost the focus but is gone commits nothing
	u.list.chosen.id = ""
	c := Capture{
		Pointer:  u.area.Contains(u.in.X, u.in.Y) || u.active != "" || (u.list.id != "" && u.list.rect.Contains(u.in.X, u.in.Y)),
		Keyboard: u.focus != "" || u.typing,
	}
	if c.Keyboard {
		u.in.TakeKeyboard()
	}
	if c.Pointer {
		u.in.TakePointer()
	}
	return c
}

// Draw draws what the last tick laid out.
func (u *UI) Draw(dst *ebiten.Image, fonts *plot.Fonts) {
	th := u.st.Theme
	var frame shaders.Lines
	bg := th.Panel
	alpha := float64(bg.A) / 255
	bg.A = 255
	plot.FillRect(&frame, u.area, bg, alpha)
	plot.OutlineRect(&frame, u.area, float32(u.st.LineW), shaders.RGBA(th.PaneGrid, 1))
	_ = frame.Draw(dst)
	clip := plot.SubImage(dst, u.area)
	_ = u.bg.Draw(clip)
	fonts.DrawAll(clip, u.texts)
	_ = u.over.Draw(dst)
	fonts.DrawAll(dst, u.overTexts)
}

// Push opens a scope: ids given until the matching Pop are made unique to
// it (one per run, say).
func (u *UI) Push(scope string) { u.scopes = append(u.scopes, scope) }

// Pop closes the last scope.
func (u *UI) Pop() { u.scopes = u.scopes[:len(u.scopes)-1] }

// id returns name within the open scopes.
func (u *UI) id(name string) string {
	if len(u.scopes) == 0 {
		return name
	}
	return strings.Join(u.scopes, "/") + "/" + name
}

// Rect returns where the widget with this id (within the scopes open now;
// at the top level between ticks) was last laid out, in screen pixels.
func (u *UI) Rect(id string) (plot.Rect, bool) {
	r, ok := u.rects[u.id(id)]
	return r, ok
}

// Focused reports whether a text field has focus.
func (u *UI) Focused() bool { return u.focus != "" }

// Row lays the next widgets out side by side, in cells of these shares of
// the width; after the last cell, widgets take the full width again.
func (u *UI) Row(shares ...float64) {
	u.endRow()
	u.cells = shares
	u.cell = 0
}

// endRow moves below a row that was started.
func (u *UI) endRow() {
	if u.cell > 0 {
		u.y += u.rowH + u.s(rowGap)
	}
	u.cells, u.cell, u.rowH = nil, 0, 0
}

// next returns the rectangle of the next widget, of height h.
func (u *UI) next(h float64) plot.Rect {
	x0 := u.area.X0 + u.s(areaPad)
	w := u.area.W() - 2*u.s(areaPad)
	if len(u.cells) == 0 {
		r := plot.Rect{X0: x0, Y0: u.y, X1: x0 + w, Y1: u.y + h}
		u.y += h + u.s(rowGap)
		return r
	}
	if u.cell == 0 {
		u.cellX = x0
		u.rowH = 0
	}
	total := 0.0
	for _, s := range u.cells {
		total += s
	}
	gaps := u.s(colGap) * float64(len(u.cells)-1)
	cw := (w - gaps) * u.cells[u.cell] / total
	r := plot.Rect{X0: u.cellX, Y0: u.y, X1: u.cellX + cw, Y1: u.y + h}
	u.cellX += cw + u.s(colGap)
	u.rowH = math.Max(u.rowH, h)
	u.cell++
	if u.cell == len(u.cells) {
		u.y += u.rowH + u.s(rowGap)
		u.cells, u.cell = nil, 0
	}
	return r
}

// rowHeight is the height of a one-line widget.
func (u *UI) rowHeight() float64 {
	_, h := u.st.MeasureText("Ag", u.s(textSize))
	return math.Round(h + 2*u.s(padY))
}

// visible reports whether r shows in the panel.
func (u *UI) visible(r plot.Rect) bool { return r.Y1 > u.area.Y0 && r.Y0 < u.area.Y1 }

// hot reports whether the pointer is over r (and r shows).
func (u *UI) hot(r plot.Rect) bool {
	return u.pointerOver && u.visible(r) && r.Contains(u.in.X, u.in.Y)
}

// clicked reports whether this tick's press is on r, and uses it up.
func (u *UI) clicked(r plot.Rect) bool {
	if u.press && u.hot(r) {
		u.press = false
		return true
	}
	return false
}

// remember records where the widget id was laid out.
func (u *UI) remember(id string, r plot.Rect) {
	u.rects[id] = r
	u.seen[id] = true
}

// write adds a line of text, its left edge (ax 0), centre (0.5) or right
// edge (1) at x and its middle at y.
func (u *UI) write(s string, x, y, ax float64, bold bool, c color.RGBA) {
	size := u.s(textSize)
	if bold {
		size = -size
	}
	u.texts = append(u.texts, plot.Text{S: s, X: x, Y: y, AX: ax, AY: 0.5, Size: size, Color: c})
}

// fill fills r.
func (u *UI) fill(r plot.Rect, c color.RGBA) { plot.FillRect(&u.bg, r, c, 1) }

// outline strokes r's edges.
func (u *UI) outline(r plot.Rect, c color.RGBA) {
	plot.OutlineRect(&u.bg, r, float32(u.st.LineW), shaders.RGBA(c, 1))
}

// measure returns the width of s in the widgets' text.
func (u *UI) measure(s string, bold bool) float64 {
	size := u.s(textSize)
	if bold {
		size = -size
	}
	w, _ := u.st.MeasureText(s, size)
	return w
}
