package record

import (
	"bytes"
	"os"
	"strings"
	"testing"
	"time"
)

func TestProgress(t *testing.T) {
	var buf bytes.Buffer
	clock := time.Unix(0, 0)
	p := newProgressTo(&buf, 51, func() time.Time { return clock })
	steps := []struct {
		after time.Duration
		done  int
		want  string // what the call prints; "" when it skips the redraw
	}{
		{time.Second, 1, "\r[....................] 1/51 frames 1.0 fps ETA 50s"},
		{50 * time.Millisecond, 2, ""}, // too soon to redraw
		{2950 * time.Millisecond, 12, "\r[####................] 12/51 frames 3.0 fps ETA 13s"},
		{13 * time.Second, 51, "\r[####################] 51/51 frames 3.0 fps" + strings.Repeat(" ", 8)},
	}
	for _, s := range steps {
		clock = clock.Add(s.after)
		buf.Reset()
		p.Set(s.done)
		if buf.String() != s.want {
			t.Errorf("Set(%d): printed %q, want %q", s.done, buf.String(), s.want)
		}
	}
	buf.Reset()
	p.Clear()
	if want := "\r" + strings.Repeat(" ", 43) + "\r"; buf.String() != want {
		t.Errorf("Clear printed %q, want %q", buf.String(), want)
	}
	q := newProgressTo(&buf, 0, func() time.Time { return clock })
	clock = clock.Add(2 * time.Second)
	buf.Reset()
	q.Set(5)
	if want := "\r5 frames 2.5 fps"; buf.String() != want {
		t.Errorf("unknown total: printed %q, want %q", buf.String(), want)
	}
}

func TestProgressOnlyOnTerminal(t *testing.T) {
	f, err := os.Create(join(t.TempDir(), "log"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var buf bytes.Buffer
	for _, w := range []any{&buf, f, nil} {
		var p *Progress
		switch w := w.(type) {
		case *bytes.Buffer:
			p = NewProgress(w, 10)
		case *os.File:
			p = NewProgress(w, 10)
		default:
			p = NewProgress(nil, 10)
		}
		if p != nil {
			t.Errorf("NewProgress(%T) is not nil: only terminals get a bar", w)
		}
		p.Set(3) // a nil Progress does nothing
		p.Clear()
	}
	if fi, _ := f.Stat(); fi.Size() != 0 {
		t.Errorf("log file got %d bytes", fi.Size())
	}
	// A recording writing to a file shows nothing either.
	path := join(t.TempDir(), "p.gif")
	writeAll(t, path, Options{Progress: f, Frames: 2}, testFrames(16, 16, 2))
	if fi, _ := f.Stat(); fi.Size() != 0 {
		t.Errorf("recording wrote %d bytes of progress to a file", fi.Size())
	}
}
