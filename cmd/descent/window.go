package main

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"descent/scene"
	"descent/scene/game"
	"descent/scene/link"
)

// sceneFlags are the flags that choose and adjust a scene, shared by the
// window and recording commands.
type sceneFlags struct {
	scene, surface, expr, data string
	domain                     domainFlag
	optimizers                 stringList
	starts                     pointList
	steps, mesh, batch         int
	rate, noise                float64
	seed                       uint64
	colormap                   string
	camera                     string
}

func (f *sceneFlags) register(fs flagSet) {
	fs.StringVar(&f.scene, "scene", "", "preset `NAME` or scene FILE (see 'descent list scenes')")
	fs.StringVar(&f.surface, "surface", "", "surface `NAME` (see 'descent list surfaces'); logistic and tanh-unit need -data")
	fs.StringVar(&f.expr, "expr", "", "loss as an expression `EXPR` of x and y")
	fs.StringVar(&f.data, "data", "", "data points `FILE.csv`: with -surface logistic (columns x,label), tanh-unit or ols (x,y) the model's data; alone, least squares over its x,y points")
	fs.Var(&f.domain, "domain", "domain `XMIN,XMAX,YMIN,YMAX` (default: the surface's own)")
	fs.Var(&f.optimizers, "optimizer", "optimizer `SPEC` NAME[:KEY=VALUE,...][+SCHEDULER[:KEY=VALUE,...]]... (repeatable; replaces the scene's runs)")
	fs.Var(&f.starts, "start", "start point `X,Y` (repeatable; one run per start and optimizer)")
	fs.IntVar(&f.steps, "steps", -1, "steps per run before it stops (`N`; 0: no limit; default: the scene's)")
	fs.IntVar(&f.mesh, "mesh", 0, "mesh resolution `N` (N x N samples; default: the scene's)")
	fs.StringVar(&f.colormap, "colormap", "", "surface colours `NAME`: viridis, coolwarm, magma, plasma, cividis, grey")
	fs.Float64Var(&f.rate, "rate", 0, "playback rate in `steps` per second (at most 60; default: the scene's)")
	fs.StringVar(&f.camera, "camera", "", "initial view `ELEV,AZIM[,DISTANCE]` in matplotlib's view_init degrees")
	fs.IntVar(&f.batch, "batch", 0, "mini-batch size `N` on a data surface (0: full batch)")
	fs.Float64Var(&f.noise, "noise", 0, "standard deviation `S` of Gaussian noise added to each gradient component")
	fs.Uint64Var(&f.seed, "seed", 1, "random seed `K` for mini-batches and noise")
}

// flagSet is the part of flag.FlagSet that sceneFlags needs.
type flagSet interface {
	StringVar(p *string, name, value, usage string)
	IntVar(p *int, name string, value int, usage string)
	Float64Var(p *float64, name string, value float64, usage string)
	Uint64Var(p *uint64, name string, value uint64, usage string)
	Var(v interfaceValue, name, usage string)
}

// build loads or assembles the scene the flags describe and validates it.
func (f *sceneFlags) build() (*scene.Scene, error) {
	adHoc := f.surface != "" || f.expr != "" || f.data != ""
	if f.scene != "" && adHoc {
		return nil, fmt.Errorf("give either -scene or -surface/-expr/-data, not both")
	}
	var s *scene.Scene
	switch {
	case adHoc:
		s = &scene.Scene{Name: "command line", Surface: f.surface, Expr: f.expr, Data: f.data}
		if len(f.optimizers) == 0 {
			f.optimizers = stringList{"sgd", "momentum", "adam"}
		}
	default:
		name := f.scene
		if name == "" {
			name = scene.Default()
		}
		var err error
		if link.IsEncoded(name) {
			// A whole scene file, as the page's links carry it.
			s, err = link.DecodeScene(name, "the link's scene")
		} else {
			s, err = scene.Load(name)
		}
		if err != nil {
			return nil, err
		}
	}
	if f.domain.d != nil {
		d := *f.domain.d
		s.Domain = &d
	}
	if len(f.optimizers) > 0 || len(f.starts) > 0 {
		specs := []string(f.optimizers)
		if len(specs) == 0 {
			for _, r := range s.Runs {
				specs = append(specs, r.Optimizer)
			}
		}
		starts := [][]float64(f.starts)
		if len(starts) == 0 {
			starts = [][]float64{nil}
		}
		s.Runs = nil
		for _, st := range starts {
			for _, spec := range specs {
				s.Runs = append(s.Runs, scene.RunConfig{Optimizer: spec, Start: st})
			}
		}
	}
	if f.batch != 0 || f.noise != 0 || f.seed != 1 {
		for i := range s.Runs {
			s.Runs[i].Batch, s.Runs[i].Noise, s.Runs[i].Seed = f.batch, f.noise, f.seed
		}
	}
	if f.steps >= 0 {
		s.Steps = f.steps
	} else if adHoc {
		s.Steps = 0
	}
	if f.mesh != 0 {
		s.Mesh = f.mesh
	}
	if f.colormap != "" {
		s.Colormap = f.colormap
	}
	if f.rate != 0 {
		s.Rate = f.rate
	}
	if f.camera != "" {
		c, err := parseNumbers(f.camera, 2, 3)
		if err != nil {
			return nil, fmt.Errorf("-camera: %v", err)
		}
		s.Camera.Elevation, s.Camera.Azimuth = c[0], c[1]
		if len(c) == 3 {
			s.Camera.Distance = c[2]
		}
	}
	s.Normalize()
	if err := s.Validate(); err != nil {
		return nil, err
	}
	if _, err := s.BuildSurface(); err != nil {
		return nil, err
	}
	return s, nil
}

