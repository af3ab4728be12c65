package panel

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"

	"descent/optim"
	"descent/scene"
	"descent/scene/input"
	"descent/scene/plot"
	"descent/scene/surface"
)

// fakeHost is a window as the panel sees it: it keeps the scene it is
// given, validated, and counts what the panel asks for.
type fakeHost struct {
	sc       *scene.Scene
	surf     *surface.Surface
	opts     Options
	opened   int
	restarts int
	saves    int
	links    int
}

func newHost(t *testing.T, preset string) *fakeHost {
	t.Helper()
	s, err := scene.Load(preset)
	if err != nil {
		t.Fatal(err)
	}
	h := &fakeHost{}
	if err := h.Apply(s); err != nil {
		t.Fatal(err)
	}
	return h
}

func (h *fakeHost) Scene() *scene.Scene       { return h.sc }
func (h *fakeHost) Surface() *surface.Surface { return h.surf }
func (h *fakeHost) Apply(s *scene.Scene) error {
	c := s.Clone()
	c.Normalize()
	if err := c.Validate(); err != nil {
		return err
	}
	surf, err := c.BuildSurface()
	if err != nil {
		return err
	}
	h.sc, h.surf = c, surf
	return nil
}
func (h *fakeHost) OpenPreset(name string) error {
	h.opened++
	s, err := scene.Load(name)
	if err != nil {
		return err
	}
	return h.Apply(s)
}
func (h *fakeHost) Restart()             { h.restarts++ }
func (h *fakeHost) Save()                { h.saves++ }
func (h *fakeHost) CopyLink()            { h.links++ }
func (h *fakeHost) Options() Options     { return h.opts }
func (h *fakeHost) SetOptions(o Options) { h.opts = o }

var screen = plot.Rect{X1: 1280, Y1: 720}

func newPanel() *Panel {
	return New(Lists{Presets: scene.Presets(), Palette: scene.Palette(), ColorNames: scene.ColorNames()})
}

func style() plot.Style { return plot.Style{Theme: plot.Light(), Scale: 1, LineW: 1} }

// tick runs the panel on one tick of input.
func tick(p *Panel, h Host, in input.State) {
	p.Update(&in, h, screen, style())
}

func centre(r plot.Rect) (float64, float64) { return (r.X0 + r.X1) / 2, (r.Y0 + r.Y1) / 2 }

func clickAt(x, y float64) input.State {
	in := input.State{X: x, Y: y}
	in.SetButton(input.Left, input.Button{Pressed: true, Held: true, Released: true})
	return in
}

// typeInto clicks a field, selects its text, types text and Enter, all in
// one tick, as a slow window receives them.
func typeInto(p *Panel, h Host, r plot.Rect, text string) {
	in := clickAt(centre(r))
	in.Press(ebiten.KeyControlLeft)
	in.Press(ebiten.KeyA)
	in.Type(text)
	in.Press(ebiten.KeyEnter)
	tick(p, h, in)
}

func TestHiddenPanelTakesNothing(t *testing.T) {
	h := newHost(t, "regression-race")
	p := newPanel()
	in := clickAt(100, 200)
	in.Press(ebiten.KeyV)
	c := p.Update(&in, h, screen, style())
	if c.Pointer || c.Keyboard || !in.Button(input.Left).Pressed || !in.Pressed(ebiten.KeyV) {
		t.Errorf("a hidden panel took input: %+v", c)
	}
}

// TestEditParameters types a learning rate and a momentum, ticks a flag,
// and gets each into the scene; a bad value shows an error and changes
// nothing.
func TestEditParameters(t *testing.T) {
	h := newHost(t, "regression-race")
	p := newPanel()
	p.SetShown(true)
	tick(p, h, input.State{})
	r, ok := p.FieldRect(0, "lr")
	if !ok {
		t.Fatal("no lr field for run 1")
	}
	typeInto(p, h, r, "0.05")
	if got := h.sc.Runs[0].Optimizer; got != "sgd:lr=0.05" {
		t.Fatalf("run 1 is %q, want sgd:lr=0.05", got)
	}
	tick(p, h, input.State{})
	r, _ = p.FieldRect(0, "momentum")
	typeInto(p, h, r, "0.9")
	if got := h.sc.Runs[0].Optimizer; got != "sgd:lr=0.05,momentum=0.9" {
		t.Fatalf("run 1 is %q, want sgd:lr=0.05,momentum=0.9", got)
	}
	before := h.sc
	tick(p, h, input.State{})
	r, _ = p.FieldRect(0, "momentum")
	typeInto(p, h, r, "-3")
	if h.sc != before || !strings.Contains(p.Error(), "momentum") {
		t.Errorf("a bad momentum changed the scene or said %q", p.Error())
	}
	tick(p, h, input.State{})
	r, _ = p.FieldRect(0, "lr")
	typeInto(p, h, r, "fast")
	if h.sc != before || !strings.Contains(p.Error(), `not a number: "fast"`) {
		t.Errorf("a word for lr changed the scene or said %q", p.Error())
	}
}

