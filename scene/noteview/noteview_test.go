package noteview

import (
	"strings"
	"testing"

	"descent/scene/note"
	"descent/scene/plot"
)

func notes(t *testing.T, lines ...string) []note.Note {
	t.Helper()
	var out []note.Note
	for _, l := range lines {
		n, err := note.Parse(l)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, n)
	}
	return out
}

// TestCalloutsKeepApart: callouts pinned close together get boxes that do
// not overlap and stay in the pane; a point outside the pane, or one the
// projection cannot show, draws nothing; screen labels go where they say.
func TestCalloutsKeepApart(t *testing.T) {
	st := plot.Style{Theme: plot.Light(), Scale: 1, LineW: 1}
	pane := plot.Rect{X0: 0, Y0: 0, X1: 800, Y1: 600}
	ns := notes(t,
		`callout 0, 0: "first"`, `callout 0.1, 0: "second, a longer one"`, `callout 0.2, 0.1: "third: \alpha_t"`,
		`callout 0, 0.05: "fourth"`, `callout 50, 50: "outside"`, `callout -9, 0: "hidden"`,
		`cross 1, 1: "x^*"`, `arrow 0, 0 to 1, 1`, `label top: "Title"`, `label 100%, 100%: "corner"`,
	)
	project := func(x, y float64) (float64, float64, float64, bool) {
		if x < -5 {
			return 0, 0, 0, false
		}
		return 400 + 100*x, 300 - 100*y, 1, true
	}
	var l Layer
	l.AddPoints(ns, project, pane, st)
	boxes := l.Boxes()
	if len(boxes) != 4 {
		t.Fatalf("%d callout boxes, want 4 (one outside the pane, one not shown)", len(boxes))
	}
	for i, a := range boxes {
		if a.X0 < pane.X0 || a.X1 > pane.X1 || a.Y0 < pane.Y0 || a.Y1 > pane.Y1 {
			t.Errorf("box %d %v leaves the pane", i, a)
		}
		for j, b := range boxes[:i] {
			if a.Overlaps(b) {
				t.Errorf("boxes %d %v and %d %v overlap", j, b, i, a)
			}
		}
	}
	l.AddLabels(ns, pane, 40, 26, st)
	var joined strings.Builder
	for _, tx := range l.Texts() {
		joined.WriteString(tx.S + "\n")
		switch tx.S {
		case "Title":
			if tx.AX != 0.5 || tx.Y < 40 || tx.Y > 80 {
				t.Errorf("the top label at %+v", tx)
			}
		case "corner":
			if tx.X != 800 || tx.Y != 600 || tx.AX != 1 || tx.AY != 1 {
				t.Errorf("the 100%%, 100%% label at %+v", tx)
			}
		}
		if !tx.Math {
			t.Errorf("%q is not drawn as math text", tx.S)
		}
	}
	for _, want := range []string{"first", "second, a longer one", `third: \alpha_t`, "fourth", "x^*", "Title", "corner"} {
		if !strings.Contains(joined.String(), want+"\n") {
			t.Errorf("no text %q in\n%s", want, joined.String())
		}
	}
	if strings.Contains(joined.String(), "outside") || strings.Contains(joined.String(), "hidden") {
		t.Error("a note off the pane or not shown was laid out")
	}
	if l.Shapes() == 0 {
		t.Error("no shapes")
	}
}
