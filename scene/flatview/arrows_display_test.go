package flatview

import (
	"image"
	"image/color"
	"math"
	"strings"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"

	"descent/scene/arrows"
	"descent/scene/contour"
	"descent/scene/mesh"
	"descent/scene/plot"
	"descent/scene/run"
	"descent/scene/stability"
	"descent/scene/surface"
)

// Run colours of the tests (the scenes' red, blue, green).
var (
	red   = color.RGBA{0xd6, 0x27, 0x28, 0xff}
	blue  = color.RGBA{0x1f, 0x77, 0xb4, 0xff}
	green = color.RGBA{0x2c, 0xa0, 0x2c, 0xff}
	// magenta tints the unstable region in the tests: no colormap has it.
	magenta = color.RGBA{0xd0, 0x20, 0xd0, 0xff}
)

// themed returns the test style on the light or the dark theme.
func themed(fonts *plot.Fonts, dark bool) plot.Style {
	st := style(fonts)
	if dark {
		st.Theme = plot.Dark()
	}
	return st
}

// synthetic returns a run of one point at (x, y) on surf whose step has
// three arrows in clearly different directions (data units), and a box.
func synthetic(surf *surface.Surface, x, y float64, col color.RGBA) Run {
	tr := run.NewTrail(4)
	tr.Push(run.Sample{X: x, Y: y, Loss: surf.Eval(x, y)})
	s := arrows.Step{
		From:     []float64{x, y},
		Gradient: []float64{1, 0},
		Velocity: []float64{0, 0.8},
		Update:   []float64{-0.6, -0.6},
		Box:      []float64{0.3, 0.15},
	}
	return Run{Trail: tr, Color: col, Step: &s}
}

