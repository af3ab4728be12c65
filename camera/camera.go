// Package camera is an orbit camera for Descent's 3D view: it looks at a
// target from a point on a sphere around it, with matplotlib's elevation and
// azimuth angles, a perspective or orthographic projection, and the picking
// and mouse-control helpers the game needs. World space is z up. The package
// is pure Go on mathgl and holds no input code: the game maps the mouse and
// keys to Rotate, Dolly, ZoomAt and Pan.
package camera

import (
	"math"

	"github.com/go-gl/mathgl/mgl32"
	"github.com/go-gl/mathgl/mgl64"
)

// Defaults used by New and FromMatplotlib.
const (
	// DefaultElevation is matplotlib's default elev in degrees.
	DefaultElevation = 30.0
	// DefaultAzimuth is matplotlib's default azim in degrees.
	DefaultAzimuth = -60.0
	// DefaultFovY is the default vertical field of view in degrees.
	DefaultFovY = 35.0
	// DefaultWidth is the viewport width FromMatplotlib starts with.
	DefaultWidth = 1280.0
	// DefaultHeight is the viewport height FromMatplotlib starts with.
	DefaultHeight = 720.0
	// MaxElevation is the largest elevation magnitude in degrees; the
	// camera never looks straight down or up, so the screen's up stays z.
	MaxElevation = 89.0
	// FitMargin is the extra room Fit leaves around the box (1 = touching).
	FitMargin = 1.05
)

// BoxMin and BoxMax are the corners of the world box the renderer maps a
// surface into (like matplotlib's 3D axes box); New fits the camera to it.
var (
	BoxMin = mgl64.Vec3{-1, -1, -0.8}
	BoxMax = mgl64.Vec3{1, 1, 0.8}
)

// Camera is an orbit camera looking at Target from a point on a sphere
// around it. The fields may be set directly; out-of-range values are
// clamped (or replaced by defaults when not finite) wherever they are used,
// so no method ever produces NaN.
type Camera struct {
	// Target is the point looked at (the orbit centre).
	Target mgl64.Vec3
	// Distance is the distance from Target to the eye.
	Distance float64
	// Azimuth is matplotlib's azim in degrees: the eye is at
	// Target + Distance*(cos(el)cos(az), cos(el)sin(az), sin(el)).
	Azimuth float64
	// Elevation is matplotlib's elev in degrees, clamped to
	// [-MaxElevation, MaxElevation].
	Elevation float64
	// FovY is the vertical field of view in degrees (perspective).
	FovY float64
	// Ortho selects an orthographic projection whose view volume matches
	// the perspective one at Target (same size on screen there).
	Ortho bool
	// Width and Height are the viewport size in pixels.
	Width, Height float64
	// Zoom is an extra scale applied in screen space (1 = as fitted).
	Zoom float64
	// Shift moves the picture on the screen by this many pixels (x right,
	// y down) without changing the view: Target shows at the viewport's
	// middle plus Shift, and orbiting turns the scene about that point (a
	// lens shift, as when the right of the viewport is covered).
	Shift [2]float64

	// radius is the bounding-sphere radius of the last fitted box; it
	// sets the range Dolly and ZoomAt allow for Distance.
	radius float64
}

// New returns a camera with matplotlib's default view (elev 30, azim -60),
// a 35 degree field of view and a viewport of width x height pixels, fitted
// to the world box BoxMin..BoxMax.
func New(width, height float64) *Camera {
	c := &Camera{
		Elevation: DefaultElevation,
		Azimuth:   DefaultAzimuth,
		FovY:      DefaultFovY,
		Width:     width,
		Height:    height,
		Zoom:      1,
	}
	c.Fit(BoxMin, BoxMax)
	return c
}

// FromMatplotlib returns a camera (as New with a DefaultWidth x
// DefaultHeight viewport) whose view direction is that of matplotlib's
// ax.view_init(elev, azim). Elevations beyond +-90 degrees, which
// matplotlib draws upside down, become the same eye position seen the right
// way up (elevation 180-elev, azimuth+180); the result is then clamped to
// +-MaxElevation.
func FromMatplotlib(elev, azim float64) *Camera {
	c := New(DefaultWidth, DefaultHeight)
	c.Elevation, c.Azimuth = normalizeAngles(elev, azim)
	return c
}

