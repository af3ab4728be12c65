package record

import (
	"cmp"
	"image"
	"image/color"
	"runtime"
	"slices"
	"sync"
)

// Colours are counted and looked up at 6 bits per channel: 64^3 = 262144
// cells, each the key r>>2<<12 | g>>2<<6 | b>>2. The histogram keeps exact
// sums per cell, so palette colours are exact means of the pixels they stand
// for; the lookup table maps each cell to the palette colour nearest its centre.
const (
	cellBits  = 6
	cellShift = 8 - cellBits
	cellSide  = 1 << cellBits
	cellCount = cellSide * cellSide * cellSide
)

func cellKey(r, g, b uint8) int {
	return int(r>>cellShift)<<(2*cellBits) | int(g>>cellShift)<<cellBits | int(b>>cellShift)
}

// histogram counts pixels per colour cell, with the sums of their channels.
type histogram struct {
	n          []uint32
	sr, sg, sb []uint64
}

func newHistogram() *histogram {
	return &histogram{
		n:  make([]uint32, cellCount),
		sr: make([]uint64, cellCount),
		sg: make([]uint64, cellCount),
		sb: make([]uint64, cellCount),
	}
}

// add counts every pixel of img.
func (h *histogram) add(img *image.RGBA) {
	b := img.Bounds()
	for y := 0; y < b.Dy(); y++ {
		row := rowBytes(img, y)
		for i := 0; i+3 < len(row); i += 4 {
			r, g, bl := row[i], row[i+1], row[i+2]
			k := cellKey(r, g, bl)
			h.n[k]++
			h.sr[k] += uint64(r)
			h.sg[k] += uint64(g)
			h.sb[k] += uint64(bl)
		}
	}
}

// colourBin is one non-empty histogram cell: its pixel count and mean colour.
type colourBin struct {
	key int
	n   float64
	c   [3]float64
}

// box is a run of bins (bins[lo:hi]) that becomes one palette colour.
type box struct {
	lo, hi int
	sse    float64 // squared error of the bins around their weighted mean
	mean   [3]float64
}

// medianCut builds a palette of at most maxColours colours from h: start with
// one box holding every colour; repeatedly take the box with the largest
// squared error, sort its colours along the channel where they spread most
// (weighted variance) and cut it where the two halves' summed squared error
// is least. (Classic median cut cuts at the median pixel; cutting at the
// least-error point keeps rare but distinct colours, such as a thin
// trajectory line, from being swallowed by large flat areas.) Each box's
// colour is the exact mean of its pixels. The result is deterministic: ties
// are broken by cell key and by box order.
func medianCut(h *histogram, maxColours int) color.Palette {
	var bins []colourBin
	for k, n := range h.n {
		if n == 0 {
			continue
		}
		fn := float64(n)
		bins = append(bins, colourBin{key: k, n: fn, c: [3]float64{
			float64(h.sr[k]) / fn, float64(h.sg[k]) / fn, float64(h.sb[k]) / fn,
		}})
	}
	if len(bins) == 0 {
		return color.Palette{color.RGBA{0, 0, 0, 255}}
	}
	boxes := []box{statBox(bins, 0, len(bins))}
	for len(boxes) < maxColours {
		best := -1
		for i, bx := range boxes {
			if bx.hi-bx.lo > 1 && bx.sse > 0 && (best < 0 || bx.sse > boxes[best].sse) {
				best = i
			}
		}
		if best < 0 {
			break
		}
		a, b := splitBox(bins, boxes[best])
		boxes[best] = a
		boxes = append(boxes, b)
	}
	pal := make(color.Palette, len(boxes))
	for i, bx := range boxes {
		pal[i] = color.RGBA{round8(bx.mean[0]), round8(bx.mean[1]), round8(bx.mean[2]), 255}
	}
	return pal
}

func round8(v float64) uint8 {
	switch {
	case v <= 0:
		return 0
	case v >= 255:
		return 255
	}
	return uint8(v + 0.5)
}

// statBox computes the weighted mean and squared error of bins[lo:hi].
func statBox(bins []colourBin, lo, hi int) box {
	var n float64
	var s, q [3]float64
	for _, bn := range bins[lo:hi] {
		n += bn.n
		for c := range 3 {
			s[c] += bn.n * bn.c[c]
			q[c] += bn.n * bn.c[c] * bn.c[c]
		}
	}
	bx := box{lo: lo, hi: hi}
	for c := range 3 {
		bx.mean[c] = s[c] / n
		bx.sse += q[c] - s[c]*s[c]/n
	}
	bx.sse = max(bx.sse, 0)
	return bx
}

