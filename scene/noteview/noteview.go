// Package noteview draws a scene's notes (package note) over a view:
// callouts with a leader line to their surface point, crosses, circles and
// arrows at surface points, and labels fixed to the screen. A view hands it
// a projection from surface points to its pixels; a 3-D view's projection
// also says how much of a point shows (hills hide notes as they hide
// trails).
package noteview

import (
	"image/color"
	"math"

	"github.com/hajimehoshi/ebiten/v2"

	"descent/scene/note"
	"descent/scene/plot"
	"descent/shaders"
)

// Projection maps surface point (x, y) (y is ignored on a 1-D surface) to
// the pixel it shows at, with how much of it shows (1 in front, less
// behind a hill); ok is false where the point cannot be shown.
type Projection func(x, y float64) (sx, sy, shown float64, ok bool)

// Layer is the notes laid out for one frame.
type Layer struct {
	lines shaders.Lines
	texts []plot.Text
	boxes []plot.Rect // the callouts' boxes placed so far, kept apart
}

// Geometry in pixels at scale 1.
const (
	calloutReach = 46  // from a callout's point to its label
	markerSize   = 8   // a cross's half-width, a circle's radius
	dotSize      = 3.5 // a callout's anchor
	boxPad       = 6   // around a callout's text
	labelSize    = 15  // the notes' text size
	edgeRoom     = 12  // how far labels keep from the pane's edges
)

// Reset empties the layer.
func (l *Layer) Reset() {
	l.lines.Reset()
	l.texts = l.texts[:0]
	l.boxes = l.boxes[:0]
}

// AddPoints lays out the notes pinned to surface points (callouts,
// markers, arrows) through project, kept inside pane.
func (l *Layer) AddPoints(notes []note.Note, project Projection, pane plot.Rect, st plot.Style) {
	s := st.Scale
	th := st.Theme
	ink := th.Text
	size := labelSize * s
	for _, n := range notes {
		if n.Kind == note.Label {
			continue
		}
		sx, sy, shown, ok := project(n.X, n.Y)
		if !ok || !pane.Contains(sx, sy) {
			continue
		}
		a := float32(0.35 + 0.65*math.Max(0, math.Min(1, shown)))
		col := shaders.RGBA(ink, float64(a))
		halo := shaders.RGBA(th.Background, 0.85*float64(a)) // keeps marks readable on dark colours
		lw := float32(1.6 * st.LineW)
		switch n.Kind {
		case note.Cross:
			r := float32(markerSize * s)
			x, y := float32(sx), float32(sy)
			for _, k := range [...]struct {
				w float32
				c shaders.Color
			}{{4.4 * lw, halo}, {2 * lw, col}} {
				l.lines.Segment(x-r, y-r, x+r, y+r, k.w, k.c)
				l.lines.Segment(x-r, y+r, x+r, y-r, k.w, k.c)
			}
			l.text(n.Text, sx+markerSize*s*1.6, sy, 0, 0.5, size, th, a)
		case note.Circle:
			ring(&l.lines, sx, sy, markerSize*s*1.3, lw*3.4, halo)
			ring(&l.lines, sx, sy, markerSize*s*1.3, lw*1.4, col)
			l.text(n.Text, sx+markerSize*s*2, sy, 0, 0.5, size, th, a)
		case note.Arrow:
			ex, ey, _, ok2 := project(n.X2, n.Y2)
			if !ok2 {
				continue
			}
			plot.Arrow(&l.lines, sx, sy, ex, ey, float64(lw)*3.2, 13*s, halo)
			plot.Arrow(&l.lines, sx, sy, ex, ey, float64(lw)*1.3, 11*s, col)
			l.text(n.Text, (sx+ex)/2, (sy+ey)/2-6*s, 0.5, 1, size, th, a)
		case note.Callout:
			// The label goes up and to the right if it can, else to the
			// first other corner that keeps inside the pane and clear of
			// the callouts placed before it.
			w, h := st.MeasureMathText(n.Text, size)
			bw, bh := w+2*boxPad*s, h+2*boxPad*s
			var box plot.Rect
			var lx, ly float64
			for k, d := range [...][2]float64{{1, -1}, {-1, -1}, {1, 1}, {-1, 1}, {1, -2.2}, {-1, -2.2}, {1, 2.2}, {-1, 2.2}} {
				lx, ly = sx+d[0]*calloutReach*s, sy+d[1]*calloutReach*s
				box = plot.Rect{X0: lx, Y0: ly - bh/2, X1: lx + bw, Y1: ly + bh/2}
				if d[0] < 0 {
					box.X0, box.X1 = lx-bw, lx
				}
				inside := box.X0 >= pane.X0+edgeRoom*s && box.X1 <= pane.X1-edgeRoom*s && box.Y0 >= pane.Y0+edgeRoom*s && box.Y1 <= pane.Y1-edgeRoom*s
				if inside && !l.overlaps(box) || k == 7 {
					break
				}
			}
			l.boxes = append(l.boxes, box)
			l.lines.Disc(float32(sx), float32(sy), float32(dotSize*s), col)
			l.lines.Segment(float32(sx), float32(sy), float32(lx), float32(ly), lw, col)
			bg := th.Panel
			plot.FillRect(&l.lines, box, bg, 0.92*float64(a))
			plot.OutlineRect(&l.lines, box, lw*0.7, col)
			l.texts = append(l.texts, plot.Text{S: n.Text, X: (box.X0 + box.X1) / 2, Y: (box.Y0 + box.Y1) / 2, AX: 0.5, AY: 0.5, Size: size, Color: fade(th.Text, a), Math: true, Layer: 1})
		}
	}
}

