package view3d

import (
	"github.com/hajimehoshi/ebiten/v2"

	"descent/camera"
	"descent/scene/plot"
	"descent/shaders"
)

// Lighting of the surface: how much light reaches every face whatever its
// normal, the strength of the highlight, and how strongly the grid lines
// show.
const (
	ambientLight   = 0.5
	specularLight  = 0.12
	meshLineAlpha  = 0.22
	lightRight     = -0.35 // the light comes from the upper left, in front:
	lightUp        = 0.75  // these are its direction's components along the
	lightTowardEye = 0.55  // camera's right, up and backward vectors
)

// Draw draws the frame the last Prepare built, seen through cam: the back
// panes, the surface (coloured through cmap, a 256x1 colormap image; tinted
// by the stability overlay), the ticks, the swarms' particles, every run's trail, markers and
// arrows, the eigen-directions, the labels and the key. lineW is the device
// scale factor (the width of the surface's grid lines).
func (v *View) Draw(dst *ebiten.Image, cam *camera.Camera, cmap *ebiten.Image, fonts *plot.Fonts, lineW float64) {
	v.drawSurface(dst, cam, cmap, lineW)
	v.drawSwarms(dst, -1)
	for i := range v.trailLines {
		v.DrawTrail(dst, i)
	}
	v.drawOverlay(dst, fonts)
	for i := range v.arr.texts {
		v.DrawLabels(dst, fonts, i)
	}
}

// DrawSurface draws what Draw does but the runs: the box, the surface, the
// ticks, the eigen-directions, the labels and the key (a grid of panes
// draws it once and each run's trail over a copy).
func (v *View) DrawSurface(dst *ebiten.Image, cam *camera.Camera, cmap *ebiten.Image, fonts *plot.Fonts, lineW float64) {
	v.drawSurface(dst, cam, cmap, lineW)
	v.drawOverlay(dst, fonts)
}

// drawOverlay draws the eigen-directions, the axes' labels and the key.
func (v *View) drawOverlay(dst *ebiten.Image, fonts *plot.Fonts) {
	_ = v.arr.eig.Draw(dst)
	fonts.DrawAll(dst, v.arr.eigTexts)
	fonts.DrawAll(dst, v.texts)
	_ = v.arr.key.Draw(dst)
	fonts.DrawAll(dst, v.arr.keyTexts)
}

// DrawTrail draws run i's trail, markers and step arrows as the last
// Prepare built them.
func (v *View) DrawTrail(dst *ebiten.Image, i int) {
	if i >= 0 && i < len(v.trailLines) {
		_ = v.trailLines[i].Draw(dst)
	}
	if i >= 0 && i < len(v.arr.lines) {
		_ = v.arr.lines[i].Draw(dst)
	}
}

// DrawLabels draws the labels of run i's arrows (Draw draws every run's;
// a grid pane draws its run's after DrawTrail).
func (v *View) DrawLabels(dst *ebiten.Image, fonts *plot.Fonts, i int) {
	if i >= 0 && i < len(v.arr.texts) {
		fonts.DrawAll(dst, v.arr.texts[i])
	}
}

// drawSurface draws the back panes, the surface and the ticks.
func (v *View) drawSurface(dst *ebiten.Image, cam *camera.Camera, cmap *ebiten.Image, lineW float64) {
	_ = v.back.Draw(dst)
	if sh, err := shaders.Surface(); err == nil && v.lvl != nil && len(v.lvl.order.Indices) > 0 {
		right, up, fwd := cam.Basis()
		light := right.Mul(lightRight).Add(up.Mul(lightUp)).Sub(fwd.Mul(lightTowardEye))
		u := shaders.SurfaceUniforms{
			LightDir:  [3]float32{float32(light[0]), float32(light[1]), float32(light[2])},
			ViewDir:   [3]float32{float32(fwd[0]), float32(fwd[1]), float32(fwd[2])},
			Alpha:     float32(v.alpha),
			Ambient:   ambientLight,
			Specular:  specularLight,
			LineColor: v.theme.MeshLine,
			LineAlpha: meshLineAlpha,
			LineWidth: float32(lineW),
		}
		if s := v.arr.stab; s != nil && v.lvl.tinted {
			u.Stability = true
			u.StabilityColor = [3]float32{float32(s.Color.R) / 255, float32(s.Color.G) / 255, float32(s.Color.B) / 255}
		}
		op := &ebiten.DrawTrianglesShaderOptions{Uniforms: u.Map()}
		op.Images[0] = cmap
		dst.DrawTrianglesShader32(v.lvl.verts, v.lvl.order.Indices, sh, op)
	}
	_ = v.front.Draw(dst)
}
