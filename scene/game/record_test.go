package game

import (
	"context"
	"errors"
	"image"
	"slices"
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
	// Two screenshots in one second, and a file already there, get
	// distinct names.
	var c capture
	onDisk := map[string]bool{"descent-20260309-070504-2.png": true}
	exists := func(n string) bool { return onDisk[n] }
	var got []string
	for range 3 {
		got = append(got, c.newName(at, "png", exists))
	}
	want := []string{"descent-20260309-070504.png", "descent-20260309-070504-3.png", "descent-20260309-070504-4.png"}
	if !slices.Equal(got, want) {
		t.Errorf("names %q, want %q", got, want)
	}
	if n := c.newName(at, "gif", exists); n != "descent-20260309-070504.gif" {
		t.Errorf("a GIF in the same second is %q", n)
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

// TestFrameQueue: frames reach the writer in order, and a writer that
// fails stops the queue with its error instead of blocking the renderer.
func TestFrameQueue(t *testing.T) {
	var got []uint8
	q := newFrameQueue(sinkFunc(func(img *image.RGBA) error {
		got = append(got, img.Pix[0])
		return nil
	}), 4, 4)
	for i := range 10 {
		img, err := q.next()
		if err != nil {
			t.Fatal(err)
		}
		img.Pix[0] = uint8(i)
		q.send(img)
	}
	if err := q.finish(); err != nil {
		t.Fatal(err)
	}
	for i, v := range got {
		if int(v) != i {
			t.Fatalf("frames arrived as %v", got)
		}
	}
	if len(got) != 10 {
		t.Fatalf("%d frames written, want 10", len(got))
	}

	failAt := errors.New("disk full")
	n := 0
	q = newFrameQueue(sinkFunc(func(*image.RGBA) error {
		n++
		if n == 3 {
			return failAt
		}
		return nil
	}), 4, 4)
	done := make(chan error, 1)
	go func() {
		for range 100 {
			img, err := q.next()
			if err != nil {
				done <- err
				return
			}
			q.send(img)
		}
		done <- nil
	}()
	select {
	case err := <-done:
		if !errors.Is(err, failAt) {
			t.Errorf("next returned %v, want the writer's error", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the queue blocked after the writer failed")
	}
	if err := q.finish(); !errors.Is(err, failAt) {
		t.Errorf("finish returned %v, want the writer's error", err)
	}
}
