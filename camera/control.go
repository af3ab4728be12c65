package camera

import (
	"math"

	"github.com/go-gl/mathgl/mgl64"
)

// Distance limits relative to the bounding radius of the last fitted box.
const (
	minDistanceRatio = 0.05
	maxDistanceRatio = 50.0
)

// Rotate orbits the eye around Target: dAzim and dElev are added to
// Azimuth and Elevation (degrees). Elevation is clamped to
// +-MaxElevation; Azimuth is kept in [-180, 180).
func (c *Camera) Rotate(dAzim, dElev float64) {
	az, el := c.Azimuth+dAzim, c.Elevation+dElev
	if !finite(az) {
		az = DefaultAzimuth
	}
	if math.IsNaN(el) {
		el = DefaultElevation
	}
	c.Azimuth = wrapDegrees(az)
	c.Elevation = clamp(el, -MaxElevation, MaxElevation)
}

// Dolly multiplies Distance by factor (below 1 moves closer), keeping it
// within a sane range around the fitted box. A factor that is not a
// positive finite number is ignored.
func (c *Camera) Dolly(factor float64) {
	if !(factor > 0) || math.IsInf(factor, 0) {
		return
	}
	c.Distance = c.clampDistance(c.frame().dist * factor)
}

// ZoomAt zooms like Dolly(factor) but towards the screen point (sx, sy):
// the point of the target plane under the cursor stays under it, and
// Target moves accordingly.
func (c *Camera) ZoomAt(factor, sx, sy float64) {
	f := c.frame()
	origin, dir := c.Unproject(sx, sy)
	// Intersect the pick ray with the plane through Target facing the eye.
	t := f.target.Sub(origin).Dot(f.fwd) / dir.Dot(f.fwd)
	c.ZoomAbout(factor, origin.Add(dir.Mul(t)))
}

// ZoomAbout zooms like Dolly(factor) while keeping the world point p at
// the same pixel (for example the surface point picked under the cursor):
// eye and Target are both scaled about p.
func (c *Camera) ZoomAbout(factor float64, p mgl64.Vec3) {
	if !(factor > 0) || math.IsInf(factor, 0) || !finiteVec(p) {
		return
	}
	f := c.frame()
	d := c.clampDistance(f.dist * factor)
	s := d / f.dist
	c.Target = p.Add(f.target.Sub(p).Mul(s))
	c.Distance = d
}

// Pan moves Target in the view plane so that the scene follows a mouse
// drag of (dxPixels, dyPixels) (screen y down): a point on the target
// plane moves by exactly that many pixels.
func (c *Camera) Pan(dxPixels, dyPixels float64) {
	if !finite(dxPixels) || !finite(dyPixels) {
		return
	}
	f := c.frame()
	px := c.PixelSize()
	c.Target = f.target.Sub(f.right.Mul(dxPixels * px)).Add(f.up.Mul(dyPixels * px))
}

// Fit sets Target to the centre of the box min..max, Zoom to 1 and
// Distance so the whole box is visible in the viewport from any angle,
// with a small margin (FitMargin), in perspective and orthographic mode.
// Corners given in the wrong order are swapped; a non-finite box is
// ignored and an empty one is treated as a unit sphere.
func (c *Camera) Fit(min, max mgl64.Vec3) {
	if !finiteVec(min) || !finiteVec(max) {
		return
	}
	for i := range 3 {
		if min[i] > max[i] {
			min[i], max[i] = max[i], min[i]
		}
	}
	r := max.Sub(min).Len() / 2
	if !(r > 1e-12) {
		r = 1
	}
	c.Target = min.Add(max).Mul(0.5)
	c.Zoom = 1
	c.radius = r
	f := c.frame()
	// The bounding sphere fits when it fits the narrower of the vertical
	// and horizontal half-angles; sin (not tan) accounts for the sphere's
	// silhouette in perspective, and leaves room in orthographic mode
	// (whose half-height at Target is Distance*tan(half-angle)).
	half := math.Atan(f.tanHalf)
	if f.w < f.h {
		half = math.Atan(f.tanHalf * f.w / f.h)
	}
	c.Distance = FitMargin * r / math.Sin(half)
}

// SetViewport sets the viewport size in pixels. Sizes below one pixel are
// treated as one pixel when the camera is used.
func (c *Camera) SetViewport(width, height float64) {
	c.Width, c.Height = width, height
}

// clampDistance keeps a distance within the range allowed around the
// fitted box.
func (c *Camera) clampDistance(d float64) float64 {
	r := c.radius
	if !(r > 0) || math.IsInf(r, 0) {
		r = BoxMax.Sub(BoxMin).Len() / 2
	}
	return clamp(d, minDistanceRatio*r, maxDistanceRatio*r)
}

// wrapDegrees maps an angle to [-180, 180).
func wrapDegrees(a float64) float64 {
	a = math.Mod(a+180, 360)
	if a < 0 {
		a += 360
	}
	return a - 180
}

func finiteVec(v mgl64.Vec3) bool { return finite(v[0]) && finite(v[1]) && finite(v[2]) }
