package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"

	"descent/optim"
	"descent/scene"
	"descent/scene/surface"
)

func listCommand(args []string, stdout io.Writer) error {
	fs := newFlagSet("list", "descent list [-format text|json] [surfaces|optimizers|schedulers|scenes|minima [-surface NAME | -expr EXPR | -data FILE.csv] [-domain ...]]", stdout)
	format := fs.String("format", "text", "output `format`: text or json")
	var src minimaSource
	fs.StringVar(&src.surface, "surface", "", "list minima: of the built-in surface `NAME` (default: every built-in surface)")
	fs.StringVar(&src.expr, "expr", "", "list minima: of the expression `EXPR` of x and y (found numerically)")
	fs.StringVar(&src.data, "data", "", "list minima: of least squares over the x,y points of `FILE.csv`")
	fs.Var(&src.domain, "domain", "list minima: of an expression, found inside `XMIN,XMAX,YMIN,YMAX`")
	// Accept the kind before or after the flags: "list surfaces -format json".
	var kinds []string
	for len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		kinds, args = append(kinds, args[0]), args[1:]
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			usages[fs]()
			return err
		}
		return badUsage(err)
	}
	if *format != "text" && *format != "json" {
		return badUsage(fmt.Errorf("unknown format %q (want text or json)", *format))
	}
	what := append(kinds, fs.Args()...)
	if len(what) == 0 {
		what = []string{"surfaces", "optimizers", "schedulers", "scenes"}
	}
	for _, w := range what {
		if !slices.Contains([]string{"surfaces", "optimizers", "schedulers", "scenes", "minima"}, w) {
			// Checked before anything is printed: no partial list before the error.
			return badUsage(fmt.Errorf("unknown list %q (want surfaces, optimizers, schedulers, scenes or minima)", w))
		}
	}
	if len(what) > 1 && *format == "json" {
		return badUsage(fmt.Errorf("-format json lists one kind at a time: surfaces, optimizers, schedulers, scenes or minima"))
	}
	if src.given() && !slices.Contains(what, "minima") {
		return badUsage(fmt.Errorf("-surface, -expr, -data and -domain choose whose minima 'descent list minima' lists"))
	}
	for i, w := range what {
		if i > 0 {
			fmt.Fprintln(stdout)
		}
		var err error
		switch w {
		case "surfaces":
			err = listSurfaces(stdout, *format)
		case "optimizers":
			err = listOptimizers(stdout, *format)
		case "schedulers":
			err = listSchedulers(stdout, *format)
		case "scenes":
			err = listScenes(stdout, *format)
		case "minima":
			err = listMinima(stdout, *format, src)
		default:
			return badUsage(fmt.Errorf("unknown list %q (want surfaces, optimizers, schedulers, scenes or minima)", w))
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// jsonSurface is one surface in 'descent list surfaces -format json'. A
// model surface that needs a data file has no domain, start or minima
// (they come from the data): those fields are null and empty.
type jsonSurface struct {
	Name      string            `json:"name"`
	Title     string            `json:"title"`
	Formula   string            `json:"formula"`
	Dim       int               `json:"dim"`
	Axes      []string          `json:"axes"`
	Domain    *surface.Domain   `json:"domain"`
	Start     []float64         `json:"start"`
	Minima    []surface.Minimum `json:"minima"`
	NoMinimum bool              `json:"no_minimum"`
	Note      string            `json:"note,omitempty"`
	Columns   []string          `json:"columns,omitempty"`
	NeedsData bool              `json:"needs_data"`
	Shows     string            `json:"shows,omitempty"`
}

func listSurfaces(w io.Writer, format string) error {
	all := surface.All()
	var needData []surface.ModelInfo
	for _, m := range surface.Models() {
		if m.Builtin == "" {
			needData = append(needData, m)
		}
	}
	if format == "json" {
		out := make([]jsonSurface, 0, len(all)+len(needData))
		for _, s := range all {
			d := s.Domain
			axes := s.AxisNames()
			j := jsonSurface{Name: s.Name, Title: s.Title, Formula: s.Formula, Dim: s.Dim,
				Axes: axes[:s.Dim], Domain: &d, Start: s.Start, Minima: s.Minima,
				NoMinimum: s.NoMinimum, Note: s.Note}
			if s.Model != nil {
				j.Columns = s.Model.Columns
			}
			if m, ok := surface.LookupModel(s.Name); ok {
				j.Shows = m.Shows
			}
			if j.Minima == nil {
				j.Minima = []surface.Minimum{}
			}
			out = append(out, j)
		}
		for _, m := range needData {
			out = append(out, jsonSurface{Name: m.Name, Title: m.Title, Formula: m.Formula, Dim: 2,
				Axes: m.Axes[:], Minima: []surface.Minimum{}, Columns: m.Columns, NeedsData: true, Shows: m.Shows})
		}
		return writeJSON(w, out)
	}
	fmt.Fprintln(w, "Surfaces (-surface NAME):")
	tw := tabwriter.NewWriter(w, 2, 8, 2, ' ', 0)
	for _, s := range all {
		axes := s.AxisNames()
		dom := fmt.Sprintf("%s [%g,%g]", axes[0], s.Domain.XMin, s.Domain.XMax)
		if s.Dim == 2 {
			dom += fmt.Sprintf(" %s [%g,%g]", axes[1], s.Domain.YMin, s.Domain.YMax)
		}
		mins := "none known"
		if len(s.Minima) > 0 {
			parts := make([]string, len(s.Minima))
			for i, m := range s.Minima {
				if s.Dim == 1 {
					parts[i] = fmt.Sprintf("x=%.4g: %.5g", m.X, m.Value)
				} else {
					parts[i] = fmt.Sprintf("(%.4g,%.4g): %.5g", m.X, m.Y, m.Value)
				}
			}
			mins = strings.Join(parts, "; ")
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\tminima %s\n", s.Name, s.Formula, dom, mins)
	}
	tw.Flush()
	fmt.Fprintln(w, "Data surfaces (-surface NAME -data FILE.csv; the domain, start and minima come from the data):")
	tw = tabwriter.NewWriter(w, 2, 8, 2, ' ', 0)
	for _, m := range surface.Models() {
		if !m.TakesData {
			continue
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s, %s\tcolumns %s\t%s\n", m.Name, m.Formula, m.Axes[0], m.Axes[1], strings.Join(m.Columns, ","), m.Shows)
	}
	tw.Flush()
	fmt.Fprintf(w, "Built-in data sets (a -data name read from the program when no such file exists): %s.\n", strings.Join(surface.BuiltinData(), ", "))
	fmt.Fprintln(w, "Also: -expr \"EXPR\" (a function of x and y) and -data FILE.csv alone (least squares over its x,y points).")
	return nil
}

func listOptimizers(w io.Writer, format string) error {
	methods := optim.Methods()
	if format == "json" {
		return writeJSON(w, methods)
	}
	fmt.Fprintln(w, "Optimizers (-optimizer NAME[:KEY=VALUE,...]; aliases gd, momentum, nesterov):")
	for _, m := range methods {
		parts := make([]string, len(m.Params))
		for i, p := range m.Params {
			parts[i] = p.Name + "=" + p.FormatValue(p.Default)
		}
		fmt.Fprintf(w, "  %-9s %s\n", m.Name, strings.Join(parts, " "))
	}
	return nil
}

func listSchedulers(w io.Writer, format string) error {
	scheds := optim.Schedulers()
	if format == "json" {
		return writeJSON(w, scheds)
	}
	fmt.Fprintln(w, "Learning-rate schedulers (-optimizer OPTIMIZER+NAME[:KEY=VALUE,...]+..., stepped in order once per step; lists 30;60):")
	for _, sc := range scheds {
		parts := make([]string, len(sc.Params))
		for i, p := range sc.Params {
			v := p.DefaultText()
			switch {
			case p.Required:
				v = "REQUIRED"
			case p.Optional:
				v = "None"
			}
			parts[i] = p.Name + "=" + v
		}
		fmt.Fprintf(w, "  %-27s %s\n", sc.Name, strings.Join(parts, " "))
	}
	return nil
}

func listScenes(w io.Writer, format string) error {
	type jsonScene struct {
		Name        string `json:"name"`
		Description string `json:"description"`
	}
	var out []jsonScene
	for _, name := range scene.Presets() {
		s, err := scene.Load(name)
		if err != nil {
			return err
		}
		out = append(out, jsonScene{name, s.Description})
	}
	if format == "json" {
		return writeJSON(w, out)
	}
	fmt.Fprintln(w, "Scenes (-scene NAME, or -scene FILE):")
	tw := tabwriter.NewWriter(w, 2, 8, 2, ' ', 0)
	for _, s := range out {
		def := ""
		if s.Name == scene.Default() {
			def = " (default)"
		}
		fmt.Fprintf(tw, "  %s%s\t%s\n", s.Name, def, s.Description)
	}
	return tw.Flush()
}
