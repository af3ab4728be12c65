package main

import (
	"encoding/csv"
	"encoding/json"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestTraceModels traces every model surface from the command line: the
// header names the model's parameters, a built-in data set's name works
// from any directory, and mini-batches with a seed repeat exactly.
func TestTraceModels(t *testing.T) {
	dir := t.TempDir()
	onDisk := writeFile(t, dir, "sep.csv", "label,x\n0,-1\n0,-0.5\n1,0.5\n1,2\n")
	tests := []struct {
		name   string
		args   []string
		header string
	}{
		{"logistic", []string{"-surface", "logistic", "-data", "logistic-200.csv"}, "run,optimizer,step,weight,bias,loss"},
		{"logistic, columns in another order", []string{"-surface", "logistic", "-data", onDisk}, "run,optimizer,step,weight,bias,loss"},
		{"tanh-unit", []string{"-surface", "tanh-unit", "-data", "tanh-300.csv", "-batch", "16", "-seed", "3"}, "run,optimizer,step,w1,w2,loss"},
		{"mlp-slice", []string{"-surface", "mlp-slice", "-batch", "10"}, "run,optimizer,step,alpha,beta,loss"},
		{"ols", []string{"-surface", "ols", "-data", "ols-1000.csv"}, "run,optimizer,step,x,y,loss"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			args := append([]string{"trace", "-steps", "20", "-optimizer", "adam:lr=0.05"}, tc.args...)
			code, out, errOut := runArgs(args...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Join(rows[0], ","); got != tc.header {
				t.Errorf("header %q, want %q", got, tc.header)
			}
			if len(rows) != 22 {
				t.Fatalf("%d rows, want 21 and a header", len(rows))
			}
			first, _ := strconv.ParseFloat(rows[1][5], 64)
			last, _ := strconv.ParseFloat(rows[21][5], 64)
			if !(last < first) {
				t.Errorf("loss went from %v to %v", first, last)
			}
			_, again, _ := runArgs(args...)
			if again != out {
				t.Errorf("a second run printed something else")
			}
		})
	}
}

// TestTraceModelJSON: the JSON columns are the model's parameter names.
func TestTraceModelJSON(t *testing.T) {
	code, out, errOut := runArgs("trace", "-surface", "logistic", "-data", filepath.Join("..", "..", "assets", "data", "logistic-separable-100.csv"), "-steps", "3", "-format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var doc struct {
		Surface string   `json:"surface"`
		Columns []string `json:"columns"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Surface != "logistic" || strings.Join(doc.Columns, ",") != "weight,bias,loss" {
		t.Errorf("surface %q, columns %v", doc.Surface, doc.Columns)
	}
}

// TestListModelSurfaces: 'list surfaces' names every model surface with
// its parameters and data columns, in text and in JSON.
func TestListModelSurfaces(t *testing.T) {
	_, out, _ := runArgs("list", "surfaces")
	for _, want := range []string{"mlp-slice", "alpha [-2,2] beta [-2,2]", "logistic", "weight, bias", "columns x,label", "tanh-unit", "w1, w2", "intercept [-10,10] slope [-10,10]", "logistic-200.csv"} {
		if !strings.Contains(out, want) {
			t.Errorf("list surfaces lacks %q", want)
		}
	}
	_, out, _ = runArgs("list", "surfaces", "-format", "json")
	var list []jsonSurface
	if err := json.Unmarshal([]byte(out), &list); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"bowl": "x,y", "parabola": "x", "ols": "intercept,slope", "mlp-slice": "alpha,beta", "logistic": "weight,bias", "tanh-unit": "w1,w2"}
	for _, s := range list {
		if w, ok := want[s.Name]; ok {
			if got := strings.Join(s.Axes, ","); got != w {
				t.Errorf("%s: axes %q, want %q", s.Name, got, w)
			}
			delete(want, s.Name)
		}
		if s.NeedsData != (s.Domain == nil) {
			t.Errorf("%s: needs data %v but domain %v", s.Name, s.NeedsData, s.Domain)
		}
	}
	if len(want) > 0 {
		t.Errorf("missing from the JSON list: %v", want)
	}
}
