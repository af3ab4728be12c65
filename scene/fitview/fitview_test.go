package fitview

import (
	"image"
	"image/color"
	"math"
	"os"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"

	"descent/scene/plot"
	"descent/scene/surface"
	"descent/scene/xdisplay"
)

func model(t *testing.T, name, data string) *surface.Model {
	t.Helper()
	s, err := surface.LoadModel(name, data)
	if err != nil {
		t.Fatal(err)
	}
	return s.Model
}

func style() plot.Style { return plot.Style{Theme: plot.Light(), Scale: 1, LineW: 1} }

var pane = plot.Rect{X0: 20, Y0: 20, X1: 1260, Y1: 700}

// TestHomeAndTitles: the view shows all the data, a one-input classifier
// from 0 to 1, and names its axes after the data's columns.
func TestHomeAndTitles(t *testing.T) {
	tests := []struct {
		name, data string
		x, y       string
	}{
		{"logistic", "logistic-200.csv", "x", "P(label = 1)"},
		{"tanh-unit", "tanh-300.csv", "x", "y"},
		{"ols", "ols-1000.csv", "x", "y"},
		{"mlp-slice", "", "x1", "x2"},
	}
	for _, tt := range tests {
		m := model(t, tt.name, tt.data)
		v := New(m)
		if x, y := v.Titles(); x != tt.x || y != tt.y {
			t.Errorf("%s: titles %q, %q; want %q, %q", tt.name, x, y, tt.x, tt.y)
		}
		v.Fit(pane, 0, style())
		vis := v.Transform().Vis
		for i, in := range m.Inputs {
			y := m.Targets[i]
			if m.InputDim() == 2 {
				y = in[1]
			}
			if in[0] < vis.X0 || in[0] > vis.X1 || y < vis.Y0 || y > vis.Y1 {
				t.Errorf("%s: data point (%v, %v) outside the view %+v", tt.name, in[0], y, vis)
				break
			}
		}
	}
}

// TestPrepareDrawsEachRun: every run adds its model; a run whose
// parameters are not finite adds nothing and breaks nothing; an MLP's run
// draws a decision boundary.
func TestPrepareDrawsEachRun(t *testing.T) {
	for _, tc := range []struct{ name, data string }{{"logistic", "logistic-200.csv"}, {"mlp-slice", ""}} {
		v := New(model(t, tc.name, tc.data))
		v.Fit(pane, 0, style())
		v.Prepare(Frame{Style: style()})
		none := v.fits.Len()
		v.Prepare(Frame{Style: style(), Runs: []Run{{Params: []float64{0.5, 0.2}, Color: color.RGBA{255, 0, 0, 255}}}})
		one := v.fits.Len()
		v.Prepare(Frame{Style: style(), Runs: []Run{{Params: []float64{0.5, 0.2}}, {Params: []float64{math.NaN(), 1}}}})
		if none != 0 || one == 0 || v.fits.Len() != one {
			t.Errorf("%s: %d, %d, %d triangles of fits for no run, one run, one run and a broken one", tc.name, none, one, v.fits.Len())
		}
		if v.data.Len() == 0 {
			t.Errorf("%s: no data drawn", tc.name)
		}
	}
}

// TestFitPixels draws a logistic model's sigmoid in a real window and
// checks that it passes through the pixels its transform gives.
func TestFitPixels(t *testing.T) {
	d := xdisplay.Own(t)
	if err := os.Setenv("DISPLAY", d); err != nil {
		t.Fatal(err)
	}
	fonts, err := plot.NewFonts()
	if err != nil {
		t.Fatal(err)
	}
	m := model(t, "logistic", "logistic-200.csv")
	v := New(m)
	params := []float64{1.5, -0.5}
	red := color.RGBA{0xd6, 0x27, 0x28, 0xff}
	g := &pixelGame{draw: func(dst *ebiten.Image) {
		v.Fit(pane, 0, plot.Style{Theme: plot.Light(), Scale: 1, LineW: 1, Measure: fonts.Measure})
		v.Prepare(Frame{Style: plot.Style{Theme: plot.Light(), Scale: 1, LineW: 1, Measure: fonts.Measure}, Runs: []Run{{Params: params, Color: red}}})
		v.Draw(dst, fonts)
	}}
	g.check = func(img *image.RGBA) {
		p := v.Transform()
		on, checked := 0, 0
		for sx := p.Px.X0 + 8; sx < p.Px.X1-8; sx += 9 {
			x, _ := p.ToData(sx, 0)
			y := m.Predict(params, []float64{x})
			_, sy := p.ToPixel(x, y)
			// Steep parts of the sigmoid are left out: there the pixel
			// column holds the line only over a short span.
			if _, sy2 := p.ToPixel(x, m.Predict(params, []float64{x + 1/p.SX})); math.Abs(sy2-sy) > 1.5 {
				continue
			}
			checked++
			for dy := -1; dy <= 1; dy++ {
				c := img.RGBAAt(int(sx), int(math.Round(sy))+dy)
				if near(c.R, red.R, 40) && near(c.G, red.G, 40) && near(c.B, red.B, 40) {
					on++
					break
				}
			}
		}
		t.Logf("sigmoid: on the curve in %d of %d columns", on, checked)
		if checked < 60 || on != checked {
			t.Errorf("sigmoid: on the curve in %d of %d columns", on, checked)
		}
	}
	ebiten.SetWindowSize(1280, 720)
	ebiten.SetWindowTitle("Descent fit view test")
	if err := ebiten.RunGame(g); err != nil {
		t.Fatal(err)
	}
	if !g.checked {
		t.Fatal("the window never drew the checked frame")
	}
}

func near(a, b uint8, tol int) bool { return max(int(a)-int(b), int(b)-int(a)) <= tol }

// pixelGame draws a few frames and checks the last one's pixels.
type pixelGame struct {
	draw    func(dst *ebiten.Image)
	check   func(img *image.RGBA)
	frames  int
	checked bool
}

const checkFrame = 5

func (g *pixelGame) Update() error {
	if g.checked {
		return ebiten.Termination
	}
	return nil
}

func (g *pixelGame) Draw(screen *ebiten.Image) {
	screen.Fill(plot.Light().Background)
	g.draw(screen)
	g.frames++
	if g.frames == checkFrame {
		b := screen.Bounds()
		img := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
		screen.ReadPixels(img.Pix)
		g.check(img)
		g.checked = true
	}
}

func (g *pixelGame) Layout(w, h int) (int, int) { return 1280, 720 }
