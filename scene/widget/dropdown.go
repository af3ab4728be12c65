package widget

import (
	"math"

	"descent/scene/plot"
	"descent/shaders"
)

// list is an open dropdown's list of items, drawn over everything.
type list struct {
	id     string    // the dropdown's id ("": no list is open)
	items  []string  // copied when it opened
	rect   plot.Rect // where it was drawn
	rowH   float64
	first  int // the first item shown (scrolled)
	rows   int // how many items show
	chosen struct {
		id    string
		index int
	}
}

// scrollBy scrolls the list by notches.
func (l *list) scrollBy(notches float64) {
	l.first = max(0, min(len(l.items)-l.rows, l.first+int(math.Round(notches*3))))
}

// choose picks the item at screen height y, for the dropdown to report.
func (l *list) choose(y float64) {
	i := l.first + int((y-l.rect.Y0)/l.rowH)
	if i >= 0 && i < len(l.items) {
		l.chosen.id, l.chosen.index = l.id, i
	}
}

// Dropdown draws a field showing items[*choice]; a press opens the list of
// items below it (or above, without room below), and a press on an item
// sets *choice. It reports whether *choice changed this tick.
func (u *UI) Dropdown(id string, choice *int, items []string) bool {
	id = u.id(id)
	r := u.next(u.rowHeight())
	u.remember(id, r)
	changed := false
	if u.list.chosen.id == id {
		if u.list.chosen.index != *choice {
			*choice, changed = u.list.chosen.index, true
		}
		u.list.chosen.id = ""
	}
	if u.clicked(r) {
		if u.list.id == id {
			u.list.id = ""
		} else {
			u.list = list{id: id, items: append([]string(nil), items...), first: max(0, *choice-3)}
		}
	}
	th := u.st.Theme
	c := th.Field
	if u.hot(r) {
		c = th.Hover
	}
	u.fill(r, c)
	u.outline(r, th.Edge)
	shown := ""
	if *choice >= 0 && *choice < len(items) {
		shown = items[*choice]
	}
	u.write(u.fit(shown, r.W()-2*u.s(padX)-u.s(14), false), r.X0+u.s(padX), (r.Y0+r.Y1)/2, 0, false, th.Text)
	// A small triangle pointing down at the right.
	cx, cy, k := r.X1-u.s(padX)-u.s(4), (r.Y0+r.Y1)/2, u.s(4)
	u.bg.Triangle(float32(cx-k), float32(cy-k/2), float32(cx+k), float32(cy-k/2), float32(cx), float32(cy+k/2+1), shaders.RGBA(th.Muted, 1))
	if u.list.id == id && u.visible(r) {
		u.layoutList(r, *choice)
	}
	return changed
}

// layoutList places the open list under (or over) the field r and draws it.
func (u *UI) layoutList(r plot.Rect, current int) {
	l := &u.list
	th := u.st.Theme
	l.rowH = u.rowHeight()
	below := u.screen.Y1 - r.Y1 - u.s(4)
	above := r.Y0 - u.screen.Y0 - u.s(4)
	room := math.Min(math.Max(below, above), u.s(listMaxH))
	l.rows = max(1, min(len(l.items), int(room/l.rowH)))
	l.first = max(0, min(l.first, len(l.items)-l.rows))
	h := float64(l.rows) * l.rowH
	y0 := r.Y1
	if below < h && above > below {
		y0 = r.Y0 - h
	}
	l.rect = plot.Rect{X0: r.X0, Y0: y0, X1: r.X1, Y1: y0 + h}
	plot.FillRect(&u.over, l.rect, th.Field, 1)
	plot.OutlineRect(&u.over, l.rect, float32(u.st.LineW), shaders.RGBA(th.Edge, 1))
	for k := range l.rows {
		i := l.first + k
		row := plot.Rect{X0: l.rect.X0, Y0: y0 + float64(k)*l.rowH, X1: l.rect.X1, Y1: y0 + float64(k+1)*l.rowH}
		col := th.Text
		switch {
		case row.Contains(u.in.X, u.in.Y):
			plot.FillRect(&u.over, row, th.Hover, 1)
		case i == current:
			plot.FillRect(&u.over, row, th.Accent, 0.18)
		}
		u.overTexts = append(u.overTexts, plot.Text{
			S: u.fit(l.items[i], row.W()-2*u.s(padX), false), X: row.X0 + u.s(padX), Y: (row.Y0 + row.Y1) / 2,
			AY: 0.5, Size: u.s(textSize), Color: col,
		})
	}
	if len(l.items) > l.rows {
		// A scroll bar: where the shown items sit in the list.
		bh := h * float64(l.rows) / float64(len(l.items))
		by := y0 + (h-bh)*float64(l.first)/float64(len(l.items)-l.rows)
		w := u.s(scrollBarW)
		plot.FillRect(&u.over, plot.Rect{X0: l.rect.X1 - w - 2, Y0: by + 2, X1: l.rect.X1 - 2, Y1: by + bh - 2}, th.Edge, 0.5)
	}
}

// ItemRect returns where item i of the open dropdown list shows (false
// when no list is open or the item is scrolled out of sight).
func (u *UI) ItemRect(i int) (plot.Rect, bool) {
	l := &u.list
	if l.id == "" || i < l.first || i >= l.first+l.rows {
		return plot.Rect{}, false
	}
	y := l.rect.Y0 + float64(i-l.first)*l.rowH
	return plot.Rect{X0: l.rect.X0, Y0: y, X1: l.rect.X1, Y1: y + l.rowH}, true
}

// fit shortens s with an ellipsis at the end until it is at most w wide.
func (u *UI) fit(s string, w float64, bold bool) string {
	if u.measure(s, bold) <= w {
		return s
	}
	rs := []rune(s)
	for len(rs) > 0 && u.measure(string(rs)+"…", bold) > w {
		rs = rs[:len(rs)-1]
	}
	return string(rs) + "…"
}
