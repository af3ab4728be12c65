package flatview

import (
	"math"

	"descent/scene/arrows"
	"descent/scene/plot"
	"descent/shaders"
)

// arrowShare bounds every arrow (and the adaptive box's half-diagonal): at
// most this share of the plot's smaller side, in pixels.
const arrowShare = 0.25

// historySpacing is the least path length (pixels at scale 1) between two
// faded update arrows of earlier steps.
const historySpacing = 24

// historyRuns is the most runs with arrows for which earlier steps get
// faded arrows (more would clutter the map).
const historyRuns = 2

// labelRuns is the most runs with arrows that all get labelled arrows;
// with more, only the first one drawn does.
const labelRuns = 2

// drawnArrow is an arrow as drawn, in pixels (kept for tests).
type drawnArrow struct {
	run            int
	kind           plot.StepArrow
	ax, ay, bx, by float64
}

// arrowOutput is what drawing the arrows left for Draw and for tests.
type arrowOutput struct {
	k      float64 // the common factor
	label  string  // "arrows ×k"
	maxLen float64 // the bound on an arrow's length, pixels
	drawn  []drawnArrow
	boxes  []plot.Rect
	faded  []drawnArrow // earlier steps' arrows
	placed []plot.Rect
}

// stepsOf returns the steps the frame draws arrows for and the indices of
// their runs: runs with a finite Step that did not diverge, starting inside
// the plot (a run far off the view must not shrink the arrows in it).
func stepsOf(f Frame, p *plot.Transform, curve bool) (steps []arrows.Step, idx []int) {
	if !f.Arrows {
		return nil, nil
	}
	for i, r := range f.Runs {
		if r.Step == nil || r.Grey || !r.Step.Finite() {
			continue
		}
		y := 0.0
		if len(r.Step.From) > 1 {
			y = r.Step.From[1]
		}
		if curve {
			y = (p.Vis.Y0 + p.Vis.Y1) / 2 // the arrows' rows follow the point
		}
		if x, y := p.ToPixel(r.Step.From[0], y); p.Px.Contains(x, y) {
			steps = append(steps, *r.Step)
			idx = append(idx, i)
		}
	}
	return steps, idx
}

// arrowFits returns the factor and label for the frame's steps on a plot
// whose pixels per data unit are sx, sy, with arrows at most maxLen pixels.
func arrowFits(steps []arrows.Step, sx, sy, maxLen float64) (float64, string) {
	return arrows.Scale(steps, maxLen, func(v []float64) float64 {
		if len(v) == 1 {
			return math.Abs(v[0] * sx)
		}
		return math.Hypot(v[0]*sx, v[1]*sy)
	})
}

// labelFor places the label of an arrow ending at (bx, by) and pointing
// along (ux, uy): beyond the tip, or beside it, wherever it overlaps
// nothing placed yet and stays inside the plot. ok is false when there is
// no room.
func labelFor(text string, bx, by, ux, uy float64, st plot.Style, inside plot.Rect, placed []plot.Rect) (t plot.Text, box plot.Rect, ok bool) {
	return labelTry(text, bx, by, [][2]float64{{ux, uy}, {-uy, ux}, {uy, -ux}}, st, inside, placed)
}

// labelTry places a label at (bx, by), trying the directions given in turn
// and then the four diagonals; a label that would stick out of inside is
// pushed back in, as long as it then keeps clear of (bx, by).
func labelTry(text string, bx, by float64, try [][2]float64, st plot.Style, inside plot.Rect, placed []plot.Rect) (t plot.Text, box plot.Rect, ok bool) {
	size := plot.SmallSize * st.Scale
	w, h := plot.RichSize(text, size, st)
	gap := 5 * st.Scale
	if w > inside.W() || h > inside.H() {
		return plot.Text{}, plot.Rect{}, false
	}
	try = append(try[:len(try):len(try)], [2]float64{0.7, -0.7}, [2]float64{-0.7, -0.7}, [2]float64{0.7, 0.7}, [2]float64{-0.7, 0.7})
	for _, d := range try {
		ax, ay := (1-d[0])/2, (1-d[1])/2
		x, y := bx+d[0]*gap, by+d[1]*gap
		x0, y0 := x-ax*w, y-ay*h
		px := max(inside.X0, min(x0, inside.X1-w))
		py := max(inside.Y0, min(y0, inside.Y1-h))
		b := plot.Rect{X0: px, Y0: py, X1: px + w, Y1: py + h}
		if (px != x0 || py != y0) && b.Inset(-gap/2, -gap/2, -gap/2, -gap/2).Contains(bx, by) {
			continue // pushed back over the point it labels
		}
		clear := true
		for _, p := range placed {
			if p.Overlaps(b) {
				clear = false
				break
			}
		}
		if clear {
			return plot.Text{S: text, X: b.X0, Y: b.Y0, Size: size, Color: st.Theme.Text, W: w, H: h, Layer: 1}, b, true
		}
	}
	return plot.Text{}, plot.Rect{}, false
}

