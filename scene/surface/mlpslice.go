package surface

import (
	"encoding/json"
	"fmt"
	"slices"
	"sync"

	"descent/assets"
	"descent/scene/surface/mlp"
)

// The mlp-slice surface's recipe. Its data set and trained network are
// shipped in assets (data/moons-100.csv, models/mlp-slice.json) so every
// platform shows the same plane and nothing is trained at start-up;
// mlpSliceRecipe and trainMLPSlice rebuild them (see the tests' -regen flag).
const (
	mlpData   = "moons-100.csv"         // the built-in data set, in assets/data
	mlpModel  = "models/mlp-slice.json" // the trained network and directions, in assets
	mlpSpread = 2.0                     // the shown domain: [-mlpSpread, mlpSpread]^2
	mlpMesh   = 60                      // the default mesh: 3600 network losses
)

// mlpRecipe is how the mlp-slice network, its data and its plane are made.
type mlpRecipe struct {
	// Sizes are the layer sizes, inputs first.
	Sizes []int `json:"sizes"`
	// Points, Noise and DataSeed make the two-moons data set (mlp.Moons).
	Points   int     `json:"points"`
	Noise    float64 `json:"noise"`
	DataSeed uint64  `json:"data_seed"`
	// Training trains the network to w* (mlp.Net.Train).
	Training mlp.Training `json:"training"`
	// DirectionSeed draws the two filter-normalised directions.
	DirectionSeed uint64 `json:"direction_seed"`
}

// mlpSliceRecipe returns the recipe of the built-in mlp-slice surface: a
// 2-16-16-1 tanh network on 100 two-moons points (noise 0.2), trained by
// 2000 full-batch Adam steps at lr 0.01 with an L2 penalty of 1e-3 (which
// gives the loss a true minimum even though the network could separate
// the points).
func mlpSliceRecipe() mlpRecipe {
	return mlpRecipe{
		Sizes:  []int{2, 16, 16, 1},
		Points: 100, Noise: 0.2, DataSeed: 1,
		Training:      mlp.Training{Optimizer: "adam:lr=0.01", Steps: 2000, Lambda: 1e-3, Seed: 1},
		DirectionSeed: 2,
	}
}

// mlpSliceFile is a trained network and the plane through its weights that the
// mlp-slice surface shows: the loss at W + alpha*D1 + beta*D2.
type mlpSliceFile struct {
	Recipe mlpRecipe `json:"recipe"`
	// W is the trained weights w*; D1, D2 the filter-normalised directions.
	W  []float64 `json:"w"`
	D1 []float64 `json:"d1"`
	D2 []float64 `json:"d2"`
	// Loss is the loss at W.
	Loss float64 `json:"loss"`
	// Minima are the local minima of the loss on the plane inside
	// the shown domain [-2, 2]^2, found numerically (FindMinima).
	Minima []Minimum `json:"minima"`
}

// trainMLPSlice makes the data set and the slice of recipe r from scratch:
// it trains the network (about a second), draws the directions and finds
// the minima on the plane.
func trainMLPSlice(r mlpRecipe) (inputs [][]float64, labels []float64, sl *mlpSliceFile, err error) {
	inputs, labels = mlp.Moons(r.Points, r.Noise, r.DataSeed)
	net := mlp.Net{Sizes: r.Sizes}
	w, loss, err := net.Train(inputs, labels, r.Training)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("surface: mlp-slice: %w", err)
	}
	d1, d2 := net.Directions(w, r.DirectionSeed)
	sl = &mlpSliceFile{Recipe: r, W: w, D1: d1, D2: d2, Loss: loss}
	s := sl.surface(inputs, labels)
	sl.Minima = FindMinima(s, s.Domain)
	return inputs, labels, sl, nil
}

// mlpSliceData is the built-in slice, read once from the embedded files.
var mlpSliceData = sync.OnceValues(func() (*Surface, error) {
	raw, err := assets.Models.ReadFile(mlpModel)
	if err != nil {
		return nil, fmt.Errorf("surface: mlp-slice: %v", err)
	}
	var sl mlpSliceFile
	if err := json.Unmarshal(raw, &sl); err != nil {
		return nil, fmt.Errorf("surface: mlp-slice: %s: %v", mlpModel, err)
	}
	f, err := assets.Data.Open("data/" + mlpData)
	if err != nil {
		return nil, fmt.Errorf("surface: mlp-slice: %v", err)
	}
	defer f.Close()
	t, err := readTable(f, mlpData, []string{"x1", "x2", "label"})
	if err != nil {
		return nil, err
	}
	inputs := make([][]float64, len(t.rows))
	labels := make([]float64, len(t.rows))
	for i, row := range t.rows {
		inputs[i], labels[i] = row[:2], row[2]
	}
	net := mlp.Net{Sizes: sl.Recipe.Sizes}
	if err := net.Validate(); err != nil {
		return nil, err
	}
	if n := net.NumParams(); len(sl.W) != n || len(sl.D1) != n || len(sl.D2) != n {
		return nil, fmt.Errorf("surface: mlp-slice: %s holds %d, %d, %d numbers for a network of %d parameters", mlpModel, len(sl.W), len(sl.D1), len(sl.D2), n)
	}
	s := sl.surface(inputs, labels)
	s.Minima = slices.Clone(sl.Minima)
	return s, nil
})

