package surface

import (
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// bruteLoss returns the loss and gradient of the mean over points idx (all
// points when idx is nil) by a direct loop.
func bruteLoss(u, v []float64, x, y float64, idx []int) (f, dx, dy float64) {
	if idx == nil {
		for i := range u {
			idx = append(idx, i)
		}
	}
	for _, i := range idx {
		r := v[i] - x - y*u[i]
		f += r * r
		dx += -2 * r
		dy += -2 * r * u[i]
	}
	n := float64(len(idx))
	return f / n, dx / n, dy / n
}

func closeRel(a, b, tol float64) bool {
	return math.Abs(a-b) <= tol*math.Max(1, math.Max(math.Abs(a), math.Abs(b)))
}

func TestLeastSquaresMatchesBruteForce(t *testing.T) {
	cases := []struct {
		name             string
		n                int
		offset, spread   float64
		intercept, slope float64
		noise            float64
	}{
		{"small", 2, 0, 1, 1, 1, 0},
		{"regression race", 1000, 0, 5, -2, 2, 0.001},
		{"noisy", 137, 3, 10, 5, -0.5, 3},
		{"far from origin", 500, 1000, 1, 7, 3, 0.1},
		{"exact line", 50, -2, 4, 0.5, 0.25, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rng := rand.New(rand.NewPCG(7, uint64(c.n)))
			u := make([]float64, c.n)
			v := make([]float64, c.n)
			for i := range u {
				u[i] = c.offset + c.spread*(2*rng.Float64()-1)
				v[i] = c.intercept + c.slope*u[i] + c.noise*rng.NormFloat64()
			}
			s, err := FromPoints(u, v)
			if err != nil {
				t.Fatal(err)
			}
			if s.Data.Len() != c.n {
				t.Errorf("Len %d, want %d", s.Data.Len(), c.n)
			}
			for range 50 {
				x := -10 + 20*rng.Float64()
				y := -10 + 20*rng.Float64()
				wf, wdx, wdy := bruteLoss(u, v, x, y, nil)
				f, dx, dy := s.Gradient(x, y)
				if !closeRel(f, wf, 1e-12) || !closeRel(dx, wdx, 1e-12) || !closeRel(dy, wdy, 1e-12) {
					t.Errorf("at (%v, %v): got %v %v %v, loop %v %v %v", x, y, f, dx, dy, wf, wdx, wdy)
				}
				if e := s.Eval(x, y); e != f {
					t.Errorf("Eval %v, Gradient's value %v", e, f)
				}
				idx := make([]int, 1+rng.IntN(c.n))
				for k := range idx {
					idx[k] = rng.IntN(c.n)
				}
				wf, wdx, wdy = bruteLoss(u, v, x, y, idx)
				f, dx, dy = s.Data.BatchGradient(x, y, idx)
				if !closeRel(f, wf, 1e-12) || !closeRel(dx, wdx, 1e-12) || !closeRel(dy, wdy, 1e-12) {
					t.Errorf("batch %v at (%v, %v): got %v %v %v, loop %v %v %v", idx, x, y, f, dx, dy, wf, wdx, wdy)
				}
			}

			// The minimum solves the normal equations; solved here by hand
			// in centred form (raw sums lose digits far from the origin).
			var su, sv float64
			for i := range u {
				su += u[i]
				sv += v[i]
			}
			n := float64(c.n)
			mu, mv := su/n, sv/n
			var suu, suv float64
			for i := range u {
				suu += (u[i] - mu) * (u[i] - mu)
				suv += (u[i] - mu) * (v[i] - mv)
			}
			wantSlope := suv / suu
			wantIntercept := mv - wantSlope*mu
			m := s.Minima[0]
			if !closeRel(m.X, wantIntercept, 1e-10) || !closeRel(m.Y, wantSlope, 1e-10) {
				t.Errorf("minimum (%v, %v), normal equations (%v, %v)", m.X, m.Y, wantIntercept, wantSlope)
			}
			wf, wdx, wdy := bruteLoss(u, v, m.X, m.Y, nil)
			if !closeRel(m.Value, wf, 1e-12) || math.Hypot(wdx, wdy) > 1e-9*math.Max(1, math.Abs(c.offset)) {
				t.Errorf("at the minimum: value %v, loop %v, loop gradient (%g, %g)", m.Value, wf, wdx, wdy)
			}
			if b, sl, l := s.Data.Solution(); b != m.X || sl != m.Y || l != m.Value {
				t.Errorf("Solution %v %v %v, minimum %+v", b, sl, l, m)
			}
		})
	}
}

