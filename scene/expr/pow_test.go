package expr

import (
	"fmt"
	"math"
	"math/big"
	"math/rand/v2"
	"os"
	"strings"
	"testing"
)

// exactPow is x^n correctly rounded, computed with big.Float.
func exactPow(x float64, n int) float64 {
	const prec = 4000
	b := new(big.Float).SetPrec(prec).SetFloat64(x)
	r := new(big.Float).SetPrec(prec).SetFloat64(1)
	neg := n < 0
	if neg {
		n = -n
	}
	for range n {
		r.Mul(r, b)
	}
	if neg {
		r.Quo(new(big.Float).SetPrec(prec).SetFloat64(1), r)
	}
	f, _ := r.Float64()
	return f
}

// TestCPowIsCorrectlyRounded checks integer powers against exact arithmetic,
// as the C library's pow (which torch uses) rounds them.
func TestCPowIsCorrectlyRounded(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	wrong, goWrong := 0, 0
	for range 3000 {
		x := (rng.Float64()*2 - 1) * math.Pow(10, float64(rng.IntN(7)-3))
		n := rng.IntN(41) - 20
		want := exactPow(x, n)
		if got := cpow(x, float64(n)); got != want {
			wrong++
			if wrong <= 3 {
				t.Errorf("cpow(%v, %d) = %v, want %v", x, n, got, want)
			}
		}
		if math.Pow(x, float64(n)) != want {
			goWrong++
		}
	}
	t.Logf("math.Pow was off in %d of 3000 cases, cpow in %d", goWrong, wrong)
	special := []struct{ x, y, want float64 }{
		{0, -2, math.Inf(1)},
		{0, 3, 0},
		{math.Copysign(0, -1), 3, math.Copysign(0, -1)},
		{2, 1024, math.Inf(1)},
		{2, -1074, 5e-324},
		{-2, 3, -8},
		{-2, 0.5, math.NaN()},
		{math.Inf(-1), 3, math.Inf(-1)},
		{1e200, 2, math.Inf(1)},
		{1e-200, 2, 0},
		{math.NaN(), 0, 1},
	}
	for _, s := range special {
		got := cpow(s.x, s.y)
		if math.IsNaN(s.want) {
			if !math.IsNaN(got) {
				t.Errorf("cpow(%v, %v) = %v, want NaN", s.x, s.y, got)
			}
			continue
		}
		if got != s.want || math.Signbit(got) != math.Signbit(s.want) {
			t.Errorf("cpow(%v, %v) = %v, want %v", s.x, s.y, got, s.want)
		}
	}
}

// TestCPowMatchesGlibc compares cpow with glibc's pow on a table made by
// Python's float ** (which calls C pow), covering fractional, half-integer,
// large and near-1 cases. cpow must be correctly rounded everywhere; glibc
// is within 0.52 ulp, so it may differ from cpow by one ulp in the rare
// cases where the exact value lies almost half-way between two floats.
func TestCPowMatchesGlibc(t *testing.T) {
	data, err := os.ReadFile("testdata/cpow-glibc.txt")
	if err != nil {
		t.Fatal(err)
	}
	rows, notRounded, offGlibc, goOff := 0, 0, 0, 0
	for _, line := range strings.Split(string(data), "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		var x, y, glibc, exact float64
		if _, err := fmt.Sscan(line, &x, &y, &glibc, &exact); err != nil {
			t.Fatalf("%q: %v", line, err)
		}
		rows++
		got := cpow(x, y)
		if got != exact {
			notRounded++
			if notRounded <= 5 {
				t.Errorf("cpow(%v, %v) = %v, want %v", x, y, got, exact)
			}
		}
		if got != glibc {
			offGlibc++
			if math.Nextafter(got, glibc) != glibc {
				t.Errorf("cpow(%v, %v) = %v, more than an ulp from glibc's %v", x, y, got, glibc)
			}
		}
		if math.Pow(x, y) != glibc {
			goOff++
		}
	}
	t.Logf("%d cases: math.Pow differs from glibc in %d, cpow in %d", rows, goOff, offGlibc)
	if rows < 1000 {
		t.Fatalf("only %d rows", rows)
	}
	if offGlibc > rows/200 {
		t.Errorf("cpow differs from glibc in %d of %d cases, want at most 0.5%%", offGlibc, rows)
	}
}

// BenchmarkCPow times one fractional power, the slowest path of cpow.
func BenchmarkCPow(b *testing.B) {
	s := 0.0
	x := 1.7
	for b.Loop() {
		s += cpow(x, 1.37)
		x += 1e-9
	}
	if s == 0 {
		b.Fatal("zero")
	}
}

// TestExpParts checks the fast table-driven exponential against the slow
// series, which is accurate to about 2^-100.
func TestExpParts(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	worst := 0.0
	for range 20000 {
		th := (rng.Float64()*2 - 1) * 700
		if rng.IntN(2) == 0 {
			th /= 1e6
		}
		tl := th * 0x1p-60 * (rng.Float64()*2 - 1)
		th, tl = quickTwoSum(th, tl)
		fh, fl, fk := expParts(th, tl)
		sh, sl, sk := expSeries(th, tl)
		// Compare (fh+fl)*2^fk with (sh+sl)*2^sk as a relative error.
		fh, fl = math.Ldexp(fh, fk-sk), math.Ldexp(fl, fk-sk)
		dh, dl := addDD(fh, fl, -sh, -sl)
		rel := math.Abs((dh + dl) / sh)
		worst = max(worst, rel)
	}
	t.Logf("largest relative difference %g (2^%.1f)", worst, math.Log2(worst))
	if worst > 0x1p-81 {
		t.Errorf("fast exp off by %g relative, want below 2^-81", worst)
	}
}

// FuzzCPow checks cpow against math.Pow on arbitrary inputs: the two must
// agree on every special case (NaN, infinities, zeros, signs) and otherwise
// lie within a few ulps, math.Pow being the less accurate one.
func FuzzCPow(f *testing.F) {
	f.Add(2.0, 0.5)
	f.Add(-8.0, 3.0)
	f.Add(1.0000001, 1e9)
	f.Add(0.0, -1.0)
	f.Add(-2.0, 2000.0)
	f.Fuzz(func(t *testing.T, x, y float64) {
		got, want := cpow(x, y), math.Pow(x, y)
		if math.IsNaN(want) || math.IsInf(want, 0) || want == 0 {
			if !(math.IsNaN(got) && math.IsNaN(want)) && got != want {
				t.Fatalf("cpow(%v, %v) = %v, math.Pow %v", x, y, got, want)
			}
			return
		}
		if math.Signbit(got) != math.Signbit(want) {
			t.Fatalf("cpow(%v, %v) = %v, math.Pow %v: signs differ", x, y, got, want)
		}
		if math.Abs(want) < 0x1p-1022 || math.IsInf(got, 0) {
			// Subnormal and overflow boundaries are math.Pow's.
			if got != want {
				t.Fatalf("cpow(%v, %v) = %v, math.Pow %v", x, y, got, want)
			}
			return
		}
		// math.Pow's relative error grows with |y| (it squares repeatedly:
		// 1.0000001^1e9 is off by 6e-9), so the bound does too.
		if rel := math.Abs(got-want) / math.Abs(want); rel > 1e-13+3e-16*math.Abs(y) {
			t.Fatalf("cpow(%v, %v) = %v, math.Pow %v (relative %g)", x, y, got, want, rel)
		}
	})
}
