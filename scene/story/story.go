// Package story reads and plays storyboards: timed cues that drive a scene
// the way a lecturer would (move the camera, pause, switch views, point at
// a run, show a caption), so that a recording tells the same story every
// time.
//
// A storyboard is a list of cues, one per line:
//
//	step 0: caption "Two starts, one on each side of the saddle" for 3
//	step 0: camera 25, -60 over 1.5
//	step 40: pause 2
//	4.5s: camera 10, 30, 9 over 3
//	step 120: view contour
//
// A cue fires when the runs reach step N ("step N:") or when the story has
// played for T seconds ("Ts:" or "T s:"); cues at the same moment fire in
// the order written. The actions:
//
//	camera ELEV, AZIM[, DIST] [over SECONDS]   move the 3-D camera, eased, the shortest way round
//	turn on [DEGREES] | turn off                the turntable (degrees per step; default the scene's)
//	pause SECONDS                               hold the runs (the story's clock and camera go on)
//	rate STEPS_PER_SECOND                       the playback rate
//	view 3d|contour|curve|chart|fit             show one view
//	layout single|split|chart|grid              the layout
//	arrows|tangent|lr|log|distance|hud on|off   the window's toggles
//	select RUN | select none                    select run RUN (1-based): its readout
//	show RUN | hide RUN                         show or hide run RUN
//	caption "TEXT" [for SECONDS]                a caption at the bottom (default 4 s)
//
// A Player runs a storyboard against a clock that the caller advances (the
// window's ticks, or a recording's frames), so the same storyboard gives the
// same frames.
package story

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Kind is what a cue does.
type Kind int

// The kinds of cues.
const (
	Camera Kind = iota
	Turn
	Pause
	Rate
	View
	Layout
	Toggle
	Select
	Show
	Hide
	Caption
)

// Views, Layouts and Toggles are the names the view, layout and toggle
// cues take.
var (
	Views   = []string{"3d", "contour", "curve", "basins", "chart", "fit"}
	Layouts = []string{"single", "split", "chart", "grid"}
	Toggles = []string{"arrows", "tangent", "lr", "log", "distance", "hud"}
)

// Bounds of a cue's numbers.
const (
	MaxSeconds  = 3600      // a moment or a duration
	MaxStep     = 100000000 // a step
	MaxRate     = 1000      // steps per second
	MaxCaption  = 200       // characters of a caption
	MaxDistance = 1000      // camera distance
	MaxCues     = 1000      // cues in a storyboard
)

// When is the moment a cue fires: at a step, or after some seconds of the
// story.
type When struct {
	Step      int
	Seconds   float64
	BySeconds bool
}

// Cue is one line of a storyboard.
type Cue struct {
	At   When
	Kind Kind
	// Camera: elevation, azimuth and (with HasDistance) distance, reached
	// after Seconds.
	Elevation, Azimuth, Distance float64
	HasDistance                  bool
	// Seconds is a camera move's duration, a pause's length or a
	// caption's time on screen.
	Seconds float64
	// On switches a turntable or a toggle; Degrees (with HasDegrees) is a
	// turntable's degrees per step.
	On         bool
	Degrees    float64
	HasDegrees bool
	// Rate is a playback rate in steps per second.
	Rate float64
	// Name is a view, a layout or a toggle.
	Name string
	// Run is a run's number (1-based; 0 with Select: none).
	Run int
	// Text is a caption.
	Text string
}

