package view3d

import (
	"encoding/json"
	"fmt"
	"image"
	"image/png"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/go-gl/mathgl/mgl64"
	"github.com/hajimehoshi/ebiten/v2"

	"descent/camera"
	"descent/scene/mesh"
	"descent/scene/plot"
	"descent/scene/surface"
	"descent/scene/xdisplay"
)

// The display test of the levels of detail runs in a child process of the
// test binary (Ebiten runs one game per process, and TestArrowsPixels has
// this one's): lodChildEnv names the directory it writes its results to.
const lodChildEnv = "DESCENT_VIEW3D_LOD_CHILD"

// lodShot is one picture of the levels-of-detail test: a surface, the
// camera and the frame size.
type lodShot struct {
	Name       string
	Surface    string
	Mesh       int
	Domain     *surface.Domain
	Alpha      float64
	Elev, Azim float64
	W, H       int
	Ortho      bool
	Zoom       float64
	Trail      bool // a run's trail over the surface, hidden in part
	// Coarser: the view must draw a level coarser than the full mesh (so
	// that the comparison is not of the full mesh with itself).
	Coarser bool
}

// lodShots are the pictures compared: bowl-turntable's frames as descent
// record renders them (800x600), other angles, sizes and projections, and
// the surfaces of other presets.
func lodShots() []lodShot {
	bowl := &surface.Domain{XMin: -1, XMax: 5, YMin: 0, YMax: 6}
	return []lodShot{
		{Name: "bowl-30-120", Surface: "bowl", Mesh: 400, Domain: bowl, Alpha: 0.7, Elev: 30, Azim: 120, W: 800, H: 600, Trail: true, Coarser: true},
		{Name: "bowl-30-70", Surface: "bowl", Mesh: 400, Domain: bowl, Alpha: 0.7, Elev: 30, Azim: 70, W: 800, H: 600, Coarser: true},
		{Name: "bowl-30-20", Surface: "bowl", Mesh: 400, Domain: bowl, Alpha: 0.7, Elev: 30, Azim: 20, W: 800, H: 600, Coarser: true},
		{Name: "bowl-8-200", Surface: "bowl", Mesh: 400, Domain: bowl, Alpha: 0.7, Elev: 8, Azim: 200, W: 800, H: 600, Coarser: true},
		{Name: "bowl-70-45-1280", Surface: "bowl", Mesh: 400, Domain: bowl, Alpha: 0.7, Elev: 70, Azim: 45, W: 1280, H: 720, Coarser: true},
		{Name: "bowl-ortho-30-m60", Surface: "bowl", Mesh: 400, Domain: bowl, Alpha: 0.7, Elev: 30, Azim: -60, W: 800, H: 600, Ortho: true, Coarser: true},
		{Name: "bowl-zoom3-30-120", Surface: "bowl", Mesh: 400, Domain: bowl, Alpha: 0.7, Elev: 30, Azim: 120, W: 800, H: 600, Zoom: 3, Coarser: true},
		{Name: "himmelblau-30-m60", Surface: "himmelblau", Mesh: 200, Alpha: 0.8, Elev: 30, Azim: -60, W: 800, H: 600, Trail: true, Coarser: true},
		{Name: "rastrigin-35-m50", Surface: "rastrigin", Mesh: 300, Alpha: 0.8, Elev: 35, Azim: -50, W: 800, H: 600},
		{Name: "rosenbrock-35-m120", Surface: "rosenbrock", Mesh: 200, Alpha: 0.85, Elev: 35, Azim: -120, W: 800, H: 600},
	}
}

// lodResult is what the child measured of one shot.
type lodResult struct {
	Name string
	// Level is the level of detail drawn (samples per side), Full the full
	// mesh's; Triangles are the level's and FullTriangles the full mesh's.
	Level, Full, Triangles, FullTriangles int
	// PSNR of the level's picture against the full mesh's, in dB (100
	// when they are equal).
	PSNR float64
	// Outline counts the pixels covered by one surface and not the other
	// that lie farther than a pixel from the full surface's outline; Lines
	// the grid-line pixels of either picture with no grid-line pixel of
	// the other within a pixel, and LinePixels the full picture's.
	Outline, Lines, LinePixels int
	// Covered is how many pixels the full surface covers.
	Covered int
}

