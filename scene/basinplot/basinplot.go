// Package basinplot draws basins maps (package basins) into an image, with
// no display: maps side by side as small multiples, each with its title,
// axes, ticks, the known minima marked and the share of starts per outcome,
// over one legend of the colours. It is the picture of `descent basins -o`.
package basinplot

import (
	"errors"
	"fmt"
	"image"
	"image/color"
	"math"

	"descent/scene/basins"
	"descent/scene/surface"
)

// Panel is one map of a picture and its title.
type Panel struct {
	Title string
	Map   *basins.Map
}

// Options are the picture's size and header.
type Options struct {
	// Width and Height are the picture's size in pixels, each within
	// MinSize..MaxSize.
	Width, Height int
	// Title is a header line over the panels; empty for none.
	Title string
}

// Bounds on the picture's sides, in pixels.
const (
	MinSize = 200
	MaxSize = 8192
)

// DefaultSize returns a picture size for k panels: 560 pixels of width per
// panel and 700 of height.
func DefaultSize(k int) (w, h int) { return min(MaxSize, 40+560*max(1, k)), 700 }

// Colours of the frame and text: the window's light theme (scene/plot).
var (
	background = color.RGBA{0xfc, 0xfc, 0xfd, 0xff}
	edge       = color.RGBA{0x6b, 0x72, 0x80, 0xff}
	textColor  = color.RGBA{0x1f, 0x23, 0x2b, 0xff}
	muted      = color.RGBA{0x5b, 0x63, 0x70, 0xff}
	outline    = color.RGBA{0x15, 0x17, 0x1c, 0xff}
	halo       = color.RGBA{0xff, 0xff, 0xff, 0xff}
)

// Sizes in pixels.
const (
	margin      = 16.0 // picture edge to content
	headerH     = 30.0 // the header line
	titleH      = 26.0 // a panel's title
	leftM       = 50.0 // y tick labels and the y title
	rightM      = 12.0
	ticksH      = 36.0 // x tick labels and the x title
	sharesH     = 40.0 // a panel's shares, on up to two lines
	sharesLineH = 18.0
	legendRowH  = 22.0
	tickLen     = 5.0
	tickSize    = 13.0
	axisSize    = 14.0
	titleSize   = 15.0
	legendSize  = 13.0
	swatch      = 12.0
	markR       = 6.0
)

// Layout returns the pixel rectangle of each panel's map in a picture of
// the panels with the options: where Render puts cell k of panel p (the
// window and tests locate cells with it).
func Layout(panels []Panel, o Options) ([]image.Rectangle, error) {
	l, err := layout(panels, o)
	if err != nil {
		return nil, err
	}
	return l.plots, nil
}

// frame is a computed layout.
type frame struct {
	plots   []image.Rectangle
	legend  []legendRow
	legendY float64
}

func layout(panels []Panel, o Options) (*frame, error) {
	switch {
	case len(panels) == 0:
		return nil, errors.New("basinplot: no maps to draw")
	case o.Width < MinSize || o.Width > MaxSize || o.Height < MinSize || o.Height > MaxSize:
		return nil, fmt.Errorf("basinplot: size %dx%d out of bounds (each side %d..%d)", o.Width, o.Height, MinSize, MaxSize)
	}
	d := panels[0].Map.Domain
	for _, p := range panels {
		if p.Map == nil {
			return nil, errors.New("basinplot: a panel has no map")
		}
		if p.Map.Domain != d {
			return nil, errors.New("basinplot: the maps cover different domains")
		}
	}
	f := &frame{}
	f.legend = legendRows(panels[0].Map, float64(o.Width)-2*margin)
	top := margin
	if o.Title != "" {
		top += headerH
	}
	bottom := float64(o.Height) - margin - float64(len(f.legend))*legendRowH
	f.legendY = bottom
	cw := (float64(o.Width) - 2*margin) / float64(len(panels))
	aw := cw - leftM - rightM
	ah := bottom - top - titleH - ticksH - sharesH
	if aw < 20 || ah < 20 {
		return nil, fmt.Errorf("basinplot: %dx%d is too small for %d maps", o.Width, o.Height, len(panels))
	}
	aspect := math.Max(1.0/3, math.Min(3, (d.XMax-d.XMin)/(d.YMax-d.YMin)))
	pw := math.Min(aw, ah*aspect)
	ph := pw / aspect
	for c := range panels {
		x0 := margin + float64(c)*cw + leftM + (aw-pw)/2
		y0 := top + titleH
		f.plots = append(f.plots, image.Rect(int(math.Round(x0)), int(math.Round(y0)), int(math.Round(x0+pw)), int(math.Round(y0+ph))))
	}
	return f, nil
}

