// Package game is Descent's window: an Ebiten game in which optimizer runs
// race over a 3D loss surface that the user turns with the mouse and keys.
// Update handles input and steps the runs; Draw only draws. The per-frame
// CPU work (projection, back-to-front order, trails, axis box and text
// layout) lives in plain functions that run without a display.
package game

import (
	"errors"
	"fmt"
	"image"
	"image/png"
	"io"
	"math"
	"os"
	"time"

	"github.com/go-gl/mathgl/mgl64"
	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"

	"descent/camera"
	"descent/scene"
	"descent/scene/mesh"
	"descent/scene/surface"
	"descent/shaders"
)

// Options are the window's settings that are not part of the scene.
type Options struct {
	// Width and Height are the window size in device-independent pixels
	// (default 1280 x 720).
	Width, Height int
	// Fullscreen opens the window full screen.
	Fullscreen bool
	// Scale enlarges every label (1 = normal; 1.5 for a projector).
	Scale float64
	// Dark selects the dark theme.
	Dark bool
	// Stats prints "fps=F tps=T update_ms=U draw_ms=D triangles=N" on
	// Stderr once a second.
	Stats bool
	// Frames quits after this many frames have been drawn (0: never).
	Frames int
	// Screenshot, when set, saves frame ScreenshotFrame (default: the last
	// frame when Frames is set, else frame 30) as a PNG file at this path.
	Screenshot      string
	ScreenshotFrame int
	// Paused starts with the runs paused.
	Paused bool
	// HideHUD starts with the HUD hidden (as after pressing H).
	HideHUD bool
	// Help starts with the help overlay shown (as after pressing F1).
	Help bool
	// TrailLength is the number of iterates each run keeps (default 1000).
	TrailLength int
	// Preview is the mesh resolution drawn while the camera moves
	// (default 100; at most the scene's; negative: always full resolution).
	Preview int
	// Stderr receives the statistics (default os.Stderr).
	Stderr io.Writer
	// RecordFormat is the format F9 records the window to: "gif" (the
	// default) or "mp4" (needs ffmpeg).
	RecordFormat string
	// FirstFrame, when set, is called once the first frame is drawn (the
	// web page hides its loading indicator then).
	FirstFrame func()
	// Layout is the initial screen layout (see Layouts; default "single").
	Layout string
}

// Game is the running window. Create it with New and start it with Run.
type Game struct {
	sc      *scene.Scene
	opts    Options
	surf    *surface.Surface
	entries []entry
	view    *view
	theme   Theme
	cam     *camera.Camera
	home    camera.Camera // the scene's initial view, for R
	fonts   *fonts
	cmap    mesh.Colormap
	cmapImg *ebiten.Image

	width, height float64 // screen size in device pixels
	dpi           float64 // device scale factor

	paused, autoRotate, hud, help, stats bool
	rate, acc                            float64
	stepped                              bool // a step happened this tick
	moveTicks                            int  // ticks since the camera last moved
	lastCam                              camState
	drag                                 dragState

	trails    []trail
	trailKeys []trailKey
	texts     []textItem
	overlay   [2]shaders.Lines

	frames    int
	shotDone  bool
	shotErr   error
	quit      bool
	meter     meter
	statsLine string
	capture   capture    // F9 recording and F12 screenshots (capture.go)
	offscreen bool       // rendering a recording (descent record): no interactive hints
	touch     touchState // touch screens (touch.go)
	views     views      // 2-D views, layouts and the control panel (layout.go)
}

type camState struct {
	az, el, dist, zoom float64
	target             mgl64.Vec3
	ortho              bool
	w, h               float64
}

type trailKey struct {
	steps, n  int
	diverged  bool
	x, y      float64
	resetMark int
}

