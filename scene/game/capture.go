package game

import (
	"fmt"
	"image"
	"image/color"
	"math"
	"sync"
	"time"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/inpututil"
	"github.com/hajimehoshi/ebiten/v2/text/v2"
	"github.com/hajimehoshi/ebiten/v2/vector"
)

// This file holds the window's own captures: F12 saves the frame as a PNG
// and F9 starts and stops recording what the window shows, each to a
// timestamped file in the current directory. The frames are read back right
// after the scene and overlays are drawn and before the recording indicator
// and the confirmation messages, so those are never in a capture.

// captureFPS is the frame rate of a recording made from the window. Frames
// are taken from the window at up to this rate; when the window draws
// slower, a frame is repeated so that the recording plays in real time.
const captureFPS = 30

// maxRepeat bounds how many frame slots one drawn frame may fill.
const maxRepeat = 15

// toastTime is how long a confirmation stays on screen.
const toastTime = 4 * time.Second

// capture is the state of screenshots and recordings from the window.
type capture struct {
	shot     bool // F12: read back the next frame and save it
	toggle   bool // F9: start or stop at the next frame
	rec      *liveRecording
	once     bool            // the first frame has been reported
	pending  sync.WaitGroup  // files still being finished
	used     map[string]bool // names given out, so two captures in a second differ
	mu       sync.Mutex
	toast    string
	toastEnd time.Time
}

// liveRecording streams frames read back from the window to a file on a
// goroutine of its own, so encoding never stalls the window.
type liveRecording struct {
	path    string
	w, h    int
	start   time.Time
	slots   int // frame slots filled so far
	jobs    chan liveFrame
	free    chan *image.RGBA
	done    chan error
	written int // frames written, read after done
	dropped bool
}

type liveFrame struct {
	img    *image.RGBA
	repeat int
}

// frameSink is the part of record.Writer a live recording needs.
type frameSink interface {
	WriteFrame(img *image.RGBA) error
	Close() error
	Abort()
}

// captureName returns descent-YYYYMMDD-HHMMSS.EXT for the time t.
func captureName(t time.Time, ext string) string {
	return "descent-" + t.Format("20060102-150405") + "." + ext
}

// newName returns a capture file name for the time t that no earlier
// capture of this window used and no file in the directory has:
// descent-YYYYMMDD-HHMMSS.EXT, then descent-YYYYMMDD-HHMMSS-2.EXT, ...
func (c *capture) newName(t time.Time, ext string, exists func(string) bool) string {
	if c.used == nil {
		c.used = map[string]bool{}
	}
	base := captureName(t, ext)
	name := base
	for i := 2; c.used[name] || exists(name); i++ {
		name = fmt.Sprintf("%s-%d.%s", base[:len(base)-len(ext)-1], i, ext)
	}
	c.used[name] = true
	return name
}

// captureInput handles F9, F12 and K (called from handleInput in Update).
func (g *Game) captureInput() {
	if inpututil.IsKeyJustPressed(ebiten.KeyF12) {
		g.capture.shot = true
	}
	if inpututil.IsKeyJustPressed(ebiten.KeyF9) {
		g.capture.toggle = true
	}
	if inpututil.IsKeyJustPressed(ebiten.KeyK) {
		g.copyLink()
	}
}

// say shows a short confirmation on screen.
func (g *Game) say(format string, args ...any) {
	c := &g.capture
	c.mu.Lock()
	c.toast = fmt.Sprintf(format, args...)
	c.toastEnd = time.Now().Add(toastTime)
	c.mu.Unlock()
}

// afterDraw runs at the end of Draw: it reads back the frame for a
// screenshot or a recording, then draws the recording indicator and the
// confirmation, and tells the page about the first frame.
func (g *Game) afterDraw(screen *ebiten.Image) {
	c := &g.capture
	b := screen.Bounds()
	w, h := b.Dx(), b.Dy()
	now := time.Now()
	if c.toggle {
		c.toggle = false
		if c.rec == nil {
			g.startRecording(w, h, now)
		} else {
			g.stopRecording("")
		}
	}
	if c.rec != nil && (c.rec.w != w&^1 || c.rec.h != h&^1) {
		g.stopRecording("window resized: ")
	}
	if c.shot {
		c.shot = false
		img := image.NewRGBA(image.Rect(0, 0, w, h))
		screen.ReadPixels(img.Pix)
		name := c.newName(now, "png", fileExists)
		c.pending.Add(1)
		go func() {
			defer c.pending.Done()
			if err := saveCapture(name, img); err != nil {
				g.say("Screenshot failed: %v", err)
				return
			}
			g.say("Saved %s", name)
		}()
	}
	if r := c.rec; r != nil {
		r.capture(screen, w, h, now)
	}
	g.drawCaptureOverlay(screen, now)
	if !c.once {
		c.once = true
		if g.opts.FirstFrame != nil {
			g.opts.FirstFrame()
		}
	}
}

