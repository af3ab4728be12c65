package game

import (
	"fmt"
	"math"
	"time"

	"github.com/hajimehoshi/ebiten/v2"

	"descent/scene/link"
	"descent/scene/plot"
)

// Update reads the tick's input once and hands it to the panel, the keys
// and the panes in turn, then steps the runs and turns the camera.
func (g *Game) Update() error {
	start := time.Now()
	defer func() { g.meter.update += time.Since(start) }()
	if err := g.tap.Err(); err != nil {
		return err
	}
	if g.quit || (g.opts.Frames > 0 && g.tap.Frames() >= g.opts.Frames) {
		return ebiten.Termination
	}
	g.in.Read()
	return g.tick()
}

// tick runs one tick on the input in g.in (Update reads it from Ebiten;
// tests set it).
func (g *Game) tick() error {
	g.handleInput()
	if g.quit {
		return ebiten.Termination
	}
	g.advance(1.0 / ticksPerSecond)
	g.embedTick()
	g.trackCamera()
	g.meter.tick(g)
	return nil
}

// handleInput dispatches the tick's input: the control panel first (it
// takes the pointer over it and the keyboard while a field has the
// focus), then the keys, then touch and the pointer for the panes.
func (g *Game) handleInput() {
	in := &g.in
	screen := plot.Rect{X1: g.width, Y1: g.height}
	g.panel.Update(in, host{g}, screen, g.style())
	g.handleKeys(in, g.keys)
	g.handleDrop(in)
	g.handleTouch(in)
	g.handlePointer(in)
}

// advance moves the window on by dt seconds: the storyboard's clock and
// its cues, the runs (at the playback rate, unless paused, scrubbed or
// held by the storyboard) and the camera's turn or storyboard move. The
// window calls it once a tick, a storyboard recording once a frame.
func (g *Game) advance(dt float64) {
	g.stepped, g.stepsNow = false, 0
	if g.story != nil {
		g.story.Advance(dt)
		g.fireCues()
	}
	if !g.paused && !g.scrubbing && !g.storyHolds() {
		g.acc += g.rate * dt
		for g.acc >= 1 && !g.storyHolds() {
			g.acc--
			g.step()
			if g.story != nil {
				g.fireCues() // the cues of the step just reached
			}
		}
		g.acc = math.Min(g.acc, 1)
	}
	g.turn(dt)
	g.storyCamera()
	g.followSwarms() // after the timeline is let go
	g.tickBasins()
}

// step advances every live run by one step.
func (g *Game) step() {
	stepped := false
	for i := range g.entries {
		e := &g.entries[i]
		r := e.run
		if r.Ended() || (g.sc.Steps > 0 && r.Steps() >= g.sc.Steps) {
			continue
		}
		before := r.Snapshot()
		_ = r.Step() // a diverged run stops and says so in the legend
		e.tape.Record(r)
		if r.Steps() > before.Step() {
			e.last = explainLast(before, r)
		}
		explainNext(e)
		stepped = true
	}
	if stepped {
		g.stepped = true
		g.stepsNow++
	}
	g.syncHistories()
	g.followSwarms()
}

// singleStep pauses and shows the next step (N, '.'): one already
// computed when the timeline is back in time, else a new one.
func (g *Game) singleStep() {
	g.paused = true
	if g.shownStep() < g.frontier() {
		g.seek(g.shownStep() + 1)
		return
	}
	g.step()
}

// finished reports whether no run can step any more.
func (g *Game) finished() bool {
	for _, e := range g.entries {
		if !e.run.Ended() && (g.sc.Steps == 0 || e.run.Steps() < g.sc.Steps) {
			return false
		}
	}
	return true
}

// steadyTurn is the auto-rotation speed in degrees per second when the
// scene gives none or the runs are not stepping.
const steadyTurn = 12.0

// turn applies auto-rotation over dt seconds: the turntable's degrees per
// step while the runs step, a steady turn while they do not. A
// storyboard's camera move has the camera to itself.
func (g *Game) turn(dt float64) {
	if !g.autoRotate || (g.story != nil && g.story.Moving()) {
		return
	}
	per := g.rotate
	if per != 0 && !g.paused && !g.finished() {
		if g.stepped {
			g.cam.Rotate(per*float64(g.stepsNow), 0)
		}
		return
	}
	dir := 1.0
	if per < 0 {
		dir = -1
	}
	g.cam.Rotate(dir*steadyTurn*dt, 0)
}