// New prepares the window for scene s: it builds the surface, the runs and
// the meshes, but opens nothing (Run does).
func New(s *scene.Scene, opts Options) (*Game, error) {
	if s == nil {
		return nil, errors.New("game: no scene")
	}
	if opts.Width <= 0 {
		opts.Width = 1280
	}
	if opts.Height <= 0 {
		opts.Height = 720
	}
	if opts.Scale == 0 {
		opts.Scale = 1
	}
	if !(opts.Scale > 0) || opts.Scale > 10 {
		return nil, fmt.Errorf("game: invalid label scale %v (must be in (0, 10])", opts.Scale)
	}
	if opts.Frames < 0 {
		return nil, fmt.Errorf("game: invalid frame count %d", opts.Frames)
	}
	if opts.TrailLength <= 0 {
		opts.TrailLength = 1000
	}
	if opts.Stderr == nil {
		opts.Stderr = os.Stderr
	}
	if opts.Screenshot != "" && opts.ScreenshotFrame <= 0 {
		opts.ScreenshotFrame = 30
		if opts.Frames > 0 {
			opts.ScreenshotFrame = opts.Frames
		}
	}
	s, err := prepareScene(s)
	if err != nil {
		return nil, err
	}
	surf, entries, err := buildWorld(s, opts.TrailLength)
	if err != nil {
		return nil, err
	}
	cmap, err := mesh.LookupColormap(s.Colormap)
	if err != nil {
		return nil, err
	}
	n := s.Mesh
	if n == 0 {
		n = 200
	}
	preview := opts.Preview
	if preview == 0 {
		preview = previewSamples
	}
	if preview < 0 {
		preview = 0
	}
	alpha := s.Alpha
	if alpha == 0 {
		alpha = 1
	}
	if !(alpha > 0 && alpha <= 1) {
		return nil, fmt.Errorf("game: invalid alpha %v (must be in (0, 1])", s.Alpha)
	}
	theme := LightTheme
	if opts.Dark {
		theme = DarkTheme
	}
	v, err := newView(surf, viewConfig{
		Mesh: n, Preview: preview, Alpha: alpha, Colormap: cmap.Name,
		Labels: [3]string{s.XLabel, s.YLabel, s.ZLabel}, Theme: theme,
	})
	if err != nil {
		return nil, err
	}
	f, err := newFonts()
	if err != nil {
		return nil, fmt.Errorf("game: loading fonts: %w", err)
	}
	rate := s.Rate
	if !(rate > 0) {
		rate = 10
	}
	g := &Game{
		sc: s, opts: opts, surf: surf, entries: entries, view: v, theme: theme,
		fonts: f, cmap: cmap, rate: math.Min(rate, maxRate),
		paused: opts.Paused, autoRotate: s.AutoRotate, hud: !opts.HideHUD, help: opts.Help,
		width: float64(opts.Width), height: float64(opts.Height), dpi: 1,
	}
	g.cam = initialCamera(s, g.width, g.height)
	// Leave room around the box for tick labels, and under the title.
	g.cam.Zoom = 0.9
	if s.Title != "" {
		g.cam.Pan(0, 12)
	}
	g.home = *g.cam
	g.trails = make([]trail, len(entries))
	g.trailKeys = make([]trailKey, len(entries))
	g.initViews()
	return g, nil
}

// maxRate is the fastest playback: one step per tick.
const maxRate = 60

// initialCamera returns the scene's camera fitted to the world box.
func initialCamera(s *scene.Scene, w, h float64) *camera.Camera {
	el, az := s.Camera.Elevation, s.Camera.Azimuth
	if el == 0 && az == 0 {
		el, az = camera.DefaultElevation, camera.DefaultAzimuth
	}
	c := camera.FromMatplotlib(el, az)
	c.SetViewport(w, h)
	lo, hi := worldBox()
	c.Fit(mgl64.Vec3(lo), mgl64.Vec3(hi))
	if s.Camera.Distance > 0 {
		c.Distance = s.Camera.Distance
	}
	return c
}

