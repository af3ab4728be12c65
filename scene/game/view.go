package game

import (
	"image/color"
	"math"
	"runtime"
	"sync"

	"github.com/hajimehoshi/ebiten/v2"

	"descent/camera"
	"descent/scene/mesh"
	"descent/scene/surface"
	"descent/shaders"
)

// This file holds the 3D view's per-frame CPU work as plain functions on
// plain data: projecting the mesh into vertex arrays, the back-to-front
// order, the occlusion map, trails and markers, the axis box and the
// placement of every label. None of it calls Ebiten (it only fills
// ebiten.Vertex values), so benchmarks and tests run it without a display.

// Theme holds the colours of the view.
type Theme struct {
	Background color.RGBA
	Pane       color.RGBA // the three back panes of the axis box
	PaneGrid   color.RGBA // grid lines on the panes
	Edge       color.RGBA // box edges and ticks
	Text       color.RGBA
	Muted      color.RGBA // secondary text
	Panel      color.RGBA // legend and HUD backgrounds
	Grey       color.RGBA // diverged runs
	MeshLine   [3]float32 // grid lines on the surface
}

// LightTheme is the default look: white paper, light grey panes, dark text,
// like matplotlib's 3D axes but crisper.
var LightTheme = Theme{
	Background: color.RGBA{0xfc, 0xfc, 0xfd, 0xff},
	Pane:       color.RGBA{0xee, 0xf0, 0xf4, 0xff},
	PaneGrid:   color.RGBA{0xd3, 0xd7, 0xde, 0xff},
	Edge:       color.RGBA{0x6b, 0x72, 0x80, 0xff},
	Text:       color.RGBA{0x1f, 0x23, 0x2b, 0xff},
	Muted:      color.RGBA{0x5b, 0x63, 0x70, 0xff},
	Panel:      color.RGBA{0xff, 0xff, 0xff, 0xe6},
	Grey:       color.RGBA{0x9a, 0xa0, 0xa8, 0xff},
	MeshLine:   [3]float32{0.08, 0.09, 0.12},
}

// DarkTheme is a dark look for dim rooms.
var DarkTheme = Theme{
	Background: color.RGBA{0x12, 0x14, 0x19, 0xff},
	Pane:       color.RGBA{0x1d, 0x21, 0x29, 0xff},
	PaneGrid:   color.RGBA{0x33, 0x39, 0x44, 0xff},
	Edge:       color.RGBA{0x8a, 0x93, 0xa3, 0xff},
	Text:       color.RGBA{0xe8, 0xeb, 0xf0, 0xff},
	Muted:      color.RGBA{0xa8, 0xb0, 0xbc, 0xff},
	Panel:      color.RGBA{0x1a, 0x1d, 0x24, 0xe6},
	Grey:       color.RGBA{0x6b, 0x72, 0x80, 0xff},
	MeshLine:   [3]float32{0.02, 0.02, 0.03},
}

// level is one resolution of the surface mesh with its vertex arrays.
type level struct {
	m      *mesh.Mesh
	verts  []ebiten.Vertex // static attributes set once; DstX/DstY per frame
	screen []float32       // sx, sy, depth per vertex
	order  mesh.Order
	cull   []bool // cells behind the eye, when the eye is close
}

func newLevel(g *mesh.Grid, box mesh.Box, lines int) (*level, error) {
	m, err := mesh.New(g, box, lines)
	if err != nil {
		return nil, err
	}
	l := &level{m: m, verts: make([]ebiten.Vertex, m.N*m.N), screen: make([]float32, 3*m.N*m.N)}
	for k := range l.verts {
		l.verts[k] = shaders.SurfaceVertex(0, 0, m.T[k], m.Normal[3*k], m.Normal[3*k+1], m.Normal[3*k+2], m.U[k], m.V[k])
	}
	return l, nil
}

// textItem is one piece of text placed on screen: its anchor point (x, y)
// and which point of the text's box sits there (ax, ay in [0, 1]: 0, 0 is
// the top left, 0.5, 0.5 the centre).
type textItem struct {
	s      string
	x, y   float64
	ax, ay float64
	size   float64
	col    color.RGBA
	w, h   float64 // measured size, when known (for collision checks)
	layer  int     // 0: the axes', 1: the legend's and HUD's, 2: the help's
}

// measureFunc returns the width and height of s at a font size in pixels.
type measureFunc func(s string, size float64) (w, h float64)

// trail is one run's path in world space, draped over the mesh.
type trail struct {
	pts               []float32 // x, y, z per point, lifted above the surface
	normals           []float32 // the surface's unit normal under each point
	color             color.RGBA
	grey              bool
	start, startN     [3]float32 // start marker and the normal there
	current, currentN [3]float32 // current point marker and the normal there
	hasStart          bool       // the start lies in the domain
	hasCurrent        bool       // the current point lies in the domain
	ok                bool       // there is something to draw
}

// view is the 3D view: meshes at full and preview resolution, and the
// output of the last prepare.
type view struct {
	surf    *surface.Surface
	grid    *mesh.Grid
	box     mesh.Box
	full    *level
	preview *level
	occl    *level // coarse mesh for the occlusion map
	alpha   float64
	theme   Theme

	// Tick values and labels, fixed for the box.
	ticks [3][]float64
	tickS [3][]string
	names [3]string

	// Output of prepare.
	lvl        *level
	back       shaders.Lines // panes and their grid lines
	front      shaders.Lines // trails, markers, ticks
	texts      []textItem
	depth      depthMap
	proj       camera.Projector
	eye        [3]float64
	fwd        [3]float64
	ortho      bool
	pixelScale float64 // world size of a pixel at unit depth
	triangles  int
}

