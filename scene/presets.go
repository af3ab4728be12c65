package scene

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"descent/assets"
	"descent/scene/suggest"
)

// presets lists the embedded presets in teaching order: one variable, a
// bowl, a saddle, data, stochastic gradients and the learning-rate
// schedules that tame them, models fitted to data (a logistic regression,
// separable data, one tanh unit, a trained network's landscape), then the
// classic test functions from a narrow valley to a field of traps.
var presets = []string{
	"parabola-steps",
	"parabola-lr-sweep",
	"bowl-turntable",
	"saddle-starts",
	"saddle-six",
	"saddle-story",
	"regression-race",
	"stochastic",
	"schedules",
	"logistic-race",
	"logistic-separable",
	"tanh-symmetry",
	"mlp-landscape",
	"rosenbrock-valley",
	"rosenbrock-story",
	"beale-six",
	"himmelblau-six",
	"himmelblau-swarm",
	"basins-lr-sweep",
	"rastrigin-traps",
}

// defaultPreset is the scene shown when none is asked for.
const defaultPreset = "himmelblau-six"

// Presets returns the names of the embedded scenes in teaching order.
func Presets() []string { return append([]string(nil), presets...) }

// Default returns the name of the preset shown when no scene is asked for.
func Default() string { return defaultPreset }

// Load returns the preset called nameOrPath, or else the scene file at that
// path. Preset names are case-insensitive. A name that is neither gives an error listing the presets and
// suggesting the nearest one.
func Load(nameOrPath string) (*Scene, error) {
	for _, p := range presets {
		if strings.EqualFold(p, nameOrPath) {
			return loadPreset(p)
		}
	}
	if _, err := os.Stat(nameOrPath); err == nil {
		return LoadFile(nameOrPath)
	}
	if strings.ContainsAny(nameOrPath, `/\`) || filepath.Ext(nameOrPath) != "" {
		return LoadFile(nameOrPath) // reports the missing file
	}
	msg := fmt.Sprintf("unknown scene %q", nameOrPath)
	if near := suggest.Nearest(nameOrPath, presets); near != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", near)
	}
	return nil, &Error{Msg: msg + "; presets: " + strings.Join(presets, ", ") + "; or give a .scene file"}
}

// loadPreset parses the embedded preset name.
func loadPreset(name string) (*Scene, error) {
	path := "scenes/" + name + ".scene"
	f, err := assets.Scenes.Open(path)
	if err != nil {
		return nil, &Error{Msg: fmt.Sprintf("preset %s: %v", name, err)}
	}
	defer f.Close()
	return Parse(f, name+".scene")
}

// presetFiles lists the embedded .scene files (for tests).
func presetFiles() ([]string, error) {
	return fs.Glob(assets.Scenes, "scenes/*.scene")
}