// Run opens the window and runs the game until the user quits or the
// frame limit is reached. It returns an error from the game or from saving
// the screenshot.
func Run(g *Game) error {
	title := g.sc.Title
	if title == "" {
		title = g.surf.Title
	}
	ebiten.SetWindowTitle("Descent: " + title)
	ebiten.SetWindowSize(g.opts.Width, g.opts.Height)
	ebiten.SetWindowResizingMode(ebiten.WindowResizingModeEnabled)
	ebiten.SetFullscreen(g.opts.Fullscreen)
	ebiten.SetVsyncEnabled(true)
	ebiten.SetTPS(60)
	err := ebiten.RunGameWithOptions(g, &ebiten.RunGameOptions{})
	if cerr := g.finishCapture(); err == nil {
		err = cerr
	}
	if err == nil {
		err = g.shotErr
	}
	return err
}

// LayoutF makes the screen as large as the window in device pixels, so
// text and lines are crisp on HiDPI screens.
func (g *Game) LayoutF(w, h float64) (float64, float64) {
	s := 1.0
	if m := ebiten.Monitor(); m != nil {
		s = m.DeviceScaleFactor()
	}
	if !(s > 0) {
		s = 1
	}
	// A window larger than 1920x1080 device-independent pixels (a 4K screen
	// at scale factor 1, a projector) enlarges labels and lines with it, so
	// every layout stays readable.
	g.dpi = s
	if big := math.Min(w/1920, h/1080); big > 1 {
		g.dpi = s * big
	}
	g.width, g.height = math.Max(1, math.Ceil(w*s)), math.Max(1, math.Ceil(h*s))
	g.cam.SetViewport(g.width, g.height)
	return g.width, g.height
}

// Layout is required by ebiten.Game; LayoutF is used instead.
func (g *Game) Layout(w, h int) (int, int) {
	sw, sh := g.LayoutF(float64(w), float64(h))
	return int(sw), int(sh)
}

// Update handles input, steps the runs and turns the camera.
func (g *Game) Update() error {
	start := time.Now()
	defer func() { g.meter.update += time.Since(start) }()
	if g.quit || g.shotErr != nil || (g.opts.Frames > 0 && g.frames >= g.opts.Frames) {
		return ebiten.Termination
	}
	g.stepped = false
	g.handleInput()
	if g.quit {
		return ebiten.Termination
	}
	if !g.paused {
		g.acc += g.rate / float64(ebiten.TPS())
		if g.acc >= 1 {
			g.acc = math.Min(g.acc-1, 1)
			g.step()
		}
	}
	g.turn()
	g.trackCamera()
	g.meter.tick(g)
	return nil
}

// step advances every live run by one step.
func (g *Game) step() {
	stepped := false
	for _, e := range g.entries {
		r := e.run
		if r.Diverged() || (g.sc.Steps > 0 && r.Steps() >= g.sc.Steps) {
			continue
		}
		_ = r.Step() // a diverged run stops and says so in the legend
		stepped = true
	}
	g.stepped = stepped
}

// finished reports whether no run can step any more.
func (g *Game) finished() bool {
	for _, e := range g.entries {
		if !e.run.Diverged() && (g.sc.Steps == 0 || e.run.Steps() < g.sc.Steps) {
			return false
		}
	}
	return true
}

// steadyTurn is the auto-rotation speed in degrees per second when the
// scene gives none or the runs are not stepping.
const steadyTurn = 12.0

// turn applies auto-rotation: the scene's degrees per step while the runs
// step, a steady turn while they do not.
func (g *Game) turn() {
	if !g.autoRotate {
		return
	}
	per := g.sc.Rotate
	if per != 0 && !g.paused && !g.finished() {
		if g.stepped {
			g.cam.Rotate(per, 0)
		}
		return
	}
	dir := 1.0
	if per < 0 {
		dir = -1
	}
	g.cam.Rotate(dir*steadyTurn/float64(ebiten.TPS()), 0)
}

func (g *Game) camState() camState {
	c := g.cam
	return camState{c.Azimuth, c.Elevation, c.Distance, c.Zoom, c.Target, c.Ortho, c.Width, c.Height}
}

// trackCamera counts the ticks since the camera last moved (the preview
// mesh is drawn while it moves).
func (g *Game) trackCamera() {
	s := g.camState()
	if s != g.lastCam {
		g.moveTicks = 0
		g.lastCam = s
		return
	}
	g.moveTicks++
}

