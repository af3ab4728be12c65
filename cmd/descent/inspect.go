package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"descent/scene/stability"
	"descent/scene/surface"
	"descent/scene/trace"
)

// pointFlag is a flag "X,Y" (or "X" in 1-D) given once.
type pointFlag struct{ p []float64 }

func (f *pointFlag) String() string {
	if f.p == nil {
		return ""
	}
	return fmt.Sprint(f.p)
}

func (f *pointFlag) Set(v string) error {
	p, err := parseNumbers(v, 1, 2)
	if err != nil {
		return err
	}
	f.p = p
	return nil
}

func inspectCommand(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("inspect", "descent inspect [-surface NAME | -expr EXPR | -data FILE.csv] -at X,Y [-momentum B] [-format text|json]", stderr)
	var surfName, expr, data, format string
	var at pointFlag
	var domain domainFlag
	var momentum optionalFloat
	fs.StringVar(&surfName, "surface", "", "built-in surface `NAME` (see 'descent list surfaces'; default bowl)")
	fs.StringVar(&expr, "expr", "", "loss as an expression `EXPR` of x and y, e.g. \"x^2 + 3*y^2\"")
	fs.StringVar(&data, "data", "", "least squares over the x,y points of `FILE.csv` (x: intercept, y: slope)")
	fs.Var(&domain, "domain", "domain `XMIN,XMAX,YMIN,YMAX` (default: the surface's own; the text output notes a point outside it)")
	fs.Var(&at, "at", "the point `X,Y` to inspect (one number for a 1-D surface; required)")
	fs.Var(&momentum, "momentum", "also give the largest stable lr of heavy-ball momentum `B` (0 <= B < 1)")
	fs.StringVar(&format, "format", "text", "output `format`: text or json")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if format != "text" && format != "json" {
		return badUsage(fmt.Errorf("unknown format %q (want text or json)", format))
	}
	if at.p == nil {
		return badUsage(errors.New("missing -at X,Y: the point to inspect"))
	}
	if momentum.set && !(momentum.v >= 0 && momentum.v < 1) {
		return badUsage(fmt.Errorf("invalid momentum: %s (must be in [0, 1): heavy-ball momentum of 1 or more never converges)", momentum.String()))
	}
	s, err := trace.LoadSurface(surfName, expr, data)
	if err != nil {
		return badUsage(err)
	}
	if domain.d != nil {
		s.Domain = *domain.d
	}
	if len(at.p) != s.Dim {
		return badUsage(fmt.Errorf("-at %s has %d coordinates, surface %s needs %d", formatNumbers(at.p), len(at.p), s.Name, s.Dim))
	}
	x, y := at.p[0], 0.0
	if s.Dim == 2 {
		y = at.p[1]
	}
	p, err := stability.At(s, x, y)
	if err != nil {
		return err
	}
	r := inspection{surface: s, point: p, momentum: momentum.v, withMomentum: momentum.set}
	if format == "json" {
		b, err := json.Marshal(r.json())
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(stdout, "%s\n", b)
		return err
	}
	r.writeText(stdout)
	return nil
}

// inspection is the result of `descent inspect`.
type inspection struct {
	surface      *surface.Surface
	point        stability.Point
	momentum     float64
	withMomentum bool
}

// jnum is a JSON number that is null when it is not finite.
type jnum float64

func (v jnum) MarshalJSON() ([]byte, error) {
	f := float64(v)
	switch {
	case math.IsNaN(f) || math.IsInf(f, 0):
		return []byte("null"), nil
	case f == 0:
		return []byte("0"), nil // also -0
	}
	return json.Marshal(f)
}

// inspectJSON is the JSON document of `descent inspect -format json`.
type inspectJSON struct {
	Surface      string   `json:"surface"`
	Formula      string   `json:"formula"`
	Dim          int      `json:"dim"`
	At           []jnum   `json:"at"`
	Loss         jnum     `json:"loss"`
	Gradient     []jnum   `json:"gradient"`
	Hessian      [][]jnum `json:"hessian"`
	Eigenvalues  []jnum   `json:"eigenvalues"`
	Eigenvectors [][]jnum `json:"eigenvectors"`
	LRMaxGD      *jnum    `json:"lr_max_gd"` // null without positive curvature
}

// inspectMomentumJSON adds momentum and lr_max_momentum (null without
// positive curvature) for -momentum.
type inspectMomentumJSON struct {
	inspectJSON
	Momentum      jnum  `json:"momentum"`
	LRMaxMomentum *jnum `json:"lr_max_momentum"`
}

func (r inspection) json() any {
	p := r.point
	n := p.Dim
	vec := func(v [2]float64) []jnum {
		out := make([]jnum, n)
		for i := range out {
			out[i] = jnum(v[i])
		}
		return out
	}
	doc := inspectJSON{
		Surface: r.surface.Name, Formula: r.surface.Formula, Dim: n,
		At: vec([2]float64{p.X, p.Y}), Loss: jnum(p.Loss), Gradient: vec(p.Gradient),
	}
	for i := range n {
		doc.Hessian = append(doc.Hessian, vec(p.Hessian[i]))
		doc.Eigenvalues = append(doc.Eigenvalues, jnum(p.Eigenvalues[i]))
		doc.Eigenvectors = append(doc.Eigenvectors, vec(p.Eigenvectors[i]))
	}
	if lr, ok := p.LRMaxGD(); ok {
		v := jnum(lr)
		doc.LRMaxGD = &v
	}
	if !r.withMomentum {
		return doc
	}
	out := inspectMomentumJSON{inspectJSON: doc, Momentum: jnum(r.momentum)}
	if lr, ok := p.LRMaxMomentum(r.momentum); ok {
		v := jnum(lr)
		out.LRMaxMomentum = &v
	}
	return out
}

