package view3d

import (
	"flag"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"github.com/go-gl/mathgl/mgl64"
	"github.com/hajimehoshi/ebiten/v2"

	"descent/camera"
	"descent/optim"
	"descent/scene/arrows"
	"descent/scene/mesh"
	"descent/scene/plot"
	"descent/scene/run"
	"descent/scene/stability"
	"descent/scene/surface"
	"descent/scene/xdisplay"
)

// pngDir, when set (go test -run TestArrowsPixels -args -png DIR), is where
// the display test writes each picture, to look at.
var pngDir = flag.String("png", "", "write each display check's picture as a PNG into this directory")

// Colours of the tests' runs and of the overlay.
var (
	red     = color.RGBA{0xd6, 0x27, 0x28, 0xff}
	blue    = color.RGBA{0x1f, 0x77, 0xb4, 0xff}
	magenta = color.RGBA{0xd0, 0x20, 0xd0, 0xff}
)

// optRun runs spec on surf from start for steps steps and returns the
// view's run with its next step.
func optRun(t *testing.T, surf *surface.Surface, spec string, start []float64, steps int, col color.RGBA) Run {
	t.Helper()
	sp, err := optim.ParseSpec(spec)
	if err != nil {
		t.Fatal(err)
	}
	opt, err := optim.New(sp)
	if err != nil {
		t.Fatal(err)
	}
	r, err := run.New(surf, opt, start, run.Stochastic{}, 1000)
	if err != nil {
		t.Fatal(err)
	}
	for range steps {
		_ = r.Step()
	}
	g := make([]float64, surf.Dim)
	surf.Grad(r.Point(), g)
	s := arrows.FromExplanation(r.Point(), optim.Explain(opt, r.Point(), g))
	return Run{Trail: r.Trail, Color: col, Step: &s}
}

// shot is one picture of the display test: a view, its runs and overlay,
// the camera and the theme.
type shot struct {
	name       string
	view       *View
	runs       []Run
	stab       *arrows.Stability
	elev, azim float64
	dark       bool
	cmap       *ebiten.Image
	check      func(t *testing.T, v *View, img *image.RGBA)
}

type shotsGame struct {
	t      *testing.T
	fonts  *plot.Fonts
	shots  []shot
	frame  int
	images map[string]*image.RGBA
}

const framesPerShot = 4

func (g *shotsGame) Update() error {
	if g.frame >= framesPerShot*len(g.shots) {
		return ebiten.Termination
	}
	return nil
}

func (g *shotsGame) Draw(screen *ebiten.Image) {
	k := g.frame / framesPerShot
	if k >= len(g.shots) {
		return
	}
	s := &g.shots[k]
	st := plot.Style{Theme: plot.Light(), Scale: 1, LineW: 1, Measure: g.fonts.Measure}
	if s.dark {
		st.Theme = plot.Dark()
	}
	cam := camera.FromMatplotlib(s.elev, s.azim)
	cam.SetViewport(1280, 720)
	lo, hi := mesh.WorldCorners()
	cam.Fit(mgl64.Vec3(lo), mgl64.Vec3(hi))
	s.view.SetStability(s.stab)
	s.view.Prepare(Frame{Camera: cam, Style: st, Runs: s.runs})
	screen.Fill(st.Theme.Background)
	s.view.Draw(screen, cam, s.cmap, g.fonts, 1)
	g.frame++
	if g.frame%framesPerShot == 0 {
		b := screen.Bounds()
		img := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
		screen.ReadPixels(img.Pix)
		if s.check != nil {
			s.check(g.t, s.view, img)
		}
		g.images[s.name] = img
		writePNG(g.t, s.name, img)
	}
}

func (g *shotsGame) Layout(w, h int) (int, int) { return 1280, 720 }

// writePNG writes img as NAME.png into -png's directory, if set.
func writePNG(t *testing.T, name string, img image.Image) {
	if *pngDir == "" {
		return
	}
	if err := os.MkdirAll(*pngDir, 0o755); err != nil {
		t.Error(err)
		return
	}
	f, err := os.Create(filepath.Join(*pngDir, name+".png"))
	if err != nil {
		t.Error(err)
		return
	}
	defer f.Close()
	if err := png.Encode(f, img); err != nil {
		t.Error(err)
	}
}