// TestLODPixels renders every shot at full resolution and at the level of
// detail the view picks, and checks that the pictures match: PSNR at
// least 40 dB, the surface's outline within a pixel, the grid lines within
// a pixel.
func TestLODPixels(t *testing.T) {
	if os.Getenv(lodChildEnv) != "" {
		t.Skip("in the child process")
	}
	d := xdisplay.Own(t)
	dir := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^TestLODChild$", "-test.v")
	cmd.Env = append(os.Environ(), "DISPLAY="+d, lodChildEnv+"="+dir)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	b, err := os.ReadFile(filepath.Join(dir, "results.json"))
	if err != nil {
		t.Fatalf("child wrote no results: %v\n%s", err, out)
	}
	var res []lodResult
	if err := json.Unmarshal(b, &res); err != nil {
		t.Fatal(err)
	}
	if len(res) != len(lodShots()) {
		t.Fatalf("%d results for %d shots", len(res), len(lodShots()))
	}
	for k, r := range res {
		t.Logf("%-20s level %3d of %3d (%6d of %6d triangles): PSNR %.1f dB, outline %d, lines %d of %d, covered %d",
			r.Name, r.Level, r.Full, r.Triangles, r.FullTriangles, r.PSNR, r.Outline, r.Lines, r.LinePixels, r.Covered)
		if r.PSNR < 40 {
			t.Errorf("%s: PSNR %.1f dB, want at least 40", r.Name, r.PSNR)
		}
		if r.Outline > 0 {
			t.Errorf("%s: %d pixels of the outline moved by more than a pixel", r.Name, r.Outline)
		}
		if r.Lines > 0 {
			t.Errorf("%s: %d grid-line pixels moved by more than a pixel", r.Name, r.Lines)
		}
		if s := lodShots()[k]; s.Coarser && r.Level >= r.Full {
			t.Errorf("%s: drew the full mesh (%d samples), want a coarser level", r.Name, r.Level)
		}
		if r.Covered < 10000 || r.LinePixels < 500 {
			t.Errorf("%s: the surface covers %d pixels with %d grid-line pixels: nothing to compare", r.Name, r.Covered, r.LinePixels)
		}
	}
	// The bowl at bowl-turntable's size draws far fewer triangles than the
	// full mesh.
	if r := res[0]; r.Triangles*4 > r.FullTriangles {
		t.Errorf("%s: %d triangles of %d", r.Name, r.Triangles, r.FullTriangles)
	}
	if *pngDir != "" {
		for _, s := range lodShots() {
			for _, kind := range []string{"full", "lod", "diff"} {
				name := s.Name + "-" + kind + ".png"
				if b, err := os.ReadFile(filepath.Join(dir, name)); err == nil {
					_ = os.MkdirAll(*pngDir, 0o755)
					_ = os.WriteFile(filepath.Join(*pngDir, name), b, 0o644)
				}
			}
		}
	}
}

// TestLODChild is TestLODPixels's child process: it renders the shots and
// writes what it measured (and the pictures) into the directory named by
// lodChildEnv.
func TestLODChild(t *testing.T) {
	dir := os.Getenv(lodChildEnv)
	if dir == "" {
		t.Skip("the child process of TestLODPixels (it runs it)")
	}
	fonts, err := plot.NewFonts()
	if err != nil {
		t.Fatal(err)
	}
	cm, err := mesh.LookupColormap("viridis")
	if err != nil {
		t.Fatal(err)
	}
	g := &lodGame{t: t, fonts: fonts, cmapPixels: cm.Pixels(), shots: lodShots(), dir: dir}
	ebiten.SetWindowSize(320, 240)
	ebiten.SetWindowTitle("Descent levels-of-detail test")
	if err := ebiten.RunGame(g); err != nil {
		t.Fatal(err)
	}
	if len(g.results) != len(g.shots) {
		t.Fatalf("rendered %d shots of %d", len(g.results), len(g.shots))
	}
	b, err := json.Marshal(g.results)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "results.json"), b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// lodGame renders one shot per frame, offscreen.
type lodGame struct {
	t          *testing.T
	fonts      *plot.Fonts
	cmapPixels []byte
	cmap       *ebiten.Image
	shots      []lodShot
	results    []lodResult
	dir        string
	views      map[string]*View
}

