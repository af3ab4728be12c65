package contour

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestTiesOnSamples uses small-integer grids with integer levels, so that
// many samples lie exactly on a level and crossings fall on grid points.
func TestTiesOnSamples(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 9))
	levels := []float64{1, 2, 3}
	for trial := 0; trial < 200; trial++ {
		nx, ny := 2+r.IntN(6), 2+r.IntN(6)
		z := make([]float64, nx*ny)
		for i := range z {
			z[i] = float64(r.IntN(5))
		}
		dom := Rect{0, 0, float64(nx - 1), float64(ny - 1)}
		total := 0.0
		for _, b := range Bands(z, nx, ny, dom, levels) {
			for k := 0; k < len(b.Triangles); k += 3 {
				a := triArea(b.Triangles[k], b.Triangles[k+1], b.Triangles[k+2])
				if a < -1e-12 {
					t.Fatalf("trial %d: clockwise triangle", trial)
				}
				total += a
			}
		}
		if want := dom.MaxX * dom.MaxY; math.Abs(total-want) > 1e-9 {
			t.Fatalf("trial %d (%dx%d %v): bands cover %g, want %g", trial, nx, ny, z, total, want)
		}
		for _, l := range levels {
			for _, pl := range Lines(z, nx, ny, dom, l) {
				if len(pl.Points) == 0 {
					t.Fatalf("trial %d: empty polyline", trial)
				}
				for _, p := range pl.Points {
					if p.X < 0 || p.Y < 0 || p.X > dom.MaxX || p.Y > dom.MaxY {
						t.Fatalf("trial %d: vertex %v outside the grid", trial, p)
					}
				}
			}
		}
	}
}

// FuzzGrid feeds arbitrary values (NaN, infinities, huge numbers) to Lines
// and Bands: they must not panic, and the bands must cover exactly the
// cells without a non-finite corner.
func FuzzGrid(f *testing.F) {
	f.Add([]byte{0, 1, 2, 3, 4, 5, 6, 7, 8}, uint8(3), 0.5)
	f.Add([]byte{255, 0, 128, 7, 7, 7}, uint8(2), 7.0)
	f.Fuzz(func(t *testing.T, data []byte, w uint8, level float64) {
		nx := int(w%8) + 2
		ny := len(data) / nx
		if ny < 2 {
			return
		}
		z := make([]float64, nx*ny)
		for i := range z {
			switch b := data[i]; b {
			case 250:
				z[i] = math.NaN()
			case 251:
				z[i] = math.Inf(1)
			case 252:
				z[i] = math.Inf(-1)
			case 253:
				z[i] = 1e300
			default:
				z[i] = float64(b) / 16
			}
		}
		dom := Rect{0, 0, float64(nx - 1), float64(ny - 1)}
		Lines(z, nx, ny, dom, level)
		levels := Levels(z, 5, Linear)
		want := 0.0
		for j := 0; j+1 < ny; j++ {
			for i := 0; i+1 < nx; i++ {
				if finite(z[j*nx+i]) && finite(z[j*nx+i+1]) && finite(z[(j+1)*nx+i]) && finite(z[(j+1)*nx+i+1]) {
					want++
				}
			}
		}
		got := 0.0
		for _, b := range Bands(z, nx, ny, dom, levels) {
			for k := 0; k < len(b.Triangles); k += 3 {
				got += triArea(b.Triangles[k], b.Triangles[k+1], b.Triangles[k+2])
			}
		}
		if math.Abs(got-want) > 1e-6*math.Max(1, want) {
			t.Fatalf("bands cover %g, %g cells are whole (levels %v)", got, want, levels)
		}
	})
}
