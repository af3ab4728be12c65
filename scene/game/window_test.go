package game

import (
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"

	"descent/scene"
)

// Flags for running the window by hand while developing:
//
//	go test ./scene/game -run TestWindow -window
//	xvfb-run -a -s "-screen 0 1280x720x24" go test ./scene/game -run TestWindow -window -frames 40 -shot /tmp/a.png
var (
	flagWindow  = flag.Bool("window", false, "open the window (TestWindow)")
	flagSurface = flag.String("surface", "bowl", "surface name for TestWindow")
	flagMesh    = flag.Int("mesh", 400, "mesh samples per side for TestWindow")
	flagElev    = flag.Float64("elev", 30, "camera elevation for TestWindow")
	flagAzim    = flag.Float64("azim", 120, "camera azimuth for TestWindow")
	flagRuns    = flag.String("runs", "sgd:lr=0.1", "optimizer specs separated by ';' for TestWindow")
	flagStart   = flag.String("start", "", "start point x,y for TestWindow (default: the bowl-turntable's 0,0 or the surface's)")
	flagFrames  = flag.Int("frames", 0, "quit after this many frames")
	flagShot    = flag.String("shot", "", "save a screenshot PNG at the last frame")
	flagStats   = flag.Bool("stats", false, "print frame statistics")
	flagDark    = flag.Bool("dark", false, "dark theme")
	flagScale   = flag.Float64("scale", 1, "label scale")
	flagCmap    = flag.String("cmap", "viridis", "colormap")
	flagAlpha   = flag.Float64("alpha", 0.7, "surface alpha")
	flagRotate  = flag.Bool("rotate", true, "auto-rotate")
	flagPaused  = flag.Bool("paused", false, "start paused")
	flagSteps   = flag.Int("steps", 50, "steps per run")
	flagRate    = flag.Float64("rate", 5, "steps per second")
	flagHUD     = flag.Bool("hud", true, "show the HUD")
	flagHelp    = flag.Bool("help-overlay", false, "start with the help overlay")
	flagPreset  = flag.String("preset", "", "show this preset (or scene file) instead of the flag-built scene")
)

// bowlTurntable is DESIGN.md's bowl-turntable scene, built in code so the
// window can be developed without the presets.
func bowlTurntable() *scene.Scene {
	return &scene.Scene{
		Name:    "bowl-turntable",
		Title:   "Gradient Descent on Loss Function",
		Surface: "bowl",
		Runs: []scene.RunConfig{{Optimizer: "sgd:lr=0.1", Start: []float64{0, 0},
			Label: "Gradient Descent Path"}},
		Steps: 50, Rate: 5, Mesh: 400, Colormap: "viridis", Alpha: 0.7,
		Camera: scene.Camera{Elevation: 30, Azimuth: 120}, Rotate: -2, AutoRotate: true,
		XLabel: "X axis", YLabel: "Y axis", ZLabel: "Loss", View: "3d",
	}
}

func flagScene() *scene.Scene {
	s := bowlTurntable()
	s.Surface = *flagSurface
	s.Mesh = *flagMesh
	s.Camera = scene.Camera{Elevation: *flagElev, Azimuth: *flagAzim}
	s.Colormap, s.Alpha, s.AutoRotate, s.Steps, s.Rate = *flagCmap, *flagAlpha, *flagRotate, *flagSteps, *flagRate
	s.Runs = nil
	var start []float64
	if *flagStart != "" {
		var x, y float64
		if _, err := fmtSscanf(*flagStart, &x, &y); err == nil {
			start = []float64{x, y}
		}
	} else if *flagSurface == "bowl" {
		start = []float64{0, 0}
	}
	for _, spec := range strings.Split(*flagRuns, ";") {
		s.Runs = append(s.Runs, scene.RunConfig{Optimizer: spec, Start: start})
	}
	if *flagSurface != "bowl" {
		s.Title = *flagSurface
	}
	return s
}

func TestWindow(t *testing.T) {
	if !*flagWindow {
		t.Skip("run with -window to open the window")
	}
	if os.Getenv("DISPLAY") == "" {
		t.Skip("no display: run under xvfb-run")
	}
	s := flagScene()
	if *flagPreset != "" {
		var err error
		if s, err = scene.Load(*flagPreset); err != nil {
			t.Fatal(err)
		}
		set := map[string]bool{}
		flag.Visit(func(f *flag.Flag) { set[f.Name] = true })
		if set["elev"] || set["azim"] {
			s.Camera.Elevation, s.Camera.Azimuth = *flagElev, *flagAzim
		}
		if set["rotate"] {
			s.AutoRotate = *flagRotate
		}
	}
	g, err := New(s, Options{
		Frames: *flagFrames, Screenshot: *flagShot, Stats: *flagStats, Dark: *flagDark,
		Scale: *flagScale, Paused: *flagPaused, HideHUD: !*flagHUD, Help: *flagHelp,
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := Run(g); err != nil {
		t.Fatal(err)
	}
}

func fmtSscanf(s string, x, y *float64) (int, error) {
	return fmt.Sscanf(strings.ReplaceAll(s, ",", " "), "%g %g", x, y)
}