// startRecording opens a timestamped file for frames of w x h (made even).
func (g *Game) startRecording(w, h int, now time.Time) {
	format := g.opts.RecordFormat
	if format == "" {
		format = "gif"
	}
	name := g.capture.newName(now, format, fileExists)
	w, h = w&^1, h&^1
	sink, err := createCapture(name, w, h, captureFPS)
	if err != nil {
		g.say("Recording failed: %v", err)
		return
	}
	r := &liveRecording{
		path: name, w: w, h: h, start: now,
		jobs: make(chan liveFrame, 2),
		free: make(chan *image.RGBA, 3),
		done: make(chan error, 1),
	}
	for range cap(r.free) {
		r.free <- image.NewRGBA(image.Rect(0, 0, w, h))
	}
	go r.encode(sink)
	g.capture.rec = r
	g.say("Recording to %s (F9 stops)", name)
}

// encode writes the frames it receives until the jobs channel closes, then
// finishes the file (or throws it away after an error).
func (r *liveRecording) encode(sink frameSink) {
	var err error
	for f := range r.jobs {
		for range f.repeat {
			if err == nil {
				err = sink.WriteFrame(f.img)
				r.written++
			}
		}
		r.free <- f.img
	}
	if err != nil {
		sink.Abort()
	} else {
		err = sink.Close()
	}
	r.done <- err
}

// capture reads back the frame when a frame slot has come due. A frame
// drawn faster than the recording's rate is skipped; a slow one fills the
// slots that passed. When the encoder is behind, the frame is dropped and
// the next one fills its slots.
func (r *liveRecording) capture(screen *ebiten.Image, w, h int, now time.Time) {
	due := int(math.Floor(now.Sub(r.start).Seconds()*captureFPS)) + 1
	n := min(due-r.slots, maxRepeat)
	if n <= 0 {
		return
	}
	var img *image.RGBA
	select {
	case img = <-r.free:
	default:
		r.dropped = true
		return
	}
	if w == r.w && h == r.h {
		screen.ReadPixels(img.Pix)
	} else {
		// Odd sizes: read the whole screen, keep the even part.
		full := image.NewRGBA(image.Rect(0, 0, w, h))
		screen.ReadPixels(full.Pix)
		for y := range r.h {
			copy(img.Pix[y*img.Stride:y*img.Stride+4*r.w], full.Pix[y*full.Stride:])
		}
	}
	r.jobs <- liveFrame{img: img, repeat: n}
	r.slots = due
}

// stopRecording finishes the recording on its goroutine and reports the
// file name when it is written.
func (g *Game) stopRecording(why string) {
	r := g.capture.rec
	if r == nil {
		return
	}
	g.capture.rec = nil
	close(r.jobs)
	g.say("%sfinishing %s ...", why, r.path)
	g.capture.pending.Add(1)
	go func() {
		defer g.capture.pending.Done()
		if err := <-r.done; err != nil {
			g.say("%sRecording failed: %v", why, err)
			return
		}
		g.say("%sSaved %s (%d frames, %.1f s)", why, r.path, r.written, float64(r.written)/captureFPS)
	}()
}

// finishCapture finishes a recording that is still running when the
// window closes and waits for files still being written, so that they are
// complete before the program exits.
func (g *Game) finishCapture() error {
	var err error
	if r := g.capture.rec; r != nil {
		g.capture.rec = nil
		close(r.jobs)
		if err = <-r.done; err == nil {
			fmt.Fprintf(g.opts.Stderr, "descent: saved %s (%d frames)\n", r.path, r.written)
		}
	}
	g.capture.pending.Wait()
	return err
}

// Recording colours.
var (
	recordRed = color.RGBA{0xe0, 0x1b, 0x24, 0xff}
	toastBack = color.RGBA{0x1f, 0x23, 0x2b, 0xe0}
	toastText = color.RGBA{0xff, 0xff, 0xff, 0xff}
)

// drawCaptureOverlay draws the recording indicator (a blinking red dot and
// "REC" in the bottom right corner) and the latest confirmation.
func (g *Game) drawCaptureOverlay(screen *ebiten.Image, now time.Time) {
	b := screen.Bounds()
	w, h := float64(b.Dx()), float64(b.Dy())
	s := g.dpi * g.opts.Scale
	if r := g.capture.rec; r != nil {
		x, y := w-70*s, h-40*s
		if int(now.Sub(r.start).Seconds()*2)%2 == 0 {
			vector.FillCircle(screen, float32(x), float32(y), float32(7*s), recordRed, true)
		}
		face := g.fonts.face(-14 * s)
		op := &text.DrawOptions{}
		op.GeoM.Translate(math.Round(x+12*s), math.Round(y-9*s))
		op.ColorScale.ScaleWithColor(recordRed)
		text.Draw(screen, "REC", face, op)
	}
	c := &g.capture
	c.mu.Lock()
	msg, end := c.toast, c.toastEnd
	c.mu.Unlock()
	if msg == "" || now.After(end) {
		return
	}
	face := g.fonts.face(14 * s)
	tw, th := text.Measure(msg, face, 0)
	pad := 8 * s
	x0 := math.Round((w - tw) / 2)
	y0 := math.Round(h - 64*s - th)
	vector.FillRect(screen, float32(x0-pad), float32(y0-pad), float32(tw+2*pad), float32(th+2*pad), toastBack, false)
	op := &text.DrawOptions{}
	op.GeoM.Translate(x0, y0)
	op.ColorScale.ScaleWithColor(toastText)
	text.Draw(screen, msg, face, op)
}
