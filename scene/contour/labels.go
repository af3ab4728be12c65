package contour

import (
	"cmp"
	"math"
	"slices"
	"sort"
)

// LabeledLine is an iso-line to label: its polyline in domain coordinates,
// the level it belongs to (labels are counted and spaced per level) and the
// text to write on it, usually LevelText of the level.
type LabeledLine struct {
	Level int
	Text  string
	Line  Polyline
}

// LabelOptions tune PlaceLabels. The zero value of every field but Viewport
// picks a sensible default.
type LabelOptions struct {
	// Viewport is the screen rectangle labels must lie in (padding
	// included), in pixels.
	Viewport Rect
	// PerLevel is the most labels per level; 0 means 2.
	PerLevel int
	// Padding is the clear space around the text, in pixels: kept free of
	// other labels and of the line (the gap is the text width plus twice
	// the padding). 0 means a fifth of the text height; negative means none.
	Padding float64
	// MaxBend is how far, as a fraction of the text height, the line may
	// stray from the straight baseline under a label; 0 means 0.25.
	MaxBend float64
	// MinSpacing is the least distance in pixels between the centres of two
	// labels of the same level; 0 means a quarter of the viewport's shorter
	// side.
	MinSpacing float64
	// Avoid lists screen rectangles labels must not cover (a legend, a
	// panel).
	Avoid []Rect
}

// Label is a placed label: draw Text of size W x H centred at (X, Y) and
// rotated by Angle, that is translate by (-W/2, -H/2), rotate by Angle and
// translate by (X, Y) (Ebiten's GeoM order), and leave the arc-length
// interval Gap of the line blank.
type Label struct {
	Text  string
	Level int
	// Line is the index of the labelled line in PlaceLabels' input.
	Line int
	// X, Y is the centre of the text on the screen; it lies on the line.
	X, Y float64
	// Angle is the text's rotation in radians, in [-Pi/2, Pi/2), so the
	// text never reads upside down (screen y points down, so a positive
	// angle turns clockwise as seen).
	Angle float64
	// W, H is the text's size as measured.
	W, H float64
	// Pad is the padding kept around the text.
	Pad float64
	// Gap is the arc-length interval, in pixels along
	// Project(line, project), to leave out of the line under the label
	// (see Cut).
	Gap [2]float64
}

// Corners returns the label's rectangle with its padding, as four screen
// points in order around it.
func (l Label) Corners() [4]Point2 {
	return box{l.X, l.Y, l.Angle, l.W/2 + l.Pad, l.H/2 + l.Pad}.corners()
}

