package game

import (
	"context"
	"image"
	"testing"
	"time"

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

func TestCaptureName(t *testing.T) {
	at := time.Date(2026, 3, 9, 7, 5, 4, 0, time.Local)
	if got := captureName(at, "gif"); got != "descent-20260309-070504.gif" {
		t.Errorf("captureName = %q", got)
	}
}

// sinkFunc is a FrameWriter made of a function.
type sinkFunc func(*image.RGBA) error

func (f sinkFunc) WriteFrame(img *image.RGBA) error { return f(img) }

// TestRecordRejectsBadOptions: bad recording options are errors before
// any window is opened (so no display is needed).
func TestRecordRejectsBadOptions(t *testing.T) {
	s := bowlTurntable()
	ok := sinkFunc(func(*image.RGBA) error { return nil })
	tests := []struct {
		name string
		ro   RecordOptions
		w    FrameWriter
	}{
		{"no writer", RecordOptions{}, nil},
		{"negative size", RecordOptions{Width: -5, Height: 10}, ok},
		{"huge size", RecordOptions{Width: 9000, Height: 10}, ok},
		{"negative frames", RecordOptions{Frames: -1}, ok},
		{"negative steps per frame", RecordOptions{StepsPerFrame: -2}, ok},
	}
	for _, tc := range tests {
		if err := Record(context.Background(), s, Options{}, tc.ro, tc.w); err == nil {
			t.Errorf("%s: no error", tc.name)
		}
	}
}
