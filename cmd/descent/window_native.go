//go:build !js

package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"

	"descent/scene"
	"descent/scene/game"
	"descent/scene/record"
)

func windowCommand(args []string, stderr io.Writer) error {
	fs := newFlagSet("descent", "descent [flags]  (opens the window; see also 'descent help')", stderr)
	var sf sceneFlags
	sf.register(fs)
	var o game.Options
	var size, screenshot string
	fs.StringVar(&size, "size", "1280x720", "window size `WxH` (each 16..8192)")
	fs.BoolVar(&o.Fullscreen, "fullscreen", false, "open full screen")
	fs.Float64Var(&o.Scale, "scale", 1, "enlarge every label by `F` (0.25..8; e.g. 1.5 on a projector)")
	fs.BoolVar(&o.Dark, "dark", false, "dark theme")
	fs.BoolVar(&o.Stats, "stats", false, "print fps=F tps=T update_ms=U draw_ms=D triangles=N on stderr once a second")
	fs.IntVar(&o.Frames, "frames", 0, "quit after `N` frames (0: run until closed)")
	fs.StringVar(&screenshot, "screenshot", "", "save the last frame (with -frames) as PNG `FILE` (.png)")
	fs.BoolVar(&o.Paused, "paused", false, "start paused")
	fs.BoolVar(&o.Panel, "panel", false, "start with the control panel shown (Tab toggles it)")
	hud := fs.Bool("hud", true, "show the overlays (title, legend, HUD); H toggles them")
	view := fs.String("view", "", "initial view `NAME`: "+strings.Join(scene.Views(), ", ")+" (default: the scene's; V cycles)")
	fs.StringVar(&o.Layout, "layout", "", "screen `LAYOUT`: "+strings.Join(game.Layouts(), ", ")+" (default: the scene's, else single; L cycles)")
	fs.StringVar(&o.RecordFormat, "record-format", "gif", "what F9 records to: `gif` or mp4 (needs ffmpeg); F12 saves a PNG")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	var err error
	if o.Width, o.Height, err = parseSize(size); err != nil {
		return badUsage(err)
	}
	if !(o.Scale >= 0.25 && o.Scale <= 8) {
		return badUsage(fmt.Errorf("bad -scale %v (want 0.25..8)", o.Scale))
	}
	if o.Frames < 0 {
		return badUsage(fmt.Errorf("bad -frames %d (want >= 0; 0: run until closed)", o.Frames))
	}
	if screenshot != "" {
		if f, err := record.FormatFor(screenshot); err != nil || f != record.PNG {
			return badUsage(fmt.Errorf("bad -screenshot %s: a screenshot is a PNG file (name it .png)", screenshot))
		}
		if err := checkOutputFile(screenshot); err != nil {
			return badUsage(err)
		}
	}
	if o.RecordFormat != "gif" && o.RecordFormat != "mp4" {
		return badUsage(fmt.Errorf("bad -record-format %q (want gif or mp4)", o.RecordFormat))
	}
	if *view != "" && !slices.Contains(scene.Views(), *view) {
		return badUsage(fmt.Errorf("unknown -view %q (want %s)", *view, strings.Join(scene.Views(), ", ")))
	}
	if o.Layout != "" && !slices.Contains(game.Layouts(), o.Layout) {
		return badUsage(fmt.Errorf("unknown -layout %q (want %s)", o.Layout, strings.Join(game.Layouts(), ", ")))
	}
	o.HideHUD = !*hud
	o.Screenshot = screenshot
	o.Stderr = stderr
	s, err := sf.build()
	if err != nil {
		return badUsage(err)
	}
	if o.TrailLength, err = sf.trailLength(len(s.Runs)); err != nil {
		return err
	}
	if *view != "" {
		s.View = *view
	}
	if err := displayAvailable(); err != nil {
		return err
	}
	g, err := game.New(s, o)
	if err != nil {
		// The scene and options are checked: what is left is the input
		// itself, such as a surface with no finite value to show.
		return badUsage(err)
	}
	return displayHint(game.Run(g))
}

// headless is how to run the window on a machine without a display.
const headless = `xvfb-run -a -s "-screen 0 1280x720x24"`

// displayHint adds how to run headless to an error opening the display
// (DISPLAY is set but nothing answers there).
func displayHint(err error) error {
	if err != nil && strings.Contains(err.Error(), "open display") {
		return fmt.Errorf("%w (is the display %q running? On a headless machine run it under %s)", err, os.Getenv("DISPLAY"), headless)
	}
	return err
}

// displayAvailable fails early, with the fix, when a Unix desktop has no X or
// Wayland display for Ebiten's window.
func displayAvailable() error {
	switch runtime.GOOS {
	case "linux", "freebsd", "openbsd", "netbsd", "dragonfly":
		if os.Getenv("DISPLAY") == "" && os.Getenv("WAYLAND_DISPLAY") == "" {
			return fmt.Errorf("needs a display for its window: run it under %s on a headless machine", headless)
		}
	}
	return nil
}

// checkOutputFile fails early when a file cannot be written at path, or
// should not be: the directory is missing or not writable, or the path is a
// directory, a symbolic link or a read-only file (see record.CheckOutput).
func checkOutputFile(path string) error {
	if err := record.CheckOutput(path); err != nil {
		return err
	}
	f, err := os.CreateTemp(filepath.Dir(path), ".descent-check-*")
	if err != nil {
		return fmt.Errorf("cannot write %s: %v", path, err)
	}
	name := f.Name()
	f.Close()
	return os.Remove(name)
}
