package game

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"

	"descent/scene/input"
	"descent/scene/panel"
)

var update = flag.Bool("update", false, "rewrite the README's key table from the key table")

// TestKeysAct presses each key of the table and checks what it changed.
func TestKeysAct(t *testing.T) {
	tests := []struct {
		name  string
		in    func() input.State
		check func(g *Game) bool
	}{
		{"Space pauses", func() input.State { return press(ebiten.KeySpace) }, func(g *Game) bool { return !g.paused }},
		{"N steps once", func() input.State { return press(ebiten.KeyN) }, func(g *Game) bool { return g.entries[0].run.Steps() == 1 && g.paused }},
		{". steps once", func() input.State { var in input.State; in.Type("."); return in }, func(g *Game) bool { return g.entries[0].run.Steps() == 1 }},
		{"> steps ten", func() input.State { var in input.State; in.Type(">"); return in }, func(g *Game) bool { return g.entries[0].run.Steps() == 10 && g.paused }},
		{"E shows the lr", func() input.State { return press(ebiten.KeyE) }, func(g *Game) bool { return g.show.LR }},
		{"U shows stability", func() input.State { return press(ebiten.KeyU) }, func(g *Game) bool { return g.show.Stability }},
		{"A turns auto-rotation", func() input.State { return press(ebiten.KeyA) }, func(g *Game) bool { return g.autoRotate }},
		{"O goes orthographic", func() input.State { return press(ebiten.KeyO) }, func(g *Game) bool { return g.cam.Ortho }},
		{"] plays faster", func() input.State { return press(ebiten.KeyBracketRight) }, func(g *Game) bool { return g.rate == 10*rateStep }},
		{"[ plays slower", func() input.State { return press(ebiten.KeyBracketLeft) }, func(g *Game) bool { return g.rate == 10/rateStep }},
		{"V shows the basins view", func() input.State { return press(ebiten.KeyV) }, func(g *Game) bool { return g.kind == viewFlat && g.basinsShown() && len(g.basins.slots) == 1 }},
		{"L shows the next layout", func() input.State { return press(ebiten.KeyL) }, func(g *Game) bool { return g.layout == layoutSplit && !g.panes.chart.Empty() }},
		{"G shows arrows", func() input.State { return press(ebiten.KeyG) }, func(g *Game) bool { return !g.show.Arrows }},
		{"T hides the tangent", func() input.State { return press(ebiten.KeyT) }, func(g *Game) bool { return !g.show.Tangent }},
		{"D shows distances", func() input.State { return press(ebiten.KeyD) }, func(g *Game) bool { return g.show.Distance }},
		{"Y goes linear", func() input.State { return press(ebiten.KeyY) }, func(g *Game) bool { return !g.show.LogLoss }},
		{"Tab shows the panel", func() input.State { return press(ebiten.KeyTab) }, func(g *Game) bool { return g.panel.Shown() }},
		{"H hides the HUD", func() input.State { return press(ebiten.KeyH) }, func(g *Game) bool { return !g.hudShown }},
		{"F1 shows the help", func() input.State { return press(ebiten.KeyF1) }, func(g *Game) bool { return g.help }},
		{"? shows the help", func() input.State { var in input.State; in.Type("?"); return in }, func(g *Game) bool { return g.help }},
		{"F3 shows statistics", func() input.State { return press(ebiten.KeyF3) }, func(g *Game) bool { return g.stats }},
		{"Q quits", func() input.State { return press(ebiten.KeyQ) }, func(g *Game) bool { return g.quit }},
		{"Esc quits", func() input.State { return press(ebiten.KeyEscape) }, func(g *Game) bool { return g.quit }},
		{"arrows orbit", func() input.State { return press(ebiten.KeyArrowRight) }, func(g *Game) bool { return g.cam.Azimuth > 35 }},
		{"up tilts", func() input.State { return press(ebiten.KeyArrowUp) }, func(g *Game) bool { return g.cam.Elevation > 60 }},
		{"held + zooms in", func() input.State {
			var in input.State
			in.Hold(ebiten.KeyEqual, 30)
			return in
		}, func(g *Game) bool { return g.cam.Distance < g.home.Distance }},
		{"typed - zooms out", func() input.State { var in input.State; in.Type("-"); return in }, func(g *Game) bool { return g.cam.Distance > g.home.Distance }},
		{"Ctrl+R does not reset", func() input.State {
			in := press(ebiten.KeyR)
			in.Press(ebiten.KeyControlLeft)
			return in
		}, func(g *Game) bool { return g.cam.Azimuth == 35 && !g.quit }},
	}
	for _, tt := range tests {
		g := newTestGame(t, "regression-race") // rate 10, contour view, camera 60, 35
		g.autoRotate = false
		g.show.Arrows = true
		if err := g.tickWith(tt.in()); err != nil && !g.quit {
			t.Fatal(err)
		}
		if !tt.check(g) {
			t.Errorf("%s: it did not", tt.name)
		}
	}
}

