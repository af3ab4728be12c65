package view3d

import (
	"math"

	"descent/camera"
	"descent/scene/mesh"
)

// Levels of detail. A 400x400 mesh drawn 500 pixels wide has cells of
// about a pixel: most of its 320,000 triangles are smaller than a pixel,
// and software GL spends its time on them. Each frame draws instead the
// coarsest level of the mesh (see mesh.LevelCells) that the picture cannot
// tell from the full one: seen through the camera, in every block of the
// domain on the screen, the level's surface stays within lodPosPx pixels
// of the full mesh (so silhouettes, the cut at clipped heights and the grid
// lines stay where they were), its normals within lodNormal radians and
// its colours within lodT of the colormap, and its cells stay below
// lodCellPx pixels (lodStabilityCellPx while the stability overlay, whose
// ratios the levels sample on their own vertices, is shown).
const (
	lodPosPx           = 0.25
	lodNormal          = 0.02
	lodT               = 0.5 / 255
	lodCellPx          = 16.0
	lodStabilityCellPx = 2.0
)

// lodLimits are the bounds a level must keep within to be drawn.
type lodLimits struct {
	posPx, normal, t, cellPx float64
}

// buildLevels builds the levels of detail of the full mesh fm, the
// occlusion map's mesh and the preview level (the finest with at most
// preview samples per side, or the coarsest).
func (v *View) buildLevels(fm *mesh.Mesh, preview int) error {
	v.full = newLevel(fm)
	v.levels = []*level{v.full}
	v.bounds = fm.BlockBounds()
	for _, c := range mesh.LevelCells(fm.N-1, fm.Lines) {
		cm, err := fm.Coarsen(c)
		if err != nil {
			return err
		}
		l := newLevel(cm)
		l.errs = fm.Compare(cm)
		v.levels = append(v.levels, l)
	}
	v.occl = v.full
	for _, l := range v.levels {
		if l.m.N >= min(fm.N, occlusionSamples) {
			v.occl = l
		}
	}
	v.preview = 0
	if preview > 0 && preview < fm.N {
		v.preview = len(v.levels) - 1
		for k := len(v.levels) - 1; k > 0 && v.levels[k].m.N <= preview; k-- {
			v.preview = k
		}
	}
	return nil
}

// chooseLevel returns the index of the level to draw through cam: the
// coarsest the picture cannot tell from the full mesh, and at least as
// coarse as the preview level while the camera moves.
func (v *View) chooseLevel(cam *camera.Camera, preview bool) int {
	k := 0
	if v.lod {
		scales := v.blockScales(cam)
		lim := lodLimits{posPx: lodPosPx, normal: lodNormal, t: lodT, cellPx: lodCellPx}
		if v.arr.stab != nil {
			lim.cellPx = lodStabilityCellPx
		}
		k = pickLevel(v.levels, scales, lim)
	}
	if preview {
		k = max(k, v.preview)
	}
	return k
}

// pickLevel returns the index of the coarsest level whose every block
// with a scale keeps within lim: scales[b] bounds the pixels per world
// unit of a displacement in block b (0: the block is off the screen or
// empty; +Inf: it reaches behind the eye, so only the full mesh will do).
func pickLevel(levels []*level, scales []float64, lim lodLimits) int {
	for k := len(levels) - 1; k > 0; k-- {
		if levelFits(levels[k].errs, scales, lim) {
			return k
		}
	}
	return 0
}

// levelFits reports whether a level with these block errors keeps within
// lim at these scales.
func levelFits(errs []mesh.BlockError, scales []float64, lim lodLimits) bool {
	for b, s := range scales {
		if s == 0 {
			continue
		}
		e := errs[b]
		if !(e.Pos*s <= lim.posPx && e.Edge*s <= lim.cellPx && e.Normal <= lim.normal && e.T <= lim.t) {
			return false
		}
	}
	return true
}

// blockScales returns, for each block of the domain, a bound on how many
// pixels a world displacement of unit length anywhere in the block's box
// moves on the screen, or 0 for a block off the screen (or empty). In
// perspective a displacement d at p (eye coordinates x, y, z) moves by at
// most focal*|d|*|p|/z^2 pixels; over the box, |p| is largest and z
// smallest at corners. Orthographic: focal*|d|. A block reaching behind
// the near plane gets +Inf.
func (v *View) blockScales(cam *camera.Camera) []float64 {
	scales := make([]float64, len(v.bounds))
	focal := 1 / v.pixelScale
	w, h := cam.Width, cam.Height
	near := 0.01 * math.Max(cam.Distance, 1e-9)
	const margin = 2 // pixels: a block just off the edge still counts
	for b, bb := range v.bounds {
		if bb.Lo[0] > bb.Hi[0] {
			continue
		}
		minZ, maxP := math.Inf(1), 0.0
		x0, y0, x1, y1 := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
		for c := range 8 {
			p := [3]float64{bb.Lo[0], bb.Lo[1], bb.Lo[2]}
			for d := range 3 {
				if c&(1<<d) != 0 {
					p[d] = bb.Hi[d]
				}
			}
			sx, sy, z := v.proj.Project(float32(p[0]), float32(p[1]), float32(p[2]))
			minZ = math.Min(minZ, float64(z))
			maxP = math.Max(maxP, math.Hypot(p[0]-v.eye[0], math.Hypot(p[1]-v.eye[1], p[2]-v.eye[2])))
			x0, y0 = math.Min(x0, float64(sx)), math.Min(y0, float64(sy))
			x1, y1 = math.Max(x1, float64(sx)), math.Max(y1, float64(sy))
		}
		switch {
		case v.ortho:
			scales[b] = focal
		case !(minZ > near):
			scales[b] = math.Inf(1)
			continue
		default:
			scales[b] = focal * maxP / (minZ * minZ)
		}
		if x1 < -margin || y1 < -margin || x0 > w+margin || y0 > h+margin {
			scales[b] = 0
		}
	}
	return scales
}