// TestExpressionField: a broken expression shows the parser's error and
// keeps the surface; a good one replaces it.
func TestExpressionField(t *testing.T) {
	h := newHost(t, "himmelblau-six")
	p := newPanel()
	p.SetShown(true)
	tick(p, h, input.State{})
	r, ok := p.ExprRect()
	if !ok {
		t.Fatal("no expression field")
	}
	typeInto(p, h, r, "x^2 + sin(")
	if h.sc.Surface != "himmelblau" || h.sc.Expr != "" || p.exprError == "" {
		t.Errorf("a broken expression: surface %q expr %q error %q", h.sc.Surface, h.sc.Expr, p.exprError)
	}
	tick(p, h, input.State{})
	typeInto(p, h, r, "x^2 + 3*y^2")
	if h.sc.Expr != "x^2 + 3*y^2" || h.sc.Surface != "" {
		t.Errorf("a good expression: surface %q expr %q (error %q)", h.sc.Surface, h.sc.Expr, p.Error())
	}
	for _, rc := range h.sc.Runs {
		if rc.Start != nil {
			t.Errorf("a run kept its start %v on the new surface", rc.Start)
		}
	}
}

// TestButtonsAndLists: the buttons reach the host, choosing a preset opens
// it, choosing a method keeps the learning rate, and Remove drops a run.
func TestButtonsAndLists(t *testing.T) {
	h := newHost(t, "regression-race")
	p := newPanel()
	p.SetShown(true)
	tick(p, h, input.State{})
	pick := func(id string, item int) { t.Helper(); pickItem(t, p, h, id, item) }
	pick("run0/method", 4) // adam
	if got := h.sc.Runs[0].Optimizer; !strings.HasPrefix(got, "adam:lr=0.1") {
		t.Errorf("choosing adam gave %q, want adam keeping lr 0.1", got)
	}
	n := len(h.sc.Runs)
	tick(p, h, input.State{})
	r, _ := p.ui.Rect("run0/Remove")
	tick(p, h, clickAt(centre(r)))
	if len(h.sc.Runs) != n-1 {
		t.Errorf("Remove left %d runs, want %d", len(h.sc.Runs), n-1)
	}
	tick(p, h, input.State{})
	presets := scene.Presets()
	pick("surface", 1)
	if h.opened != 1 || h.sc.Name != presets[1] {
		t.Errorf("choosing preset %q opened %d scenes, now %q", presets[1], h.opened, h.sc.Name)
	}
	area := Area(screen, style())
	for _, b := range []string{"Restart all", "Save scene (Ctrl+S)", "Copy link (K)"} {
		tick(p, h, input.State{})
		// Wheel the panel until the button shows.
		for range 50 {
			r, ok := p.ui.Rect(b)
			if !ok {
				t.Fatalf("no %s button", b)
			}
			if r.Y0 >= area.Y0 && r.Y1 <= area.Y1 {
				break
			}
			notches := -1.0
			if r.Y0 < area.Y0 {
				notches = 1
			}
			tick(p, h, input.State{X: area.X0 + 20, Y: area.Y0 + 20, WheelY: notches})
		}
		r, _ := p.ui.Rect(b)
		tick(p, h, clickAt(centre(r)))
	}
	if h.restarts != 1 || h.saves != 1 || h.links != 1 {
		t.Errorf("restarts %d saves %d links %d, want 1 each", h.restarts, h.saves, h.links)
	}
}

// pickItem opens list id and clicks its item, scrolling the list (and the
// panel) until the item shows.
func pickItem(t *testing.T, p *Panel, h Host, id string, item int) {
	t.Helper()
	showWidget(t, p, h, id)
	r, ok := p.ui.Rect(id)
	if !ok {
		t.Fatalf("no list %q", id)
	}
	tick(p, h, clickAt(centre(r)))
	for range 20 {
		ir, ok := p.ui.ItemRect(item)
		if ok {
			tick(p, h, clickAt(centre(ir)))
			return
		}
		// Scroll the list towards the item: wheel over a row it shows.
		for i := range 100 {
			if vr, ok := p.ui.ItemRect(i); ok {
				x, y := centre(vr)
				notches := 1.0
				if item > i {
					notches = -1
				}
				tick(p, h, input.State{X: x, Y: y, WheelY: notches})
				break
			}
		}
	}
	t.Fatalf("list %q never showed item %d", id, item)
}