func TestBuiltinOLS(t *testing.T) {
	s, err := Lookup("ols")
	if err != nil {
		t.Fatal(err)
	}
	if s.Data.Len() != 1000 {
		t.Errorf("%d points, want 1000", s.Data.Len())
	}
	m := s.Minima[0]
	if math.Abs(m.X+2) > 1e-3 || math.Abs(m.Y-2) > 1e-3 || m.Value > 1e-5 {
		t.Errorf("minimum %+v, want near (-2, 2) with a loss near the noise variance", m)
	}
	if s.Start[0] != 9 || s.Start[1] != 2 || s.Domain != (Domain{-10, 10, -10, 10}) {
		t.Errorf("start %v domain %+v", s.Start, s.Domain)
	}
	u, v := make([]float64, 1000), make([]float64, 1000)
	for i := range u {
		u[i], v[i] = s.Data.Point(i)
	}
	wf, wdx, wdy := bruteLoss(u, v, 9, 2, nil)
	f, dx, dy := s.Gradient(9, 2)
	if !closeRel(f, wf, 1e-12) || !closeRel(dx, wdx, 1e-12) || !closeRel(dy, wdy, 1e-12) {
		t.Errorf("at the start: %v %v %v, loop %v %v %v", f, dx, dy, wf, wdx, wdy)
	}
}

func TestFromPointsErrors(t *testing.T) {
	cases := []struct {
		name string
		u, v []float64
		want string
	}{
		{"no points", nil, nil, "at least two points, got 0"},
		{"one point", []float64{1}, []float64{2}, "at least two points, got 1"},
		{"lengths differ", []float64{1, 2, 3}, []float64{1, 2}, "3 x values but 2 y values"},
		{"NaN", []float64{1, math.NaN()}, []float64{1, 2}, "point 2 (NaN, 2) is not finite"},
		{"Inf", []float64{1, 2}, []float64{math.Inf(-1), 2}, "point 1 (1, -Inf) is not finite"},
		{"all x equal", []float64{3, 3, 3}, []float64{1, 2, 3}, "singular data: all 3 x values are equal"},
		{"all x equal, inexact mean", []float64{0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1}, []float64{1, 2, 3, 4, 5, 6, 7}, "singular"},
		{"x equal to 1e-14", []float64{1e6, 1e6 * (1 + 1e-15)}, []float64{1, 2}, "singular"},
	}
	for _, c := range cases {
		s, err := FromPoints(c.u, c.v)
		if err == nil {
			t.Errorf("%s: got a surface with minimum %+v, want an error", c.name, s.Minima)
			continue
		}
		if !strings.HasPrefix(err.Error(), "surface: ") || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %q, want it to contain %q", c.name, err, c.want)
		}
	}
}

func TestReadCSV(t *testing.T) {
	cases := []struct {
		name, text string
		n          int
	}{
		{"with header", "x,y\n1,2\n2,4\n3,7\n", 3},
		{"without header", "1,2\n2,4\n", 2},
		{"spaces, CRLF and blank lines", " x , y \r\n\r\n 1 , 2 \r\n2,4\r\n\r\n-3.5e0,1E2\r\n", 3},
		{"no final newline", "x,y\n0,0\n1,1", 2},
		{"byte order mark", "\ufeffx,y\n0,1\n1,0\n", 2},
		{"longest line", "0,1\r\n1," + strings.Repeat(" ", MaxCSVLine-3) + "4\r\n", 2},
	}
	for _, c := range cases {
		s, err := ReadCSV(strings.NewReader(c.text), "data.csv")
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if s.Data.Len() != c.n || s.Name != "ols" || !strings.Contains(s.Title, "data.csv") {
			t.Errorf("%s: %d points, name %q, title %q", c.name, s.Data.Len(), s.Name, s.Title)
		}
	}
}

