// Package hud lays out and draws what the window shows over its panes: the
// scene's title, the legend with each run's loss and distance to the
// nearest minimum, the step and playback status, hints and notes, the frame
// statistics, the help overlay listing every key, and the recording
// indicator with short confirmations.
package hud

import (
	"fmt"
	"image/color"
	"math"

	"github.com/hajimehoshi/ebiten/v2"

	"descent/scene/plot"
	"descent/shaders"
)

// Run is what the legend shows about one run.
type Run struct {
	Label string
	Color color.RGBA
	Loss  float64
	// Dist is the distance to the nearest known minimum, when HasDist.
	Dist    float64
	HasDist bool
	// DivergedAt is the step the run diverged at (0: it did not).
	DivergedAt int
	// Hidden greys the row out: the views leave the run out.
	Hidden bool
	// Swarm, when not empty, adds a line under the run's row: a chip per
	// outcome of the run's particles (each known minimum, then elsewhere
	// and diverged) with the share of the particles there so far.
	Swarm []Share
	// SwarmNote, when set, begins that line (how many particles; or why
	// they are not shown).
	SwarmNote string
}

// Share is one outcome of a swarm's particles in the legend: the colour of
// its chip and the fraction of the particles it holds.
type Share struct {
	Color color.RGBA
	Value float64
}

// HelpRow is one row of the help overlay: the keys and what they do.
type HelpRow struct {
	Keys, Action string
}

// Frame is everything the overlays show.
type Frame struct {
	W, H  float64 // the screen's size in pixels
	Style plot.Style
	Title string
	// Runs fill the legend (none: no legend, e.g. when the loss chart
	// shows one).
	Runs       []Run
	Step       int
	MaxSteps   int
	Rate       float64
	Paused     bool
	Finished   bool
	AutoRotate bool
	Ortho      bool
	// ShowHUD shows the status, hints and notes (H hides them); the title
	// and legend stay.
	ShowHUD bool
	// Hint shows "F1 help" at the bottom (not in recordings, where nobody
	// can press a key).
	Hint bool
	// HintText, when set, is the hint instead of Hint (an embedded page's
	// "Space play / pause").
	HintText string
	// HideStatus leaves out the step counter and playback state at the top
	// left (an embedded page's minimal controls).
	HideStatus bool
	// Help, when set, is the help overlay's rows.
	Help []HelpRow
	// Stats is the frame statistics line (empty: none).
	Stats string
	// Note is a remark at the bottom right (e.g. that heights are clipped).
	Note string
	// Selected is 1 + the index of the selected run, whose legend row is
	// tinted (0: none).
	Selected int
	// Readout is the selected run's state, shown at the bottom right (no
	// title: none).
	Readout Readout
	// LegendNote is a line at the foot of the legend (e.g. that the loss
	// has no minimum, so the runs show no distance to one).
	LegendNote string
	// Timeline is the scrubbing strip at the bottom (with ShowHUD).
	Timeline Timeline
	// Caption is a storyboard's caption, shown in a box at the bottom
	// centre ("" for none), also without the HUD and in recordings.
	Caption string
}

// HUD is the overlays' layout for one frame.
type HUD struct {
	panels  [2]shaders.Lines // under layer 1's texts, and the help's
	texts   []plot.Text
	legend  plot.Rect
	rows    []plot.Rect // the legend's rows
	rowRuns []int       // the run of each row
	readout readoutLayout
}

// selectedAlpha is how strongly the selected run's legend row is tinted.
const selectedAlpha = 0.16

// lw64 returns a line width as a float64.
func lw64(w float32) float64 { return float64(w) }

// LegendRowAt returns the run whose legend row holds pixel (x, y) in the
// legend of frame f, as Prepare would place it.
func LegendRowAt(f Frame, x, y float64) (int, bool) {
	f.Help, f.Stats = nil, ""
	var h HUD
	h.Prepare(f)
	for k, r := range h.rows {
		if r.Contains(x, y) {
			return h.rowRuns[k], true
		}
	}
	return 0, false
}