// PlaceLabels chooses where to write the level values on the lines: at most
// opts.PerLevel labels per level, each on a stretch of the projected line
// that is long and straight enough for the text (the line strays from the
// text's baseline by at most MaxBend text heights), rotated along the line,
// inside the viewport, clear of opts.Avoid and never overlapping another
// label (rotated rectangles, padding included). Lines shorter than twice
// the text's width get no label. Candidates are ranked by straightness and
// by closeness to the middle of their line; levels take turns, so each gets
// its first label before any gets a second.
//
// project maps domain points to the screen (as for Project) and measure
// gives a text's width and height in pixels. PlaceLabels returns nil when
// either is nil or the viewport is empty.
func PlaceLabels(lines []LabeledLine, project func(Point) (sx, sy float64), measure func(text string) (w, h float64), opts LabelOptions) []Label {
	vp := opts.Viewport
	if project == nil || measure == nil || !(vp.MaxX > vp.MinX) || !(vp.MaxY > vp.MinY) {
		return nil
	}
	perLevel := opts.PerLevel
	if perLevel <= 0 {
		perLevel = 2
	}
	bend := opts.MaxBend
	if !(bend > 0) {
		bend = 0.25
	}
	spacing := opts.MinSpacing
	if !(spacing > 0) {
		spacing = math.Min(vp.MaxX-vp.MinX, vp.MaxY-vp.MinY) / 4
	}

	type textSize struct{ w, h, pad float64 }
	sizes := make([]textSize, len(lines))
	byLevel := map[int][]candidate{}
	for li, ll := range lines {
		w, h := measure(ll.Text)
		if !(w > 0) || !(h > 0) || !finite(w) || !finite(h) {
			continue
		}
		pad := opts.Padding
		if pad == 0 {
			pad = h / 5
		}
		pad = math.Max(pad, 0)
		sizes[li] = textSize{w, h, pad}
		before := len(byLevel[ll.Level])
		byLevel[ll.Level] = appendCandidates(byLevel[ll.Level], Project(ll.Line, project), w, h, pad, bend*h, vp)
		for k := before; k < len(byLevel[ll.Level]); k++ {
			byLevel[ll.Level][k].line = int32(li)
		}
	}
	levels := make([]int, 0, len(byLevel))
	for k, cs := range byLevel {
		levels = append(levels, k)
		slices.SortStableFunc(cs, func(a, b candidate) int { return cmp.Compare(a.score, b.score) })
	}
	slices.Sort(levels)

	var placed []Label
	var boxes []box
	avoid := make([]box, len(opts.Avoid))
	for i, r := range opts.Avoid {
		avoid[i] = box{(r.MinX + r.MaxX) / 2, (r.MinY + r.MaxY) / 2, 0, math.Abs(r.MaxX-r.MinX) / 2, math.Abs(r.MaxY-r.MinY) / 2}
	}
	next := make(map[int]int, len(levels)) // next candidate to try per level
	for round := 0; round < perLevel; round++ {
		for _, lv := range levels {
			cs := byLevel[lv]
		search:
			for ; next[lv] < len(cs); next[lv]++ {
				c := cs[next[lv]]
				sz := sizes[c.line]
				b := box{c.x, c.y, c.angle, sz.w/2 + sz.pad, sz.h/2 + sz.pad}
				for _, o := range placed {
					if o.Level == lv && math.Hypot(o.X-c.x, o.Y-c.y) < spacing {
						continue search
					}
				}
				for _, o := range boxes {
					if b.overlaps(o) {
						continue search
					}
				}
				for _, o := range avoid {
					if b.overlaps(o) {
						continue search
					}
				}
				ll := lines[c.line]
				placed = append(placed, Label{Text: ll.Text, Level: ll.Level, Line: int(c.line),
					X: c.x, Y: c.y, Angle: c.angle, W: sz.w, H: sz.h, Pad: sz.pad, Gap: [2]float64{c.a, c.b}})
				boxes = append(boxes, b)
				next[lv]++
				break
			}
		}
	}
	return placed
}

// candidate is a possible label position on line, with its rank (lower
// is better).
type candidate struct {
	x, y, angle, a, b, score float64
	line                     int32
}

