package note

import (
	"strings"
	"testing"
)

func TestRoundTrip(t *testing.T) {
	for _, line := range []string{
		`callout 0, 0: "saddle point: \nabla f = 0"`,
		`callout 1.5: "on a curve"`,
		`label top: "Lecture 4"`,
		`label bottom: "x_{t+1} = x_t - \eta g_t"`,
		`label 5%, 20%: "anywhere"`,
		`cross 3, 2: "minimum"`,
		`circle -2.8, 3.1`,
		`arrow 0, 0 to 1, 1: "descent"`,
		`arrow -1 to 1`,
	} {
		n, err := Parse(line)
		if err != nil {
			t.Fatalf("%q: %v", line, err)
		}
		if n.String() != line {
			t.Errorf("%q written back as %q", line, n.String())
		}
		back, err := Parse(n.String())
		if err != nil || back != n {
			t.Errorf("%q: read back %+v (%v), want %+v", line, back, err, n)
		}
	}
}

func TestBadNotes(t *testing.T) {
	tests := []struct{ line, want string }{
		{`sticky 0, 0: "x"`, `unknown note "sticky"`},
		{`callout 0, 0`, "a callout needs its text"},
		{`callout 0, 0: text`, "in double quotes"},
		{`callout a, 0: "x"`, `bad coordinate "a"`},
		{`callout 1, 2, 3: "x"`, "wants a point X, Y"},
		{`label middle: "x"`, "top, bottom or X%, Y%"},
		{`label 120%, 5%: "x"`, `bad screen place "120%"`},
		{`label top`, "a label needs its text"},
		{`arrow 0, 0 1, 1`, "arrow wants X1, Y1 to X2, Y2"},
		{`arrow 0, 0 to 1`, "same number of coordinates"},
		{`cross 0, 0: ""`, "1..200 characters"},
		{`cross 1e300, 0`, `bad coordinate "1e300"`},
	}
	for _, tt := range tests {
		_, err := Parse(tt.line)
		if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.HasPrefix(err.Error(), "note: ") {
			t.Errorf("%q: %v, want %q", tt.line, err, tt.want)
		}
	}
}
