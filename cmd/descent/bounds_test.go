//go:build !js

package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"descent/scene"
	"descent/scene/expr"
)

// sparseFile makes a file of size bytes at path without writing them.
func sparseFile(t *testing.T, path string, size int64) string {
	t.Helper()
	f, err := os.Create(path)
	if err == nil {
		err = f.Truncate(size)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		t.Fatal(err)
	}
	return path
}

// manyRunsScene returns the text of a scene file with n runs.
func manyRunsScene(n int) string {
	var b strings.Builder
	b.WriteString("surface = bowl\n")
	for i := range n {
		fmt.Fprintf(&b, "[run]\noptimizer = sgd\nstart = %d, 1\n", i%50)
	}
	return b.String()
}

// pageArgs turns a page address into the window's command line, as the
// page does.
func pageArgs(t *testing.T, query string) []string {
	t.Helper()
	args, err := urlArgs(query)
	if err != nil {
		t.Fatal(err)
	}
	return args
}

// repeat returns n copies of flag with value v(i).
func repeat(flag string, n int, v func(i int) string) []string {
	var args []string
	for i := range n {
		args = append(args, flag, v(i))
	}
	return args
}

// TestBadAndOversizedInvocations: each bad or oversized invocation of
// trace, record, web, list and the window (with its scene files, data
// files, formulas and page addresses) exits with the contract's status (2
// for bad input, 1 for what fails while running) and exactly one line on
// stderr that names the flag or file, the value and the bound, before any
// allocation for it, any output, or any file left behind. Each case checks
// the words of its own message, so that a missing check, caught later by
// another one, fails.
func TestBadAndOversizedInvocations(t *testing.T) {
	// No display: an invocation that got past the checks fails with "needs a
	// display" (exit 1) instead of opening a window in the test process.
	t.Setenv("DISPLAY", "")
	t.Setenv("WAYLAND_DISPLAY", "")
	in := t.TempDir()  // inputs
	out := t.TempDir() // outputs: must stay as made here
	file := func(name, text string) string { return writeFile(t, in, name, text) }
	ols := file("ols.csv", "x,y\n0,1\n1,3\n2,5\n")
	longLine := file("long-line.csv", "x,y\n0,1\n1,"+strings.Repeat("5", 5000)+"\n")
	var rows strings.Builder
	for i := range 1_000_001 {
		fmt.Fprintf(&rows, "%d,%d\n", i%9, i%4)
	}
	manyRows := file("many-rows.csv", rows.String())
	hugeCSV := sparseFile(t, filepath.Join(in, "huge.csv"), 64<<20+1)
	overflow := file("overflow.csv", "1e308,1\n-1e308,2\n")
	hugeScene := sparseFile(t, filepath.Join(in, "huge.scene"), scene.MaxFileBytes+1)
	longScene := file("long-line.scene", "surface = bowl\ntitle = "+strings.Repeat("t", scene.MaxLineBytes)+"\n[run]\noptimizer = sgd\n")
	tooManyRuns := file("runs.scene", manyRunsScene(scene.MaxRuns+1))
	maxRuns := file("max-runs.scene", manyRunsScene(scene.MaxRuns))
	bigBatch := file("batch.scene", "surface = ols\n[run]\noptimizer = sgd\nbatch = 1000001\n")
	manySteps := file("steps.scene", "surface = bowl\nsteps = 1000000000\n[run]\noptimizer = sgd\n")
	bigMesh := file("mesh.scene", "surface = bowl\nmesh = 5000\n[run]\noptimizer = sgd\n")
	longExpr := file("expr.scene", "expr = x"+strings.Repeat("+x", expr.MaxLength/2)+"\n[run]\noptimizer = sgd\n")
	bigSteps := file("record-steps.scene", "surface = bowl\nsteps = 100000000\n[run]\noptimizer = sgd\n")

	old := writeFile(t, out, "old.gif", "old")
	readOnly := writeFile(t, out, "read-only.gif", "old")
	readOnlyPNG := writeFile(t, out, "read-only.png", "old")
	for _, p := range []string{readOnly, readOnlyPNG} {
		if err := os.Chmod(p, 0o444); err != nil {
			t.Fatal(err)
		}
	}
	link := filepath.Join(out, "link.gif")
	linkPNG := filepath.Join(out, "link.png")
	frames := filepath.Join(out, "frames")
	for target, l := range map[string]string{old: link, readOnlyPNG: linkPNG, in: frames} {
		if err := os.Symlink(target, l); err != nil {
			t.Fatal(err)
		}
	}
	page := t.TempDir()
	writeFile(t, page, "index.html", "old page")
	writeFile(t, page, "notes.txt", "mine")
	pageRO := t.TempDir()
	if err := os.Chmod(writeFile(t, pageRO, "index.html", "old page"), 0o444); err != nil {
		t.Fatal(err)
	}
	gif := filepath.Join(out, "x.gif")
	deep := "x"
	for range expr.MaxDepth + 1 {
		deep = "sin(" + deep + ")"
	}

	tests := []struct {
		name string
		args []string
		code int
		want []string // fragments the error line must contain
	}{
		// trace: sizes.
		{"trace batch 10^18", []string{"trace", "-surface", "ols", "-batch", "1000000000000000000", "-steps", "3"}, 2, []string{"bad -batch 1000000000000000000 (want 0..1000000"}},
		{"trace batch 10^10", []string{"trace", "-surface", "ols", "-batch", "10000000000"}, 2, []string{"bad -batch 10000000000 (want 0..1000000"}},
		{"trace batch negative", []string{"trace", "-surface", "ols", "-batch", "-1"}, 2, []string{"bad -batch -1 (want 0..1000000"}},
		{"trace steps 10^9", []string{"trace", "-steps", "1000000000"}, 2, []string{"bad -steps 1000000000 (want 0..100000000)"}},
		{"trace steps negative", []string{"trace", "-steps", "-5"}, 2, []string{"bad -steps -5 (want 0..100000000)"}},
		{"trace steps past int64", []string{"trace", "-steps", "99999999999999999999"}, 2, []string{`invalid value "99999999999999999999" for flag -steps`, "out of range"}},
		{"trace too many runs", append(append([]string{"trace"}, repeat("-start", 101, func(i int) string { return fmt.Sprint(i) + ",0" })...), repeat("-optimizer", 100, func(int) string { return "sgd" })...), 2,
			[]string{"too many runs: 101 -start times 100 -optimizer make 10100 (want at most 10000)"}},
		{"trace domain too wide", []string{"trace", "-expr", "x^2+y^2", "-domain", "-1e308,1e308,0,1"}, 2, []string{"flag -domain", "too wide: its width overflows"}},
		{"trace seed negative", []string{"trace", "-seed", "-1"}, 2, []string{`invalid value "-1" for flag -seed`}},
		{"trace infinite noise", []string{"trace", "-noise", "inf"}, 2, []string{"invalid noise: +Inf"}},
		// trace: formulas.
		{"trace empty expression", []string{"trace", "-expr", ""}, 2, []string{`invalid value "" for flag -expr: empty expression`}},
		{"trace expression too long", []string{"trace", "-expr", "x" + strings.Repeat("+x", 100_000)}, 2, []string{"bad -expr: 200001 bytes long (want at most 131072)"}},
		{"trace expression nested too deeply", []string{"trace", "-expr", deep}, 2, []string{"nested too deeply (more than 200 levels)"}},
		{"trace start not finite", []string{"trace", "-expr", "1/0"}, 2, []string{"run 1 (sgd) starts where the loss is not finite (step 0: f(-4) = +Inf)"}},
		{"trace start NaN", []string{"trace", "-expr", "log(x)", "-start", "-1"}, 2, []string{"starts where the loss is not finite (step 0: f(-1) = NaN)"}},
		{"trace empty surface", []string{"trace", "-surface", ""}, 2, []string{`invalid value "" for flag -surface: empty surface name`}},
		// trace: data files.
		{"trace empty data name", []string{"trace", "-data", ""}, 2, []string{`invalid value "" for flag -data: empty file name`}},
		{"csv line too long", []string{"trace", "-data", longLine}, 2, []string{longLine + ":3: line longer than 4096 bytes"}},
		{"csv too many rows", []string{"trace", "-data", manyRows}, 2, []string{manyRows + ":1000001: more than 1000000 data rows"}},
		{"csv too large", []string{"trace", "-data", hugeCSV}, 2, []string{hugeCSV + ": file of 67108865 bytes is larger than 67108864"}},
		{"csv is a directory", []string{"trace", "-data", in}, 2, []string{in + " is a directory, not a CSV file"}},
		{"csv squares overflow", []string{"trace", "-data", overflow}, 2, []string{"data values too large: their squares overflow"}},
		{"csv endless device", []string{"trace", "-data", "/dev/zero"}, 2, []string{"/dev/zero:1: line longer than 4096 bytes"}},
		{"trace batch on a good csv", []string{"trace", "-data", ols, "-batch", "1000001"}, 2, []string{"bad -batch 1000001 (want 0..1000000"}},

		// The window's flags.
		{"window trail 10^9", []string{"-trail", "1000000000"}, 2, []string{"bad -trail 1000000000 (want 2..100000)"}},
		{"window trail 1", []string{"-trail", "1"}, 2, []string{"bad -trail 1 (want 2..100000)"}},
		{"window trail over all runs", []string{"-scene", maxRuns, "-trail", "5000"}, 2, []string{"bad -trail 5000 (want 2..1000; with 10000 runs: at most 10000000 iterates in all)"}},
		{"window mesh too fine", []string{"-mesh", "5000"}, 2, []string{"bad -mesh 5000 (want 2..1000)"}},
		{"window mesh too coarse", []string{"-mesh", "1"}, 2, []string{"bad -mesh 1 (want 2..1000)"}},
		{"window steps 10^9", []string{"-steps", "1000000000"}, 2, []string{"bad -steps 1000000000 (want 0..100000000; 0: no limit)"}},
		{"window batch 10^10", []string{"-surface", "ols", "-batch", "10000000000"}, 2, []string{"bad -batch 10000000000 (want 0..1000000"}},
		{"window empty expression", []string{"-expr", ""}, 2, []string{`invalid value "" for flag -expr: empty expression`}},
		{"window expression too long", []string{"-expr", "y" + strings.Repeat("*y", 70_000)}, 2, []string{"bad -expr: 140001 bytes long (want at most 131072)"}},
		{"window too many runs", append([]string{"-optimizer", "sgd", "-optimizer", "adam"}, repeat("-start", 5001, func(i int) string { return "0,0" })...), 2,
			[]string{"too many runs: 5001 -start times 2 -optimizer make 10002 (want at most 10000)"}},
		{"window screenshot jpg", []string{"-screenshot", filepath.Join(out, "shot.jpg")}, 2, []string{"a screenshot is a PNG file (name it .png)"}},
		{"window screenshot link", []string{"-screenshot", linkPNG}, 2, []string{linkPNG + ": it is a symbolic link"}},
		{"window screenshot read-only", []string{"-screenshot", readOnlyPNG}, 2, []string{readOnlyPNG + ": the file is read-only"}},
		{"window screenshot missing directory", []string{"-screenshot", filepath.Join(out, "nope", "s.png")}, 2, []string{"does not exist"}},
		{"window size too large", []string{"-size", "100000x100"}, 2, []string{`bad size "100000x100"`, "16..8192"}},
		{"window scale", []string{"-scale", "100"}, 2, []string{"bad -scale 100 (want 0.25..8)"}},
		{"window negative frames", []string{"-frames", "-1"}, 2, []string{"bad -frames -1"}},
		{"window record format", []string{"-record-format", "avi"}, 2, []string{`bad -record-format "avi"`}},
		{"window swarm negative", []string{"-swarm", "-1"}, 2, []string{"bad -swarm -1 (want 0..1000000"}},
		{"window swarm 2 million", []string{"-swarm", "2000000"}, 2, []string{"bad -swarm 2000000 (want 0..1000000"}},
		{"window swarms over all runs", []string{"-scene", "himmelblau-swarm", "-swarm", "300000"}, 2, []string{"run 4: swarms of 1200000 particles in all", "(MaxParticles)"}},
		{"window swarm radius negative", []string{"-swarm-radius", "-1"}, 2, []string{"bad -swarm-radius -1 (want a finite number >= 0"}},
		{"window swarm radius NaN", []string{"-swarm-radius", "NaN"}, 2, []string{"bad -swarm-radius NaN"}},
		{"window swarm with a schedule", []string{"-swarm", "10", "-optimizer", "sgd:lr=0.01+steplr:step_size=5"}, 2, []string{"a swarm steps with a constant learning rate"}},
		{"window without a display", []string{"-scene", "bowl-turntable"}, 1, []string{"needs a display", "xvfb-run"}},
		// Scene files (through the window's -scene).
		{"scene empty name", []string{"-scene", ""}, 2, []string{`invalid value "" for flag -scene: empty scene name`}},
		{"scene file too large", []string{"-scene", hugeScene}, 2, []string{hugeScene + ": file of 4194305 bytes is larger than 4194304 (MaxFileBytes)"}},
		{"scene line too long", []string{"-scene", longScene}, 2, []string{longScene + ":2: line longer than 135168 bytes"}},
		{"scene too many runs", []string{"-scene", tooManyRuns}, 2, []string{tooManyRuns + ":30002: more than 10000 runs (MaxRuns)"}},
		{"scene batch too large", []string{"-scene", bigBatch}, 2, []string{bigBatch + ":4: run 1: batch must be 0..1000000"}},
		{"scene steps too many", []string{"-scene", manySteps}, 2, []string{manySteps + ":2: steps must be 0..100000000"}},
		{"scene mesh too fine", []string{"-scene", bigMesh}, 2, []string{bigMesh + ":2: mesh must be 2..1000"}},
		{"scene expression too long", []string{"-scene", longExpr}, 2, []string{longExpr + ":1: expr: column 131073: expression too long"}},
		{"scene is a directory", []string{"-scene", in + "/"}, 2, []string{"is a directory, not a scene file"}},
		{"scene endless device", []string{"-scene", "/dev/zero"}, 2, []string{"/dev/zero:1: line longer than 135168 bytes"}},
		// The page's address goes through the same flags.
		{"page trail", pageArgs(t, "?trail=1000000000"), 2, []string{"bad -trail 1000000000 (want 2..100000)"}},
		{"page batch", pageArgs(t, "?surface=ols&batch=10000000000"), 2, []string{"bad -batch 10000000000"}},
		{"page empty expression", pageArgs(t, "?expr="), 2, []string{"empty expression"}},

		// record.
		{"record trail 10^9", []string{"record", "-o", gif, "-trail", "1000000000"}, 2, []string{"bad -trail 1000000000 (want 2..100000)"}},
		{"record frames", []string{"record", "-o", gif, "-frames", "100001"}, 2, []string{"bad -frames 100001 (want 0..100000; 0: until the runs finish)"}},
		{"record steps per frame", []string{"record", "-o", gif, "-steps-per-frame", "9223372036854775807"}, 2, []string{"bad -steps-per-frame 9223372036854775807 (want 1..100000000)"}},
		{"record frames the steps make", []string{"record", "-o", gif, "-scene", bigSteps}, 2, []string{"too many frames: 100000000 steps at 1 a frame make 100000001 frames (want at most 100000"}},
		{"record GIF too slow", []string{"record", "-o", gif, "-fps", "0.001"}, 2, []string{"bad -fps 0.001: a GIF plays at least 0.0015 fps"}},
		{"record loop", []string{"record", "-o", gif, "-loop", "70000"}, 2, []string{"bad -loop 70000 (want 0..65536; 0: loop forever)"}},
		{"record palette frames", []string{"record", "-o", gif, "-palette-frames", "1000"}, 2, []string{"bad -palette-frames 1000 (want 0..139;"}},
		{"record palette frames of a large frame", []string{"record", "-o", gif, "-size", "8192x8192", "-palette-frames", "2"}, 2, []string{"bad -palette-frames 2 (want 0..1;"}},
		{"record over a link", []string{"record", "-o", link}, 2, []string{link + ": it is a symbolic link (to " + old + ")"}},
		{"record over a read-only file", []string{"record", "-o", readOnly}, 2, []string{readOnly + ": the file is read-only"}},
		{"record frames into a link", []string{"record", "-o", frames + "/"}, 2, []string{"it is a symbolic link (to " + in + ")"}},
		{"record batch", []string{"record", "-o", gif, "-surface", "ols", "-batch", "10000000000"}, 2, []string{"bad -batch 10000000000"}},
		{"record too many runs", []string{"record", "-o", gif, "-scene", tooManyRuns}, 2, []string{"more than 10000 runs (MaxRuns)"}},
		{"record expression too long", []string{"record", "-o", gif, "-expr", "x" + strings.Repeat("+x", 70_000)}, 2, []string{"bad -expr: 140001 bytes long"}},
		{"record without a display", []string{"record", "-o", gif, "-scene", "bowl-turntable"}, 1, []string{"needs a display", "xvfb-run"}},

		// web.
		{"web output is a file", []string{"web", "-o", old}, 2, []string{"-o " + old + " is a file, not a folder"}},
		{"web output not empty", []string{"web", "-o", page}, 2, []string{"-o " + page + " is not empty: building the page there overwrites index.html; add -force"}},
		{"web forced over a read-only file", []string{"web", "-o", pageRO, "-force"}, 2, []string{"index.html: the file is read-only"}},
		{"web output is a link", []string{"web", "-o", frames}, 2, []string{"-o " + frames + " is a symbolic link (to " + in + ")"}},
		{"web port", []string{"web", "-o", filepath.Join(out, "new"), "-serve", "127.0.0.1:99999"}, 2, []string{"the port must be a number 0..65535"}},
		{"web not loopback", []string{"web", "-o", filepath.Join(out, "new"), "-serve", "10.1.2.3:80"}, 2, []string{"only loopback addresses"}},
		{"web no output", []string{"web"}, 2, []string{"missing -o DIR"}},

		// list.
		{"list unknown kind after a good one", []string{"list", "surfaces", "colours"}, 2, []string{`unknown list "colours"`}},
		{"list json of two kinds", []string{"list", "-format", "json", "surfaces", "scenes"}, 2, []string{"-format json lists one kind at a time"}},
	}
	if len(tests) < 60 {
		t.Fatalf("only %d invocations", len(tests))
	}
	before := dirNames(t, out)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := runArgs(tc.args...)
			if code != tc.code {
				t.Errorf("exit %d, want %d (stderr %.300q)", code, tc.code, stderr)
			}
			if stdout != "" {
				t.Errorf("stdout %.200q, want nothing", stdout)
			}
			lines := strings.Split(strings.TrimRight(stderr, "\n"), "\n")
			name := "descent"
			switch tc.args[0] {
			case "trace", "record", "web", "list":
				name += " " + tc.args[0]
			}
			if len(lines) != 1 || !strings.HasPrefix(stderr, name+": ") {
				t.Errorf("stderr is not one %q line: %.300q", name+":", stderr)
			}
			if len(stderr) > 1000 {
				t.Errorf("a line of %d bytes: %.200q", len(stderr), stderr)
			}
			for _, w := range tc.want {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr %.300q does not say %q", stderr, w)
				}
			}
			if strings.Contains(stderr, "goroutine") || strings.Contains(stderr, "panic") {
				t.Errorf("stack trace in %.300q", stderr)
			}
			if after := dirNames(t, out); strings.Join(after, ",") != strings.Join(before, ",") {
				t.Errorf("outputs changed from %v to %v", before, after)
			}
		})
	}
	if b, _ := os.ReadFile(old); string(b) != "old" {
		t.Errorf("the link's target now holds %q", b)
	}
}

// TestWindowInputFailsBeforeTheWindow: a surface with no finite value to
// show is bad input (exit 2), found before a window is opened (the display
// named here does not exist).
func TestWindowInputFailsBeforeTheWindow(t *testing.T) {
	t.Setenv("DISPLAY", ":97")
	code, stdout, stderr := runArgs("-expr", "log(-1-x^2-y^2)", "-mesh", "20")
	if code != 2 || stdout != "" || stderr != "descent: game: the surface has no finite value in the domain\n" {
		t.Errorf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
}

// TestDisplayHint: an error opening the display says how to run headless;
// other errors are left as they are.
func TestDisplayHint(t *testing.T) {
	t.Setenv("DISPLAY", ":97")
	err := displayHint(errors.New("glfw: x11: failed to open display :97"))
	want := `glfw: x11: failed to open display :97 (is the display ":97" running? On a headless machine run it under xvfb-run -a -s "-screen 0 1280x720x24")`
	if err == nil || err.Error() != want {
		t.Errorf("%v, want %q", err, want)
	}
	if other := errors.New("game: something else"); displayHint(other) != other {
		t.Error("an error that is not about the display was changed")
	}
	if displayHint(nil) != nil {
		t.Error("no error became one")
	}
}
