package plot

import (
	"image/color"
	"math"
	"strings"

	"descent/shaders"
)

// StepArrow is one of the arrows that explain an optimizer's step; every
// view draws each kind in the same style, in the run's colour.
type StepArrow uint8

const (
	// GradientArrow is -lr*g, where plain gradient descent would move:
	// dashed, thinner, with an open head.
	GradientArrow StepArrow = iota
	// VelocityArrow is -lr*v, the momentum's direction: dotted, with an
	// open head.
	VelocityArrow
	// UpdateArrow is the step actually taken: solid, thick, with a filled
	// head.
	UpdateArrow
)

// StepArrows lists the kinds in the order they are drawn (the update last,
// on top).
var StepArrows = [3]StepArrow{GradientArrow, VelocityArrow, UpdateArrow}

// Label returns the arrow's name as views write it: "−lr∇f", "velocity",
// "update" (draw it with RichText: the Go fonts have no ∇).
func (a StepArrow) Label() string {
	switch a {
	case GradientArrow:
		return "−lr∇f"
	case VelocityArrow:
		return "velocity"
	}
	return "update"
}

// Pens returns how the arrow is drawn at style st: the pen of its shaft,
// the wider pen of the halo under it, its head's length and shape.
func (a StepArrow) Pens(st Style) (pen, halo Pen, head float64, h Head) {
	lw, s := st.LineW, st.Scale
	switch a {
	case GradientArrow:
		pen = Pen{Stroke: Dashed, Width: 1.8 * lw, On: 7 * s, Off: 4 * s}
		halo = pen
		halo.Width = 4.4 * lw
		return pen, halo, 10 * s, OpenHead
	case VelocityArrow:
		pen = Pen{Stroke: Dotted, Width: 3.4 * lw, Off: 6 * s}
		halo = pen
		halo.Width = 6.2 * lw
		return pen, halo, 10 * s, OpenHead
	}
	pen = Pen{Stroke: Solid, Width: 3.2 * lw}
	halo = Pen{Stroke: Solid, Width: 6.4 * lw}
	return pen, halo, 13 * s, FilledHead
}

// DrawStepArrow adds arrow a from (ax, ay) to (bx, by) to l: a halo of
// colour halo (alpha 0: none), then the arrow in col. It reports whether
// the arrow was long enough to draw (a pixel).
func DrawStepArrow(l *shaders.Lines, a StepArrow, ax, ay, bx, by float64, st Style, col, halo shaders.Color) bool {
	pen, hp, head, h := a.Pens(st)
	dx, dy := bx-ax, by-ay
	n := math.Hypot(dx, dy)
	if !(n >= 1) || math.IsInf(n, 0) {
		return false
	}
	if halo[3] > 0 {
		head := math.Min(head, n*0.45)
		ux, uy := dx/n, dy/n
		back, edge := head*0.8, hp.Width-pen.Width+1
		if h == OpenHead {
			back, edge = pen.Width/2, hp.Width
		}
		hp.Line(l, ax, ay, bx-ux*back, by-uy*back, halo)
		ArrowHead(l, bx, by, ux, uy, head, edge, h, halo)
	}
	return StyledArrow(l, &pen, ax, ay, bx, by, head, h, col)
}

// ArrowTip is where an arrow of a kind ends on screen.
type ArrowTip struct {
	Kind StepArrow
	X, Y float64
}

// TipLabel is the label of one or more arrows ending at X, Y.
type TipLabel struct {
	Text string
	X, Y float64
}

// SameTip is how close (pixels) two arrows' tips are when GroupTips labels
// them as one.
const SameTip = 1.5

// GroupTips returns the labels of one step's arrows, the update's first,
// then the velocity's and the gradient step's: arrows ending at the same
// pixel share one label naming them all, "update = velocity" (heavy-ball
// momentum's update is its velocity, plain SGD's its gradient step).
func GroupTips(tips []ArrowTip) []TipLabel {
	var out []TipLabel
	order := [3]StepArrow{UpdateArrow, VelocityArrow, GradientArrow}
	used := make([]bool, len(tips))
	for _, kind := range order {
		for a := range tips {
			if used[a] || tips[a].Kind != kind {
				continue
			}
			used[a] = true
			text := kind.Label()
			for _, other := range order {
				for b := range tips {
					if !used[b] && tips[b].Kind == other && math.Hypot(tips[b].X-tips[a].X, tips[b].Y-tips[a].Y) <= SameTip {
						used[b] = true
						text += " = " + other.Label()
					}
				}
			}
			out = append(out, TipLabel{text, tips[a].X, tips[a].Y})
		}
	}
	return out
}