// parseSize reads "WxH".
func parseSize(v string) (int, int, error) {
	w, h, ok := strings.Cut(strings.ToLower(v), "x")
	if !ok {
		return 0, 0, fmt.Errorf("bad size %q (want WIDTHxHEIGHT, e.g. 1280x720)", v)
	}
	wi, err1 := strconv.Atoi(w)
	hi, err2 := strconv.Atoi(h)
	if err1 != nil || err2 != nil || wi < 16 || hi < 16 || wi > 8192 || hi > 8192 {
		return 0, 0, fmt.Errorf("bad size %q (want WIDTHxHEIGHT, each 16..8192)", v)
	}
	return wi, hi, nil
}

func windowCommand(args []string, stderr io.Writer) error {
	fs := newFlagSet("descent", "descent [flags]  (opens the window; see also 'descent help')", stderr)
	var sf sceneFlags
	sf.register(fs)
	var o game.Options
	var size, screenshot string
	fs.StringVar(&size, "size", "1280x720", "window size `WxH`")
	fs.BoolVar(&o.Fullscreen, "fullscreen", false, "open full screen")
	fs.Float64Var(&o.Scale, "scale", 1, "enlarge every label by `F` (e.g. 1.5 on a projector)")
	fs.BoolVar(&o.Dark, "dark", false, "dark theme")
	fs.BoolVar(&o.Stats, "stats", false, "print fps=F tps=T update_ms=U draw_ms=D triangles=N on stderr once a second")
	fs.IntVar(&o.Frames, "frames", 0, "quit after `N` frames (0: run until closed)")
	fs.StringVar(&screenshot, "screenshot", "", "save the last frame (with -frames) as PNG `FILE`")
	fs.BoolVar(&o.Paused, "paused", false, "start paused")
	fs.BoolVar(&o.Panel, "panel", false, "start with the control panel shown (Tab toggles it)")
	hud := fs.Bool("hud", true, "show the overlays (title, legend, HUD); H toggles them")
	view := fs.String("view", "", "initial view `NAME`: "+strings.Join(scene.Views(), ", ")+" (default: the scene's; V cycles)")
	fs.StringVar(&o.Layout, "layout", "", "screen `LAYOUT`: "+strings.Join(game.Layouts(), ", ")+" (default: the scene's, else single; L cycles)")
	fs.IntVar(&o.TrailLength, "trail", 1000, "iterates kept per run's trail (`N`)")
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
	if o.Frames < 0 || o.TrailLength < 2 {
		return badUsage(fmt.Errorf("-frames must be >= 0 and -trail >= 2"))
	}
	if screenshot != "" {
		if err := checkWritable(screenshot); err != nil {
			return badUsage(err)
		}
	}
	if o.RecordFormat != "gif" && o.RecordFormat != "mp4" {
		return badUsage(fmt.Errorf("bad -record-format %q (want gif or mp4)", o.RecordFormat))
	}
	o.HideHUD = !*hud
	o.Screenshot = screenshot
	o.Stderr = stderr
	s, err := sf.build()
	if err != nil {
		return badUsage(err)
	}
	if *view != "" {
		if !slices.Contains(scene.Views(), *view) {
			return badUsage(fmt.Errorf("unknown -view %q (want %s)", *view, strings.Join(scene.Views(), ", ")))
		}
		s.View = *view
	}
	if o.Layout != "" && !slices.Contains(game.Layouts(), o.Layout) {
		return badUsage(fmt.Errorf("unknown -layout %q (want %s)", o.Layout, strings.Join(game.Layouts(), ", ")))
	}
	g, err := game.New(s, o)
	if err != nil {
		return err
	}
	return game.Run(g)
}
