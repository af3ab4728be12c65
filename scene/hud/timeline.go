package hud

import (
	"fmt"
	"math"

	"descent/scene/plot"
	"descent/shaders"
)

// Timeline is the strip at the bottom of the window that scrubs the runs
// through the steps they have computed: a track spanning the scene's steps
// (or the steps computed, when it has no limit), the computed part filled,
// and a handle at the step shown.
type Timeline struct {
	Shown    bool
	Step     int // the step shown
	Frontier int // the furthest step computed
	MaxSteps int // the scene's step limit (0: none)
}

// Geometry of the timeline strip in pixels at scale 1.
const (
	timelineRoom   = 26 // the strip's height, the hint line in it
	timelineGap    = 18 // between the hint and the track, the track and its label
	timelineTrack  = 4  // the track's thickness
	timelineHandle = 6  // the handle's radius
	timelineReach  = 9  // how far above or below the track a press still grabs it
)

// TimelineRoom returns the height the timeline strip takes at the bottom
// of the window at scale s (0 when it is not shown): the panes end above
// it.
func TimelineRoom(f Frame) float64 {
	if !f.Timeline.Shown || !f.ShowHUD {
		return 0
	}
	return timelineRoom * f.Style.Scale
}

// timelineSpan returns the last step the track spans.
func (t Timeline) span() int {
	if t.MaxSteps > 0 && t.Frontier <= t.MaxSteps {
		return max(1, t.MaxSteps)
	}
	return max(1, t.Frontier)
}

// timelineLabel is the text right of the track: the step shown and, when
// it is behind, the furthest computed.
func (t Timeline) label() string {
	if t.Step < t.Frontier {
		return fmt.Sprintf("%d / %d computed", t.Step, t.Frontier)
	}
	return fmt.Sprintf("%d computed", t.Frontier)
}

// TimelineTrack returns the screen rectangle of the track (its height the
// reach of a press on it), empty when the timeline is not shown.
func TimelineTrack(f Frame) plot.Rect {
	room := TimelineRoom(f)
	if room == 0 {
		return plot.Rect{}
	}
	st := f.Style
	s := st.Scale
	size := plot.SmallSize * s
	x0 := plot.Margin * s
	if f.Hint {
		w, _ := st.MeasureText(f.hint(), size)
		x0 += w + timelineGap*s
	}
	lw, _ := st.MeasureText(fmt.Sprintf("%d / %d computed", f.Timeline.span(), f.Timeline.span()), size)
	x1 := f.W - plot.Margin*s - lw - timelineGap*s
	cy := f.H - room/2
	if x1 < x0+40*s {
		return plot.Rect{}
	}
	return plot.Rect{X0: x0, Y0: cy - timelineReach*s, X1: x1, Y1: cy + timelineReach*s}
}

// TimelineStepAt returns the step at pixel column x of the track of frame
// f, clamped to the steps computed.
func TimelineStepAt(f Frame, x float64) int {
	r := TimelineTrack(f)
	if r.Empty() {
		return f.Timeline.Step
	}
	u := (x - r.X0) / r.W()
	step := int(math.Round(u * float64(f.Timeline.span())))
	return max(0, min(step, f.Timeline.Frontier))
}

// layoutTimeline adds the timeline strip's shapes and label.
func (h *HUD) layoutTimeline(f Frame) {
	r := TimelineTrack(f)
	if r.Empty() {
		return
	}
	st := f.Style
	s := st.Scale
	th := st.Theme
	t := f.Timeline
	l := &h.panels[0]
	cy := float32((r.Y0 + r.Y1) / 2)
	w := float32(timelineTrack * s)
	span := float64(t.span())
	at := func(step int) float32 { return float32(r.X0 + r.W()*math.Min(1, float64(step)/span)) }
	l.Segment(float32(r.X0), cy, float32(r.X1), cy, w, shaders.RGBA(th.PaneGrid, 1))
	l.Disc(float32(r.X0), cy, w/2, shaders.RGBA(th.Muted, 0.55))
	l.Segment(float32(r.X0), cy, at(t.Frontier), cy, w, shaders.RGBA(th.Muted, 0.55))
	l.Disc(at(t.Frontier), cy, w/2, shaders.RGBA(th.Muted, 0.55))
	hx := at(t.Step)
	l.Disc(hx, cy, float32(timelineHandle*s+st.LineW), shaders.RGBA(th.Background, 1))
	l.Disc(hx, cy, float32(timelineHandle*s), shaders.RGBA(th.Accent, 1))
	h.texts = append(h.texts, plot.Text{S: t.label(), X: r.X1 + timelineGap*s, Y: float64(cy), AY: 0.5, Size: plot.SmallSize * s, Color: th.Muted, Layer: 1})
}
