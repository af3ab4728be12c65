package mlp

import (
	"fmt"
	"math"
	"math/rand/v2"

	"descent/optim"
)

// Init returns parameters drawn as torch.nn.Linear initialises them: every
// weight and bias of a layer uniform in (-1/sqrt(in), 1/sqrt(in)), from a
// PCG generator seeded with seed, so the same seed gives the same network.
func (n Net) Init(seed uint64) []float64 {
	rng := rand.New(rand.NewPCG(seed, 0x2545f4914f6cdd1d))
	w := make([]float64, n.NumParams())
	for _, ly := range n.Layers() {
		k := 1 / math.Sqrt(float64(ly.In))
		for i := ly.W; i < ly.B+ly.Out; i++ {
			w[i] = k * (2*rng.Float64() - 1)
		}
	}
	return w
}

// Training is how a network is trained: full-batch steps of an optimizer
// on the loss of Net.Loss.
type Training struct {
	// Optimizer is an optimizer spec, e.g. "adam:lr=0.01" (see optim.ParseSpec).
	Optimizer string `json:"optimizer"`
	// Steps is the number of full-batch steps.
	Steps int `json:"steps"`
	// Lambda is the L2 penalty of the loss.
	Lambda float64 `json:"lambda"`
	// Seed draws the initial weights (see Init).
	Seed uint64 `json:"seed"`
}

// Train trains the network on the points (inputs[i], labels[i]) from the
// initial weights of t.Seed and returns the weights and the loss there. It
// is deterministic: the same settings and data give the same weights, bit
// for bit, on one platform.
func (n Net) Train(inputs [][]float64, labels []float64, t Training) ([]float64, float64, error) {
	if err := n.Validate(); err != nil {
		return nil, 0, err
	}
	if len(inputs) != len(labels) || len(labels) == 0 {
		return nil, 0, fmt.Errorf("mlp: %d inputs and %d labels: want the same number, at least one", len(inputs), len(labels))
	}
	for i, in := range inputs {
		if len(in) != n.Sizes[0] {
			return nil, 0, fmt.Errorf("mlp: input %d has %d numbers, the network takes %d", i+1, len(in), n.Sizes[0])
		}
	}
	if t.Steps < 0 {
		return nil, 0, fmt.Errorf("mlp: invalid number of steps %d", t.Steps)
	}
	spec, err := optim.ParseSpec(t.Optimizer)
	if err != nil {
		return nil, 0, fmt.Errorf("mlp: %w", err)
	}
	opt, err := optim.New(spec)
	if err != nil {
		return nil, 0, fmt.Errorf("mlp: %w", err)
	}
	w := n.Init(t.Seed)
	grad := make([]float64, len(w))
	for range t.Steps {
		clear(grad)
		n.Loss(w, inputs, labels, nil, t.Lambda, grad)
		opt.Step(w, grad)
	}
	return w, n.Loss(w, inputs, labels, nil, t.Lambda, nil), nil
}

// Directions returns two random directions in parameter space, normalised
// filter by filter as Li et al. (2018) do: each unit's row of incoming
// weights in a direction gets the norm of that row in w, and the biases'
// part is zero. Plotting the loss at w + a*d1 + b*d2 then shows features
// at the scale of the network's own weights. The directions come from a
// PCG generator seeded with seed.
func (n Net) Directions(w []float64, seed uint64) (d1, d2 []float64) {
	rng := rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15))
	draw := func() []float64 {
		d := make([]float64, len(w))
		for _, ly := range n.Layers() {
			for j := range ly.Out {
				lo, hi := ly.W+j*ly.In, ly.W+(j+1)*ly.In
				var dn, wn float64
				for k := lo; k < hi; k++ {
					d[k] = rng.NormFloat64()
					dn += d[k] * d[k]
					wn += w[k] * w[k]
				}
				scale := math.Sqrt(wn) / (math.Sqrt(dn) + 1e-10)
				for k := lo; k < hi; k++ {
					d[k] *= scale
				}
			}
		}
		return d
	}
	d1 = draw()
	d2 = draw()
	return d1, d2
}
