// Package textlines reads text line by line within two bounds: the bytes in
// all and the bytes of one line. Whatever the input (a huge file, a device
// that never ends, a file without a line break), memory stays within the
// line bound and the reader stops with a *LimitError that says which bound
// was passed and where. The scene-file and data-file readers use it.
package textlines

import (
	"bufio"
	"errors"
	"fmt"
	"io"
)

// LimitError reports input past one of the Reader's bounds.
type LimitError struct {
	// Line is the 1-based line longer than the line bound, or 0 when the
	// input as a whole is longer than its bound.
	Line int
	// Bound is the bound passed, in bytes.
	Bound int64
}

// Error says which bound was passed, e.g. "textlines: line 7 longer than
// 4096 bytes".
func (e *LimitError) Error() string { return "textlines: " + e.Reason() }

// Reason is the message without the package prefix and without the line
// number, for callers that give the place their own way: "line longer than
// 4096 bytes" or "larger than 4194304 bytes".
func (e *LimitError) Reason() string {
	if e.Line == 0 {
		return fmt.Sprintf("larger than %d bytes", e.Bound)
	}
	return fmt.Sprintf("line longer than %d bytes", e.Bound)
}

// Reader reads lines of at most maxLine bytes (not counting "\n" or
// "\r\n") from at most maxBytes bytes of input.
type Reader struct {
	sc      *bufio.Scanner
	in      *cappedReader
	maxLine int
	line    int
	err     error
}

// New returns a Reader of r with the given bounds.
func New(r io.Reader, maxBytes int64, maxLine int) *Reader {
	in := &cappedReader{r: r, left: maxBytes, bound: maxBytes}
	sc := bufio.NewScanner(in)
	// Room for the longest line and its "\r\n", so that a longer one is
	// either seen whole and refused by its length or refused by bufio.
	sc.Buffer(make([]byte, 0, min(64<<10, maxLine+2)), maxLine+2)
	return &Reader{sc: sc, in: in, maxLine: maxLine}
}

// Next reads the next line and reports whether there is one. It returns
// false at the end of the input or at the first error (see Err).
func (r *Reader) Next() bool {
	if r.err != nil {
		return false
	}
	if !r.sc.Scan() {
		switch err := r.sc.Err(); {
		case errors.Is(err, bufio.ErrTooLong):
			r.err = &LimitError{Line: r.line + 1, Bound: int64(r.maxLine)}
		case errors.Is(err, errTooLarge):
			r.err = &LimitError{Bound: r.in.bound}
		default:
			r.err = err
		}
		return false
	}
	r.line++
	if len(r.sc.Bytes()) > r.maxLine {
		r.err = &LimitError{Line: r.line, Bound: int64(r.maxLine)}
		return false
	}
	return true
}

// Text returns the line Next read, without its line break.
func (r *Reader) Text() string { return r.sc.Text() }

// Line returns the 1-based number of the line Next read.
func (r *Reader) Line() int { return r.line }

// Err returns the error that stopped Next: a *LimitError, an error of the
// underlying reader, or nil at the end of the input.
func (r *Reader) Err() error { return r.err }

// errTooLarge is cappedReader's error past its bound.
var errTooLarge = errors.New("textlines: input too large")

// cappedReader reads from r until left bytes are used up, then fails with
// errTooLarge if r has more.
type cappedReader struct {
	r     io.Reader
	left  int64 // bytes still allowed
	bound int64 // bytes allowed in all
}

func (c *cappedReader) Read(p []byte) (int, error) {
	if c.left <= 0 {
		// One byte more tells input of exactly the bound from longer input.
		var one [1]byte
		n, err := c.r.Read(one[:])
		if n > 0 {
			return 0, errTooLarge
		}
		return 0, err
	}
	if int64(len(p)) > c.left {
		p = p[:c.left]
	}
	n, err := c.r.Read(p)
	c.left -= int64(n)
	return n, err
}
