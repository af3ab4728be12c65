package plot

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// NiceTicks returns about want evenly spaced round values (steps of 1, 2,
// 2.5 or 5 times a power of ten) inside [lo, hi], and the step.
func NiceTicks(lo, hi float64, want int) ([]float64, float64) {
	if !(hi > lo) || math.IsInf(hi-lo, 0) || want < 2 {
		return nil, 0
	}
	raw := (hi - lo) / float64(want-1)
	p := math.Pow(10, math.Floor(math.Log10(raw)))
	steps := []float64{p / 10, p / 5, p / 4, p / 2, p, 2 * p, 2.5 * p, 5 * p, 10 * p}
	k := len(steps) - 1
	for i, s := range steps {
		if s >= raw {
			k = i
			break
		}
	}
	// A step so coarse that fewer than three ticks fall in the range (a
	// short axis asking for few) gives way to the next finer one.
	for k > 0 && math.Floor(hi/steps[k]+1e-9)-math.Ceil(lo/steps[k]-1e-9) < 2 {
		k--
	}
	step := steps[k]
	first := math.Ceil(lo/step-1e-9) * step
	var ticks []float64
	for v := first; v <= hi+step*1e-9; v += step {
		if math.Abs(v) < step*1e-9 {
			v = 0
		}
		ticks = append(ticks, v)
		if len(ticks) > maxTicks {
			break
		}
	}
	return ticks, step
}

// maxTicks bounds NiceTicks' output whatever the range.
const maxTicks = 100

// FormatTick writes a tick value briefly, with as many decimals as the step
// needs ("0.5", "-2", "1e+05", "2.5e-05").
func FormatTick(v, step float64) string {
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

// FormatValue writes a loss or distance for a legend: 4 significant digits,
// exponent form for very large or small values.
func FormatValue(v float64) string {
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

// RoundTo rounds v to d significant decimals of its magnitude's order
// (RoundTo(0.012345, 3) = 0.0123); zero and non-finite values stay.
func RoundTo(v float64, d int) float64 {
	if v == 0 || v-v != 0 {
		return v
	}
	p := math.Pow(10, float64(d)-math.Ceil(math.Log10(math.Abs(v))))
	return math.Round(v*p) / p
}

// FormatPoint writes a point briefly: "1.5, -0.25".
func FormatPoint(p []float64) string {
	parts := make([]string, len(p))
	for i, v := range p {
		parts[i] = FormatValue(RoundTo(v, 4))
	}
	return strings.Join(parts, ", ")
}

// Tick is one tick of an axis: its value and label (empty for a minor
// tick, drawn as a faint grid line only).
type Tick struct {
	V     float64
	S     string
	Minor bool
}

// LogTicks returns the ticks of a log10 axis from lo to hi (exponents):
// labelled decades, with 2 and 5 labelled too when there are few decades,
// and faint minor lines at 2..9 when a decade is tall enough for them (room
// counts the 40-pixel label slots of the axis).
func LogTicks(lo, hi, room float64) []Tick {
	var out []Tick
	d0, d1 := int(math.Floor(lo)), int(math.Ceil(hi))
	decades := d1 - d0
	every := max(1, int(math.Ceil(float64(decades)/math.Max(room, 2))))
	for d := d0; d <= d1; d++ {
		for m := 1; m <= 9; m++ {
			v := float64(d) + math.Log10(float64(m))
			if v < lo-1e-9 || v > hi+1e-9 {
				continue
			}
			switch {
			case m == 1 && d%every == 0:
				out = append(out, Tick{V: v, S: DecadeLabel(d)})
			case decades <= 2 && (m == 2 || m == 5):
				out = append(out, Tick{V: v, S: strconv.FormatFloat(float64(m)*math.Pow(10, float64(d)), 'g', -1, 64)})
			case decades <= 6 && float64(decades)*1.25 <= room:
				// Minor lines only when a decade has ~50 px: denser ones
				// grey the chart over.
				out = append(out, Tick{V: v, Minor: true})
			}
		}
	}
	return out
}

// DecadeLabel writes 10^d briefly: 0.01, 0.1, 1, 10, 100, 1000, else 1e-05.
func DecadeLabel(d int) string {
	if d >= -2 && d <= 3 {
		return strconv.FormatFloat(math.Pow(10, float64(d)), 'f', max(0, -d), 64)
	}
	return fmt.Sprintf("1e%d", d)
}
