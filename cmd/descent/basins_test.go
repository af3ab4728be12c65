//go:build !js

package main

import (
	"context"
	"encoding/csv"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"descent/optim"
	"descent/scene/basinplot"
	"descent/scene/basins"
	"descent/scene/surface"
)

// TestBadBasinsInvocations: each bad invocation exits 2 with exactly one
// line on stderr naming the bad token, before any work, and leaves no file.
// Each case checks the words of its own message.
func TestBadBasinsInvocations(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "map.png")
	base := []string{"-optimizer", "adam:lr=0.05", "-grid", "10", "-steps", "10", "-o", out}
	with := func(extra ...string) []string { return append(append([]string{}, base...), extra...) }
	tests := []struct {
		name string
		args []string
		want []string
	}{
		{"unknown surface", with("-surface", "himmelblaw"), []string{`unknown surface "himmelblaw"`, `"himmelblau"`}},
		{"unknown optimizer", with("-optimizer", "adma"), []string{`unknown optimizer "adma"`}},
		{"unknown key", with("-optimizer", "adam:lrr=1"), []string{`unknown key "lrr"`}},
		{"bad spec value", with("-optimizer", "sgd:lr=-1"), []string{"invalid lr: -1"}},
		{"grid zero", with("-grid", "0"), []string{"invalid grid 0 (must be 1..2000)"}},
		{"grid too big", with("-grid", "2001"), []string{"invalid grid 2001"}},
		{"grid not a number", with("-grid", "many"), []string{`invalid value "many" for flag -grid`}},
		{"negative steps", with("-steps", "-1"), []string{"invalid number of steps: -1"}},
		{"too many steps", with("-steps", "100001"), []string{"invalid number of steps: 100001 (must be 0..100000)"}},
		{"too much work", with("-grid", "2000", "-steps", "100000"), []string{"400000000000 optimizer steps, more than 100000000000"}},
		{"nothing to write", []string{"-optimizer", "sgd"}, []string{"nothing to write"}},
		{"not a png", with("-o", filepath.Join(dir, "map.gif")), []string{"map.gif", "name it .png"}},
		{"no optimizer", []string{"-o", out}, []string{"give at least one -optimizer"}},
		{"bad size", with("-size", "big"), []string{"-size", `bad size "big"`}},
		{"size out of bounds", with("-size", "100x900"), []string{"size 100x900 out of bounds"}},
		{"too small for the maps", with("-optimizer", "sgd", "-optimizer", "rprop", "-optimizer", "adam", "-size", "300x300"), []string{"300x300 is too small for 4 maps"}},
		{"1-D surface", with("-surface", "parabola"), []string{"parabola is 1-D"}},
		{"1-D expression", with("-expr", "x^2"), []string{"expr is 1-D"}},
		{"bad expression", with("-expr", "x + * y"), []string{"expr: column", "'*'"}},
		{"two surfaces", with("-surface", "bowl", "-expr", "x*y"), []string{"only one of -surface, -expr and -data"}},
		{"bad domain", with("-domain", "1,0,0,1"), []string{"flag -domain", "empty domain"}},
		{"negative tolerance", with("-tol", "-1"), []string{"invalid tolerance -1"}},
		{"tolerance too large", with("-tol", "3"), []string{"tolerance 3 too large", "apart"}},
		{"batch without data", with("-batch", "4"), []string{"-batch needs a data surface"}},
		{"negative noise", with("-noise", "-2"), []string{"invalid noise: -2"}},
		{"missing directory", with("-o", filepath.Join(dir, "no", "map.png")), []string{"cannot write", "no such file or directory"}},
		{"missing csv directory", with("-csv", filepath.Join(dir, "no", "map.csv")), []string{"cannot write", "map.csv"}},
		{"stray argument", with("himmelblau"), []string{`unexpected argument "himmelblau"`}},
		{"unknown flag", with("-lr", "0.1"), []string{"not defined: -lr"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, errOut := runArgs(append([]string{"basins"}, tc.args...)...)
			if code != 2 {
				t.Errorf("exit %d, want 2 (stderr %q)", code, errOut)
			}
			if stdout != "" {
				t.Errorf("output on stdout: %q", stdout)
			}
			if lines := strings.Split(strings.TrimRight(errOut, "\n"), "\n"); len(lines) != 1 || !strings.HasPrefix(errOut, "descent basins: ") {
				t.Errorf("stderr is not one 'descent basins:' line: %q", errOut)
			}
			for _, w := range tc.want {
				if !strings.Contains(errOut, w) {
					t.Errorf("stderr %q does not say %q", errOut, w)
				}
			}
			if names := dirNames(t, dir); len(names) != 0 {
				t.Errorf("left behind: %v", names)
			}
		})
	}
}