// Texts returns the texts of the last Prepare.
func (h *HUD) Texts() []plot.Text { return h.texts }

// Legend returns the screen area of the legend (empty when none is shown).
func (h *HUD) Legend() plot.Rect { return h.legend }

// StatusHeight returns the height the panes leave at the top for the
// status's first line at scale s (its second line may sit beside a pane's
// margin).
func StatusHeight(s float64) float64 { return statusHeight * s }

// StatusBottom returns where both lines of the status end at scale s: a
// pane that starts at its top edge (a grid's cell) starts below it.
func StatusBottom(s float64) float64 { return statusBottom * s }

// Geometry of the overlays in pixels at scale 1.
const (
	statusHeight = 36 // the step counter at the top left
	statusBottom = 56 // the step counter and the playback state below it
	hintHeight   = 18 // the hint line at the bottom
	swatchWidth  = 30 // a legend row's line of the run's colour
	legendGap    = 10 // between a legend row's swatch, label and infos
	underTitle   = 10 // between the title and a legend moved under it
	helpGap      = 24 // between the help's keys and what they do
)

// The help overlay's panel is nearly opaque.
const helpAlpha = 0.97

// Prepare lays out the overlays of frame f.
func (h *HUD) Prepare(f Frame) {
	st := f.Style
	s := st.Scale
	th := st.Theme
	h.panels[0].Reset()
	h.panels[1].Reset()
	h.texts = h.texts[:0]
	h.legend = plot.Rect{}
	h.rows = h.rows[:0]
	pad := plot.Pad * s
	margin := plot.Margin * s
	lw := float32(st.LineW)
	layer := 1
	panel := func(r plot.Rect) {
		l := &h.panels[layer-1]
		bg := th.Panel
		a := float64(bg.A) / 255
		if layer == 2 {
			a = helpAlpha
		}
		bg.A = 255
		plot.FillRect(l, r, bg, a)
		plot.OutlineRect(l, r, lw, shaders.RGBA(th.PaneGrid, 1))
	}

	// Title, top centre.
	top := titleTop * s
	titleRight := 0.0
	if f.Title != "" {
		size := -plot.TitleSize * s
		w, ht := st.MeasureText(f.Title, size)
		h.texts = append(h.texts, plot.Text{S: f.Title, X: f.W / 2, Y: top, AX: 0.5, Size: size, Color: th.Text, Layer: layer})
		top += ht
		titleRight = f.W/2 + w/2
	}

	// Legend, top right: swatch, label and, with the HUD, loss and distance.
	if len(f.Runs) > 0 {
		size := plot.TextSize * s
		small := plot.SmallSize * s
		_, rowH := st.MeasureText("Ag", size)
		rowH *= 1.35
		// The swarms' lines: a line under the label of each run with a
		// swarm.
		swarmH := 0.0
		for _, r := range f.Runs {
			if len(r.Swarm) > 0 || r.SwarmNote != "" {
				swarmH = rowH * swarmLine
				break
			}
		}
		// Rows that would run past most of the screen give way to a line
		// saying how many more runs there are (the panel lists them all).
		highest := math.Max(margin, top+underTitle*s)
		shown := legendRows(f.Runs, f.Selected-1, rowH, swarmH, f.H*legendShare-highest-2*pad)
		more := ""
		if n := len(f.Runs) - len(shown); n > 0 {
			more = fmt.Sprintf("… and %d more runs", n)
		}
		labelW, infoW := 0.0, 0.0
		infos := make([]string, len(shown))
		for i, ri := range shown {
			r := f.Runs[ri]
			w, _ := st.MeasureText(r.Label, size)
			labelW = math.Max(labelW, w)
			switch {
			case r.Hidden:
				infos[i] = "hidden"
			case r.DivergedAt > 0:
				infos[i] = fmt.Sprintf("diverged at step %d", r.DivergedAt)
			case !f.ShowHUD:
			case r.HasDist:
				infos[i] = fmt.Sprintf("loss %s   to min %s", plot.FormatValue(r.Loss), plot.FormatValue(r.Dist))
			default:
				infos[i] = fmt.Sprintf("loss %s", plot.FormatValue(r.Loss))
			}
			w, _ = st.MeasureText(infos[i], small)
			infoW = math.Max(infoW, w)
			// The widest a run's numbers get, so that the legend keeps its
			// width while the numbers change and the panes can keep clear
			// of it.
			if widest := widestInfo(r, f.ShowHUD); widest != "" {
				w, _ = st.MeasureText(widest, small)
				infoW = math.Max(infoW, w)
			}
		}
		sw := swatchWidth * s
		gap := legendGap * s
		width := pad + sw + gap + labelW + pad
		if infoW > 0 {
			width += 2*gap + infoW
		}
		// The swarms' lines: the note, then a chip and a percentage per
		// outcome, under the label.
		chip := swarmChip * s
		for _, ri := range shown {
			r := f.Runs[ri]
			if len(r.Swarm) == 0 && r.SwarmNote == "" {
				continue
			}
			w := pad + sw + gap
			if r.SwarmNote != "" {
				nw, _ := st.MeasureText(r.SwarmNote, small)
				w += nw + gap
			}
			pw, _ := st.MeasureText("100%", small)
			w += float64(len(r.Swarm))*(2*chip+chip/2+pw+gap) + pad
			width = math.Max(width, w)
		}
		noteH, moreH := 0.0, 0.0
		if f.LegendNote != "" {
			var noteW float64
			noteW, noteH = st.MeasureText(f.LegendNote, small)
			width = math.Max(width, noteW+2*pad)
			noteH *= 1.3
		}
		if more != "" {
			var moreW float64
			moreW, moreH = st.MeasureText(more, small)
			width = math.Max(width, moreW+2*pad)
			moreH *= 1.3
		}
		x1 := f.W - margin
		x0 := x1 - width
		y0 := margin
		if x0 < titleRight+margin {
			y0 = top + underTitle*s // under the title when they would meet
		}
		runsH := 0.0
		for _, ri := range shown {
			runsH += legendRowHeight(f.Runs[ri], rowH, swarmH)
		}
		y1 := y0 + pad*2 + runsH - rowH*0.35 + moreH + noteH
		h.legend = plot.Rect{X0: x0, Y0: y0, X1: x1, Y1: y1}
		panel(h.legend)
		h.rows = h.rows[:0]
		h.rowRuns = h.rowRuns[:0]
		y := y0 + pad
		for k, i := range shown {
			r := f.Runs[i]
			cy := y + rowH*0.5/1.35
			extra := 0.0
			if len(r.Swarm) > 0 || r.SwarmNote != "" {
				extra = swarmH
			}
			row := plot.Rect{X0: x0 + lw64(lw), Y0: cy - rowH/2, X1: x1 - lw64(lw), Y1: cy + rowH/2 + extra}
			y += rowH + extra
			h.rows = append(h.rows, row)
			h.rowRuns = append(h.rowRuns, i)
			if i == f.Selected-1 {
				plot.FillRect(&h.panels[0], row, th.Accent, selectedAlpha)
			}
			col := r.Color
			txt := th.Text
			if r.DivergedAt > 0 || r.Hidden {
				col, txt = th.Grey, th.Muted
			}
			c := shaders.RGBA(col, 1)
			sx := x0 + pad
			h.panels[0].Segment(float32(sx), float32(cy), float32(sx+sw), float32(cy), 2.6*lw, c)
			h.panels[0].Disc(float32(sx+sw/2), float32(cy), 4.5*lw, c)
			h.texts = append(h.texts, plot.Text{S: r.Label, X: sx + sw + gap, Y: cy, AY: 0.5, Size: size, Color: txt, Layer: layer})
			if infos[k] != "" {
				h.texts = append(h.texts, plot.Text{S: infos[k], X: x1 - pad, Y: cy, AX: 1, AY: 0.5, Size: small, Color: th.Muted, Layer: layer})
			}
			if extra > 0 {
				h.swarmLine(r, sx+sw+gap, cy+rowH*0.5+extra*0.45, chip, gap, small, layer, st)
			}
		}
		if more != "" {
			h.texts = append(h.texts, plot.Text{S: more, X: x0 + pad, Y: y1 - pad - noteH, AY: 1, Size: small, Color: th.Muted, Layer: layer})
		}
		if f.LegendNote != "" {
			h.texts = append(h.texts, plot.Text{S: f.LegendNote, X: x0 + pad, Y: y1 - pad, AY: 1, Size: small, Color: th.Muted, Layer: layer})
		}
	}

	if f.ShowHUD {
		// Step and playback state, top left.
		size := plot.TextSize * s
		status := fmt.Sprintf("step %d", f.Step)
		if f.MaxSteps > 0 {
			status = fmt.Sprintf("step %d / %d", f.Step, f.MaxSteps)
		}
		state := fmt.Sprintf("%s steps/s", plot.FormatValue(f.Rate))
		switch {
		case f.Finished:
			state = "finished"
		case f.Paused:
			state = "paused"
		}
		if t := f.Timeline; t.Shown && t.Step < t.Frontier {
			state += fmt.Sprintf(" · back in time (End: step %d)", t.Frontier)
		}
		if f.AutoRotate {
			state += " · turning"
		}
		if f.Ortho {
			state += " · ortho"
		}
		if !f.HideStatus {
			h.texts = append(h.texts, plot.Text{S: status, X: margin, Y: margin, Size: -size, Color: th.Text, Layer: layer})
			_, ht := st.MeasureText(status, -size)
			h.texts = append(h.texts, plot.Text{S: state, X: margin, Y: margin + ht*1.15, Size: plot.SmallSize * s, Color: th.Muted, Layer: layer})
		}
		// Hint and note, bottom; with the timeline, the hint sits in its
		// strip and the note above it.
		room := TimelineRoom(f)
		if f.Hint {
			hy, ay := f.H-pad, 1.0
			if room > 0 {
				hy, ay = f.H-room/2, 0.5
			}
			h.texts = append(h.texts, plot.Text{S: f.hint(), X: margin, Y: hy, AY: ay, Size: plot.SmallSize * s, Color: th.Muted, Layer: layer})
		}
		if f.Note != "" {
			h.texts = append(h.texts, plot.Text{S: f.Note, X: f.W - margin, Y: f.H - room - pad, AX: 1, AY: 1, Size: plot.SmallSize * s, Color: th.Muted, Layer: layer})
		}
		h.layoutTimeline(f)
	}
	if f.Stats != "" {
		h.texts = append(h.texts, plot.Text{S: f.Stats, X: margin, Y: 4 * margin, Size: plot.SmallSize * s, Color: th.Text, Layer: layer})
	}
	h.readout = f.Readout.layout(f.W, f.H-TimelineRoom(f), st)
	if f.Caption != "" {
		h.layoutCaption(f, panel)
	}
	if f.Help != nil {
		layer = 2
		h.layoutHelp(f, panel)
	}
}