// previewTicks is how long after the camera stops the preview mesh stays:
// half a second, so that a turntable turning a little at every step (5
// steps a second in bowl-turntable) stays smooth instead of drawing a
// full-resolution frame between steps.
const previewTicks = 30

// trackCamera counts the ticks since the camera last moved (the preview
// mesh is drawn while it moves).
func (g *Game) trackCamera() {
	c := g.cam
	s := camState{c.Azimuth, c.Elevation, c.Distance, c.Zoom, c.Target, c.Ortho, c.Width, c.Height}
	if s != g.lastCam {
		g.moveTicks = 0
		g.lastCam = s
		return
	}
	g.moveTicks++
}

// resetView puts the 3-D camera and the flat views back where they
// started (R).
func (g *Game) resetView() {
	home := g.home
	home.SetViewport(g.cam.Width, g.cam.Height)
	*g.cam = home
	g.contour.Transform().Reset()
	g.curve.Transform().Reset()
}

// nextView shows the next view alone (V).
func (g *Game) nextView() {
	if g.nextBasins() {
		return
	}
	g.kind = (g.kind + 1) % viewKinds
	if g.kind == viewFit && g.fit == nil {
		g.kind = (g.kind + 1) % viewKinds // no model: no fit view
	}
	switch {
	case g.layout == layoutSplit:
		g.layout = layoutSingle
	case g.layout == layoutGrid && (g.kind == viewChart || g.kind == viewFit):
		g.kind = view3D // a grid shows the 3-D or the flat view of each run
	}
	g.layoutPanes()
	g.keepClearOfLegend()
}

// nextLayout switches to the next layout (L).
func (g *Game) nextLayout() {
	g.layout = (g.layout + 1) % layoutKinds
	g.layoutPanes()
	g.keepClearOfLegend()
}

// screenshot saves the next frame as a PNG named for the time (F12).
func (g *Game) screenshot() {
	g.tap.Shot(g.namer.Next(time.Now(), "png"))
}

// toggleRecording starts recording the window to a file named for the
// time, or stops the recording (F9).
func (g *Game) toggleRecording() {
	if on, _ := g.tap.Recording(); on {
		g.tap.StopRecording("")
		return
	}
	format := g.opts.RecordFormat
	if format == "" {
		format = "gif"
	}
	name := g.namer.Next(time.Now(), format)
	if err := g.tap.StartRecording(name, int(g.width), int(g.height)); err != nil {
		g.notices.Say("Recording failed: %v", err)
		return
	}
	g.notices.Say("Recording to %s (F9 stops)", name)
}

// copyLink shares the link to the current setup: in the browser it goes to
// the clipboard and the address bar, on the desktop to stderr.
func (g *Game) copyLink() {
	q := g.pageQuery()
	if err := link.Share(q, g.opts.Stderr); err != nil {
		g.notices.Say("Link: %s", q)
		return
	}
	g.notices.Say("Link copied: %s", q)
}

// meter measures the CPU time of Update and Draw for the statistics.
type meter struct {
	update time.Duration
	since  time.Time
	line   string
}

// tick prints the statistics once a second.
func (m *meter) tick(g *Game) {
	now := time.Now()
	if m.since.IsZero() {
		m.since = now
		return
	}
	if now.Sub(m.since) < time.Second {
		return
	}
	frames, draw, triangles := g.tap.Stats()
	fr := float64(max(frames, 1))
	m.line = fmt.Sprintf("fps=%.1f tps=%.1f update_ms=%.2f draw_ms=%.2f triangles=%d",
		ebiten.ActualFPS(), ebiten.ActualTPS(),
		float64(m.update.Microseconds())/1000/fr, float64(draw.Microseconds())/1000/fr,
		triangles)
	if g.opts.Stats {
		fmt.Fprintln(g.opts.Stderr, m.line)
	}
	m.update, m.since = 0, now
}