// splitBox cuts bx in two along its widest channel at the least-error point.
func splitBox(bins []colourBin, bx box) (box, box) {
	part := bins[bx.lo:bx.hi]
	var n float64
	var s, q [3]float64
	for _, bn := range part {
		n += bn.n
		for c := range 3 {
			s[c] += bn.n * bn.c[c]
			q[c] += bn.n * bn.c[c] * bn.c[c]
		}
	}
	axis, spread := 0, -1.0
	for c := range 3 {
		if v := q[c] - s[c]*s[c]/n; v > spread {
			axis, spread = c, v
		}
	}
	slices.SortFunc(part, func(a, b colourBin) int {
		if c := cmp.Compare(a.c[axis], b.c[axis]); c != 0 {
			return c
		}
		return cmp.Compare(a.key, b.key)
	})
	// Prefix sums over the sorted bins; the cut after index i leaves part[:i+1] left.
	var ln float64
	var ls, lq [3]float64
	cut, bestErr := 1, -1.0
	for i := 0; i < len(part)-1; i++ {
		bn := part[i]
		ln += bn.n
		for c := range 3 {
			ls[c] += bn.n * bn.c[c]
			lq[c] += bn.n * bn.c[c] * bn.c[c]
		}
		if part[i+1].c[axis] == bn.c[axis] {
			continue // never separate equal values along the axis: cut between distinct ones
		}
		rn := n - ln
		var e float64
		for c := range 3 {
			rs, rq := s[c]-ls[c], q[c]-lq[c]
			e += lq[c] - ls[c]*ls[c]/ln + rq - rs*rs/rn
		}
		if bestErr < 0 || e < bestErr {
			cut, bestErr = i+1, e
		}
	}
	return statBox(bins, bx.lo, bx.lo+cut), statBox(bins, bx.lo+cut, bx.hi)
}

// buildLUT maps every colour cell to the index of the palette colour nearest
// (squared RGB distance) to the cell's centre, ties to the lower index. It
// uses a locally sorted search (Heckbert): for each block of 4x4x4 cells,
// only colours that can be nearest to some point of the block are tried,
// nearest first, stopping when the rest are provably farther. The work is
// split over the available cores.
func buildLUT(pal color.Palette) []uint8 {
	lut := make([]uint8, cellCount)
	cols := make([][3]int64, len(pal))
	for i, c := range pal {
		r, g, b, _ := c.RGBA()
		// Scaled by 2 like the cell centres below, to stay in integers.
		cols[i] = [3]int64{2 * int64(r>>8), 2 * int64(g>>8), 2 * int64(b>>8)}
	}
	const blockCells = 4
	const blocksPerSide = cellSide / blockCells
	const cellWidth = 1 << cellShift
	// Cell centres scaled by 2: centre2 = 2*cell*width + width - 1.
	centre2 := func(cell int) int64 { return int64(2*cell*cellWidth + cellWidth - 1) }
	// A candidate is packed as minDist<<8 | index, so that sorting the plain
	// integers orders by distance bound, then index. minDist is a lower bound
	// of the distance from the colour to any cell centre of the block.
	work := func(blockIDs <-chan int) {
		cand := make([]uint64, 0, len(pal))
		for id := range blockIDs {
			bx, by, bz := id/(blocksPerSide*blocksPerSide), id/blocksPerSide%blocksPerSide, id%blocksPerSide
			var lo, hi [3]int64 // block bounds of the scaled centres
			for c, b := range [3]int{bx, by, bz} {
				lo[c] = centre2(b * blockCells)
				hi[c] = centre2(b*blockCells + blockCells - 1)
			}
			// The farthest any point of the block is from its best colour bounds the search.
			minMax := int64(-1)
			for _, col := range cols {
				var d int64
				for c := range 3 {
					e := max(col[c]-lo[c], hi[c]-col[c])
					d += e * e
				}
				if minMax < 0 || d < minMax {
					minMax = d
				}
			}
			cand = cand[:0]
			for i, col := range cols {
				var d int64
				for c := range 3 {
					var e int64
					if col[c] < lo[c] {
						e = lo[c] - col[c]
					} else if col[c] > hi[c] {
						e = col[c] - hi[c]
					}
					d += e * e
				}
				if d <= minMax {
					cand = append(cand, uint64(d)<<8|uint64(i))
				}
			}
			slices.Sort(cand)
			for r := bx * blockCells; r < (bx+1)*blockCells; r++ {
				cr := centre2(r)
				for g := by * blockCells; g < (by+1)*blockCells; g++ {
					cg := centre2(g)
					for b := bz * blockCells; b < (bz+1)*blockCells; b++ {
						cb := centre2(b)
						best, bestD := -1, int64(0)
						for _, cd := range cand {
							if best >= 0 && int64(cd>>8) > bestD {
								break // this and every later candidate is farther
							}
							i := int(cd & 0xff)
							col := cols[i]
							dr, dg, db := col[0]-cr, col[1]-cg, col[2]-cb
							d := dr*dr + dg*dg + db*db
							if best < 0 || d < bestD || (d == bestD && i < best) {
								best, bestD = i, d
							}
						}
						lut[r<<(2*cellBits)|g<<cellBits|b] = uint8(best)
					}
				}
			}
		}
	}
	ids := make(chan int, blocksPerSide*blocksPerSide*blocksPerSide)
	for id := range cap(ids) {
		ids <- id
	}
	close(ids)
	var wg sync.WaitGroup
	for range max(1, runtime.GOMAXPROCS(0)) {
		wg.Go(func() { work(ids) })
	}
	wg.Wait()
	return lut
}