// TestArrowsPixels draws the step arrows and the stability overlay in a
// window from several cameras on both themes, and checks that the overlay
// tints the surface where it is unstable and that arrows show.
func TestArrowsPixels(t *testing.T) {
	d := xdisplay.Own(t)
	if err := os.Setenv("DISPLAY", d); err != nil {
		t.Fatal(err)
	}
	fonts, err := plot.NewFonts()
	if err != nil {
		t.Fatal(err)
	}
	cm, err := mesh.LookupColormap("viridis")
	if err != nil {
		t.Fatal(err)
	}
	himmel, _ := surface.Lookup("himmelblau")
	rosen, _ := surface.Lookup("rosenbrock")
	hv, err := New(himmel, Config{Mesh: 200, Preview: 60, Alpha: 0.85, Labels: [3]string{"x", "y", "loss"}})
	if err != nil {
		t.Fatal(err)
	}
	rv, err := New(rosen, Config{Mesh: 200, Preview: 60, Alpha: 0.85, Labels: [3]string{"x", "y", "loss"}})
	if err != nil {
		t.Fatal(err)
	}
	hRuns := []Run{
		optRun(t, himmel, "adam:lr=0.1", []float64{0.5, 0.5}, 8, red),
		optRun(t, himmel, "sgd:lr=0.005,momentum=0.9,nesterov=true", []float64{-1, 4}, 6, blue),
	}
	hStab := &arrows.Stability{Rule: stability.Rule{LR: 0.02}, At: hRuns[1].Step.From, Color: magenta}
	rRuns := []Run{optRun(t, rosen, "sgd:lr=0.0012,momentum=0.9", []float64{-1.2, -0.5}, 25, blue)}
	rStab := &arrows.Stability{Rule: stability.Rule{LR: 0.0012, Momentum: 0.9}, At: rRuns[0].Step.From, Color: magenta}
	g := &shotsGame{t: t, fonts: fonts, images: map[string]*image.RGBA{}}
	cmapImg := ebiten.NewImageWithOptions(image.Rect(0, 0, 256, 1), &ebiten.NewImageOptions{Unmanaged: true})
	add := func(s shot) { g.shots = append(g.shots, s) }
	drawn := func(t *testing.T, v *View, img *image.RGBA) {
		if len(v.arr.drawn) == 0 || v.arr.keyBox.Empty() {
			t.Errorf("%d arrows, key %v", len(v.arr.drawn), v.arr.keyBox)
		}
	}
	add(shot{name: "3d-himmelblau-30-m60", view: hv, runs: hRuns, stab: hStab, elev: 30, azim: -60, check: drawn})
	add(shot{name: "3d-himmelblau-60-120", view: hv, runs: hRuns, stab: hStab, elev: 60, azim: 120})
	add(shot{name: "3d-himmelblau-12-200-dark", view: hv, runs: hRuns, stab: hStab, elev: 12, azim: 200, dark: true})
	add(shot{name: "3d-himmelblau-89-top", view: hv, runs: hRuns, stab: hStab, elev: 89, azim: -90})
	add(shot{name: "3d-rosenbrock-35-m120", view: rv, runs: rRuns, stab: rStab, elev: 35, azim: -120})
	add(shot{name: "3d-rosenbrock-25-60-dark", view: rv, runs: rRuns, stab: rStab, elev: 25, azim: 60, dark: true})
	add(shot{name: "3d-himmelblau-arrows-only", view: hv, runs: hRuns, elev: 30, azim: -60, check: drawn})
	// Three arrows apart and a box, as the flat views' style test has them.
	synth := []Run{stepRun(himmel, 0, 0, []float64{-0.6, -0.6}, []float64{1, 0}, []float64{0, 0.8}, []float64{0.3, 0.15})}
	add(shot{name: "3d-styles-40-m50", view: hv, runs: synth, elev: 40, azim: -50, check: drawn})
	add(shot{name: "3d-styles-40-m50-dark", view: hv, runs: synth, elev: 40, azim: -50, dark: true, check: drawn})
	ebiten.SetWindowSize(1280, 720)
	ebiten.SetWindowTitle("Descent 3-D arrows test")
	for i := range g.shots {
		g.shots[i].cmap = cmapImg
	}
	// The colormap's pixels are written on the first frame (images are
	// made once the game runs).
	wrapped := &cmapGame{shotsGame: g, pixels: cm.Pixels()}
	if err := ebiten.RunGame(wrapped); err != nil {
		t.Fatal(err)
	}
	if g.frame < framesPerShot*len(g.shots) {
		t.Fatalf("drew %d frames of %d", g.frame, framesPerShot*len(g.shots))
	}
	// The overlay tints the surface: the same view without it differs in
	// many pixels, and in magenta's direction (red and blue up against
	// green).
	with, without := g.images["3d-himmelblau-30-m60"], g.images["3d-himmelblau-arrows-only"]
	changed, magenta := 0, 0
	for k := 0; k+3 < len(with.Pix); k += 4 {
		a, b := with.Pix[k:k+3], without.Pix[k:k+3]
		d := 0
		for c := range 3 {
			d += max(int(a[c])-int(b[c]), int(b[c])-int(a[c]))
		}
		if d > 24 {
			changed++
			if (int(a[0])+int(a[2]))/2-int(a[1]) > (int(b[0])+int(b[2]))/2-int(b[1]) {
				magenta++
			}
		}
	}
	t.Logf("the overlay changed %d pixels, %d of them towards magenta", changed, magenta)
	if changed < 20000 || float64(magenta) < 0.9*float64(changed) {
		t.Errorf("the overlay changed %d pixels, %d of them towards magenta", changed, magenta)
	}
}

// cmapGame writes the colormap image's pixels before the first frame.
type cmapGame struct {
	*shotsGame
	pixels []byte
	done   bool
}

func (g *cmapGame) Draw(screen *ebiten.Image) {
	if !g.done && len(g.shots) > 0 {
		g.shots[0].cmap.WritePixels(g.pixels)
		g.done = true
	}
	g.shotsGame.Draw(screen)
}