// TestResetAndRestartKeys: R puts the views back; Backspace restarts the
// runs; Esc closes the help before it quits.
func TestResetAndRestartKeys(t *testing.T) {
	g := newTestGame(t, "regression-race")
	g.cam.Rotate(40, 10)
	g.contour.Transform().PanBy(30, 30)
	g.step()
	if err := g.tickWith(press(ebiten.KeyR)); err != nil {
		t.Fatal(err)
	}
	if g.cam.Azimuth != g.home.Azimuth || g.contour.Transform().PanX != 0 {
		t.Errorf("R left the camera at azimuth %v (home %v), the map panned by %v", g.cam.Azimuth, g.home.Azimuth, g.contour.Transform().PanX)
	}
	if err := g.tickWith(press(ebiten.KeyBackspace)); err != nil {
		t.Fatal(err)
	}
	if g.entries[0].run.Steps() != 0 {
		t.Error("Backspace did not restart the runs")
	}
	g.help = true
	if err := g.tickWith(press(ebiten.KeyEscape)); err != nil || g.quit || g.help {
		t.Errorf("Esc with the help shown: quit %v, help %v, err %v", g.quit, g.help, err)
	}
}

// TestHelpAndREADMEListEveryBinding: the help overlay lists every row of
// the key table, every key the table handles is listed, and the README's
// key table is the key table (go test ./scene/game -run TestHelpAndREADME
// -update rewrites it).
func TestHelpAndREADMEListEveryBinding(t *testing.T) {
	table := keyTable()
	g := newTestGame(t, "himmelblau-six")
	g.help = true
	g.prepare(false)
	var shown strings.Builder
	for _, tx := range g.hud.Texts() {
		shown.WriteString(tx.S + "\n")
	}
	for _, b := range table {
		if !strings.Contains(shown.String(), b.label()+"\n") || !strings.Contains(shown.String(), b.help+"\n") {
			t.Errorf("the help overlay lacks %q: %q", b.label(), b.help)
		}
		if !b.pointer && len(b.triggers) == 0 {
			t.Errorf("%q is listed but does nothing", b.label())
		}
		for _, tr := range b.triggers {
			if len(tr.keys) == 0 && tr.chars == "" {
				t.Errorf("%q has a trigger with no key", b.label())
			}
		}
	}

	path := filepath.Join("..", "..", "README.md")
	readme, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	const begin, end = "<!-- keys: written from the window's key table (scene/game) -->\n", "<!-- end of keys -->\n"
	i, j := strings.Index(string(readme), begin), strings.Index(string(readme), end)
	if i < 0 || j < i {
		t.Fatalf("README.md has no key table between %q and %q", begin, end)
	}
	want := markdownKeys(table)
	got := string(readme[i+len(begin) : j])
	if got == want {
		return
	}
	if *update {
		out := string(readme[:i+len(begin)]) + want + string(readme[j:])
		if err := os.WriteFile(path, []byte(out), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Errorf("README.md's key table is not the window's (go test ./scene/game -run TestHelpAndREADMEListEveryBinding -update):\n%s\nwant:\n%s", got, want)
}

// TestTypingNeverTriggersHotKeys focuses the panel's learning-rate field
// and types characters that are hot keys elsewhere, in the same tick as
// the click and in later ones: the field gets them all, no hot key acts.
func TestTypingNeverTriggersHotKeys(t *testing.T) {
	g := newTestGame(t, "regression-race")
	g.panel.SetShown(true)
	g.autoRotate = false
	if err := g.tickWith(input.State{}); err != nil {
		t.Fatal(err)
	}
	r, ok := g.panel.FieldRect(0, "lr")
	if !ok {
		t.Fatal("the panel shows no learning-rate field for run 1")
	}
	x, y := (r.X0+r.X1)/2, (r.Y0+r.Y1)/2
	before := g.snapshot()
	in := input.State{X: x, Y: y}
	in.SetButton(input.Left, input.Button{Pressed: true, Held: true, Released: true})
	in.Press(ebiten.KeyControlLeft)
	in.Press(ebiten.KeyA)
	in.Type("va ")
	for _, k := range []ebiten.Key{ebiten.KeyV, ebiten.KeyA, ebiten.KeySpace} {
		in.Press(k)
	}
	if err := g.tickWith(in); err != nil {
		t.Fatal(err)
	}
	next := input.State{X: x, Y: y}
	next.Type("gq")
	next.Press(ebiten.KeyG)
	next.Press(ebiten.KeyQ)
	if err := g.tickWith(next); err != nil {
		t.Fatal(err)
	}
	after := g.snapshot()
	if after.kind != before.kind || after.paused != before.paused || after.autoRotate != before.autoRotate || g.quit || g.show.Arrows != g.sc.Arrows {
		t.Errorf("typing in the field set off hot keys: %+v -> %+v, quit %v", before, after, g.quit)
	}
	if len(g.sc.Runs) != len(g.entries) || len(g.panel.Ticked(len(g.sc.Runs))) == 0 {
		t.Fatal("the panel lost its runs")
	}
	esc := press(ebiten.KeyEscape)
	if err := g.tickWith(esc); err != nil || g.quit {
		t.Errorf("Escape in the field quit the window (%v)", err)
	}
	if !strings.Contains(g.sc.Runs[0].Optimizer, "lr=0.1") {
		t.Errorf("Escape applied an edit: %q", g.sc.Runs[0].Optimizer)
	}
}

// TestPanelTypingAtLowFrameRateHeadless types a learning rate and a
// formula the way a window at 10 frames a second receives them: every key
// of a frame in its first tick, the next five ticks empty.
func TestPanelTypingAtLowFrameRateHeadless(t *testing.T) {
	g := newTestGame(t, "regression-race")
	g.panel.SetShown(true)
	frame := func(in input.State) {
		t.Helper()
		if err := g.tickWith(in); err != nil {
			t.Fatal(err)
		}
		for range 5 {
			if err := g.tickWith(input.State{X: in.X, Y: in.Y}); err != nil {
				t.Fatal(err)
			}
		}
	}
	frame(input.State{})
	click := func(x, y float64) input.State {
		in := input.State{X: x, Y: y}
		in.SetButton(input.Left, input.Button{Pressed: true, Held: true, Released: true})
		return in
	}
	typed := func(keys ...ebiten.Key) input.State {
		var in input.State
		for _, k := range keys {
			in.Press(k)
		}
		return in
	}
	r, _ := g.panel.FieldRect(0, "lr")
	frame(click((r.X0+r.X1)/2, (r.Y0+r.Y1)/2))
	all := typed(ebiten.KeyControlLeft, ebiten.KeyA)
	all.Type("0.0")
	frame(all)
	rest := typed(ebiten.KeyEnter)
	rest.Type("5")
	frame(rest)
	if got := g.sc.Runs[0].Optimizer; got != "sgd:lr=0.05" {
		t.Fatalf("run 1 is %q, want sgd:lr=0.05", got)
	}
	er, _ := g.panel.ExprRect()
	frame(click((er.X0+er.X1)/2, (er.Y0+er.Y1)/2))
	formula := "sin(x)/2 + (y - 1)^2 * 0.5"
	sel := typed(ebiten.KeyControlLeft, ebiten.KeyA)
	sel.Type(formula[:7])
	frame(sel)
	tail := typed(ebiten.KeyEnter)
	tail.Type(formula[7:])
	frame(tail)
	if g.sc.Expr != formula {
		t.Fatalf("the surface's formula is %q, want %q (panel error %q)", g.sc.Expr, formula, g.panel.Error())
	}
}

// TestEmbedKeys: an embedded page's controls leave out the keys that would
// show what they hide, and no key quits it.
func TestEmbedKeys(t *testing.T) {
	has := func(keys []binding, name string) bool {
		for _, b := range keys {
			for _, n := range b.names {
				if n == name {
					return true
				}
			}
		}
		return false
	}
	for _, tc := range []struct {
		controls   string
		gone, kept []string
	}{
		{"", nil, []string{"Tab", "H", "F1", "Esc", "Q", "Space"}},
		{ControlsFull, nil, []string{"Tab", "H", "F1", "Esc", "Q", "Space"}},
		{ControlsMinimal, []string{"Tab", "Q", "F9"}, []string{"H", "F1", "Esc", "Space", "K"}},
		{ControlsNone, []string{"Tab", "H", "F1", "Esc", "Q"}, []string{"Space", "K", "R"}},
	} {
		g := &Game{keys: keyTable(), opts: Options{Controls: tc.controls}, hudShown: true, panel: panel.New(panel.Lists{})}
		if err := g.embedKeys(); err != nil {
			t.Fatal(err)
		}
		for _, k := range tc.gone {
			if has(g.keys, k) {
				t.Errorf("controls=%q: key %s is still there", tc.controls, k)
			}
		}
		for _, k := range tc.kept {
			if !has(g.keys, k) {
				t.Errorf("controls=%q: key %s is gone", tc.controls, k)
			}
		}
		if tc.controls == ControlsNone && g.hudShown {
			t.Error("controls=none shows the HUD")
		}
	}
	g := &Game{keys: keyTable(), opts: Options{Controls: "some"}, panel: panel.New(panel.Lists{})}
	if err := g.embedKeys(); err == nil {
		t.Error("controls=some: no error")
	}
}