// addLabel adds an arrow's label with a translucent backdrop to the
// overlay, if there is room.
func (o *arrowOutput) addLabel(lines *shaders.Lines, texts []plot.Text, text string, ax, ay, bx, by float64, st plot.Style, inside plot.Rect) []plot.Text {
	dx, dy := bx-ax, by-ay
	n := math.Hypot(dx, dy)
	if n < minLabelled*st.Scale {
		return texts // too short to tell apart: the key says what it is
	}
	t, box, ok := labelFor(text, bx, by, dx/n, dy/n, st, inside, o.placed)
	if horizontal := dy == 0; horizontal {
		// Stacked rows: beyond the tip, or before the start.
		t, box, ok = labelTry(text, bx, by, [][2]float64{{dx / n, 0}}, st, inside, o.placed)
		if !ok {
			t, box, ok = labelTry(text, ax, ay, [][2]float64{{-dx / n, 0}}, st, inside, o.placed)
		}
	}
	if !ok {
		return texts
	}
	pad := 2 * st.Scale
	plot.FillRect(lines, box.Inset(-pad, -pad/2, -pad, -pad/2), st.Theme.Panel, 0.78)
	o.placed = append(o.placed, box.Inset(-pad, -pad, -pad, -pad))
	texts, _ = plot.RichText(lines, texts, t, st)
	return texts
}

// drawContourArrows draws, for every run with a step, the adaptive box,
// the gradient step, the velocity and the update at its current point,
// all scaled by one factor, with labels where there is room; arrows go
// into the front batch, labels into the overlay.
func (c *Contour) drawContourArrows(f Frame) {
	c.arrows = c.arrows.reuse()
	p := &c.plot
	steps, idx := stepsOf(f, p, false)
	if len(steps) == 0 {
		return
	}
	st := f.Style
	th := st.Theme
	o := &c.arrows
	o.maxLen = arrowShare * math.Min(p.Px.W(), p.Px.H())
	o.k, o.label = arrowFits(steps, p.SX, p.SY, o.maxLen)
	halo := shaders.RGBA(th.Halo, 0.75)
	labelled := labelledRun(steps, func(v []float64) float64 { return o.k * math.Hypot(v[0]*p.SX, v[1]*p.SY) }, st)
	// Keep labels off the current points.
	for _, i := range idx {
		if sm, ok := f.Runs[i].Trail.Last(); ok {
			x, y := p.ToPixel(sm.X, sm.Y)
			r := 7 * st.LineW
			o.placed = append(o.placed, plot.Rect{X0: x - r, Y0: y - r, X1: x + r, Y1: y + r})
		}
	}
	for n, i := range idx {
		s := steps[n]
		r := f.Runs[i]
		col := r.ink(th)
		ax, ay := p.ToPixel(s.From[0], s.From[1])
		if len(s.Box) == 2 {
			hx, hy := o.k*s.Box[0]*p.SX, o.k*s.Box[1]*p.SY
			b := plot.Rect{X0: ax - hx, Y0: ay - hy, X1: ax + hx, Y1: ay + hy}
			plot.StepBox(&c.front, b, st, r.Color)
			o.boxes = append(o.boxes, b)
		}
		if len(idx) <= historyRuns {
			c.drawHistory(r, o.k, o.maxLen, st)
		}
		var tips []plot.ArrowTip
		for _, kind := range plot.StepArrows {
			v := s.Vectors()[kind]
			if v == nil {
				continue
			}
			bx, by := p.ToPixel(s.From[0]+o.k*v[0], s.From[1]+o.k*v[1])
			if plot.DrawStepArrow(&c.front, kind, ax, ay, bx, by, st, col, halo) {
				o.drawn = append(o.drawn, drawnArrow{run: i, kind: kind, ax: ax, ay: ay, bx: bx, by: by})
				tips = append(tips, plot.ArrowTip{Kind: kind, X: bx, Y: by})
			}
		}
		if len(idx) <= labelRuns || n == labelled {
			for _, g := range plot.GroupTips(tips) {
				c.overTexts = o.addLabel(&c.over, c.overTexts, g.Text, ax, ay, g.X, g.Y, st, p.Px)
			}
		}
	}
}