// previewTicks is how long after the camera stops the preview mesh stays:
// half a second, so that a turntable turning a little at every step (5
// steps a second in bowl-turntable) stays smooth instead of drawing a
// full-resolution frame between steps.
const previewTicks = 30

// Draw draws the frame. It changes no game state besides its own caches.
func (g *Game) Draw(screen *ebiten.Image) {
	start := time.Now()
	b := screen.Bounds()
	g.cam.SetViewport(float64(b.Dx()), float64(b.Dy()))
	if g.cmapImg == nil {
		g.cmapImg = ebiten.NewImageWithOptions(image.Rect(0, 0, 256, 1), &ebiten.NewImageOptions{Unmanaged: true})
		g.cmapImg.WritePixels(g.cmap.Pixels())
	}
	g.prepareFrame(float64(b.Dx()), float64(b.Dy()), g.moveTicks < previewTicks && g.frames > 0)
	g.render(screen)
	g.frames++
	g.meter.draw += time.Since(start)
	g.meter.frames++
	if g.opts.Screenshot != "" && !g.shotDone && g.frames >= g.opts.ScreenshotFrame {
		g.shotDone = true
		g.shotErr = saveScreenshot(screen, g.opts.Screenshot)
	}
	g.afterDraw(screen)
}

// prepareFrame does the frame's CPU work: trails, the 3D view and the
// overlays' layout.
func (g *Game) prepareFrame(w, h float64, preview bool) {
	if g.preparePanes(w, h, preview) {
		return
	}
	// Rebuild the trails whose run moved, spread over the CPUs.
	var stale []int
	for i, e := range g.entries {
		r := e.run
		k := trailKey{steps: r.Steps(), n: r.Trail.Len(), diverged: r.Diverged()}
		k.x = r.Point()[0]
		if len(r.Point()) > 1 {
			k.y = r.Point()[1]
		}
		if k != g.trailKeys[i] || !g.trails[i].ok {
			g.trailKeys[i] = k
			stale = append(stale, i)
		}
	}
	parallelRange(len(stale), func(lo, hi int) {
		for _, i := range stale[lo:hi] {
			e := g.entries[i]
			g.trails[i] = g.view.buildTrail(g.trails[i], e.run.Trail, e.color, e.run.Diverged())
		}
	})
	ui := g.dpi * g.opts.Scale
	g.view.prepare(frameInput{
		cam: g.cam, preview: preview, trails: g.trails,
		scale: ui, lineW: g.dpi, measure: g.fonts.measure,
	})
	g.overlay[0].Reset()
	g.overlay[1].Reset()
	g.texts = append(g.texts[:0], g.view.texts...)
	g.texts = layoutHUD(g.hudInput(w, h, ui), g.texts, &g.overlay)
}

func (g *Game) hudInput(w, h, ui float64) hudInput {
	in := hudInput{
		w: w, h: h, scale: ui, lineW: g.dpi, theme: g.theme,
		title: g.sc.Title, maxSteps: g.sc.Steps, rate: g.rate,
		paused: g.paused, finished: g.finished(), autoRotate: g.autoRotate, ortho: g.cam.Ortho,
		showHUD: g.hud, help: g.help, measure: g.fonts.measure, noHint: g.offscreen,
	}
	if g.stats {
		in.stats = g.statsLine
	}
	if g.hud {
		in.note = g.view.grid.ClipNote()
	}
	for _, e := range g.entries {
		r := e.run
		in.step = max(in.step, r.Steps())
		ri := runInfo{label: e.label, color: e.color, loss: r.Loss(), divergedAt: r.DivergedAt()}
		p := r.Point()
		y := 0.0
		if len(p) > 1 {
			y = p[1]
		}
		if _, d, ok := g.surf.NearestMinimum(p[0], y); ok {
			ri.dist, ri.hasDist = d, true
		}
		in.runs = append(in.runs, ri)
	}
	return in
}

