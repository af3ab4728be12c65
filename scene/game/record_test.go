package game

import (
	"context"
	"image"
	"math"
	"strings"
	"testing"

	"descent/scene"
)

func TestRecordFrames(t *testing.T) {
	tests := []struct {
		steps, k, want int
	}{
		{50, 1, 51}, {50, 2, 26}, {50, 3, 18}, {1, 1, 2}, {0, 1, 1}, {10, 0, 11}, {7, 10, 2},
	}
	for _, tc := range tests {
		if got := RecordFrames(&scene.Scene{Steps: tc.steps}, tc.k); got != tc.want {
			t.Errorf("RecordFrames(steps %d, %d per frame) = %d, want %d", tc.steps, tc.k, got, tc.want)
		}
	}
}

// writerFunc is a capture.Writer made of a function.
type writerFunc func(*image.RGBA) error

func (f writerFunc) WriteFrame(img *image.RGBA) error { return f(img) }

// TestRecordRejectsBadOptions: bad recording options are errors, each
// naming what is wrong, before any window is opened (so no display is
// needed).
func TestRecordRejectsBadOptions(t *testing.T) {
	s := bowlTurntable()
	ok := writerFunc(func(*image.RGBA) error { return nil })
	tests := []struct {
		name string
		ro   RecordOptions
		w    interface{ WriteFrame(*image.RGBA) error }
		want string
	}{
		{"no writer", RecordOptions{}, nil, "game: no frame writer"},
		{"negative size", RecordOptions{Width: -5, Height: 10}, ok, "game: invalid frame size -5x10 (each side 1..8192)"},
		{"too wide", RecordOptions{Width: MaxFrameSide + 1, Height: 10}, ok, "game: invalid frame size 8193x10 (each side 1..8192)"},
		{"too tall", RecordOptions{Width: 10, Height: MaxFrameSide + 1}, ok, "game: invalid frame size 10x8193 (each side 1..8192)"},
		{"negative frames", RecordOptions{Frames: -1}, ok, "game: invalid recording: -1 frames"},
		{"negative steps per frame", RecordOptions{StepsPerFrame: -2}, ok, "game: invalid recording: 0 frames, -2 steps per frame"},
		{"negative skip", RecordOptions{Skip: -1}, ok, "-1 skipped"},
		{"rotation not a number", RecordOptions{Rotate: math.NaN()}, ok, "game: invalid rotation NaN"},
	}
	for _, tc := range tests {
		err := Record(context.Background(), s, Options{}, tc.ro, tc.w)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want %q", tc.name, err, tc.want)
		}
	}
}
