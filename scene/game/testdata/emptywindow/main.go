// Command emptywindow opens an Ebiten window that draws nothing but a
// background, at the window's size, TPS and vsync settings, and prints its
// frame rate once a second on stderr as descent -stats does ("fps=F"): the
// yardstick the window's frame rate is compared with (framerate.sh).
package main

import (
	"flag"
	"fmt"
	"image/color"
	"os"
	"time"

	"github.com/hajimehoshi/ebiten/v2"
)

type empty struct {
	frames, limit int
	since         time.Time
}

func (g *empty) Update() error {
	if g.limit > 0 && g.frames >= g.limit {
		return ebiten.Termination
	}
	if g.since.IsZero() {
		g.since = time.Now()
	}
	if time.Since(g.since) >= time.Second {
		fmt.Fprintf(os.Stderr, "fps=%.1f tps=%.1f\n", ebiten.ActualFPS(), ebiten.ActualTPS())
		g.since = time.Now()
	}
	return nil
}

func (g *empty) Draw(screen *ebiten.Image) {
	screen.Fill(color.RGBA{0xfa, 0xfa, 0xf7, 0xff})
	g.frames++
}

func (g *empty) Layout(w, h int) (int, int) { return w, h }

func main() {
	frames := flag.Int("frames", 0, "quit after N frames")
	flag.Parse()
	ebiten.SetWindowSize(1280, 720)
	ebiten.SetVsyncEnabled(true)
	ebiten.SetTPS(60)
	if err := ebiten.RunGame(&empty{limit: *frames}); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