// arrowChecks are the display checks of the step arrows and the stability
// overlay (drawn in TestViewsPixels' window).
func arrowChecks(t *testing.T, fonts *plot.Fonts, cmap mesh.Colormap) []check {
	himmel, _ := surface.Lookup("himmelblau")
	rosen, _ := surface.Lookup("rosenbrock")
	parabola, _ := surface.Lookup("parabola")
	quartic := quarticCurve()
	var out []check

	// Three distinct styles, and the length bound, on a made-up step.
	for _, dark := range []bool{false, true} {
		c := NewContour(himmel.Domain, contour.Sqrt, true)
		runs := []Run{synthetic(himmel, 0, 0, red)}
		name := "arrows-styles-light"
		if dark {
			name = "arrows-styles-dark"
		}
		out = append(out, check{name: name, dark: dark, prepare: func() func(*ebiten.Image) {
			c.Fit(pane, 0, themed(fonts, dark))
			c.Prepare(Frame{Surface: himmel, Colormap: cmap, Style: themed(fonts, dark), Runs: runs, Arrows: true, XTitle: "x", YTitle: "y"})
			return func(dst *ebiten.Image) { c.Draw(dst, fonts) }
		}, verify: func(img *image.RGBA) {
			checkArrowBound(t, name, c.arrows, &c.plot)
			checkStyles(t, name, c.arrows, img, red)
			checkBoxes(t, name, c.arrows, 1)
			checkKey(t, name, c.overTexts, c.arrows.label, img, c.keyBox, themed(fonts, dark).Theme)
		}})
	}

	// Real optimizers: Adam gets a box, SGD with momentum none; the
	// stability overlay of the momentum run on Rosenbrock's valley.
	for _, dark := range []bool{false, true} {
		c := NewContour(rosen.Domain, contour.Log, true)
		adam := optRun(t, rosen, "adam:lr=0.05", []float64{-1.5, 2}, 40, red)
		mom := optRun(t, rosen, "sgd:lr=0.0012,momentum=0.9", []float64{-1.2, -0.5}, 25, blue)
		runs := []Run{adam, mom}
		sb := &Stability{Rule: stability.Rule{LR: 0.0012, Momentum: 0.9}, At: append([]float64(nil), mom.Step.From...), Color: magenta}
		name := "rosenbrock-adam-momentum-light"
		if dark {
			name = "rosenbrock-adam-momentum-dark"
		}
		out = append(out, check{name: name, dark: dark, prepare: func() func(*ebiten.Image) {
			c.Fit(pane, 0, themed(fonts, dark))
			c.Prepare(Frame{Surface: rosen, Colormap: cmap, Style: themed(fonts, dark), Runs: runs, Arrows: true, Stability: sb, XTitle: "x", YTitle: "y"})
			return func(dst *ebiten.Image) { c.Draw(dst, fonts) }
		}, verify: func(img *image.RGBA) {
			checkArrowBound(t, name, c.arrows, &c.plot)
			checkBoxes(t, name, c.arrows, 1)
			if len(c.arrows.boxes) == 1 && !boxAround(c.arrows.boxes[0], c.plot, adam.Step.From) {
				t.Errorf("%s: the box is not Adam's", name)
			}
			checkContourStability(t, name, c, rosen, sb.Rule, cmap, img)
		}})
	}

	// Six runs: one scale for all, labels on the first only.
	{
		c := NewContour(himmel.Domain, contour.Sqrt, true)
		specs := []string{"sgd:lr=0.02", "sgd:lr=0.005,momentum=0.9", "sgd:lr=0.005,momentum=0.9,nesterov=true", "adam:lr=0.1", "rmsprop:lr=0.05", "adagrad:lr=0.5"}
		starts := [][]float64{{0, -3}, {-1, 4}, {-4, -1}, {0.5, 0.5}, {-3, 3}, {4, -4}}
		cols := []color.RGBA{red, blue, green, {0x94, 0x67, 0xbd, 0xff}, {0xff, 0x7f, 0x0e, 0xff}, {0x17, 0xbe, 0xcf, 0xff}}
		var runs []Run
		for i, sp := range specs {
			runs = append(runs, optRun(t, himmel, sp, starts[i], 12, cols[i]))
		}
		sb := &Stability{Rule: stability.Rule{LR: 0.02}, At: append([]float64(nil), runs[0].Step.From...), Color: magenta}
		name := "himmelblau-six-runs"
		out = append(out, check{name: name, prepare: func() func(*ebiten.Image) {
			c.Fit(pane, 0, style(fonts))
			c.Prepare(Frame{Surface: himmel, Colormap: cmap, Style: style(fonts), Runs: runs, Arrows: true, Stability: sb, XTitle: "x", YTitle: "y"})
			return func(dst *ebiten.Image) { c.Draw(dst, fonts) }
		}, verify: func(img *image.RGBA) {
			checkArrowBound(t, name, c.arrows, &c.plot)
			checkBoxes(t, name, c.arrows, 3) // Adam, RMSprop, Adagrad
			checkContourStability(t, name, c, himmel, sb.Rule, cmap, img)
		}})
	}

	// Curves: the parabola with lr 1.1 (unstable everywhere: lr·2 > 2) and
	// 0.5 (stable everywhere); a quartic whose curvature grows away from 0.
	for _, cs := range []struct {
		name string
		surf *surface.Surface
		spec string
		lr   float64
		// unstable reports whether x is in the unstable region.
		unstable func(x float64) bool
		dark     bool
	}{
		{"parabola-lr-1.1", parabola, "sgd:lr=1.1", 1.1, func(float64) bool { return true }, false},
		{"parabola-lr-0.45", parabola, "sgd:lr=0.45", 0.45, func(float64) bool { return false }, false},
		{"quartic-momentum-light", quartic, "sgd:lr=0.2,momentum=0.5", 0.2, func(x float64) bool { return 0.2*(3*x*x-2) > 2*1.5 }, false},
		{"quartic-adam-dark", quartic, "adam:lr=0.3", 0.2, func(x float64) bool { return 0.2*(3*x*x-2) > 2 }, true},
	} {
		cu := NewCurve(cs.surf, nil)
		start, steps := []float64{3}, 2
		switch cs.name {
		case "quartic-momentum-light":
			start, steps = []float64{2.2}, 3
		case "quartic-adam-dark":
			start, steps = []float64{-2.9}, 3
		}
		r := optRun(t, cs.surf, cs.spec, start, steps, red)
		rule := stability.Rule{LR: cs.lr}
		if strings.Contains(cs.spec, "momentum=0.5") {
			rule.Momentum = 0.5
		}
		sb := &Stability{Rule: rule, At: r.Step.From, Color: magenta}
		runs := []Run{r}
		dark := cs.dark
		name := cs.name
		unstable := cs.unstable
		out = append(out, check{name: name, dark: dark, prepare: func() func(*ebiten.Image) {
			cu.Fit(pane, 0, themed(fonts, dark))
			cu.Prepare(Frame{Surface: cs.surf, Style: themed(fonts, dark), Runs: runs, Arrows: true, Stability: sb, XTitle: "x", YTitle: "loss"})
			return func(dst *ebiten.Image) { cu.Draw(dst, fonts) }
		}, verify: func(img *image.RGBA) {
			checkArrowBound(t, name, cu.arrows, &cu.plot)
			checkCurveStability(t, name, cu, cs.surf, unstable, img)
			found := false
			for _, x := range cu.overTexts {
				found = found || strings.HasPrefix(x.S, "f'' = ")
			}
			if !found {
				t.Errorf("%s: no curvature label at the point", name)
			}
		}})
	}
	return out
}

