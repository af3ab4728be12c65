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
	"descent/scene/capture"
)

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
	// NoStory records a scene that has a storyboard without it.
	NoStory bool
}

// MaxFrameSide is the largest width or height of a recorded frame.
const MaxFrameSide = 8192

// Default frame size of a recording.
const defaultRecordWidth, defaultRecordHeight = 800, 600

// recordBuffers is how many frames Record may render ahead of the writer.
const recordBuffers = 2

// RecordTimings is where a recording's time went.
type RecordTimings struct {
	Frames   int
	Prepare  time.Duration // CPU work: stepping, projection, ordering, layout
	Render   time.Duration // issuing the draw calls
	ReadBack time.Duration // ReadPixels, which waits for the GPU to finish
	Wait     time.Duration // waiting for the writer to take a frame
	Write    time.Duration // the writer (quantising, encoding, writing), on its own goroutine
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

// Record renders scene s frame by frame into an offscreen image and hands
// each frame to w.
//
// A scene with a storyboard (unless NoStory) is recorded as the window
// plays it, on a clock of 1/FPS seconds per frame (FPS 0: 20): the runs
// step at the playback rate, the cues fire and the camera moves as the
// storyboard says; StepsPerFrame and Rotate do not apply, and Frames 0
// records until the storyboard and the runs are done (at most
// MaxStoryFrames). The same scene gives the same frames, byte for byte. It needs a display (Ebiten opens a hidden window) and,
// like Run, may be called once per process, from the main goroutine.
//
// The frames depend only on the scene and the options, never on the clock:
// frame n shows the runs after n*StepsPerFrame steps, seen from the scene's
// camera turned by n*Rotate degrees, at full mesh resolution. opts gives the
// look (Scale, Dark, HideHUD, TrailLength, Layout); its size, frame limit
// and screenshot are ignored. Record stops with ctx's error when ctx is
// done.
func Record(ctx context.Context, s *scene.Scene, opts Options, ro RecordOptions, w capture.Writer) error {
	if w == nil {
		return errors.New("game: no frame writer")
	}
	if ro.Width == 0 && ro.Height == 0 {
		ro.Width, ro.Height = defaultRecordWidth, defaultRecordHeight
	}
	if ro.Width < 1 || ro.Height < 1 || ro.Width > MaxFrameSide || ro.Height > MaxFrameSide {
		return fmt.Errorf("game: invalid frame size %dx%d (each side 1..%d)", ro.Width, ro.Height, MaxFrameSide)
	}
	if ro.StepsPerFrame == 0 {
		ro.StepsPerFrame = 1
	}
	if ro.StepsPerFrame < 0 || ro.Frames < 0 || ro.Skip < 0 {
		return fmt.Errorf("game: invalid recording: %d frames, %d steps per frame, %d skipped", ro.Frames, ro.StepsPerFrame, ro.Skip)
	}
	if math.IsNaN(ro.Rotate) || math.IsInf(ro.Rotate, 0) {
		return fmt.Errorf("game: invalid rotation %v", ro.Rotate)
	}
	storyMode := len(s.Story) > 0 && !ro.NoStory
	if ro.NoStory && len(s.Story) > 0 {
		s = s.Clone()
		s.Story = nil
	}
	if ro.Frames == 0 && !storyMode {
		ro.Frames = RecordFrames(s, ro.StepsPerFrame)
	}
	opts.Width, opts.Height = ro.Width, ro.Height
	opts.Frames, opts.Screenshot, opts.Fullscreen, opts.Stats = 0, "", false, false
	g, err := New(s, opts)
	if err != nil {
		return err
	}
	r := &recorder{ctx: ctx, g: g, ro: ro, story: storyMode}
	g.offscreen = true
	g.paused = false
	if storyMode {
		if !(r.ro.FPS > 0) {
			r.ro.FPS = defaultStoryFPS
		}
		g.layoutPanes()
		g.keepClearOfLegend()
		g.home = *g.cam
		g.playStory()
		if r.ro.Frames == 0 {
			r.ro.Frames = g.storyFrames(1 / r.ro.FPS)
			g.playStory() // from the start again, for the frames
		}
	} else {
		g.autoRotate = ro.Rotate != 0
		if ro.FPS > 0 {
			g.rate = ro.FPS * float64(ro.StepsPerFrame)
		}
		g.layoutPanes()
		g.keepClearOfLegend()
		g.home = *g.cam
	}
	r.out = capture.NewPipeline(w, ro.Width, ro.Height, recordBuffers)

	ebiten.SetWindowTitle("Descent: recording")
	ebiten.SetWindowSize(hiddenWindow, hiddenWindow)
	ebiten.SetWindowVisible(false)
	ebiten.SetRunnableOnUnfocused(true)
	ebiten.SetVsyncEnabled(false)
	ebiten.SetTPS(ebiten.SyncWithFPS)
	err = ebiten.RunGameWithOptions(r, &ebiten.RunGameOptions{InitUnfocused: true})
	_, busy, werr := r.out.Finish()
	r.times.Write = busy
	r.times.Total = time.Since(r.start)
	if ro.Timings != nil {
		*ro.Timings = r.times
	}
	err = errors.Join(err, r.err, werr)
	if err == nil && r.n < ro.Frames {
		err = fmt.Errorf("game: recording stopped after %d of %d frames", r.n, ro.Frames)
	}
	return err
}

// defaultStoryFPS is the frame rate of a storyboard recording when none is
// given.
const defaultStoryFPS = 20

// MaxStoryFrames is the most frames a storyboard recording takes when it
// is not told how many: ten minutes at 50 frames a second.
const MaxStoryFrames = 30000

// storyHold is how long a storyboard recording goes on once everything
// is done, in seconds: the last picture stays a moment.
const storyHold = 1.0

// StoryFrames returns the number of frames Record takes for scene s, which
// has a storyboard, at fps frames a second (see Record). It plays the
// storyboard without drawing.
func StoryFrames(s *scene.Scene, opts Options, fps float64) (int, error) {
	if len(s.Story) == 0 {
		return 0, errors.New("game: the scene has no storyboard")
	}
	if !(fps > 0) {
		fps = defaultStoryFPS
	}
	opts.Frames, opts.Screenshot = 0, ""
	g, err := New(s, opts)
	if err != nil {
		return 0, err
	}
	g.offscreen = true
	g.playStory()
	return g.storyFrames(1 / fps), nil
}

// storyFrames plays the storyboard without drawing, dt seconds a frame,
// and returns the frames a recording of it takes: until the storyboard is
// done and the runs have stopped, then storyHold more.
func (g *Game) storyFrames(dt float64) int {
	n := 1
	for ; n < MaxStoryFrames; n++ {
		stopped := g.finished() || g.sc.Steps == 0 // a scene without a step limit runs on
		if g.story.Done(stopped) && stopped {
			break
		}
		g.advance(dt)
	}
	return min(MaxStoryFrames, n+int(math.Round(storyHold/dt)))
}

// hiddenWindow is the side of the hidden window Record runs in.
const hiddenWindow = 160

// recorder is the ebiten.Game that renders the frames of a recording.
type recorder struct {
	ctx   context.Context
	g     *Game
	ro    RecordOptions
	off   *ebiten.Image
	out   *capture.Pipeline
	story bool // the frames follow the scene's storyboard
	n     int  // frames written
	err   error
	start time.Time
	times RecordTimings
}

// Update renders, reads back and writes frames: as many as fit in
// frameBudget, then it lets Ebiten's loop run (window events, Ctrl-C
// checks). Each frame ends with a read-back that flushes its draw calls, so
// nothing piles up.
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
	deadline := time.Now().Add(frameBudget)
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

// frameBudget is how long one tick of a recording keeps rendering frames.
const frameBudget = 100 * time.Millisecond

// frame renders frame r.n and writes it.
func (r *recorder) frame() error {
	g := r.g
	t0 := time.Now()
	switch {
	case r.story && r.n > 0:
		g.advance(1 / r.ro.FPS)
	case r.n > 0:
		for range r.ro.StepsPerFrame {
			g.step()
		}
	}
	if r.n < r.ro.Skip {
		r.n++
		return nil
	}
	if !r.story {
		*g.cam = g.home
		g.cam.Rotate(float64(r.n)*r.ro.Rotate, 0)
	}
	g.settleBasins() // finished maps, the same every time
	g.prepare(false)
	t1 := time.Now()
	r.off.Clear()
	g.compose(r.off)
	t2 := time.Now()
	img, err := r.out.Next()
	if err != nil {
		return err
	}
	t3 := time.Now()
	r.off.ReadPixels(img.Pix)
	t4 := time.Now()
	r.out.Send(img, 1)
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
func (r *recorder) Layout(w, h int) (int, int) { return hiddenWindow, hiddenWindow }