func (g *lodGame) Update() error {
	if len(g.results) >= len(g.shots) {
		return ebiten.Termination
	}
	return nil
}

func (g *lodGame) Layout(w, h int) (int, int) { return 320, 240 }

func (g *lodGame) Draw(screen *ebiten.Image) {
	if g.cmap == nil {
		g.cmap = ebiten.NewImageWithOptions(image.Rect(0, 0, 256, 1), &ebiten.NewImageOptions{Unmanaged: true})
		g.cmap.WritePixels(g.cmapPixels)
		g.views = map[string]*View{}
	}
	k := len(g.results)
	if k >= len(g.shots) {
		return
	}
	r, err := g.render(g.shots[k])
	if err != nil {
		g.t.Error(err)
	}
	g.results = append(g.results, r)
}

// view returns the shot's view, built once per surface and mesh.
func (g *lodGame) view(s lodShot) (*View, error) {
	key := fmt.Sprintf("%s-%d-%v", s.Surface, s.Mesh, s.Alpha)
	if v, ok := g.views[key]; ok {
		return v, nil
	}
	surf, err := surface.Lookup(s.Surface)
	if err != nil {
		return nil, err
	}
	v, err := New(surf, Config{Mesh: s.Mesh, Preview: 100, Alpha: s.Alpha, Domain: s.Domain, Labels: [3]string{"X axis", "Y axis", "Loss"}})
	if err != nil {
		return nil, err
	}
	g.views[key] = v
	return v, nil
}

// render draws shot s five ways (full mesh and level of detail, with and
// without grid lines, and the axes alone) and measures them.
func (g *lodGame) render(s lodShot) (lodResult, error) {
	res := lodResult{Name: s.Name}
	v, err := g.view(s)
	if err != nil {
		return res, err
	}
	cam := camera.FromMatplotlib(s.Elev, s.Azim)
	cam.SetViewport(float64(s.W), float64(s.H))
	lo, hi := mesh.WorldCorners()
	cam.Fit(mgl64.Vec3(lo), mgl64.Vec3(hi))
	cam.Ortho = s.Ortho
	if s.Zoom > 0 {
		cam.Zoom = s.Zoom
	}
	var runs []Run
	if s.Trail {
		d := v.box.Domain
		// A line across the whole domain, over hills and behind them.
		runs = []Run{{Trail: trailOf(v.surf,
			[2]float64{d.XMin + 0.1*(d.XMax-d.XMin), d.YMin + 0.1*(d.YMax-d.YMin)},
			[2]float64{d.XMin + 0.5*(d.XMax-d.XMin), d.YMin + 0.6*(d.YMax-d.YMin)},
			[2]float64{d.XMin + 0.9*(d.XMax-d.XMin), d.YMin + 0.85*(d.YMax-d.YMin)}), Color: red}}
	}
	st := plot.Style{Theme: plot.Light(), Scale: 1, LineW: 1, Measure: g.fonts.Measure}
	img := ebiten.NewImageWithOptions(image.Rect(0, 0, s.W, s.H), &ebiten.NewImageOptions{Unmanaged: true})
	defer img.Deallocate()
	shoot := func(lod bool, lineW float64, surfaceToo bool) *image.RGBA {
		v.lod = lod
		v.Prepare(Frame{Camera: cam, Style: st, Runs: runs})
		img.Fill(st.Theme.Background)
		if surfaceToo {
			v.Draw(img, cam, g.cmap, g.fonts, lineW)
		} else {
			_ = v.back.Draw(img)
			_ = v.front.Draw(img)
		}
		out := image.NewRGBA(image.Rect(0, 0, s.W, s.H))
		img.ReadPixels(out.Pix)
		return out
	}
	// A negative line width turns the grid lines off (the shader's
	// coverage never reaches 0).
	full := shoot(false, 1, true)
	res.Full, res.FullTriangles = v.lvl.m.N, v.triangles
	fullBare := shoot(false, -4, true)
	lod := shoot(true, 1, true)
	res.Level, res.Triangles = v.lvl.m.N, v.triangles
	lodBare := shoot(true, -4, true)
	axes := shoot(false, 1, false)
	v.lod = true

	res.PSNR = psnr(full, lod)
	covF := differs(fullBare, axes, 24)
	covL := differs(lodBare, axes, 24)
	res.Outline, res.Covered = outlineMoved(covF, covL, s.W, s.H)
	// Grid-line pixels: where the lines change the picture by more than
	// 8 levels must have a pixel within one where the other picture's
	// lines change it by more than 3 (two thresholds, so that a pixel on
	// the fence counts on neither side).
	lineF, weakF := differs(full, fullBare, 8), differs(full, fullBare, 3)
	lineL, weakL := differs(lod, lodBare, 8), differs(lod, lodBare, 3)
	res.Lines = unmatched(lineF, weakL, s.W, s.H) + unmatched(lineL, weakF, s.W, s.H)
	for _, on := range lineF {
		if on {
			res.LinePixels++
		}
	}
	for name, im := range map[string]image.Image{"full": full, "lod": lod, "diff": diffImage(full, lod)} {
		writePNGTo(g.t, filepath.Join(g.dir, s.Name+"-"+name+".png"), im)
	}
	return res, nil
}