// normalizeAngles maps any (elev, azim) pair to an elevation in [-90, 90]
// with the same eye direction, then clamps it to +-MaxElevation.
func normalizeAngles(elev, azim float64) (float64, float64) {
	if !finite(elev) {
		elev = DefaultElevation
	}
	if !finite(azim) {
		azim = DefaultAzimuth
	}
	elev = math.Mod(elev, 360)
	if elev > 180 {
		elev -= 360
	} else if elev <= -180 {
		elev += 360
	}
	if elev > 90 {
		elev, azim = 180-elev, azim+180
	} else if elev < -90 {
		elev, azim = -180-elev, azim+180
	}
	return clamp(elev, -MaxElevation, MaxElevation), azim
}

// frame is the camera's state with every value made safe, plus the
// derived orthonormal basis and the pixel scale.
type frame struct {
	target, eye    mgl64.Vec3
	right, up, fwd mgl64.Vec3 // screen right, screen up, into the screen
	dist           float64
	w, h           float64 // viewport, at least 1x1
	cx, cy         float64 // the screen point Target shows at
	tanHalf        float64 // tan(FovY/2)
	zoom           float64
	ortho          bool
	focal          float64 // pixels per unit of x/z (perspective) or per world unit (ortho)
	near, far      float64
}

// frame computes the safe derived state used by every method.
func (c *Camera) frame() frame {
	var f frame
	f.target = c.Target
	if !finite(f.target[0]) || !finite(f.target[1]) || !finite(f.target[2]) {
		f.target = mgl64.Vec3{}
	}
	f.dist = c.Distance
	if !(f.dist > 1e-9) || math.IsNaN(f.dist) {
		f.dist = 1e-9
	}
	if f.dist > 1e12 {
		f.dist = 1e12
	}
	el := c.Elevation
	if math.IsNaN(el) {
		el = DefaultElevation
	}
	el = clamp(el, -MaxElevation, MaxElevation)
	az := c.Azimuth
	if !finite(az) {
		az = DefaultAzimuth
	}
	sinEl, cosEl := math.Sincos(mgl64.DegToRad(el))
	sinAz, cosAz := math.Sincos(mgl64.DegToRad(math.Mod(az, 360)))
	back := mgl64.Vec3{cosEl * cosAz, cosEl * sinAz, sinEl}
	f.fwd = back.Mul(-1)
	f.right = mgl64.Vec3{-sinAz, cosAz, 0}
	f.up = mgl64.Vec3{-sinEl * cosAz, -sinEl * sinAz, cosEl}
	f.eye = f.target.Add(back.Mul(f.dist))

	f.w, f.h = safeSize(c.Width), safeSize(c.Height)
	fov := c.FovY
	if math.IsNaN(fov) {
		fov = DefaultFovY
	}
	fov = clamp(fov, 1, 170)
	f.tanHalf = math.Tan(mgl64.DegToRad(fov) / 2)
	f.zoom = c.Zoom
	if !(f.zoom > 0) || math.IsInf(f.zoom, 0) {
		f.zoom = 1
	}
	f.ortho = c.Ortho
	f.cx, f.cy = f.w/2, f.h/2
	if finite(c.Shift[0]) && finite(c.Shift[1]) {
		f.cx, f.cy = f.cx+c.Shift[0], f.cy+c.Shift[1]
	}
	f.focal = f.zoom * f.h / (2 * f.tanHalf)
	if f.ortho {
		f.focal /= f.dist
	}
	f.near = 0.01 * f.dist
	f.far = 100 * f.dist
	return f
}

// Eye returns the eye position in world space.
func (c *Camera) Eye() mgl64.Vec3 { return c.frame().eye }

// ViewDir returns the unit vector from the eye towards the target.
func (c *Camera) ViewDir() mgl64.Vec3 { return c.frame().fwd }

// Basis returns the unit vectors of the screen's right and up directions
// and the view direction (into the screen), all in world space.
func (c *Camera) Basis() (right, up, forward mgl64.Vec3) {
	f := c.frame()
	return f.right, f.up, f.fwd
}