// layoutCaption places the caption in a box at the bottom centre, above
// the timeline and the hint.
func (h *HUD) layoutCaption(f Frame, panel func(plot.Rect)) {
	st := f.Style
	s := st.Scale
	size := -captionSize * s
	// Centred in the width the readout leaves free.
	x0, x1 := 0.0, f.W
	if rb := h.readout.box; !rb.Empty() {
		x1 = rb.X0 - plot.Margin*s
	}
	w, ht := st.MeasureMathText(f.Caption, size)
	pad := 1.6 * plot.Pad * s
	for w+2*pad > x1-x0-2*plot.Margin*s && size < -8*s {
		size *= 0.92 // a long caption in a narrow window: smaller, never cut
		w, ht = st.MeasureMathText(f.Caption, size)
	}
	cx := (x0 + x1) / 2
	bottom := f.H - math.Max(TimelineRoom(f), hintHeight*s) - captionGap*s
	box := plot.Rect{X0: cx - w/2 - pad, Y0: bottom - ht - 2*pad, X1: cx + w/2 + pad, Y1: bottom}
	panel(box)
	h.texts = append(h.texts, plot.Text{S: f.Caption, X: cx, Y: (box.Y0 + box.Y1) / 2, AX: 0.5, AY: 0.5, Size: size, Color: st.Theme.Text, Layer: 1, Math: true})
}

