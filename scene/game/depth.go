package game

import (
	"math"
	"runtime"
	"sync"
)

// depthCell is the size in screen pixels of one depth-map pixel.
const depthCell = 3

// depthMap is a coarse screen-space map of the surface's nearest depth,
// used to hide the parts of trails and markers that a hill stands in front
// of. Each cell of the mesh writes its nearest depth into every map pixel
// its screen bounding box touches.
type depthMap struct {
	w, h  int
	d     []float32
	parts [][]float32
}

func (m *depthMap) build(l *level, width, height float64) {
	m.w = max(1, int(math.Ceil(width/depthCell)))
	m.h = max(1, int(math.Ceil(height/depthCell)))
	size := m.w * m.h
	workers := max(1, runtime.GOMAXPROCS(0))
	if len(m.parts) != workers {
		m.parts = make([][]float32, workers)
	}
	n := l.m.N
	cells := n - 1
	var wg sync.WaitGroup
	for w := range workers {
		if cap(m.parts[w]) < size {
			m.parts[w] = make([]float32, size)
		}
		buf := m.parts[w][:size]
		m.parts[w] = buf
		j0, j1 := w*cells/workers, (w+1)*cells/workers
		wg.Add(1)
		go func() {
			defer wg.Done()
			inf := float32(math.Inf(1))
			for i := range buf {
				buf[i] = inf
			}
			m.splat(buf, l, j0, j1)
		}()
	}
	wg.Wait()
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

// splat writes cells of rows j0..j1-1 into buf.
func (m *depthMap) splat(buf []float32, l *level, j0, j1 int) {
	n := l.m.N
	s := l.screen
	const inv = 1.0 / depthCell
	maxX, maxY := float32(m.w-1), float32(m.h-1)
	for j := j0; j < j1; j++ {
		for i := 0; i < n-1; i++ {
			k := j*n + i
			a, b, c, d := 3*k, 3*(k+1), 3*(k+n), 3*(k+n+1)
			dep := min(s[a+2], s[b+2], s[c+2], s[d+2])
			if !(dep > 0) {
				continue
			}
			x0 := min(s[a], s[b], s[c], s[d]) * inv
			x1 := max(s[a], s[b], s[c], s[d]) * inv
			y0 := min(s[a+1], s[b+1], s[c+1], s[d+1]) * inv
			y1 := max(s[a+1], s[b+1], s[c+1], s[d+1]) * inv
			if x1 < 0 || y1 < 0 || x0 > maxX || y0 > maxY || x1-x0 > 64 || y1-y0 > 64 {
				continue
			}
			px0, px1 := int(max(x0, 0)), int(min(x1, maxX))
			py0, py1 := int(max(y0, 0)), int(min(y1, maxY))
			for py := py0; py <= py1; py++ {
				row := buf[py*m.w:]
				for px := px0; px <= px1; px++ {
					if dep < row[px] {
						row[px] = dep
					}
				}
			}
		}
	}
}

// at returns the surface's nearest depth at screen point (x, y), or +Inf
// where there is no surface.
func (m *depthMap) at(x, y float32) float32 {
	px, py := int(x/depthCell), int(y/depthCell)
	if x < 0 || y < 0 || px >= m.w || py >= m.h {
		return float32(math.Inf(1))
	}
	return m.d[py*m.w+px]
}
