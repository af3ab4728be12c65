package contour

import (
	"math"
	"strings"
	"testing"
)

// isNice reports whether v is k * m * 10^e for a mantissa m in ms.
func isNice(v float64, ms []float64) bool {
	if v == 0 {
		return true
	}
	e := math.Floor(math.Log10(math.Abs(v)))
	for de := -1.0; de <= 1; de++ {
		for _, m := range ms {
			q := math.Abs(v) / (m * math.Pow(10, e+de))
			if q >= 0.5 && math.Abs(q-math.Round(q)) < 1e-9*q {
				return true
			}
		}
	}
	return false
}

func TestLevelsLinearAndSqrt(t *testing.T) {
	for _, tc := range []struct {
		name string
		z    []float64
		n    int
		s    Scale
	}{
		{"unit", []float64{0, 1}, 10, Linear},
		{"unit, 5", []float64{0, 1}, 5, Linear},
		{"offset", []float64{1003.2, 1017.9}, 7, Linear},
		{"negative", []float64{-3.7, -0.02, math.NaN()}, 8, Linear},
		{"tiny", []float64{2e-9, 7.5e-9}, 12, Linear},
		{"huge", []float64{-4e12, 9e12}, 6, Linear},
		{"straddling zero", []float64{-1.1, 2.3, math.Inf(1), math.Inf(-1)}, 12, Linear},
		{"one level", []float64{0, 10}, 1, Linear},
		{"n below one", []float64{0, 10}, -4, Linear},
		{"sqrt of a loss", []float64{0, 400, 37}, 10, Sqrt},
		{"sqrt with rounding noise", []float64{-1e-17, 2.2, 81}, 12, Sqrt},
	} {
		t.Run(tc.name, func(t *testing.T) {
			lv := Levels(tc.z, tc.n, tc.s)
			lo, hi, _ := transformedRange(tc.z, tc.s)
			n := max(tc.n, 1)
			if len(lv) < 1 || len(lv) < n/2 || len(lv) > 2*n+1 {
				t.Fatalf("%d levels %v for n = %d", len(lv), lv, n)
			}
			step := math.Inf(1)
			if len(lv) > 1 {
				step = lv[1] - lv[0]
			}
			for i, l := range lv {
				if l <= lo || l >= hi {
					t.Fatalf("level %g outside the open range (%g, %g)", l, lo, hi)
				}
				if q := l / step; len(lv) > 1 && math.Abs(q-math.Round(q)) > 1e-9*math.Max(1, math.Abs(q)) {
					t.Errorf("level %g is not a multiple of the step %g", l, step)
				}
				if len(lv) == 1 && !isNice(l, []float64{1, 2, 2.5, 5}) {
					t.Errorf("single level %g is not nice", l)
				}
				if i > 0 && math.Abs(l-lv[i-1]-step) > 1e-9*step {
					t.Errorf("uneven steps %v", lv)
				}
			}
			if len(lv) > 1 {
				if !isNice(step, []float64{1, 2, 2.5, 5}) {
					t.Errorf("step %g is not nice", step)
				}
				// The levels cover the range: one more step passes both ends.
				if lv[0]-step > lo || lv[len(lv)-1]+step < hi {
					t.Errorf("levels %v do not cover [%g, %g]", lv, lo, hi)
				}
			}
		})
	}
}

func TestLevelsLog(t *testing.T) {
	for _, tc := range []struct {
		name     string
		z        []float64
		n        int
		wantText string
	}{
		{"six decades", []float64{1e-4, 3, 200}, 6, "1e-3 0.01 0.1 1 10 100"},
		{"1-2-5", []float64{0.15, 60}, 8, "0.2 0.5 1 2 5 10 20 50"},
		{"every second decade", []float64{1e-12, 1e3}, 7, "1e-10 1e-8 1e-6 1e-4 0.01 1 100"},
		{"narrow", []float64{2, 5}, 6, "2.5 3 3.5 4 4.5"},
		{"zero and negative clamp to the smallest positive", []float64{0, -5, 0.002, 30}, 4, "0.01 0.1 1 10"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			lv := Levels(tc.z, tc.n, Log)
			var texts []string
			for _, l := range lv {
				texts = append(texts, LevelText(l, Log))
			}
			if got := strings.Join(texts, " "); got != tc.wantText {
				t.Errorf("levels %s, want %s", got, tc.wantText)
			}
		})
	}
}

