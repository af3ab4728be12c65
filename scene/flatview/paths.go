package flatview

import "descent/shaders"

// pathMargin is how far (pixels) outside the plot a path's points are
// still drawn, so lines leaving the plot run to its edge.
const pathMargin = 50

// manyIterates is the trail length from which the per-iterate dots shrink.
const manyIterates = 400

// drawPaths draws every run on the contour map: a haloed line through its
// iterates, a dot per iterate, a ring at the start and a large dot at the
// current point; then the step arrows when asked.
func (c *Contour) drawPaths(f Frame) {
	p := &c.plot
	th := f.Style.Theme
	lw := f.Style.LineW
	halo := shaders.RGBA(th.Halo, 0.55)
	dark := shaders.RGBA(th.Outline, 0.85)
	vis := p.Px.Inset(-pathMargin, -pathMargin, -pathMargin, -pathMargin)
	var pts [][2]float64
	for _, r := range f.Runs {
		n := r.Trail.Len()
		if n == 0 {
			continue
		}
		col := r.ink(th)
		pts = pts[:0]
		for i := range n {
			sm := r.Trail.At(i)
			x, y := p.ToPixel(sm.X, sm.Y)
			pts = append(pts, [2]float64{x, y})
		}
		seg := func(a, b [2]float64) bool {
			return vis.Contains(a[0], a[1]) || vis.Contains(b[0], b[1])
		}
		for _, pass := range []struct {
			w float64
			c shaders.Color
		}{{4.2 * lw, halo}, {2 * lw, col}} {
			for i := 1; i < n; i++ {
				if seg(pts[i-1], pts[i]) {
					c.front.Segment(float32(pts[i-1][0]), float32(pts[i-1][1]), float32(pts[i][0]), float32(pts[i][1]), float32(pass.w), pass.c)
				}
			}
		}
		dot := float32(2.6 * lw)
		if n > manyIterates {
			dot = float32(1.8 * lw)
		}
		for i := range n {
			if vis.Contains(pts[i][0], pts[i][1]) {
				c.front.Disc(float32(pts[i][0]), float32(pts[i][1]), dot, col)
			}
		}
		// Start ring and current point.
		st, cur := pts[0], pts[n-1]
		c.front.Disc(float32(st[0]), float32(st[1]), float32(5.5*lw), dark)
		c.front.Disc(float32(st[0]), float32(st[1]), float32(3.8*lw), shaders.RGBA(th.Halo, 1))
		c.front.Disc(float32(st[0]), float32(st[1]), float32(2.2*lw), col)
		c.front.Disc(float32(cur[0]), float32(cur[1]), float32(6.5*lw), dark)
		c.front.Disc(float32(cur[0]), float32(cur[1]), float32(5*lw), col)
	}
	c.drawContourArrows(f)
}
