package expr

import (
	"fmt"
	"strings"
	"testing"
)

// benchExpr is the expression of the speed target: a 400x400 grid must take
// well under 50 ms.
const benchExpr = "log(1 + x^2) + tanh(y)^2 + exp(-x*y)/5"

// BenchmarkGrid400 evaluates benchExpr over a 400x400 grid on [-2, 2]^2;
// one iteration is one whole grid (160,000 points).
func BenchmarkGrid400(b *testing.B) {
	e := MustParse(benchExpr)
	const n = 400
	coord := func(i int) float64 { return -2 + 4*float64(i)/(n-1) }
	b.Run("Eval", func(b *testing.B) {
		sum := 0.0
		for b.Loop() {
			for i := range n {
				x := coord(i)
				for j := range n {
					sum += e.Eval(x, coord(j))
				}
			}
		}
		if sum == 0 {
			b.Fatal("zero sum")
		}
	})
	b.Run("Gradient", func(b *testing.B) {
		sum := 0.0
		for b.Loop() {
			for i := range n {
				x := coord(i)
				for j := range n {
					f, dx, dy := e.Gradient(x, coord(j))
					sum += f + dx + dy
				}
			}
		}
		if sum == 0 {
			b.Fatal("zero sum")
		}
	})
}

// longest returns a formula of terms "sin(x*K)*cos(y+K)" joined by '+', as
// long as fits in n bytes.
func longest(n int) string {
	var b strings.Builder
	for k := 1; ; k++ {
		term := fmt.Sprintf("sin(x*%d)*cos(y+%d)", k, k)
		if b.Len()+1+len(term) > n {
			return b.String()
		}
		if k > 1 {
			b.WriteByte('+')
		}
		b.WriteString(term)
	}
}

// TestLongestExpressionParses: a formula of MaxLength bytes parses, one
// byte more does not.
func TestLongestExpressionParses(t *testing.T) {
	src := longest(MaxLength)
	src += strings.Repeat(" ", MaxLength-len(src))
	if _, err := Parse(src); err != nil {
		t.Fatalf("a %d-byte formula: %v", len(src), err)
	}
	if _, err := Parse(src + " "); err == nil || !strings.Contains(err.Error(), "expression too long") {
		t.Fatalf("a %d-byte formula: error %v, want one saying it is too long", len(src)+1, err)
	}
}

// BenchmarkParseLongest parses and compiles formulas of 100 KB and of
// MaxLength bytes; the parse is linear in the length.
func BenchmarkParseLongest(b *testing.B) {
	for _, n := range []int{10_000, 100_000, MaxLength} {
		src := longest(n)
		b.Run(fmt.Sprintf("bytes=%d", n), func(b *testing.B) {
			for b.Loop() {
				if _, err := Parse(src); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkEvalLongest evaluates a MaxLength formula once: the cost a mesh
// pays per sample.
func BenchmarkEvalLongest(b *testing.B) {
	e := MustParse(longest(MaxLength))
	sum := 0.0
	for b.Loop() {
		sum += e.Eval(0.3, -0.7)
	}
	if sum == 0 {
		b.Fatal("zero sum")
	}
}
