package chart

import (
	"fmt"
	"image/color"
	"math"
	"strings"

	"github.com/hajimehoshi/ebiten/v2"

	"descent/scene/plot"
	"descent/shaders"
)

// Chart draws the histories: one line per run in its legend colour, linear
// or logarithmic, loss or distance to the nearest minimum, optionally each
// run's learning rate dashed against a second axis on the right and a
// cursor at the step the window shows, with a legend column on the right.
type Chart struct {
	plot  plot.Transform
	data  shaders.Lines
	frame shaders.Lines
	texts []plot.Text
}

// Series is one run as the chart shows it.
type Series struct {
	History *History
	Label   string
	Color   color.RGBA
	// Grey draws the line in the theme's grey (the run diverged).
	Grey bool
	// DivergedAt is the step the run diverged at (0: it did not).
	DivergedAt int
	// Loss and Dist are the run's values at the cursor (with
	// Frame.HasCursor), which the legend gives instead of the newest.
	Loss, Dist float64
}

// Frame is what the chart draws.
type Frame struct {
	Pane   plot.Rect
	Style  plot.Style
	Series []Series
	// Log draws the values on a log10 scale; Distance draws the distance to
	// the nearest known minimum instead of the loss (when a run has one).
	Log, Distance bool
	// MaxSteps is the scene's step limit (0: none): the x axis spans it.
	MaxSteps int
	// MinValue is the smallest known minimum's loss (NaN: none), the floor
	// of a log scale when losses go below zero.
	MinValue float64
	// LR draws each run's learning rate (the lr of the step after each
	// step) as a dashed line against a linear axis on the right, from 0.
	LR bool
	// HasCursor marks step Cursor with a vertical line: the step the
	// window shows while its timeline is scrubbed back.
	HasCursor bool
	Cursor    int
}

