package main

import (
	"encoding/json"
	"strings"
	"testing"

	"descent/scene/surface"
)

// TestListMinima: the table and the JSON give each known minimum with its
// index, in the surface's order, numbers in shortest round-trip form.
func TestListMinima(t *testing.T) {
	tests := []struct {
		args []string
		want []string
	}{
		{[]string{"list", "minima", "-surface", "himmelblau"}, []string{"himmelblau  0      3                   2", "himmelblau  3      3.5844283403304917  -1.8481265269644036"}},
		{[]string{"list", "minima"}, []string{"saddle", "none known", "six-hump-camel   1", "styblinski-tang  0      -2.903534027771177"}},
		{[]string{"list", "minima", "-expr", "(x^2-1)^2 + y^2"}, []string{"expr     0      -1", "expr     1      1"}},
		{[]string{"list", "minima", "-expr", "(x^2-1)^2 + y^2", "-domain", "0,2,-1,1"}, []string{"expr     0      1 "}},
	}
	for _, tc := range tests {
		code, out, errOut := runArgs(tc.args...)
		if code != 0 {
			t.Errorf("%v: exit %d: %s", tc.args, code, errOut)
		}
		for _, w := range tc.want {
			if !strings.Contains(out, w) {
				t.Errorf("%v: output lacks %q:\n%s", tc.args, w, out)
			}
		}
	}
	_, out, _ := runArgs("list", "minima", "-expr", "(x^2-1)^2 + y^2", "-domain", "0,2,-1,1")
	if strings.Count(out, "\n  expr ") != 1 {
		t.Errorf("the domain [0,2] still lists the minimum at x = -1:\n%s", out)
	}
	code, out, errOut := runArgs("list", "minima", "-surface", "himmelblau", "-format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var got []struct {
		Surface string `json:"surface"`
		Minima  []struct {
			Index      int
			X, Y, Loss float64
		} `json:"minima"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	s, _ := surface.Lookup("himmelblau")
	if len(got) != 1 || got[0].Surface != "himmelblau" || len(got[0].Minima) != len(s.Minima) {
		t.Fatalf("json %+v", got)
	}
	for i, m := range got[0].Minima {
		if m.Index != i || m.X != s.Minima[i].X || m.Y != s.Minima[i].Y || m.Loss != s.Minima[i].Value {
			t.Errorf("minimum %d: %+v, want %+v", i, m, s.Minima[i])
		}
	}
}

// TestListMinimaBadUsage: each bad invocation exits 2 with its own message.
func TestListMinimaBadUsage(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"list", "minima", "-surface", "himmelblaw"}, `unknown surface "himmelblaw"`},
		{[]string{"list", "surfaces", "-surface", "bowl"}, "choose whose minima 'descent list minima' lists"},
		{[]string{"list", "minima", "-domain", "0,1,0,1"}, "-domain needs -expr"},
		{[]string{"list", "minima", "-surface", "bowl", "-domain", "0,1,0,1"}, "-domain needs -expr"},
		{[]string{"list", "minima", "-expr", "x +"}, "expr: column"},
		{[]string{"list", "minima", "-surface", "bowl", "-expr", "x"}, "only one of -surface, -expr and -data"},
	}
	for _, tc := range tests {
		code, out, errOut := runArgs(tc.args...)
		if code != 2 || out != "" {
			t.Errorf("%v: exit %d, output %q; want 2 and none", tc.args, code, out)
		}
		if !strings.HasPrefix(errOut, "descent list: ") || !strings.Contains(errOut, tc.want) || strings.Count(errOut, "\n") != 1 {
			t.Errorf("%v: stderr %q, want one 'descent list:' line saying %q", tc.args, errOut, tc.want)
		}
	}
}
