// Package assets holds the files Descent embeds in its binary: the built-in
// data sets, the scene presets, and the web page template.
package assets

import "embed"

// Data holds the built-in data sets under data/, such as data/ols-1000.csv,
// the regression-race points (1000 draws, x ~ U(-5, 5), y = -2 + 2x + N(0, 0.001)).
//
//go:embed data/*.csv
var Data embed.FS

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