// viewConfig says how to build a view.
type viewConfig struct {
	Mesh        int // samples per side at full resolution
	Preview     int // samples per side while the camera moves (0: no preview)
	Alpha       float64
	Colormap    string
	Labels      [3]string
	Theme       Theme
	DomainOverr *surface.Domain
}

func newView(surf *surface.Surface, cfg viewConfig) (*view, error) {
	d := surf.Domain
	if cfg.DomainOverr != nil {
		d = *cfg.DomainOverr
	}
	if surf.Dim == 1 {
		d.YMin, d.YMax = -1, 1
	}
	g, err := mesh.Sample(surf, d, cfg.Mesh)
	if err != nil {
		return nil, err
	}
	box := snapBox(mesh.BoxOf(g))
	lines := mesh.DefaultLines(g.N)
	full, err := newLevel(g, box, lines)
	if err != nil {
		return nil, err
	}
	v := &view{surf: surf, grid: g, box: box, full: full, preview: full, alpha: cfg.Alpha, theme: cfg.Theme, names: cfg.Labels}
	if cfg.Preview > 0 && cfg.Preview < cfg.Mesh {
		pg, err := mesh.SampleWithin(surf, d, cfg.Preview, g.Lo, g.Hi)
		if err != nil {
			return nil, err
		}
		if v.preview, err = newLevel(pg, box, lines); err != nil {
			return nil, err
		}
	}
	v.occl = v.preview
	if on := min(g.N, occlusionSamples); on < v.preview.m.N {
		og, err := mesh.SampleWithin(surf, d, on, g.Lo, g.Hi)
		if err != nil {
			return nil, err
		}
		if v.occl, err = newLevel(og, box, lines); err != nil {
			return nil, err
		}
	}
	v.ticks[0], v.tickS[0] = axisTicks(d.XMin, d.XMax)
	v.ticks[1], v.tickS[1] = axisTicks(d.YMin, d.YMax)
	v.ticks[2], v.tickS[2] = axisTicks(box.Lo, box.Hi)
	if surf.Dim == 1 {
		v.ticks[1], v.tickS[1] = nil, nil
	}
	return v, nil
}

// snapBox widens the box's height range to the nearest round tick values
// when they are close (within 4% of the range), so that the floor of a
// bowl whose minimum is 0.00005 reads 0, as matplotlib's would.
func snapBox(b mesh.Box) mesh.Box {
	_, step := niceTicks(b.Lo, b.Hi, 6)
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

// occlusionSamples is the resolution of the mesh behind the occlusion map.
const occlusionSamples = 64

func axisTicks(lo, hi float64) ([]float64, []string) {
	t, step := niceTicks(lo, hi, 6)
	s := make([]string, len(t))
	for i, v := range t {
		s[i] = formatTick(v, step)
	}
	return t, s
}

// frameInput is what prepare needs besides the camera.
type frameInput struct {
	cam     *camera.Camera
	preview bool
	trails  []trail
	scale   float64 // UI scale: device scale factor times the label scale
	lineW   float64 // device scale factor for line widths
	measure measureFunc
}

// prepare does all the CPU work of a frame: after it, lvl.verts and
// lvl.order.Indices, back, front and texts are ready to draw.
func (v *view) prepare(in frameInput) {
	cam := in.cam
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
	lvl := v.full
	if in.preview {
		lvl = v.preview
	}
	v.lvl = lvl
	near := !v.ortho && v.eyeNearBox()
	v.projectLevel(lvl, near || lvl == v.occl)
	if lvl != v.occl {
		v.projectLevel(v.occl, true)
	}
	v.orderLevel(lvl, near)
	// The occlusion map comes from a coarse mesh: it only decides which
	// bits of trail a hill hides.
	v.depth.resize(cam.Width, cam.Height)
	if v.markTrails(in.trails) {
		v.depth.build(v.occl)
	}
	v.back.Reset()
	v.front.Reset()
	v.texts = v.texts[:0]
	v.axes(in)
	v.drawTrails(in)
	v.triangles = len(lvl.order.Indices) / 3
}

// projectLevel projects every vertex of the level with both CPUs and
// writes the screen positions into the vertex array, and into l.screen
// (with the depth) when keep is set.
func (v *view) projectLevel(l *level, keep bool) {
	n := l.m.N
	p := v.proj
	parallelRange(n, func(j0, j1 int) {
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
func (v *view) orderLevel(l *level, near bool) {
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
func (v *view) eyeNearBox() bool {
	dx := math.Max(math.Abs(v.eye[0])-mesh.WorldXY, 0)
	dy := math.Max(math.Abs(v.eye[1])-mesh.WorldXY, 0)
	dz := math.Max(math.Abs(v.eye[2])-mesh.WorldZ, 0)
	return math.Sqrt(dx*dx+dy*dy+dz*dz) < 0.5
}

// parallelRange runs fn over [0, n) split across the CPUs.
func parallelRange(n int, fn func(lo, hi int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	if workers <= 1 {
		fn(0, n)
		return
	}
	var wg sync.WaitGroup
	for w := range workers {
		lo, hi := w*n/workers, (w+1)*n/workers
		wg.Add(1)
		go func() {
			defer wg.Done()
			fn(lo, hi)
		}()
	}
	wg.Wait()
}
