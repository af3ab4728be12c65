// Package view3d is the 3-D view of the window: the surface mesh projected
// through the orbit camera and drawn back to front (each frame at the
// coarsest level of detail the picture cannot tell from the full mesh; see
// lod.go), the matplotlib-like axis box with its ticks and titles, every
// run's trail and step arrows draped over the surface and hidden behind
// hills, the stability overlay (the unstable part of the surface tinted and
// hatched, the Hessian's eigen-directions), and picking a surface point
// under the pointer.
//
// The per-frame CPU work (projection, back-to-front order, the occlusion map,
// trails and the placement of every label) happens in Prepare on plain data,
// so benchmarks and tests run it without a display; Draw issues the draw
// calls.
package view3d

import (
	"math"

	"github.com/hajimehoshi/ebiten/v2"

	"descent/camera"
	"descent/scene/arrows"
	"descent/scene/mesh"
	"descent/scene/parallel"
	"descent/scene/plot"
	"descent/scene/stability"
	"descent/scene/surface"
	"descent/shaders"
)

// level is one resolution of the surface mesh with its vertex arrays.
type level struct {
	m      *mesh.Mesh
	verts  []ebiten.Vertex // static attributes set once; DstX/DstY per frame
	screen []float32       // sx, sy, depth per vertex
	order  mesh.Order
	cull   []bool // cells behind the eye, when the eye is close

	// errs says how far this level strays from the full mesh in each block
	// of the domain (nil for the full mesh).
	errs []mesh.BlockError

	// The stability overlay: λ_max at every vertex (sampled on first use),
	// and the rule whose ratios the vertices hold (tinted).
	curv     arrows.Curvature
	tinted   bool
	tintRule stability.Rule
}

func newLevel(m *mesh.Mesh) *level {
	l := &level{m: m, verts: make([]ebiten.Vertex, m.N*m.N), screen: make([]float32, 3*m.N*m.N)}
	for k := range l.verts {
		l.verts[k] = shaders.SurfaceVertex(0, 0, m.T[k], m.Normal[3*k], m.Normal[3*k+1], m.Normal[3*k+2], m.U[k], m.V[k])
	}
	return l
}

// View is the 3-D view of one surface: the mesh at full resolution and
// coarser levels of it (see lod.go), the trails of the runs, and the
// output of the last Prepare.
type View struct {
	probes  []ProbeResult // where the last frame's probes show
	surf    *surface.Surface
	grid    *mesh.Grid
	box     mesh.Box
	full    *level
	levels  []*level      // full first, then coarser and coarser
	bounds  []mesh.Bounds // each block's world box (mesh.Blocks per side)
	preview int           // the level drawn while the camera moves (0: full)
	occl    *level        // coarse mesh for the occlusion map
	alpha   float64
	lod     bool // pick the level per frame (false: full or preview)

	// Tick values and labels, fixed for the box.
	ticks [3][]float64
	tickS [3][]string
	names [3]string

	trails trailCache
	arr    arrowState // step arrows and the stability overlay
	swarm  swarmState // the particles of the runs' swarms

	// Output of Prepare.
	theme      plot.Theme
	lvl        *level
	back       shaders.Lines   // panes and their grid lines
	front      shaders.Lines   // ticks
	trailLines []shaders.Lines // each run's trail and markers
	texts      []plot.Text
	depth      depthMap
	proj       camera.Projector
	eye        [3]float64
	fwd        [3]float64
	ortho      bool
	pixelScale float64 // world size of a pixel at unit depth
	triangles  int
	screenW    float64 // the viewport's size in pixels
	screenH    float64
}

// Config says how to build a view.
type Config struct {
	// Mesh is the number of samples per side at full resolution.
	Mesh int
	// Preview is the most samples per side drawn while the camera moves
	// (0: no limit): the finest level of detail within it, or a coarser
	// one when the picture allows.
	Preview int
	// Alpha is the surface's opacity in (0, 1].
	Alpha float64
	// Labels are the titles of the x, y and loss axes.
	Labels [3]string
	// Domain, when set, replaces the surface's own domain.
	Domain *surface.Domain
}

// occlusionSamples is about the resolution of the mesh behind the
// occlusion map: the coarsest level with at least this many samples.
const occlusionSamples = 64

