package mesh

import (
	"descent/scene/parallel"
	"errors"
	"math"
)

// Mesh holds a grid's vertices in world space with what the shader needs
// at each of them: the unit normal, the colormap coordinate and the
// grid-line coordinates. Vertex k = j*N+i is grid sample (i, j).
type Mesh struct {
	// Grid is the sampled surface.
	Grid *Grid
	// Box maps the grid into the world.
	Box Box
	// N is the number of vertices per side (Grid.N).
	N int
	// Pos holds the world positions packed as x, y, z (3*N*N values).
	Pos []float32
	// Normal holds the unit normals in world space, packed like Pos.
	Normal []float32
	// T holds the colormap coordinate of each vertex: 0 at Box.Lo, 1 at Box.Hi.
	T []float32
	// U and V hold each vertex's x and y position in grid-line units: grid
	// lines lie where they are whole numbers.
	U, V []float32
	// Lines is the number of grid-line intervals along each side.
	Lines int
}

// New builds the world-space mesh of g in box b (normally BoxOf(g); a
// coarser preview grid passes the full grid's box so both look alike,
// heights outside the box being clamped to it). lines is the number of
// grid-line intervals per side; 0 picks one from DefaultLines.
func New(g *Grid, b Box, lines int) (*Mesh, error) {
	if g == nil || g.N < MinSamples || len(g.Z) != g.N*g.N {
		return nil, errors.New("mesh: invalid grid")
	}
	if lines <= 0 {
		lines = DefaultLines(g.N)
	}
	n := g.N
	m := &Mesh{
		Grid: g, Box: b, N: n, Lines: lines,
		Pos:    make([]float32, 3*n*n),
		Normal: make([]float32, 3*n*n),
		T:      make([]float32, n*n),
		U:      make([]float32, n*n),
		V:      make([]float32, n*n),
	}
	step := 2 * WorldXY / float64(n-1)
	parallel.For(n, func(j0, j1 int) {
		for j := j0; j < j1; j++ {
			wy := -WorldXY + float64(j)*step
			for i := range n {
				k := j*n + i
				wz := b.WorldZOf(g.Z[k])
				m.Pos[3*k] = float32(-WorldXY + float64(i)*step)
				m.Pos[3*k+1] = float32(wy)
				m.Pos[3*k+2] = float32(wz)
				m.T[k] = float32((wz/WorldZ + 1) / 2)
				m.U[k] = float32(float64(i) / float64(n-1) * float64(lines))
				m.V[k] = float32(float64(j) / float64(n-1) * float64(lines))
			}
		}
	})
	if g.Raw != nil {
		m.smoothCut()
	}
	parallel.For(n, func(j0, j1 int) {
		for j := j0; j < j1; j++ {
			for i := range n {
				m.normalAt(i, j, step)
			}
		}
	})
	return m, nil
}

// smoothCut moves each clipped vertex that borders unclipped ones to where
// the surface crosses the clipping height along those edges (the average
// of the crossings), so that the cut follows the contour instead of
// stepping from cell to cell.
func (m *Mesh) smoothCut() {
	g, n := m.Grid, m.N
	inside := func(v float64) bool { return v >= g.Lo && v <= g.Hi }
	type move struct {
		k          int
		x, y, u, v float32
	}
	var moves []move
	for j := range n {
		for i := range n {
			k := j*n + i
			zv := g.Raw[k]
			if math.IsNaN(zv) || inside(zv) {
				continue
			}
			limit := g.Hi
			if zv < g.Lo {
				limit = g.Lo
			}
			var sx, sy, su, sv float64
			cnt := 0
			for _, d := range [4][2]int{{-1, 0}, {1, 0}, {0, -1}, {0, 1}} {
				ii, jj := i+d[0], j+d[1]
				if ii < 0 || jj < 0 || ii >= n || jj >= n {
					continue
				}
				ku := jj*n + ii
				zu := g.Raw[ku]
				if !inside(zu) {
					continue
				}
				t := 0.5
				if finite(zv) && zv != zu {
					t = (limit - zu) / (zv - zu)
				}
				t = math.Max(0, math.Min(1, t))
				lerp := func(a, b float32) float64 { return float64(a) + t*float64(b-a) }
				sx += lerp(m.Pos[3*ku], m.Pos[3*k])
				sy += lerp(m.Pos[3*ku+1], m.Pos[3*k+1])
				su += lerp(m.U[ku], m.U[k])
				sv += lerp(m.V[ku], m.V[k])
				cnt++
			}
			if cnt > 0 {
				c := float64(cnt)
				moves = append(moves, move{k, float32(sx / c), float32(sy / c), float32(su / c), float32(sv / c)})
			}
		}
	}
	for _, mv := range moves {
		m.Pos[3*mv.k], m.Pos[3*mv.k+1] = mv.x, mv.y
		m.U[mv.k], m.V[mv.k] = mv.u, mv.v
	}
}

// DefaultLines returns the number of grid-line intervals per side for a
// grid of n samples: about twenty, on sample boundaries when n-1 allows.
func DefaultLines(n int) int {
	cells := n - 1
	if cells <= 24 {
		return max(cells, 1)
	}
	for d := range 6 {
		for _, l := range []int{20 - d, 20 + d} {
			if cells%l == 0 {
				return l
			}
		}
	}
	return 20
}

// normalAt computes the unit normal at sample (i, j) from central
// differences of the world heights (one-sided at the edges).
func (m *Mesh) normalAt(i, j int, step float64) {
	n := m.N
	z := func(i, j int) float64 { return float64(m.Pos[3*(j*n+i)+2]) }
	i0, i1 := max(i-1, 0), min(i+1, n-1)
	j0, j1 := max(j-1, 0), min(j+1, n-1)
	dzdx := (z(i1, j) - z(i0, j)) / (float64(i1-i0) * step)
	dzdy := (z(i, j1) - z(i, j0)) / (float64(j1-j0) * step)
	l := math.Sqrt(dzdx*dzdx + dzdy*dzdy + 1)
	k := 3 * (j*n + i)
	m.Normal[k] = float32(-dzdx / l)
	m.Normal[k+1] = float32(-dzdy / l)
	m.Normal[k+2] = float32(1 / l)
}

// Height returns the world height of the mesh at surface point (x, y),
// interpolated bilinearly between samples (x, y clamped to the domain).
func (m *Mesh) Height(x, y float64) float64 {
	d := m.Box.Domain
	n := m.N
	fx := (x - d.XMin) / (d.XMax - d.XMin) * float64(n-1)
	fy := (y - d.YMin) / (d.YMax - d.YMin) * float64(n-1)
	if !(fx > 0) {
		fx = 0
	}
	if !(fy > 0) {
		fy = 0
	}
	fx = math.Min(fx, float64(n-1))
	fy = math.Min(fy, float64(n-1))
	i, j := min(int(fx), n-2), min(int(fy), n-2)
	tx, ty := fx-float64(i), fy-float64(j)
	z := func(i, j int) float64 { return float64(m.Pos[3*(j*n+i)+2]) }
	return (1-ty)*((1-tx)*z(i, j)+tx*z(i+1, j)) + ty*((1-tx)*z(i, j+1)+tx*z(i+1, j+1))
}
