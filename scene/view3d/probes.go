package view3d

// Probe is a surface point whose place on screen, and how much of it
// shows, a caller wants after Prepare (the window's notes).
type Probe struct {
	X, Y float64
}

// ProbeResult is where a probe shows: its pixel, and 1 when nothing hides
// it, less when a hill in front of it does (the trails' fading); ok is
// false outside the domain or behind the eye.
type ProbeResult struct {
	X, Y, Shown float64
	OK          bool
}

// markProbes projects the frame's probes and marks their pixels for the
// occlusion map; it reports whether any lies in view.
func (v *View) markProbes(probes []Probe) bool {
	v.probes = v.probes[:0]
	any := false
	for _, pr := range probes {
		var r ProbeResult
		if v.inDomain(pr.X, pr.Y) {
			p := v.worldPoint(pr.X, pr.Y)
			x, y, d := v.proj.Project(p[0], p[1], p[2])
			if v.ortho || d > 1e-3 {
				v.depth.mark(x, y)
				r = ProbeResult{X: float64(x), Y: float64(y), OK: true}
				any = true
			}
		}
		v.probes = append(v.probes, r)
	}
	return any
}

// judgeProbes says how much of each probe shows, once the occlusion map is
// built.
func (v *View) judgeProbes(probes []Probe) {
	for i, pr := range probes {
		r := &v.probes[i]
		if !r.OK {
			continue
		}
		p, n := v.surfacePoint(pr.X, pr.Y)
		_, _, d := v.proj.Project(p[0], p[1], p[2])
		r.Shown = float64(v.visibility(float32(r.X), float32(r.Y), d, p[:], n[:]))
	}
}

// Probes returns where the last frame's probes show, in their order.
func (v *View) Probes() []ProbeResult { return v.probes }
