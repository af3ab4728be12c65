package capture

import (
	"errors"
	"image"
	"slices"
	"testing"
	"time"
)

func TestNames(t *testing.T) {
	at := time.Date(2026, 3, 9, 7, 5, 4, 0, time.Local)
	if got := Name(at, "gif"); got != "descent-20260309-070504.gif" {
		t.Errorf("Name = %q", got)
	}
	// Two screenshots in one second, and a file already there, get
	// distinct names.
	onDisk := map[string]bool{"descent-20260309-070504-2.png": true}
	n := Namer{Exists: func(name string) bool { return onDisk[name] }}
	var got []string
	for range 3 {
		got = append(got, n.Next(at, "png"))
	}
	want := []string{"descent-20260309-070504.png", "descent-20260309-070504-3.png", "descent-20260309-070504-4.png"}
	if !slices.Equal(got, want) {
		t.Errorf("names %q, want %q", got, want)
	}
	if name := n.Next(at, "gif"); name != "descent-20260309-070504.gif" {
		t.Errorf("a GIF in the same second is %q", name)
	}
}

// writerFunc is a Writer made of a function.
type writerFunc func(*image.RGBA) error

func (f writerFunc) WriteFrame(img *image.RGBA) error { return f(img) }

// TestPipelineKeepsOrderAndRepeats: frames reach the writer in order, each
// as often as asked.
func TestPipelineKeepsOrderAndRepeats(t *testing.T) {
	var got []uint8
	q := NewPipeline(writerFunc(func(img *image.RGBA) error {
		got = append(got, img.Pix[0])
		return nil
	}), 4, 4, 2)
	for i := range 10 {
		img, err := q.Next()
		if err != nil {
			t.Fatal(err)
		}
		img.Pix[0] = uint8(i)
		q.Send(img, 1+i%2)
	}
	frames, _, err := q.Finish()
	if err != nil {
		t.Fatal(err)
	}
	var want []uint8
	for i := range 10 {
		for range 1 + i%2 {
			want = append(want, uint8(i))
		}
	}
	if !slices.Equal(got, want) || frames != len(want) {
		t.Errorf("frames arrived as %v (%d counted), want %v", got, frames, want)
	}
}

// TestPipelineStopsOnError: a writer that fails stops the pipeline with its
// error instead of blocking the renderer, and TryNext drops frames then.
func TestPipelineStopsOnError(t *testing.T) {
	failAt := errors.New("disk full")
	n := 0
	q := NewPipeline(writerFunc(func(*image.RGBA) error {
		n++
		if n == 3 {
			return failAt
		}
		return nil
	}), 4, 4, 2)
	done := make(chan error, 1)
	go func() {
		for range 100 {
			img, err := q.Next()
			if err != nil {
				done <- err
				return
			}
			q.Send(img, 1)
		}
		done <- nil
	}()
	select {
	case err := <-done:
		if !errors.Is(err, failAt) {
			t.Errorf("Next returned %v, want the writer's error", err)
		}
	case <-time.After(time.Minute):
		t.Fatal("the pipeline blocked after the writer failed")
	}
	if _, ok := q.TryNext(); ok {
		t.Error("TryNext gave a buffer after the writer failed")
	}
	if _, _, err := q.Finish(); !errors.Is(err, failAt) {
		t.Errorf("Finish returned %v, want the writer's error", err)
	}
}

// TestPipelineTryNextDropsWhenBehind: with every buffer waiting for a slow
// writer, TryNext says so instead of waiting.
func TestPipelineTryNextDropsWhenBehind(t *testing.T) {
	release := make(chan struct{})
	q := NewPipeline(writerFunc(func(*image.RGBA) error {
		<-release
		return nil
	}), 2, 2, 2)
	for range 2 {
		img, ok := q.TryNext()
		if !ok {
			t.Fatal("no free buffer at the start")
		}
		q.Send(img, 1)
	}
	if _, ok := q.TryNext(); ok {
		t.Error("TryNext gave a buffer while both wait for the writer")
	}
	close(release)
	if frames, _, err := q.Finish(); err != nil || frames != 2 {
		t.Errorf("Finish: %d frames, %v", frames, err)
	}
}