// DrawStepArrowSample adds a short arrow of kind a for a key: from (x, y)
// to (x+w, y).
func DrawStepArrowSample(l *shaders.Lines, a StepArrow, x, y, w float64, st Style, col shaders.Color) {
	DrawStepArrow(l, a, x, y, x+w, y, st, col, shaders.Color{})
}

// nablaShare is the nabla's height as a share of the font size, and
// nablaTop how far below the text box's top it starts (share of the box's
// height): the Go fonts' capitals.
const (
	nablaShare = 0.7
	nablaTop   = 0.2
)

// RichSize measures s at a font size as RichText draws it.
func RichSize(s string, size float64, st Style) (w, h float64) {
	parts := strings.Split(s, "∇")
	for i, p := range parts {
		if p != "" {
			pw, ph := st.MeasureText(p, size)
			w += pw
			h = math.Max(h, ph)
		}
		if i > 0 {
			w += nablaWidth(size)
		}
	}
	if h == 0 {
		_, h = st.MeasureText("M", size)
	}
	return w, h
}

// nablaWidth is the room a nabla takes, spacing included.
func nablaWidth(size float64) float64 { return 0.9*nablaShare*math.Abs(size) + 0.12*math.Abs(size) }

// RichText lays out t (its S, anchor, size and colour) with every "∇"
// drawn as strokes into l, and appends the plain pieces to texts. It
// returns texts and the box the whole takes.
func RichText(l *shaders.Lines, texts []Text, t Text, st Style) ([]Text, Rect) {
	w, h := RichSize(t.S, t.Size, st)
	x := t.X - t.AX*w
	y := t.Y - t.AY*h
	box := Rect{x, y, x + w, y + h}
	parts := strings.Split(t.S, "∇")
	size := math.Abs(t.Size)
	for i, p := range parts {
		if i > 0 {
			nh := nablaShare * size
			Nabla(l, x+0.05*size, y+nablaTop*h, nh, math.Max(1, 0.085*size), shaders.RGBA(t.Color, float64(t.Color.A)/255))
			x += nablaWidth(size)
		}
		if p == "" {
			continue
		}
		pw, ph := st.MeasureText(p, t.Size)
		texts = append(texts, Text{S: p, X: x, Y: y, Size: t.Size, Color: t.Color, W: pw, H: ph, Layer: t.Layer})
		x += pw
	}
	return texts, box
}

// KeyRow is one row of a key: a sample of what it stands for, drawn into
// the box given, and its text (RichText).
type KeyRow struct {
	Sample func(l *shaders.Lines, box Rect)
	Text   string
}

// Key sizes at label scale 1: the samples' width, the rows' spacing.
const (
	keySample = 34
	keyGap    = 8
	keyRowPad = 3
)

// KeySize returns the size of the panel Key draws rows in.
func KeySize(rows []KeyRow, st Style) (w, h float64) {
	s := st.Scale
	size := SmallSize * s
	for _, r := range rows {
		tw, th := RichSize(r.Text, size, st)
		sw := 0.0
		if r.Sample != nil {
			sw = (keySample + keyGap) * s
		}
		w = math.Max(w, sw+tw)
		h += th + keyRowPad*s
	}
	if len(rows) == 0 {
		return 0, 0
	}
	return w + 2*Pad*s*0.75, h - keyRowPad*s + 2*Pad*s*0.6
}

