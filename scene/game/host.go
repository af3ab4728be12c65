package game

import (
	"descent/scene"
	"descent/scene/panel"
	"descent/scene/surface"
)

// host is the game as the control panel sees it (panel.Host).
type host struct{ g *Game }

var _ panel.Host = host{}

func (h host) Scene() *scene.Scene        { return h.g.sc }
func (h host) Surface() *surface.Surface  { return h.g.surf }
func (h host) Apply(s *scene.Scene) error { h.g.stopStory(); return h.g.applyScene(s) }
func (h host) Restart()                   { h.g.restartAll() }
func (h host) Save()                      { h.g.saveScene() }
func (h host) CopyLink()                  { h.g.copyLink() }
func (h host) Options() panel.Options {
	o := h.g.show
	o.Basins = h.g.basinsShown()
	return o
}

func (h host) SetOptions(o panel.Options) {
	if o.Basins != h.g.basinsShown() {
		h.g.setBasins(o.Basins)
	}
	o.Basins = false // kept by the basins view itself
	h.g.show = o
}

func (h host) OpenPreset(name string) error {
	s, err := scene.Load(name)
	if err != nil {
		return err
	}
	return h.g.open(s)
}
