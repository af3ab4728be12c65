package basinplot

import (
	"cmp"
	"fmt"
	"image"
	"image/color"
	"math"
	"slices"

	"descent/scene/basins"
)

// legendItem is one entry of the legend: a swatch (or the steps ramp) and
// its label.
type legendItem struct {
	color color.RGBA
	ramp  bool // the brightness ramp, labelled with the steps at its ends
	label string
	steps int
}

// legendRow is a row of items, laid out left to right.
type legendRow []legendItem

// rampW is the width of the steps ramp.
const rampW = 110.0

// itemWidth returns the room item takes in a row.
func (it legendItem) width() float64 {
	w := swatch + 6 + textWidth(it.label, legendSize, false) + 18
	if it.ramp {
		w += rampW + 12 + textWidth(fmt.Sprint(it.steps), legendSize, false)
	}
	return w
}

// namedMinima is the most minima the legend names with their positions
// and the map labels with their indices; beyond it, the legend gives the
// indices alone and the shares line the largest shares.
const namedMinima = 9

// legendRows lays the legend of m out in rows no wider than width: a swatch
// per minimum with its position, "none" and "diverged" with their rules,
// and the ramp of brightness by steps to tolerance.
func legendRows(m *basins.Map, width float64) []legendRow {
	var items []legendItem
	for i, mn := range m.Minima {
		label := fmt.Sprintf("%d: minimum at (%s, %s)", i, formatValue(mn.X), formatValue(mn.Y))
		if len(m.Minima) > namedMinima {
			label = fmt.Sprint(i) // 'descent list minima' has the positions
		}
		items = append(items, legendItem{color: basins.MinimumColor(i), label: label})
	}
	tol := formatValue(m.Tol)
	items = append(items,
		legendItem{color: basins.NoneColor, label: "none: ends farther than " + tol + " from every minimum"},
		legendItem{color: basins.DivergedColor, label: "diverged"},
		legendItem{ramp: true, label: "steps to within " + tol + ":  0", steps: m.Steps})
	var rows []legendRow
	var row legendRow
	used := 0.0
	for _, it := range items {
		w := it.width()
		if len(row) > 0 && used+w > width {
			rows = append(rows, row)
			row, used = nil, 0
		}
		row = append(row, it)
		used += w
	}
	return append(rows, row)
}

// drawLegend draws the rows from y down.
func drawLegend(c *canvas, rows []legendRow, y float64) {
	for r, row := range rows {
		x := margin
		cy := y + (float64(r)+0.5)*legendRowH
		for _, it := range row {
			if it.ramp {
				x = drawRamp(c, it, x, cy)
				continue
			}
			drawSwatch(c, x, cy, it.color)
			c.textAt(it.label, x+swatch+6, cy, 0, 1, legendSize, false, textColor)
			x += it.width()
		}
	}
}

// drawRamp draws the label, then a bar from a fast start's colour to the
// slowest one's (in minimum 0's hue), then the number of steps.
func drawRamp(c *canvas, it legendItem, x, cy float64) float64 {
	c.textAt(it.label, x, cy, 0, 1, legendSize, false, textColor)
	x += textWidth(it.label, legendSize, false) + 6
	y0 := int(math.Round(cy - swatch/2))
	for i := range int(rampW) {
		s := int(math.Round(float64(i) / (rampW - 1) * float64(it.steps)))
		col := basins.Color(0, s, it.steps)
		c.fill(image.Rect(int(x)+i, y0, int(x)+i+1, y0+int(swatch)), col)
	}
	x += rampW + 6
	c.textAt(fmt.Sprint(it.steps), x, cy, 0, 1, legendSize, false, textColor)
	return x + textWidth(fmt.Sprint(it.steps), legendSize, false) + 18
}

// drawSwatch draws a framed square of col centred vertically on cy.
func drawSwatch(c *canvas, x, cy float64, col color.RGBA) {
	x0, y0 := int(math.Round(x)), int(math.Round(cy-swatch/2))
	c.fill(image.Rect(x0, y0, x0+int(swatch), y0+int(swatch)), edge)
	c.fill(image.Rect(x0+1, y0+1, x0+int(swatch)-1, y0+int(swatch)-1), col)
}

// sharesShown is how many minima's shares a crowded shares line names.
const sharesShown = 4

// drawShares writes the panel's share of starts per outcome from x, on as
// many lines (sharesLineH apart, the first centred on cy) as the room
// before right needs (two, with at most namedMinima minima or the largest
// sharesShown shares, unless the panel is very narrow).
func drawShares(c *canvas, m *basins.Map, x, cy, right float64) {
	sh := m.Shares()
	type entry struct {
		col   color.RGBA
		label string
	}
	var es []entry
	order := make([]int, len(sh.Minima))
	for i := range order {
		order[i] = i
	}
	other := 0.0
	if len(order) > namedMinima {
		// The largest shares, in index order, and the rest together.
		slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(sh.Minima[b], sh.Minima[a]) })
		for _, i := range order[sharesShown:] {
			other += sh.Minima[i]
		}
		order = order[:sharesShown]
		slices.Sort(order)
	}
	for _, i := range order {
		es = append(es, entry{basins.MinimumColor(i), fmt.Sprintf("%d: %.1f%%", i, 100*sh.Minima[i])})
	}
	if len(sh.Minima) > namedMinima {
		es = append(es, entry{background, fmt.Sprintf("%d others %.1f%%", len(sh.Minima)-sharesShown, 100*other)})
	}
	es = append(es, entry{basins.NoneColor, fmt.Sprintf("none %.1f%%", 100*sh.None)},
		entry{basins.DivergedColor, fmt.Sprintf("diverged %.1f%%", 100*sh.Diverged)})
	x0 := x
	for _, e := range es {
		w := swatch + 4 + textWidth(e.label, legendSize, false) + 12
		if x+w > right && x > x0 {
			x, cy = x0, cy+sharesLineH
		}
		drawSwatch(c, x, cy, e.col)
		c.textAt(e.label, x+swatch+4, cy, 0, 1, legendSize, false, textColor)
		x += w
	}
}
