package chart

import (
	"fmt"
	"image/color"
	"math"

	"github.com/hajimehoshi/ebiten/v2"

	"descent/scene/plot"
	"descent/shaders"
)

// Chart draws the histories: one line per run in its legend colour, linear
// or logarithmic, loss or distance to the nearest minimum, with a legend
// column on the right.
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

	// Range of the data.
	lastStep := 10
	lo := math.Inf(1)
	for _, sr := range f.Series {
		sr.History.points(dist, func(step int, v float64) {
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
		sr.History.points(dist, func(_ int, v float64) {
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

	// Legend column on the right.
	size := plot.SmallSize * s
	sw := swatchWidth * s
	legendW := 0.0
	labels := make([]string, len(f.Series))
	for i, sr := range f.Series {
		labels[i] = sr.Label
		_, v, d := sr.History.Last()
		if dist {
			v = d
		}
		if sr.DivergedAt > 0 {
			labels[i] += fmt.Sprintf("  diverged at %d", sr.DivergedAt)
		} else if v-v == 0 {
			labels[i] += "  " + plot.FormatValue(v)
		}
		w, _ := st.MeasureText(labels[i], size)
		legendW = math.Max(legendW, w)
	}
	legendW = math.Min(legendW+sw+legendRoom*s, f.Pane.W()*maxLegendShare)
	l, t, r, b := st.Margins(true, true)
	_, lh := st.MeasureText("Ag", st.TitleSize())
	c.plot.Fit(f.Pane.Inset(l, t+lh, r+legendW, b))
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
		sr.History.points(dist, func(step int, v float64) {
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

	// Legend.
	x := p.Px.X1 + legendGap*s
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