func TestLevelsDegenerate(t *testing.T) {
	for _, tc := range []struct {
		name string
		z    []float64
		s    Scale
	}{
		{"empty", nil, Linear},
		{"constant", []float64{2, 2, 2}, Linear},
		{"all NaN", []float64{math.NaN(), math.Inf(1)}, Linear},
		{"log of nothing positive", []float64{0, -1}, Log},
	} {
		if lv := Levels(tc.z, 10, tc.s); lv != nil {
			t.Errorf("%s: got %v", tc.name, lv)
		}
	}
}

func TestTransform(t *testing.T) {
	for _, tc := range []struct {
		v    float64
		s    Scale
		want float64
	}{
		{4, Linear, 4},
		{9, Sqrt, 3},
		{-9, Sqrt, -3},
		{1e-3, Log, -3},
		{0, Log, math.Inf(-1)},
		{-1, Log, math.Inf(-1)},
	} {
		got := Transform(tc.v, tc.s)
		if got != tc.want && math.Abs(got-tc.want) > 1e-15 {
			t.Errorf("Transform(%g, %v) = %g, want %g", tc.v, tc.s, got, tc.want)
		}
		if finite(got) {
			if back := Inverse(got, tc.s); math.Abs(back-tc.v) > 1e-15*math.Abs(tc.v) {
				t.Errorf("Inverse(Transform(%g, %v)) = %g", tc.v, tc.s, back)
			}
		}
	}
	g := TransformGrid([]float64{0, -2, 0.01, 100, math.NaN(), math.Inf(1)}, Log)
	want := []float64{-2, -2, -2, 2}
	for i, w := range want {
		if math.Abs(g[i]-w) > 1e-15 {
			t.Errorf("TransformGrid Log [%d] = %g, want %g", i, g[i], w)
		}
	}
	if !math.IsNaN(g[4]) || !math.IsInf(g[5], 1) {
		t.Errorf("TransformGrid kept holes as %g, %g", g[4], g[5])
	}
	if g := TransformGrid([]float64{0, -1}, Log); !math.IsNaN(g[0]) || !math.IsNaN(g[1]) {
		t.Errorf("TransformGrid with no positive value gave %v", g)
	}
}

func TestParseScale(t *testing.T) {
	for _, s := range []Scale{Linear, Sqrt, Log} {
		got, err := ParseScale(s.String())
		if err != nil || got != s {
			t.Errorf("ParseScale(%q) = %v, %v", s.String(), got, err)
		}
	}
	if _, err := ParseScale("cubic"); err == nil || !strings.HasPrefix(err.Error(), "contour: ") || !strings.Contains(err.Error(), `unknown scale "cubic"`) {
		t.Errorf("ParseScale(cubic) error %v", err)
	}
}

func TestFormatLevel(t *testing.T) {
	for _, tc := range []struct {
		v    float64
		want string
	}{
		{0.5, "0.5"},
		{12, "12"},
		{1.2e-3, "1.2e-3"},
		{0.1 * 3, "0.3"},
		{2.25, "2.25"},
		{-0.25, "-0.25"},
		{0.01, "0.01"},
		{12345, "12345"},
		{3e6, "3e6"},
		{-4.5e-7, "-4.5e-7"},
		{math.Copysign(0, -1), "0"},
		{1.0000000000000002, "1"},
		{math.NaN(), "NaN"},
	} {
		if got := FormatLevel(tc.v); got != tc.want {
			t.Errorf("FormatLevel(%v) = %q, want %q", tc.v, got, tc.want)
		}
	}
}
