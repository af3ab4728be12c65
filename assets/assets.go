// Package assets holds the files Descent embeds in its binary: the built-in
// data sets, the scene presets, and the web page template.
package assets

import "embed"

// Data holds the built-in data sets under data/: data/ols-1000.csv, the
// regression-race points (1000 draws, x ~ U(-5, 5), y = -2 + 2x + N(0, 0.001));
// data/logistic-200.csv (x ~ U(-4, 4), label ~ Bernoulli(sigmoid(1.5x - 0.5)))
// and data/logistic-separable-100.csv (x ~ U(-4, 4), label = [2x + 1 > 0]),
// columns x,label; data/tanh-300.csv (x ~ U(-3, 3), y = 2 tanh(1.2x) + N(0, 0.1));
// and data/moons-100.csv, two noisy half moons, columns x1,x2,label.
//
//go:embed data/*.csv
var Data embed.FS

// Models holds trained model weights under models/: models/mlp-slice.json
// is the mlp-slice surface's network (a 2-16-16-1 tanh MLP trained on
// data/moons-100.csv), its two filter-normalised directions and the minima
// on their plane, with the recipe that made them.
//
//go:embed models/*.json
var Models embed.FS

// Scenes holds the scene presets under scenes/, one NAME.scene file each in
// the format of package descent/scene.
//
//go:embed scenes/*.scene
var Scenes embed.FS

// Web holds the web page template under web/: index.html and descent.js,
// which load descent.wasm with Go's wasm_exec.js ('descent web' copies
// them next to the built program).
//
//go:embed web
var Web embed.FS