// showWidget wheels the panel until widget id lies wholly inside it.
func showWidget(t *testing.T, p *Panel, h Host, id string) {
	t.Helper()
	area := Area(screen, style())
	tick(p, h, input.State{})
	for range 80 {
		r, ok := p.ui.Rect(id)
		if !ok {
			t.Fatalf("no widget %q", id)
		}
		if r.Y0 >= area.Y0 && r.Y1 <= area.Y1 {
			return
		}
		notches := -1.0
		if r.Y0 < area.Y0 {
			notches = 1
		}
		tick(p, h, input.State{X: area.X0 + 20, Y: area.Y0 + 20, WheelY: notches})
	}
	t.Fatalf("widget %q never scrolled into the panel", id)
}

// TestScheduleChooser adds a warm-up + cosine recipe to a run, edits its
// T_max, keeps the schedule through an lr change and a change of method,
// refuses a bad value, replaces a scheduler, and goes back to a constant lr.
func TestScheduleChooser(t *testing.T) {
	h := newHost(t, "regression-race")
	p := newPanel()
	p.SetShown(true)
	tick(p, h, input.State{})
	steps := h.sc.Steps
	pickItem(t, p, h, "run0/add-schedule", 3) // warm-up (a tenth) + cosine
	want := fmt.Sprintf("sgd:lr=0.1+linearlr:start_factor=0.05,total_iters=%d+cosineannealinglr:T_max=%d", steps/10, steps)
	if got := h.sc.Runs[0].Optimizer; got != want {
		t.Fatalf("after the recipe run 1 is %q, want %q (error %q)", got, want, p.Error())
	}
	showWidget(t, p, h, "run0/sched1/T_max")
	r, _ := p.ui.Rect("run0/sched1/T_max")
	typeInto(p, h, r, "40")
	if got := h.sc.Runs[0].Optimizer; !strings.HasSuffix(got, "+cosineannealinglr:T_max=40") {
		t.Fatalf("after typing T_max run 1 is %q (error %q)", got, p.Error())
	}
	before := h.sc
	showWidget(t, p, h, "run0/sched1/T_max")
	r, _ = p.ui.Rect("run0/sched1/T_max")
	typeInto(p, h, r, "0")
	if h.sc != before || !strings.Contains(p.Error(), "T_max") {
		t.Errorf("T_max 0 changed the scene or said %q", p.Error())
	}
	showWidget(t, p, h, "run0/lr")
	r, _ = p.FieldRect(0, "lr")
	typeInto(p, h, r, "0.05")
	if got := h.sc.Runs[0].Optimizer; !strings.HasPrefix(got, "sgd:lr=0.05+linearlr") || !strings.HasSuffix(got, "T_max=40") {
		t.Fatalf("after an lr change run 1 is %q: the schedule must stay", got)
	}
	pickItem(t, p, h, "run0/method", 4) // adam
	if got := h.sc.Runs[0].Optimizer; !strings.HasPrefix(got, "adam:lr=0.05+linearlr") {
		t.Fatalf("after choosing adam run 1 is %q: the schedule must stay", got)
	}
	onecycle := slices.IndexFunc(optim.Schedulers(), func(sc optim.Scheduler) bool { return sc.Name == "onecyclelr" }) + 1
	pickItem(t, p, h, "run0/sched1/name", onecycle)
	want = fmt.Sprintf("adam:lr=0.05+linearlr:start_factor=0.05,total_iters=%d+onecyclelr:max_lr=0.05,total_steps=%d", steps/10, steps)
	if got := h.sc.Runs[0].Optimizer; got != want {
		t.Fatalf("after choosing OneCycleLR run 1 is %q, want %q (error %q)", got, want, p.Error())
	}
	pickItem(t, p, h, "run0/sched0/name", 0) // (remove)
	if got := h.sc.Runs[0].Optimizer; strings.Contains(got, "linearlr") || !strings.Contains(got, "+onecyclelr") {
		t.Fatalf("after removing the first scheduler run 1 is %q", got)
	}
	showWidget(t, p, h, "run0/Constant lr (no schedule)")
	r, _ = p.ui.Rect("run0/Constant lr (no schedule)")
	tick(p, h, clickAt(centre(r)))
	if got := h.sc.Runs[0].Optimizer; got != "adam:lr=0.05" {
		t.Errorf("after Constant lr run 1 is %q, want adam:lr=0.05", got)
	}
	if _, err := optim.ParseSpec(h.sc.Runs[0].Optimizer); err != nil {
		t.Error(err)
	}
}

