// Package note reads and writes the notes a lecturer pins on a scene:
// callouts attached to a point of the surface, labels fixed to the screen,
// markers and arrows between surface points. One note per line:
//
//	callout 0, 0: "saddle point: \nabla f = 0"
//	label top: "Lecture 4: momentum"
//	label bottom: "x_{t+1} = x_t - \eta \nabla f(x_t)"
//	label 5%, 20%: "a label anywhere on the screen"
//	cross 3, 2: "minimum"
//	circle -2.8, 3.1
//	arrow 0, 0 to 1, 1: "descent"
//
// Points are in the surface's coordinates (one number for a 1-D surface);
// texts are in double quotes and may use package mathtext's TeX.
package note

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Kind is what a note draws.
type Kind int

// The kinds of notes.
const (
	Callout Kind = iota // text with a leader line to a surface point
	Label               // text at a place on the screen
	Cross               // a cross at a surface point
	Circle              // a circle around a surface point
	Arrow               // an arrow from one surface point to another
)

// kindNames are the notes' keywords, by Kind.
var kindNames = []string{"callout", "label", "cross", "circle", "arrow"}

// String returns the kind's keyword.
func (k Kind) String() string { return kindNames[k] }

// Bounds.
const (
	MaxText  = 200  // characters of a note's text
	MaxNotes = 200  // notes in a scene
	maxCoord = 1e12 // |x| and |y| of a point
)

// Note is one note.
type Note struct {
	Kind Kind
	// X, Y is the surface point (callouts, markers, an arrow's start);
	// Dim is how many coordinates were given (1 on a 1-D surface).
	X, Y float64
	Dim  int
	// X2, Y2 is an arrow's end.
	X2, Y2 float64
	// Place is a label's place: "top", "bottom", or "" for the screen
	// fractions SX, SY (0..1 from the top left).
	Place  string
	SX, SY float64
	// Text is the note's text ("" for a bare marker or arrow).
	Text string
}

// Parse reads one note.
func Parse(line string) (Note, error) {
	var n Note
	head, text, hasText := strings.Cut(line, ":")
	if hasText {
		t, err := quoted(strings.TrimSpace(text))
		if err != nil {
			return n, err
		}
		n.Text = t
	}
	head = strings.TrimSpace(head)
	word, rest, _ := strings.Cut(head, " ")
	rest = strings.TrimSpace(rest)
	k := -1
	for i, name := range kindNames {
		if strings.EqualFold(word, name) {
			k = i
		}
	}
	if k < 0 {
		return n, fmt.Errorf("note: unknown note %q (want callout, label, cross, circle or arrow)", word)
	}
	n.Kind = Kind(k)
	var err error
	switch n.Kind {
	case Callout, Cross, Circle:
		n.X, n.Y, n.Dim, err = point(word, rest)
		if err == nil && n.Kind == Callout && n.Text == "" {
			err = fmt.Errorf(`note: a callout needs its text: callout X, Y: "TEXT"`)
		}
	case Arrow:
		from, to, ok := strings.Cut(strings.ToLower(rest), " to ")
		if !ok {
			return n, fmt.Errorf("note: arrow wants X1, Y1 to X2, Y2, got %q", rest)
		}
		if n.X, n.Y, n.Dim, err = point("arrow", from); err != nil {
			return n, err
		}
		var dim2 int
		if n.X2, n.Y2, dim2, err = point("arrow", to); err == nil && dim2 != n.Dim {
			err = fmt.Errorf("note: an arrow's two points need the same number of coordinates")
		}
	case Label:
		err = n.parsePlace(rest)
		if err == nil && n.Text == "" {
			err = fmt.Errorf(`note: a label needs its text: label top: "TEXT"`)
		}
	}
	return n, err
}

// parsePlace reads a label's place: top, bottom, or X%, Y%.
func (n *Note) parsePlace(s string) error {
	switch strings.ToLower(s) {
	case "top", "bottom":
		n.Place = strings.ToLower(s)
		return nil
	}
	parts := strings.Split(s, ",")
	if len(parts) != 2 {
		return fmt.Errorf("note: a label goes at top, bottom or X%%, Y%% of the screen, got %q", s)
	}
	for i, p := range parts {
		p = strings.TrimSpace(p)
		v, err := strconv.ParseFloat(strings.TrimSuffix(p, "%"), 64)
		if err != nil || !strings.HasSuffix(p, "%") || !(v >= 0 && v <= 100) {
			return fmt.Errorf("note: bad screen place %q (want a percentage 0%%..100%%)", p)
		}
		if i == 0 {
			n.SX = v / 100
		} else {
			n.SY = v / 100
		}
	}
	return nil
}

// point reads "X" or "X, Y".
func point(what, s string) (x, y float64, dim int, err error) {
	parts := strings.Split(s, ",")
	if len(parts) > 2 || strings.TrimSpace(s) == "" {
		return 0, 0, 0, fmt.Errorf("note: %s wants a point X, Y (or X on a curve), got %q", what, strings.TrimSpace(s))
	}
	var v [2]float64
	for i, p := range parts {
		v[i], err = strconv.ParseFloat(strings.TrimSpace(p), 64)
		if err != nil || math.IsNaN(v[i]) || math.Abs(v[i]) > maxCoord {
			return 0, 0, 0, fmt.Errorf("note: bad coordinate %q in %s", strings.TrimSpace(p), what)
		}
	}
	return v[0], v[1], len(parts), nil
}

// quoted reads a double-quoted text.
func quoted(s string) (string, error) {
	if len(s) < 2 || s[0] != '"' || s[len(s)-1] != '"' {
		return "", fmt.Errorf(`note: a note's text goes in double quotes, got %s`, s)
	}
	t := s[1 : len(s)-1]
	if t == "" || len(t) > MaxText || strings.ContainsAny(t, "\"\r\n") {
		return "", fmt.Errorf("note: a note's text is 1..%d characters without quotes", MaxText)
	}
	return t, nil
}

// String writes the note as Parse reads it.
func (n Note) String() string {
	var b strings.Builder
	b.WriteString(n.Kind.String() + " ")
	pt := func(x, y float64) string {
		if n.Dim == 1 {
			return num(x)
		}
		return num(x) + ", " + num(y)
	}
	switch n.Kind {
	case Label:
		if n.Place != "" {
			b.WriteString(n.Place)
		} else {
			b.WriteString(num(n.SX*100) + "%, " + num(n.SY*100) + "%")
		}
	case Arrow:
		b.WriteString(pt(n.X, n.Y) + " to " + pt(n.X2, n.Y2))
	default:
		b.WriteString(pt(n.X, n.Y))
	}
	if n.Text != "" {
		b.WriteString(`: "` + n.Text + `"`)
	}
	return b.String()
}

func num(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
