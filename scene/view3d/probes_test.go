package view3d

import "testing"

// TestProbesBehindAHill: a note's point behind the hill is judged hidden
// (an opaque surface shows none of it), one in front shows whole, one
// outside the domain is not placed; with no probes the result is empty.
func TestProbesBehindAHill(t *testing.T) {
	v, cam := hillView(t)
	probes := []Probe{{X: 0.72, Y: 0}, {X: -0.72, Y: 0}, {X: 3, Y: 0}}
	v.Prepare(Frame{Camera: cam, Style: style(), Probes: probes})
	got := v.Probes()
	if len(got) != 3 {
		t.Fatalf("%d results for 3 probes", len(got))
	}
	if !got[0].OK || got[0].Shown != 0 {
		t.Errorf("behind the hill: %+v, want placed and hidden", got[0])
	}
	if !got[1].OK || got[1].Shown != 1 {
		t.Errorf("in front of the hill: %+v, want placed and shown", got[1])
	}
	if got[2].OK {
		t.Errorf("outside the domain: %+v, want not placed", got[2])
	}
	sx, sy, ok := v.Marker(cam, -0.72, 0)
	if !ok || abs(sx-got[1].X) > 0.5 || abs(sy-got[1].Y) > 0.5 {
		t.Errorf("the probe is at (%v, %v), Marker puts the point at (%v, %v)", got[1].X, got[1].Y, sx, sy)
	}
	v.Prepare(Frame{Camera: cam, Style: style()})
	if len(v.Probes()) != 0 {
		t.Error("results without probes")
	}
}

func abs(v float64) float64 {
	if v < 0 {
		return -v
	}
	return v
}