// psnr returns the peak signal-to-noise ratio of b against a over the RGB
// channels, in dB (100 for equal pictures).
func psnr(a, b *image.RGBA) float64 {
	var se float64
	n := 0
	for k := 0; k+3 < len(a.Pix); k += 4 {
		for c := range 3 {
			d := float64(a.Pix[k+c]) - float64(b.Pix[k+c])
			se += d * d
			n++
		}
	}
	if se == 0 {
		return 100
	}
	return 10 * math.Log10(255*255/(se/float64(n)))
}

// differs returns where a and b differ by more than thr in some channel.
func differs(a, b *image.RGBA, thr int) []bool {
	out := make([]bool, len(a.Pix)/4)
	for p := range out {
		for c := range 3 {
			d := int(a.Pix[4*p+c]) - int(b.Pix[4*p+c])
			if d > thr || -d > thr {
				out[p] = true
				break
			}
		}
	}
	return out
}

// outlineMoved counts the pixels where the coverages a and b disagree and
// no pixel within one (8-neighbours) has the other state in a: the pixels
// more than a pixel away from a's outline. It also returns a's coverage.
func outlineMoved(a, b []bool, w, h int) (moved, covered int) {
	for y := range h {
		for x := range w {
			p := y*w + x
			if a[p] {
				covered++
			}
			if a[p] == b[p] {
				continue
			}
			edge := false
			for dy := -1; dy <= 1 && !edge; dy++ {
				for dx := -1; dx <= 1; dx++ {
					xx, yy := x+dx, y+dy
					if xx >= 0 && yy >= 0 && xx < w && yy < h && a[yy*w+xx] != a[p] {
						edge = true
						break
					}
				}
			}
			if !edge {
				moved++
			}
		}
	}
	return moved, covered
}

// unmatched counts the pixels set in a with no pixel set in b within one
// (8-neighbours).
func unmatched(a, b []bool, w, h int) int {
	n := 0
	for y := range h {
		for x := range w {
			if !a[y*w+x] {
				continue
			}
			found := false
			for dy := -1; dy <= 1 && !found; dy++ {
				for dx := -1; dx <= 1; dx++ {
					xx, yy := x+dx, y+dy
					if xx >= 0 && yy >= 0 && xx < w && yy < h && b[yy*w+xx] {
						found = true
						break
					}
				}
			}
			if !found {
				n++
			}
		}
	}
	return n
}

// diffImage shows where a and b differ: white where equal, darker with the
// largest channel difference (amplified eight times).
func diffImage(a, b *image.RGBA) *image.Gray {
	r := a.Bounds()
	out := image.NewGray(r)
	for p := range len(a.Pix) / 4 {
		d := 0
		for c := range 3 {
			d = max(d, absInt(int(a.Pix[4*p+c])-int(b.Pix[4*p+c])))
		}
		out.Pix[p] = uint8(255 - min(255, 8*d))
	}
	return out
}

func absInt(v int) int {
	if v < 0 {
		return -v
	}
	return v
}

// writePNGTo writes img to path.
func writePNGTo(t *testing.T, path string, img image.Image) {
	f, err := os.Create(path)
	if err != nil {
		t.Error(err)
		return
	}
	defer f.Close()
	if err := png.Encode(f, img); err != nil {
		t.Error(err)
	}
}
