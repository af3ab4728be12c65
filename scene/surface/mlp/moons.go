package mlp

import (
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"strconv"
)

// Moons returns scikit-learn's two interleaving half circles
// (make_moons without shuffling): n/2 points of the upper moon
// (cos t, sin t), label 0, then the rest on the lower moon
// (1 - cos t, 1/2 - sin t), label 1, for t evenly spaced over [0, pi],
// every coordinate moved by Gaussian noise of standard deviation noise
// drawn from a PCG generator seeded with seed.
func Moons(n int, noise float64, seed uint64) (inputs [][]float64, labels []float64) {
	rng := rand.New(rand.NewPCG(seed, 0xda3e39cb94b95bdb))
	out := n / 2
	in := n - out
	add := func(m int, label float64, at func(t float64) (float64, float64)) {
		for i := range m {
			t := 0.0
			if m > 1 {
				t = math.Pi * float64(i) / float64(m-1)
			}
			x, y := at(t)
			inputs = append(inputs, []float64{x, y})
			labels = append(labels, label)
		}
	}
	add(out, 0, func(t float64) (float64, float64) { return math.Cos(t), math.Sin(t) })
	add(in, 1, func(t float64) (float64, float64) { return 1 - math.Cos(t), 0.5 - math.Sin(t) })
	for _, p := range inputs {
		p[0] += noise * rng.NormFloat64()
		p[1] += noise * rng.NormFloat64()
	}
	return inputs, labels
}

// WriteCSV writes points as CSV with the header x1,x2,label, numbers in
// their shortest round-trip form.
func WriteCSV(w io.Writer, inputs [][]float64, labels []float64) error {
	if _, err := io.WriteString(w, "x1,x2,label\n"); err != nil {
		return err
	}
	for i, p := range inputs {
		line := strconv.FormatFloat(p[0], 'g', -1, 64) + "," + strconv.FormatFloat(p[1], 'g', -1, 64) + "," + strconv.FormatFloat(labels[i], 'g', -1, 64) + "\n"
		if _, err := io.WriteString(w, line); err != nil {
			return fmt.Errorf("mlp: writing CSV: %w", err)
		}
	}
	return nil
}
