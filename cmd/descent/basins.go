//go:build !js

package main

import (
	"context"
	"errors"
	"fmt"
	"image/png"
	"io"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"

	"descent/optim"
	"descent/scene/basinplot"
	"descent/scene/basins"
	"descent/scene/outfile"
	scenerun "descent/scene/run"
	"descent/scene/surface"
	"descent/scene/trace"
)

const basinsSynopsis = `descent basins [-surface NAME | -expr EXPR | -data FILE.csv] -optimizer SPEC [-optimizer SPEC]... [-grid N] [-steps S] [-domain ...] -o MAP.png [-csv MAP.csv] [-size WxH]

Runs the optimizer from the centre of every cell of an N x N grid of starts
over the domain for S steps and colours each cell by the known minimum its
run ends at (a hue per minimum, numbered as 'descent list minima' lists
them), darker the more steps it took to get there. Several -optimizer flags
draw maps side by side.

  tolerance    a point is at a minimum when its distance to it is at most
               -tol (default: 1% of the domain's larger side, and at most
               0.45 times the distance between the two closest minima)
  steps to     the smallest k such that iterates k..S all lie within the
  tolerance    tolerance of the minimum the run ends at (0: it starts there)
  none (-1)    the run stays finite but ends farther than the tolerance from
               every known minimum (stalled, still on its way, or in a
               minimum nobody listed); drawn light grey
  diverged (-2) the point or the loss stopped being finite, as 'descent
               trace' reports it; the run ends at its last finite point;
               drawn black

The CSV has one row per start, x,y,end_x,end_y,loss,minimum,steps (grid rows
from the bottom, each from the left; with several -optimizer flags an
optimizer column comes first). steps is the steps to tolerance, the
divergence step for a diverged run, S otherwise. end_x,end_y,loss are
exactly the last row 'descent trace -start X,Y' prints for that start. With
-batch or -noise, start k (k = row*N + column) draws from seed SEED+k, which
'descent trace -seed' reproduces. Every core is used; the result does not
depend on how many there are. Ctrl-C stops at once and writes nothing.`

// basinsConfig is a parsed, validated basins command line.
type basinsConfig struct {
	problems    []basins.Problem
	grid        int
	out, csv    string
	width, high int
	title       string
}

func parseBasins(args []string, stderr io.Writer) (*basinsConfig, error) {
	fs := newFlagSet("basins", basinsSynopsis, stderr)
	var surfName, expression, data, size string
	var optimizers stringList
	var domain domainFlag
	var st scenerun.Stochastic
	c := &basinsConfig{}
	var steps int
	var tol float64
	fs.StringVar(&surfName, "surface", "", "built-in surface `NAME` (see 'descent list surfaces'; default himmelblau)")
	fs.StringVar(&expression, "expr", "", "loss as an expression `EXPR` of x and y; its minima are found numerically")
	fs.StringVar(&data, "data", "", "least squares over the x,y points of `FILE.csv` (x: intercept, y: slope)")
	fs.Var(&domain, "domain", "grid of starts over `XMIN,XMAX,YMIN,YMAX` (default: the surface's domain)")
	fs.Var(&optimizers, "optimizer", "optimizer `SPEC` NAME[:KEY=VALUE,...], e.g. adam:lr=0.05 (repeatable: maps side by side)")
	fs.IntVar(&c.grid, "grid", 200, fmt.Sprintf("`N` x N starts, N in 1..%d", basins.MaxGrid))
	fs.IntVar(&steps, "steps", 300, fmt.Sprintf("`S` optimizer steps per start, 0..%d (and N*N*S at most %g)", basins.MaxSteps, float64(basins.MaxWork)))
	fs.Float64Var(&tol, "tol", 0, "tolerance `T`: distance to a minimum that counts as there (0: 1% of the domain's larger side)")
	fs.StringVar(&c.out, "o", "", "write the picture to `MAP.png`")
	fs.StringVar(&c.csv, "csv", "", "write one row per start to `MAP.csv`")
	fs.StringVar(&size, "size", "", fmt.Sprintf("picture size `WxH`, each side %d..%d (default 600x700, 560 wider per extra map)", basinplot.MinSize, basinplot.MaxSize))
	fs.IntVar(&st.Batch, "batch", 0, "mini-batch size `N` on a data surface (0: full batch)")
	fs.Float64Var(&st.Noise, "noise", 0, "standard deviation `S` of Gaussian noise added to each gradient component")
	fs.Uint64Var(&st.Seed, "seed", 1, "random seed `K`: start k draws from seed K+k")
	if err := parseFlags(fs, args); err != nil {
		return nil, err
	}
	if err := basins.CheckSize(c.grid, steps); err != nil {
		return nil, badUsage(err)
	}
	switch {
	case c.out == "" && c.csv == "":
		return nil, badUsage(errors.New("nothing to write: give -o MAP.png and/or -csv MAP.csv"))
	case c.out != "" && !strings.HasSuffix(strings.ToLower(c.out), ".png"):
		return nil, badUsage(fmt.Errorf("-o %s: the picture is a PNG, name it .png", c.out))
	case len(optimizers) == 0:
		return nil, badUsage(errors.New("give at least one -optimizer SPEC, e.g. -optimizer adam:lr=0.05"))
	}
	c.width, c.high = basinplot.DefaultSize(len(optimizers))
	if size != "" {
		var err error
		if c.width, c.high, err = parseSize(size); err != nil {
			return nil, badUsage(fmt.Errorf("-size: %v", err))
		}
	}
	if surfName == "" && expression == "" && data == "" {
		surfName = "himmelblau"
	}
	surf, err := trace.LoadSurface(surfName, expression, data)
	if err != nil {
		return nil, badUsage(err)
	}
	if domain.d != nil {
		surf.Domain = *domain.d
		if expression != "" {
			surf.Minima = surface.FindMinima(surf, surf.Domain)
		}
	}
	for _, text := range optimizers {
		spec, err := optim.ParseSpec(text)
		if err != nil {
			return nil, badUsage(err)
		}
		p := basins.Problem{Surface: surf, Spec: spec, Stochastic: st, Steps: steps, Tol: tol}
		if err := p.Validate(); err != nil {
			return nil, badUsage(err)
		}
		c.problems = append(c.problems, p)
	}
	if c.out != "" {
		probe := basinplot.Panel{Map: &basins.Map{N: 1, Domain: c.problems[0].Domain, Minima: surf.Minima, Tol: c.problems[0].Tol}}
		panels := make([]basinplot.Panel, len(c.problems))
		for i := range panels {
			panels[i] = probe
		}
		if _, err := basinplot.Layout(panels, basinplot.Options{Width: c.width, Height: c.high}); err != nil {
			return nil, badUsage(err)
		}
	}
	p := c.problems[0]
	c.title = fmt.Sprintf("%s: %d x %d starts, %d steps, tolerance %s", surf.Title, c.grid, c.grid, steps, strconv.FormatFloat(p.Tol, 'g', 4, 64))
	if s := st.String(); s != "" {
		c.title += ", " + s
	}
	return c, nil
}