// bayer8 is the 8x8 ordered-dither threshold matrix (values 0..63).
var bayer8 = [64]int{
	0, 32, 8, 40, 2, 34, 10, 42,
	48, 16, 56, 24, 50, 18, 58, 26,
	12, 44, 4, 36, 14, 46, 6, 38,
	60, 28, 52, 20, 62, 30, 54, 22,
	3, 35, 11, 43, 1, 33, 9, 41,
	51, 19, 59, 27, 49, 17, 57, 25,
	15, 47, 7, 39, 13, 45, 5, 37,
	63, 31, 55, 23, 61, 29, 53, 21,
}

// ditherAmplitude is the peak-to-peak size, in 8-bit levels, of the ordered
// dither offset added to each channel before the palette lookup.
const ditherAmplitude = 16

// ditherOffsets holds the offset for each position of the Bayer matrix.
var ditherOffsets = func() (o [64]int) {
	for i, t := range bayer8 {
		o[i] = (2*t+1)*ditherAmplitude/128 - ditherAmplitude/2
	}
	return o
}()

// mapper turns RGBA frames into palette indices through the lookup table.
type mapper struct {
	lut    []uint8
	dither bool
}

// mapFrame writes the palette index of every pixel of img into dst (row
// major, Dx*Dy bytes), splitting the rows over the available cores.
func (m *mapper) mapFrame(img *image.RGBA, dst []uint8) {
	h := img.Bounds().Dy()
	parts := min(max(1, runtime.GOMAXPROCS(0)), 8, h)
	if parts == 1 || len(dst) < 1<<15 {
		m.mapRows(img, dst, 0, h)
		return
	}
	var wg sync.WaitGroup
	for p := range parts {
		y0, y1 := h*p/parts, h*(p+1)/parts
		wg.Go(func() { m.mapRows(img, dst, y0, y1) })
	}
	wg.Wait()
}

func (m *mapper) mapRows(img *image.RGBA, dst []uint8, y0, y1 int) {
	w := img.Bounds().Dx()
	lut := m.lut[:cellCount]
	for y := y0; y < y1; y++ {
		row := rowBytes(img, y)
		out := dst[y*w : (y+1)*w]
		if !m.dither {
			for x := range out {
				p := row[4*x : 4*x+3 : 4*x+3]
				out[x] = lut[cellKey(p[0], p[1], p[2])]
			}
			continue
		}
		offs := ditherOffsets[(y&7)*8 : (y&7)*8+8]
		for x := range out {
			p := row[4*x : 4*x+3 : 4*x+3]
			o := offs[x&7]
			out[x] = lut[cellKey(clamp8(int(p[0])+o), clamp8(int(p[1])+o), clamp8(int(p[2])+o))]
		}
	}
}

func clamp8(v int) uint8 {
	if v < 0 {
		return 0
	}
	if v > 255 {
		return 255
	}
	return uint8(v)
}
