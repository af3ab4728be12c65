package view3d

import (
	"math"

	"descent/scene/parallel"
)

// depthCell is the size in screen pixels of one depth-map pixel.
const depthCell = 4

// depthMap is a coarse screen-space map of the surface's nearest depth,
// used to hide the parts of trails and markers that a hill stands in front
// of. Each cell of the mesh writes its nearest depth into every map pixel
// its screen bounding box touches.
type depthMap struct {
	w, h   int
	d      []float32
	parts  [][]float32
	tw, th int
	tiles  []bool // tiles that will be asked about: only they are filled
}

// depthTile is the side of a tile of the map, in map pixels.
const depthTile = 8

// resize sets the map's size for a screen of width x height pixels and
// clears the tiles.
func (m *depthMap) resize(width, height float64) {
	m.w = max(1, int(math.Ceil(width/depthCell)))
	m.h = max(1, int(math.Ceil(height/depthCell)))
	m.tw, m.th = (m.w+depthTile-1)/depthTile, (m.h+depthTile-1)/depthTile
	if cap(m.tiles) < m.tw*m.th {
		m.tiles = make([]bool, m.tw*m.th)
	}
	m.tiles = m.tiles[:m.tw*m.th]
	clear(m.tiles)
}

// mark says that the map will be asked about screen point (x, y): its tile
// and the tiles around it get filled.
func (m *depthMap) mark(x, y float32) {
	if !(x > -depthCell*depthTile && y > -depthCell*depthTile) {
		return
	}
	tx := int(x/depthCell) / depthTile
	ty := int(y/depthCell) / depthTile
	for j := max(ty-1, 0); j <= min(ty+1, m.th-1); j++ {
		for i := max(tx-1, 0); i <= min(tx+1, m.tw-1); i++ {
			m.tiles[j*m.tw+i] = true
		}
	}
}

// wanted reports whether any tile under the map-pixel box is marked.
func (m *depthMap) wanted(x0, y0, x1, y1 int) bool {
	for j := y0 / depthTile; j <= y1/depthTile; j++ {
		for i := x0 / depthTile; i <= x1/depthTile; i++ {
			if m.tiles[j*m.tw+i] {
				return true
			}
		}
	}
	return false
}

// build fills the marked tiles from the level's projected triangles
// (resize and mark first).
func (m *depthMap) build(l *level) {
	size := m.w * m.h
	workers := parallel.Workers()
	if len(m.parts) != workers {
		m.parts = make([][]float32, workers)
	}
	cells := l.m.N - 1
	// One buffer per worker, merged below: each For range is one worker.
	parallel.For(workers, func(w0, w1 int) {
		for w := w0; w < w1; w++ {
			if cap(m.parts[w]) < size {
				m.parts[w] = make([]float32, size)
			}
			buf := m.parts[w][:size]
			m.parts[w] = buf
			inf := float32(math.Inf(1))
			for i := range buf {
				buf[i] = inf
			}
			m.splat(buf, l, w*cells/workers, (w+1)*cells/workers)
		}
	})
	if cap(m.d) < size {
		m.d = make([]float32, size)
	}
	m.d = m.d[:size]
	copy(m.d, m.parts[0])
	for _, p := range m.parts[1:] {
		for i, v := range p {
			if v < m.d[i] {
				m.d[i] = v
			}
		}
	}
}

// splat rasterises the triangles of the cells in rows j0..j1-1 into buf,
// keeping the nearest depth at each pixel centre. Depth is interpolated
// linearly in screen space; each triangle is widened by dilate pixels so
// that thin triangles leave no gaps.
func (m *depthMap) splat(buf []float32, l *level, j0, j1 int) {
	n := l.m.N
	s := l.screen
	for j := j0; j < j1; j++ {
		for i := 0; i < n-1; i++ {
			k := j*n + i
			a, b, c, d := 3*k, 3*(k+1), 3*(k+n), 3*(k+n+1)
			if !(s[a+2] > 0 && s[b+2] > 0 && s[c+2] > 0 && s[d+2] > 0) {
				continue
			}
			m.triangle(buf, s[a:a+3], s[b:b+3], s[d:d+3])
			m.triangle(buf, s[a:a+3], s[d:d+3], s[c:c+3])
		}
	}
}

