package flatview

import (
	"flag"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"

	"descent/optim"
	"descent/scene/arrows"
	"descent/scene/contour"
	"descent/scene/mesh"
	"descent/scene/plot"
	"descent/scene/run"
	"descent/scene/surface"
	"descent/scene/xdisplay"
)

// pngDir, when set (go test -run TestViewsPixels -args -png DIR), is where
// the display test writes each check's picture, to look at.
var pngDir = flag.String("png", "", "write each display check's picture as a PNG into this directory")

// pane is the part of the 1280x720 window the views are drawn in.
var pane = plot.Rect{X0: 40, Y0: 20, X1: 1240, Y1: 700}

// viewsGame draws a contour map, then a curve, and checks the pixels of
// each against what the views' own transforms say must be there.
type viewsGame struct {
	t      *testing.T
	fonts  *plot.Fonts
	frame  int
	checks []check
}

// check is one view drawn for a few frames, then its pixels checked.
type check struct {
	name    string
	prepare func() func(dst *ebiten.Image)
	verify  func(img *image.RGBA)
	draw    func(dst *ebiten.Image)
	// dark draws on the dark theme's background.
	dark bool
}

// framesPerCheck is how many frames each view is drawn before its pixels
// are read (the first frames may still be settling the window).
const framesPerCheck = 5

func (g *viewsGame) Update() error {
	if g.frame >= framesPerCheck*len(g.checks) {
		return ebiten.Termination
	}
	return nil
}

func (g *viewsGame) Draw(screen *ebiten.Image) {
	k := g.frame / framesPerCheck
	if k >= len(g.checks) {
		return
	}
	c := &g.checks[k]
	if c.draw == nil {
		c.draw = c.prepare()
	}
	bg := plot.Light().Background
	if c.dark {
		bg = plot.Dark().Background
	}
	screen.Fill(bg)
	c.draw(screen)
	g.frame++
	if g.frame%framesPerCheck == 0 {
		b := screen.Bounds()
		img := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
		screen.ReadPixels(img.Pix)
		c.verify(img)
		writePNG(g.t, c.name, img)
	}
}

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

func (g *viewsGame) Layout(w, h int) (int, int) { return 1280, 720 }

func style(fonts *plot.Fonts) plot.Style {
	return plot.Style{Theme: plot.Light(), Scale: 1, LineW: 1, Measure: fonts.Measure}
}

// gdRun returns gradient descent on surf from start after steps steps,
// with its next step to draw as arrows.
func gdRun(t *testing.T, surf *surface.Surface, lr float64, start []float64, steps int) Run {
	return optRun(t, surf, "sgd:lr="+strconv.FormatFloat(lr, 'g', -1, 64), start, steps, plot.Light().Grey)
}

// optRun returns the optimizer of spec on surf from start after steps
// steps, in colour col, with its next step to draw as arrows.
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