// Prepare builds the chart's frame.
func (c *Chart) Prepare(f Frame) {
	st := f.Style
	s := st.Scale
	th := st.Theme
	c.data.Reset()
	c.frame.Reset()
	c.texts = c.texts[:0]
	dist := f.Distance
	hasMin := false
	for _, sr := range f.Series {
		hasMin = hasMin || sr.History.hasMin
	}
	if !hasMin {
		dist = false
	}
	what := valueLoss
	if dist {
		what = valueDist
	}

	// Range of the data.
	lastStep := 10
	lo := math.Inf(1)
	for _, sr := range f.Series {
		sr.History.points(what, func(step int, v float64) {
			lastStep = max(lastStep, step)
			if v-v == 0 {
				lo = math.Min(lo, v)
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
	logScale := f.Log
	if logScale && !dist && lo <= 0 {
		if m := f.MinValue; m-m == 0 && m <= lo {
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
	for _, sr := range f.Series {
		sr.History.points(what, func(_ int, v float64) {
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
	if f.MaxSteps > 0 && lastStep <= f.MaxSteps {
		xmax = float64(f.MaxSteps)
	}
	c.plot = plot.NewTransform(plot.DataRect{X0: 0, X1: xmax, Y0: ylo, Y1: yhi}, false)

	// The lr axis, with room for its labels between the plot and the legend.
	var lr lrScale
	var lrRoom float64
	if f.LR {
		lr = newLRScale(f.Series)
		for _, t := range lr.ticks {
			w, _ := st.MeasureText(t.S, st.TickSize())
			lrRoom = math.Max(lrRoom, w)
		}
		if lr.ok {
			w, _ := st.MeasureText("lr", st.TitleSize())
			lrRoom = math.Max(lrRoom, w) + 10*s
		}
	}

	// Legend column on the right.
	size := plot.SmallSize * s
	sw := swatchWidth * s
	legendW := 0.0
	labels := make([]string, len(f.Series))
	values := make([]string, len(f.Series))
	for i, sr := range f.Series {
		_, v, d := sr.History.Last()
		if dist {
			v = d
		}
		if f.HasCursor {
			v = sr.Loss
			if dist {
				v = sr.Dist
			}
		}
		if sr.DivergedAt > 0 && (!f.HasCursor || f.Cursor >= sr.DivergedAt-1) {
			values[i] = fmt.Sprintf("  diverged at %d", sr.DivergedAt)
		} else if v-v == 0 {
			values[i] = "  " + plot.FormatValue(v)
		}
		w, _ := st.MeasureText(sr.Label+values[i], size)
		legendW = math.Max(legendW, w)
	}
	legendW = math.Min(legendW+sw+legendRoom*s, f.Pane.W()*maxLegendShare)
	// A label too long for the column loses its end, never its value.
	for i, sr := range f.Series {
		labels[i] = ellipsize(st, sr.Label, values[i], legendW-sw-legendRoom*s, size) + values[i]
	}
	l, t, r, b := st.Margins(true, true)
	_, lh := st.MeasureText("Ag", st.TitleSize())
	c.plot.Fit(f.Pane.Inset(l, t+lh, r+legendW+lrRoom, b))
	p := &c.plot

	var ticks []plot.Tick
	if logScale {
		ticks = plot.LogTicks(ylo, yhi, p.Px.H()/(logTickRoom*s))
	}
	scaleName := "linear"
	if logScale {
		scaleName = "log"
	}
	c.texts = plot.Frame(p, st, "step", yTitle+" ("+scaleName+")", true, ticks, &c.frame, c.texts)

	// Lines.
	lw := st.LineW
	for _, sr := range f.Series {
		col := shaders.RGBA(sr.Color, 1)
		if sr.Grey {
			col = shaders.RGBA(th.Grey, 1)
		}
		var px, py float64
		have := false
		sr.History.points(what, func(step int, v float64) {
			t, ok := tr(v)
			if !ok {
				have = false
				return
			}
			x, y := p.ToPixel(float64(step), t)
			y = math.Max(p.Px.Y0-1e4, math.Min(p.Px.Y1+1e4, y))
			if have {
				c.data.Segment(float32(px), float32(py), float32(x), float32(y), float32(2*lw), col)
			}
			px, py, have = x, y, true
		})
		if have {
			c.data.Disc(float32(px), float32(py), float32(3.5*lw), col)
		}
	}

	if lr.ok {
		c.lrAxis(f, lr)
	}
	if f.HasCursor {
		if x, _ := p.ToPixel(float64(f.Cursor), 0); x >= p.Px.X0-0.5 && x <= p.Px.X1+0.5 {
			c.data.Segment(float32(x), float32(p.Px.Y0), float32(x), float32(p.Px.Y1), float32(1.5*lw), shaders.RGBA(th.Text, 0.55))
			c.texts = append(c.texts, plot.Text{S: fmt.Sprintf("step %d", f.Cursor), X: x, Y: p.Px.Y0 - 2*s, AX: 0.5, AY: 1, Size: plot.SmallSize * s, Color: th.Text})
		}
	}

	// Legend.
	x := p.Px.X1 + lrRoom + legendGap*s
	_, rowH := st.MeasureText("Ag", size)
	rowH *= 1.45
	y := p.Px.Y0 + rowH/2
	for i, sr := range f.Series {
		if y > f.Pane.Y1-rowH/2 {
			break
		}
		col := shaders.RGBA(sr.Color, 1)
		txt := th.Text
		if sr.Grey {
			col, txt = shaders.RGBA(th.Grey, 1), th.Muted
		}
		c.frame.Segment(float32(x), float32(y), float32(x+sw), float32(y), float32(2.6*lw), col)
		c.frame.Disc(float32(x+sw/2), float32(y), float32(3.5*lw), col)
		c.texts = append(c.texts, plot.Text{S: labels[i], X: x + sw + labelGap*s, Y: y, AY: 0.5, Size: size, Color: txt})
		y += rowH
	}
}

// ellipsize returns label, cut short with "…" when label followed by
// suffix is wider than width at size.
func ellipsize(st plot.Style, label, suffix string, width, size float64) string {
	if w, _ := st.MeasureText(label+suffix, size); w <= width {
		return label
	}
	runes := []rune(label)
	lo, hi := 0, len(runes) // the longest prefix that fits lies in [lo, hi)
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if w, _ := st.MeasureText(string(runes[:mid])+"…"+suffix, size); w <= width {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return strings.TrimRight(string(runes[:lo]), " ") + "…"
}

// lrScale is the lr axis: linear from 0 to the largest lr, or, when the
// runs' lrs differ by more than lrLogRatio, logarithmic from a hundredth of
// the smallest run's largest lr (smaller lrs sit on the floor).
type lrScale struct {
	ok     bool // some run has a finite positive lr
	log    bool
	lo, hi float64 // the axis range (log10 values on a log axis)
	ticks  []plot.Tick
}

// lrLogRatio is the spread of the runs' largest lrs beyond which the lr
// axis turns logarithmic, so that a small lr is not a flat line at 0.
const lrLogRatio = 20

// newLRScale fits the lr axis to the series.
func newLRScale(series []Series) lrScale {
	top, smallest := 0.0, math.Inf(1)
	for _, sr := range series {
		most := 0.0
		sr.History.points(valueLR, func(_ int, v float64) {
			if v-v == 0 {
				most = math.Max(most, v)
			}
		})
		if most > 0 {
			top, smallest = math.Max(top, most), math.Min(smallest, most)
		}
	}
	if !(top > 0) {
		return lrScale{}
	}
	if top/smallest > lrLogRatio {
		lo, hi := math.Log10(smallest/100), math.Log10(top)+0.05
		return lrScale{ok: true, log: true, lo: lo, hi: hi, ticks: plot.LogTicks(lo, hi, 3)}
	}
	vals, step := plot.NiceTicks(0, top*1.05, 5)
	sc := lrScale{ok: true, hi: math.Max(top*1.05, vals[len(vals)-1])}
	for _, v := range vals {
		sc.ticks = append(sc.ticks, plot.Tick{V: v, S: plot.FormatTick(v, step)})
	}
	return sc
}

// y returns the height of lr v on the axis as a share of the plot's
// height from its bottom, and false for an lr it cannot place.
func (sc lrScale) y(v float64) (float64, bool) {
	if !(v-v == 0) || v < 0 {
		return 0, false
	}
	if sc.log {
		if v <= 0 {
			return 0, true // on the floor
		}
		return math.Max(0, (math.Log10(v)-sc.lo)/(sc.hi-sc.lo)), true
	}
	return (v - sc.lo) / (sc.hi - sc.lo), true
}

// lrAxis draws the lr axis on the right of the plot (ticks, labels, its
// title) and each run's lr as a dashed line in its colour.
func (c *Chart) lrAxis(f Frame, sc lrScale) {
	st := f.Style
	s := st.Scale
	th := st.Theme
	p := &c.plot
	lw := st.LineW
	edge := shaders.RGBA(th.Edge, 1)
	toY := func(share float64) float64 { return p.Px.Y1 - share*p.Px.H() }
	for _, t := range sc.ticks {
		if t.S == "" {
			continue
		}
		y := toY((t.V - sc.lo) / (sc.hi - sc.lo))
		c.frame.Segment(float32(p.Px.X1), float32(y), float32(p.Px.X1+5*s), float32(y), float32(lw), edge)
		c.texts = append(c.texts, plot.Text{S: t.S, X: p.Px.X1 + 8*s, Y: y, AY: 0.5, Size: st.TickSize(), Color: th.Muted})
	}
	title := "lr (dashed)"
	if sc.log {
		title = "lr (dashed, log)"
	}
	c.texts = append(c.texts, plot.Text{S: title, X: p.Px.X1, Y: p.Px.Y0 - 4*s, AX: 1, AY: 1, Size: st.TitleSize(), Color: th.Text})
	dash, gap := 7*s, 5*s
	for _, sr := range f.Series {
		col := shaders.RGBA(sr.Color, 0.9)
		if sr.Grey {
			col = shaders.RGBA(th.Grey, 0.9)
		}
		var px, py, phase float64
		have := false
		sr.History.points(valueLR, func(step int, v float64) {
			share, ok := sc.y(v)
			if !ok {
				have = false
				return
			}
			x, _ := p.ToPixel(float64(step), 0)
			y := toY(share)
			if have {
				phase = dashed(&c.data, px, py, x, y, dash, gap, phase, float32(1.4*lw), col)
			}
			px, py, have = x, y, true
		})
	}
}

// dashed draws the segment from (ax, ay) to (bx, by) as dashes of length
// dash separated by gap, starting phase pixels into the pattern, and
// returns the phase at its end so that a polyline's dashes run on.
func dashed(l *shaders.Lines, ax, ay, bx, by, dash, gap, phase float64, width float32, col shaders.Color) float64 {
	length := math.Hypot(bx-ax, by-ay)
	period := dash + gap
	for at := 0.0; at < length; {
		in := math.Mod(phase+at, period)
		var next float64
		if in < dash {
			next = math.Min(length, at+dash-in)
			t0, t1 := at/length, next/length
			l.Segment(float32(ax+(bx-ax)*t0), float32(ay+(by-ay)*t0), float32(ax+(bx-ax)*t1), float32(ay+(by-ay)*t1), width, col)
		} else {
			next = math.Min(length, at+period-in)
		}
		at = next
	}
	return math.Mod(phase+length, period)
}

// The legend column in pixels at scale 1: its distance from the plot, the
// width of a row's colour swatch, the gap between swatch and label, and the
// room the column takes besides its swatch and longest label.
const (
	legendGap   = 14
	swatchWidth = 22
	labelGap    = 8
	legendRoom  = 18
)

// maxLegendShare is the largest share of the pane's width the legend takes.
const maxLegendShare = 0.4

// logTickRoom is the height in pixels (at scale 1) of one label slot of a
// log axis.
const logTickRoom = 40

// Texts returns the labels of the last frame.
func (c *Chart) Texts() []plot.Text { return c.texts }

// Draw draws the frame the last Prepare built.
func (c *Chart) Draw(dst *ebiten.Image, fonts *plot.Fonts) {
	_ = c.frame.Draw(dst)
	_ = c.data.Draw(plot.SubImage(dst, c.plot.Px.Inset(-4, -4, -4, -4)))
	fonts.DrawAll(dst, c.texts)
}
