package expr

import (
	"fmt"
	"strings"
	"unicode/utf8"
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

// editDistance is the Levenshtein distance between a and b, counted in runes,
// ignoring case.
func editDistance(a, b string) int {
	ra := []rune(strings.ToLower(a))
	rb := []rune(strings.ToLower(b))
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// nearest returns the candidate closest to name by edit distance, or "" when
// none is close enough to be a plausible typo.
func nearest(name string, candidates []string) string {
	best, bestDist := "", 0
	for _, c := range candidates {
		d := editDistance(name, c)
		if best == "" || d < bestDist {
			best, bestDist = c, d
		}
	}
	n := utf8.RuneCountInString(name)
	limit := max(1, n/3)
	if n > 2 {
		limit = max(limit, 2)
	}
	if best == "" || bestDist > limit || bestDist >= max(n, utf8.RuneCountInString(best)) {
		return ""
	}
	return best
}