// New samples surf and builds the view's meshes: the full one and its
// levels of detail.
func New(surf *surface.Surface, cfg Config) (*View, error) {
	d := surf.Domain
	if cfg.Domain != nil {
		d = *cfg.Domain
	}
	if surf.Dim == 1 {
		d.YMin, d.YMax = -1, 1
	}
	g, err := mesh.Sample(surf, d, cfg.Mesh)
	if err != nil {
		return nil, err
	}
	box := snapBox(mesh.BoxOf(g))
	fm, err := mesh.New(g, box, mesh.DefaultLines(g.N))
	if err != nil {
		return nil, err
	}
	v := &View{surf: surf, grid: g, box: box, alpha: cfg.Alpha, names: cfg.Labels, lod: true}
	if err := v.buildLevels(fm, cfg.Preview); err != nil {
		return nil, err
	}
	v.ticks[0], v.tickS[0] = axisTicks(d.XMin, d.XMax)
	v.ticks[1], v.tickS[1] = axisTicks(d.YMin, d.YMax)
	v.ticks[2], v.tickS[2] = axisTicks(box.Lo, box.Hi)
	if surf.Dim == 1 {
		v.ticks[1], v.tickS[1] = nil, nil
	}
	return v, nil
}

// Grid returns the full-resolution samples of the surface (their range,
// clipping and holes).
func (v *View) Grid() *mesh.Grid { return v.grid }

// Alpha returns the surface's opacity.
func (v *View) Alpha() float64 { return v.alpha }

// SetAlpha changes the surface's opacity (in (0, 1]).
func (v *View) SetAlpha(a float64) { v.alpha = a }

// Triangles returns how many triangles the last Prepare ordered.
func (v *View) Triangles() int { return v.triangles }

// Texts returns the labels the last Prepare placed (layer 0).
func (v *View) Texts() []plot.Text { return v.texts }

// snapBox widens the box's height range to the nearest round tick values
// when they are close (within 4% of the range), so that the floor of a
// bowl whose minimum is 0.00005 reads 0, as matplotlib's would.
func snapBox(b mesh.Box) mesh.Box {
	_, step := plot.NiceTicks(b.Lo, b.Hi, boxTicks)
	if step <= 0 {
		return b
	}
	span := b.Hi - b.Lo
	if lo := math.Floor(b.Lo/step) * step; b.Lo-lo < 0.04*span {
		b.Lo = lo
	}
	if hi := math.Ceil(b.Hi/step) * step; hi-b.Hi < 0.04*span {
		b.Hi = hi
	}
	return b
}

// boxTicks is about how many ticks each axis of the box gets.
const boxTicks = 6

func axisTicks(lo, hi float64) ([]float64, []string) {
	t, step := plot.NiceTicks(lo, hi, boxTicks)
	s := make([]string, len(t))
	for i, v := range t {
		s[i] = plot.FormatTick(v, step)
	}
	return t, s
}

// Frame is what Prepare needs besides the runs: the camera, whether the
// camera is moving (the preview mesh is drawn then) and the look.
type Frame struct {
	Camera  *camera.Camera
	Preview bool
	Style   plot.Style
	// Runs are drawn as trails; the view keeps each run's draped trail
	// between frames and rebuilds it only when the run moved. A run's Step
	// is drawn as arrows lying on the surface at its current point.
	Runs []Run
	// Probes are surface points the caller wants placed on screen and
	// judged for occlusion (see Probes).
	Probes []Probe
	// Swarms are drawn as dots lying on the surface, under the trails.
	Swarms []Swarm
	// Key is where the key of the arrows and of the stability overlay goes:
	// its panel's bottom left corner at Key's bottom left. Empty: 16 px
	// from the viewport's left edge and 96 px above its bottom (pixels at
	// scale 1), clear of the window's timeline and hint.
	Key plot.Rect
}

