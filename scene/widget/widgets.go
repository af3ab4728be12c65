package widget

import (
	"math"
	"strings"

	"descent/scene/plot"
	"descent/shaders"
)

// Title writes the panel's title in bold.
func (u *UI) Title(s string) {
	r := u.next(u.rowHeight())
	u.write(s, r.X0, (r.Y0+r.Y1)/2, 0, true, u.st.Theme.Text)
}

// Label writes text wrapped to the width of its cell, muted or not.
func (u *UI) Label(text string, muted bool) {
	c := u.st.Theme.Text
	if muted {
		c = u.st.Theme.Muted
	}
	lines := u.wrap(text, u.cellWidth())
	_, lh := u.st.MeasureText("Ag", u.s(textSize))
	// Padded like a one-line widget, so that a label beside a field in a
	// row sits level with the field's text.
	r := u.next(math.Round(lh*float64(len(lines)) + 2*u.s(padY)))
	for i, l := range lines {
		u.write(l, r.X0, r.Y0+u.s(padY)+lh*(float64(i)+0.5), 0, false, c)
	}
}

// cellWidth returns the width the next widget gets.
func (u *UI) cellWidth() float64 {
	w := u.area.W() - 2*u.s(areaPad)
	if len(u.cells) == 0 {
		return w
	}
	total := 0.0
	for _, s := range u.cells {
		total += s
	}
	return (w - u.s(colGap)*float64(len(u.cells)-1)) * u.cells[u.cell] / total
}

// wrap breaks text into lines no wider than w, at spaces.
func (u *UI) wrap(text string, w float64) []string {
	var lines []string
	line := ""
	for _, word := range strings.Fields(text) {
		try := word
		if line != "" {
			try = line + " " + word
		}
		if line != "" && u.measure(try, false) > w {
			lines = append(lines, line)
			try = word
		}
		line = try
	}
	return append(lines, line)
}

// Heading draws a section's heading, a bar the user clicks to open or close
// the section, and reports whether the section is open. Headings, buttons
// and checkboxes are found by Rect under their title or label.
func (u *UI) Heading(title string, open *bool) bool {
	r := u.next(u.rowHeight())
	u.remember(u.id(title), r)
	hot := u.hot(r)
	if u.clicked(r) {
		*open = !*open
	}
	th := u.st.Theme
	c := th.Button
	if hot {
		c = th.Hover
	}
	u.fill(r, c)
	// A triangle: pointing right when closed, down when open.
	cx, cy, k := r.X0+u.s(padX)+u.s(4), (r.Y0+r.Y1)/2, u.s(4)
	ink := shaders.RGBA(th.Text, 1)
	if *open {
		u.bg.Triangle(float32(cx-k), float32(cy-k/2), float32(cx+k), float32(cy-k/2), float32(cx), float32(cy+k/2+1), ink)
	} else {
		u.bg.Triangle(float32(cx-k/2), float32(cy-k), float32(cx-k/2), float32(cy+k), float32(cx+k/2+1), float32(cy), ink)
	}
	u.write(title, cx+u.s(10), cy, 0, true, th.Text)
	return *open
}

// Button draws a button and reports whether it was pressed this tick.
func (u *UI) Button(label string) bool {
	r := u.next(u.rowHeight())
	u.remember(u.id(label), r)
	hot := u.hot(r)
	pressed := u.clicked(r)
	th := u.st.Theme
	c := th.Button
	if hot {
		c = th.Hover
	}
	u.fill(r, c)
	u.outline(r, th.PaneGrid)
	u.write(label, (r.X0+r.X1)/2, (r.Y0+r.Y1)/2, 0.5, false, th.Text)
	return pressed
}

// Checkbox draws a box with a label; a press anywhere on it flips *on. It
// reports whether *on changed.
func (u *UI) Checkbox(label string, on *bool) bool {
	r := u.next(u.rowHeight())
	if label != "" {
		u.remember(u.id(label), r)
	}
	hot := u.hot(r)
	changed := u.clicked(r)
	if changed {
		*on = !*on
	}
	th := u.st.Theme
	side := r.H() - 2*u.s(padY)
	b := plot.Rect{X0: r.X0, Y0: r.Y0 + u.s(padY), X1: r.X0 + side, Y1: r.Y0 + u.s(padY) + side}
	c := th.Field
	if hot {
		c = th.Hover
	}
	u.fill(b, c)
	u.outline(b, th.Edge)
	if *on {
		in := b.Inset(side*0.2, side*0.2, side*0.2, side*0.2)
		u.fill(in, th.Accent)
	}
	if label != "" {
		u.write(label, b.X1+u.s(padX), (r.Y0+r.Y1)/2, 0, false, th.Text)
	}
	return changed
}

// Slider draws a slider for *v between lo and hi, the value written on it
// by format; pressing or dragging it sets *v (rounded to step when step >
// 0). It reports whether *v changed this tick.
func (u *UI) Slider(id string, v *float64, lo, hi, step float64, format func(float64) string) bool {
	id = u.id(id)
	r := u.next(u.rowHeight())
	u.remember(id, r)
	if u.clicked(r) {
		u.active = id
	}
	changed := false
	if u.active == id && hi > lo {
		t := (u.in.X - r.X0) / r.W()
		nv := lo + (hi-lo)*max(0, min(1, t))
		if step > 0 {
			nv = lo + step*float64(int((nv-lo)/step+0.5))
		}
		nv = max(lo, min(hi, nv))
		if nv != *v {
			*v, changed = nv, true
		}
	}
	th := u.st.Theme
	c := th.Field
	if u.hot(r) || u.active == id {
		c = th.Hover
	}
	u.fill(r, c)
	t := 0.0
	if hi > lo {
		t = max(0, min(1, (*v-lo)/(hi-lo)))
	}
	x := r.X0 + t*r.W()
	plot.FillRect(&u.bg, plot.Rect{X0: r.X0, Y0: r.Y0, X1: x, Y1: r.Y1}, th.Accent, 0.35)
	u.fill(plot.Rect{X0: x - u.s(2), Y0: r.Y0, X1: x + u.s(2), Y1: r.Y1}, th.Accent)
	u.write(format(*v), (r.X0+r.X1)/2, (r.Y0+r.Y1)/2, 0.5, false, th.Text)
	return changed
}
