package game

import (
	"fmt"

	"descent/camera"
	"descent/scene/note"
	"descent/scene/plot"
	"descent/scene/story"
)

// playStory plays the scene's storyboard from the start (P, and when a
// scene with one opens): the runs restart and the camera goes home.
func (g *Game) playStory() {
	if len(g.sc.Story) == 0 {
		g.notices.Say("this scene has no storyboard")
		return
	}
	g.restart()
	home := g.home
	home.SetViewport(g.cam.Width, g.cam.Height)
	*g.cam = home
	g.autoRotate, g.rotate, g.paused = g.sc.AutoRotate, g.sc.Rotate, false
	for i := range g.entries {
		g.entries[i].hidden = false
	}
	g.caption = ""
	g.story = story.NewPlayer(g.sc.Story)
	g.fireCues()
	g.storyCamera()
}

// stopStory stops the storyboard: the user has taken over.
func (g *Game) stopStory() {
	if g.story == nil {
		return
	}
	g.story, g.caption = nil, ""
	g.notices.Say("storyboard stopped: P plays it again")
}

// storyHolds reports whether a storyboard's pause holds the runs.
func (g *Game) storyHolds() bool { return g.story != nil && g.story.Holding() }

// fireCues applies the storyboard's cues that are due.
func (g *Game) fireCues() {
	for _, c := range g.story.Due(g.shownStep()) {
		g.applyCue(c)
	}
	g.caption = g.story.Caption()
}

// applyCue does what cue c says.
func (g *Game) applyCue(c story.Cue) {
	switch c.Kind {
	case story.Camera:
		g.story.Move(story.Pose{Elevation: g.cam.Elevation, Azimuth: g.cam.Azimuth, Distance: g.cam.Distance}, c)
	case story.Turn:
		g.autoRotate = c.On
		if c.HasDegrees {
			g.rotate = c.Degrees
		}
	case story.Rate:
		g.rate = min(c.Rate, maxRate)
	case story.View:
		g.showView(c.Name)
	case story.Layout:
		if l, err := parseLayout(c.Name); err == nil {
			g.layout = l
			g.layoutPanes()
			g.keepClearOfLegend()
		}
	case story.Toggle:
		switch c.Name {
		case "arrows":
			g.show.Arrows = c.On
		case "tangent":
			g.show.Tangent = c.On
		case "lr":
			g.show.LR = c.On
		case "log":
			g.show.LogLoss = c.On
		case "distance":
			g.show.Distance = c.On
		case "hud":
			g.hudShown = c.On
			g.layoutPanes()
			g.keepClearOfLegend()
		}
	case story.Select:
		g.selected = c.Run - 1
		if g.selected >= len(g.entries) {
			g.selected = -1
		}
	case story.Show, story.Hide:
		if i := c.Run - 1; i < len(g.entries) {
			g.entries[i].hidden = c.Kind == story.Hide
		}
	}
}

// showView shows view name alone: "3d", "contour" or "curve" (the flat
// view), "basins" (the flat view over the basins map), "chart" or "fit".
func (g *Game) showView(name string) {
	g.basins.on = name == "basins" && g.surf.Dim == 2
	switch name {
	case "3d":
		g.kind = view3D
	case "contour", "curve", "basins":
		g.kind = viewFlat
	case "chart":
		g.kind = viewChart
	case "fit":
		if g.fit == nil {
			return
		}
		g.kind = viewFit
	}
	if g.layout == layoutSplit || (g.layout == layoutGrid && (g.kind == viewChart || g.kind == viewFit)) {
		g.layout = layoutSingle
	}
	g.layoutPanes()
	g.keepClearOfLegend()
}

// storyCamera puts the camera where the storyboard's move has got to; at
// the move's end, exactly where the cue says, as -camera ELEV,AZIM,DIST
// would put it.
func (g *Game) storyCamera() {
	if g.story == nil {
		return
	}
	pose, done, ok := g.story.Camera()
	if !ok {
		return
	}
	if done {
		exact := camera.FromMatplotlib(pose.Elevation, pose.Azimuth)
		g.cam.Elevation, g.cam.Azimuth = exact.Elevation, exact.Azimuth
	} else {
		g.cam.Elevation, g.cam.Azimuth = pose.Elevation, pose.Azimuth
	}
	if pose.HasDistance {
		g.cam.Distance = pose.Distance
	}
}

// restartAll restarts every run (Backspace), and the storyboard with them
// when one is playing.
func (g *Game) restartAll() {
	if g.story != nil {
		g.playStory()
		return
	}
	g.restart()
}

// pinNote pins a callout at the surface point under the pointer (M).
func (g *Game) pinNote() {
	p := g.startAt(g.in.X, g.in.Y)
	if p == nil {
		g.notices.Say("M pins a note: point at the surface first")
		return
	}
	s := g.sc.Clone()
	if len(s.Notes) >= note.MaxNotes {
		g.notices.Say("at most %d notes", note.MaxNotes)
		return
	}
	n := note.Note{Kind: note.Callout, X: p[0], Dim: len(p), Text: fmt.Sprintf("note %d", len(s.Notes)+1)}
	if len(p) > 1 {
		n.Y = p[1]
	}
	s.Notes = append(s.Notes, n)
	if err := g.applyScene(s); err != nil {
		g.notices.Say("%v", err)
		return
	}
	g.notices.Say("note pinned at (%s): Tab, Notes edits its text", plot.FormatPoint(p))
}
