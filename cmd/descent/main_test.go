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
	labels := writeFile(t, dir, "labels.csv", "x,label\n1,0\n2,1\n3,2\n")
	noLabel := writeFile(t, dir, "nolabel.csv", "x,class\n1,0\n2,1\n")
	threeCols := writeFile(t, dir, "three.csv", "1,0,4\n2,1,5\n")
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
		{"logistic without data", []string{"-surface", "logistic"}, []string{"-surface logistic needs -data FILE.csv", "x,label"}},
		{"tanh-unit without data", []string{"-surface", "tanh-unit"}, []string{"-surface tanh-unit needs -data FILE.csv", "x,y"}},
		{"labels not 0/1", []string{"-surface", "logistic", "-data", labels}, []string{"labels.csv:4", "label 2 is not 0 or 1"}},
		{"no label column", []string{"-surface", "logistic", "-data", noLabel}, []string{"nolabel.csv", `no column "label"`, "x,class"}},
		{"logistic of x,y", []string{"-surface", "logistic", "-data", good}, []string{"good.csv", `no column "label"`}},
		{"three columns without header", []string{"-surface", "tanh-unit", "-data", threeCols}, []string{"three.csv:1", "want 2 columns x,y, got 3"}},
		{"data on a test function", []string{"-surface", "himmelblau", "-data", good}, []string{"-data goes with a data surface", "not -surface himmelblau"}},
		{"data on mlp-slice", []string{"-surface", "mlp-slice", "-data", good}, []string{"-surface mlp-slice", "takes no -data"}},
		{"missing model data", []string{"-surface", "logistic", "-data", filepath.Join(dir, "none.csv")}, []string{"none.csv: no such file"}},
		{"unknown scheduler", []string{"-optimizer", "sgd+cosinelr:T_max=10"}, []string{`unknown scheduler "cosinelr"`}},
		{"misspelt scheduler", []string{"-optimizer", "sgd+steplrr:step_size=10"}, []string{`unknown scheduler "steplrr"`, `did you mean "steplr"`}},
		{"scheduler as optimizer", []string{"-optimizer", "steplr:step_size=10"}, []string{"steplr is a learning-rate scheduler", "sgd:lr=0.1+steplr"}},
		{"unknown scheduler key", []string{"-optimizer", "sgd+steplr:step_size=10,gama=0.5"}, []string{`unknown key "gama" for steplr`, `"gamma"`}},
		{"missing scheduler argument", []string{"-optimizer", "sgd+cosineannealinglr"}, []string{"cosineannealinglr needs T_max"}},
		{"bad scheduler value", []string{"-optimizer", "sgd+steplr:step_size=10,gamma=-1"}, []string{"invalid gamma: -1"}},
		{"bad milestones", []string{"-optimizer", "sgd+multisteplr:milestones=30;x"}, []string{"bad number for milestones", `"x"`}},
		{"bad scheduler string", []string{"-optimizer", "sgd+onecyclelr:max_lr=1,total_steps=9,anneal_strategy=cosine"}, []string{"bad value for anneal_strategy", `"cosine"`}},
		{"momentum the optimizer lacks", []string{"-optimizer", "adam+cycliclr:base_lr=0.01,max_lr=0.1"}, []string{"cycliclr cycles the momentum", "cycle_momentum=false"}},
		{"one-cycle past its end", []string{"-optimizer", "adam+onecyclelr:max_lr=0.1,total_steps=50", "-steps", "60"}, []string{"allows at most 50 steps, not 60"}},
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
	for _, f := range []string{"-surface", "-expr", "-data", "-optimizer", "-start", "-steps", "-format", "-batch", "-noise", "-seed", "-state"} {
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
		{[]string{"list", "schedulers"}, []string{"steplr", "step_size=REQUIRED gamma=0.1", "onecyclelr", "total_steps=None", "anneal_strategy=cos", "milestones=REQUIRED"}},
		{[]string{"list", "schedulers", "-format", "json"}, []string{`"name": "reducelronplateau"`, `"kind": "list"`, `"choices": [`}},
		{[]string{"list"}, []string{"Learning-rate schedulers", "cosineannealingwarmrestarts"}},
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

// TestREADMEScheduleExamples: every spec in the README's block of schedule
// examples parses, and `descent trace` runs it and prints the lr column.
func TestREADMEScheduleExamples(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	i := strings.Index(text, "### Learning-rate schedules")
	if i < 0 {
		t.Fatal("README has no schedules section")
	}
	block := text[i:]
	start := strings.Index(block, "```\n") + 4
	end := start + strings.Index(block[start:], "```")
	var specs []string
	for _, line := range strings.Split(block[start:end], "\n") {
		if spec, _, _ := strings.Cut(line, "#"); strings.TrimSpace(spec) != "" {
			specs = append(specs, strings.TrimSpace(spec))
		}
	}
	if len(specs) < 5 {
		t.Fatalf("only %d examples: %q", len(specs), specs)
	}
	for _, spec := range specs {
		code, out, errOut := runArgs("trace", "-surface", "bowl", "-steps", "20", "-optimizer", spec)
		if code != 0 {
			t.Errorf("%s: exit %d: %s", spec, code, errOut)
			continue
		}
		rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
		if err != nil || len(rows) != 22 || rows[0][len(rows[0])-1] != "lr" || rows[1][6] == "" || rows[21][6] != "" {
			t.Errorf("%s: %d rows, header %v, err %v", spec, len(rows), rows[0], err)
		}
	}
}

// TestTraceState: -state adds the state columns in torch's names, empty on
// row 0.
func TestTraceState(t *testing.T) {
	code, out, errOut := runArgs("trace", "-surface", "rosenbrock", "-optimizer", "adam:lr=0.1,amsgrad=true", "-optimizer", "nadam", "-steps", "2", "-state")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := "run,optimizer,step,x,y,loss,exp_avg_x,exp_avg_y,exp_avg_sq_x,exp_avg_sq_y,max_exp_avg_sq_x,max_exp_avg_sq_y,mu_product"
	if got := strings.Join(rows[0], ","); got != want {
		t.Fatalf("header %s, want %s", got, want)
	}
	if strings.Join(rows[1][6:], "") != "" || rows[2][6] != "-15.499999999999996" || rows[4][12] != "" || rows[5][12] != "0.45007347359129607" {
		t.Errorf("rows %v", rows[1:])
	}
}
