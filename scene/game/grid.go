package game

import (
	"fmt"
	"math"
	"strings"

	"github.com/hajimehoshi/ebiten/v2"

	"descent/scene/hud"
	"descent/scene/plot"
	"descent/shaders"
)

// The grid layout: one pane per run, each titled with the run's label and
// loss, all showing the same view from the same camera or with the same
// axes, so that the runs compare side by side without covering each other.

// Geometry of the grid in pixels at scale 1.
const (
	cellGap   = 10 // between neighbouring cells
	cellTitle = 26 // a cell's title strip
	cellFoot  = 22 // a cell's swarm line, under its view
)

// gridAspect is the width-to-height ratio a cell's view looks best at: the
// 3-D box is wider than tall, a contour map keeps its domain's shape, a
// curve is wide.
func (g *Game) gridAspect() float64 {
	switch {
	case g.kind != viewFlat:
		return 1.3
	case g.surf.Dim == 1:
		return 1.6
	default:
		d := g.surf.Domain
		if d.YMax > d.YMin && d.XMax > d.XMin {
			return math.Max(0.5, math.Min(2, (d.XMax-d.XMin)/(d.YMax-d.YMin)))
		}
		return 1
	}
}

// gridCells splits area into n cells of equal size in the arrangement of
// columns and rows that gives each cell the largest view of the given
// aspect (cells in reading order, the last row possibly short).
func gridCells(n int, area plot.Rect, aspect float64) []plot.Rect {
	best, bestCols := -1.0, 1
	for cols := 1; cols <= n; cols++ {
		rows := (n + cols - 1) / cols
		w, h := area.W()/float64(cols), area.H()/float64(rows)
		// The largest view of this aspect that fits in a cell.
		if size := math.Min(w, h*aspect); size > best {
			best, bestCols = size, cols
		}
	}
	cols := bestCols
	rows := (n + cols - 1) / cols
	w, h := area.W()/float64(cols), area.H()/float64(rows)
	cells := make([]plot.Rect, n)
	for i := range cells {
		c, r := i%cols, i/cols
		x0, y0 := area.X0+float64(c)*w, area.Y0+float64(r)*h
		cells[i] = plot.Rect{X0: math.Round(x0), Y0: math.Round(y0), X1: math.Round(x0 + w), Y1: math.Round(y0 + h)}
	}
	return cells
}

// placeCells fits the grid's cells between the window's title and status
// and its hint line, with gaps between them, and sizes their views.
func (g *Game) placeCells(p *panes, st plot.Style) {
	s := st.Scale
	top := p.top
	if g.hudShown {
		top = math.Max(top, hud.StatusBottom(s))
	}
	area := plot.Rect{X0: plot.Margin * s, Y0: top, X1: g.width - plot.Margin*s, Y1: g.height - math.Max(hud.HintHeight(s), g.timelineRoom())}
	gap := cellGap * s
	p.cells = gridCells(len(p.cells), area, g.gridAspect())
	for i, c := range p.cells {
		p.cells[i] = c.Inset(gap/2, gap/2, gap/2, gap/2)
	}
	p.cellTitle = math.Round(cellTitle * s)
	c := p.cells[0]
	p.cellFoot = 0
	if g.hasSwarms() {
		p.cellFoot = math.Round(cellFoot * s)
	}
	p.cellSize = plot.Rect{X1: math.Max(1, c.W()), Y1: math.Max(1, c.H()-p.cellTitle-p.cellFoot)}
}

// gridFlat reports whether the grid shows the flat view (else the 3-D one).
func (g *Game) gridFlat() bool { return g.kind != view3D }

// drawGrid draws the grid's cells: the view of each run into an offscreen
// image of a cell's size, copied into place under the cell's title. The
// 3-D surface is drawn once and copied into every cell under its run's
// trail; a flat view draws each run's path over the same cached map.
func (g *Game) drawGrid(dst *ebiten.Image, st plot.Style) {
	p := &g.panes
	size := p.cellSize
	w, h := int(size.W()), int(size.H())
	if g.cellImg == nil || g.cellImg.Bounds().Dx() != w || g.cellImg.Bounds().Dy() != h {
		if g.cellImg != nil {
			g.cellImg.Deallocate()
			g.surfImg.Deallocate()
		}
		g.cellImg = ebiten.NewImage(w, h)
		g.surfImg = ebiten.NewImage(w, h)
	}
	flat := g.gridFlat()
	if !flat {
		g.surfImg.Fill(g.theme.Background)
		g.view.DrawSurface(g.surfImg, g.cam, g.colormapImage(), g.fonts, st.LineW)
	}
	for i := range p.cells {
		if flat {
			g.cellImg.Fill(g.theme.Background)
			g.prepareFlat(st, i)
			g.drawFlat(g.cellImg)
			g.drawCellKey(g.cellImg, st, i)
		} else {
			g.cellImg.Clear()
			g.cellImg.DrawImage(g.surfImg, nil)
			g.view.DrawSwarm(g.cellImg, i)
			g.view.DrawTrail(g.cellImg, i)
		}
		op := &ebiten.DrawImageOptions{}
		v := p.cellView(i)
		op.GeoM.Translate(v.X0, v.Y0)
		dst.DrawImage(g.cellImg, op)
		g.drawCellTitle(dst, st, i)
		g.drawCellSwarm(dst, st, i)
	}
}