// quarticCurve is f(x) = x⁴/4 - x², whose curvature 3x² - 2 grows away
// from 0: lr times the curvature passes any bound somewhere.
func quarticCurve() *surface.Surface {
	return &surface.Surface{
		Name: "quartic", Title: "quartic", Dim: 1,
		Domain: surface.Domain{XMin: -3, XMax: 3},
		Eval:   func(x, _ float64) float64 { return x*x*x*x/4 - x*x },
		Gradient: func(x, _ float64) (float64, float64, float64) {
			return x*x*x*x/4 - x*x, x*x*x - 2*x, 0
		},
		Hessian: func(x, _ float64) (float64, float64, float64) { return 3*x*x - 2, 0, 0 },
	}
}

// checkArrowBound: every arrow drawn is at most arrowShare of the plot's
// smaller side long, in pixels, and the box's half-diagonal too.
func checkArrowBound(t *testing.T, name string, o arrowOutput, p *plot.Transform) {
	t.Helper()
	bound := arrowShare * math.Min(p.Px.W(), p.Px.H())
	if o.maxLen != bound {
		t.Errorf("%s: arrows bounded by %g px, want %g", name, o.maxLen, bound)
	}
	if len(o.drawn) == 0 {
		t.Errorf("%s: no arrows drawn", name)
	}
	longest := 0.0
	for _, a := range o.drawn {
		l := math.Hypot(a.bx-a.ax, a.by-a.ay)
		longest = math.Max(longest, l)
		if l > bound+1e-9 {
			t.Errorf("%s: %s arrow of run %d is %.2f px long, more than %.2f", name, a.kind.Label(), a.run, l, bound)
		}
	}
	for _, b := range o.boxes {
		if d := math.Hypot(b.W(), b.H()) / 2; d > bound+1e-9 {
			t.Errorf("%s: box half-diagonal %.2f px, more than %.2f", name, d, bound)
		}
	}
	// The scale is the largest 1-2-5 number that fits: the next one up
	// would not (unless the arrows are all too short to matter).
	if up, _ := arrows.Nice(o.k * 2.6); longest > 0 && longest*up/o.k <= bound {
		t.Errorf("%s: factor %g leaves room for %g (longest %.1f px of %.1f)", name, o.k, up, longest, bound)
	}
	t.Logf("%s: %d arrows, longest %.1f px of %.1f allowed, %s", name, len(o.drawn), longest, bound, o.label)
}

// onRuns returns the lengths of the runs of pixels in the run's colour
// along an arrow's shaft (from 15% to 70% of its length, clear of its
// start and its head), sampled every half pixel, and the share of samples
// in the colour.
func onRuns(img *image.RGBA, a drawnArrow, col color.RGBA) (runs []float64, share float64) {
	l := math.Hypot(a.bx-a.ax, a.by-a.ay)
	on, n := 0, 0
	cur := 0.0
	for d := 0.15 * l; d <= 0.7*l; d += 0.5 {
		x := a.ax + (a.bx-a.ax)*d/l
		y := a.ay + (a.by-a.ay)*d/l
		c := img.RGBAAt(int(math.Floor(x)), int(math.Floor(y)))
		n++
		if colorNear(c, col, 70) {
			on++
			cur += 0.5
		} else if cur > 0 {
			runs = append(runs, cur)
			cur = 0
		}
	}
	if cur > 0 {
		runs = append(runs, cur)
	}
	return runs, float64(on) / float64(max(n, 1))
}

func colorNear(a, b color.RGBA, tol int) bool {
	d := 0
	for _, p := range [][2]uint8{{a.R, b.R}, {a.G, b.G}, {a.B, b.B}} {
		d += max(int(p[0])-int(p[1]), int(p[1])-int(p[0]))
	}
	return d <= tol
}

func median(v []float64) float64 {
	if len(v) == 0 {
		return 0
	}
	s := append([]float64(nil), v...)
	for i := range s {
		for j := i + 1; j < len(s); j++ {
			if s[j] < s[i] {
				s[i], s[j] = s[j], s[i]
			}
		}
	}
	return s[len(s)/2]
}

