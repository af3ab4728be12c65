package basinview

import (
	"fmt"
	"image"
	"image/color"
	"math"

	"github.com/hajimehoshi/ebiten/v2"

	"descent/scene/basins"
	"descent/scene/plot"
	"descent/shaders"
)

// Picture is a map's picture for the screen: one pixel per cell, in the
// palette of package basins, uploaded once per map.
type Picture struct {
	img *ebiten.Image
	m   *basins.Map
}

// Image returns m's picture (its top row the cells of largest y), made
// when m is new.
func (p *Picture) Image(m *basins.Map) *ebiten.Image {
	if m == nil {
		return nil
	}
	if m != p.m {
		if p.img == nil || p.img.Bounds().Dx() != m.N {
			if p.img != nil {
				p.img.Deallocate()
			}
			p.img = ebiten.NewImageWithOptions(image.Rect(0, 0, m.N, m.N), &ebiten.NewImageOptions{Unmanaged: true})
		}
		p.img.WritePixels(m.Image().Pix)
		p.m = m
	}
	return p.img
}

// Release frees the picture's image.
func (p *Picture) Release() {
	if p.img != nil {
		p.img.Deallocate()
	}
	*p = Picture{}
}

// Key is the basins view's key, a box in a corner of the map: whose basins
// they are, how the map was made and whether it is up to date, and a chip
// of each outcome's colour with the share of the starts that end there.
type Key struct {
	lines shaders.Lines
	texts []plot.Text
	box   plot.Rect
}

// KeyFrame is what the key shows.
type KeyFrame struct {
	// Plot is the map's plot area and Pane the pane around it: the key
	// goes beside the plot, on the right, when the pane has room there,
	// else under the plot's axis, else over the plot, else in the plot's
	// bottom left corner.
	Plot, Pane plot.Rect
	Style      plot.Style
	// Title names whose basins the map shows (e.g. "Basins of Adam lr=0.05");
	// "" leaves the line out (a grid cell's title names the run).
	Title string
	// Result is the refiner's map (or why there is none).
	Result Result
	// Avoid are pixels a key inside the plot should not cover (the minima's
	// marks, the runs' starts): of its four corners, it takes the first
	// (bottom left, bottom right, top left, top right) covering the least
	// weight.
	Avoid []Mark
}

// Mark is a pixel the key keeps clear of, and how much it matters.
type Mark struct {
	X, Y, Weight float64
}

// Box returns the key's box of the last Prepare (empty: none).
func (k *Key) Box() plot.Rect { return k.box }

// Texts returns the key's texts of the last Prepare.
func (k *Key) Texts() []plot.Text { return k.texts }