// appendCandidates appends the label positions along a screen polyline for
// text of size w x h that fit in the viewport: centres every quarter text
// width where the line stays within maxDev of the chord spanning the gap.
func appendCandidates(out []candidate, pl []Point2, w, h, pad, maxDev float64, vp Rect) []candidate {
	if len(pl) < 2 {
		return out
	}
	// Arc length at each point; a non-finite point marks a break.
	s := make([]float64, len(pl))
	broken := make([]bool, len(pl))
	broken[0] = !finite2(pl[0])
	for i := 1; i < len(pl); i++ {
		s[i] = s[i-1]
		if finite2(pl[i-1]) && finite2(pl[i]) {
			s[i] += math.Hypot(pl[i].X-pl[i-1].X, pl[i].Y-pl[i-1].Y)
		}
		broken[i] = !finite2(pl[i])
	}
	total := s[len(s)-1]
	span := w + 2*pad
	if total < 2*w || total < span {
		return out
	}
	at := func(a float64) Point2 {
		i := sort.SearchFloat64s(s, a) // first s[i] >= a
		if i <= 0 {
			return pl[0]
		}
		if i >= len(s) {
			return pl[len(pl)-1]
		}
		d := s[i] - s[i-1]
		if d == 0 {
			return pl[i]
		}
		return along(pl[i-1], pl[i], (a-s[i-1])/d)
	}
	// A label's centre is at least its half height plus padding inside
	// the viewport.
	margin := h/2 + pad
	step := math.Max(span/4, 1)
	for sc := span / 2; sc <= total-span/2; sc += step {
		C := at(sc)
		if C.X < vp.MinX+margin || C.X > vp.MaxX-margin || C.Y < vp.MinY+margin || C.Y > vp.MaxY-margin {
			continue
		}
		a, b := sc-span/2, sc+span/2
		i0 := sort.SearchFloat64s(s, a)
		i1 := sort.SearchFloat64s(s, b)
		ok := true
		for i := max(i0-1, 0); i <= min(i1, len(pl)-1); i++ {
			if broken[i] {
				ok = false
				break
			}
		}
		if !ok {
			continue
		}
		A, B := at(a), at(b)
		dx, dy := B.X-A.X, B.Y-A.Y
		chord := math.Hypot(dx, dy)
		if chord < 0.9*span {
			continue
		}
		dev := func(p Point2) float64 { return math.Abs((p.X-A.X)*dy-(p.Y-A.Y)*dx) / chord }
		worst := dev(C)
		for i := i0; i < len(s) && s[i] < b && worst <= maxDev; i++ {
			worst = math.Max(worst, dev(pl[i]))
		}
		if worst > maxDev {
			continue
		}
		angle := math.Atan2(dy, dx)
		if angle >= math.Pi/2 {
			angle -= math.Pi
		} else if angle < -math.Pi/2 {
			angle += math.Pi
		}
		if !inside(box{C.X, C.Y, angle, w/2 + pad, h/2 + pad}, vp) {
			continue
		}
		out = append(out, candidate{
			x: C.X, y: C.Y, angle: angle, a: a, b: b,
			score: worst/h + 0.5*math.Abs(sc-total/2)/total,
		})
	}
	return out
}

// inside reports whether a rectangle lies in the viewport.
func inside(b box, vp Rect) bool {
	for _, p := range b.corners() {
		if p.X < vp.MinX || p.X > vp.MaxX || p.Y < vp.MinY || p.Y > vp.MaxY {
			return false
		}
	}
	return true
}

// box is a rotated rectangle: centre, angle and half extents along its own
// axes.
type box struct {
	x, y, angle, hw, hh float64
}

func (b box) corners() [4]Point2 {
	c, s := math.Cos(b.angle), math.Sin(b.angle)
	ux, uy := c*b.hw, s*b.hw  // half width along the text
	vx, vy := -s*b.hh, c*b.hh // half height across it
	return [4]Point2{
		{b.x - ux - vx, b.y - uy - vy},
		{b.x + ux - vx, b.y + uy - vy},
		{b.x + ux + vx, b.y + uy + vy},
		{b.x - ux + vx, b.y - uy + vy},
	}
}

// overlaps reports whether two rotated rectangles share interior, by the
// separating axis test on their four edge directions (touching is not
// overlapping).
func (b box) overlaps(o box) bool {
	dx, dy := o.x-b.x, o.y-b.y
	cb, sb := math.Cos(b.angle), math.Sin(b.angle)
	co, so := math.Cos(o.angle), math.Sin(o.angle)
	for _, ax := range [4][2]float64{{cb, sb}, {-sb, cb}, {co, so}, {-so, co}} {
		d := math.Abs(dx*ax[0] + dy*ax[1])
		rb := b.hw*math.Abs(cb*ax[0]+sb*ax[1]) + b.hh*math.Abs(-sb*ax[0]+cb*ax[1])
		ro := o.hw*math.Abs(co*ax[0]+so*ax[1]) + o.hh*math.Abs(-so*ax[0]+co*ax[1])
		if d >= rb+ro {
			return false
		}
	}
	return true
}
