package capture

import (
	"errors"
	"fmt"
	"image"
	"math"
	"sync"
	"time"

	"github.com/hajimehoshi/ebiten/v2"
)

// RecordFPS is the frame rate of a recording made from the window. Frames
// are taken at up to this rate; when the window draws slower, a frame is
// repeated so that the recording plays in real time.
const RecordFPS = 30

// maxRepeat bounds how many frame slots one drawn frame may fill.
const maxRepeat = 15

// recordBuffers is how many frames a recording from the window may have
// waiting for its encoder before frames are dropped.
const recordBuffers = 3

// Tap watches the frames the window draws. Update tells it what to do with
// them (Shot, StartRecording, StopRecording); Draw shows it each finished
// frame (Frame), which it counts, times and, when asked, copies to a
// goroutine that writes the file. Its methods are safe for concurrent use.
type Tap struct {
	mu       sync.Mutex
	opts     TapOptions
	frames   int
	drawTime time.Duration
	drawn    int // frames since the last Stats
	tris     int // triangles of the last frame
	shots    []string
	rec      *liveRecording
	err      error
	pending  sync.WaitGroup // files still being finished
}

// TapOptions say what a Tap does besides what Update asks.
type TapOptions struct {
	// ShotPath, when set, is where frame ShotFrame (counted from 1) is
	// saved as a PNG; failing to save it is an error (Err).
	ShotPath  string
	ShotFrame int
	// FirstFrame, when set, is called once the first frame has been drawn.
	FirstFrame func()
	// Say shows a short confirmation (a capture saved or failed).
	Say func(format string, args ...any)
	// Now is the clock (default time.Now).
	Now func() time.Time
}

// NewTap returns a tap with the given options.
func NewTap(opts TapOptions) *Tap {
	if opts.Say == nil {
		opts.Say = func(string, ...any) {}
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	return &Tap{opts: opts}
}

// liveRecording streams frames read back from the window to a file.
type liveRecording struct {
	path  string
	w, h  int
	start time.Time
	slots int // frame slots filled so far
	sink  Sink
	pipe  *Pipeline
}

// Shot asks for the next frame drawn to be saved as a PNG named name.
func (t *Tap) Shot(name string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.shots = append(t.shots, name)
}

// StartRecording starts recording the window's frames of w x h pixels
// (made even, as videos want) to path.
func (t *Tap) StartRecording(path string, w, h int) error {
	w, h = w&^1, h&^1
	if w < 2 || h < 2 {
		return fmt.Errorf("capture: the window is too small to record (%dx%d)", w, h)
	}
	sink, err := createRecording(path, w, h, RecordFPS)
	if err != nil {
		return err
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.rec != nil {
		t.stopLocked("")
	}
	t.rec = &liveRecording{path: path, w: w, h: h, start: t.opts.Now(), sink: sink,
		pipe: NewPipeline(sink, w, h, recordBuffers)}
	return nil
}

// StopRecording finishes the recording, if one is running, on a goroutine
// of its own and says when the file is written; why prefixes the
// confirmation.
func (t *Tap) StopRecording(why string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.stopLocked(why)
}

func (t *Tap) stopLocked(why string) {
	r := t.rec
	if r == nil {
		return
	}
	t.rec = nil
	t.opts.Say("%sfinishing %s ...", why, r.path)
	t.pending.Add(1)
	go func() {
		defer t.pending.Done()
		frames, err := r.finish()
		if err != nil {
			t.opts.Say("%sRecording failed: %v", why, err)
			return
		}
		t.opts.Say("%sSaved %s (%d frames, %.1f s)", why, r.path, frames, float64(frames)/RecordFPS)
	}()
}

// finish writes the last frames and closes the file (or throws it away
// after an error).
func (r *liveRecording) finish() (int, error) {
	frames, _, err := r.pipe.Finish()
	if err != nil {
		r.sink.Abort()
		return frames, err
	}
	return frames, r.sink.Close()
}

// Recording reports whether a recording is running and for how long.
func (t *Tap) Recording() (bool, time.Duration) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.rec == nil {
		return false, 0
	}
	return true, t.opts.Now().Sub(t.rec.start)
}

// Frames returns the number of frames drawn so far.
func (t *Tap) Frames() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.frames
}

