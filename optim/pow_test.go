package optim

import (
	"math"
	"math/rand/v2"
	"testing"
)

// powBases draws bases as optimizers see them: betas near 1, onecyclelr's
// cycled beta1 between 0.85 and 0.95, anything in (0, 1), and a few above 1.
func powBase(rng *rand.Rand) float64 {
	switch rng.IntN(5) {
	case 0:
		return 1 - math.Ldexp(rng.Float64(), -rng.IntN(20))
	case 1:
		return 0.85 + 0.1*rng.Float64()
	case 2:
		return rng.Float64()
	case 3:
		return 1 + math.Ldexp(rng.Float64(), -rng.IntN(30))
	}
	return math.Float64frombits(0x3fe0000000000000 + rng.Uint64N(1<<52)) // [0.5, 1)
}

// TestPowQuickIsPowInt checks that powQuick, whenever it answers, answers
// powInt's bits, and that it rarely declines inside its range.
func TestPowQuickIsPowInt(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	declined, inRange, total := 0, 0, 0
	powInt := func(b float64, n int) float64 { // as it was before powQuick
		hi, lo := powDD(b, n)
		return hi + lo
	}
	check := func(b float64, n int) {
		total++
		v, ok := powQuick(b, n)
		if !ok {
			if w := powInt(b, n); n <= 4096 && math.Abs(w) >= 0x1p-899 && math.Abs(w) <= 0x1p899 {
				declined++
			}
			return
		}
		inRange++
		if w := powInt(b, n); math.Float64bits(v) != math.Float64bits(w) {
			t.Fatalf("powQuick(%v, %d) = %v, powInt = %v", b, n, v, w)
		}
	}
	for n := 1; n <= 4096; n++ {
		for range 40 {
			check(powBase(rng), n)
		}
	}
	for range 200000 {
		check(powBase(rng), 1+rng.IntN(quickMax))
	}
	for _, b := range []float64{0.5, 1, 2, 0.9, 0.999, 0.95, 0.85, math.Nextafter(1, 0), math.Nextafter(1, 2)} {
		for n := 1; n <= quickMax; n += 1 + n/64 {
			check(b, n)
		}
	}
	// Outside the range it declines: the caller's powInt decides.
	for _, c := range []struct {
		b float64
		n int
	}{{0, 5}, {-0.5, 3}, {math.Inf(1), 2}, {math.NaN(), 2}, {0.9, 0}, {0.9, quickMax + 1}, {0.5, 901}, {2, 901}, {1e-300, 4}} {
		if v, ok := powQuick(c.b, c.n); ok {
			t.Errorf("powQuick(%v, %d) = %v, want a refusal", c.b, c.n, v)
		}
	}
	if declined*10000 > total {
		t.Errorf("powQuick declined %d of %d cases up to n = 4096", declined, total)
	}
	t.Logf("%d of %d answered, %d declined in range", inRange, total, declined)
}

// TestOneMinusQuickIsOneMinusPowInt checks that oneMinusQuick, whenever it
// answers, answers 1 - powInt's bits, and that it answers once b^n is small
// next to 1/n.
func TestOneMinusQuickIsOneMinusPowInt(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 17))
	answered, total := 0, 0
	check := func(b float64, n int) {
		total++
		v, ok := oneMinusQuick(b, n)
		if !ok {
			return
		}
		answered++
		hi, lo := powDD(b, n)
		if w := 1 - (hi + lo); math.Float64bits(v) != math.Float64bits(w) {
			t.Fatalf("oneMinusQuick(%v, %d) = %v, 1 - powInt = %v", b, n, v, w)
		}
	}
	for n := 1; n <= 4096; n++ {
		for range 40 {
			check(powBase(rng), n)
		}
	}
	for range 200000 {
		check(powBase(rng), 1+rng.IntN(oneMinusMax))
	}
	for _, b := range []float64{0.5, 1, 2, 0.9, 0.999, 0.95, 0.85, math.Nextafter(1, 0), math.Nextafter(1, 2)} {
		for n := 1; n <= oneMinusMax; n += 1 + n/64 {
			check(b, n)
		}
	}
	for _, c := range []struct {
		b float64
		n int
	}{{0, 5}, {-0.5, 3}, {math.Inf(1), 2}, {math.NaN(), 2}, {0.9, 0}, {0.9, oneMinusMax + 1}, {0.5, 901}, {2, 901}, {1e-300, 4}} {
		if v, ok := oneMinusQuick(c.b, c.n); ok {
			t.Errorf("oneMinusQuick(%v, %d) = %v, want a refusal", c.b, c.n, v)
		}
	}
	// Adam's beta1 = 0.9 from step 400 on: 0.9^400 = 5e-19.
	for n := 400; n < 5000; n++ {
		if _, ok := oneMinusQuick(0.9, n); !ok {
			t.Errorf("oneMinusQuick(0.9, %d) declined", n)
		}
	}
	t.Logf("%d of %d answered", answered, total)
}

// refPower is power as it was before powQuick: the reference power.at must
// keep following bit for bit.
type refPower struct {
	b      float64
	t      int
	hi, lo float64
}

func (p *refPower) at(b float64, t int) float64 {
	switch {
	case t == p.t && b == p.b && t > 0:
	case t == p.t+1 && b == p.b && t > 1:
		if math.Abs(p.hi) >= tiny && math.Abs(p.hi) <= 1/tiny {
			p.hi, p.lo = ddMul(p.hi, p.lo, b, 0)
		} else {
			p.hi, p.lo = math.Pow(b, float64(t)), 0
		}
	default:
		p.hi, p.lo = powDD(b, t)
	}
	p.b, p.t = b, t
	return p.hi + p.lo
}

// TestPowerFollowsReference drives power and refPower through the same
// sequences of (b, t): steps with a fixed b (the incremental product),
// with b changing at every step (a cycled beta1) or now and then, repeated
// calls and restarts, through at and oneMinus, and requires the same bits
// throughout.
func TestPowerFollowsReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 5))
	for run := range 300 {
		var p power
		var r refPower
		b := powBase(rng)
		step := 0
		for i := range 3000 {
			switch k := rng.IntN(100); {
			case k < 2:
				step = 0 // Reset
			case k < 4 && step > 0:
				step-- // a repeated call
			}
			step++
			switch run % 3 {
			case 0: // b cycled at every step, as onecyclelr's beta1
				b = 0.85 + 0.1*(1+math.Cos(float64(i)/300))/2
			case 1: // b changed now and then
				if rng.IntN(50) == 0 {
					b = powBase(rng)
				}
			default: // b cycled for stretches, fixed for others
				if (i/100)%2 == 0 {
					b = 0.9 + 0.05*math.Sin(float64(i)/40)
				}
			}
			want := r.at(b, step)
			if rng.IntN(2) == 0 {
				if got := p.at(b, step); math.Float64bits(got) != math.Float64bits(want) {
					t.Fatalf("run %d call %d: at(%v, %d) = %v, want %v", run, i, b, step, got, want)
				}
			}
			if got := p.oneMinus(b, step); math.Float64bits(got) != math.Float64bits(1-want) {
				t.Fatalf("run %d call %d: oneMinus(%v, %d) = %v, want %v", run, i, b, step, got, 1-want)
			}
			if rng.IntN(8) == 0 {
				if got := p.at(b, step); math.Float64bits(got) != math.Float64bits(want) {
					t.Fatalf("run %d call %d: at(%v, %d) after oneMinus = %v, want %v", run, i, b, step, got, want)
				}
			}
		}
	}
}