// Prepare lays the key out.
func (k *Key) Prepare(f KeyFrame) {
	k.lines.Reset()
	k.texts = k.texts[:0]
	k.box = plot.Rect{}
	st := f.Style
	s := st.Scale
	th := st.Theme
	small := plot.SmallSize * s
	pad := plot.Pad * s
	res := f.Result
	status := Status(res)
	var lines []string
	if f.Title != "" {
		lines = append(lines, f.Title)
	}
	if status != "" {
		lines = append(lines, status)
	}
	var chips []chip
	if m := res.Map; m != nil {
		sh := m.Shares()
		for i, v := range sh.Minima {
			chips = append(chips, chip{basins.MinimumColor(i), fmt.Sprintf("%d: %s", i, percent(v))})
		}
		if sh.None > 0 {
			chips = append(chips, chip{basins.NoneColor, "none " + percent(sh.None)})
		}
		if sh.Diverged > 0 {
			chips = append(chips, chip{basins.DivergedColor, "diverged " + percent(sh.Diverged)})
		}
	}
	_, lineH := st.MeasureText("Ag", small)
	lineH *= 1.35
	side := 0.8 * lineH
	var textW float64
	measureLines := func() {
		textW = 0
		for _, l := range lines {
			lw, _ := st.MeasureText(l, small)
			textW = math.Max(textW, lw)
		}
	}
	measureLines()
	chipW := make([]float64, len(chips))
	for i, c := range chips {
		cw, _ := st.MeasureText(c.text, small)
		chipW[i] = cw + side + pad/2
	}
	// flow lays the chips out for a box at most maxW wide and returns the
	// box's size: wider than maxW only when a line of text is (clamp
	// shortens the box to maxW anyway, the text then running past it).
	type placed struct{ x, row float64 }
	at := make([]placed, len(chips))
	flow := func(maxW float64, clamp bool) (bw, bh float64) {
		inner := maxW - 2*pad
		w := textW
		if clamp {
			w = math.Min(w, inner)
		}
		x, row := 0.0, 0.0
		for i := range chips {
			if x > 0 && x+chipW[i] > inner {
				x, row = 0, row+1
			}
			at[i] = placed{x, row}
			x += chipW[i] + pad
			w = math.Max(w, x-pad)
		}
		h := lineH * float64(len(lines))
		if len(chips) > 0 {
			h += lineH * (row + 1)
		}
		return w + 2*pad, h + 2*pad
	}
	axis := keyAxisRoom * s // the x axis's ticks and title under the plot
	title := keyTitleRoom * s
	pane, pl := f.Pane, f.Plot
	// outside places the box beside, under or over the plot.
	outside := func() (box plot.Rect, ok bool) {
		if bw, bh := flow(pane.X1-pl.X1-3*pad, false); pane.X1-pl.X1 >= bw+3*pad && pl.H() >= bh {
			// Beside the plot, on the right, its foot at the plot's foot.
			return plot.Rect{X0: pl.X1 + 2*pad, Y0: pl.Y1 - bh, X1: pl.X1 + 2*pad + bw, Y1: pl.Y1}, true
		}
		bw, bh := flow(pane.W()-2*pad, false)
		// From the plot's left edge, or further left when the pane's width
		// is needed.
		x := max(pane.X0+pad, min(pl.X0, pane.X1-pad-bw))
		switch {
		case pane.W() < bw+2*pad:
		case pane.Y1-pl.Y1-axis >= bh+pad: // under the plot's x axis
			return plot.Rect{X0: x, Y0: pl.Y1 + axis, X1: x + bw, Y1: pl.Y1 + axis + bh}, true
		case pl.Y0-pane.Y0-title >= bh+pad: // over the plot, clear of its y axis's title
			return plot.Rect{X0: x, Y0: pl.Y0 - title - bh, X1: x + bw, Y1: pl.Y0 - title}, true
		}
		return plot.Rect{}, false
	}
	box, ok := outside()
	if !ok && status != "" && res.Current && res.Full && res.Map != nil {
		// The plain status of a finished map is the first to go when the
		// key would cover the map.
		lines = lines[:len(lines)-1]
		measureLines()
		box, ok = outside()
	}
	if !ok {
		// In a corner of the plot, the one covering fewest of f.Avoid.
		bw, bh := flow(pl.W()-2*pad, true)
		if bw+2*pad > pl.W() || bh+2*pad > pl.H() {
			return // no room
		}
		margin := 2 * pad // a mark's half size, about
		best := -1.0
		for _, c := range [][2]bool{{false, true}, {true, true}, {false, false}, {true, false}} {
			b := plot.Rect{X0: pl.X0 + pad, Y0: pl.Y0 + pad, X1: pl.X0 + pad + bw, Y1: pl.Y0 + pad + bh}
			if c[0] { // right
				b.X0, b.X1 = pl.X1-pad-bw, pl.X1-pad
			}
			if c[1] { // bottom
				b.Y0, b.Y1 = pl.Y1-pad-bh, pl.Y1-pad
			}
			n := 0.0
			for _, a := range f.Avoid {
				if b.Inset(-margin, -margin, -margin, -margin).Contains(a.X, a.Y) {
					n += a.Weight
				}
			}
			if best < 0 || n < best {
				box, best = b, n
			}
		}
	}
	x0 := box.X0
	k.box = box
	bg := th.Panel
	a := float64(bg.A) / 255
	bg.A = 255
	plot.FillRect(&k.lines, box, bg, math.Max(a, 0.85))
	plot.OutlineRect(&k.lines, box, float32(st.LineW), shaders.RGBA(th.PaneGrid, 1))
	y := box.Y0 + pad + lineH/2
	for i, l := range lines {
		col := th.Text
		if i > 0 || f.Title == "" { // the status
			col = th.Muted
		}
		k.texts = append(k.texts, plot.Text{S: l, X: x0 + pad, Y: y, AY: 0.5, Size: small, Color: col})
		y += lineH
	}
	for i, c := range chips {
		cx, cy := x0+pad+at[i].x, y+at[i].row*lineH
		plot.FillRect(&k.lines, plot.Rect{X0: cx, Y0: cy - side/2, X1: cx + side, Y1: cy + side/2}, c.color, 1)
		k.texts = append(k.texts, plot.Text{S: c.text, X: cx + side + pad/2, Y: cy, AY: 0.5, Size: small, Color: th.Text})
	}
}

// keyAxisRoom is the room under a plot its x axis takes, keyTitleRoom the
// room over it the y axis's title takes (pixels at scale 1).
const (
	keyAxisRoom  = 42
	keyTitleRoom = 14
)

// percent writes a share as a whole percentage, "<1%" for a share that is
// not zero but rounds to it.
func percent(v float64) string {
	if v > 0 && v < 0.005 {
		return "<1%"
	}
	return fmt.Sprintf("%.0f%%", 100*v)
}

// chip is one outcome in the key.
type chip struct {
	color color.RGBA
	text  string
}

// Status says what the map shown is: "" for the full map of the newest
// request, else whether it is coarse, catching up with a sweep, being
// computed, or refused.
func Status(r Result) string {
	switch {
	case r.Map == nil && r.Err != nil:
		return "no map: " + r.Err.Error()
	case r.Map == nil && r.Working:
		return "computing the map..."
	case r.Map == nil:
		return ""
	case !r.Current:
		return fmt.Sprintf("showing %s, updating...", r.Request.Problem.Spec.Label())
	case !r.Full:
		return fmt.Sprintf("%d x %d starts, refining...", r.Map.N, r.Map.N)
	}
	return fmt.Sprintf("%d x %d starts, %d steps", r.Map.N, r.Map.N, r.Map.Steps)
}

// Draw draws the key the last Prepare laid out.
func (k *Key) Draw(dst *ebiten.Image, fonts *plot.Fonts) {
	if k.box.Empty() {
		return
	}
	_ = k.lines.Draw(dst)
	fonts.DrawAll(dst, k.texts)
}
