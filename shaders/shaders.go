// Package shaders holds Descent's Kage shaders, compiled once, and thin
// helpers to feed them: the surface shader (colormap, lighting and grid
// lines for the height-field mesh) and the line shader (anti-aliased
// segments, discs and flat fills batched into one draw call).
package shaders

import (
	_ "embed"
	"fmt"
	"image/color"
	"math"
	"sync"

	"github.com/hajimehoshi/ebiten/v2"
)

// SurfaceSource is the Kage source of the surface shader.
//
//go:embed surface.kage
var SurfaceSource []byte

// LineSource is the Kage source of the line shader.
//
//go:embed line.kage
var LineSource []byte

type compiled struct {
	once   sync.Once
	shader *ebiten.Shader
	err    error
}

var surfaceShader, lineShader compiled

func (c *compiled) get(name string, src []byte) (*ebiten.Shader, error) {
	c.once.Do(func() {
		c.shader, c.err = ebiten.NewShader(src)
		if c.err != nil {
			c.err = fmt.Errorf("shaders: compiling %s: %w", name, c.err)
		}
	})
	return c.shader, c.err
}

// Surface returns the compiled surface shader (compiled on first use).
func Surface() (*ebiten.Shader, error) { return surfaceShader.get("surface.kage", SurfaceSource) }

// Line returns the compiled line shader (compiled on first use).
func Line() (*ebiten.Shader, error) { return lineShader.get("line.kage", LineSource) }

// SurfaceUniforms are the surface shader's settings.
type SurfaceUniforms struct {
	// LightDir is the direction towards the light (world space; normalised here).
	LightDir [3]float32
	// ViewDir is the view direction, eye into the scene (normalised here).
	ViewDir [3]float32
	// Alpha is the surface's opacity in [0, 1].
	Alpha float32
	// Ambient is the share of light independent of the normal, in [0, 1].
	Ambient float32
	// Specular is the highlight's strength (0 for none).
	Specular float32
	// LineColor is the grid lines' colour (red, green, blue in [0, 1]).
	LineColor [3]float32
	// LineAlpha is the grid lines' strength in [0, 1].
	LineAlpha float32
	// LineWidth is the grid lines' width in pixels.
	LineWidth float32
	// Stability turns the stability overlay on: where a vertex's Custom2
	// (see StabilityVertex) is above 1 the surface is tinted and hatched in
	// StabilityColor (red, green, blue in [0, 1]), and the edge where it
	// crosses 1 is drawn.
	Stability      bool
	StabilityColor [3]float32
}

// Map returns the uniforms as DrawTrianglesShaderOptions.Uniforms wants them.
func (u SurfaceUniforms) Map() map[string]any {
	on := float32(0)
	if u.Stability {
		on = 1
	}
	return map[string]any{
		"LightDir":  normalize(u.LightDir),
		"ViewDir":   normalize(u.ViewDir),
		"Alpha":     u.Alpha,
		"Ambient":   u.Ambient,
		"Specular":  u.Specular,
		"LineColor": u.LineColor[:],
		"LineAlpha": u.LineAlpha,
		"LineWidth": u.LineWidth,

		"StabilityOn":    on,
		"StabilityColor": u.StabilityColor[:],
	}
}

func normalize(v [3]float32) []float32 {
	l := float32(math.Sqrt(float64(v[0]*v[0] + v[1]*v[1] + v[2]*v[2])))
	if !(l > 0) {
		return []float32{0, 0, 1}
	}
	return []float32{v[0] / l, v[1] / l, v[2] / l}
}

// SurfaceVertex returns a surface-shader vertex at screen point (x, y)
// with colormap coordinate t in [0, 1] (for a colormap image of 256x1
// pixels passed as image 0), normal (nx, ny, nz) and grid-line
// coordinates (u, v).
func SurfaceVertex(x, y, t, nx, ny, nz, u, v float32) ebiten.Vertex {
	return ebiten.Vertex{
		DstX: x, DstY: y,
		SrcX: t*255 + 0.5, SrcY: 0.5,
		ColorR: nx, ColorG: ny, ColorB: nz, ColorA: 1,
		Custom0: u, Custom1: v,
	}
}

// SetStability stores a surface vertex's stability ratio lr/lr_max (above 1:
// unstable) for the overlay (SurfaceUniforms.Stability).
func SetStability(v *ebiten.Vertex, ratio float32) { v.Custom2 = ratio }

// Color is a premultiplied colour for the line shader, components in [0, 1].
type Color [4]float32