// checkStyles: along each arrow's shaft the run's colour shows as one
// unbroken line (the update), as dashes about 7 px long (the gradient
// step) or as dots about 3 px across (the velocity).
func checkStyles(t *testing.T, name string, o arrowOutput, img *image.RGBA, col color.RGBA) {
	t.Helper()
	seen := map[plot.StepArrow]bool{}
	for _, a := range o.drawn {
		runs, share := onRuns(img, a, col)
		m := median(runs)
		t.Logf("%s: %s: %d pieces, median %.1f px, %.0f%% in colour", name, a.kind.Label(), len(runs), m, 100*share)
		ok := false
		switch a.kind {
		case plot.UpdateArrow:
			ok = len(runs) == 1 && share > 0.95
		case plot.GradientArrow:
			ok = len(runs) >= 4 && m >= 5 && m <= 9.5 && share > 0.4 && share < 0.85
		case plot.VelocityArrow:
			ok = len(runs) >= 4 && m >= 1.5 && m <= 4.5 && share > 0.2 && share < 0.75
		}
		if !ok {
			t.Errorf("%s: the %s arrow does not look like its style: pieces %v", name, a.kind.Label(), runs)
		}
		seen[a.kind] = true
	}
	if len(seen) != 3 {
		t.Errorf("%s: %d kinds of arrows drawn, want 3", name, len(seen))
	}
}

// checkBoxes: the number of adaptive boxes drawn.
func checkBoxes(t *testing.T, name string, o arrowOutput, want int) {
	t.Helper()
	if len(o.boxes) != want {
		t.Errorf("%s: %d adaptive boxes, want %d", name, len(o.boxes), want)
	}
}

// boxAround reports whether box b is centred on the data point at.
func boxAround(b plot.Rect, p plot.Transform, at []float64) bool {
	x, y := p.ToPixel(at[0], at[1])
	return math.Abs((b.X0+b.X1)/2-x) < 0.5 && math.Abs((b.Y0+b.Y1)/2-y) < 0.5
}

// checkKey: the key says the scale, and its panel holds text pixels.
func checkKey(t *testing.T, name string, texts []plot.Text, label string, img *image.RGBA, key plot.Rect, th plot.Theme) {
	t.Helper()
	if !strings.HasPrefix(label, "arrows ×") {
		t.Errorf("%s: scale label %q", name, label)
	}
	found := false
	for _, x := range texts {
		found = found || x.S == label
	}
	if !found {
		t.Errorf("%s: the key does not say %q", name, label)
	}
	if key.Empty() {
		t.Errorf("%s: no key", name)
		return
	}
	ink := 0
	for y := int(key.Y0) + 2; y < int(key.Y1)-2; y++ {
		for x := int(key.X0) + 2; x < int(key.X1)-2; x++ {
			if colorNear(img.RGBAAt(x, y), th.Text, 60) {
				ink++
			}
		}
	}
	if ink < 200 {
		t.Errorf("%s: %d text pixels in the key", name, ink)
	}
}

// checkContourStability: where lr/lr_max is well above 1 (and the pixel is
// clear of lines, labels, paths and the key) the pixel is tinted away from
// its band's colour, and where it is well below 1 it keeps it.
func checkContourStability(t *testing.T, name string, c *Contour, surf *surface.Surface, rule stability.Rule, cmap mesh.Colormap, img *image.RGBA) {
	t.Helper()
	if c.stab.unstable == 0 || c.stab.edges == 0 {
		t.Errorf("%s: no unstable region (%d triangles, %d edge pieces)", name, c.stab.unstable, c.stab.edges)
	}
	p := c.Transform()
	band := func(sx, sy float64) int {
		x, y := p.ToData(sx, sy)
		return contour.BandOf(contour.Transform(surf.Eval(x, y), c.Scale()), c.Levels())
	}
	ratio := func(sx, sy float64) float64 {
		x, y := p.ToData(sx, sy)
		pt, err := stability.At(surf, x, y)
		if err != nil {
			t.Fatal(err)
		}
		return rule.Ratio(pt.LambdaMax())
	}
	var busy []plot.Rect
	busy = append(busy, labelBoxes(c)...)
	busy = append(busy, c.keyBox.Inset(-4, -4, -4, -4))
	for _, b := range c.arrows.placed {
		busy = append(busy, b.Inset(-4, -4, -4, -4))
	}
	for _, b := range c.arrows.boxes {
		busy = append(busy, b.Inset(-4, -4, -4, -4))
	}
	for _, a := range c.arrows.drawn {
		busy = append(busy, plot.Rect{X0: math.Min(a.ax, a.bx) - 16, Y0: math.Min(a.ay, a.by) - 16, X1: math.Max(a.ax, a.bx) + 16, Y1: math.Max(a.ay, a.by) + 16})
	}
	if c.stab.key.rule != rule {
		t.Errorf("%s: overlay built for %+v", name, c.stab.key.rule)
	}
	tinted, tintChecked, kept, keptChecked := 0, 0, 0, 0
	for y := p.Px.Y0 + 6; y < p.Px.Y1-6; y += 9 {
		for x := p.Px.X0 + 6; x < p.Px.X1-6; x += 9 {
			cx, cy := x+0.5, y+0.5
			skip := false
			for _, b := range busy {
				skip = skip || b.Contains(cx, cy)
			}
			k := band(cx, cy)
			for _, d := range [][2]float64{{-4, 0}, {4, 0}, {0, -4}, {0, 4}} {
				skip = skip || band(cx+d[0], cy+d[1]) != k
			}
			if skip {
				continue
			}
			want := c.BandColor(cmap, k)
			got := img.RGBAAt(int(x), int(y))
			switch r := ratio(cx, cy); {
			case r > 1.3:
				tintChecked++
				if !colorNear(got, want, 18) {
					tinted++
				}
			case r < 0.7:
				keptChecked++
				if colorNear(got, want, 18) {
					kept++
				}
			}
		}
	}
	t.Logf("%s: unstable pixels tinted %d of %d, stable ones untouched %d of %d", name, tinted, tintChecked, kept, keptChecked)
	if tintChecked < 50 || float64(tinted) < 0.97*float64(tintChecked) || keptChecked < 50 || float64(kept) < 0.9*float64(keptChecked) {
		t.Errorf("%s: unstable pixels tinted %d of %d, stable ones untouched %d of %d", name, tinted, tintChecked, kept, keptChecked)
	}
}

