//go:build !js

package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"os/signal"
	"slices"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"descent/scene"
	"descent/scene/game"
	"descent/scene/record"
	runs "descent/scene/run"
)

const recordSynopsis = `descent record [flags] -o FILE

Renders a scene without interaction to FILE by its extension: .gif (looping,
one palette per recording), .mp4 or .webm (through ffmpeg), .png (a still of
the last frame: the runs' final state unless -frames says otherwise), or a
directory of numbered PNGs (a path ending in /). Frame n shows step
n*K (K = -steps-per-frame) with the camera turned by n times -rotate degrees;
a scene with a storyboard plays it instead, 1/F seconds a frame (F = -fps),
until it and the runs are done. The same command always writes the same
bytes. Needs a display (use
xvfb-run on a headless machine); the frames are rendered offscreen, so
-size may exceed the screen.`

// recordConfig is a parsed record command line.
type recordConfig struct {
	out    string
	scene  *scene.Scene
	opts   game.Options
	ro     game.RecordOptions
	rec    record.Options
	timing bool
}

// parseRecord parses the record command's flags and builds the scene.
func parseRecord(args []string, stderr io.Writer) (*recordConfig, error) {
	fs := newFlagSet("descent record", recordSynopsis, stderr)
	var sf sceneFlags
	sf.register(fs)
	c := &recordConfig{}
	var size, view, layout string
	var fps float64
	var rotate optionalFloat
	var palette optionalInt
	fs.StringVar(&c.out, "o", "", "output `FILE`: .gif, .mp4, .webm, .png, or a DIR/ of numbered PNGs (required)")
	fs.IntVar(&c.ro.Frames, "frames", 0, fmt.Sprintf("number of frames `N` (at most %d; default: until every run finishes: steps/K + 1)", record.MaxFrames))
	fs.Float64Var(&fps, "fps", 0, "frames per second `F` of the output (at most 1000, 50 for a GIF; default: the scene's rate)")
	fs.StringVar(&size, "size", "800x600", "frame size `WxH` in pixels (each 16..8192)")
	fs.IntVar(&c.ro.StepsPerFrame, "steps-per-frame", 1, fmt.Sprintf("optimizer steps `K` per frame (1..%d)", runs.MaxSteps))
	fs.StringVar(&view, "view", "", "view `NAME`: "+strings.Join(scene.Views(), ", ")+" (default: the scene's, when the renderer draws it)")
	fs.StringVar(&layout, "layout", "", "layout `NAME`: "+strings.Join(game.Layouts(), ", ")+" (default: the scene's, else single)")
	fs.Var(&rotate, "rotate", "turn the camera by `DEG` degrees of azimuth per frame (-360..360; default: the scene's turn when it auto-rotates, else 0)")
	hud := fs.Bool("hud", true, "draw the title, legend and HUD (false: the legend and title only)")
	fs.Float64Var(&c.opts.Scale, "scale", 1, "enlarge every label by `F` (0.25..8)")
	fs.BoolVar(&c.opts.Dark, "dark", false, "dark theme")
	fs.IntVar(&c.rec.Loop, "loop", 0, fmt.Sprintf("GIF: play `N` times (0: loop forever; at most %d)", record.MaxLoop))
	fs.BoolVar(&c.rec.Dither, "dither", false, "GIF: ordered dithering (less banding, larger files)")
	fs.Var(&palette, "palette-frames", "GIF: build the palette from the first `N` frames (0: all; default: the first second, at least 8; at most what fits in 256 MiB, 139 frames at 800x600)")
	fs.BoolVar(&c.timing, "timing", false, "print where the time went (per frame) on stderr when done")
	noStory := fs.Bool("no-story", false, "record a scene with a storyboard without it (frame n shows step n*K again)")
	if err := parseFlags(fs, args); err != nil {
		return nil, err
	}
	if c.out == "" {
		return nil, badUsage(fmt.Errorf("missing -o FILE (a .gif, .mp4, .webm or .png file, or a directory ending in /)"))
	}
	format, err := record.FormatFor(c.out)
	if err != nil {
		return nil, badUsage(err)
	}
	if err := record.CheckOutput(c.out); err != nil {
		return nil, badUsage(err)
	}
	if c.ro.Width, c.ro.Height, err = parseSize(size); err != nil {
		return nil, badUsage(fmt.Errorf("-size: %v", err))
	}
	if err := checkRecordSizes(c, palette); err != nil {
		return nil, err
	}
	switch {
	case fps < 0 || fps > 1000 || math.IsNaN(fps) || math.IsInf(fps, 0):
		return nil, badUsage(fmt.Errorf("bad -fps %v (want a rate in (0, 1000])", fps))
	case !(c.opts.Scale >= 0.25 && c.opts.Scale <= 8):
		return nil, badUsage(fmt.Errorf("bad -scale %v (want 0.25..8)", c.opts.Scale))
	case rotate.set && (math.IsNaN(rotate.v) || math.IsInf(rotate.v, 0) || math.Abs(rotate.v) > 360):
		return nil, badUsage(fmt.Errorf("bad -rotate %v (want degrees in [-360, 360])", rotate.v))
	case view != "" && !slices.Contains(scene.Views(), view):
		return nil, badUsage(fmt.Errorf("unknown -view %q (want %s)", view, strings.Join(scene.Views(), ", ")))
	case layout != "" && !slices.Contains(game.Layouts(), layout):
		return nil, badUsage(fmt.Errorf("unknown -layout %q (want %s)", layout, strings.Join(game.Layouts(), ", ")))
	}
	s, err := sf.build()
	if err != nil {
		return nil, badUsage(err)
	}
	if c.opts.TrailLength, err = sf.trailLength(len(s.Runs)); err != nil {
		return nil, err
	}
	switch {
	case view != "":
		s.View = view
	case !slices.Contains(scene.Views(), s.View):
		s.View = scene.Views()[0]
	}
	c.opts.Layout = layout
	c.ro.Rotate = rotate.v
	if !rotate.set {
		c.ro.Rotate = 0
		if s.AutoRotate {
			c.ro.Rotate = s.Rotate
		}
	}
	if fps == 0 {
		fps = s.Rate
		if !(fps > 0) {
			fps = 10
		}
	}
	if format == record.GIF && fps > 50 {
		return nil, badUsage(fmt.Errorf("bad -fps %v: a GIF plays at most 50 fps (record .mp4 for more)", fps))
	}
	if format == record.GIF && fps < record.GIFMinFPS {
		return nil, badUsage(fmt.Errorf("bad -fps %v: a GIF plays at least %.4f fps (a frame every 655.35 s)", fps, record.GIFMinFPS))
	}
	c.ro.FPS = fps
	c.opts.HideHUD = !*hud
	c.ro.NoStory = *noStory
	if len(s.Story) > 0 && !*noStory {
		// The storyboard sets the pace and the camera.
		set := map[string]bool{}
		fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
		for _, name := range []string{"steps-per-frame", "rotate"} {
			if set[name] {
				return nil, badUsage(fmt.Errorf("-%s does not apply to a scene with a storyboard (its cues set the pace and the camera; -no-story records without it)", name))
			}
		}
		if c.ro.Frames == 0 {
			if c.ro.Frames, err = game.StoryFrames(s, c.opts, fps); err != nil {
				return nil, err
			}
		}
	}
	if c.ro.Frames == 0 {
		c.ro.Frames = game.RecordFrames(s, c.ro.StepsPerFrame)
		if c.ro.Frames > record.MaxFrames {
			return nil, badUsage(fmt.Errorf("too many frames: %d steps at %d a frame make %d frames (want at most %d: raise -steps-per-frame, lower -steps or give -frames)",
				s.Steps, c.ro.StepsPerFrame, c.ro.Frames, record.MaxFrames))
		}
	}
	c.rec.Width, c.rec.Height, c.rec.FPS, c.rec.Frames = c.ro.Width, c.ro.Height, fps, c.ro.Frames
	if format == record.PNG {
		// A still: the last frame (by default the runs' final state).
		c.ro.Skip, c.rec.Frames = c.ro.Frames-1, 1
	}
	c.rec.Progress = stderr
	// The palette from the first second of frames (at least 8) looks the
	// same as one from every frame on the presets (mean error 0.3 of 255
	// either way) and lets quantising and encoding run alongside the
	// rendering instead of after it, in bounded memory.
	c.rec.PaletteFrames = palette.v
	if !palette.set {
		c.rec.PaletteFrames = min(max(8, int(math.Ceil(fps))), record.MaxPaletteFrames(c.ro.Width, c.ro.Height))
	}
	c.scene = s
	return c, nil
}

