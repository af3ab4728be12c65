package textlines

import (
	"errors"
	"io"
	"runtime"
	"strings"
	"testing"
	"testing/iotest"
)

// TestReader: lines up to the line bound and input up to the byte bound are
// read; one byte more of either stops the reader with a *LimitError saying
// which bound and where.
func TestReader(t *testing.T) {
	tests := []struct {
		name     string
		text     string
		maxBytes int64
		maxLine  int
		lines    []string
		err      string // the error's message, "" for none
	}{
		{"lines", "a\nbb\n\nccc", 100, 8, []string{"a", "bb", "", "ccc"}, ""},
		{"crlf", "a\r\nb\r\n", 100, 8, []string{"a", "b"}, ""},
		{"longest line", "12345678\n1\n", 100, 8, []string{"12345678", "1"}, ""},
		{"longest line with crlf", "12345678\r\n", 100, 8, []string{"12345678"}, ""},
		{"line one byte too long", "1\n123456789\n", 100, 8, []string{"1"}, "textlines: line longer than 8 bytes"},
		{"line one byte too long at the end", "1\n123456789", 100, 8, []string{"1"}, "textlines: line longer than 8 bytes"},
		{"line far too long", "1\n2\n" + strings.Repeat("x", 1000) + "\n", 10_000, 8, []string{"1", "2"}, "textlines: line longer than 8 bytes"},
		{"input of the bound", "1234\n678\n", 9, 8, []string{"1234", "678"}, ""},
		{"input one byte too long", "1234\n678\n0", 9, 8, []string{"1234", "678"}, "textlines: larger than 9 bytes"},
		{"empty", "", 9, 8, nil, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := New(strings.NewReader(tc.text), tc.maxBytes, tc.maxLine)
			var got []string
			for r.Next() {
				if r.Line() != len(got)+1 {
					t.Errorf("Line() = %d on line %d", r.Line(), len(got)+1)
				}
				got = append(got, r.Text())
			}
			if strings.Join(got, "|") != strings.Join(tc.lines, "|") || len(got) != len(tc.lines) {
				t.Errorf("lines %q, want %q", got, tc.lines)
			}
			msg := ""
			if r.Err() != nil {
				msg = r.Err().Error()
			}
			if msg != tc.err {
				t.Errorf("error %q, want %q", msg, tc.err)
			}
			if r.Next() {
				t.Error("Next after the end read a line")
			}
		})
	}
}

// TestLimitErrorPlace: the error of a long line names the line; the error of
// long input names none, and Reason leaves both the prefix and line out.
func TestLimitErrorPlace(t *testing.T) {
	r := New(strings.NewReader("a\nb\n"+strings.Repeat("c", 100)), 1000, 10)
	for r.Next() {
	}
	var le *LimitError
	if !errors.As(r.Err(), &le) || le.Line != 3 || le.Bound != 10 || le.Reason() != "line longer than 10 bytes" {
		t.Errorf("long line: %#v", r.Err())
	}
	r = New(strings.NewReader(strings.Repeat("a\n", 100)), 50, 10)
	n := 0
	for r.Next() {
		n++
	}
	if !errors.As(r.Err(), &le) || le.Line != 0 || le.Bound != 50 || le.Reason() != "larger than 50 bytes" || n != 25 {
		t.Errorf("long input after %d lines: %#v", n, r.Err())
	}
}

// TestReaderError: an error of the underlying reader is passed on as it is.
func TestReaderError(t *testing.T) {
	boom := errors.New("boom")
	r := New(io.MultiReader(strings.NewReader("a\nb"), iotest.ErrReader(boom)), 100, 10)
	n := 0
	for r.Next() {
		n++
	}
	if !errors.Is(r.Err(), boom) || n != 2 {
		t.Errorf("after %d lines: error %v, want %v", n, r.Err(), boom)
	}
}

// TestMemoryStaysWithinTheLineBound: an endless input without a line break
// is refused on line 1 after allocating about the line bound, as counted by
// the runtime (the test is not parallel).
func TestMemoryStaysWithinTheLineBound(t *testing.T) {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	r := New(iotest.OneByteReader(zeros{}), 1<<40, 10_000)
	more := r.Next()
	runtime.ReadMemStats(&after)
	if more {
		t.Fatal("read a line from endless zeros")
	}
	var le *LimitError
	if !errors.As(r.Err(), &le) || le.Line != 1 {
		t.Errorf("error %v, want a line bound error on line 1", r.Err())
	}
	if n := after.TotalAlloc - before.TotalAlloc; n > 64<<10 {
		t.Errorf("allocated %d bytes for a 10,000-byte line bound", n)
	}
}

// zeros is an endless reader of zero bytes.
type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}
