// Package game is Descent's window: the Ebiten game loop in which optimizer
// runs race over a loss surface that the user turns, pans and zooms.
//
// The game keeps only the loop: its options, New and Run, Layout, Update
// (input dispatch through one key table, stepping the runs, turning the
// camera), Draw (composing the panes), the pane layout and scene editing.
// The panes are packages of their own: view3d (the 3-D view), flatview (the
// contour map and the curve), chart (the loss chart), hud (title, legend,
// status, help), panel (the control panel, talking to the game through its
// Host interface) and capture (screenshots and recordings). Update reads the
// tick's input once (package input) and hands it to the panel, the keys and
// the panes in turn; Draw only draws.
package game

import (
	"errors"
	"fmt"
	"image/color"
	"io"
	"math"
	"os"
	"runtime"

	"github.com/go-gl/mathgl/mgl64"
	"github.com/hajimehoshi/ebiten/v2"

	"descent/camera"
	"descent/optim"
	"descent/scene"
	"descent/scene/capture"
	"descent/scene/chart"
	"descent/scene/fitview"
	"descent/scene/flatview"
	"descent/scene/hud"
	"descent/scene/input"
	"descent/scene/mesh"
	"descent/scene/noteview"
	"descent/scene/panel"
	"descent/scene/plot"
	"descent/scene/run"
	"descent/scene/story"
	"descent/scene/surface"
	"descent/scene/timeline"
	"descent/scene/view3d"
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
	// Panel starts with the control panel shown (as after pressing Tab).
	Panel bool
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
	// Controls and Loop are the web page's (see embed.go): how much of the
	// controls it shows ("" or "full", "minimal", "none"), and whether the
	// runs start again once all have finished.
	Controls string
	Loop     bool
}

// Defaults of Options and the scene.
const (
	defaultWidth, defaultHeight = 1280, 720
	defaultTrail                = 1000
	defaultShotFrame            = 30  // the frame -screenshot saves without -frames
	defaultPreview              = 100 // mesh samples per side while the camera moves
	maxLabelScale               = 10
	// maxRate is the fastest playback: one step per tick.
	maxRate = scene.MaxRate
)

// entry is one run as the window shows it.
type entry struct {
	run   *run.Run
	label string
	color color.RGBA
	hist  *chart.History
	tape  *timeline.Tape // the run's snapshots, for going back in time
	// last explains the run's last step (nil at step 0): the readout's
	// derived numbers come from it. next explains the step the run takes
	// next from where it is (nil when it has ended): the arrows.
	last, next *optim.Explanation
	// hidden leaves the run out of the views and the chart (a storyboard's
	// hide); it still steps.
	hidden bool
}

// Game is the running window. Create it with New and start it with Run.
type Game struct {
	opts    Options
	sc      *scene.Scene
	surf    *surface.Surface
	entries []entry
	theme   plot.Theme
	fonts   *plot.Fonts
	cmap    mesh.Colormap
	cmapImg *ebiten.Image // the colormap as a 256x1 image (made by the first Draw)
	cellImg *ebiten.Image // a grid cell's view, drawn offscreen (Draw's own)
	surfImg *ebiten.Image // the 3-D surface shared by the grid's cells (Draw's own)

	cam  *camera.Camera
	home camera.Camera // the scene's initial view, for R

	view    *view3d.View
	contour *flatview.Contour
	curve   *flatview.Curve
	fit     *fitview.View // the fit view of a model surface (nil for others)
	chart   chart.Chart
	hud     hud.HUD
	notes   noteview.Layer // the scene's notes, laid out for the frame
	swarms  swarmSet       // the runs' particle swarms (swarms.go)
	basins  basinsView     // the basins view (basins.go)
	panel   *panel.Panel
	notices hud.Notices
	tap     *capture.Tap
	namer   capture.Namer

	in       input.State
	gestures input.Gestures

	width, height float64 // screen size in device pixels
	dpi           float64 // device scale factor (times the enlargement of big windows)
	panes         panes   // where each pane goes (layoutPanes)
	kind          viewKind
	layout        layoutKind
	show          panel.Options // arrows, tangent, log loss, distance
	selected      int           // the run whose state the readout shows (-1: none)

	paused, autoRotate, hudShown, help, stats bool
	rate, acc                                 float64
	stepped                                   bool          // a step happened this tick
	stepsNow                                  int           // the steps this tick took (a recording's frame may take several)
	rotate                                    float64       // the turntable's degrees per step (the scene's, or a storyboard's)
	story                                     *story.Player // the storyboard playing (nil: none)
	caption                                   string        // the storyboard's caption shown
	scrubbing                                 bool          // the timeline's handle is being dragged
	moveTicks                                 int           // ticks since the camera last moved
	lastCam                                   camState
	keys                                      []binding // the key table
	drag                                      drag
	click                                     click
	quit                                      bool
	meter                                     meter
	offscreen                                 bool // rendering a recording (descent record): no interactive hints
	loopWait, loops                           int  // a looping page's ticks since every run finished, and restarts (embed.go)
}

// camState is what says the camera moved.
type camState struct {
	az, el, dist, zoom float64
	target             mgl64.Vec3
	ortho              bool
	w, h               float64
}