// render issues the draw calls for a prepared frame.
func (g *Game) render(screen *ebiten.Image) {
	if g.renderPanes(screen) {
		return
	}
	screen.Fill(g.theme.Background)
	v := g.view
	_ = v.back.Draw(screen)
	if sh, err := shaders.Surface(); err == nil && len(v.lvl.order.Indices) > 0 {
		right, up, fwd := g.cam.Basis()
		light := right.Mul(-0.35).Add(up.Mul(0.75)).Sub(fwd.Mul(0.55))
		u := shaders.SurfaceUniforms{
			LightDir:  [3]float32{float32(light[0]), float32(light[1]), float32(light[2])},
			ViewDir:   [3]float32{float32(fwd[0]), float32(fwd[1]), float32(fwd[2])},
			Alpha:     float32(v.alpha),
			Ambient:   0.5,
			Specular:  0.12,
			LineColor: g.theme.MeshLine,
			LineAlpha: 0.22,
			LineWidth: float32(g.dpi),
		}
		op := &ebiten.DrawTrianglesShaderOptions{Uniforms: u.Map()}
		op.Images[0] = g.cmapImg
		screen.DrawTrianglesShader32(v.lvl.verts, v.lvl.order.Indices, sh, op)
	}
	_ = v.front.Draw(screen)
	g.drawTexts(screen, 0)
	_ = g.overlay[0].Draw(screen)
	g.drawTexts(screen, 1)
	_ = g.overlay[1].Draw(screen)
	g.drawTexts(screen, 2)
}

// drawTexts draws the texts of one layer.
func (g *Game) drawTexts(screen *ebiten.Image, layer int) {
	for _, t := range g.texts {
		if t.layer != layer {
			continue
		}
		face := g.fonts.face(t.size)
		w, h := text.Measure(t.s, face, 0)
		op := &text.DrawOptions{}
		op.GeoM.Translate(math.Round(t.x-t.ax*w), math.Round(t.y-t.ay*h))
		op.ColorScale.ScaleWithColor(t.col)
		text.Draw(screen, t.s, face, op)
	}
}

// saveScreenshot writes the screen to a PNG file.
func saveScreenshot(screen *ebiten.Image, path string) error {
	b := screen.Bounds()
	img := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	screen.ReadPixels(img.Pix)
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("game: screenshot: %w", err)
	}
	if err := png.Encode(f, img); err != nil {
		f.Close()
		return fmt.Errorf("game: screenshot: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("game: screenshot: %w", err)
	}
	return nil
}

// restart puts every run back at its start.
func (g *Game) restart() {
	for _, e := range g.entries {
		e.run.Reset()
	}
	g.acc = 0
	for i := range g.trailKeys {
		g.trailKeys[i] = trailKey{resetMark: -1}
	}
}

// meter measures the CPU time of Update and Draw for the statistics.
type meter struct {
	update, draw  time.Duration
	frames, ticks int
	since         time.Time
}

func (m *meter) tick(g *Game) {
	m.ticks++
	now := time.Now()
	if m.since.IsZero() {
		m.since = now
		return
	}
	if now.Sub(m.since) < time.Second {
		return
	}
	fr := max(m.frames, 1)
	line := fmt.Sprintf("fps=%.1f tps=%.1f update_ms=%.2f draw_ms=%.2f triangles=%d",
		ebiten.ActualFPS(), ebiten.ActualTPS(),
		float64(m.update.Microseconds())/1000/float64(fr),
		float64(m.draw.Microseconds())/1000/float64(fr),
		g.view.triangles)
	g.statsLine = line
	if g.opts.Stats {
		fmt.Fprintln(g.opts.Stderr, line)
	}
	m.update, m.draw, m.frames, m.ticks, m.since = 0, 0, 0, 0, now
}

// previewSamples is the default mesh resolution while the camera moves:
// under Mesa's software renderer 100x100 and 64x64 cost the same (the
// frame is bound by filling pixels), 400x400 a third of the frame rate.
const previewSamples = 100
