package basinplot

import (
	"math"
	"strconv"
)

// niceTicks returns about want evenly spaced round values (steps of 1, 2,
// 2.5 or 5 times a power of ten) inside [lo, hi], and the step: the rule of
// the window's axes (scene/plot), kept here so that drawing a PNG needs no
// graphics library.
func niceTicks(lo, hi float64, want int) ([]float64, float64) {
	if !(hi > lo) || math.IsInf(hi-lo, 0) || want < 2 {
		return nil, 0
	}
	raw := (hi - lo) / float64(want-1)
	p := math.Pow(10, math.Floor(math.Log10(raw)))
	step := p * 10
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if m*p >= raw {
			step = m * p
			break
		}
	}
	var ticks []float64
	for v := math.Ceil(lo/step-1e-9) * step; v <= hi+step*1e-9 && len(ticks) < 100; v += step {
		if math.Abs(v) < step*1e-9 {
			v = 0
		}
		ticks = append(ticks, v)
	}
	return ticks, step
}

// formatTick writes a tick value with as many decimals as the step needs.
func formatTick(v, step float64) string {
	a := math.Abs(v)
	if a >= 1e5 || (a < 1e-3 && a > 0) {
		return strconv.FormatFloat(v, 'g', 3, 64)
	}
	decimals := 0
	for decimals < 10 {
		s := step * math.Pow(10, float64(decimals))
		if math.Abs(s-math.Round(s)) < 1e-6 {
			break
		}
		decimals++
	}
	return strconv.FormatFloat(v, 'f', decimals, 64)
}

// formatValue writes a coordinate or share briefly: 4 significant digits.
func formatValue(v float64) string {
	if v == 0 {
		return "0"
	}
	return strconv.FormatFloat(v, 'g', 4, 64)
}