// The caption's text size and its distance from the bottom strip (pixels
// at scale 1).
const (
	captionSize = 20
	captionGap  = 18
)

// swarmLine writes a run's swarm line at x, centred on y: its note, then
// a chip of each outcome's colour and the share it holds.
func (h *HUD) swarmLine(r Run, x, y, chip, gap, size float64, layer int, st plot.Style) {
	th := st.Theme
	if r.SwarmNote != "" {
		h.texts = append(h.texts, plot.Text{S: r.SwarmNote, X: x, Y: y, AY: 0.5, Size: size, Color: th.Muted, Layer: layer})
		w, _ := st.MeasureText(r.SwarmNote, size)
		x += w + gap
	}
	for _, sh := range r.Swarm {
		plot.FillRect(&h.panels[0], plot.Rect{X0: x, Y0: y - chip, X1: x + 2*chip, Y1: y + chip}, sh.Color, 1)
		x += 2*chip + chip/2
		txt := Percent(sh.Value)
		h.texts = append(h.texts, plot.Text{S: txt, X: x, Y: y, AY: 0.5, Size: size, Color: th.Text, Layer: layer})
		w, _ := st.MeasureText("100%", size)
		x += w + gap
	}
}

// Percent writes a share as a whole percentage, "<1%" for a share that is
// not zero but rounds to it.
func Percent(v float64) string {
	if v > 0 && v < 0.005 {
		return "<1%"
	}
	return fmt.Sprintf("%.0f%%", 100*v)
}

