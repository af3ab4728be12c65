package expr

import (
	"errors"
	"fmt"
	"strconv"
	"unicode"
	"unicode/utf8"
)

// tokenKind classifies a token.
type tokenKind int

const (
	tokEOF    tokenKind = iota
	tokNumber           // 2, .5, 1e-3
	tokIdent            // x, sin, pi
	tokOp               // + - * / ^ **
	tokLParen           // (
	tokRParen           // )
	tokComma            // ,
)

// token is one lexical unit of the source.
type token struct {
	kind tokenKind
	text string  // the source text of the token
	num  float64 // the value of a number
	col  int     // 1-based rune column of the first rune
}

// lexer splits the source into tokens on demand, so that errors come out in
// source order whether the lexer or the parser finds them.
type lexer struct {
	src string
	pos int // byte offset of the next rune
	col int // rune column of the next rune, 1-based
}

// runeAt returns the rune at byte offset pos and its size, or (-1, 0) at
// the end of the input.
func (l *lexer) runeAt(pos int) (rune, int) {
	if pos >= len(l.src) {
		return -1, 0
	}
	return utf8.DecodeRuneInString(l.src[pos:])
}

// advance moves past one rune of the given size.
func (l *lexer) advance(size int) {
	l.pos += size
	l.col++
}

func isIdentStart(r rune) bool { return r == '_' || unicode.IsLetter(r) }
func isIdentPart(r rune) bool  { return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) }
func isDigit(r rune) bool      { return r >= '0' && r <= '9' }

// next returns the next token.
func (l *lexer) next() (token, error) {
	for {
		r, size := l.runeAt(l.pos)
		if r == -1 || !unicode.IsSpace(r) {
			break
		}
		l.advance(size)
	}
	start, col := l.pos, l.col
	r, size := l.runeAt(l.pos)
	switch {
	case r == -1:
		return token{kind: tokEOF, col: col}, nil
	case isDigit(r) || r == '.':
		return l.number()
	case isIdentStart(r):
		for {
			r, size := l.runeAt(l.pos)
			if r == -1 || !isIdentPart(r) {
				break
			}
			l.advance(size)
		}
		return token{kind: tokIdent, text: l.src[start:l.pos], col: col}, nil
	}
	l.advance(size)
	switch r {
	case '+', '-', '/', '^':
		return token{kind: tokOp, text: string(r), col: col}, nil
	case '*':
		if r2, size2 := l.runeAt(l.pos); r2 == '*' {
			l.advance(size2)
			return token{kind: tokOp, text: "**", col: col}, nil
		}
		return token{kind: tokOp, text: "*", col: col}, nil
	case '(':
		return token{kind: tokLParen, text: "(", col: col}, nil
	case ')':
		return token{kind: tokRParen, text: ")", col: col}, nil
	case ',':
		return token{kind: tokComma, text: ",", col: col}, nil
	}
	if r == utf8.RuneError && size == 1 {
		return token{}, errorf(col, "invalid UTF-8 byte %#x", l.src[start])
	}
	return token{}, errorf(col, "unexpected character %s", quoteRune(r))
}

// quoteRune renders a rune for a message, making invisible ones visible.
func quoteRune(r rune) string {
	if unicode.IsPrint(r) {
		return "'" + string(r) + "'"
	}
	return fmt.Sprintf("%U", r)
}

// number scans digits with at most one decimal point and an optional
// exponent. Letters and digits glued to the end are left for the parser,
// which reports them as a missing operator.
func (l *lexer) number() (token, error) {
	start, col := l.pos, l.col
	digits, dots := 0, 0
	for {
		r, size := l.runeAt(l.pos)
		if isDigit(r) {
			digits++
		} else if r == '.' {
			dots++
		} else {
			break
		}
		l.advance(size)
	}
	text := l.src[start:l.pos]
	if dots > 1 {
		return token{}, errorf(col, "malformed number %q: more than one decimal point", l.glued(start))
	}
	if digits == 0 {
		return token{}, errorf(col, "malformed number %q: expected digits", text)
	}
	if r, size := l.runeAt(l.pos); r == 'e' || r == 'E' {
		l.advance(size)
		if r, size := l.runeAt(l.pos); r == '+' || r == '-' {
			l.advance(size)
		}
		expDigits := 0
		for {
			r, size := l.runeAt(l.pos)
			if !isDigit(r) {
				break
			}
			expDigits++
			l.advance(size)
		}
		if expDigits == 0 {
			return token{}, errorf(col, "malformed number %q: expected digits in the exponent", l.glued(start))
		}
		if r, _ := l.runeAt(l.pos); r == '.' {
			return token{}, errorf(col, "malformed number %q: decimal point in the exponent", l.glued(start))
		}
		text = l.src[start:l.pos]
	}
	v, err := strconv.ParseFloat(text, 64)
	if err != nil {
		if errors.Is(err, strconv.ErrRange) && v != 0 {
			return token{}, errorf(col, "number %s is too large for float64", text)
		}
		if !errors.Is(err, strconv.ErrRange) {
			return token{}, errorf(col, "malformed number %q", text)
		}
	}
	return token{kind: tokNumber, text: text, num: v, col: col}, nil
}

// glued returns the source from start through any further digits, letters,
// dots and exponent signs, to quote a malformed number in full ("1..2").
func (l *lexer) glued(start int) string {
	end := l.pos
	for {
		if end >= len(l.src) {
			break
		}
		r, size := utf8.DecodeRuneInString(l.src[end:])
		if !isIdentPart(r) && r != '.' {
			break
		}
		end += size
	}
	return l.src[start:end]
}