// Prepare does all the CPU work of a frame: after it, the vertex arrays,
// the back-to-front order, the line batches and the texts are ready for
// Draw.
func (v *View) Prepare(in Frame) {
	cam := in.Camera
	v.theme = in.Style.Theme
	v.proj = cam.Projector()
	e := cam.Eye()
	v.eye = [3]float64{e[0], e[1], e[2]}
	f := cam.ViewDir()
	v.fwd = [3]float64{f[0], f[1], f[2]}
	v.ortho = cam.Ortho
	v.pixelScale = cam.PixelSize() / math.Max(cam.Distance, 1e-9)
	if v.ortho {
		v.pixelScale = cam.PixelSize()
	}
	lvl := v.levels[v.chooseLevel(cam, in.Preview)]
	v.lvl = lvl
	near := !v.ortho && v.eyeNearBox()
	v.projectLevel(lvl, near || lvl == v.occl)
	if lvl != v.occl {
		v.projectLevel(v.occl, true)
	}
	v.orderLevel(lvl, near)
	v.tintLevel(lvl)
	v.screenW, v.screenH = cam.Width, cam.Height
	trails := v.trails.sync(v, in.Runs)
	v.buildArrows(in.Runs)
	eig, hasEig := v.buildEigen()
	// The occlusion map comes from a coarse mesh: it only decides which
	// bits of trail (and of the arrows) a hill hides.
	v.depth.resize(cam.Width, cam.Height)
	marked := v.markTrails(trails)
	marked = v.markProbes(in.Probes) || marked
	marked = v.projectSwarms(in.Swarms, in.Style) || marked
	if v.markArrows() || marked {
		v.depth.build(v.occl)
	}
	v.judgeProbes(in.Probes)
	v.shadeSwarms()
	v.back.Reset()
	v.front.Reset()
	v.texts = v.texts[:0]
	v.axes(in.Style)
	v.drawTrails(trails, in.Style)
	v.drawArrows(len(in.Runs), in.Style)
	if !hasEig {
		v.arr.eigPaths = [2]path{}
	}
	v.drawEigen(eig, in.Style)
	v.drawKey(in.Key, in.Style)
	v.triangles = len(lvl.order.Indices) / 3
}

// projectLevel projects every vertex of the level with both CPUs and
// writes the screen positions into the vertex array, and into l.screen
// (with the depth) when keep is set.
func (v *View) projectLevel(l *level, keep bool) {
	n := l.m.N
	p := v.proj
	parallel.For(n, func(j0, j1 int) {
		vs := l.verts[j0*n : j1*n]
		pos := l.m.Pos[3*j0*n : 3*j1*n]
		if keep {
			s := l.screen[3*j0*n : 3*j1*n]
			p.ProjectSlice(s, pos)
			for k := range vs {
				vs[k].DstX, vs[k].DstY = s[3*k], s[3*k+1]
			}
			return
		}
		for k := range vs {
			vs[k].DstX, vs[k].DstY, _ = p.Project(pos[3*k], pos[3*k+1], pos[3*k+2])
		}
	})
}

// nearDepth is the smallest depth (relative to the camera distance) a
// vertex may have before its cells are left out.
const nearDepth = 0.02

// orderLevel builds the back-to-front order, leaving out cells behind or
// too close to the eye when the eye is inside or near the box.
func (v *View) orderLevel(l *level, near bool) {
	n := l.m.N
	vp := mesh.ViewpointFromWorld(n, v.ortho, v.eye[0], v.eye[1], v.fwd[0], v.fwd[1])
	holes := l.m.Grid.Holes
	if l.m.Grid.N != n {
		holes = nil
	}
	if near {
		cells := n - 1
		if len(l.cull) != cells*cells {
			l.cull = make([]bool, cells*cells)
		}
		limit := float32(nearDepth * math.Max(math.Hypot(v.eye[0], math.Hypot(v.eye[1], v.eye[2])), 1e-3))
		for j := range cells {
			for i := range cells {
				k := j*n + i
				d := min(l.screen[3*k+2], l.screen[3*(k+1)+2], l.screen[3*(k+n)+2], l.screen[3*(k+n+1)+2])
				l.cull[j*cells+i] = d < limit || (holes != nil && holes[j*cells+i])
			}
		}
		l.order.Invalidate()
		l.order.Build(n, vp, l.cull)
		l.order.Invalidate() // the mask changes from frame to frame
		return
	}
	l.order.Build(n, vp, holes)
}

// eyeNearBox reports whether the eye is close enough to the world box for
// some vertices to fall behind it.
func (v *View) eyeNearBox() bool {
	dx := math.Max(math.Abs(v.eye[0])-mesh.WorldXY, 0)
	dy := math.Max(math.Abs(v.eye[1])-mesh.WorldXY, 0)
	dz := math.Max(math.Abs(v.eye[2])-mesh.WorldZ, 0)
	return math.Sqrt(dx*dx+dy*dy+dz*dz) < 0.5
}
