package game

import (
	"context"
	"errors"
	"fmt"
	"image"
	"math"
	"time"

	"github.com/hajimehoshi/ebiten/v2"

	"descent/scene"
)

// FrameWriter receives rendered frames; descent/scene/record's Writer is one.
// The image may be reused as soon as WriteFrame returns.
type FrameWriter interface {
	WriteFrame(img *image.RGBA) error
}

// RecordOptions say how Record renders a scene without interaction.
type RecordOptions struct {
	// Width and Height are the frame size in pixels (default 800 x 600).
	// Frames are rendered offscreen, so they may be larger than the screen.
	Width, Height int
	// Frames is the number of frames; 0 renders until every run has
	// finished: Steps/StepsPerFrame + 1 frames (frame 0 shows the starts).
	Frames int
	// StepsPerFrame is how many optimizer steps each frame advances
	// (default 1): frame n shows step n*StepsPerFrame.
	StepsPerFrame int
	// FPS is the playback rate the HUD reports (steps per second is
	// FPS*StepsPerFrame); it does not change what is drawn.
	FPS float64
	// Rotate turns the camera's azimuth by this many degrees per frame:
	// frame n is seen from the scene's azimuth plus n*Rotate.
	Rotate float64
	// Skip is how many leading frames are stepped through without being
	// drawn or written (a still of the last frame: Skip = Frames - 1).
	Skip int
	// Progress, when set, is called after each frame with the number of
	// frames written so far and the total.
	Progress func(done, total int)
	// Timings, when set, receives where the time went once Record returns.
	Timings *RecordTimings
}

// RecordTimings is where a recording's time went.
type RecordTimings struct {
	Frames   int
	Prepare  time.Duration // CPU work: stepping, projection, ordering, layout
	Render   time.Duration // issuing the draw calls
	ReadBack time.Duration // ReadPixels, which waits for the GPU to finish
	Wait     time.Duration // waiting for the FrameWriter to take a frame
	Write    time.Duration // the FrameWriter (quantising, encoding, writing), on its own goroutine
	Total    time.Duration // from the first frame to the last one written
}

// String reports the timings per frame in milliseconds.
func (t RecordTimings) String() string {
	n := float64(max(t.Frames, 1))
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 / n }
	return fmt.Sprintf("frames=%d prepare_ms=%.1f render_ms=%.1f readback_ms=%.1f wait_ms=%.1f write_ms=%.1f (alongside) total_ms=%.1f (per frame)",
		t.Frames, ms(t.Prepare), ms(t.Render), ms(t.ReadBack), ms(t.Wait), ms(t.Write), ms(t.Total))
}

// RecordFrames returns the number of frames Record renders for scene s by
// default: until every run has stopped (Steps/stepsPerFrame + 1, rounded
// up), or 1 when the scene's runs have no step limit.
func RecordFrames(s *scene.Scene, stepsPerFrame int) int {
	if stepsPerFrame <= 0 {
		stepsPerFrame = 1
	}
	if s.Steps <= 0 {
		return 1
	}
	return (s.Steps+stepsPerFrame-1)/stepsPerFrame + 1
}

// Views lists the scene views (scene.Scene.View) the window and Record
// draw, the first being the fallback for a scene whose view is not drawn
// yet; Layouts lists the layouts. 'descent record -view' and the web page's
// view parameter accept exactly these.
var (
	Views   = []string{"3d", "contour", "curve"}
	Layouts = []string{"single", "split", "chart"}
)

