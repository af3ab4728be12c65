package scene

import "testing"

// BenchmarkLoadPreset measures parsing, normalizing and validating a preset
// on the 1000-point data surface.
func BenchmarkLoadPreset(b *testing.B) {
	for b.Loop() {
		if _, err := Load("regression-race"); err != nil {
			b.Fatal(err)
		}
	}
}
