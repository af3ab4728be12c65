package game

import (
	"fmt"
	"math"
	"strconv"

	"descent/scene/run"
	"descent/scene/surface"
	"descent/shaders"
)

// historyCap is the most points a loss history keeps per run. When it is
// full every other point is dropped and only every 2k-th step is kept from
// then on, so a run of any length costs the same memory and the chart
// still spans it from step 0.
const historyCap = 512

// lossHistory is one run's loss (and distance to the nearest known
// minimum) per step, decimated to at most historyCap points, plus the
// newest step.
type lossHistory struct {
	every  int // steps between kept points
	steps  []int
	loss   []float64
	dist   []float64
	last   int // newest step seen (-1: none)
	lastL  float64
	lastD  float64
	hasMin bool
}

func newLossHistory() *lossHistory {
	return &lossHistory{every: 1, last: -1}
}

// reset empties the history.
func (h *lossHistory) reset() {
	h.every, h.last = 1, -1
	h.steps, h.loss, h.dist = h.steps[:0], h.loss[:0], h.dist[:0]
}

// add records step's loss and distance; steps must come in increasing order.
func (h *lossHistory) add(step int, loss, dist float64) {
	h.last, h.lastL, h.lastD = step, loss, dist
	if step%h.every != 0 {
		return
	}
	h.steps = append(h.steps, step)
	h.loss = append(h.loss, loss)
	h.dist = append(h.dist, dist)
	if len(h.steps) < historyCap {
		return
	}
	h.every *= 2
	k := 0
	for i := range h.steps {
		if h.steps[i]%h.every == 0 {
			h.steps[k], h.loss[k], h.dist[k] = h.steps[i], h.loss[i], h.dist[i]
			k++
		}
	}
	h.steps, h.loss, h.dist = h.steps[:k], h.loss[:k], h.dist[:k]
}

// sync adds the steps r took since the last call, read from its trail (a
// restart empties the history first).
func (h *lossHistory) sync(r *run.Run, surf *surface.Surface) {
	steps := r.Steps()
	t := r.Trail
	n := t.Len()
	if n == 0 {
		return
	}
	if steps < h.last || (h.last >= 0 && t.At(0).Step == 0 && len(h.steps) > 0 && t.At(0).Loss != h.loss[0]) {
		h.reset()
	}
	from := h.last + 1
	if oldest := t.At(0).Step; from < oldest {
		from = oldest
	}
	for s := from; s <= steps; s++ {
		sm := t.At(n - 1 - (steps - s))
		d := math.NaN()
		if _, dd, ok := surf.NearestMinimum(sm.X, sm.Y); ok {
			d = dd
			h.hasMin = true
		}
		h.add(s, sm.Loss, d)
	}
}

// points calls f for each kept point and the newest one.
func (h *lossHistory) points(dist bool, f func(step int, v float64)) {
	vals := h.loss
	if dist {
		vals = h.dist
	}
	for i, s := range h.steps {
		f(s, vals[i])
	}
	if h.last >= 0 && (len(h.steps) == 0 || h.steps[len(h.steps)-1] != h.last) {
		v := h.lastL
		if dist {
			v = h.lastD
		}
		f(h.last, v)
	}
}

// lossChart draws the histories: one line per run in its legend colour,
// linear or logarithmic, loss or distance to the nearest minimum.
type lossChart struct {
	plot  plot2D
	log   bool
	dist  bool
	data  shaders.Lines
	frame shaders.Lines
	texts []textItem
}

// chartInput is what the chart draws.
type chartInput struct {
	pane     rect
	st       axisStyle
	runs     []runPath
	hist     []*lossHistory
	maxSteps int     // the scene's step limit (0: none)
	minValue float64 // the smallest known minimum's value (NaN: none)
}

