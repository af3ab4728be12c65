package main

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"descent/scene"
	"descent/scene/expr"
	"descent/scene/link"
	runs "descent/scene/run"
	"descent/scene/surface"
)

// sceneFlags are the flags that choose and adjust a scene, shared by the
// window, the recordings and the page's address.
type sceneFlags struct {
	scene, surface, expr, data textFlag
	domain                     domainFlag
	optimizers                 stringList
	starts                     pointList
	steps, mesh, batch         int
	trail                      optionalInt
	swarm                      optionalInt
	swarmRadius                optionalFloat
	rate, noise                float64
	seed                       uint64
	colormap                   string
	camera                     string
}

// defaultTrail is the trail each run keeps when -trail is not given (fewer
// when the runs are so many that scene.MaxTrailPoints would be passed).
const defaultTrail = 1000

func (f *sceneFlags) register(fs flagSet) {
	f.scene.what, f.surface.what, f.expr.what, f.data.what = "scene name", "surface name", "expression", "file name"
	fs.Var(&f.scene, "scene", fmt.Sprintf("preset `NAME` or scene FILE (see 'descent list scenes'; a file of at most %d bytes, %d runs)", scene.MaxFileBytes, scene.MaxRuns))
	fs.Var(&f.surface, "surface", "surface `NAME` (see 'descent list surfaces'); logistic and tanh-unit need -data")
	fs.Var(&f.expr, "expr", fmt.Sprintf("loss as an expression `EXPR` of x and y (at most %d bytes)", expr.MaxLength))
	fs.Var(&f.data, "data", fmt.Sprintf("data points `FILE.csv`: with -surface logistic (columns x,label), tanh-unit or ols (x,y) the model's data; alone, least squares over its x,y points (at most %d rows, %d bytes)", surface.MaxCSVRows, surface.MaxCSVBytes))
	fs.Var(&f.domain, "domain", "domain `XMIN,XMAX,YMIN,YMAX` (default: the surface's own)")
	fs.Var(&f.optimizers, "optimizer", "optimizer `SPEC` NAME[:KEY=VALUE,...][+SCHEDULER[:KEY=VALUE,...]]... (repeatable; replaces the scene's runs)")
	fs.Var(&f.starts, "start", "start point `X,Y` (repeatable; one run per start and optimizer, at most "+strconv.Itoa(scene.MaxRuns)+" runs)")
	fs.IntVar(&f.steps, "steps", -1, "steps per run before it stops (`N` up to "+strconv.Itoa(runs.MaxSteps)+"; 0: no limit; default: the scene's)")
	fs.IntVar(&f.mesh, "mesh", 0, "mesh resolution `N` (N x N samples, 2.."+strconv.Itoa(scene.MaxMesh)+"; default: the scene's)")
	fs.StringVar(&f.colormap, "colormap", "", "surface colours `NAME`: viridis, coolwarm, magma, plasma, cividis, grey")
	fs.Float64Var(&f.rate, "rate", 0, "playback rate in `steps` per second (at most 60; default: the scene's)")
	fs.StringVar(&f.camera, "camera", "", "initial view `ELEV,AZIM[,DISTANCE]` in matplotlib's view_init degrees")
	fs.IntVar(&f.batch, "batch", 0, "mini-batch size `N` on a data surface (0: full batch; at most "+strconv.Itoa(runs.MaxBatch)+")")
	fs.Float64Var(&f.noise, "noise", 0, "standard deviation `S` of Gaussian noise added to each gradient component")
	fs.Uint64Var(&f.seed, "seed", 1, "random seed `K` for mini-batches and noise")
	fs.Var(&f.trail, "trail", fmt.Sprintf("iterates kept per run's trail (`N`, 2..%d, and at most %d over all runs; default %d)",
		scene.MaxTrail, scene.MaxTrailPoints, defaultTrail))
	fs.Var(&f.swarm, "swarm", fmt.Sprintf("give every run a swarm of `N` particles that step with it (0: none; at most %d over all runs; default: the scene's)", scene.MaxParticles))
	fs.Var(&f.swarmRadius, "swarm-radius", "start the swarms in the square of half side `R` around each run's start (0: over the whole domain)")
}

// flagSet is the part of flag.FlagSet that sceneFlags needs.
type flagSet interface {
	StringVar(p *string, name, value, usage string)
	IntVar(p *int, name string, value int, usage string)
	Float64Var(p *float64, name string, value float64, usage string)
	Uint64Var(p *uint64, name string, value uint64, usage string)
	Var(v interfaceValue, name, usage string)
}

// checkSizes bounds the flags that size the scene, before it is built.
func (f *sceneFlags) checkSizes() error {
	if f.steps != -1 {
		if err := checkInt("steps", f.steps, 0, runs.MaxSteps, "0: no limit"); err != nil {
			return err
		}
	}
	if f.mesh != 0 {
		if err := checkInt("mesh", f.mesh, scene.MinMesh, scene.MaxMesh, ""); err != nil {
			return err
		}
	}
	if err := checkInt("batch", f.batch, 0, runs.MaxBatch, "0: full batch"); err != nil {
		return err
	}
	if f.swarm.set {
		if err := checkInt("swarm", f.swarm.v, 0, scene.MaxParticles, "particles per run, and at most that over all runs; 0: none"); err != nil {
			return err
		}
	}
	if r := f.swarmRadius.v; f.swarmRadius.set && !(r >= 0 && r <= math.MaxFloat64) {
		return badUsage(fmt.Errorf("bad -swarm-radius %v (want a finite number >= 0; 0: the whole domain)", r))
	}
	if err := checkExpr(f.expr.v); err != nil {
		return err
	}
	return checkRuns(max(1, len(f.starts)), max(1, len(f.optimizers)))
}

// trailLength returns the trail each of n runs keeps: -trail if given (an
// error past the bounds), else defaultTrail or less for many runs.
func (f *sceneFlags) trailLength(n int) (int, error) {
	bound := scene.TrailBound(n)
	if !f.trail.set {
		return min(defaultTrail, bound), nil
	}
	note := ""
	if bound < scene.MaxTrail {
		note = fmt.Sprintf("with %d runs: at most %d iterates in all", n, scene.MaxTrailPoints)
	}
	if err := checkInt("trail", f.trail.v, 2, bound, note); err != nil {
		return 0, err
	}
	return f.trail.v, nil
}

// build loads or assembles the scene the flags describe and validates it.
func (f *sceneFlags) build() (*scene.Scene, error) {
	if err := f.checkSizes(); err != nil {
		return nil, err
	}
	adHoc := f.surface.set || f.expr.set || f.data.set
	if f.scene.set && adHoc {
		return nil, fmt.Errorf("give either -scene or -surface/-expr/-data, not both")
	}
	var s *scene.Scene
	switch {
	case adHoc:
		s = &scene.Scene{Name: "command line", Surface: f.surface.v, Expr: f.expr.v, Data: f.data.v}
		if len(f.optimizers) == 0 {
			f.optimizers = stringList{"sgd", "momentum", "adam"}
		}
	default:
		name := f.scene.v
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
		if err := checkRuns(len(starts), len(specs)); err != nil {
			return nil, err
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
	for i := range s.Runs {
		if f.swarm.set {
			s.Runs[i].Swarm = f.swarm.v
		}
		if f.swarmRadius.set {
			s.Runs[i].SwarmRadius = f.swarmRadius.v
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
