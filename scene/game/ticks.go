package game

import (
	"math"
	"strconv"
	"strings"
)

// niceTicks returns about want evenly spaced round values (steps of 1, 2,
// 2.5 or 5 times a power of ten) inside [lo, hi], and the step.
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
	first := math.Ceil(lo/step-1e-9) * step
	var ticks []float64
	for v := first; v <= hi+step*1e-9; v += step {
		if math.Abs(v) < step*1e-9 {
			v = 0
		}
		ticks = append(ticks, v)
		if len(ticks) > 100 {
			break
		}
	}
	return ticks, step
}

// formatTick writes a tick value briefly, with as many decimals as the step
// needs ("0.5", "-2", "1e+05", "2.5e-05").
func formatTick(v, step float64) string {
	a := math.Abs(v)
	if a >= 1e5 || (a < 1e-3 && a > 0) || (a == 0 && step < 1e-3) {
		if a == 0 {
			return "0"
		}
		s := strconv.FormatFloat(v, 'e', significant(v, step)-1, 64)
		// 1.0e+05 -> 1e+05
		if i := strings.IndexByte(s, 'e'); i > 0 {
			m := strings.TrimRight(strings.TrimRight(s[:i], "0"), ".")
			s = m + s[i:]
		}
		return s
	}
	decimals := 0
	if step < 1 {
		decimals = int(math.Ceil(-math.Log10(step) - 1e-9))
		// A step of 0.25 needs two decimals, not one.
		for decimals < 10 && math.Abs(step*math.Pow(10, float64(decimals))-math.Round(step*math.Pow(10, float64(decimals)))) > 1e-6 {
			decimals++
		}
	}
	return strconv.FormatFloat(v, 'f', decimals, 64)
}

// significant returns how many significant digits v needs at this step.
func significant(v, step float64) int {
	d := int(math.Floor(math.Log10(math.Abs(v)))) - int(math.Floor(math.Log10(step))) + 1
	return max(1, min(d, 6))
}

// formatValue writes a loss or distance for the legend: 4 significant
// digits, exponent form for very large or small values.
func formatValue(v float64) string {
	switch {
	case math.IsNaN(v):
		return "NaN"
	case math.IsInf(v, 1):
		return "+Inf"
	case math.IsInf(v, -1):
		return "-Inf"
	case v == 0:
		return "0"
	}
	a := math.Abs(v)
	if a >= 1e5 || a < 1e-3 {
		return strconv.FormatFloat(v, 'e', 2, 64)
	}
	return strconv.FormatFloat(v, 'g', 4, 64)
}
