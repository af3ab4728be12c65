package main

import (
	"fmt"
	"io"

	"descent/scene"
	"descent/scene/expr"
	runs "descent/scene/run"
	"descent/scene/surface"
	"descent/scene/trace"
)

func traceCommand(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("trace", "descent trace [-surface NAME [-data FILE.csv] | -expr EXPR | -data FILE.csv] [-optimizer SPEC]... [-start X,Y]... [-steps N] [-format csv|json] [-state]", stderr)
	var o trace.Options
	surfaceName, expression, data := textFlag{what: "surface name"}, textFlag{what: "expression"}, textFlag{what: "file name"}
	var optimizers stringList
	var starts pointList
	var domain domainFlag
	var seed uint64
	fs.Var(&surfaceName, "surface", "surface `NAME` (see 'descent list surfaces'; default bowl); logistic and tanh-unit need -data")
	fs.Var(&expression, "expr", fmt.Sprintf("loss as an expression `EXPR` of x and y, e.g. \"x^2 + 3*y^2\" (at most %d bytes)", expr.MaxLength))
	fs.Var(&data, "data", fmt.Sprintf("data points `FILE.csv`: with -surface logistic (columns x,label), tanh-unit or ols (x,y) the model's data; alone, least squares over its x,y points (x: intercept, y: slope; at most %d rows, %d bytes)", surface.MaxCSVRows, surface.MaxCSVBytes))
	fs.Var(&domain, "domain", "domain `XMIN,XMAX,YMIN,YMAX` (default: the surface's own)")
	fs.Var(&optimizers, "optimizer", "optimizer `SPEC` NAME[:KEY=VALUE,...][+SCHEDULER[:KEY=VALUE,...]]..., e.g. adam:lr=0.1 or sgd:lr=0.1+cosineannealinglr:T_max=100 (repeatable; default sgd; a schedule adds the lr column)")
	fs.Var(&starts, "start", fmt.Sprintf("start point `X,Y` (one number in 1-D; repeatable; default: the surface's own; at most %d runs: starts times optimizers)", scene.MaxRuns))
	fs.IntVar(&o.Steps, "steps", 100, fmt.Sprintf("number of optimizer `steps` per run (0..%d)", runs.MaxSteps))
	fs.StringVar(&o.Format, "format", "csv", "output `format`: csv or json (both written as the runs step)")
	fs.BoolVar(&o.State, "state", false, "add each optimizer's state after every step, in torch's names (exp_avg_x, exp_avg_y, ..., mu_product)")
	fs.IntVar(&o.Stochastic.Batch, "batch", 0, fmt.Sprintf("mini-batch size `N` on a data surface (0: full batch; at most %d)", runs.MaxBatch))
	fs.Float64Var(&o.Stochastic.Noise, "noise", 0, "standard deviation `S` of Gaussian noise added to each gradient component")
	fs.Uint64Var(&seed, "seed", 1, "random seed `K` for mini-batches and noise")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := checkInt("steps", o.Steps, 0, runs.MaxSteps, ""); err != nil {
		return err
	}
	if err := checkInt("batch", o.Stochastic.Batch, 0, runs.MaxBatch, "0: full batch"); err != nil {
		return err
	}
	if err := checkExpr(expression.v); err != nil {
		return err
	}
	if err := checkRuns(max(1, len(starts)), max(1, len(optimizers))); err != nil {
		return err
	}
	o.Surface, o.Expr, o.Data = surfaceName.v, expression.v, data.v
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
