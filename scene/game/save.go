package game

import (
	"path/filepath"
	"time"

	"descent/scene"
)

// currentScene returns the window's setup as a scene: the scene as edited,
// with the 3-D camera, the playback rate, the arrows and the shown view as
// they are now.
func (g *Game) currentScene() *scene.Scene {
	s := g.sc.Clone()
	s.Camera.Elevation, s.Camera.Azimuth = g.cam.Elevation, g.cam.Azimuth
	s.Camera.Distance = 0
	if g.home.Distance != g.cam.Distance {
		s.Camera.Distance = g.cam.Distance
	}
	s.Rate = g.rate
	s.Arrows = g.show.Arrows
	switch {
	case g.kind == viewFlat && g.surf.Dim == 1:
		s.View = "curve"
	case g.basinsShown():
		s.View = "basins"
	case g.kind == viewFlat:
		s.View = "contour"
	case g.kind == view3D:
		s.View = "3d"
	}
	if s.Data != "" && !filepath.IsAbs(s.Data) && s.Dir != "" {
		s.Data = filepath.Join(s.Dir, s.Data)
	}
	s.Dir = ""
	return s
}

// saveScene writes the current setup to descent-YYYYMMDD-HHMMSS.scene in
// the working directory (Ctrl+S) and says so on screen.
func (g *Game) saveScene() {
	path := g.namer.Next(time.Now(), "scene")
	if err := g.currentScene().WriteFile(path); err != nil {
		g.notices.Say("%v", err)
		return
	}
	g.notices.Say("saved %s", path)
}