// Render draws the panels' maps side by side with the options' size.
func Render(panels []Panel, o Options) (*image.RGBA, error) {
	f, err := layout(panels, o)
	if err != nil {
		return nil, err
	}
	c := newCanvas(o.Width, o.Height, background)
	if o.Title != "" {
		title := elide(o.Title, float64(o.Width)-2*margin, titleSize, false)
		c.textAt(title, float64(o.Width)/2, margin+headerH/2, 0.5, 1, titleSize, false, textColor)
	}
	for i, p := range panels {
		r := f.plots[i]
		drawCells(c, p.Map, r)
		drawMinima(c, p.Map, r)
		drawAxes(c, p.Map.Domain, r)
		title := elide(p.Title, float64(r.Dx())+leftM, titleSize, true)
		c.textAt(title, float64(r.Min.X+r.Max.X)/2, float64(r.Min.Y)-titleH/2, 0.5, 1, titleSize, true, textColor)
		drawShares(c, p.Map, float64(r.Min.X)-leftM+8, float64(r.Max.Y)+ticksH+sharesLineH/2+2, float64(r.Max.X)+rightM)
	}
	drawLegend(c, f.legend, f.legendY)
	return c.img, nil
}

// drawCells paints each pixel of r with the cell its centre falls in.
func drawCells(c *canvas, m *basins.Map, r image.Rectangle) {
	n := m.N
	w, h := float64(r.Dx()), float64(r.Dy())
	colors := make([]color.RGBA, n*n)
	for k := range colors {
		colors[k] = m.CellColor(k)
	}
	col := make([]int, r.Dx())
	for px := range col {
		col[px] = min(n-1, int((float64(px)+0.5)/w*float64(n)))
	}
	for py := 0; py < r.Dy(); py++ {
		j := n - 1 - min(n-1, int((float64(py)+0.5)/h*float64(n)))
		off := c.img.PixOffset(r.Min.X, r.Min.Y+py)
		row := c.img.Pix[off : off+4*r.Dx()]
		for px, i := range col {
			cc := colors[j*n+i]
			row[4*px], row[4*px+1], row[4*px+2], row[4*px+3] = cc.R, cc.G, cc.B, cc.A
		}
	}
}

// toPixel maps a point of d to the picture inside r.
func toPixel(d surface.Domain, r image.Rectangle, x, y float64) (float64, float64) {
	px := float64(r.Min.X) + (x-d.XMin)/(d.XMax-d.XMin)*float64(r.Dx())
	py := float64(r.Max.Y) - (y-d.YMin)/(d.YMax-d.YMin)*float64(r.Dy())
	return px, py
}

// drawMinima marks the known minima inside the map with crosses and their
// index.
func drawMinima(c *canvas, m *basins.Map, r image.Rectangle) {
	for i, mn := range m.Minima {
		if !m.Domain.Contains(mn.X, mn.Y, 2) {
			continue
		}
		x, y := toPixel(m.Domain, r, mn.X, mn.Y)
		c.cross(x, y, markR, outline, halo)
		if len(m.Minima) > namedMinima {
			continue // too many labels to read
		}
		label := fmt.Sprint(i)
		lx, ly := x+markR+3, y-markR-2
		if lx+textWidth(label, legendSize, true) > float64(r.Max.X) {
			lx = x - markR - 3 - textWidth(label, legendSize, true)
		}
		if ly-legendSize < float64(r.Min.Y) {
			ly = y + markR + legendSize
		}
		for _, d := range [][2]float64{{-1, 0}, {1, 0}, {0, -1}, {0, 1}} {
			c.text(label, lx+d[0], ly+d[1], legendSize, true, halo)
		}
		c.text(label, lx, ly, legendSize, true, outline)
	}
}

// drawAxes draws the frame of r, ticks at round values of d with their
// labels, and the axis titles.
func drawAxes(c *canvas, d surface.Domain, r image.Rectangle) {
	x0, y0, x1, y1 := r.Min.X, r.Min.Y, r.Max.X, r.Max.Y
	c.fill(image.Rect(x0-1, y0-1, x1+1, y0), edge)
	c.fill(image.Rect(x0-1, y1, x1+1, y1+1), edge)
	c.fill(image.Rect(x0-1, y0, x0, y1), edge)
	c.fill(image.Rect(x1, y0, x1+1, y1), edge)
	xt, xs := niceTicks(d.XMin, d.XMax, max(3, min(9, r.Dx()/80)))
	for _, v := range xt {
		px, _ := toPixel(d, r, v, d.YMin)
		ix := int(math.Round(px))
		c.fill(image.Rect(ix, y1+1, ix+1, y1+1+int(tickLen)), edge)
		c.textAt(formatTick(v, xs), px, float64(y1)+tickLen+3+tickSize*0.8, 0.5, 0, tickSize, false, muted)
	}
	yt, ys := niceTicks(d.YMin, d.YMax, max(3, min(9, r.Dy()/60)))
	for _, v := range yt {
		_, py := toPixel(d, r, d.XMin, v)
		iy := int(math.Round(py))
		c.fill(image.Rect(x0-1-int(tickLen), iy, x0-1, iy+1), edge)
		c.textAt(formatTick(v, ys), float64(x0)-tickLen-4, py, 1, 1, tickSize, false, muted)
	}
	c.textAt("x", float64(x0+x1)/2, float64(y1)+ticksH-2, 0.5, 0, axisSize, false, textColor)
	c.textAt("y", float64(x0)-leftM+2, float64(y0+y1)/2, 0, 1, axisSize, false, textColor)
}
