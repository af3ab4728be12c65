package plot

import "math"

// Transform maps a data rectangle to a pixel rectangle, with a pan and a
// zoom the user controls. With Equal set, one data unit has the same length
// on both axes (a contour map keeps its circles round): the home rectangle
// is widened along one axis to fill the pixels.
type Transform struct {
	// Home is what zoom 1 without pan shows.
	Home  DataRect
	Equal bool
	// The user's pan (the centre's offset from Home's centre in data units)
	// and zoom factor (2 shows half as much).
	PanX, PanY, Zoom float64

	// Derived by Fit.
	Px     Rect     // the pixels the data is drawn in
	Vis    DataRect // the data visible in Px
	SX, SY float64  // pixels per data unit
	ox, oy float64  // pixel of data (0, 0)
}

// NewTransform returns a transform showing home.
func NewTransform(home DataRect, equal bool) Transform {
	return Transform{Home: home, Equal: equal, Zoom: 1}
}

// Fit sets the pixel rectangle and derives the visible data rectangle. With
// Equal, Px shrinks around px's centre to the home rectangle's aspect.
func (p *Transform) Fit(px Rect) {
	p.Px = px
	if !(p.Zoom > 0) || math.IsInf(p.Zoom, 0) {
		p.Zoom = 1
	}
	w, h := math.Max(px.W(), 1), math.Max(px.H(), 1)
	hw := (p.Home.X1 - p.Home.X0) / 2
	hh := (p.Home.Y1 - p.Home.Y0) / 2
	if !(hw > 0) {
		hw = 1
	}
	if !(hh > 0) {
		hh = 1
	}
	if p.Equal {
		// Units per pixel: the larger of the two, so home fits; the pixel
		// rectangle shrinks around its centre to home's aspect.
		u := math.Max(2*hw/w, 2*hh/h)
		nw, nh := 2*hw/u, 2*hh/u
		cx, cy := (px.X0+px.X1)/2, (px.Y0+px.Y1)/2
		px = Rect{math.Round(cx - nw/2), math.Round(cy - nh/2), math.Round(cx + nw/2), math.Round(cy + nh/2)}
		p.Px = px
		w, h = math.Max(px.W(), 1), math.Max(px.H(), 1)
		// Whole pixels: home may now need a hair more room on one axis.
		u = math.Max(2*hw/w, 2*hh/h)
		hw, hh = u*w/2, u*h/2
	}
	hw /= p.Zoom
	hh /= p.Zoom
	cx := (p.Home.X0+p.Home.X1)/2 + p.PanX
	cy := (p.Home.Y0+p.Home.Y1)/2 + p.PanY
	p.Vis = DataRect{cx - hw, cx + hw, cy - hh, cy + hh}
	p.SX = w / (2 * hw)
	p.SY = h / (2 * hh)
	p.ox = px.X0 - p.Vis.X0*p.SX
	p.oy = px.Y1 + p.Vis.Y0*p.SY
}

// ToPixel maps a data point to the screen.
func (p *Transform) ToPixel(x, y float64) (float64, float64) {
	return p.ox + x*p.SX, p.oy - y*p.SY
}

// ToData maps a pixel to data space.
func (p *Transform) ToData(sx, sy float64) (float64, float64) {
	return (sx - p.ox) / p.SX, (p.oy - sy) / p.SY
}

// PanBy moves the view by a drag of (dx, dy) pixels.
func (p *Transform) PanBy(dx, dy float64) {
	if p.SX > 0 && p.SY > 0 {
		p.PanX -= dx / p.SX
		p.PanY += dy / p.SY
		p.Fit(p.Px)
	}
}

// Zoom bounds.
const (
	MinZoom = 0.05
	MaxZoom = 1e5
)

// ZoomAt zooms by factor (> 1 zooms in) keeping the data point under pixel
// (sx, sy) in place.
func (p *Transform) ZoomAt(factor, sx, sy float64) {
	if !(factor > 0) || p.SX == 0 {
		return
	}
	nz := math.Min(math.Max(p.Zoom*factor, MinZoom), MaxZoom)
	f := nz / p.Zoom
	if f == 1 {
		return
	}
	x, y := p.ToData(sx, sy)
	cx := (p.Vis.X0 + p.Vis.X1) / 2
	cy := (p.Vis.Y0 + p.Vis.Y1) / 2
	p.PanX += x - (x-cx)/f - cx
	p.PanY += y - (y-cy)/f - cy
	p.Zoom = nz
	p.Fit(p.Px)
}

// Reset goes back to the home view.
func (p *Transform) Reset() {
	p.PanX, p.PanY, p.Zoom = 0, 0, 1
	p.Fit(p.Px)
}