// Parse reads one cue from its line of text.
func Parse(line string) (Cue, error) {
	var c Cue
	when, action, ok := strings.Cut(line, ":")
	if !ok {
		return c, fmt.Errorf(`story: missing ':' in %q (want "step N: ACTION" or "Ts: ACTION")`, line)
	}
	var err error
	if c.At, err = parseWhen(strings.TrimSpace(when)); err != nil {
		return c, err
	}
	action = strings.TrimSpace(action)
	verb, rest, _ := strings.Cut(action, " ")
	rest = strings.TrimSpace(rest)
	verb = strings.ToLower(verb)
	switch verb {
	case "camera":
		err = c.parseCamera(rest)
	case "turn":
		c.Kind = Turn
		err = c.parseTurn(rest)
	case "pause":
		c.Kind = Pause
		c.Seconds, err = seconds("pause", rest)
	case "rate":
		c.Kind = Rate
		c.Rate, err = number("rate", rest, 0, MaxRate)
		if err == nil && c.Rate == 0 {
			err = fmt.Errorf("story: rate must be above 0 (use pause to hold the runs)")
		}
	case "view":
		c.Kind = View
		c.Name, err = oneOf("view", rest, Views)
	case "layout":
		c.Kind = Layout
		c.Name, err = oneOf("layout", rest, Layouts)
	case "select":
		c.Kind = Select
		if strings.EqualFold(rest, "none") {
			break
		}
		c.Run, err = runNumber("select", rest)
	case "show", "hide":
		c.Kind = Show
		if verb == "hide" {
			c.Kind = Hide
		}
		c.Run, err = runNumber(verb, rest)
	case "caption":
		c.Kind = Caption
		err = c.parseCaption(rest)
	default:
		if contains(Toggles, verb) {
			c.Kind = Toggle
			c.Name = verb
			c.On, err = onOff(verb, rest)
			break
		}
		return c, fmt.Errorf("story: unknown action %q (want camera, turn, pause, rate, view, layout, %s, select, show, hide or caption)", verb, strings.Join(Toggles, ", "))
	}
	return c, err
}

// parseWhen reads "step N" or "T s" / "Ts".
func parseWhen(s string) (When, error) {
	low := strings.ToLower(s)
	if rest, ok := strings.CutPrefix(low, "step"); ok {
		n, err := strconv.Atoi(strings.TrimSpace(rest))
		if err != nil || n < 0 || n > MaxStep {
			return When{}, fmt.Errorf("story: bad step %q (want a whole number 0..%d)", strings.TrimSpace(rest), MaxStep)
		}
		return When{Step: n}, nil
	}
	if rest, ok := strings.CutSuffix(low, "s"); ok {
		v, err := strconv.ParseFloat(strings.TrimSpace(rest), 64)
		if err != nil || !(v >= 0 && v <= MaxSeconds) {
			return When{}, fmt.Errorf("story: bad time %q (want seconds 0..%d, e.g. 2.5s)", s, MaxSeconds)
		}
		return When{Seconds: v, BySeconds: true}, nil
	}
	return When{}, fmt.Errorf(`story: bad moment %q (want "step N" or seconds such as "2.5s")`, s)
}

// parseCamera reads "ELEV, AZIM[, DIST] [over SECONDS]".
func (c *Cue) parseCamera(s string) error {
	c.Kind = Camera
	pose, over, hasOver := cutWord(s, "over")
	if hasOver {
		var err error
		if c.Seconds, err = seconds("camera over", over); err != nil {
			return err
		}
	}
	parts := strings.Split(pose, ",")
	if len(parts) < 2 || len(parts) > 3 {
		return fmt.Errorf("story: camera wants ELEV, AZIM[, DIST], got %q", strings.TrimSpace(pose))
	}
	var err error
	if c.Elevation, err = number("camera elevation", parts[0], -90, 90); err != nil {
		return err
	}
	if c.Azimuth, err = number("camera azimuth", parts[1], -3600, 3600); err != nil {
		return err
	}
	if len(parts) == 3 {
		if c.Distance, err = number("camera distance", parts[2], 0, MaxDistance); err != nil {
			return err
		}
		if c.Distance == 0 {
			return fmt.Errorf("story: camera distance must be above 0")
		}
		c.HasDistance = true
	}
	return nil
}

// parseTurn reads "on [DEGREES]" or "off".
func (c *Cue) parseTurn(s string) error {
	word, deg, _ := strings.Cut(s, " ")
	var err error
	if c.On, err = onOff("turn", word); err != nil {
		return err
	}
	if deg = strings.TrimSpace(deg); deg != "" {
		if !c.On {
			return fmt.Errorf("story: turn off takes no degrees")
		}
		if c.Degrees, err = number("turn degrees per step", deg, -180, 180); err != nil {
			return err
		}
		c.HasDegrees = true
	}
	return nil
}

