package plot

import (
	"image"
	"image/color"
	"math"

	"github.com/hajimehoshi/ebiten/v2"
)

// Dots is a layer of many small soft points, the particles of a swarm: each
// is written into a pixel buffer on the CPU (Add, which calls no Ebiten
// function, so it can run anywhere), and the buffer's part that holds dots
// is uploaded and drawn in one call (Draw). Its cost grows with the dots
// only on the CPU, tens of nanoseconds each, not through the draw call: a
// hundred thousand dots cost the GPU what one picture costs. The dots are
// written row by row of the screen (a counting sort), so that the buffer,
// larger than the caches, is walked in order rather than at random.
type Dots struct {
	w, h    int
	pix     []byte          // premultiplied RGBA, row by row
	box     image.Rectangle // the pixels the dots cover
	n       int
	pending []dot   // added, not yet written into pix
	order   []int32 // pending, sorted by row
	counts  []int32 // dots per row, then where each row starts
	img     *ebiten.Image
	scratch []byte // the box's rows, contiguous, for the upload
}

// dot is one dot waiting to be written: its top left pixel, colour,
// opacity and size.
type dot struct {
	x0, y0 int32
	c      color.RGBA
	alpha  float32
	step   int32
}

// Reset empties the layer and sizes it to w x h pixels.
func (d *Dots) Reset(w, h int) {
	w, h = max(w, 0), max(h, 0)
	// Dots added but never drawn are dropped, not written: they were placed
	// for the old size, and the buffer is cleared anyway.
	d.pending = d.pending[:0]
	if w != d.w || h != d.h {
		d.w, d.h = w, h
		d.pix = make([]byte, 4*w*h)
		d.box = image.Rectangle{}
		if d.img != nil {
			d.img.Deallocate()
			d.img = nil
		}
	}
	for y := d.box.Min.Y; y < d.box.Max.Y; y++ {
		clear(d.pix[4*(y*d.w+d.box.Min.X) : 4*(y*d.w+d.box.Max.X)])
	}
	d.box = image.Rectangle{}
	d.n = 0
}

// Len returns the number of dots added since Reset.
func (d *Dots) Len() int { return d.n }

// Box returns the pixels the dots cover (empty when there are none).
func (d *Dots) Box() image.Rectangle { return d.box }

// At returns the premultiplied colour of pixel (x, y) of the layer.
func (d *Dots) At(x, y int) color.RGBA {
	d.flush()
	if x < 0 || y < 0 || x >= d.w || y >= d.h {
		return color.RGBA{}
	}
	k := 4 * (y*d.w + x)
	return color.RGBA{d.pix[k], d.pix[k+1], d.pix[k+2], d.pix[k+3]}
}

// dotKernel is a dot's coverage: the centre pixel, its four neighbours and
// the four corners, for a dot about two pixels across.
var dotKernel = [3][3]float32{{0.22, 0.6, 0.22}, {0.6, 1, 0.6}, {0.22, 0.6, 0.22}}

// Add puts a dot of colour c (opaque) at opacity alpha at pixel (x, y);
// big doubles its size (a high-resolution screen). Dots outside the layer
// are left out.
func (d *Dots) Add(x, y float32, c color.RGBA, alpha float32, big bool) {
	if !(alpha > 0) {
		return
	}
	step := 1
	if big {
		step = 2
	}
	cx, cy := int(math.Floor(float64(x))), int(math.Floor(float64(y)))
	x0, y0 := cx-step-step/2, cy-step-step/2
	if x0+3*step <= 0 || y0+3*step <= 0 || x0 >= d.w || y0 >= d.h {
		return
	}
	d.n++
	d.box = d.box.Union(image.Rect(max(x0, 0), max(y0, 0), min(x0+3*step, d.w), min(y0+3*step, d.h)))
	d.pending = append(d.pending, dot{x0: int32(x0), y0: int32(y0), c: c, alpha: min(alpha, 1), step: int32(step)})
}

// flush writes the pending dots into the buffer, row by row of the screen.
func (d *Dots) flush() {
	if len(d.pending) == 0 {
		return
	}
	if len(d.counts) != d.h+1 {
		d.counts = make([]int32, d.h+1)
	}
	clear(d.counts)
	row := func(p *dot) int { return max(0, int(p.y0)) }
	for i := range d.pending {
		d.counts[row(&d.pending[i])+1]++
	}
	for y := 1; y <= d.h; y++ {
		d.counts[y] += d.counts[y-1]
	}
	if cap(d.order) < len(d.pending) {
		d.order = make([]int32, len(d.pending))
	}
	d.order = d.order[:len(d.pending)]
	for i := range d.pending {
		y := row(&d.pending[i])
		d.order[d.counts[y]] = int32(i)
		d.counts[y]++
	}
	for _, i := range d.order {
		d.write(&d.pending[i])
	}
	d.pending = d.pending[:0]
}

// write composites one dot over the buffer, in fixed point (256 is
// opaque).
func (d *Dots) write(p *dot) {
	x0, y0, step := int(p.x0), int(p.y0), int(p.step)
	cr, cg, cb := uint32(p.c.R), uint32(p.c.G), uint32(p.c.B)
	for j := range 3 {
		for sy := range step {
			py := y0 + j*step + sy
			if py < 0 || py >= d.h {
				continue
			}
			row := d.pix[4*py*d.w : 4*(py+1)*d.w]
			for i := range 3 {
				a := uint32(p.alpha*dotKernel[j][i]*256 + 0.5)
				keep := 256 - a
				for sx := range step {
					px := x0 + i*step + sx
					if px < 0 || px >= d.w {
						continue
					}
					q := row[4*px : 4*px+4 : 4*px+4]
					q[0] = uint8((cr*a + uint32(q[0])*keep) >> 8)
					q[1] = uint8((cg*a + uint32(q[1])*keep) >> 8)
					q[2] = uint8((cb*a + uint32(q[2])*keep) >> 8)
					q[3] = uint8((255*a + uint32(q[3])*keep) >> 8)
				}
			}
		}
	}
}

// Draw uploads the part of the layer that holds dots and draws it on dst
// with the layer's top left corner at (x0, y0).
func (d *Dots) Draw(dst *ebiten.Image, x0, y0 float64) {
	d.flush()
	b := d.box
	if b.Empty() {
		return
	}
	if d.img == nil {
		d.img = ebiten.NewImageWithOptions(image.Rect(0, 0, d.w, d.h), &ebiten.NewImageOptions{Unmanaged: true})
	}
	rowBytes := 4 * b.Dx()
	if cap(d.scratch) < rowBytes*b.Dy() {
		d.scratch = make([]byte, rowBytes*b.Dy())
	}
	buf := d.scratch[:rowBytes*b.Dy()]
	for y := b.Min.Y; y < b.Max.Y; y++ {
		copy(buf[(y-b.Min.Y)*rowBytes:], d.pix[4*(y*d.w+b.Min.X):4*(y*d.w+b.Max.X)])
	}
	sub := d.img.SubImage(b).(*ebiten.Image)
	sub.WritePixels(buf)
	op := &ebiten.DrawImageOptions{}
	op.GeoM.Translate(x0+float64(b.Min.X), y0+float64(b.Min.Y))
	dst.DrawImage(sub, op)
}
