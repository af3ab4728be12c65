package basins

import (
	"context"
	"encoding/csv"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
)

// numpyScript is the vectorised NumPy basins script a user writes today.
const numpyScript = "testdata/numpy_basins.py"

// TestSharesAgreeWithNumPy runs the NumPy script (Adam lr 0.05 on
// Himmelblau's function, 120 x 120 starts of np.linspace(-5, 5, 120), 300
// steps, labels by the nearest minimum within squared distance 1e-2) and
// checks the swarm on the very same starts, with the same tolerance 0.1:
// the shares agree within 0.5 percentage points, and so do the shares of
// the map over cell centres. It skips, saying why, without Debian's python3
// and numpy or the script.
func TestSharesAgreeWithNumPy(t *testing.T) {
	const python = "/usr/bin/python3"
	if _, err := os.Stat(numpyScript); err != nil {
		t.Skipf("no NumPy script at %s: %v", numpyScript, err)
	}
	if err := exec.Command(python, "-c", "import numpy").Run(); err != nil {
		t.Skipf("%s with numpy is not available (%v): the NumPy comparison is skipped", python, err)
	}
	const n, steps = 120, 300
	out := filepath.Join(t.TempDir(), "numpy.csv")
	if b, err := exec.Command(python, numpyScript, strconv.Itoa(n), strconv.Itoa(steps), "0.05", out).CombinedOutput(); err != nil {
		t.Fatalf("NumPy script: %v: %s", err, b)
	}
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	rows = rows[1:] // x,y,end_x,end_y,minimum
	if len(rows) != n*n {
		t.Fatalf("NumPy wrote %d rows, want %d", len(rows), n*n)
	}
	num := func(s string) float64 {
		v, err := strconv.ParseFloat(s, 64)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	xs, ys := make([]float64, n*n), make([]float64, n*n)
	npCounts := make([]int, 6)
	for k, r := range rows {
		xs[k], ys[k] = num(r[0]), num(r[1])
		npCounts[int(num(r[4]))+2]++
	}
	p := himmelblauAdam(t, steps)
	p.Tol = 0.1 // the script's squared distance 1e-2
	s, err := NewSwarm(p, xs, ys)
	if err != nil {
		t.Fatal(err)
	}
	for range steps {
		s.Step()
	}
	agree := 0
	for k, r := range rows {
		if s.Outcome(k) == int(num(r[4])) {
			agree++
		}
	}
	npShares := Shares{Minima: make([]float64, 4)}.from(npCounts, n*n)
	compare := func(what string, got Shares) {
		t.Helper()
		for i := range 4 {
			if d := math.Abs(got.Minima[i] - npShares.Minima[i]); d > 0.005 {
				t.Errorf("%s: minimum %d share %.4f, NumPy %.4f", what, i, got.Minima[i], npShares.Minima[i])
			}
		}
		if d := math.Abs(got.None - npShares.None); d > 0.005 || got.Diverged != 0 {
			t.Errorf("%s: none %.4f diverged %.4f, NumPy none %.4f", what, got.None, got.Diverged, npShares.None)
		}
		t.Logf("%s: %.4f, none %.4f; NumPy %.4f, none %.4f", what, got.Minima, got.None, npShares.Minima, npShares.None)
	}
	compare("same starts", s.Shares())
	t.Logf("same starts: %d of %d labelled alike", agree, n*n)
	m, err := Compute(context.Background(), p, n, Options{})
	if err != nil {
		t.Fatal(err)
	}
	compare("cell centres", m.Shares())
}