// Stats returns the frames drawn and the time Draw took for them since the
// last call, and the triangles of the last frame.
func (t *Tap) Stats() (frames int, draw time.Duration, triangles int) {
	t.mu.Lock()
	defer t.mu.Unlock()
	frames, draw = t.drawn, t.drawTime
	t.drawn, t.drawTime = 0, 0
	return frames, draw, t.tris
}

// FrameInfo is what Draw tells the tap about a frame besides its pixels.
type FrameInfo struct {
	// Draw is the CPU time Draw took.
	Draw time.Duration
	// Triangles is how many triangles of surface it drew.
	Triangles int
}

// Err returns the error that ends the window: the screenshot of
// TapOptions.ShotPath could not be saved.
func (t *Tap) Err() error {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.err
}

// Close finishes a recording that is still running and waits for every
// file being written, so that they are complete before the program exits.
// It returns Err.
func (t *Tap) Close() error {
	t.mu.Lock()
	r := t.rec
	t.rec = nil
	t.mu.Unlock()
	var rerr error
	if r != nil {
		_, rerr = r.finish()
		if rerr == nil {
			t.opts.Say("Saved %s", r.path)
		}
	}
	t.pending.Wait()
	return errors.Join(t.Err(), rerr)
}

// Frame shows the tap a finished frame (call it at the end of Draw, before
// drawing anything that must not be captured). It reads the frame back
// when a screenshot or a recording's frame is due and hands it to a
// goroutine.
func (t *Tap) Frame(screen *ebiten.Image, info FrameInfo) {
	t.mu.Lock()
	t.frames++
	t.drawn++
	t.drawTime += info.Draw
	t.tris = info.Triangles
	first := t.frames == 1
	t.keep(screen)
	t.mu.Unlock()
	if first && t.opts.FirstFrame != nil {
		t.opts.FirstFrame()
	}
}

// keep hands the frame to the screenshots and the recording that want it
// (t.mu held).
func (t *Tap) keep(screen *ebiten.Image) {
	b := screen.Bounds()
	w, h := b.Dx(), b.Dy()
	var img *image.RGBA
	pixels := func() *image.RGBA {
		if img == nil {
			img = image.NewRGBA(image.Rect(0, 0, w, h))
			screen.ReadPixels(img.Pix)
		}
		return img
	}
	if t.opts.ShotPath != "" && t.frames == t.opts.ShotFrame {
		path, shot := t.opts.ShotPath, pixels()
		t.pending.Add(1)
		go func() {
			defer t.pending.Done()
			if err := SavePNG(path, shot); err != nil {
				t.mu.Lock()
				t.err = fmt.Errorf("capture: screenshot: %w", err)
				t.mu.Unlock()
			}
		}()
	}
	for _, name := range t.shots {
		shot := pixels()
		t.pending.Add(1)
		go func() {
			defer t.pending.Done()
			if err := SavePNG(name, shot); err != nil {
				t.opts.Say("Screenshot failed: %v", err)
				return
			}
			t.opts.Say("Saved %s", name)
		}()
	}
	t.shots = t.shots[:0]
	if r := t.rec; r != nil {
		if r.w != w&^1 || r.h != h&^1 {
			t.stopLocked("window resized: ")
			return
		}
		r.capture(screen, pixels, w, h, t.opts.Now())
	}
}

// capture reads back the frame when a frame slot has come due. A frame
// drawn faster than the recording's rate is skipped; a slow one fills the
// slots that passed. When the encoder is behind, the frame is dropped and
// the next one fills its slots.
func (r *liveRecording) capture(screen *ebiten.Image, pixels func() *image.RGBA, w, h int, now time.Time) {
	due := int(math.Floor(now.Sub(r.start).Seconds()*RecordFPS)) + 1
	n := min(due-r.slots, maxRepeat)
	if n <= 0 {
		return
	}
	img, ok := r.pipe.TryNext()
	if !ok {
		return
	}
	if w == r.w && h == r.h {
		screen.ReadPixels(img.Pix)
	} else {
		// Odd sizes: keep the even part of the whole screen.
		full := pixels()
		for y := range r.h {
			copy(img.Pix[y*img.Stride:y*img.Stride+4*r.w], full.Pix[y*full.Stride:])
		}
	}
	r.pipe.Send(img, n)
	r.slots = due
}