// reuse returns an empty output keeping o's memory.
func (o arrowOutput) reuse() arrowOutput {
	return arrowOutput{drawn: o.drawn[:0], boxes: o.boxes[:0], faded: o.faded[:0], placed: o.placed[:0]}
}

// labelledRun returns which of steps gets labels when there are too many
// to label all: the first whose longest arrow (length, in pixels) leaves
// room for a label.
func labelledRun(steps []arrows.Step, length func(v []float64) float64, st plot.Style) int {
	for n, s := range steps {
		vs := s.Vectors()
		for _, v := range vs[:3] {
			if v != nil && length(v) >= minLabelled*st.Scale {
				return n
			}
		}
	}
	return 0
}

// minLabelled is the shortest arrow (pixels at scale 1) that gets a label.
const minLabelled = 14

// drawHistory draws faded update arrows of the run's earlier steps, scaled
// by k like the current ones: along the path, at most one per
// historySpacing pixels of path and none starting on the last one drawn;
// steps whose arrow would exceed maxLen are left out.
func (c *Contour) drawHistory(r Run, k, maxLen float64, st plot.Style) {
	p := &c.plot
	n := r.Trail.Len()
	if n < 3 {
		return
	}
	col := r.ink(st.Theme).Scale(0.5)
	halo := shaders.RGBA(st.Theme.Halo, 0.3)
	spacing := historySpacing * st.Scale
	need := spacing
	walked := 0.0
	prev := r.Trail.At(0)
	px, py := p.ToPixel(prev.X, prev.Y)
	for i := 0; i+1 < n-1; i++ { // the last step is the current one
		next := r.Trail.At(i + 1)
		nx, ny := p.ToPixel(next.X, next.Y)
		seg := math.Hypot(nx-px, ny-py)
		if walked >= need && p.Px.Contains(px, py) {
			bx, by := px+k*(nx-px), py+k*(ny-py)
			if l := k * seg; l >= 6*st.Scale && l <= maxLen {
				pen := plot.Pen{Width: 1.5 * st.LineW}
				head := 7 * st.Scale
				hp := plot.Pen{Width: 3.4 * st.LineW}
				hp.Line(&c.front, px, py, bx, by, halo)
				if plot.StyledArrow(&c.front, &pen, px, py, bx, by, head, plot.FilledHead, col) {
					c.arrows.faded = append(c.arrows.faded, drawnArrow{kind: plot.UpdateArrow, ax: px, ay: py, bx: bx, by: by})
					walked = 0
					need = math.Max(spacing, l)
				}
			}
		}
		walked += seg
		px, py = nx, ny
	}
}

// curveRow is the spacing (pixels at scale 1) of the rows a curve stacks a
// step's arrows in under its current point.
const curveRow = 16

