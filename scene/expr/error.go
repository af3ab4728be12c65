package expr

import (
	"fmt"
	"strings"
)

// SyntaxError reports why an expression could not be parsed and where.
type SyntaxError struct {
	// Column is the 1-based position, counted in runes, of the offending
	// token in the source; one past the last rune for "end of input".
	Column int
	// Msg says what was expected and what was found, without the position.
	Msg string
}

// Error returns the message with the package prefix and the column, e.g.
// `expr: column 7: expected ')' to close '(' at column 3, found end of input`.
func (e *SyntaxError) Error() string {
	return fmt.Sprintf("expr: column %d: %s", e.Column, e.Msg)
}

// Caret returns src and, below it, a caret under the error's column, ready to
// print in a fixed-width font:
//
//	sin(x +
//	       ^
//
// Tabs before the column are kept so that the caret lines up in a terminal.
func (e *SyntaxError) Caret(src string) string {
	var pad strings.Builder
	col := 1
	for _, r := range src {
		if col >= e.Column {
			break
		}
		if r == '\t' {
			pad.WriteRune('\t')
		} else {
			pad.WriteByte(' ')
		}
		col++
	}
	for ; col < e.Column; col++ {
		pad.WriteByte(' ')
	}
	return src + "\n" + pad.String() + "^"
}

// errorf builds a *SyntaxError at the given column.
func errorf(col int, format string, args ...any) *SyntaxError {
	return &SyntaxError{Column: col, Msg: fmt.Sprintf(format, args...)}
}

// describe names a token for a message: "end of input", "')'", "number 2.5",
// `name "sin"`.
func describe(t token) string {
	switch t.kind {
	case tokEOF:
		return "end of input"
	case tokNumber:
		return "number " + t.text
	case tokIdent:
		return fmt.Sprintf("%q", t.text)
	default:
		return "'" + t.text + "'"
	}
}
