package main

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runArgs runs the command line in-process and returns exit status, stdout and stderr.
func runArgs(args ...string) (int, string, string) {
	var out, errOut bytes.Buffer
	code := run(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func writeFile(t *testing.T, dir, name, text string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestBadTraceInvocations: each bad invocation exits 2 with exactly one line
// on stderr that names the problem, and writes nothing to stdout. Each case
// checks the words of its own message, so that a missing check, caught
// later by another one, fails.
func TestBadTraceInvocations(t *testing.T) {
	dir := t.TempDir()
	malformed := writeFile(t, dir, "malformed.csv", "x,y\n1,2\n3,abc\n")
	oneRow := writeFile(t, dir, "one.csv", "x,y\n1,2\n")
	empty := writeFile(t, dir, "empty.csv", "")
	sameX := writeFile(t, dir, "same.csv", "x,y\n1,2\n1,3\n1,4\n")
	good := writeFile(t, dir, "good.csv", "x,y\n1,2\n2,3\n3,5\n")
	tests := []struct {
		name string
		args []string
		want []string // fragments the error line must contain
	}{
		{"unknown surface", []string{"-surface", "rosenbrok"}, []string{`unknown surface "rosenbrok"`, `"rosenbrock"`}},
		{"unknown optimizer", []string{"-optimizer", "adma"}, []string{`unknown optimizer "adma"`}},
		{"unknown key", []string{"-optimizer", "adam:lrr=0.1"}, []string{`unknown key "lrr"`}},
		{"key without value", []string{"-optimizer", "adam:lr"}, []string{"missing '='", `"lr"`}},
		{"malformed spec colon", []string{"-optimizer", "adam:"}, []string{"nothing after ':'", `"adam:"`}},
		{"trailing comma", []string{"-optimizer", "adam:lr=0.1,"}, []string{"trailing comma", `"adam:lr=0.1,"`}},
		{"bad number in spec", []string{"-optimizer", "sgd:lr=abc"}, []string{"bad number for lr", `"abc"`}},
		{"negative learning rate", []string{"-optimizer", "sgd:lr=-1"}, []string{"invalid lr: -1"}},
		{"nan learning rate", []string{"-optimizer", "sgd:lr=NaN"}, []string{"lr must be finite", `"NaN"`}},
		{"beta out of range", []string{"-optimizer", "adam:beta1=1.5"}, []string{"invalid beta1: 1.5"}},
		{"nesterov without momentum", []string{"-optimizer", "sgd:nesterov=true"}, []string{"invalid nesterov", "momentum > 0"}},
		{"bad boolean", []string{"-optimizer", "adam:amsgrad=maybe"}, []string{"bad value for amsgrad", `"maybe"`}},
		{"duplicate key", []string{"-optimizer", "adam:lr=0.1,lr=0.2"}, []string{"duplicate key lr"}},
		{"malformed start", []string{"-start", "1;2"}, []string{"flag -start", `bad number "1;2"`}},
		{"bad start number", []string{"-start", "1,x"}, []string{"flag -start", `bad number "x"`}},
		{"too many start numbers", []string{"-start", "1,2,3"}, []string{"flag -start", "comma-separated numbers", "got 3"}},
		{"start dims", []string{"-surface", "rosenbrock", "-start", "1"}, []string{"has 1 coordinates", "rosenbrock needs 2"}},
		{"1-D start dims", []string{"-surface", "parabola", "-start", "1,2"}, []string{"has 2 coordinates", "parabola needs 1"}},
		{"infinite start", []string{"-start", "inf,0"}, []string{"flag -start", `bad number "inf"`}},
		{"malformed expression", []string{"-expr", "x + * y"}, []string{"expr: column", "'*'"}},
		{"unknown function", []string{"-expr", "sinn(x)"}, []string{`unknown function "sinn"`, `"sin"`}},
		{"unbalanced parenthesis", []string{"-expr", "(x + y"}, []string{"expr: column", "')'"}},
		{"empty expression", []string{"-expr", " "}, []string{"empty expression"}},
		{"missing csv", []string{"-data", filepath.Join(dir, "nope.csv")}, []string{"nope.csv", "no such file"}},
		{"malformed csv", []string{"-data", malformed}, []string{"malformed.csv:3", `bad number "abc"`}},
		{"one data row", []string{"-data", oneRow}, []string{"one.csv", "only one data row"}},
		{"empty csv", []string{"-data", empty}, []string{"empty.csv", "no data rows"}},
		{"singular csv", []string{"-data", sameX}, []string{"same.csv", "singular"}},
		{"negative steps", []string{"-steps", "-5"}, []string{"bad -steps -5 (want 0..100000000)"}},
		{"steps not a number", []string{"-steps", "ten"}, []string{`invalid value "ten" for flag -steps`}},
		{"unknown flag", []string{"-lr", "0.1"}, []string{"not defined: -lr"}},
		{"two surfaces", []string{"-surface", "bowl", "-expr", "x^2"}, []string{"only one of -surface, -expr and -data"}},
		{"unknown format", []string{"-format", "xml"}, []string{`unknown format "xml"`}},
		{"stray argument", []string{"bowl"}, []string{`unexpected argument "bowl"`}},
		{"batch without data", []string{"-surface", "bowl", "-batch", "4"}, []string{"-batch needs a data surface"}},
		{"negative batch", []string{"-data", good, "-batch", "-1"}, []string{"bad -batch -1 (want 0..1000000"}},
		{"negative noise", []string{"-noise", "-1"}, []string{"invalid noise: -1"}},
		{"bad domain", []string{"-domain", "1,0,0,1"}, []string{"flag -domain", "empty domain"}},
		{"three domain numbers", []string{"-domain", "0,1,2"}, []string{"flag -domain", "got 3 numbers"}},
	}
	if len(tests) < 25 {
		t.Fatalf("only %d bad invocations", len(tests))
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := runArgs(append([]string{"trace"}, tc.args...)...)
			if code != 2 {
				t.Errorf("exit %d, want 2 (stderr %q)", code, errOut)
			}
			if out != "" {
				t.Errorf("partial output on stdout: %q", out)
			}
			lines := strings.Split(strings.TrimRight(errOut, "\n"), "\n")
			if len(lines) != 1 || lines[0] == "" {
				t.Errorf("stderr is not one line: %q", errOut)
			}
			if !strings.HasPrefix(errOut, "descent trace: ") {
				t.Errorf("stderr %q does not start with the command", errOut)
			}
			for _, w := range tc.want {
				if !strings.Contains(errOut, w) {
					t.Errorf("stderr %q does not say %q", errOut, w)
				}
			}
			if strings.Contains(errOut, "goroutine") || strings.Contains(errOut, "panic") {
				t.Errorf("stack trace in %q", errOut)
			}
		})
	}
}

func TestTraceDivergenceMessage(t *testing.T) {
	code, out, errOut := runArgs("trace", "-surface", "rosenbrock", "-optimizer", "sgd:lr=1e6", "-optimizer", "adam", "-steps", "50")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.HasPrefix(errOut, "run 1 (sgd:lr=1000000) diverged at step ") && !strings.HasPrefix(errOut, "run 1 (sgd:lr=1e+06) diverged at step ") {
		t.Errorf("stderr %q", errOut)
	}
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	adamRows := 0
	for _, r := range rows[1:] {
		if r[0] == "2" {
			adamRows++
		}
	}
	if adamRows != 51 {
		t.Errorf("the healthy run has %d rows, want 51", adamRows)
	}
}

func TestHelpExitsZero(t *testing.T) {
	for _, args := range [][]string{{"trace", "-h"}, {"list", "-h"}, {"help"}} {
		code, out, errOut := runArgs(args...)
		if code != 0 {
			t.Errorf("%v: exit %d", args, code)
		}
		if !strings.Contains(out+errOut, "Usage") {
			t.Errorf("%v: no usage text", args)
		}
	}
	_, _, errOut := runArgs("trace", "-h")
	for _, f := range []string{"-surface", "-expr", "-data", "-optimizer", "-start", "-steps", "-format", "-batch", "-noise", "-seed"} {
		if !strings.Contains(errOut, f) {
			t.Errorf("trace -h does not document %s", f)
		}
	}
}

func TestList(t *testing.T) {
	tests := []struct {
		args []string
		want []string
	}{
		{[]string{"list", "surfaces"}, []string{"rosenbrock", "himmelblau", "parabola", "ols", "levi"}},
		{[]string{"list", "optimizers"}, []string{"sgd", "adamw", "rprop", "momentum_decay", "etaminus"}},
		{[]string{"list", "scenes"}, []string{"bowl-turntable", "saddle-starts", "regression-race", "parabola-steps"}},
		{[]string{"list", "surfaces", "-format", "json"}, []string{`"name": "beale"`}},
		{[]string{"list", "-format", "json", "optimizers"}, []string{`"nadam"`}},
	}
	for _, tc := range tests {
		code, out, errOut := runArgs(tc.args...)
		if code != 0 {
			t.Errorf("%v: exit %d: %s", tc.args, code, errOut)
		}
		for _, w := range tc.want {
			if !strings.Contains(out, w) {
				t.Errorf("%v: output lacks %q", tc.args, w)
			}
		}
	}
}

// TestListBadUsage: each bad list invocation exits 2 with its own message.
func TestListBadUsage(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"list", "colours"}, `unknown list "colours"`},
		{[]string{"list", "-format", "xml"}, `unknown format "xml"`},
		{[]string{"list", "-format", "json"}, "-format json lists one kind at a time"},
		{[]string{"list", "-colour"}, "not defined: -colour"},
	}
	for _, tc := range tests {
		code, out, errOut := runArgs(tc.args...)
		if code != 2 {
			t.Errorf("%v: exit %d, want 2", tc.args, code)
		}
		if out != "" {
			t.Errorf("%v: output %q, want nothing", tc.args, out)
		}
		if !strings.HasPrefix(errOut, "descent list: ") || !strings.Contains(errOut, tc.want) {
			t.Errorf("%v: stderr %q, want a 'descent list:' line saying %q", tc.args, errOut, tc.want)
		}
	}
}