// basinsCommand computes the maps and writes the picture and the CSV.
func basinsCommand(args []string, stderr io.Writer) error {
	// Ctrl-C from here on stops the work and leaves no file behind.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	c, err := parseBasins(args, stderr)
	if err != nil {
		return err
	}
	var files []*outfile.File
	for _, path := range []string{c.out, c.csv} {
		if path == "" {
			files = append(files, nil)
			continue
		}
		f, err := outfile.Create(path)
		if err != nil {
			return badUsage(err)
		}
		defer f.Discard()
		files = append(files, f)
	}
	maps := make([]*basins.Map, len(c.problems))
	for i, p := range c.problems {
		if maps[i], err = basins.Compute(ctx, p, c.grid, basins.Options{}); err != nil {
			if ctx.Err() != nil {
				return errors.New("interrupted: nothing written")
			}
			return err
		}
	}
	if f := files[0]; f != nil {
		panels := make([]basinplot.Panel, len(maps))
		for i, m := range maps {
			panels[i] = basinplot.Panel{Title: m.Spec.Label(), Map: m}
		}
		img, err := basinplot.Render(panels, basinplot.Options{Width: c.width, Height: c.high, Title: c.title})
		if err != nil {
			return err
		}
		if err := png.Encode(ctxWriter{ctx, f}, img); err != nil {
			if ctx.Err() != nil {
				return errors.New("interrupted: nothing written")
			}
			return fmt.Errorf("cannot write %s: %v", f.Path(), err)
		}
	}
	if f := files[1]; f != nil {
		if err := basins.WriteCSV(ctxWriter{ctx, f}, maps...); err != nil {
			if ctx.Err() != nil {
				return errors.New("interrupted: nothing written")
			}
			return fmt.Errorf("cannot write %s: %v", f.Path(), err)
		}
	}
	if ctx.Err() != nil {
		return errors.New("interrupted: nothing written")
	}
	for _, f := range files {
		if f != nil {
			if err := f.Commit(); err != nil {
				return err
			}
		}
	}
	return nil
}

// ctxWriter writes to w until ctx is done, so that Ctrl-C also stops the
// writing of a large CSV or PNG at once.
type ctxWriter struct {
	ctx context.Context
	w   io.Writer
}

// Write writes p, or returns ctx's error once it is done.
func (c ctxWriter) Write(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.w.Write(p)
}
