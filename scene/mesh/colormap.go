package mesh

import (
	"fmt"
	"image/color"
	"math"
	"strings"
)

// The tables of viridis, magma, plasma, cividis and coolwarm, in
// colormap_data.go, are written from matplotlib's own colormaps by
// gen_colormaps.py, which needs Debian's python3-matplotlib.
//go:generate /usr/bin/python3 gen_colormaps.py

// Colormap is a 256-entry table of colours from low (index 0) to high
// (index 255) values, as matplotlib's colormaps are.
type Colormap struct {
	// Name is the colormap's name, e.g. "viridis".
	Name string
	// Table holds the 256 colours as red, green, blue in [0, 1].
	Table *[256][3]float32
}

var greyData = func() *[256][3]float32 {
	var t [256][3]float32
	for i := range t {
		v := float32(i) / 255
		t[i] = [3]float32{v, v, v}
	}
	return &t
}()

var colormaps = []Colormap{
	{"viridis", &viridisData},
	{"coolwarm", &coolwarmData},
	{"magma", &magmaData},
	{"plasma", &plasmaData},
	{"cividis", &cividisData},
	{"grey", greyData},
}

// ColormapNames returns the names of the colormaps, the default first.
func ColormapNames() []string {
	names := make([]string, len(colormaps))
	for i, c := range colormaps {
		names[i] = c.Name
	}
	return names
}

// LookupColormap returns the colormap called name (case-insensitive;
// "gray" is accepted for "grey", and "" gives viridis).
func LookupColormap(name string) (Colormap, error) {
	n := strings.ToLower(strings.TrimSpace(name))
	switch n {
	case "":
		n = "viridis"
	case "gray", "greys", "grays":
		n = "grey"
	}
	for _, c := range colormaps {
		if c.Name == n {
			return c, nil
		}
	}
	return Colormap{}, fmt.Errorf("mesh: unknown colormap %q (known: %s)", name, strings.Join(ColormapNames(), ", "))
}

// At returns the colour at t in [0, 1] (clamped; NaN gives the low end),
// interpolating linearly between table entries.
func (c Colormap) At(t float64) (r, g, b float32) {
	if !(t > 0) {
		t = 0
	}
	if t > 1 {
		t = 1
	}
	x := t * 255
	i := int(x)
	if i >= 255 {
		e := c.Table[255]
		return e[0], e[1], e[2]
	}
	f := float32(x - float64(i))
	a, d := c.Table[i], c.Table[i+1]
	return a[0] + f*(d[0]-a[0]), a[1] + f*(d[1]-a[1]), a[2] + f*(d[2]-a[2])
}

// RGBA returns the colour at t as an opaque 8-bit colour.
func (c Colormap) RGBA(t float64) color.RGBA {
	r, g, b := c.At(t)
	return color.RGBA{to8(r), to8(g), to8(b), 255}
}

// Pixels returns the table as 256 opaque RGBA pixels (1024 bytes), ready
// to upload as a 256x1 image for a shader to sample.
func (c Colormap) Pixels() []byte {
	p := make([]byte, 256*4)
	for i, e := range c.Table {
		p[4*i], p[4*i+1], p[4*i+2], p[4*i+3] = to8(e[0]), to8(e[1]), to8(e[2]), 255
	}
	return p
}

func to8(v float32) uint8 {
	return uint8(math.Round(float64(min(max(v, 0), 1)) * 255))
}