// swarmChip is half the side of a swarm share's colour chip, and
// swarmLine the height of a swarm's line as a share of a legend row
// (pixels at scale 1, and a fraction).
const (
	swarmChip = 4.5
	swarmLine = 0.85
)

// legendShare is the most of the screen's height the legend reaches down
// to before its rows give way to a line saying how many more runs there
// are.
const legendShare = 0.75

// legendRowHeight is the height of run r's legend row: a line, and a
// swarm's line under it.
func legendRowHeight(r Run, rowH, swarmH float64) float64 {
	if len(r.Swarm) > 0 || r.SwarmNote != "" {
		return rowH + swarmH
	}
	return rowH
}

// legendRows returns the runs whose rows the legend shows, in order: all
// of them when their rows fit in height, else the first ones that fit with
// a line for the rest (at least one), the last of them replaced by the
// selected run (index selected; -1 for none) when it is not among them.
func legendRows(runs []Run, selected int, rowH, swarmH, height float64) []int {
	total := 0.0
	for _, r := range runs {
		total += legendRowHeight(r, rowH, swarmH)
	}
	n := len(runs)
	if total > height {
		used := rowH // the line saying how many more
		n = 0
		for n < len(runs) && used+legendRowHeight(runs[n], rowH, swarmH) <= height {
			used += legendRowHeight(runs[n], rowH, swarmH)
			n++
		}
		n = max(n, 1)
	}
	shown := make([]int, n)
	for i := range shown {
		shown[i] = i
	}
	if selected >= n && selected < len(runs) {
		shown[n-1] = selected
	}
	return shown
}

