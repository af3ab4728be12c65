// Package capture takes frames out of the window: the frame pipeline that
// hands rendered frames to a file writer on a goroutine of its own (for
// 'descent record' and for recordings made from the window), PNG
// screenshots, the timestamped names they are saved under, and the Tap
// that watches the frames the window draws.
//
// The window's Draw only draws and then shows the frame to the Tap; what
// the frame is used for (a screenshot, a recording, counting frames) was
// decided in Update, and the writing happens on the capture package's own
// goroutines, which report back through the Tap.
package capture

import (
	"fmt"
	"image"
	"time"
)

// Writer receives rendered frames; a record.Writer is one. The image may be
// reused as soon as WriteFrame returns.
type Writer interface {
	WriteFrame(img *image.RGBA) error
}

// Sink is a Writer that is finished with Close, or thrown away with Abort
// (nothing is left behind): a file being recorded.
type Sink interface {
	Writer
	Close() error
	Abort()
}

// Name returns the name of a capture taken at t: descent-YYYYMMDD-HHMMSS.EXT.
func Name(t time.Time, ext string) string {
	return "descent-" + t.Format("20060102-150405") + "." + ext
}

// Namer gives out capture names that no earlier capture of this window
// used and no file in the working directory has:
// descent-YYYYMMDD-HHMMSS.EXT, then descent-YYYYMMDD-HHMMSS-2.EXT, ...
type Namer struct {
	used map[string]bool
	// Exists reports whether a file of that name is there (default: a
	// look in the working directory).
	Exists func(name string) bool
}

// Next returns a fresh name for a capture taken at t.
func (n *Namer) Next(t time.Time, ext string) string {
	if n.used == nil {
		n.used = map[string]bool{}
	}
	exists := n.Exists
	if exists == nil {
		exists = fileExists
	}
	base := Name(t, ext)
	name := base
	for i := 2; n.used[name] || exists(name); i++ {
		name = fmt.Sprintf("%s-%d.%s", base[:len(base)-len(ext)-1], i, ext)
	}
	n.used[name] = true
	return name
}
