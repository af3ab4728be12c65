package camera

// Projector maps many world points to screen pixels quickly: the view,
// projection and viewport transforms are folded into three rows computed
// once, so projecting a point costs three dot products and (in
// perspective) one division. Take a fresh Projector after the camera
// changes. A Projector is a small read-only value: goroutines may share
// one, for example each projecting its own part of a vertex slice. The
// zero Projector maps every point to (0, 0, 0).
type Projector struct {
	// Rows of the combined transform: X and Y are screen coordinates
	// times depth (perspective) or screen coordinates (ortho); Z is depth.
	x0, x1, x2, x3 float32
	y0, y1, y2, y3 float32
	z0, z1, z2, z3 float32
	persp          bool // divide by depth
}

// Projector returns a Projector for the camera's current state.
func (c *Camera) Projector() Projector {
	f := c.frame()
	cx, cy := f.cx, f.cy
	// Screen x = cx + focal*(right.d)/(fwd.d) with d = p - eye; in
	// homogeneous form X = (focal*right + cx*fwd).d and depth Z = fwd.d.
	// Orthographic: x = cx + focal*(right.d), with no division.
	xr := f.right.Mul(f.focal)
	yr := f.up.Mul(-f.focal)
	if !f.ortho {
		xr = xr.Add(f.fwd.Mul(cx))
		yr = yr.Add(f.fwd.Mul(cy))
	}
	xc, yc, zc := -xr.Dot(f.eye), -yr.Dot(f.eye), -f.fwd.Dot(f.eye)
	if f.ortho {
		xc += cx
		yc += cy
	}
	return Projector{
		x0: float32(xr[0]), x1: float32(xr[1]), x2: float32(xr[2]), x3: float32(xc),
		y0: float32(yr[0]), y1: float32(yr[1]), y2: float32(yr[2]), y3: float32(yc),
		z0: float32(f.fwd[0]), z1: float32(f.fwd[1]), z2: float32(f.fwd[2]), z3: float32(zc),
		persp: !f.ortho,
	}
}

// Project maps the world point (x, y, z) to screen pixels (y down) and its
// depth along the view direction, like Camera.Project but in float32. The
// caller decides what to do with points at depth <= 0 in perspective
// (behind the eye): their screen coordinates are meaningless.
func (p Projector) Project(x, y, z float32) (sx, sy, depth float32) {
	sx = p.x0*x + p.x1*y + p.x2*z + p.x3
	sy = p.y0*x + p.y1*y + p.y2*z + p.y3
	depth = p.z0*x + p.z1*y + p.z2*z + p.z3
	if p.persp {
		inv := 1 / depth
		sx *= inv
		sy *= inv
	}
	return sx, sy, depth
}

// ProjectSlice projects packed points src = x0,y0,z0,x1,y1,z1,... into
// dst = sx0,sy0,depth0,sx1,... (same layout; dst may be src). It handles
// min(len(src), len(dst))/3 points and returns that count.
func (p Projector) ProjectSlice(dst, src []float32) int {
	n := min(len(src), len(dst)) / 3
	src, dst = src[:3*n], dst[:3*n]
	x0, x1, x2, x3 := p.x0, p.x1, p.x2, p.x3
	y0, y1, y2, y3 := p.y0, p.y1, p.y2, p.y3
	z0, z1, z2, z3 := p.z0, p.z1, p.z2, p.z3
	if !p.persp {
		for i := 0; i+2 < len(src); i += 3 {
			x, y, z := src[i], src[i+1], src[i+2]
			dst[i] = x0*x + x1*y + x2*z + x3
			dst[i+1] = y0*x + y1*y + y2*z + y3
			dst[i+2] = z0*x + z1*y + z2*z + z3
		}
		return n
	}
	for i := 0; i+2 < len(src); i += 3 {
		x, y, z := src[i], src[i+1], src[i+2]
		d := z0*x + z1*y + z2*z + z3
		inv := 1 / d
		dst[i] = (x0*x + x1*y + x2*z + x3) * inv
		dst[i+1] = (y0*x + y1*y + y2*z + y3) * inv
		dst[i+2] = d
	}
	return n
}