// AddLabels lays out the notes fixed to the screen, in screen (the whole
// window): top under the title, bottom above the bottom strip of height
// bottom, or at their fractions of the screen.
func (l *Layer) AddLabels(notes []note.Note, screen plot.Rect, top, bottom float64, st plot.Style) {
	s := st.Scale
	for _, n := range notes {
		if n.Kind != note.Label {
			continue
		}
		size := -labelSize * 1.25 * s
		switch n.Place {
		case "top":
			l.text(n.Text, (screen.X0+screen.X1)/2, top+edgeRoom*s, 0.5, 0, size, st.Theme, 1)
		case "bottom":
			l.text(n.Text, (screen.X0+screen.X1)/2, screen.Y1-bottom-edgeRoom*s, 0.5, 1, size, st.Theme, 1)
		default:
			x := screen.X0 + n.SX*screen.W()
			y := screen.Y0 + n.SY*screen.H()
			l.text(n.Text, x, y, n.SX, n.SY, size, st.Theme, 1)
		}
	}
}

// text adds a note's text (none when empty).
func (l *Layer) text(s string, x, y, ax, ay, size float64, th plot.Theme, a float32) {
	if s == "" {
		return
	}
	l.texts = append(l.texts, plot.Text{S: s, X: x, Y: y, AX: ax, AY: ay, Size: size, Color: fade(th.Text, a), Math: true, Layer: 1})
}

// overlaps reports whether r meets a callout box placed before.
func (l *Layer) overlaps(r plot.Rect) bool {
	for _, b := range l.boxes {
		if b.Overlaps(r) {
			return true
		}
	}
	return false
}

// Boxes returns the callouts' boxes laid out.
func (l *Layer) Boxes() []plot.Rect { return l.boxes }

// Texts returns the texts laid out (for tests).
func (l *Layer) Texts() []plot.Text { return l.texts }

// Shapes returns the number of shapes laid out (for tests).
func (l *Layer) Shapes() int { return l.lines.Len() }

// Draw draws the layer.
func (l *Layer) Draw(dst *ebiten.Image, fonts *plot.Fonts) {
	_ = l.lines.Draw(dst)
	fonts.DrawAll(dst, l.texts)
}

// fade returns c (premultiplied, as color.RGBA is) with its opacity
// scaled by a.
func fade(c color.RGBA, a float32) color.RGBA {
	f := func(v uint8) uint8 { return uint8(float32(v)*a + 0.5) }
	return color.RGBA{f(c.R), f(c.G), f(c.B), f(c.A)}
}

// ring draws a circle of radius r as short segments.
func ring(l *shaders.Lines, x, y, r float64, w float32, c shaders.Color) {
	const n = 28
	for i := range n {
		a0, a1 := 2*math.Pi*float64(i)/n, 2*math.Pi*float64(i+1)/n
		l.Segment(float32(x+r*math.Cos(a0)), float32(y+r*math.Sin(a0)), float32(x+r*math.Cos(a1)), float32(y+r*math.Sin(a1)), w, c)
	}
}
