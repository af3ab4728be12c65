package view3d

import (
	"encoding/json"
	"image"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/go-gl/mathgl/mgl64"
	"github.com/hajimehoshi/ebiten/v2"

	"descent/camera"
	"descent/scene/mesh"
	"descent/scene/plot"
	"descent/scene/surface"
	"descent/scene/xdisplay"
)

// The rendering benchmark runs in a child process of the test binary
// (Ebiten runs one game per process): lodBenchEnv names the directory it
// writes its timings to, lodBenchCase the case and lodBenchFrames the
// number of frames.
const (
	lodBenchEnv    = "DESCENT_VIEW3D_BENCH_CHILD"
	lodBenchCase   = "DESCENT_VIEW3D_BENCH_CASE"
	lodBenchFrames = "DESCENT_VIEW3D_BENCH_FRAMES"
)

// lodBenchCases are the benchmark's cases: bowl-turntable's mesh drawn at
// full resolution (as before levels of detail) and at the level the view
// picks, and a 100x100 mesh at full resolution (what -mesh 100 drew).
var lodBenchCases = map[string]struct {
	mesh int
	lod  bool
}{
	"mesh400-full": {400, false},
	"mesh400-lod":  {400, true},
	"mesh100-full": {100, false},
}

// lodTimes is what the child measured.
type lodTimes struct {
	Frames    int
	CPU, Wall time.Duration // the frames' CPU time (every thread) and wall time
	Triangles int           // the surface's triangles in the last frame
}

// BenchmarkFrameRender renders bowl-turntable's frames offscreen at 800x600
// as descent record does (the surface, the box, the trail; the camera
// turning 2 degrees a frame; each frame read back) and reports the CPU
// time per frame of every thread, software GL's included, and the wall
// time per frame as ns/op. It needs a display; run with a fixed count,
// for example -benchtime 51x.
func BenchmarkFrameRender(b *testing.B) {
	for _, name := range []string{"mesh400-full", "mesh400-lod", "mesh100-full"} {
		b.Run(name, func(b *testing.B) {
			d := xdisplay.Own(b)
			dir := b.TempDir()
			cmd := exec.Command(os.Args[0], "-test.run=^TestLODBenchChild$")
			cmd.Env = append(os.Environ(), "DISPLAY="+d, lodBenchEnv+"="+dir, lodBenchCase+"="+name, lodBenchFrames+"="+strconv.Itoa(b.N))
			if out, err := cmd.CombinedOutput(); err != nil {
				b.Fatalf("child: %v\n%s", err, out)
			}
			buf, err := os.ReadFile(filepath.Join(dir, "times.json"))
			if err != nil {
				b.Fatal(err)
			}
			var tm lodTimes
			if err := json.Unmarshal(buf, &tm); err != nil {
				b.Fatal(err)
			}
			n := float64(max(tm.Frames, 1))
			b.ReportMetric(float64(tm.Wall.Nanoseconds())/n, "ns/op")
			b.ReportMetric(float64(tm.CPU.Microseconds())/1000/n, "cpu-ms/frame")
			b.ReportMetric(float64(tm.Triangles), "triangles")
		})
	}
}

// TestLODBenchChild is BenchmarkFrameRender's child process.
func TestLODBenchChild(t *testing.T) {
	dir := os.Getenv(lodBenchEnv)
	if dir == "" {
		t.Skip("the child process of BenchmarkFrameRender (it runs it)")
	}
	c, ok := lodBenchCases[os.Getenv(lodBenchCase)]
	frames, err := strconv.Atoi(os.Getenv(lodBenchFrames))
	if !ok || err != nil || frames < 1 {
		t.Fatalf("bad case %q or frames %q", os.Getenv(lodBenchCase), os.Getenv(lodBenchFrames))
	}
	fonts, err := plot.NewFonts()
	if err != nil {
		t.Fatal(err)
	}
	cm, err := mesh.LookupColormap("viridis")
	if err != nil {
		t.Fatal(err)
	}
	surf, err := surface.Lookup("bowl")
	if err != nil {
		t.Fatal(err)
	}
	v, err := New(surf, Config{Mesh: c.mesh, Preview: 100, Alpha: 0.7, Domain: &surface.Domain{XMin: -1, XMax: 5, YMin: 0, YMax: 6}, Labels: [3]string{"X axis", "Y axis", "Loss"}})
	if err != nil {
		t.Fatal(err)
	}
	v.lod = c.lod
	g := &benchGame{v: v, fonts: fonts, cmapPixels: cm.Pixels(), frames: frames}
	ebiten.SetWindowSize(160, 160)
	ebiten.SetWindowTitle("Descent rendering benchmark")
	ebiten.SetVsyncEnabled(false)
	ebiten.SetTPS(ebiten.SyncWithFPS)
	if err := ebiten.RunGame(g); err != nil {
		t.Fatal(err)
	}
	if g.times.Frames != frames {
		t.Fatalf("rendered %d frames of %d", g.times.Frames, frames)
	}
	buf, err := json.Marshal(g.times)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "times.json"), buf, 0o644); err != nil {
		t.Fatal(err)
	}
}

// benchGame renders every frame of the benchmark in one Draw, offscreen.
type benchGame struct {
	v          *View
	fonts      *plot.Fonts
	cmapPixels []byte
	frames     int
	times      lodTimes
	done       bool
}

func (g *benchGame) Update() error {
	if g.done {
		return ebiten.Termination
	}
	return nil
}

func (g *benchGame) Layout(w, h int) (int, int) { return 160, 160 }

func (g *benchGame) Draw(screen *ebiten.Image) {
	if g.done {
		return
	}
	const w, h = 800, 600
	cmap := ebiten.NewImageWithOptions(image.Rect(0, 0, 256, 1), &ebiten.NewImageOptions{Unmanaged: true})
	cmap.WritePixels(g.cmapPixels)
	off := ebiten.NewImageWithOptions(image.Rect(0, 0, w, h), &ebiten.NewImageOptions{Unmanaged: true})
	pix := make([]byte, 4*w*h)
	cam := camera.FromMatplotlib(30, 120)
	cam.SetViewport(w, h)
	lo, hi := mesh.WorldCorners()
	cam.Fit(mgl64.Vec3(lo), mgl64.Vec3(hi))
	st := plot.Style{Theme: plot.Light(), Scale: 1, LineW: 1, Measure: g.fonts.Measure}
	tr := trailOf(g.v.surf, [2]float64{0, 0}, [2]float64{0.4, 0.6}, [2]float64{0.72, 1.08})
	runs := []Run{{Trail: tr, Color: red}}
	// One frame first, out of the timing: shaders compile, buffers grow.
	g.v.Prepare(Frame{Camera: cam, Style: st, Runs: runs})
	g.v.Draw(off, cam, cmap, g.fonts, 1)
	off.ReadPixels(pix)
	cpu0, t0 := cpuTime(), time.Now()
	for range g.frames {
		cam.Rotate(-2, 0)
		g.v.Prepare(Frame{Camera: cam, Style: st, Runs: runs})
		off.Fill(st.Theme.Background)
		g.v.Draw(off, cam, cmap, g.fonts, 1)
		off.ReadPixels(pix)
		g.times.Frames++
	}
	g.times.CPU, g.times.Wall = cpuTime()-cpu0, time.Since(t0)
	g.times.Triangles = g.v.Triangles()
	g.done = true
}

// cpuTime returns the CPU time the process has used, every thread's.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