// View returns the world-to-eye matrix (OpenGL convention: the eye looks
// down -z, y up).
func (c *Camera) View() mgl64.Mat4 {
	f := c.frame()
	r, u, b := f.right, f.up, f.fwd.Mul(-1)
	return mgl64.Mat4{
		r[0], u[0], b[0], 0,
		r[1], u[1], b[1], 0,
		r[2], u[2], b[2], 0,
		-r.Dot(f.eye), -u.Dot(f.eye), -b.Dot(f.eye), 1,
	}
}

// Proj returns the eye-to-clip matrix (OpenGL convention, NDC in
// [-1, 1]^3), perspective or orthographic, including Zoom.
func (c *Camera) Proj() mgl64.Mat4 {
	f := c.frame()
	aspect := f.w / f.h
	sy := f.zoom / f.tanHalf
	n, fa := f.near, f.far
	// The shift in normalised device coordinates (y up).
	dx, dy := 2*(f.cx-f.w/2)/f.w, -2*(f.cy-f.h/2)/f.h
	if f.ortho {
		sy /= f.dist
		return mgl64.Mat4{
			sy / aspect, 0, 0, 0,
			0, sy, 0, 0,
			0, 0, -2 / (fa - n), 0,
			dx, dy, -(fa + n) / (fa - n), 1,
		}
	}
	return mgl64.Mat4{
		sy / aspect, 0, 0, 0,
		0, sy, 0, 0,
		-dx, -dy, (fa + n) / (n - fa), -1,
		0, 0, 2 * fa * n / (n - fa), 0,
	}
}

// ViewProj returns Proj()*View() in float32, for bulk projection to clip
// space.
func (c *Camera) ViewProj() mgl32.Mat4 {
	m := c.Proj().Mul4(c.View())
	var out mgl32.Mat4
	for i := range m {
		out[i] = float32(m[i])
	}
	return out
}

// Project maps a world point to screen pixels (origin top left, y down as
// in Ebiten). depth is the distance along the view direction from the eye
// (bigger = farther). ok is false when the point is not in front of the
// near plane (1% of Distance) in perspective; in orthographic mode every
// point projects and ok is true. Project recomputes the camera's frame on
// every call (about 110 ns); use Projector for many points.
func (c *Camera) Project(p mgl64.Vec3) (sx, sy, depth float64, ok bool) {
	f := c.frame()
	d := p.Sub(f.eye)
	x, y, z := d.Dot(f.right), d.Dot(f.up), d.Dot(f.fwd)
	if f.ortho {
		return f.cx + x*f.focal, f.cy - y*f.focal, z, true
	}
	if !(z > f.near) {
		return 0, 0, z, false
	}
	return f.cx + x/z*f.focal, f.cy - y/z*f.focal, z, true
}

// Unproject returns the pick ray through pixel (sx, sy): every world point
// that Project maps to that pixel lies on origin + t*dir. dir has unit
// length. In perspective origin is the eye; in orthographic mode it is the
// point of the eye's plane under the pixel.
func (c *Camera) Unproject(sx, sy float64) (origin, dir mgl64.Vec3) {
	f := c.frame()
	x := (sx - f.cx) / f.focal
	y := (f.cy - sy) / f.focal
	if f.ortho {
		return f.eye.Add(f.right.Mul(x)).Add(f.up.Mul(y)), f.fwd
	}
	return f.eye, f.right.Mul(x).Add(f.up.Mul(y)).Add(f.fwd).Normalize()
}

// PixelSize returns the world size of one pixel on the target plane (the
// plane through Target facing the camera).
func (c *Camera) PixelSize() float64 {
	f := c.frame()
	if f.ortho {
		return 1 / f.focal
	}
	return f.dist / f.focal
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

func clamp(v, lo, hi float64) float64 {
	if v < lo {
		return lo
	}
	if v > hi {
		return hi
	}
	return v
}

// safeSize turns a viewport size into at least one pixel.
func safeSize(v float64) float64 {
	if !(v >= 1) || math.IsInf(v, 0) {
		return 1
	}
	return v
}