// New prepares the window for scene s: it builds the surface, the runs and
// the meshes, but opens nothing (Run does).
func New(s *scene.Scene, opts Options) (*Game, error) {
	if s == nil {
		return nil, errors.New("game: no scene")
	}
	if opts.Width <= 0 {
		opts.Width = defaultWidth
	}
	if opts.Height <= 0 {
		opts.Height = defaultHeight
	}
	if opts.Scale == 0 {
		opts.Scale = 1
	}
	if !(opts.Scale > 0) || opts.Scale > maxLabelScale {
		return nil, fmt.Errorf("game: invalid label scale %v (must be in (0, %d])", opts.Scale, maxLabelScale)
	}
	if opts.Frames < 0 {
		return nil, fmt.Errorf("game: invalid frame count %d", opts.Frames)
	}
	if opts.TrailLength <= 0 {
		opts.TrailLength = defaultTrail
	}
	if opts.Stderr == nil {
		opts.Stderr = os.Stderr
	}
	if opts.Screenshot != "" && opts.ScreenshotFrame <= 0 {
		opts.ScreenshotFrame = defaultShotFrame
		if opts.Frames > 0 {
			opts.ScreenshotFrame = opts.Frames
		}
	}
	layout, err := parseLayout(opts.Layout)
	if err != nil {
		return nil, err
	}
	fonts, err := plot.NewFonts()
	if err != nil {
		return nil, fmt.Errorf("game: loading fonts: %w", err)
	}
	g := &Game{keys: keyTable(),
		opts: opts, theme: plot.Light(), fonts: fonts, sc: &scene.Scene{},
		panel:  panel.New(panel.Lists{Presets: scene.Presets(), Palette: scene.Palette(), ColorNames: scene.ColorNames()}),
		paused: opts.Paused, hudShown: !opts.HideHUD, help: opts.Help,
		width: float64(opts.Width), height: float64(opts.Height), dpi: 1,
		show: panel.Options{Tangent: true, LogLoss: true}, selected: -1,
	}
	if opts.Dark {
		g.theme = plot.Dark()
	}
	g.basins.paced = runtime.GOOS == "js" // one thread: maps between frames
	g.panel.SetShown(opts.Panel)
	if err := g.embedKeys(); err != nil {
		return nil, err
	}
	g.tap = capture.NewTap(capture.TapOptions{
		ShotPath: opts.Screenshot, ShotFrame: opts.ScreenshotFrame,
		FirstFrame: opts.FirstFrame, Say: g.notices.Say,
	})
	if err := g.open(s); err != nil {
		return nil, err
	}
	if opts.Layout != "" { // the command line's layout over the scene's
		g.layout = layout
		g.layoutPanes()
		g.keepClearOfLegend()
	}
	return g, nil
}

// initialCamera returns the scene's camera fitted to the world box, with
// room around the box for tick labels and under the title.
func initialCamera(s *scene.Scene, w, h float64) *camera.Camera {
	el, az := s.Camera.Elevation, s.Camera.Azimuth
	if el == 0 && az == 0 {
		el, az = camera.DefaultElevation, camera.DefaultAzimuth
	}
	c := camera.FromMatplotlib(el, az)
	c.SetViewport(w, h)
	lo, hi := mesh.WorldCorners()
	c.Fit(mgl64.Vec3(lo), mgl64.Vec3(hi))
	if s.Camera.Distance > 0 {
		c.Distance = s.Camera.Distance
	}
	c.Zoom = cameraZoom
	if s.Title != "" {
		c.Shift[1] = titleRoom
	}
	return c
}

// The initial camera: a little zoomed out so the tick labels fit, moved
// down by titleRoom pixels when the scene has a title.
const (
	cameraZoom = 0.9
	titleRoom  = 12
)

// Run opens the window and runs the game until the user quits or the
// frame limit is reached. It returns an error from the game or from saving
// the screenshot or a recording.
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
	ebiten.SetTPS(ticksPerSecond)
	err := ebiten.RunGameWithOptions(g, &ebiten.RunGameOptions{})
	g.closeBasins()
	return errors.Join(err, g.tap.Close())
}

// ticksPerSecond is the rate of Update: input, stepping and turning.
const ticksPerSecond = 60

// LayoutF makes the screen as large as the window in device pixels, so
// text and lines are crisp on HiDPI screens, and lays the panes out for it.
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
	if big := math.Min(w/bigWidth, h/bigHeight); big > 1 {
		g.dpi = s * big
	}
	g.width, g.height = math.Max(1, math.Ceil(w*s)), math.Max(1, math.Ceil(h*s))
	g.layoutPanes()
	return g.width, g.height
}

// A window beyond bigWidth x bigHeight (device-independent pixels)
// enlarges its labels and lines.
const bigWidth, bigHeight = 1920, 1080

// Layout is required by ebiten.Game; LayoutF is used instead.
func (g *Game) Layout(w, h int) (int, int) {
	sw, sh := g.LayoutF(float64(w), float64(h))
	return int(sw), int(sh)
}

// style returns the look of the panes at the window's scale.
func (g *Game) style() plot.Style {
	return plot.Style{Theme: g.theme, Scale: g.dpi * g.opts.Scale, LineW: g.dpi, Measure: g.fonts.Measure}
}