// TestSizedSchedulersRun: every scheduler the chooser offers, sized to a
// scene, builds a schedule for plain SGD and for Adam, so a click never
// ends in an error.
func TestSizedSchedulersRun(t *testing.T) {
	for _, opt := range []string{"sgd:lr=0.1", "sgd:lr=0.1,momentum=0.9", "adam:lr=0.01"} {
		base, err := optim.ParseSpec(opt)
		if err != nil {
			t.Fatal(err)
		}
		for _, sc := range optim.Schedulers() {
			spec := base.Clone()
			spec.Schedulers = []optim.SchedulerSpec{sized(sc, 150, base)}
			o, err := optim.New(spec)
			if err == nil {
				_, err = optim.NewSchedule(spec, o)
			}
			if err != nil {
				t.Errorf("%s + %s: %v", opt, sc.Name, err)
			}
		}
		for _, r := range scheduleRecipes {
			if _, err := optim.ParseSpec(opt + "+" + r.build(150, 0.1)); err != nil {
				t.Errorf("%s + recipe %q: %v", opt, r.name, err)
			}
		}
	}
}

// TestNotesSection: the panel adds a title, edits a note's text (a bad
// one is refused) and removes a note.
func TestNotesSection(t *testing.T) {
	h := newHost(t, "himmelblau-six")
	p := newPanel()
	p.SetShown(true)
	p.sections[3] = true
	tick(p, h, input.State{})
	showWidget(t, p, h, "Add a title")
	r, _ := p.ui.Rect("Add a title")
	tick(p, h, clickAt(centre(r)))
	if len(h.sc.Notes) != 1 || h.sc.Notes[0].Place != "top" {
		t.Fatalf("notes %+v after Add a title (error %q)", h.sc.Notes, p.Error())
	}
	showWidget(t, p, h, "note0/text")
	r, _ = p.ui.Rect("note0/text")
	typeInto(p, h, r, `Adam: \alpha = 0.1`)
	if got := h.sc.Notes[0].Text; got != `Adam: \alpha = 0.1` {
		t.Fatalf("note text %q (error %q)", got, p.Error())
	}
	showWidget(t, p, h, "note0/text")
	r, _ = p.ui.Rect("note0/text")
	typeInto(p, h, r, `say "hi"`)
	if h.sc.Notes[0].Text != `Adam: \alpha = 0.1` || !strings.Contains(p.Error(), "note:") {
		t.Errorf("a quote in a note: text %q, error %q", h.sc.Notes[0].Text, p.Error())
	}
	showWidget(t, p, h, "note0/Remove")
	r, _ = p.ui.Rect("note0/Remove")
	tick(p, h, clickAt(centre(r)))
	if len(h.sc.Notes) != 0 {
		t.Errorf("notes %+v after Remove", h.sc.Notes)
	}
}

// TestSwarmFields: a run's Swarm and radius fields give it a swarm of that
// many particles starting in that square; a word or a bad count shows an
// error and changes nothing; a swarm of 0 drops the radius with it.
func TestSwarmFields(t *testing.T) {
	h := newHost(t, "bowl-turntable")
	p := newPanel()
	p.SetShown(true)
	tick(p, h, input.State{})
	// field wheels the panel until run 1's field shows, and returns it.
	area := Area(screen, style())
	field := func(name string) plot.Rect {
		t.Helper()
		tick(p, h, input.State{})
		for range 50 {
			r, ok := p.FieldRect(0, name)
			if !ok {
				t.Fatalf("no %s field for run 1", name)
			}
			if r.Y0 >= area.Y0 && r.Y1 <= area.Y1 {
				return r
			}
			notches := -1.0
			if r.Y0 < area.Y0 {
				notches = 1
			}
			tick(p, h, input.State{X: area.X0 + 20, Y: area.Y0 + 20, WheelY: notches})
		}
		t.Fatalf("the %s field never shows", name)
		return plot.Rect{}
	}
	typeInto(p, h, field("swarm"), "500")
	if got := h.sc.Runs[0].Swarm; got != 500 {
		t.Fatalf("run 1's swarm is %d, want 500 (error %q)", got, p.Error())
	}
	typeInto(p, h, field("radius"), "0.5")
	if got := h.sc.Runs[0].SwarmRadius; got != 0.5 {
		t.Fatalf("run 1's swarm radius is %v, want 0.5 (error %q)", got, p.Error())
	}
	before := h.sc
	for _, bad := range []struct{ field, text, want string }{
		{"swarm", "many", `swarm: not a whole number: "many"`},
		{"swarm", "2000000", "swarm must be 0..1000000 particles"},
		{"radius", "wide", `swarm radius: not a number: "wide"`},
	} {
		typeInto(p, h, field(bad.field), bad.text)
		if h.sc != before || !strings.Contains(p.Error(), bad.want) {
			t.Errorf("%s %q changed the scene or said %q (want %q)", bad.field, bad.text, p.Error(), bad.want)
		}
	}
	typeInto(p, h, field("swarm"), "0")
	if rc := h.sc.Runs[0]; rc.Swarm != 0 || rc.SwarmRadius != 0 {
		t.Errorf("a swarm of 0 left %d particles, radius %v", rc.Swarm, rc.SwarmRadius)
	}
}