// num formats a number for the text output: 6 significant digits.
func num(v float64) string {
	if v == 0 {
		return "0" // also -0
	}
	return strconv.FormatFloat(v, 'g', 6, 64)
}

func vecText(v []float64) string {
	parts := make([]string, len(v))
	for i, x := range v {
		parts[i] = num(x)
	}
	return "(" + strings.Join(parts, ", ") + ")"
}

func (r inspection) writeText(w io.Writer) {
	s, p := r.surface, r.point
	title := s.Title
	if s.Formula != "" && s.Formula != s.Title {
		title += ": " + s.Formula
	}
	fmt.Fprintln(w, title)
	if s.Dim == 1 {
		fmt.Fprintf(w, "at x = %s", num(p.X))
	} else {
		fmt.Fprintf(w, "at (x, y) = %s", vecText([]float64{p.X, p.Y}))
	}
	if !s.Domain.Contains(p.X, p.Y, s.Dim) {
		fmt.Fprint(w, "  (outside the domain)")
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w)
	fmt.Fprintf(w, "loss           %s\n", num(p.Loss))
	if s.Dim == 1 {
		fmt.Fprintf(w, "slope f'       %s\n", num(p.Gradient[0]))
		fmt.Fprintf(w, "curvature f''  %s", num(p.Hessian[0][0]))
		switch h := p.Hessian[0][0]; {
		case h > 0:
			fmt.Fprintln(w, "  (convex here: the curve bends up)")
		case h < 0:
			fmt.Fprintln(w, "  (concave here: the curve bends down)")
		default:
			fmt.Fprintln(w, "  (flat curvature)")
		}
	} else {
		g := p.Gradient
		fmt.Fprintf(w, "gradient       %s   |gradient| = %s\n", vecText(g[:]), num(math.Hypot(g[0], g[1])))
		h := p.Hessian
		a, b := num(h[0][0]), num(h[0][1])
		c, d := num(h[1][0]), num(h[1][1])
		wa := max(len(a), len(c))
		wb := max(len(b), len(d))
		fmt.Fprintf(w, "Hessian        [ %*s  %*s ]\n", wa, a, wb, b)
		fmt.Fprintf(w, "               [ %*s  %*s ]\n", wa, c, wb, d)
		fmt.Fprintln(w, "eigenvalues (ascending) with unit eigenvectors:")
		for i := range 2 {
			fmt.Fprintf(w, "  lambda%d = %-12s v%d = %s\n", i+1, num(p.Eigenvalues[i]), i+1, vecText(p.Eigenvectors[i][:]))
		}
		fmt.Fprintf(w, "  %s\n", shape(p.Eigenvalues))
	}
	fmt.Fprintln(w)
	lam := "lambda_max"
	if s.Dim == 1 {
		lam = "f''"
	}
	fmt.Fprintln(w, "largest stable learning rate of the local quadratic model:")
	if lr, ok := p.LRMaxGD(); ok {
		fmt.Fprintf(w, "  gradient descent             lr < 2/%s = %s\n", lam, num(lr))
	} else {
		fmt.Fprintf(w, "  gradient descent             none: %s <= 0, no learning rate overshoots here\n", lam)
	}
	if r.withMomentum {
		label := fmt.Sprintf("momentum %s", num(r.momentum))
		if lr, ok := p.LRMaxMomentum(r.momentum); ok {
			fmt.Fprintf(w, "  %-28s lr < 2(1+%s)/%s = %s\n", label, num(r.momentum), lam, num(lr))
		} else {
			fmt.Fprintf(w, "  %-28s none: %s <= 0\n", label, lam)
		}
	}
	if _, ok := p.LRMaxGD(); ok {
		fmt.Fprintln(w, "  (above it the steps overshoot along the steepest direction and the oscillation grows)")
	}
}

// shape describes the local model by the signs of its eigenvalues.
func shape(l [2]float64) string {
	switch {
	case math.IsNaN(l[0]) || math.IsNaN(l[1]):
		return "(the Hessian is not finite here)"
	case l[0] > 0:
		return "positive definite: a bowl, curving up in every direction"
	case l[1] < 0:
		return "negative definite: a cap, curving down in every direction"
	case l[0] < 0 && l[1] > 0:
		return "indefinite: a saddle, descent slides away along v1"
	case l[0] == 0 && l[1] == 0:
		return "zero: flat to second order"
	case l[0] == 0:
		return "positive semidefinite: flat along v1"
	}
	return "negative semidefinite: flat along v2"
}

// formatNumbers writes numbers as on the command line, "1,2".
func formatNumbers(p []float64) string {
	parts := make([]string, len(p))
	for i, v := range p {
		parts[i] = strconv.FormatFloat(v, 'g', -1, 64)
	}
	return strings.Join(parts, ",")
}
