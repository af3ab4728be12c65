package plot

import (
	"math"

	"descent/shaders"
)

// Stroke is the pattern a Pen draws lines in.
type Stroke uint8

const (
	// Solid is an unbroken line.
	Solid Stroke = iota
	// Dashed is dashes of length On with gaps of length Off.
	Dashed
	// Dotted is round dots of diameter Width, Off apart (centre to centre).
	Dotted
)

// Pen draws a line piece by piece in one pattern, the pattern running on
// from each piece to the next (a line draped over a surface is many short
// pieces, each with its own visibility). The zero value with Width set
// draws solid lines.
type Pen struct {
	Stroke Stroke
	// Width is the line's width in pixels (the dots' diameter).
	Width float64
	// On and Off are the dash and gap lengths in pixels (Dotted uses Off as
	// the spacing of the dots).
	On, Off float64
	phase   float64 // distance drawn since the pattern started
}

// Reset starts the pattern afresh (at the start of a dash, or with a dot).
func (p *Pen) Reset() { p.phase = 0 }

// Segment adds the piece of line from (ax, ay) to (bx, by) to l in colour c.
func (p *Pen) Segment(l *shaders.Lines, ax, ay, bx, by float64, c shaders.Color) {
	dx, dy := bx-ax, by-ay
	n := math.Hypot(dx, dy)
	if !(n > 0) || math.IsInf(n, 0) {
		return
	}
	w := float32(p.Width)
	switch p.Stroke {
	case Dashed:
		period := p.On + p.Off
		if !(p.On > 0) || !(period > 0) {
			l.Segment(float32(ax), float32(ay), float32(bx), float32(by), w, c)
			break
		}
		for t := 0.0; t < n; {
			ph := math.Mod(p.phase+t, period)
			if ph < p.On { // inside a dash: draw to its end or the piece's
				e := math.Min(n, t+p.On-ph)
				l.Segment(float32(ax+dx*t/n), float32(ay+dy*t/n), float32(ax+dx*e/n), float32(ay+dy*e/n), w, c)
				t = e
			} else {
				t += period - ph
			}
		}
	case Dotted:
		if !(p.Off > 0) {
			l.Segment(float32(ax), float32(ay), float32(bx), float32(by), w, c)
			break
		}
		// Dots sit where the running distance is a multiple of Off.
		first := math.Ceil(p.phase/p.Off)*p.Off - p.phase
		for t := first; t < n; t += p.Off {
			l.Disc(float32(ax+dx*t/n), float32(ay+dy*t/n), w/2, c)
		}
	default:
		l.Segment(float32(ax), float32(ay), float32(bx), float32(by), w, c)
	}
	p.phase += n
}

// Skip moves the pattern on by n pixels without drawing (a hidden piece).
func (p *Pen) Skip(n float64) {
	if n > 0 && !math.IsInf(n, 0) {
		p.phase += n
	}
}

// Line draws the whole line from (ax, ay) to (bx, by) in the pen's pattern,
// starting it afresh.
func (p *Pen) Line(l *shaders.Lines, ax, ay, bx, by float64, c shaders.Color) {
	p.Reset()
	p.Segment(l, ax, ay, bx, by, c)
}

// Head is the shape of an arrow's head.
type Head uint8

const (
	// FilledHead is a filled triangle.
	FilledHead Head = iota
	// OpenHead is two strokes, a chevron.
	OpenHead
)

// ArrowHead adds a head of the given length with its tip at (x, y),
// pointing along the unit vector (ux, uy). width is the chevron's stroke
// (OpenHead), or the stroke along a filled head's edges (FilledHead: 1
// smooths them; wider grows the head by half of it all round, a halo).
func ArrowHead(l *shaders.Lines, x, y, ux, uy, length, width float64, h Head, c shaders.Color) {
	if !(length > 0) {
		return
	}
	bx, by := x-ux*length, y-uy*length
	hw := length * 0.45
	px, py := -uy*hw, ux*hw
	if h == OpenHead {
		// The strokes end a half width short of the tip, so that their round
		// caps meet at it.
		l.Segment(float32(x), float32(y), float32(bx+px), float32(by+py), float32(width), c)
		l.Segment(float32(x), float32(y), float32(bx-px), float32(by-py), float32(width), c)
		return
	}
	tri := [][2]float32{{float32(x), float32(y)}, {float32(bx + px), float32(by + py)}, {float32(bx - px), float32(by - py)}}
	l.Polygon(tri, c)
	// Anti-aliased edges.
	for k := range 3 {
		a, b := tri[k], tri[(k+1)%3]
		l.Segment(a[0], a[1], b[0], b[1], float32(max(width, 1)), c)
	}
}

// StyledArrow adds an arrow from (ax, ay) to (bx, by): its shaft in the
// pen's pattern, stopping where the head begins, and a head of the given
// length (at most 45% of the arrow). Arrows shorter than a pixel are left
// out. It returns whether it drew anything.
func StyledArrow(l *shaders.Lines, pen *Pen, ax, ay, bx, by, head float64, h Head, c shaders.Color) bool {
	dx, dy := bx-ax, by-ay
	n := math.Hypot(dx, dy)
	if !(n >= 1) || math.IsInf(n, 0) {
		return false
	}
	head = math.Min(head, n*0.45)
	ux, uy := dx/n, dy/n
	back, edge := head*0.8, 1.0
	if h == OpenHead {
		back, edge = pen.Width/2, pen.Width
	}
	pen.Line(l, ax, ay, bx-ux*back, by-uy*back, c)
	ArrowHead(l, bx, by, ux, uy, head, edge, h, c)
	return true
}

// Nabla adds the nabla sign ∇ (which the Go fonts lack) as strokes: an
// inverted triangle of height h and width 0.9h whose top left corner is at
// (x, y), its left side drawn heavier as in print.
func Nabla(l *shaders.Lines, x, y, h, width float64, c shaders.Color) {
	w := 0.9 * h
	inset := width / 2
	x0, x1, y0 := float32(x+inset), float32(x+w-inset), float32(y+inset)
	mx, y1 := float32(x+w/2), float32(y+h-inset)
	lw := float32(width)
	l.Segment(x0, y0, x1, y0, lw, c)
	l.Segment(x1, y0, mx, y1, lw, c)
	l.Segment(x0, y0, mx, y1, lw*1.7, c)
}
