package game

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"descent/scene"
)

// currentScene returns the window's setup as a scene: the scene as edited,
// with the 3D camera, the playback rate and the shown view as they are now.
func (g *Game) currentScene() *scene.Scene {
	s := g.sc.Clone()
	s.Camera.Elevation, s.Camera.Azimuth = g.cam.Elevation, g.cam.Azimuth
	s.Camera.Distance = 0
	if g.home.Distance != g.cam.Distance {
		s.Camera.Distance = g.cam.Distance
	}
	s.Rate = g.rate
	s.Arrows = g.views.arrows
	switch {
	case g.views.kind == viewFlat && g.surf.Dim == 1:
		s.View = "curve"
	case g.views.kind == viewFlat:
		s.View = "contour"
	case g.views.kind == view3D:
		s.View = "3d"
	}
	if s.Data != "" && !filepath.IsAbs(s.Data) && s.Dir != "" {
		s.Data = filepath.Join(s.Dir, s.Data)
	}
	s.Dir = ""
	return s
}

// writeSceneFile writes s to path through a temporary file in the same
// directory renamed at the end, so a failure never leaves half a file.
func writeSceneFile(s *scene.Scene, path string) error {
	var b bytes.Buffer
	if err := s.Write(&b); err != nil {
		return fmt.Errorf("game: save: %w", err)
	}
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, ".descent-*.scene.tmp")
	if err != nil {
		return fmt.Errorf("game: save: %w", err)
	}
	name := tmp.Name()
	_, werr := tmp.Write(b.Bytes())
	cerr := tmp.Close()
	if werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = os.Rename(name, path)
	}
	if werr != nil {
		os.Remove(name)
		return fmt.Errorf("game: save: %w", werr)
	}
	return nil
}

// saveScene writes the current setup to descent-YYYYMMDD-HHMMSS.scene in
// the working directory (Ctrl+S) and says so on screen.
func (g *Game) saveScene() {
	path := captureName(time.Now(), "scene")
	if err := writeSceneFile(g.currentScene(), path); err != nil {
		g.say("%v", err)
		return
	}
	g.say("saved %s", path)
}