// titleTop is the title's distance from the top (pixels at scale 1).
const titleTop = 14

// widestInfo returns the widest a legend row's numbers can be written for
// run r ("" when the row shows none).
func widestInfo(r Run, showHUD bool) string {
	switch {
	case r.DivergedAt > 0:
		return "diverged at step 000000"
	case !showHUD:
		return ""
	case r.HasDist:
		return "loss -0.000e-00   to min 0.000e-00"
	default:
		return "loss -0.000e-00"
	}
}

// LegendBox returns the screen area the legend of frame f takes (empty when
// it shows none), as Prepare would place it.
func LegendBox(f Frame) plot.Rect {
	f.Help, f.Stats = nil, ""
	var h HUD
	h.Prepare(f)
	return h.legend
}

// Hint is the line at the bottom that tells a new user where to start.
const Hint = "F1 help · drag to turn · wheel to zoom"

// hint returns the hint line f shows.
func (f Frame) hint() string {
	if f.HintText != "" {
		return f.HintText
	}
	return Hint
}

// HintHeight returns the height the hint line takes at scale s: panes
// that reach the bottom leave it free.
func HintHeight(s float64) float64 { return hintHeight * s }

// layoutHelp places the help overlay in the middle of the screen, its
// text shrunk as far as needed for every row to fit the window's height.
func (h *HUD) layoutHelp(f Frame, panel func(plot.Rect)) {
	st := f.Style
	th := st.Theme
	s := st.Scale
	const head = "Keys"
	var keyW, actionW, rowH, headH, pad, gap, size, width, height float64
	measure := func(k float64) {
		pad, gap, size = plot.Pad*s*k, helpGap*s*k, plot.HelpSize*s*k
		keyW, actionW, rowH = 0, 0, 0
		for _, r := range f.Help {
			w, ht := st.MeasureText(r.Keys, -size)
			keyW, rowH = math.Max(keyW, w), math.Max(rowH, ht)
			w, _ = st.MeasureText(r.Action, size)
			actionW = math.Max(actionW, w)
		}
		rowH *= 1.3
		_, headH = st.MeasureText(head, -plot.HelpHeadSize*s*k)
		width = 2*pad + keyW + gap + actionW + 2*pad
		height = 2*pad + headH*1.4 + rowH*float64(len(f.Help)) + pad
	}
	measure(1)
	if height > f.H && height > 0 {
		measure(math.Max(minHelpShrink, f.H/height))
	}
	x0, y0 := (f.W-width)/2, math.Max(0, (f.H-height)/2)
	panel(plot.Rect{X0: x0, Y0: y0, X1: x0 + width, Y1: y0 + height})
	h.texts = append(h.texts, plot.Text{S: head, X: x0 + 2*pad, Y: y0 + pad, Size: -size * plot.HelpHeadSize / plot.HelpSize, Color: th.Text, Layer: 2})
	y := y0 + pad + headH*1.4
	for _, r := range f.Help {
		h.texts = append(h.texts,
			plot.Text{S: r.Keys, X: x0 + 2*pad, Y: y, Size: -size, Color: th.Text, Layer: 2},
			plot.Text{S: r.Action, X: x0 + 2*pad + keyW + gap, Y: y, Size: size, Color: th.Muted, Layer: 2})
		y += rowH
	}
}

// minHelpShrink is the smallest the help overlay's text gets in a short
// window (a share of its normal size).
const minHelpShrink = 0.5

// Draw draws the overlays the last Prepare laid out.
func (h *HUD) Draw(dst *ebiten.Image, fonts *plot.Fonts) {
	_ = h.panels[0].Draw(dst)
	fonts.DrawLayer(dst, h.texts, 1)
	_ = h.readout.lines.Draw(dst)
	fonts.DrawAll(dst, h.readout.texts)
	_ = h.panels[1].Draw(dst)
	fonts.DrawLayer(dst, h.texts, 2)
}