// mlpSlice builds the built-in "mlp-slice" surface.
func mlpSlice() (*Surface, error) {
	s, err := mlpSliceData()
	if err != nil {
		return nil, err
	}
	return s.Clone(), nil
}

// plane is the loss of a network on the plane W + a*D1 + b*D2.
type plane struct {
	net       mlp.Net
	w, d1, d2 []float64
	inputs    [][]float64
	labels    []float64
	lambda    float64
	// scratch holds *planeScratch for hessian, one per concurrent call.
	scratch sync.Pool
}

// planeScratch is the memory one Hessian evaluation works in: the weights
// at the point, the two Hessian-vector products and the network's
// workspace.
type planeScratch struct {
	w, h1, h2 []float64
	ws        *mlp.Workspace
}

// at returns the network's weights at the plane's point (a, b).
func (p *plane) at(a, b float64) []float64 {
	w := make([]float64, len(p.w))
	for k := range w {
		w[k] = p.w[k] + float64(a*p.d1[k]) + float64(b*p.d2[k])
	}
	return w
}

// loss returns the loss at (a, b) over the points idx (all when nil) and,
// when grad is set, its derivatives along D1 and D2: the network's
// gradient projected on the plane.
func (p *plane) loss(a, b float64, idx []int, grad bool) (f, da, db float64) {
	w := p.at(a, b)
	if !grad {
		return p.net.Loss(w, p.inputs, p.labels, idx, p.lambda, nil), 0, 0
	}
	g := make([]float64, len(w))
	f = p.net.Loss(w, p.inputs, p.labels, idx, p.lambda, g)
	for k, v := range g {
		da += float64(v * p.d1[k])
		db += float64(v * p.d2[k])
	}
	return f, da, db
}

// hessian returns the exact Hessian of the loss on the plane at (a, b):
// with H the network loss's Hessian in weight space at W + a*D1 + b*D2,
// the second derivatives are D1·H·D1, D1·H·D2 and D2·H·D2. H·D1 and H·D2
// come from two exact Hessian-vector products (mlp.Net.HessVec, the
// R-operator through the forward and backward passes); the mixed entry is
// D1·(H·D2), so the matrix is symmetric by construction. It is safe for
// concurrent use: each call takes its scratch from a pool, so it does not
// allocate once the pool holds one per goroutine.
func (p *plane) hessian(a, b float64) (daa, dab, dbb float64) {
	sc, _ := p.scratch.Get().(*planeScratch)
	if sc == nil {
		n := len(p.w)
		sc = &planeScratch{w: make([]float64, n), h1: make([]float64, n), h2: make([]float64, n), ws: p.net.NewWorkspace(2)}
	}
	for k := range sc.w {
		sc.w[k] = p.w[k] + float64(a*p.d1[k]) + float64(b*p.d2[k])
	}
	dirs := [2][]float64{p.d1, p.d2}
	prods := [2][]float64{sc.h1, sc.h2}
	p.net.HessVec(sc.w, p.inputs, p.labels, nil, p.lambda, dirs[:], prods[:], sc.ws)
	for k, d1 := range p.d1 {
		daa += d1 * sc.h1[k]
		dab += d1 * sc.h2[k]
		dbb += p.d2[k] * sc.h2[k]
	}
	p.scratch.Put(sc)
	return daa, dab, dbb
}

// surface returns the slice as the "mlp-slice" surface (without minima).
func (sl *mlpSliceFile) surface(inputs [][]float64, labels []float64) *Surface {
	p := &plane{net: mlp.Net{Sizes: sl.Recipe.Sizes}, w: sl.W, d1: sl.D1, d2: sl.D2,
		inputs: inputs, labels: labels, lambda: sl.Recipe.Training.Lambda}
	targets := slices.Clone(labels)
	return &Surface{
		Name:    "mlp-slice",
		Title:   "MLP loss on a random plane (two moons)",
		Formula: "loss(w* + alpha*d1 + beta*d2): mean BCE-with-logits of a 2-16-16-1 tanh MLP + L2",
		Dim:     2,
		Domain:  square(-mlpSpread, mlpSpread),
		Start:   []float64{0.9, 0.9},
		Axes:    [2]string{"alpha", "beta"},
		Mesh:    mlpMesh,
		Note:    "a plane through the trained weights w* (0, 0) along two filter-normalised random directions",
		Eval: func(a, b float64) float64 {
			f, _, _ := p.loss(a, b, nil, false)
			return f
		},
		Gradient: func(a, b float64) (f, da, db float64) {
			return p.loss(a, b, nil, true)
		},
		Hessian: p.hessian,
		Model: &Model{
			Kind:       KindMLP,
			Classifier: true,
			Columns:    []string{"x1", "x2", "label"},
			Inputs:     inputs,
			Targets:    targets,
			Predict: func(params, input []float64) float64 {
				return mlp.Sigmoid(p.net.Logit(p.at(params[0], params[1]), input))
			},
			BatchGradient: func(a, b float64, idx []int) (f, da, db float64) {
				if len(idx) == 0 {
					return 0, 0, 0
				}
				return p.loss(a, b, idx, true)
			},
		},
	}
}
