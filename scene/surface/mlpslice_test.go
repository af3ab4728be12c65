package surface

import (
	"bytes"
	"encoding/json"
	"flag"
	"math"
	"os"
	"path/filepath"
	"testing"

	"descent/scene/surface/mlp"
)

var regen = flag.Bool("regen", false, "retrain the mlp-slice network and rewrite assets/data/moons-100.csv and assets/models/mlp-slice.json")

// TestMLPSliceAssets retrains the mlp-slice network from its recipe and
// checks that the shipped data set and weights are what the recipe makes
// (to rounding: another platform may fuse multiply-adds); with -regen it
// rewrites them.
func TestMLPSliceAssets(t *testing.T) {
	inputs, labels, sl, err := trainMLPSlice(mlpSliceRecipe())
	if err != nil {
		t.Fatal(err)
	}
	dataPath := filepath.Join("..", "..", "assets", "data", mlpData)
	modelPath := filepath.Join("..", "..", "assets", mlpModel)
	if *regen {
		var csv bytes.Buffer
		if err := mlp.WriteCSV(&csv, inputs, labels); err != nil {
			t.Fatal(err)
		}
		raw, err := json.MarshalIndent(sl, "", " ")
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(dataPath, csv.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(modelPath, append(raw, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote %s and %s: loss %v at w*, minima %+v", dataPath, modelPath, sl.Loss, sl.Minima)
		return
	}
	s, err := Lookup("mlp-slice")
	if err != nil {
		t.Fatal(err)
	}
	m := s.Model
	if m.Len() != len(labels) {
		t.Fatalf("shipped data has %d points, the recipe makes %d", m.Len(), len(labels))
	}
	for i := range labels {
		if m.Targets[i] != labels[i] || !near(m.Inputs[i][0], inputs[i][0], 1e-12) || !near(m.Inputs[i][1], inputs[i][1], 1e-12) {
			t.Fatalf("point %d: shipped %v %v, recipe %v %v", i, m.Inputs[i], m.Targets[i], inputs[i], labels[i])
		}
	}
	raw, err := os.ReadFile(modelPath)
	if err != nil {
		t.Fatal(err)
	}
	var shipped mlpSliceFile
	if err := json.Unmarshal(raw, &shipped); err != nil {
		t.Fatal(err)
	}
	for name, pair := range map[string][2][]float64{"w": {shipped.W, sl.W}, "d1": {shipped.D1, sl.D1}, "d2": {shipped.D2, sl.D2}} {
		for k := range pair[1] {
			if !near(pair[0][k], pair[1][k], 1e-6) {
				t.Fatalf("%s[%d]: shipped %v, retrained %v", name, k, pair[0][k], pair[1][k])
			}
		}
	}
	if len(shipped.Minima) != len(sl.Minima) {
		t.Fatalf("shipped minima %+v, found again %+v", shipped.Minima, sl.Minima)
	}
	for i, mn := range sl.Minima {
		if got := shipped.Minima[i]; math.Hypot(got.X-mn.X, got.Y-mn.Y) > 1e-6 || !near(got.Value, mn.Value, 1e-9) {
			t.Errorf("minimum %d: shipped %+v, found again %+v", i, got, mn)
		}
	}
}

// near reports whether a and b agree to tol, relative to the larger of 1
// and their size.
func near(a, b, tol float64) bool {
	return math.Abs(a-b) <= tol*math.Max(1, math.Max(math.Abs(a), math.Abs(b)))
}