// Record renders scene s frame by frame into an offscreen image and hands
// each frame to w. It needs a display (Ebiten opens a hidden window) and,
// like Run, may be called once per process, from the main goroutine.
//
// The frames depend only on the scene and the options, never on the clock:
// frame n shows the runs after n*StepsPerFrame steps, seen from the scene's
// camera turned by n*Rotate degrees, at full mesh resolution. opts gives the
// look (Scale, Dark, HideHUD, TrailLength); its size, frame limit and
// screenshot are ignored. Record stops with ctx's error when ctx is done.
func Record(ctx context.Context, s *scene.Scene, opts Options, ro RecordOptions, w FrameWriter) error {
	if w == nil {
		return errors.New("game: no frame writer")
	}
	if ro.Width == 0 && ro.Height == 0 {
		ro.Width, ro.Height = 800, 600
	}
	if ro.Width < 1 || ro.Height < 1 || ro.Width > 8192 || ro.Height > 8192 {
		return fmt.Errorf("game: invalid frame size %dx%d (each side 1..8192)", ro.Width, ro.Height)
	}
	if ro.StepsPerFrame == 0 {
		ro.StepsPerFrame = 1
	}
	if ro.StepsPerFrame < 0 || ro.Frames < 0 || ro.Skip < 0 {
		return fmt.Errorf("game: invalid recording: %d frames, %d steps per frame", ro.Frames, ro.StepsPerFrame)
	}
	if math.IsNaN(ro.Rotate) || math.IsInf(ro.Rotate, 0) {
		return fmt.Errorf("game: invalid rotation %v", ro.Rotate)
	}
	if ro.Frames == 0 {
		ro.Frames = RecordFrames(s, ro.StepsPerFrame)
	}
	opts.Width, opts.Height = ro.Width, ro.Height
	opts.Frames, opts.Screenshot, opts.Fullscreen, opts.Stats = 0, "", false, false
	g, err := New(s, opts)
	if err != nil {
		return err
	}
	r := &recorder{ctx: ctx, g: g, ro: ro, w: w}
	r.setup()

	ebiten.SetWindowTitle("Descent: recording")
	ebiten.SetWindowSize(160, 120)
	ebiten.SetWindowVisible(false)
	ebiten.SetRunnableOnUnfocused(true)
	ebiten.SetVsyncEnabled(false)
	ebiten.SetTPS(ebiten.SyncWithFPS)
	err = ebiten.RunGameWithOptions(r, &ebiten.RunGameOptions{InitUnfocused: true})
	werr := r.out.finish()
	r.times.Write = r.out.busy
	r.times.Total = time.Since(r.start)
	if ro.Timings != nil {
		*ro.Timings = r.times
	}
	if err == nil && r.err == nil {
		err = werr
	}
	if err == nil {
		err = r.err
	}
	if err == nil && r.n < ro.Frames {
		err = fmt.Errorf("game: recording stopped after %d of %d frames", r.n, ro.Frames)
	}
	return err
}

// recorder is the ebiten.Game that renders the frames of a recording.
type recorder struct {
	ctx   context.Context
	g     *Game
	ro    RecordOptions
	w     FrameWriter
	off   *ebiten.Image
	out   *frameQueue
	n     int // frames written
	err   error
	start time.Time
	times RecordTimings
}

func (r *recorder) setup() {
	g := r.g
	g.width, g.height, g.dpi = float64(r.ro.Width), float64(r.ro.Height), 1
	g.offscreen = true
	g.cam.SetViewport(g.width, g.height)
	g.home = *g.cam
	g.paused = false
	g.autoRotate = r.ro.Rotate != 0
	if r.ro.FPS > 0 {
		g.rate = r.ro.FPS * float64(r.ro.StepsPerFrame)
	}
	r.out = newFrameQueue(r.w, r.ro.Width, r.ro.Height)
}

// Update renders, reads back and writes one frame per tick.
func (r *recorder) Update() error {
	if r.err != nil || r.n >= r.ro.Frames {
		return ebiten.Termination
	}
	if r.ctx != nil {
		if err := r.ctx.Err(); err != nil {
			r.err = err
			return ebiten.Termination
		}
	}
	if r.off == nil {
		r.off = ebiten.NewImageWithOptions(image.Rect(0, 0, r.ro.Width, r.ro.Height), &ebiten.NewImageOptions{Unmanaged: true})
		r.start = time.Now()
	}
	// Several frames a tick: Ebiten paces its ticks (about 60 a second even
	// with vsync off), which would cap fast recordings; each frame ends with
	// a read-back that flushes its draw calls, so nothing piles up.
	deadline := time.Now().Add(ticksFrameBudget)
	for r.n < r.ro.Frames {
		if err := r.frame(); err != nil {
			r.err = err
			return ebiten.Termination
		}
		if time.Now().After(deadline) {
			break
		}
	}
	return nil
}