func TestReadCSVErrors(t *testing.T) {
	cases := []struct {
		name, text, want string
	}{
		{"bad number in y", "x,y\n1,2\n2,3\n3,4\n4,5\n5,6\n6,abc\n", `surface: data.csv:7: bad number "abc" in column y`},
		{"bad number in x", "1,2\n1..5,3\n", `surface: data.csv:2: bad number "1..5" in column x`},
		{"missing y", "x,y\n1,2\n3\n", `surface: data.csv:3: want 2 columns x,y, got 1`},
		{"three columns", "1,2\n3,4,5\n", `surface: data.csv:2: want 2 columns x,y, got 3`},
		{"empty x", "x,y\n1,2\n,4\n", `surface: data.csv:3: missing number in column x`},
		{"NaN", "1,2\n2,NaN\n3,4\n", `surface: data.csv:2: bad number "NaN" in column y`},
		{"infinite", "1,2\n+Inf,3\n", `surface: data.csv:2: bad number "+Inf" in column x`},
		{"header repeated", "x,y\n1,2\nx,y\n3,4\n", `surface: data.csv:3: bad number "x" in column x`},
		{"other header", "a,b\n1,2\n3,4\n", `surface: data.csv:1: bad number "a" in column x`},
		{"semicolons", "1;2\n3;4\n", `surface: data.csv:1: want 2 columns x,y, got 1`},
		{"empty file", "", `surface: data.csv: no data rows`},
		{"header only", "x,y\n\n", `surface: data.csv: no data rows`},
		{"one row", "x,y\n1,2\n", `surface: data.csv: only one data row, least squares needs at least two`},
		{"all x equal", "x,y\n2,1\n2,5\n2,7\n", `surface: data.csv: singular data: all 3 x values are equal`},
		{"x squares overflow", "1e308,1\n-1e308,2\n", "surface: data.csv: data values too large: their squares overflow"},
		{"y squares overflow", "1,1e300\n2,-1e300\n", "surface: data.csv: data values too large: their squares overflow"},
		{"line one byte too long", "0,1\n1," + strings.Repeat(" ", MaxCSVLine-2) + "4\n", `surface: data.csv:2: line longer than 4096 bytes`},
		{"line longer than the buffer", "0,1\n1,2\n" + strings.Repeat("7", 100_000) + ",1\n", `surface: data.csv:3: line longer than 4096 bytes`},
		{"no newline at all", strings.Repeat("0", 1<<20), `surface: data.csv:1: line longer than 4096 bytes`},
	}
	for _, c := range cases {
		s, err := ReadCSV(strings.NewReader(c.text), "data.csv")
		if err == nil {
			t.Errorf("%s: got %d points, want an error", c.name, s.Data.Len())
			continue
		}
		if !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("%s:\n got %q\nwant %q", c.name, err, c.want)
		}
	}
}