// drawCurveArrows draws each run's step on a curve: the arrows are
// horizontal (a step moves x alone), so they are stacked in rows under the
// current point, the update first, each starting below the point; the
// adaptive box is the interval it spans, a band across the rows.
func (c *Curve) drawCurveArrows(f Frame) {
	c.arrows = c.arrows.reuse()
	p := &c.plot
	steps, idx := stepsOf(f, p, true)
	if len(steps) == 0 {
		return
	}
	st := f.Style
	th := st.Theme
	o := &c.arrows
	o.maxLen = arrowShare * math.Min(p.Px.W(), p.Px.H())
	o.k, o.label = arrowFits(steps, p.SX, p.SY, o.maxLen)
	// The curve's plain background: a halo in its colour only parts the
	// arrows from the grid.
	halo := shaders.RGBA(th.Background, 0.9)
	labelled := labelledRun(steps, func(v []float64) float64 { return o.k * math.Abs(v[0]*p.SX) }, st)
	_, th0 := plot.RichSize("velocity", plot.SmallSize*st.Scale, st)
	row := math.Max(curveRow*st.Scale, th0+2*st.Scale)
	for n, i := range idx {
		s := steps[n]
		r := f.Runs[i]
		col := r.ink(th)
		sm, ok := r.Trail.Last()
		if !ok {
			continue
		}
		ax, ay := p.ToPixel(s.From[0], sm.Loss)
		kinds := []plot.StepArrow{plot.UpdateArrow}
		if s.Velocity != nil {
			kinds = append(kinds, plot.VelocityArrow)
		}
		kinds = append(kinds, plot.GradientArrow)
		dir := 1.0 // rows go down, or up near the plot's bottom
		if ay+row*float64(len(kinds)+1) > p.Px.Y1 {
			dir = -1
		}
		y0 := ay + dir*row*1.1
		y1 := y0 + dir*row*float64(len(kinds)-1)
		guide := plot.Pen{Stroke: plot.Dotted, Width: 1.6 * st.LineW, Off: 4 * st.Scale}
		guide.Line(&c.data, ax, ay, ax, y1, col.Scale(0.6))
		if len(s.Box) == 1 {
			h := o.k * s.Box[0] * p.SX
			b := plot.Rect{X0: ax - h, Y0: math.Min(y0, y1) - row/2, X1: ax + h, Y1: math.Max(y0, y1) + row/2}
			plot.StepBox(&c.data, b, st, r.Color)
			o.boxes = append(o.boxes, b)
		}
		labels := len(idx) <= labelRuns || n == labelled
		for j, kind := range kinds {
			v := s.Vectors()[kind]
			y := y0 + dir*row*float64(j)
			bx, _ := p.ToPixel(s.From[0]+o.k*v[0], 0)
			if plot.DrawStepArrow(&c.data, kind, ax, y, bx, y, st, col, halo) {
				o.drawn = append(o.drawn, drawnArrow{run: i, kind: kind, ax: ax, ay: y, bx: bx, by: y})
				if labels {
					c.overTexts = o.addLabel(&c.over, c.overTexts, kind.Label(), ax, y, bx, y, st, p.Px)
				}
			}
		}
	}
}

// drawKey draws the key of the arrows and the overlay in a corner of the
// plot clear of the areas to avoid.
func (c *Curve) drawKey(f Frame) {
	c.keyBox = plot.Rect{}
	steps, _ := stepsOf(f, &c.plot, true)
	rows := keyRows(f, &c.arrows, steps)
	if len(rows) == 0 {
		return
	}
	busy := c.arrows.busy(f.Style)
	marks := append([][2]float64(nil), c.marks...)
	for _, r := range f.Runs {
		marks = trailMarks(marks, r, func(x, y, loss float64) (float64, float64) { return c.plot.ToPixel(x, loss) })
	}
	w, h := plot.KeySize(rows, f.Style)
	x, y := placeKey(c.plot.Px, w, h, f.Avoid, busy, marks, f.Style)
	c.overTexts, c.keyBox = plot.Key(&c.over, c.overTexts, rows, x, y, f.Style)
}

// busy returns the areas the key must not cover: every arrow's bounding
// box, every box and label.
func (o *arrowOutput) busy(st plot.Style) []plot.Rect {
	var out []plot.Rect
	m := 6 * st.Scale
	for _, a := range o.drawn {
		out = append(out, plot.Rect{X0: math.Min(a.ax, a.bx) - m, Y0: math.Min(a.ay, a.by) - m, X1: math.Max(a.ax, a.bx) + m, Y1: math.Max(a.ay, a.by) + m})
	}
	out = append(out, o.boxes...)
	return append(out, o.placed...)
}

// around returns the square of half-side r around (x, y).
func around(x, y, r float64) plot.Rect { return plot.Rect{X0: x - r, Y0: y - r, X1: x + r, Y1: y + r} }

// trailMarks appends up to 64 of a run's iterates, evenly spread, as
// pixels (where the key should not go).
func trailMarks(marks [][2]float64, r Run, px func(x, y, loss float64) (float64, float64)) [][2]float64 {
	n := r.Trail.Len()
	step := max(1, n/64)
	for i := n - 1; i >= 0; i -= step {
		s := r.Trail.At(i)
		x, y := px(s.X, s.Y, s.Loss)
		marks = append(marks, [2]float64{x, y})
	}
	return marks
}