// dilate widens triangles in depth-map pixels.
const dilate = 0.6

func (m *depthMap) triangle(buf []float32, p0, p1, p2 []float32) {
	const inv = 1.0 / depthCell
	ax, ay := p0[0]*inv-0.5, p0[1]*inv-0.5
	bx, by := p1[0]*inv-0.5, p1[1]*inv-0.5
	cx, cy := p2[0]*inv-0.5, p2[1]*inv-0.5
	area := (bx-ax)*(cy-ay) - (by-ay)*(cx-ax)
	if area < 0 {
		bx, by, cx, cy = cx, cy, bx, by
		p1, p2 = p2, p1
		area = -area
	}
	x0 := int(max(0, float32(math.Floor(float64(min(ax, bx, cx)-dilate)))))
	x1 := int(min(float32(m.w-1), max(ax, bx, cx)+dilate))
	y0 := int(max(0, float32(math.Floor(float64(min(ay, by, cy)-dilate)))))
	y1 := int(min(float32(m.h-1), max(ay, by, cy)+dilate))
	if x1 < x0 || y1 < y0 || x1-x0 > 128 || y1-y0 > 128 || !m.wanted(x0, y0, x1, y1) {
		return
	}
	// Edge functions scaled to pixel distances.
	l0 := sqrt32((cx-bx)*(cx-bx) + (cy-by)*(cy-by))
	l1 := sqrt32((ax-cx)*(ax-cx) + (ay-cy)*(ay-cy))
	l2 := sqrt32((bx-ax)*(bx-ax) + (by-ay)*(by-ay))
	if area < 1e-6 || l0 == 0 || l1 == 0 || l2 == 0 {
		// Edge-on: keep the nearest corner's depth over the thin box.
		d := min(p0[2], p1[2], p2[2])
		for y := y0; y <= y1; y++ {
			row := buf[y*m.w:]
			for x := x0; x <= x1; x++ {
				row[x] = min(row[x], d)
			}
		}
		return
	}
	za, zb, zc := p0[2], p1[2], p2[2]
	invA := 1 / area
	// Edge functions: e0 weighs a, e1 weighs b; each steps by a constant
	// per pixel along x.
	d0x, d1x := -(cy - by), -(ay - cy)
	m0, m1, m2 := -dilate*l0, -dilate*l1, -dilate*l2
	for y := y0; y <= y1; y++ {
		py := float32(y)
		px := float32(x0)
		e0 := (cx-bx)*(py-by) - (cy-by)*(px-bx)
		e1 := (ax-cx)*(py-cy) - (ay-cy)*(px-cx)
		row := buf[y*m.w:]
		for x := x0; x <= x1; x++ {
			e2 := area - e0 - e1
			if e0 >= m0 && e1 >= m1 && e2 >= m2 {
				w0 := max(0, min(1, e0*invA))
				w1 := max(0, min(1, e1*invA))
				w2 := max(0, 1-w0-w1)
				if d := w0*za + w1*zb + w2*zc; d < row[x] {
					row[x] = d
				}
			}
			e0 += d0x
			e1 += d1x
		}
	}
}

func sqrt32(v float32) float32 { return float32(math.Sqrt(float64(v))) }

// at returns the surface's nearest depth at screen point (x, y), or +Inf
// where there is no surface (or the point's tile was not marked).
func (m *depthMap) at(x, y float32) float32 {
	px, py := int(x/depthCell), int(y/depthCell)
	if x < 0 || y < 0 || px >= m.w || py >= m.h {
		return float32(math.Inf(1))
	}
	return m.d[py*m.w+px]
}