// RGBA returns c with its alpha multiplied by alpha, premultiplied.
func RGBA(c color.Color, alpha float64) Color {
	r, g, b, a := c.RGBA()
	s := float32(alpha) / 65535
	return Color{float32(r) * s, float32(g) * s, float32(b) * s, float32(a) * s}
}

// Scale returns c with its opacity multiplied by f.
func (c Color) Scale(f float32) Color { return Color{c[0] * f, c[1] * f, c[2] * f, c[3] * f} }

// fill is the half width that makes the line shader cover everything.
const fill = 1e6

// Lines batches anti-aliased segments, discs and filled polygons for the
// line shader. Building a batch calls no Ebiten function, so it can run
// anywhere; Draw sends it to an image in one call.
type Lines struct {
	Vertices []ebiten.Vertex
	Indices  []uint32
}

// Reset empties the batch, keeping its memory.
func (l *Lines) Reset() {
	l.Vertices = l.Vertices[:0]
	l.Indices = l.Indices[:0]
}

// Len returns the number of triangles in the batch.
func (l *Lines) Len() int { return len(l.Indices) / 3 }

func (l *Lines) quad(c [4][2]float32, ax, ay, abx, aby, half float32, col Color) {
	base := uint32(len(l.Vertices))
	for _, p := range c {
		l.Vertices = append(l.Vertices, ebiten.Vertex{
			DstX: p[0], DstY: p[1],
			SrcX:   half,
			ColorR: col[0], ColorG: col[1], ColorB: col[2], ColorA: col[3],
			Custom0: p[0] - ax, Custom1: p[1] - ay, Custom2: abx, Custom3: aby,
		})
	}
	l.Indices = append(l.Indices, base, base+1, base+2, base, base+2, base+3)
}

// Segment adds a line from (ax, ay) to (bx, by) of the given width in
// pixels with round caps.
func (l *Lines) Segment(ax, ay, bx, by, width float32, col Color) {
	half := width / 2
	dx, dy := bx-ax, by-ay
	n := float32(math.Sqrt(float64(dx*dx + dy*dy)))
	ux, uy := float32(1), float32(0)
	if n > 1e-6 {
		ux, uy = dx/n, dy/n
	}
	e := half + 1
	ex, ey := ux*e, uy*e  // along the segment
	px, py := -uy*e, ux*e // across it
	l.quad([4][2]float32{
		{ax - ex + px, ay - ey + py},
		{bx + ex + px, by + ey + py},
		{bx + ex - px, by + ey - py},
		{ax - ex - px, ay - ey - py},
	}, ax, ay, dx, dy, half, col)
}

// Disc adds a filled anti-aliased disc of radius r at (x, y).
func (l *Lines) Disc(x, y, r float32, col Color) {
	e := r + 1
	l.quad([4][2]float32{{x - e, y - e}, {x + e, y - e}, {x + e, y + e}, {x - e, y + e}}, x, y, 0, 0, r, col)
}

// Polygon adds a filled convex polygon (no anti-aliasing on its edges;
// stroke them with Segment for that).
func (l *Lines) Polygon(pts [][2]float32, col Color) {
	if len(pts) < 3 {
		return
	}
	base := uint32(len(l.Vertices))
	for _, p := range pts {
		l.Vertices = append(l.Vertices, ebiten.Vertex{
			DstX: p[0], DstY: p[1], SrcX: fill,
			ColorR: col[0], ColorG: col[1], ColorB: col[2], ColorA: col[3],
		})
	}
	for k := 1; k+1 < len(pts); k++ {
		l.Indices = append(l.Indices, base, base+uint32(k), base+uint32(k+1))
	}
}

// Triangle adds a filled triangle (no anti-aliasing on its edges).
func (l *Lines) Triangle(ax, ay, bx, by, cx, cy float32, col Color) {
	base := uint32(len(l.Vertices))
	for _, p := range [3][2]float32{{ax, ay}, {bx, by}, {cx, cy}} {
		l.Vertices = append(l.Vertices, ebiten.Vertex{
			DstX: p[0], DstY: p[1], SrcX: fill,
			ColorR: col[0], ColorG: col[1], ColorB: col[2], ColorA: col[3],
		})
	}
	l.Indices = append(l.Indices, base, base+1, base+2)
}

// Draw draws the batch onto dst with the line shader.
func (l *Lines) Draw(dst *ebiten.Image) error {
	if len(l.Indices) == 0 {
		return nil
	}
	sh, err := Line()
	if err != nil {
		return err
	}
	dst.DrawTrianglesShader32(l.Vertices, l.Indices, sh, &ebiten.DrawTrianglesShaderOptions{})
	return nil
}