func TestLoadCSV(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "line.csv")
	if err := os.WriteFile(good, []byte("x,y\n0,1\n1,3\n2,5\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := LoadCSV(good)
	if err != nil {
		t.Fatal(err)
	}
	if m := s.Minima[0]; !closeRel(m.X, 1, 1e-14) || !closeRel(m.Y, 2, 1e-14) || m.Value > 1e-28 {
		t.Errorf("line y = 1 + 2x: minimum %+v", m)
	}
	bad := filepath.Join(dir, "bad.csv")
	if err := os.WriteFile(bad, []byte("x,y\n0,1\n1,oops\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadCSV(bad); err == nil || !strings.Contains(err.Error(), bad+`:3: bad number "oops" in column y`) {
		t.Errorf("bad file: %v", err)
	}
	missing := filepath.Join(dir, "missing.csv")
	if _, err := LoadCSV(missing); err == nil || err.Error() != "surface: "+missing+": no such file" {
		t.Errorf("missing file: %v", err)
	}
	if _, err := LoadCSV(dir); err == nil || err.Error() != "surface: "+dir+" is a directory, not a CSV file" {
		t.Errorf("directory: %v", err)
	}
	// A file past the bound is refused by its size, before it is read (a
	// sparse file: nothing is written).
	huge := filepath.Join(dir, "huge.csv")
	f, err := os.Create(huge)
	if err == nil {
		err = f.Truncate(MaxCSVBytes + 1)
		f.Close()
	}
	if err != nil {
		t.Fatal(err)
	}
	want := "surface: " + huge + ": file of 67108865 bytes is larger than 67108864 (MaxCSVBytes)"
	if _, err := LoadCSV(huge); err == nil || err.Error() != want {
		t.Errorf("huge file: %v, want %q", err, want)
	}
}

// spaceLines is a reader of n bytes of 4096-byte lines of spaces, made as
// it is read.
type spaceLines struct{ n, off int64 }

func (r *spaceLines) Read(p []byte) (int, error) {
	if r.off >= r.n {
		return 0, io.EOF
	}
	k := 0
	for k < len(p) && r.off < r.n {
		if r.off%MaxCSVLine == MaxCSVLine-1 {
			p[k] = '\n'
		} else {
			p[k] = ' '
		}
		k++
		r.off++
	}
	return k, nil
}

// TestReadCSVSizeBounds: a stream of exactly MaxCSVBytes is read, one byte
// more is refused; MaxCSVRows rows are read, one more is refused with the
// line it is on.
func TestReadCSVSizeBounds(t *testing.T) {
	rows := "0,1\n1,3\n"
	fill := &spaceLines{n: MaxCSVBytes - int64(len(rows))}
	if _, err := ReadCSV(io.MultiReader(strings.NewReader(rows), fill), "big.csv"); err != nil {
		t.Errorf("a stream of MaxCSVBytes: %v", err)
	}
	fill = &spaceLines{n: MaxCSVBytes - int64(len(rows)) + 1}
	want := "surface: big.csv: larger than 67108864 bytes (MaxCSVBytes)"
	if _, err := ReadCSV(io.MultiReader(strings.NewReader(rows), fill), "big.csv"); err == nil || err.Error() != want {
		t.Errorf("a stream of MaxCSVBytes+1: %v, want %q", err, want)
	}
	var b strings.Builder
	for i := range MaxCSVRows {
		fmt.Fprintf(&b, "%d,%d\n", i%7, i%5)
	}
	s, err := ReadCSV(strings.NewReader(b.String()), "rows.csv")
	if err != nil || s.Data.Len() != MaxCSVRows {
		t.Fatalf("MaxCSVRows rows: %v", err)
	}
	b.WriteString("1,1\n")
	want = "surface: rows.csv:1000001: more than 1000000 data rows"
	if _, err := ReadCSV(strings.NewReader(b.String()), "rows.csv"); err == nil || err.Error() != want {
		t.Errorf("MaxCSVRows+1 rows: %v, want %q", err, want)
	}
}

// TestAddBatchInPieces: a batch added in pieces gives exactly the sums of
// adding it at once.
func TestAddBatchInPieces(t *testing.T) {
	s, _ := Lookup("ols")
	idx := make([]int, 777)
	for i := range idx {
		idx[i] = (i * 37) % s.Data.Len()
	}
	var whole, pieces BatchSum
	s.Data.AddBatch(&whole, 0.5, -1.5, idx)
	for k := 0; k < len(idx); k += 100 {
		s.Data.AddBatch(&pieces, 0.5, -1.5, idx[k:min(k+100, len(idx))])
	}
	if whole != pieces {
		t.Errorf("in pieces %+v, at once %+v", pieces, whole)
	}
	f, dx, dy := whole.Gradient()
	bf, bdx, bdy := s.Data.BatchGradient(0.5, -1.5, idx)
	if f != bf || dx != bdx || dy != bdy {
		t.Errorf("Gradient (%v, %v, %v), BatchGradient (%v, %v, %v)", f, dx, dy, bf, bdx, bdy)
	}
}

func TestBatchGradientEmpty(t *testing.T) {
	s, _ := Lookup("ols")
	if f, dx, dy := s.Data.BatchGradient(1, 2, nil); f != 0 || dx != 0 || dy != 0 {
		t.Errorf("empty batch: %v %v %v", f, dx, dy)
	}
}

func BenchmarkLeastSquaresBatch32(b *testing.B) {
	s, _ := Lookup("ols")
	idx := make([]int, 32)
	for i := range idx {
		idx[i] = i * 31
	}
	for b.Loop() {
		s.Data.BatchGradient(9, 2, idx)
	}
}
