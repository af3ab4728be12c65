package main

import (
	"fmt"
	"io"

	"descent/scene/trace"
)

func traceCommand(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("trace", "descent trace [-surface NAME [-data FILE.csv] | -expr EXPR | -data FILE.csv] [-optimizer SPEC]... [-start X,Y]... [-steps N] [-format csv|json] [-state]", stderr)
	var o trace.Options
	var optimizers stringList
	var starts pointList
	var domain domainFlag
	var seed uint64
	fs.StringVar(&o.Surface, "surface", "", "surface `NAME` (see 'descent list surfaces'; default bowl); logistic and tanh-unit need -data")
	fs.StringVar(&o.Expr, "expr", "", "loss as an expression `EXPR` of x and y, e.g. \"x^2 + 3*y^2\"")
	fs.StringVar(&o.Data, "data", "", "data points `FILE.csv`: with -surface logistic (columns x,label), tanh-unit or ols (x,y) the model's data; alone, least squares over its x,y points (x: intercept, y: slope)")
	fs.Var(&domain, "domain", "domain `XMIN,XMAX,YMIN,YMAX` (default: the surface's own)")
	fs.Var(&optimizers, "optimizer", "optimizer `SPEC` NAME[:KEY=VALUE,...][+SCHEDULER[:KEY=VALUE,...]]..., e.g. adam:lr=0.1 or sgd:lr=0.1+cosineannealinglr:T_max=100 (repeatable; default sgd; a schedule adds the lr column)")
	fs.Var(&starts, "start", "start point `X,Y` (one number in 1-D; repeatable; default: the surface's own)")
	fs.IntVar(&o.Steps, "steps", 100, "number of optimizer `steps` per run")
	fs.StringVar(&o.Format, "format", "csv", "output `format`: csv or json")
	fs.BoolVar(&o.State, "state", false, "add each optimizer's state after every step, in torch's names (exp_avg_x, exp_avg_y, ..., mu_product)")
	fs.IntVar(&o.Stochastic.Batch, "batch", 0, "mini-batch size `N` on a data surface (0: full batch)")
	fs.Float64Var(&o.Stochastic.Noise, "noise", 0, "standard deviation `S` of Gaussian noise added to each gradient component")
	fs.Uint64Var(&seed, "seed", 1, "random seed `K` for mini-batches and noise")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	o.Optimizers, o.Starts, o.Domain = optimizers, starts, domain.d
	o.Stochastic.Seed = seed
	t, err := trace.New(o)
	if err != nil {
		return badUsage(err)
	}
	return writeTrace(t, stdout, stderr)
}

// writeTrace writes the trace to stdout and reports divergences on stderr.
func writeTrace(t *trace.Trace, stdout, stderr io.Writer) error {
	divs, err := t.Write(stdout)
	for _, d := range divs {
		fmt.Fprintln(stderr, d.String())
	}
	if err != nil {
		return fmt.Errorf("writing trace: %w", err)
	}
	return nil
}
