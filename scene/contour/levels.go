package contour

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Scale is the space in which contour levels are spread evenly: the values
// themselves (Linear), their square roots (Sqrt, as the regression-race
// scene contours sqrt(loss)) or their decimal logarithms (Log).
type Scale int

// The scales.
const (
	Linear Scale = iota
	Sqrt
	Log
)

// String returns the scale's name as ParseScale reads it.
func (s Scale) String() string {
	switch s {
	case Linear:
		return "linear"
	case Sqrt:
		return "sqrt"
	case Log:
		return "log"
	}
	return "Scale(" + strconv.Itoa(int(s)) + ")"
}

// ParseScale reads a scale name: "linear" (or ""), "sqrt" or "log".
func ParseScale(name string) (Scale, error) {
	switch strings.ToLower(strings.TrimSpace(name)) {
	case "", "linear":
		return Linear, nil
	case "sqrt":
		return Sqrt, nil
	case "log":
		return Log, nil
	}
	return Linear, fmt.Errorf("contour: unknown scale %q (want linear, sqrt or log)", name)
}

// Transform maps a value into the space where contours are computed:
// Linear leaves it alone, Sqrt takes a signed square root
// (sign(v)*sqrt(|v|), so a loss that rounding made slightly negative stays
// usable) and Log takes log10(v). Log of a value <= 0 is -Inf, which the
// contouring functions treat as a hole; TransformGrid instead clamps such
// values to the smallest positive value of the grid. An unknown scale acts
// as Linear.
func Transform(v float64, s Scale) float64 {
	switch s {
	case Sqrt:
		return math.Copysign(math.Sqrt(math.Abs(v)), v)
	case Log:
		if v <= 0 {
			return math.Inf(-1)
		}
		return math.Log10(v)
	}
	return v
}

// Inverse undoes Transform: it maps a level back to a value of the grid
// (Sqrt: sign(t)*t^2, Log: 10^t).
func Inverse(t float64, s Scale) float64 {
	switch s {
	case Sqrt:
		return math.Copysign(t*t, t)
	case Log:
		return math.Pow(10, t)
	}
	return t
}

// TransformGrid returns a new grid holding Transform of every value, ready
// for Lines and Bands. For Log, values <= 0 are first clamped to the
// smallest positive finite value of the grid (if there is none they become
// NaN, holes). NaN stays NaN and infinities stay infinite (holes as well).
func TransformGrid(z []float64, s Scale) []float64 {
	out := make([]float64, len(z))
	floor := math.NaN()
	if s == Log {
		if m, ok := minPositive(z); ok {
			floor = math.Log10(m)
		}
	}
	for i, v := range z {
		if s == Log && v <= 0 {
			out[i] = floor
			continue
		}
		out[i] = Transform(v, s)
	}
	return out
}

// minPositive returns the smallest finite value > 0 of z.
func minPositive(z []float64) (float64, bool) {
	m, ok := math.Inf(1), false
	for _, v := range z {
		if v > 0 && v < m {
			m, ok = v, true
		}
	}
	return m, ok
}

// transformedRange returns the finite range of TransformGrid(z, s) without
// building it.
func transformedRange(z []float64, s Scale) (lo, hi float64, ok bool) {
	lo, hi = math.Inf(1), math.Inf(-1)
	floor := math.NaN()
	if s == Log {
		if m, found := minPositive(z); found {
			floor = math.Log10(m)
		}
	}
	for _, v := range z {
		if !finite(v) {
			continue
		}
		var t float64
		if s == Log && v <= 0 {
			t = floor
		} else {
			t = Transform(v, s)
		}
		if !finite(t) {
			continue
		}
		lo, hi = math.Min(lo, t), math.Max(hi, t)
	}
	return lo, hi, lo <= hi
}

// Levels picks about n contour levels over the finite range of z (NaN and
// infinite values ignored) and returns them increasing, in the transformed
// space of the scale (the space of TransformGrid(z, s), where Lines and
// Bands use them). Only levels strictly inside the range are returned, so
// each one crosses the grid; the gap from the range's ends to the first and
// last level is at most one step.
//
// Linear and Sqrt levels are multiples of a nice step (1, 2, 2.5 or 5 times
// a power of ten) in the transformed space: Sqrt levels 1, 2, 3 are the
// values 1, 4, 9. Log levels are the logarithms of nice values: whole
// decades (1e-3, 1e-2, ... or every second or fifth decade), 1, 2, 5 x 10^k,
// 1..9 x 10^k, or for a range narrower than a decade a nice linear step; the
// choice whose count is nearest n wins (the coarser one on a tie).
//
// n below 1 counts as 1. Levels returns nil when z has fewer than two
// distinct finite values.
func Levels(z []float64, n int, s Scale) []float64 {
	lo, hi, ok := transformedRange(z, s)
	if !ok || lo == hi {
		return nil
	}
	if n < 1 {
		n = 1
	}
	if s == Log {
		return logLevels(lo, hi, n)
	}
	return niceLevels(lo, hi, n)
}