// ticksFrameBudget is how long one tick of a recording keeps rendering
// frames before it lets Ebiten's loop run (window events, Ctrl-C checks).
const ticksFrameBudget = 100 * time.Millisecond

// frame renders frame r.n and writes it.
func (r *recorder) frame() error {
	g := r.g
	t0 := time.Now()
	if r.n > 0 {
		for range r.ro.StepsPerFrame {
			g.step()
		}
	}
	if r.n < r.ro.Skip {
		r.n++
		return nil
	}
	*g.cam = g.home
	g.cam.Rotate(float64(r.n)*r.ro.Rotate, 0)
	if g.cmapImg == nil {
		g.cmapImg = ebiten.NewImageWithOptions(image.Rect(0, 0, 256, 1), &ebiten.NewImageOptions{Unmanaged: true})
		g.cmapImg.WritePixels(g.cmap.Pixels())
	}
	g.prepareFrame(g.width, g.height, false)
	t1 := time.Now()
	r.off.Clear()
	g.render(r.off)
	t2 := time.Now()
	img, err := r.out.next()
	if err != nil {
		return err
	}
	t3 := time.Now()
	r.off.ReadPixels(img.Pix)
	t4 := time.Now()
	r.out.send(img)
	r.n++
	r.times.Frames++
	r.times.Prepare += t1.Sub(t0)
	r.times.Render += t2.Sub(t1)
	r.times.Wait += t3.Sub(t2)
	r.times.ReadBack += t4.Sub(t3)
	r.times.Total = t4.Sub(r.start)
	if r.ro.Progress != nil {
		r.ro.Progress(r.n, r.ro.Frames)
	}
	return nil
}

// Draw shows nothing: the window is hidden and the frames are offscreen.
func (r *recorder) Draw(screen *ebiten.Image) {}

// Layout keeps the hidden window's screen small.
func (r *recorder) Layout(w, h int) (int, int) { return 160, 120 }

// frameQueue hands frames to a FrameWriter on a goroutine of its own, so
// that quantising and encoding frame n overlap with rendering frame n+1.
// Frames reach the writer in order; two buffers bound the memory.
type frameQueue struct {
	w    FrameWriter
	jobs chan *image.RGBA
	free chan *image.RGBA
	done chan struct{}
	err  error         // the writer's first error: read it after fail or done is closed
	fail chan struct{} // closed on the writer's first error
	busy time.Duration // time spent in WriteFrame
}

func newFrameQueue(w FrameWriter, width, height int) *frameQueue {
	q := &frameQueue{
		w: w, jobs: make(chan *image.RGBA, 2), free: make(chan *image.RGBA, 2),
		done: make(chan struct{}), fail: make(chan struct{}),
	}
	for range cap(q.free) {
		q.free <- image.NewRGBA(image.Rect(0, 0, width, height))
	}
	go q.run()
	return q
}

func (q *frameQueue) run() {
	defer close(q.done)
	for img := range q.jobs {
		if q.err == nil {
			t := time.Now()
			if err := q.w.WriteFrame(img); err != nil {
				q.err = err
				close(q.fail)
			}
			q.busy += time.Since(t)
		}
		q.free <- img
	}
}

// next returns a buffer for the next frame, waiting while the writer is two
// frames behind; it fails once the writer has failed.
func (q *frameQueue) next() (*image.RGBA, error) {
	select {
	case <-q.fail:
		return nil, q.err // set before fail was closed
	case img := <-q.free:
		return img, nil
	}
}

// send queues a frame filled by the caller.
func (q *frameQueue) send(img *image.RGBA) { q.jobs <- img }

// finish waits for the queued frames to be written and returns the
// writer's first error.
func (q *frameQueue) finish() error {
	close(q.jobs)
	<-q.done
	return q.err
}