// drawCellSwarm writes cell i's swarm line under its view: how many
// particles, then a chip per outcome with the share of the particles
// there so far (the legend's line, which the grid does not show).
func (g *Game) drawCellSwarm(dst *ebiten.Image, st plot.Style, i int) {
	p := &g.panes
	if p.cellFoot == 0 {
		return
	}
	var r hud.Run
	g.swarmLegend(i, &r)
	if r.SwarmNote == "" {
		return
	}
	c := p.cells[i]
	s := st.Scale
	small := plot.SmallSize * s
	y := c.Y1 - p.cellFoot/2
	x := c.X0 + plot.Pad*s
	chip := 4.5 * s
	pw, _ := st.MeasureText("100%", small)
	// The note shortens to the count, then goes, for the chips' room.
	need := float64(len(r.Swarm)) * (2.5*chip + pw + plot.Pad*s/2)
	note := r.SwarmNote
	for _, n := range []string{r.SwarmNote, strings.Fields(r.SwarmNote)[0], ""} {
		note = n
		if w, _ := st.MeasureText(n, small); x+w+plot.Pad*s+need <= c.X1 {
			break
		}
	}
	var texts []plot.Text
	if note != "" {
		texts = append(texts, plot.Text{S: note, X: x, Y: y, AY: 0.5, Size: small, Color: g.theme.Muted})
		w, _ := st.MeasureText(note, small)
		x += w + plot.Pad*s
	}
	var l shaders.Lines
	for _, sh := range r.Swarm {
		if x+2.5*chip+pw > c.X1 {
			break // no room for more
		}
		plot.FillRect(&l, plot.Rect{X0: x, Y0: y - chip, X1: x + 2*chip, Y1: y + chip}, sh.Color, 1)
		x += 2.5 * chip
		texts = append(texts, plot.Text{S: hud.Percent(sh.Value), X: x, Y: y, AY: 0.5, Size: small, Color: g.theme.Text})
		x += pw + plot.Pad*s/2
	}
	_ = l.Draw(dst)
	g.fonts.DrawAll(dst, texts)
}

// hasSwarms reports whether some run has a swarm.
func (g *Game) hasSwarms() bool {
	for _, rs := range g.swarms.runs {
		if rs != nil {
			return true
		}
	}
	return false
}

// drawCellTitle writes cell i's title: a swatch of the run's colour, its
// label and its loss (or where it diverged), and frames the cell.
func (g *Game) drawCellTitle(dst *ebiten.Image, st plot.Style, i int) {
	p := &g.panes
	c := p.cells[i]
	e := g.entries[i]
	s := st.Scale
	var l shaders.Lines
	plot.OutlineRect(&l, c, float32(st.LineW), shaders.RGBA(g.theme.PaneGrid, 1))
	col, txt := e.color, g.theme.Text
	info := "loss " + plot.FormatValue(e.run.Loss())
	if at := e.run.DivergedAt(); at > 0 {
		col, txt = g.theme.Grey, g.theme.Muted
		info = fmt.Sprintf("diverged at step %d", at)
	}
	y := c.Y0 + p.cellTitle/2
	x := c.X0 + plot.Pad*s
	l.Segment(float32(x), float32(y), float32(x+swatchWidth*s), float32(y), float32(2.6*st.LineW), shaders.RGBA(col, 1))
	_ = l.Draw(dst)
	g.fonts.Draw(dst, plot.Text{S: e.label, X: x + (swatchWidth+8)*s, Y: y, AY: 0.5, Size: -plot.TextSize * s, Color: txt})
	g.fonts.Draw(dst, plot.Text{S: info, X: c.X1 - plot.Pad*s, Y: y, AX: 1, AY: 0.5, Size: plot.SmallSize * s, Color: g.theme.Muted})
}

// swatchWidth is the width of the colour swatch in a cell's title (pixels
// at scale 1).
const swatchWidth = 22