// niceStep is a step m * 10^e with m in {10, 20, 25, 50}/10; levels k*step
// are computed as k*m*10^e exactly rounded.
type niceStep struct {
	m10 int64 // 10, 20, 25 or 50
	e   int
}

func (st niceStep) size() float64 { return st.level(1) }

// level returns k*step, rounded once.
func (st niceStep) level(k int64) float64 {
	e := st.e - 1 // k*m10*10^(e-1)
	v := float64(k * st.m10)
	if e >= 0 {
		return v * math.Pow(10, float64(e))
	}
	return v / math.Pow(10, float64(-e))
}

// interior returns the multiples of the step strictly inside (lo, hi).
func (st niceStep) interior(lo, hi float64) []float64 {
	d := st.size()
	k0, k1 := int64(math.Floor(lo/d)), int64(math.Ceil(hi/d))
	var out []float64
	for k := k0; k <= k1; k++ {
		if v := st.level(k); v > lo && v < hi {
			out = append(out, v)
		}
	}
	return out
}

// niceLevels returns the multiples of the nice step whose count inside
// (lo, hi) is nearest n.
func niceLevels(lo, hi float64, n int) []float64 {
	e0 := int(math.Floor(math.Log10((hi - lo) / float64(n))))
	var best []float64
	bestDiff := math.MaxInt
	for e := e0 + 1; e >= e0-1; e-- { // coarse to fine, so ties keep the coarser
		for _, m := range [...]int64{50, 25, 20, 10} {
			st := niceStep{m, e}
			if (hi-lo)/st.size() > 4*float64(n)+10 {
				continue // far too fine; avoids huge slices
			}
			lv := st.interior(lo, hi)
			if d := abs(len(lv) - n); d < bestDiff {
				best, bestDiff = lv, d
			}
		}
	}
	return best
}

// logLevels picks levels for a range lo..hi of decimal logarithms.
func logLevels(lo, hi float64, n int) []float64 {
	var cands [][]float64
	// Whole decades, every 1, 2, 5, 10, 20, ... decades.
	for _, st := range []niceStep{{10, 0}, {20, 0}, {50, 0}, {10, 1}, {20, 1}, {50, 1}, {10, 2}} {
		if (hi-lo)/st.size() > 4*float64(n)+10 {
			continue
		}
		cands = append(cands, st.interior(lo, hi))
	}
	// Mantissas within each decade.
	for _, ms := range [][]float64{{1, 2, 5}, {1, 2, 3, 4, 5, 6, 7, 8, 9}} {
		if (hi-lo)*float64(len(ms)) > 4*float64(n)+10 {
			continue
		}
		var lv []float64
		for k := math.Floor(lo); k <= math.Ceil(hi); k++ {
			for _, m := range ms {
				if v := k + math.Log10(m); v > lo && v < hi {
					lv = append(lv, v)
				}
			}
		}
		cands = append(cands, lv)
	}
	// Narrow ranges: a nice linear step between the values themselves.
	if hi-lo < 1 {
		var lv []float64
		for _, v := range niceLevels(math.Pow(10, lo), math.Pow(10, hi), n) {
			if t := math.Log10(v); t > lo && t < hi {
				lv = append(lv, t)
			}
		}
		cands = append(cands, lv)
	}
	var best []float64
	bestDiff := math.MaxInt
	for _, lv := range cands {
		if d := abs(len(lv) - n); d < bestDiff {
			best, bestDiff = lv, d
		}
	}
	return best
}

func abs(i int) int {
	if i < 0 {
		return -i
	}
	return i
}

// FormatLevel writes a level value short, for a label: 0.5, 12, 2.25,
// 1.2e-3, 3e6. It keeps at most six significant digits (dropping
// floating-point noise such as 0.30000000000000004) and switches to an
// exponent below 0.01 and from 100000 on.
func FormatLevel(v float64) string {
	if v == 0 {
		return "0"
	}
	if !finite(v) {
		return strconv.FormatFloat(v, 'g', -1, 64)
	}
	r, err := strconv.ParseFloat(strconv.FormatFloat(v, 'g', 6, 64), 64)
	if err != nil {
		r = v
	}
	if a := math.Abs(r); a >= 0.01 && a < 1e5 {
		return strconv.FormatFloat(r, 'f', -1, 64)
	}
	s := strconv.FormatFloat(r, 'e', -1, 64) // 1.2e-03, 3e+06
	mant, exp, _ := strings.Cut(s, "e")
	neg := strings.HasPrefix(exp, "-")
	exp = strings.TrimLeft(exp, "+-0")
	if exp == "" {
		exp = "0"
	}
	if neg {
		exp = "-" + exp
	}
	return mant + "e" + exp
}

// LevelText is the label of a level returned by Levels for scale s: the
// level itself for Linear and Sqrt (a sqrt(loss) plot is labelled in
// sqrt(loss)), the value 10^level for Log (1e-3 rather than -3).
func LevelText(level float64, s Scale) string {
	if s == Log {
		return FormatLevel(math.Pow(10, level))
	}
	return FormatLevel(level)
}
