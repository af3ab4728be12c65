package main

import (
	"fmt"
	"io"
	"text/tabwriter"

	"descent/scene/surface"
	"descent/scene/trace"
)

// minimaSource says whose minima 'descent list minima' lists.
type minimaSource struct {
	surface, expr, data string
	domain              domainFlag
}

func (m minimaSource) given() bool {
	return m.surface != "" || m.expr != "" || m.data != "" || m.domain.d != nil
}

// surfaces returns the surfaces to list: the one given, or every built-in.
// A domain given with an expression is where its minima are searched for.
func (m minimaSource) surfaces() ([]*surface.Surface, error) {
	if m.surface == "" && m.expr == "" && m.data == "" {
		if m.domain.d != nil {
			return nil, fmt.Errorf("-domain needs -expr (built-in and data surfaces have their minima listed)")
		}
		return surface.All(), nil
	}
	s, err := trace.LoadSurface(m.surface, m.expr, m.data)
	if err != nil {
		return nil, err
	}
	if m.domain.d != nil {
		if m.expr == "" {
			return nil, fmt.Errorf("-domain needs -expr (built-in and data surfaces have their minima listed)")
		}
		s.Domain = *m.domain.d
		s.Minima = surface.FindMinima(s, s.Domain)
	}
	return []*surface.Surface{s}, nil
}

// jsonMinimum is one minimum in 'list minima -format json'.
type jsonMinimum struct {
	Index int     `json:"index"`
	X     float64 `json:"x"`
	Y     float64 `json:"y"`
	Loss  float64 `json:"loss"`
}

// listMinima writes the known minima of each surface with the index
// 'descent basins' colours and numbers them by (its CSV's minimum column).
func listMinima(w io.Writer, format string, src minimaSource) error {
	all, err := src.surfaces()
	if err != nil {
		return badUsage(err)
	}
	if format == "json" {
		type jsonSurface struct {
			Surface string        `json:"surface"`
			Minima  []jsonMinimum `json:"minima"`
		}
		out := make([]jsonSurface, len(all))
		for i, s := range all {
			out[i] = jsonSurface{Surface: s.Name, Minima: []jsonMinimum{}}
			for k, m := range s.Minima {
				out[i].Minima = append(out[i].Minima, jsonMinimum{k, m.X, m.Y, m.Value})
			}
		}
		return writeJSON(w, out)
	}
	fmt.Fprintln(w, "Known minima (index: the minimum column of 'descent basins -csv'; -1 none, -2 diverged):")
	tw := tabwriter.NewWriter(w, 2, 8, 2, ' ', 0)
	fmt.Fprintln(tw, "  surface\tindex\tx\ty\tloss")
	for _, s := range all {
		if len(s.Minima) == 0 {
			fmt.Fprintf(tw, "  %s\t-\tnone known\t\t\n", s.Name)
			continue
		}
		for k, m := range s.Minima {
			y := trace.FormatFloat(m.Y)
			if s.Dim == 1 {
				y = "-"
			}
			fmt.Fprintf(tw, "  %s\t%d\t%s\t%s\t%s\n", s.Name, k, trace.FormatFloat(m.X), y, trace.FormatFloat(m.Value))
		}
	}
	return tw.Flush()
}
