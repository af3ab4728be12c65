package record

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"
)

// Progress draws a one-line progress bar such as
//
//	[########............] 12/51 frames 3.1 fps ETA 4s
//
// redrawn in place with a carriage return, at most ten times a second. It
// draws only when its writer is a terminal (an *os.File that is a character
// device), so redirected stderr stays clean. A nil *Progress does nothing.
type Progress struct {
	w       io.Writer
	total   int
	now     func() time.Time
	start   time.Time
	last    time.Time // last redraw
	done    int
	lineLen int // length of the line on screen, for clearing
}

// progressWidth is the number of cells of the bar.
const progressWidth = 20

// NewProgress returns a progress bar for total frames (0: unknown) that
// draws on w, or nil when w is not a terminal.
func NewProgress(w io.Writer, total int) *Progress {
	if !IsTerminal(w) {
		return nil
	}
	return newProgressTo(w, total, time.Now)
}

// newProgressTo draws on any writer, with the given clock (for tests).
func newProgressTo(w io.Writer, total int, now func() time.Time) *Progress {
	return &Progress{w: w, total: total, now: now, start: now()}
}

// IsTerminal reports whether w is a terminal (a character device).
func IsTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok || f == nil {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// Set records that done frames are finished and redraws the bar when a
// tenth of a second has passed since the last redraw or the last frame is done.
func (p *Progress) Set(done int) {
	if p == nil {
		return
	}
	p.done = done
	t := p.now()
	if p.lineLen > 0 && t.Sub(p.last) < 100*time.Millisecond && done != p.total {
		return
	}
	p.last = t
	line := p.line(t)
	pad := max(0, p.lineLen-len(line))
	fmt.Fprintf(p.w, "\r%s%s", line, strings.Repeat(" ", pad))
	p.lineLen = len(line)
}

// line renders the bar's text for time t.
func (p *Progress) line(t time.Time) string {
	elapsed := t.Sub(p.start).Seconds()
	rate := 0.0
	if elapsed > 0 {
		rate = float64(p.done) / elapsed
	}
	var b strings.Builder
	if p.total > 0 {
		filled := min(progressWidth, p.done*progressWidth/p.total)
		b.WriteString("[" + strings.Repeat("#", filled) + strings.Repeat(".", progressWidth-filled) + "] ")
		fmt.Fprintf(&b, "%d/%d frames %.1f fps", p.done, p.total, rate)
		if rate > 0 && p.done < p.total {
			eta := time.Duration(float64(p.total-p.done) / rate * float64(time.Second))
			fmt.Fprintf(&b, " ETA %v", eta.Round(time.Second))
		}
	} else {
		fmt.Fprintf(&b, "%d frames %.1f fps", p.done, rate)
	}
	return b.String()
}

// Clear erases the bar, leaving the cursor at the start of the line.
func (p *Progress) Clear() {
	if p == nil || p.lineLen == 0 {
		return
	}
	fmt.Fprintf(p.w, "\r%s\r", strings.Repeat(" ", p.lineLen))
	p.lineLen = 0
}
