package game

import (
	"math"

	"github.com/go-gl/mathgl/mgl64"

	"descent/scene/hud"
	"descent/scene/mesh"
	"descent/scene/plot"
)

// keepClearOfLegend shifts the 3-D view shown alone to the left (a lens
// shift: it still turns about its middle), or makes it smaller, until the
// world box keeps clear of the legend at the top right, from every azimuth
// a turntable takes (or from the camera's alone). Other layouts get no
// shift. The home view (R) follows. It runs when a scene opens and when
// the view or layout changes.
func (g *Game) keepClearOfLegend() {
	g.cam.Shift[0] = 0
	p := &g.panes
	if p.view3D.Empty() || !g.legendShown() {
		return
	}
	st := g.style()
	lg := hud.LegendBox(g.legendFrame(st))
	if lg.Empty() {
		return
	}
	gap := legendGap * st.Scale
	lo, hi := mesh.WorldCorners()
	var corners []mgl64.Vec3
	for _, x := range [2]float64{lo[0], hi[0]} {
		for _, y := range [2]float64{lo[1], hi[1]} {
			for _, z := range [2]float64{lo[2], hi[2]} {
				corners = append(corners, mgl64.Vec3{x, y, z})
			}
		}
	}
	c := g.cam
	defer func() { g.home.Shift, g.home.Zoom = c.Shift, c.Zoom }()
	azimuths := []float64{c.Azimuth}
	if g.autoRotate {
		azimuths = azimuths[:0]
		for a := range 24 {
			azimuths = append(azimuths, c.Azimuth+float64(a)*15)
		}
	}
	for range 40 {
		box := plot.Rect{X0: math.Inf(1), Y0: math.Inf(1), X1: math.Inf(-1), Y1: math.Inf(-1)}
		az := c.Azimuth
		for _, a := range azimuths {
			c.Azimuth = a
			for _, w := range corners {
				if x, y, _, ok := c.Project(w); ok {
					box = box.Union(plot.Rect{X0: x, Y0: y, X1: x + 1, Y1: y + 1})
				}
			}
		}
		c.Azimuth = az
		if box.X1 <= lg.X0-gap || box.Y0 >= lg.Y1+gap {
			return
		}
		if dx := box.X1 - (lg.X0 - gap); box.X0-dx >= plot.Margin*st.Scale {
			c.Shift[0] -= dx
			continue
		}
		c.Zoom *= shrinkStep
	}
}

// shrinkStep is how much keepClearOfLegend zooms out at a time.
const shrinkStep = 0.96
