//go:build race

package surface

// raceEnabled is set when the tests run under the race detector, whose
// sync.Pool drops items at random (so pooled scratch is allocated again).
const raceEnabled = true