// checkRecordSizes bounds the flags that size a recording.
func checkRecordSizes(c *recordConfig, palette optionalInt) error {
	if err := checkInt("frames", c.ro.Frames, 0, record.MaxFrames, "0: until the runs finish"); err != nil {
		return err
	}
	if err := checkInt("steps-per-frame", c.ro.StepsPerFrame, 1, runs.MaxSteps, ""); err != nil {
		return err
	}
	if err := checkInt("loop", c.rec.Loop, 0, record.MaxLoop, "0: loop forever"); err != nil {
		return err
	}
	if palette.set {
		bound := record.MaxPaletteFrames(c.ro.Width, c.ro.Height)
		note := fmt.Sprintf("0: every frame; %d frames of %dx%d fill the 256 MiB palette buffer", bound, c.ro.Width, c.ro.Height)
		return checkInt("palette-frames", palette.v, 0, bound, note)
	}
	return nil
}

// interruptGrace is how long an interrupted recording waits for the
// rendering to notice before it leaves anyway: setting up the scene
// (surface, runs, meshes) does not look for interrupts.
const interruptGrace = 500 * time.Millisecond

// recordCommand renders the frames and writes the file.
func recordCommand(args []string, stderr io.Writer) error {
	c, err := parseRecord(args, stderr)
	if err != nil {
		return err
	}
	// Ctrl-C (or SIGTERM) throws the output away at once, in every phase:
	// setting up, rendering, and Close still encoding.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	w, err := record.Create(c.out, c.rec)
	if err != nil {
		return badUsage(err)
	}
	defer w.Abort() // harmless after Close
	if err := displayAvailable(); err != nil {
		return err
	}
	finished := make(chan struct{})
	defer close(finished)
	var closing, reported atomic.Bool
	go func() {
		select {
		case <-ctx.Done():
		case <-finished:
			return
		}
		w.Abort() // the temporary output and ffmpeg are gone; a later Close fails
		select {
		case <-finished:
		case <-time.After(interruptGrace):
			if closing.Load() {
				return // Close fails at once now, and says so
			}
			if reported.CompareAndSwap(false, true) {
				fmt.Fprintf(stderr, "descent record: interrupted: nothing written to %s\n", c.out)
				exit(1)
			}
		}
	}()
	var times game.RecordTimings
	c.ro.Timings = &times
	t0 := time.Now()
	err = displayHint(game.Record(ctx, c.scene, c.opts, c.ro, w))
	if errors.Is(err, game.ErrNothingToShow) {
		err = badUsage(err) // the input, found once the scene is set up
	}
	t1 := time.Now()
	closing.Store(true)
	if err == nil {
		err = w.Close()
	}
	t2 := time.Now()
	if ctx.Err() != nil && err != nil {
		if !reported.CompareAndSwap(false, true) {
			select {} // the interrupt is ending the program
		}
		return fmt.Errorf("interrupted: nothing written to %s", c.out)
	}
	if err != nil {
		return err
	}
	if c.timing {
		fmt.Fprintf(stderr, "descent record: %v; setup and frames %.2f s, close (encode the rest) %.2f s, total %.2f s\n",
			times, t1.Sub(t0).Seconds(), t2.Sub(t1).Seconds(), t2.Sub(t0).Seconds())
	}
	return nil
}