// readCSV reads a basins CSV into rows of fields, header first.
func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// TestBasinsPNGAgreesWithCSV draws three maps side by side and checks, at
// the centre pixel of every cell away from the minima's marks, that the
// picture's colour is the palette's colour for that start's outcome and
// steps in the CSV.
func TestBasinsPNGAgreesWithCSV(t *testing.T) {
	dir := t.TempDir()
	pngPath, csvPath := filepath.Join(dir, "map.png"), filepath.Join(dir, "map.csv")
	const n, steps = 60, 150
	specs := []string{"adam:lr=0.05", "sgd:lr=0.015", "sgd:lr=0.03"} // the sgd maps have none and diverged cells
	args := []string{"basins", "-surface", "himmelblau", "-grid", strconv.Itoa(n), "-steps", strconv.Itoa(steps), "-o", pngPath, "-csv", csvPath, "-size", "1500x600"}
	for _, s := range specs {
		args = append(args, "-optimizer", s)
	}
	if code, _, errOut := runArgs(args...); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	rows := readCSV(t, csvPath)
	if got := strings.Join(rows[0], ","); got != "optimizer,"+basins.CSVHeader {
		t.Fatalf("header %q", got)
	}
	rows = rows[1:]
	if len(rows) != len(specs)*n*n {
		t.Fatalf("%d rows, want %d", len(rows), len(specs)*n*n)
	}
	f, err := os.Open(pngPath)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	// The layout of the same maps in the same picture.
	surf, _ := surface.Lookup("himmelblau")
	panels := make([]basinplot.Panel, len(specs))
	for i, s := range specs {
		sp, _ := optim.ParseSpec(s)
		m, err := basins.Compute(context.Background(), basins.Problem{Surface: surf, Spec: sp, Steps: steps}, n, basins.Options{})
		if err != nil {
			t.Fatal(err)
		}
		panels[i] = basinplot.Panel{Map: m}
	}
	plots, err := basinplot.Layout(panels, basinplot.Options{Width: 1500, Height: 600, Title: "the command draws a header"})
	if err != nil {
		t.Fatal(err)
	}
	checked, outcomes := 0, map[string]bool{}
	for r, row := range rows {
		p, k := r/(n*n), r%(n*n)
		if row[0] != specs[p] {
			t.Fatalf("row %d: optimizer %q, want %q", r, row[0], specs[p])
		}
		rect := plots[p]
		i, j := k%n, k/n
		px := rect.Min.X + int((float64(i)+0.5)/n*float64(rect.Dx()))
		py := rect.Max.Y - 1 - int((float64(j)+0.5)/n*float64(rect.Dy()))
		near := false
		for _, m := range surf.Minima {
			mx := float64(rect.Min.X) + (m.X+5)/10*float64(rect.Dx())
			my := float64(rect.Max.Y) - (m.Y+5)/10*float64(rect.Dy())
			near = near || math.Hypot(float64(px)-mx, float64(py)-my) < 24
		}
		if near {
			continue
		}
		outcome, _ := strconv.Atoi(row[6])
		stepsTo, _ := strconv.Atoi(row[7])
		want := basins.Color(outcome, stepsTo, steps)
		cr, cg, cb, _ := img.At(px, py).RGBA()
		if uint8(cr>>8) != want.R || uint8(cg>>8) != want.G || uint8(cb>>8) != want.B {
			t.Fatalf("map %d cell %d (outcome %d, %d steps) at pixel (%d, %d) is %d,%d,%d, want %v", p, k, outcome, stepsTo, px, py, cr>>8, cg>>8, cb>>8, want)
		}
		checked++
		outcomes[row[6]] = true
	}
	if checked < len(rows)*9/10 {
		t.Errorf("only %d of %d cells checked", checked, len(rows))
	}
	for _, o := range []string{"0", "1", "2", "3", "-1", "-2"} {
		if !outcomes[o] {
			t.Errorf("no cell with outcome %s was checked", o)
		}
	}
}