// magentaness is how far a colour leans to magenta (red and blue over
// green): about 0 for the themes' greys, over 30 for the tint.
func magentaness(c color.RGBA) float64 {
	return (float64(c.R)+float64(c.B))/2 - float64(c.G)
}

// checkCurveStability: the curve's shaded spans are where unstable says,
// and pixels clear of the curve, the key and the arrows lean to the tint's
// magenta there and not elsewhere (the grid's greys do not).
func checkCurveStability(t *testing.T, name string, c *Curve, surf *surface.Surface, unstable func(x float64) bool, img *image.RGBA) {
	t.Helper()
	p := c.Transform()
	in := func(sx float64) bool {
		for _, sp := range c.stab.spans {
			if sx >= sp[0] && sx <= sp[1] {
				return true
			}
		}
		return false
	}
	busy := []plot.Rect{c.keyBox.Inset(-4, -4, -4, -4)}
	for _, b := range c.arrows.placed {
		busy = append(busy, b.Inset(-4, -4, -4, -4))
	}
	for _, b := range c.arrows.boxes {
		busy = append(busy, b.Inset(-4, -4, -4, -4))
	}
	for _, a := range c.arrows.drawn {
		busy = append(busy, plot.Rect{X0: math.Min(a.ax, a.bx) - 16, Y0: a.ay - 24, X1: math.Max(a.ax, a.bx) + 16, Y1: a.ay + 24})
	}
	wrong, tinted, plain, checked := 0, 0, 0, 0
	for sx := p.Px.X0 + 3; sx < p.Px.X1-3; sx += 4 {
		x, _ := p.ToData(sx, 0)
		u := unstable(x)
		// Within 3 px of the edge the test and the view may disagree.
		x1, _ := p.ToData(sx-3, 0)
		x2, _ := p.ToData(sx+3, 0)
		if unstable(x1) != u || unstable(x2) != u {
			continue
		}
		if in(sx) != u {
			wrong++
		}
		_, cy := p.ToPixel(x, surf.Eval(x, 0))
		for sy := p.Px.Y0 + 4; sy < p.Px.Y1-4; sy += 11 {
			if math.Abs(sy-cy) < 16 {
				continue
			}
			skip := false
			for _, b := range busy {
				skip = skip || b.Contains(sx, sy)
			}
			if skip {
				continue
			}
			m := magentaness(img.RGBAAt(int(sx), int(sy)))
			checked++
			if u && m > 15 {
				tinted++
			}
			if !u && m < 8 {
				plain++
			}
		}
	}
	t.Logf("%s: spans %v; %d columns judged wrong; %d of %d pixels as they should be", name, c.stab.spans, wrong, tinted+plain, checked)
	if wrong > 0 || checked < 100 || float64(tinted+plain) < 0.97*float64(checked) {
		t.Errorf("%s: %d columns judged wrong; %d of %d pixels as they should be", name, wrong, tinted+plain, checked)
	}
}
