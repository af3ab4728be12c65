package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"descent/optim"
	"descent/scene"
	"descent/scene/surface"
)

func listCommand(args []string, stdout io.Writer) error {
	fs := newFlagSet("list", "descent list [-format text|json] [surfaces|optimizers|scenes]", stdout)
	format := fs.String("format", "text", "output `format`: text or json")
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
		what = []string{"surfaces", "optimizers", "scenes"}
	}
	for _, w := range what {
		if w != "surfaces" && w != "optimizers" && w != "scenes" {
			// Checked before anything is printed: no partial list before the error.
			return badUsage(fmt.Errorf("unknown list %q (want surfaces, optimizers or scenes)", w))
		}
	}
	if len(what) > 1 && *format == "json" {
		return badUsage(fmt.Errorf("-format json lists one kind at a time: surfaces, optimizers or scenes"))
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
		case "scenes":
			err = listScenes(stdout, *format)
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

func listSurfaces(w io.Writer, format string) error {
	type jsonSurface struct {
		Name    string            `json:"name"`
		Title   string            `json:"title"`
		Formula string            `json:"formula"`
		Dim     int               `json:"dim"`
		Domain  surface.Domain    `json:"domain"`
		Start   []float64         `json:"start"`
		Minima  []surface.Minimum `json:"minima"`
	}
	all := surface.All()
	if format == "json" {
		out := make([]jsonSurface, len(all))
		for i, s := range all {
			out[i] = jsonSurface{s.Name, s.Title, s.Formula, s.Dim, s.Domain, s.Start, s.Minima}
			if out[i].Minima == nil {
				out[i].Minima = []surface.Minimum{}
			}
		}
		return writeJSON(w, out)
	}
	fmt.Fprintln(w, "Surfaces (-surface NAME):")
	tw := tabwriter.NewWriter(w, 2, 8, 2, ' ', 0)
	for _, s := range all {
		dom := fmt.Sprintf("x [%g,%g]", s.Domain.XMin, s.Domain.XMax)
		if s.Dim == 2 {
			dom += fmt.Sprintf(" y [%g,%g]", s.Domain.YMin, s.Domain.YMax)
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
	fmt.Fprintln(w, "Also: -expr \"EXPR\" (a function of x and y) and -data FILE.csv (least squares).")
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
