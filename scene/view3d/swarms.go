package view3d

import (
	"image/color"
	"math"

	"github.com/hajimehoshi/ebiten/v2"

	"descent/scene/parallel"
	"descent/scene/plot"
)

// Swarm is one run's particles, drawn as small dots lying on the surface in
// the run's colour (or grey) and hidden behind hills as trails are: dimmed
// behind a translucent surface, left out behind an opaque one.
type Swarm struct {
	Xs, Ys []float64
	Color  color.RGBA
	Grey   bool
	// Run is the index in Frame.Runs of the run the swarm belongs to:
	// DrawSwarm draws one run's (a grid's cell).
	Run int
}

// swarmAlpha is the opacity of a particle's dot in front of the surface.
const swarmAlpha = 0.85

// particle is one particle as Prepare placed it: its screen point and
// depth, its world point and the mesh vertex whose normal it takes, and how
// much of it shows.
type particle struct {
	sx, sy, d  float32
	wx, wy, wz float32
	normal     int32 // index of the normal in the full mesh (-1: not drawn)
	vis        float32
}

// swarmState is the particles of every swarm of the last Prepare.
type swarmState struct {
	swarms []Swarm
	parts  [][]particle
	dots   plot.Dots
	big    bool
}

// projectSwarms places every particle on the surface and on the screen and
// marks the occlusion map's tiles under them; it reports whether there was
// any particle to draw.
func (v *View) projectSwarms(swarms []Swarm, st plot.Style) bool {
	s := &v.swarm
	s.swarms = swarms
	s.big = st.LineW >= 1.5
	for len(s.parts) < len(swarms) {
		s.parts = append(s.parts, nil)
	}
	s.parts = s.parts[:len(swarms)]
	fm := v.full.m
	d := v.box.Domain
	cellX := (d.XMax - d.XMin) / float64(fm.N-1)
	cellY := (d.YMax - d.YMin) / float64(fm.N-1)
	any := false
	for k, sw := range swarms {
		n := min(len(sw.Xs), len(sw.Ys))
		if cap(s.parts[k]) < n {
			s.parts[k] = make([]particle, n)
		}
		ps := s.parts[k][:n]
		s.parts[k] = ps
		parallel.For(n, func(lo, hi int) {
			for i := lo; i < hi; i++ {
				p := &ps[i]
				p.normal, p.vis = -1, 0
				x, y := sw.Xs[i], sw.Ys[i]
				if v.surf.Dim != 2 || !(x >= d.XMin && x <= d.XMax && y >= d.YMin && y <= d.YMax) {
					continue
				}
				wx, wy, _ := v.box.World(x, y, 0)
				wz := fm.Height(x, y) + trailLift
				p.wx, p.wy, p.wz = float32(wx), float32(wy), float32(wz)
				p.sx, p.sy, p.d = v.proj.Project(p.wx, p.wy, p.wz)
				if !v.ortho && !(p.d > 1e-3) {
					continue
				}
				ix := int(math.Round((x - d.XMin) / cellX))
				jy := int(math.Round((y - d.YMin) / cellY))
				p.normal = int32(3 * (max(0, min(jy, fm.N-1))*fm.N + max(0, min(ix, fm.N-1))))
			}
		})
		for i := range ps {
			if ps[i].normal >= 0 {
				v.depth.mark(ps[i].sx, ps[i].sy)
				any = true
			}
		}
	}
	return any
}

// shadeSwarms decides, once the occlusion map is built, how much of each
// particle shows.
func (v *View) shadeSwarms() {
	s := &v.swarm
	nrm := v.full.m.Normal
	for _, ps := range s.parts {
		parallel.For(len(ps), func(lo, hi int) {
			for i := lo; i < hi; i++ {
				p := &ps[i]
				if p.normal < 0 {
					continue
				}
				k := p.normal
				pt := [3]float32{p.wx, p.wy, p.wz}
				p.vis = v.visibility(p.sx, p.sy, p.d, pt[:], nrm[k:k+3])
			}
		})
	}
}

// Particles returns how many particles of the last Prepare show (in front
// of the surface or through it).
func (v *View) Particles() int {
	n := 0
	for _, ps := range v.swarm.parts {
		for i := range ps {
			if ps[i].vis > 0 {
				n++
			}
		}
	}
	return n
}

// drawSwarms draws the particles of the swarms of run (every run's when run
// is negative) onto dst, the view's viewport.
func (v *View) drawSwarms(dst *ebiten.Image, run int) {
	s := &v.swarm
	if len(s.swarms) == 0 {
		return
	}
	s.dots.Reset(int(math.Ceil(v.screenW)), int(math.Ceil(v.screenH)))
	for k, sw := range s.swarms {
		if run >= 0 && sw.Run != run {
			continue
		}
		col := sw.Color
		if sw.Grey {
			col = v.theme.Grey
		}
		for i := range s.parts[k] {
			if p := &s.parts[k][i]; p.vis > 0 {
				s.dots.Add(p.sx, p.sy, col, swarmAlpha*p.vis, s.big)
			}
		}
	}
	b := dst.Bounds()
	s.dots.Draw(dst, float64(b.Min.X), float64(b.Min.Y))
}

// DrawSwarm draws the particles of run i's swarm as the last Prepare placed
// them (Draw draws every run's; a grid's cell draws its run's after
// DrawSurface).
func (v *View) DrawSwarm(dst *ebiten.Image, i int) { v.drawSwarms(dst, i) }
