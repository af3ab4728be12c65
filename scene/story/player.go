package story

import "math"

// Pose is a camera's place: elevation and azimuth in degrees (matplotlib's
// elev and azim) and, with HasDistance, its distance.
type Pose struct {
	Elevation, Azimuth, Distance float64
	HasDistance                  bool
}

// Player plays a storyboard against a clock its caller advances: the
// window's ticks, or a recording's frames. It says which cues are due,
// whether a pause holds the runs, where a camera move has got to and which
// caption shows; the caller applies them.
type Player struct {
	cues      []Cue
	fired     []bool
	t         float64 // seconds played
	holdUntil float64 // a pause holds the runs until then
	move      *move   // the camera move under way
	caption   string
	captionTo float64
	lastStep  int // the furthest step seen by Due
}

// move is a camera move: from a pose to another, eased, over dur seconds
// from start.
type move struct {
	from, to   Pose
	start, dur float64
}

// NewPlayer returns a player at the start of cues.
func NewPlayer(cues []Cue) *Player {
	return &Player{cues: cues, fired: make([]bool, len(cues))}
}

// Time returns how long the story has played, in seconds.
func (p *Player) Time() float64 { return p.t }

// Advance moves the story's clock on by dt seconds.
func (p *Player) Advance(dt float64) { p.t += dt }

// Due returns the cues that are due, in the order written, each once: those
// whose time has come and those whose step the runs have reached (step is
// the step shown). It starts what the player keeps itself: a pause's hold
// and a caption. The caller starts camera moves with Move and applies the
// rest.
func (p *Player) Due(step int) []Cue {
	p.lastStep = max(p.lastStep, step)
	var out []Cue
	for i, c := range p.cues {
		if p.fired[i] {
			continue
		}
		if c.At.BySeconds && c.At.Seconds > p.t+1e-9 || !c.At.BySeconds && c.At.Step > step {
			continue
		}
		p.fired[i] = true
		switch c.Kind {
		case Pause:
			p.holdUntil = math.Max(p.holdUntil, p.t+c.Seconds)
		case Caption:
			p.caption, p.captionTo = c.Text, p.t+c.Seconds
		}
		out = append(out, c)
	}
	return out
}

// Move starts camera cue c from the camera's current pose. A cue without a
// duration lands at once (Camera returns its pose on the next call).
func (p *Player) Move(from Pose, c Cue) {
	to := Pose{Elevation: c.Elevation, Azimuth: c.Azimuth, Distance: from.Distance}
	if c.HasDistance {
		to.Distance, to.HasDistance = c.Distance, true
	}
	p.move = &move{from: from, to: to, start: p.t, dur: c.Seconds}
}

// Camera returns the pose of the camera move under way at the story's
// time, and false when none is. When the move's time is over it returns
// the move's end exactly (the cue's own numbers), once, and ends the move.
// done reports that this is that end.
func (p *Player) Camera() (pose Pose, done, ok bool) {
	m := p.move
	if m == nil {
		return Pose{}, false, false
	}
	u := 1.0
	if m.dur > 0 {
		u = (p.t - m.start) / m.dur
	}
	if u >= 1-1e-9 {
		p.move = nil
		return m.to, true, true
	}
	e := u * u * (3 - 2*u) // smoothstep: starts and ends gently
	d := m.to.Azimuth - m.from.Azimuth
	d -= 360 * math.Round(d/360) // the shortest way round
	return Pose{
		Elevation:   m.from.Elevation + (m.to.Elevation-m.from.Elevation)*e,
		Azimuth:     m.from.Azimuth + d*e,
		Distance:    m.from.Distance + (m.to.Distance-m.from.Distance)*e,
		HasDistance: true,
	}, false, true
}

// Moving reports whether a camera move is under way.
func (p *Player) Moving() bool { return p.move != nil }

// Holding reports whether a pause holds the runs now.
func (p *Player) Holding() bool { return p.t < p.holdUntil-1e-9 }

// Caption returns the caption shown now ("" for none).
func (p *Player) Caption() string {
	if p.t < p.captionTo-1e-9 {
		return p.caption
	}
	return ""
}

// Done reports whether the story has nothing more to do: every cue has
// fired, except step cues past lastStep when the runs cannot step on
// (stopped), and every pause, caption and camera move is over.
func (p *Player) Done(stopped bool) bool {
	for i, c := range p.cues {
		if !p.fired[i] && (c.At.BySeconds || !stopped) {
			return false
		}
	}
	return p.move == nil && !p.Holding() && p.Caption() == ""
}

// Length returns the story's length in seconds as far as its timed cues
// tell: the latest moment a timed cue, or what it starts, ends.
func Length(cues []Cue) float64 {
	end := 0.0
	for _, c := range cues {
		if !c.At.BySeconds {
			continue
		}
		t := c.At.Seconds
		switch c.Kind {
		case Camera, Pause, Caption:
			t += c.Seconds
		}
		end = math.Max(end, t)
	}
	return end
}