// Key draws rows in a panel whose top left corner is at (x, y): the panel
// (the theme's Panel colour) and samples into l, the texts appended to
// texts in the theme's text colour. It returns texts and the panel.
func Key(l *shaders.Lines, texts []Text, rows []KeyRow, x, y float64, st Style) ([]Text, Rect) {
	w, h := KeySize(rows, st)
	panel := Rect{x, y, x + w, y + h}
	if len(rows) == 0 {
		return texts, panel
	}
	th := st.Theme
	s := st.Scale
	FillRect(l, panel, th.Panel, float64(th.Panel.A)/255)
	OutlineRect(l, panel, float32(st.LineW), shaders.RGBA(th.PaneGrid, 1))
	size := SmallSize * s
	cy := y + Pad*s*0.6
	x0 := x + Pad*s*0.75
	anySample := false
	for _, r := range rows {
		anySample = anySample || r.Sample != nil
	}
	for _, r := range rows {
		_, rh := RichSize(r.Text, size, st)
		tx := x0
		if anySample && r.Sample != nil {
			r.Sample(l, Rect{x0, cy, x0 + keySample*s, cy + rh})
			tx += (keySample + keyGap) * s
		}
		texts, _ = RichText(l, texts, Text{S: r.Text, X: tx, Y: cy, Size: size, Color: th.Text, Layer: 1}, st)
		cy += rh + keyRowPad*s
	}
	return texts, panel
}

// ArrowKeyRows returns the key's rows for step arrows drawn in col: one
// per kind shown (velocity only when some run has one), the adaptive box
// when some run has one, and the scale's label.
func ArrowKeyRows(velocity, box bool, scale string, st Style, col color.RGBA) []KeyRow {
	c := shaders.RGBA(col, 1)
	row := func(a StepArrow, text string) KeyRow {
		return KeyRow{Text: text, Sample: func(l *shaders.Lines, b Rect) {
			DrawStepArrowSample(l, a, b.X0+1, (b.Y0+b.Y1)/2, b.W()-2, st, c)
		}}
	}
	rows := []KeyRow{row(UpdateArrow, "update")}
	if velocity {
		rows = append(rows, row(VelocityArrow, "velocity (momentum)"))
	}
	rows = append(rows, row(GradientArrow, "−lr∇f (gradient step)"))
	if box {
		rows = append(rows, KeyRow{Text: "adaptive step per coordinate", Sample: func(l *shaders.Lines, b Rect) {
			r := Rect{b.X0 + 6*st.Scale, b.Y0 + 2, b.X1 - 6*st.Scale, b.Y1 - 2}
			StepBox(l, r, st, col)
		}})
	}
	rows = append(rows, KeyRow{Text: scale})
	return rows
}

// StepBox draws the adaptive step's box r: a translucent fill and a thin
// outline in col.
func StepBox(l *shaders.Lines, r Rect, st Style, col color.RGBA) {
	FillRect(l, r, col, 0.14)
	OutlineRect(l, r, float32(1.4*st.LineW), shaders.RGBA(col, 0.9))
}

// The stability overlay's look at scale 1, shared by the views: the
// hatching's spacing and width (pixels), the fill's and the hatching's
// opacity, the edge's width (pixels).
const (
	HatchSpacing = 9
	HatchWidth   = 1.3
	UnstableFill = 0.2
	HatchAlpha   = 0.6
	EdgeWidth    = 2.2
)

// UnstableSwatch draws a key's sample of the unstable region in r: the
// fill, the hatching and the edge on the left side.
func UnstableSwatch(l *shaders.Lines, r Rect, st Style, col color.RGBA) {
	r = Rect{r.X0 + 2, r.Y0 + 1, r.X1 - 2, r.Y1 - 1}
	FillRect(l, r, col, UnstableFill)
	gap := HatchSpacing * st.Scale * math.Sqrt2 * 0.7
	w := float32(HatchWidth * st.LineW)
	for c0 := r.X0 + r.Y0 + gap/2; c0 < r.X1+r.Y1; c0 += gap {
		x0, x1 := math.Max(r.X0, c0-r.Y1), math.Min(r.X1, c0-r.Y0)
		if x1 > x0 {
			l.Segment(float32(x0), float32(c0-x0), float32(x1), float32(c0-x1), w, shaders.RGBA(col, HatchAlpha))
		}
	}
	l.Segment(float32(r.X0), float32(r.Y0), float32(r.X0), float32(r.Y1), float32(EdgeWidth*st.LineW), shaders.RGBA(col, 1))
}

// StabilityKeyRow returns the key's row of the stability overlay: its
// swatch in col and its legend text.
func StabilityKeyRow(text string, st Style, col color.RGBA) KeyRow {
	return KeyRow{Text: text, Sample: func(l *shaders.Lines, r Rect) { UnstableSwatch(l, r, st, col) }}
}