// prepare builds the chart's frame.
func (c *lossChart) prepare(in chartInput) {
	st := in.st
	s := st.scale
	c.data.Reset()
	c.frame.Reset()
	c.texts = c.texts[:0]
	dist := c.dist
	hasMin := false
	for _, h := range in.hist {
		hasMin = hasMin || h.hasMin
	}
	if !hasMin {
		dist = false
	}

	// Range of the data.
	lastStep := 10
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, h := range in.hist {
		h.points(dist, func(step int, v float64) {
			lastStep = max(lastStep, step)
			if v-v == 0 {
				lo, hi = math.Min(lo, v), math.Max(hi, v)
			}
		})
	}
	// Log scale: of the loss above the best known minimum when some loss
	// is not positive (a surface whose minimum is negative).
	offset := 0.0
	yTitle := "loss"
	if dist {
		yTitle = "distance to minimum"
	}
	logScale := c.log
	if logScale && !dist && lo <= 0 {
		if m := in.minValue; m-m == 0 && m <= lo {
			offset = m
			yTitle = "loss − min"
		} else {
			logScale = false // no known floor (a saddle): linear is honest
		}
	}
	tr := func(v float64) (float64, bool) {
		if !logScale {
			return v, v-v == 0
		}
		v -= offset
		if !(v > 0) || math.IsInf(v, 0) {
			return 0, false
		}
		return math.Log10(v), true
	}
	ylo, yhi := math.Inf(1), math.Inf(-1)
	for _, h := range in.hist {
		h.points(dist, func(_ int, v float64) {
			if t, ok := tr(v); ok {
				ylo, yhi = math.Min(ylo, t), math.Max(yhi, t)
			}
		})
	}
	if !(yhi >= ylo) {
		ylo, yhi = 0, 1
	}
	if yhi-ylo < 1e-9 {
		ylo, yhi = ylo-0.5, yhi+0.5
	}
	if logScale {
		ylo, yhi = math.Floor(ylo*4)/4, math.Ceil(yhi*4)/4
		if yhi-ylo < 1 {
			yhi = ylo + 1
		}
	} else {
		pad := (yhi - ylo) * 0.05
		ylo, yhi = ylo-pad, yhi+pad
		if lo >= 0 && ylo < 0 {
			ylo = 0
		}
	}
	xmax := float64(lastStep)
	if in.maxSteps > 0 && lastStep <= in.maxSteps {
		xmax = float64(in.maxSteps)
	}
	c.plot.home = dataRect{0, xmax, ylo, yhi}
	c.plot.reset()

	// Legend column on the right.
	size := 13 * s
	sw := 22 * s
	legendW := 0.0
	labels := make([]string, len(in.runs))
	for i, r := range in.runs {
		labels[i] = r.label
		v := math.NaN()
		if i < len(in.hist) {
			v = in.hist[i].lastL
			if dist {
				v = in.hist[i].lastD
			}
		}
		if r.divergedAt > 0 {
			labels[i] += fmt.Sprintf("  diverged at %d", r.divergedAt)
		} else if v-v == 0 {
			labels[i] += "  " + formatValue(v)
		}
		w, _ := st.measureText(labels[i], size)
		legendW = math.Max(legendW, w)
	}
	legendW = math.Min(legendW+sw+18*s, in.pane.w()*0.4)
	l, t, r, b := st.plotMargins(true, true)
	_, lh := st.measureText("Ag", st.labelSize())
	t += lh
	c.plot.fit(in.pane.inset(l, t, r+legendW, b))
	p := &c.plot

	var ticks []tickMark
	if logScale {
		ticks = logTicks(ylo, yhi, p.px.h()/(40*s))
	}
	scaleName := "linear"
	if logScale {
		scaleName = "log"
	}
	c.texts = axisFrame(p, st, "step", yTitle+" ("+scaleName+")", true, ticks, &c.frame, c.texts)

	// Lines.
	lw := st.lineW
	for i, r := range in.runs {
		if i >= len(in.hist) {
			break
		}
		col := shaders.RGBA(r.color, 1)
		if r.grey {
			col = shaders.RGBA(st.theme.Grey, 1)
		}
		var px, py float64
		have := false
		in.hist[i].points(dist, func(step int, v float64) {
			t, ok := tr(v)
			if !ok {
				have = false
				return
			}
			x, y := p.toPixel(float64(step), t)
			y = math.Max(p.px.y0-1e4, math.Min(p.px.y1+1e4, y))
			if have {
				c.data.Segment(float32(px), float32(py), float32(x), float32(y), float32(2*lw), col)
			}
			px, py, have = x, y, true
		})
		if have {
			c.data.Disc(float32(px), float32(py), float32(3.5*lw), col)
		}
	}

	// Legend.
	x := p.px.x1 + 14*s
	_, rowH := st.measureText("Ag", size)
	rowH *= 1.45
	y := p.px.y0 + rowH/2
	for i, r := range in.runs {
		if y > in.pane.y1-rowH/2 {
			break
		}
		col := shaders.RGBA(r.color, 1)
		txt := st.theme.Text
		if r.grey {
			col, txt = shaders.RGBA(st.theme.Grey, 1), st.theme.Muted
		}
		c.frame.Segment(float32(x), float32(y), float32(x+sw), float32(y), float32(2.6*lw), col)
		c.frame.Disc(float32(x+sw/2), float32(y), float32(3.5*lw), col)
		c.texts = append(c.texts, textItem{s: labels[i], x: x + sw + 8*s, y: y, ax: 0, ay: 0.5, size: size, col: txt})
		y += rowH
	}
}

// logTicks returns the ticks of a log10 axis from lo to hi (exponents):
// labelled decades, with 2 and 5 labelled too when there are few decades,
// and faint minor lines at 2..9 when a decade is tall enough for them.
func logTicks(lo, hi, room float64) []tickMark {
	var out []tickMark
	d0, d1 := int(math.Floor(lo)), int(math.Ceil(hi))
	decades := d1 - d0
	every := max(1, int(math.Ceil(float64(decades)/math.Max(room, 2))))
	for d := d0; d <= d1; d++ {
		for m := 1; m <= 9; m++ {
			v := float64(d) + math.Log10(float64(m))
			if v < lo-1e-9 || v > hi+1e-9 {
				continue
			}
			switch {
			case m == 1 && d%every == 0:
				out = append(out, tickMark{v: v, s: decadeLabel(d)})
			case decades <= 2 && (m == 2 || m == 5):
				out = append(out, tickMark{v: v, s: strconv.FormatFloat(float64(m)*math.Pow(10, float64(d)), 'g', -1, 64)})
			case decades <= 6 && float64(decades)*1.25 <= room:
				// Minor lines only when a decade has ~50 px (room counts
				// 40 px label slots): denser ones grey the chart over.
				out = append(out, tickMark{v: v, minor: true})
			}
		}
	}
	return out
}

// decadeLabel writes 10^d briefly: 0.01, 0.1, 1, 10, 100, 1000, else 1e-05.
func decadeLabel(d int) string {
	if d >= -2 && d <= 3 {
		return strconv.FormatFloat(math.Pow(10, float64(d)), 'f', max(0, -d), 64)
	}
	return fmt.Sprintf("1e%d", d)
}
