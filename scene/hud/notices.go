package hud

import (
	"fmt"
	"math"
	"sync"
	"time"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/vector"

	"descent/scene/plot"
)

// NoticeTime is how long a confirmation stays on screen.
const NoticeTime = 4 * time.Second

// Notices holds the latest short confirmation ("Saved descent-….png"). It
// is safe for concurrent use: captures finish on goroutines of their own and
// report here.
type Notices struct {
	mu    sync.Mutex
	msg   string
	until time.Time
	now   func() time.Time
}

// Say shows a confirmation for NoticeTime, replacing the last one.
func (n *Notices) Say(format string, args ...any) {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.msg = fmt.Sprintf(format, args...)
	n.until = n.clock().Add(NoticeTime)
}

// Current returns the confirmation to show now ("" when none).
func (n *Notices) Current() string {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.msg == "" || n.clock().After(n.until) {
		return ""
	}
	return n.msg
}

func (n *Notices) clock() time.Time {
	if n.now != nil {
		return n.now()
	}
	return time.Now()
}

// Status is what DrawStatus shows.
type Status struct {
	// Recording shows the REC indicator; Since is how long the recording
	// has been running (the dot blinks every half second).
	Recording bool
	Since     time.Duration
	// Notice is the confirmation to show ("" for none).
	Notice string
}

// Geometry of the status in pixels at scale 1.
const (
	recordX, recordY = 70, 40 // the REC dot's centre, from the bottom right corner
	recordDot        = 7      // its radius
	noticeSize       = 14     // the confirmations' font size
	noticePad        = 8      // around a confirmation's text
	noticeBottom     = 64     // from the bottom to a confirmation's text
)

// DrawStatus draws the recording indicator (a blinking red dot and "REC"
// in the bottom right corner) and the latest confirmation (centred near
// the bottom). It is drawn after a frame has been captured, so neither is
// ever in a screenshot or recording.
func DrawStatus(dst *ebiten.Image, fonts *plot.Fonts, st plot.Style, s Status) {
	b := dst.Bounds()
	w, h := float64(b.Dx()), float64(b.Dy())
	k := st.Scale
	th := st.Theme
	if s.Recording {
		x, y := w-recordX*k, h-recordY*k
		if int(s.Since.Seconds()*2)%2 == 0 {
			vector.FillCircle(dst, float32(x), float32(y), float32(recordDot*k), th.Recording, true)
		}
		fonts.Draw(dst, plot.Text{S: "REC", X: x + (recordDot+5)*k, Y: y, AY: 0.5, Size: -noticeSize * k, Color: th.Recording})
	}
	if s.Notice == "" {
		return
	}
	size := noticeSize * k
	tw, tht := fonts.Measure(s.Notice, size)
	pad := noticePad * k
	x0 := math.Round((w - tw) / 2)
	y0 := math.Round(h - noticeBottom*k - tht)
	vector.FillRect(dst, float32(x0-pad), float32(y0-pad), float32(tw+2*pad), float32(tht+2*pad), th.ToastBack, false)
	fonts.Draw(dst, plot.Text{S: s.Notice, X: x0, Y: y0, Size: size, Color: th.ToastText})
}