// TestBasinsCSVMatchesTrace: sampled rows of `descent basins -csv` end, to
// the last printed digit, where `descent trace` ends from the row's start
// with the same spec and steps (and, with noise, the start's seed SEED+k);
// a diverged row's step is the one trace reports.
func TestBasinsCSVMatchesTrace(t *testing.T) {
	cases := []struct {
		surface, spec string
		extra         []string // flags for both commands
		seed          uint64   // 0: exact gradients
	}{
		{"himmelblau", "adam:lr=0.05", nil, 0},
		{"rosenbrock", "sgd:lr=0.003", nil, 0},
		{"beale", "rmsprop:lr=0.02", nil, 0},
		{"six-hump-camel", "nadam:lr=0.05", nil, 0},
		{"himmelblau", "momentum:lr=0.005", []string{"-noise", "3"}, 9},
		{"ols", "sgd:lr=0.05", []string{"-batch", "5", "-noise", "0.1"}, 4},
	}
	const n, steps = 7, 60
	for _, c := range cases {
		t.Run(c.surface+"/"+c.spec, func(t *testing.T) {
			csvPath := filepath.Join(t.TempDir(), "map.csv")
			args := append([]string{"basins", "-surface", c.surface, "-optimizer", c.spec, "-grid", strconv.Itoa(n), "-steps", strconv.Itoa(steps), "-csv", csvPath}, c.extra...)
			if c.seed != 0 {
				args = append(args, "-seed", strconv.FormatUint(c.seed, 10))
			}
			if code, _, errOut := runArgs(args...); code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			rows := readCSV(t, csvPath)[1:]
			for k := 0; k < len(rows); k += 4 {
				row := rows[k]
				targs := append([]string{"trace", "-surface", c.surface, "-optimizer", c.spec, "-steps", strconv.Itoa(steps), "-start", row[0] + "," + row[1]}, c.extra...)
				if c.seed != 0 {
					targs = append(targs, "-seed", strconv.FormatUint(basins.StartSeed(c.seed, k), 10))
				}
				code, out, errOut := runArgs(targs...)
				if code != 0 {
					t.Fatalf("trace exit %d: %s", code, errOut)
				}
				lines := strings.Split(strings.TrimSpace(out), "\n")
				last := strings.Split(lines[len(lines)-1], ",") // run,optimizer,step,x,y,loss
				if got, want := strings.Join(row[2:5], ","), strings.Join(last[len(last)-3:], ","); got != want {
					t.Errorf("start %d (%s, %s): basins ends at %s, trace at %s", k, row[0], row[1], got, want)
				}
				if row[5] == "-2" && !strings.Contains(errOut, "diverged at step "+row[6]) {
					t.Errorf("start %d diverged at step %s, trace says %q", k, row[6], errOut)
				}
			}
		})
	}
}

// TestBasinsInterrupted: Ctrl-C while the maps are computed stops the
// command, which exits 1 saying so and leaves no file, temporary or not.
func TestBasinsInterrupted(t *testing.T) {
	dir := t.TempDir()
	c := child(t, "basins", "-optimizer", "adam", "-grid", "1000", "-steps", "50000", "-o", filepath.Join(dir, "map.png"), "-csv", filepath.Join(dir, "map.csv"))
	c.start(t)
	// The temporary files appear after the Ctrl-C handler is in place.
	c.await(t, func() bool {
		names, _ := filepath.Glob(filepath.Join(dir, ".map.csv.tmp-*"))
		return len(names) > 0
	}, "the temporary CSV")
	if err := c.cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	if code := c.wait(t); code != 1 {
		t.Errorf("exit %d, want 1; stderr %q", code, c.stderr.String())
	}
	if want := "descent basins: interrupted: nothing written\n"; c.stderr.String() != want {
		t.Errorf("stderr %q, want %q", c.stderr.String(), want)
	}
	if names := dirNames(t, dir); len(names) != 0 {
		t.Errorf("left behind: %v", names)
	}
}

// TestBasinsHelp: -h exits 0 and documents every flag and the definitions.
func TestBasinsHelp(t *testing.T) {
	code, _, errOut := runArgs("basins", "-h")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	for _, w := range []string{"-surface", "-expr", "-data", "-domain", "-optimizer", "-grid", "-steps", "-tol", "-o", "-csv", "-size", "-batch", "-noise", "-seed",
		"tolerance", "steps to", "none (-1)", "diverged (-2)", "x,y,end_x,end_y,loss,minimum,steps", "SEED+k"} {
		if !strings.Contains(errOut, w) {
			t.Errorf("basins -h does not document %q", w)
		}
	}
}