// parseCaption reads `"TEXT" [for SECONDS]`.
func (c *Cue) parseCaption(s string) error {
	c.Seconds = 4
	if !strings.HasPrefix(s, `"`) {
		return fmt.Errorf(`story: caption wants its text in double quotes: caption "TEXT" [for SECONDS]`)
	}
	end := strings.LastIndex(s, `"`)
	if end == 0 {
		return fmt.Errorf("story: caption's text has no closing quote")
	}
	c.Text = s[1:end]
	if c.Text == "" || len(c.Text) > MaxCaption || strings.ContainsAny(c.Text, "\"\n\r") {
		return fmt.Errorf("story: a caption's text is 1..%d characters without quotes", MaxCaption)
	}
	rest := strings.TrimSpace(s[end+1:])
	if rest == "" {
		return nil
	}
	word, v, _ := strings.Cut(rest, " ")
	if !strings.EqualFold(word, "for") {
		return fmt.Errorf("story: after a caption's text want \"for SECONDS\", got %q", rest)
	}
	var err error
	c.Seconds, err = seconds("caption for", v)
	return err
}

// String writes the cue as Parse reads it.
func (c Cue) String() string {
	var b strings.Builder
	if c.At.BySeconds {
		b.WriteString(num(c.At.Seconds) + "s: ")
	} else {
		fmt.Fprintf(&b, "step %d: ", c.At.Step)
	}
	switch c.Kind {
	case Camera:
		fmt.Fprintf(&b, "camera %s, %s", num(c.Elevation), num(c.Azimuth))
		if c.HasDistance {
			b.WriteString(", " + num(c.Distance))
		}
		if c.Seconds > 0 {
			b.WriteString(" over " + num(c.Seconds))
		}
	case Turn:
		if !c.On {
			b.WriteString("turn off")
			break
		}
		b.WriteString("turn on")
		if c.HasDegrees {
			b.WriteString(" " + num(c.Degrees))
		}
	case Pause:
		b.WriteString("pause " + num(c.Seconds))
	case Rate:
		b.WriteString("rate " + num(c.Rate))
	case View:
		b.WriteString("view " + c.Name)
	case Layout:
		b.WriteString("layout " + c.Name)
	case Toggle:
		b.WriteString(c.Name + " " + map[bool]string{true: "on", false: "off"}[c.On])
	case Select:
		if c.Run == 0 {
			b.WriteString("select none")
		} else {
			fmt.Fprintf(&b, "select %d", c.Run)
		}
	case Show:
		fmt.Fprintf(&b, "show %d", c.Run)
	case Hide:
		fmt.Fprintf(&b, "hide %d", c.Run)
	case Caption:
		b.WriteString(`caption "` + c.Text + `" for ` + num(c.Seconds))
	}
	return b.String()
}

// num writes v in its shortest form.
func num(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

// cutWord splits s at the word w (case-insensitive, surrounded by spaces).
func cutWord(s, w string) (before, after string, found bool) {
	low := strings.ToLower(s)
	i := strings.Index(low, " "+w+" ")
	if i < 0 {
		return s, "", false
	}
	return s[:i], strings.TrimSpace(s[i+len(w)+2:]), true
}

func number(what, s string, lo, hi float64) (float64, error) {
	v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || math.IsNaN(v) || v < lo || v > hi {
		return 0, fmt.Errorf("story: bad %s %q (want a number %s..%s)", what, strings.TrimSpace(s), num(lo), num(hi))
	}
	return v, nil
}

func seconds(what, s string) (float64, error) {
	s = strings.TrimSuffix(strings.TrimSpace(s), "s")
	return number(what+" seconds", s, 0, MaxSeconds)
}

func runNumber(what, s string) (int, error) {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || n < 1 {
		return 0, fmt.Errorf("story: %s wants a run number from 1, got %q", what, s)
	}
	return n, nil
}

func oneOf(what, s string, names []string) (string, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	if !contains(names, s) {
		return "", fmt.Errorf("story: unknown %s %q (want %s)", what, s, strings.Join(names, ", "))
	}
	return s, nil
}

func onOff(what, s string) (bool, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "on":
		return true, nil
	case "off":
		return false, nil
	}
	return false, fmt.Errorf("story: %s wants on or off, got %q", what, strings.TrimSpace(s))
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