// TestViewsPixels draws the contour map of Himmelblau's function and the
// curve of the parabola in a real window and checks their pixels: away
// from iso-lines, labels and markers every pixel has its loss band's
// colour, and the curve passes through the pixels the transform gives.
func TestViewsPixels(t *testing.T) {
	d := xdisplay.Own(t)
	if err := os.Setenv("DISPLAY", d); err != nil {
		t.Fatal(err)
	}
	fonts, err := plot.NewFonts()
	if err != nil {
		t.Fatal(err)
	}
	cmap, err := mesh.LookupColormap("viridis")
	if err != nil {
		t.Fatal(err)
	}
	himmel, _ := surface.Lookup("himmelblau")
	parabola, _ := surface.Lookup("parabola")
	g := &viewsGame{t: t, fonts: fonts}
	c := NewContour(himmel.Domain, contour.Sqrt, true)
	cu := NewCurve(parabola, nil)
	runs := []Run{gdRun(t, himmel, 0.01, []float64{0, -3}, 60)}
	curveRuns := []Run{gdRun(t, parabola, 0.05, []float64{6}, 30)}
	g.checks = []check{
		{name: "contour", prepare: func() func(*ebiten.Image) {
			c.Fit(pane, 0, style(fonts))
			c.Prepare(Frame{Surface: himmel, Colormap: cmap, Style: style(fonts), Runs: runs, Arrows: true, XTitle: "x", YTitle: "y"})
			return func(dst *ebiten.Image) { c.Draw(dst, fonts) }
		}, verify: func(img *image.RGBA) { checkContourPixels(t, c, himmel, cmap, runs, img) }},
		{name: "curve", prepare: func() func(*ebiten.Image) {
			cu.Fit(pane, 0, style(fonts))
			cu.Prepare(Frame{Surface: parabola, Style: style(fonts), Runs: curveRuns, XTitle: "x", YTitle: "loss"})
			return func(dst *ebiten.Image) { cu.Draw(dst, fonts) }
		}, verify: func(img *image.RGBA) { checkCurvePixels(t, cu, parabola, curveRuns, img) }},
	}
	g.checks = append(g.checks, arrowChecks(t, fonts, cmap)...)
	ebiten.SetWindowSize(1280, 720)
	ebiten.SetWindowTitle("Descent flat views test")
	if err := ebiten.RunGame(g); err != nil {
		t.Fatal(err)
	}
	if g.frame < framesPerCheck*len(g.checks) {
		t.Fatalf("drew %d frames of %d", g.frame, framesPerCheck*len(g.checks))
	}
}

func near(a, b uint8, tol int) bool { return max(int(a)-int(b), int(b)-int(a)) <= tol }

// labelBoxes returns the screen boxes of the contour labels, grown by a
// few pixels.
func labelBoxes(c *Contour) []plot.Rect {
	var out []plot.Rect
	for _, l := range c.Labels() {
		r := plot.Rect{X0: math.Inf(1), Y0: math.Inf(1), X1: math.Inf(-1), Y1: math.Inf(-1)}
		for _, q := range l.Corners() {
			r.X0, r.Y0 = math.Min(r.X0, q.X), math.Min(r.Y0, q.Y)
			r.X1, r.Y1 = math.Max(r.X1, q.X), math.Max(r.Y1, q.Y)
		}
		out = append(out, r.Inset(-3, -3, -3, -3))
	}
	return out
}

// checkContourPixels: away from iso-lines, labels, paths and markers,
// each pixel has the colour of the band the loss at that point falls in.
func checkContourPixels(t *testing.T, c *Contour, surf *surface.Surface, cmap mesh.Colormap, runs []Run, img *image.RGBA) {
	p := c.Transform()
	band := func(sx, sy float64) int {
		x, y := p.ToData(sx, sy)
		return contour.BandOf(contour.Transform(surf.Eval(x, y), c.Scale()), c.Levels())
	}
	// Paths, their arrows and the minima: keep 16 px away from every
	// iterate, every arrow's tip, and every minimum.
	var marks [][2]float64
	for _, r := range runs {
		var px, py float64
		for i := range r.Trail.Len() {
			s := r.Trail.At(i)
			x, y := p.ToPixel(s.X, s.Y)
			marks = append(marks, [2]float64{x, y})
			if i > 0 { // along the path between iterates
				for d, l := 8.0, math.Hypot(x-px, y-py); d < l; d += 8 {
					marks = append(marks, [2]float64{px + (x-px)*d/l, py + (y-py)*d/l})
				}
			}
			px, py = x, y
		}
	}
	for _, a := range append(c.arrows.drawn, c.arrows.faded...) { // along every arrow
		for f := 0.0; f <= 1; f += 0.1 {
			marks = append(marks, [2]float64{a.ax + f*(a.bx-a.ax), a.ay + f*(a.by-a.ay)})
		}
	}
	for _, m := range surf.Minima {
		x, y := p.ToPixel(m.X, m.Y)
		marks = append(marks, [2]float64{x, y})
	}
	labels := labelBoxes(c)
	checked, good, bands := 0, 0, map[int]bool{}
	for y := p.Px.Y0 + 4; y < p.Px.Y1-4; y += 7 {
		for x := p.Px.X0 + 4; x < p.Px.X1-4; x += 7 {
			cx, cy := x+0.5, y+0.5
			skip := false
			for _, l := range labels {
				skip = skip || l.Contains(cx, cy)
			}
			skip = skip || c.keyBox.Inset(-3, -3, -3, -3).Contains(cx, cy)
			for _, b := range c.arrows.placed {
				skip = skip || b.Inset(-3, -3, -3, -3).Contains(cx, cy)
			}
			for _, b := range c.arrows.boxes {
				skip = skip || b.Inset(-3, -3, -3, -3).Contains(cx, cy)
			}
			for _, m := range marks {
				skip = skip || math.Hypot(m[0]-cx, m[1]-cy) < 16
			}
			k := band(cx, cy)
			for _, d := range [][2]float64{{-4, 0}, {4, 0}, {0, -4}, {0, 4}, {-3, -3}, {3, 3}, {-3, 3}, {3, -3}} {
				skip = skip || band(cx+d[0], cy+d[1]) != k // an iso-line runs near
			}
			if skip {
				continue
			}
			want := c.BandColor(cmap, k)
			got := img.RGBAAt(int(x), int(y))
			checked++
			if near(got.R, want.R, 6) && near(got.G, want.G, 6) && near(got.B, want.B, 6) {
				good++
				bands[k] = true
			} else if checked-good < 10 {
				t.Logf("pixel %v,%v (band %d): %v, want %v", x, y, k, got, want)
			}
		}
	}
	t.Logf("contour: %d of %d pixels have their band's colour; %d bands seen", good, checked, len(bands))
	if checked < 1500 || float64(good) < 0.98*float64(checked) || len(bands) < 5 {
		t.Errorf("contour: %d of %d pixels right, %d bands seen", good, checked, len(bands))
	}
}

// checkCurvePixels: the curve passes through the pixels the transform
// gives for (x, f(x)), and the background shows a little above and below
// where the curve is flat enough.
func checkCurvePixels(t *testing.T, c *Curve, surf *surface.Surface, runs []Run, img *image.RGBA) {
	p := c.Transform()
	var avoid []float64 // columns of the runs' iterates and the minima
	for _, r := range runs {
		for i := range r.Trail.Len() {
			sx, _ := p.ToPixel(r.Trail.At(i).X, 0)
			avoid = append(avoid, sx)
		}
	}
	for _, m := range surf.Minima {
		mx, _ := p.ToPixel(m.X, 0)
		avoid = append(avoid, mx)
	}
	dark := func(x, y int) bool {
		c := img.RGBAAt(x, y)
		return int(c.R)+int(c.G)+int(c.B) < 3*110
	}
	on, onChecked, off, offChecked := 0, 0, 0, 0
	for sx := p.Px.X0 + 6; sx < p.Px.X1-6; sx += 5 {
		cx := sx + 0.5
		skip := false
		for _, a := range avoid {
			skip = skip || math.Abs(a-cx) < 12
		}
		if skip {
			continue
		}
		x, _ := p.ToData(cx, 0)
		_, sy := p.ToPixel(x, surf.Eval(x, 0))
		if sy < p.Px.Y0+4 || sy > p.Px.Y1-4 {
			continue
		}
		onChecked++
		for dy := -2; dy <= 2; dy++ {
			if dark(int(sx), int(math.Floor(sy))+dy) {
				on++
				break
			}
		}
		// Where the curve is flat enough, 14 pixels above and below are
		// clear of it.
		_, sy2 := p.ToPixel(x+1/p.SX, surf.Eval(x+1/p.SX, 0))
		if math.Abs(sy2-sy) < 1 {
			for _, dy := range []float64{-14, 14} {
				y := sy + dy
				if y < p.Px.Y0+2 || y > p.Px.Y1-2 {
					continue
				}
				offChecked++
				if !dark(int(sx), int(y)) {
					off++
				}
			}
		}
	}
	t.Logf("curve: on the curve %d of %d columns, clear beside it %d of %d", on, onChecked, off, offChecked)
	if onChecked < 100 || on != onChecked || offChecked < 10 || off != offChecked {
		t.Errorf("curve: on the curve %d of %d columns, clear beside it %d of %d", on, onChecked, off, offChecked)
	}
}
