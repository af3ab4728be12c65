package hud

import (
	"math"
	"strconv"
	"strings"
	"testing"
	"time"

	"descent/scene/plot"
)

func measure(s string, size float64) (float64, float64) {
	return 0.6 * math.Abs(size) * float64(len(s)), math.Abs(size) * 1.2
}

func frame() Frame {
	return Frame{
		W: 1280, H: 720, Style: plot.Style{Theme: plot.Light(), Scale: 1, LineW: 1, Measure: measure}, Title: "T",
		Runs: []Run{
			{Label: "SGD", Loss: 0.5, Dist: 0.25, HasDist: true},
			{Label: "Adam", Loss: math.Inf(1), DivergedAt: 17},
		},
		Step: 3, MaxSteps: 50, Rate: 5, ShowHUD: true, Hint: true, Note: "heights clipped",
		Help: []HelpRow{{"Backspace", "restart all runs"}, {"F3", "frame statistics"}},
	}
}

func joined(texts []plot.Text) string {
	var b strings.Builder
	for _, t := range texts {
		b.WriteString(t.S + "\n")
	}
	return b.String()
}

func TestLayout(t *testing.T) {
	var h HUD
	f := frame()
	h.Prepare(f)
	got := joined(h.Texts())
	for _, want := range []string{"T", "SGD", "loss 0.5   to min 0.25", "Adam", "diverged at step 17", "step 3 / 50", "5 steps/s", "heights clipped", Hint, "Keys", "Backspace", "restart all runs", "F3"} {
		if !strings.Contains(got, want+"\n") {
			t.Errorf("HUD lacks %q:\n%s", want, got)
		}
	}
	// The legend's box holds its labels and stays on screen, under nothing.
	lg := h.Legend()
	if lg.Empty() || lg.X1 > f.W || lg.X0 < 0 {
		t.Fatalf("legend at %v", lg)
	}
	for _, tx := range h.Texts() {
		if tx.S == "SGD" && !lg.Contains(tx.X, tx.Y) {
			t.Errorf("label SGD at %v, %v outside the legend %v", tx.X, tx.Y, lg)
		}
	}
	// H hides the HUD: the step, the hint and the note go, the legend's
	// labels and the divergence stay.
	f.ShowHUD, f.Help = false, nil
	h.Prepare(f)
	got = joined(h.Texts())
	for _, gone := range []string{"step 3", "clipped", Hint, "loss 0.5", "Keys"} {
		if strings.Contains(got, gone) {
			t.Errorf("hidden HUD shows %q:\n%s", gone, got)
		}
	}
	if !strings.Contains(got, "SGD\n") || !strings.Contains(got, "diverged at step 17\n") {
		t.Errorf("hidden HUD lost the legend:\n%s", got)
	}
	// An embedded page's minimal controls: no step counter or playback
	// state, its own hint; the legend's numbers stay.
	f.ShowHUD, f.HideStatus, f.HintText = true, true, "Space play / pause"
	h.Prepare(f)
	got = joined(h.Texts())
	for _, gone := range []string{"step 3", "5 steps/s", Hint} {
		if strings.Contains(got, gone) {
			t.Errorf("minimal HUD shows %q:\n%s", gone, got)
		}
	}
	if !strings.Contains(got, "Space play / pause\n") || !strings.Contains(got, "loss 0.5   to min 0.25\n") {
		t.Errorf("minimal HUD lacks its hint or the legend's numbers:\n%s", got)
	}
	f.HideStatus, f.HintText = false, ""
	// A note at the legend's foot, inside it.
	f.LegendNote = "no minimum: the loss falls as the runs walk off"
	h.Prepare(f)
	found := false
	for _, tx := range h.Texts() {
		if tx.S == f.LegendNote {
			found = true
			if !h.Legend().Contains(tx.X, tx.Y-1) {
				t.Errorf("the legend's note at %v, %v lies outside the legend %v", tx.X, tx.Y, h.Legend())
			}
		}
	}
	if !found {
		t.Error("the legend's note is not shown")
	}
	// No runs, no legend.
	f.Runs = nil
	h.Prepare(f)
	if !h.Legend().Empty() {
		t.Errorf("a legend of no runs at %v", h.Legend())
	}
}

// TestHelpFitsShortWindows: in a window too short for every row at full
// size the help overlay's text shrinks so that its rows stay on screen.
func TestHelpFitsShortWindows(t *testing.T) {
	f := frame()
	f.Help = nil
	for i := range 30 {
		f.Help = append(f.Help, HelpRow{Keys: strings.Repeat("K", 1+i%3), Action: "does something"})
	}
	for _, height := range []float64{1080, 720, 576, 480} {
		f.H = height
		var h HUD
		h.Prepare(f)
		last := math.Inf(-1)
		for _, tx := range h.Texts() {
			if tx.Layer != 2 {
				continue
			}
			if tx.Y < 0 || tx.Y+math.Abs(tx.Size)*1.2 > height+1 {
				t.Errorf("height %v: %q at y %v runs off screen", height, tx.S, tx.Y)
			}
			if tx.S == "does something" {
				if tx.Y < last+math.Abs(tx.Size) {
					t.Errorf("height %v: rows overlap at y %v (previous %v)", height, tx.Y, last)
				}
				last = tx.Y
			}
		}
	}
}

func TestNotices(t *testing.T) {
	now := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	n := Notices{now: func() time.Time { return now }}
	if n.Current() != "" {
		t.Error("a notice before any was said")
	}
	n.Say("Saved %s", "a.png")
	if got := n.Current(); got != "Saved a.png" {
		t.Errorf("Current = %q", got)
	}
	now = now.Add(NoticeTime + time.Millisecond)
	if got := n.Current(); got != "" {
		t.Errorf("after %v still %q", NoticeTime, got)
	}
}

// TestCaptionKeepsClearOfTheReadout: a caption is drawn whole at the
// bottom, above the timeline strip, left of the selected run's readout, and
// a hidden run's legend row says so.
func TestCaptionKeepsClearOfTheReadout(t *testing.T) {
	f := frame()
	f.Help = nil
	f.Caption = "Momentum overshoots the valley floor and swings across it"
	f.Timeline = Timeline{Shown: true, Step: 10, Frontier: 20, MaxSteps: 50}
	f.Runs[0].Hidden = true
	var h HUD
	h.Prepare(f)
	var caption plot.Text
	for _, tx := range h.Texts() {
		if tx.S == f.Caption {
			caption = tx
		}
	}
	if caption.S == "" || caption.Y > f.H-TimelineRoom(f) || caption.X != f.W/2 {
		t.Fatalf("caption %+v: want it centred above the timeline", caption)
	}
	if !strings.Contains(joined(h.Texts()), "hidden\n") {
		t.Error("a hidden run's row does not say so")
	}
	f.Readout = Readout{Title: "1. SGD", Rows: []ReadoutRow{{Name: "step", Value: "10"}, {Name: "state", Heading: true}}}
	h.Prepare(f)
	box := ReadoutBox(f.Readout, f.W, f.H-TimelineRoom(f), f.Style)
	for _, tx := range h.Texts() {
		if tx.S != f.Caption {
			continue
		}
		w, _ := f.Style.MeasureMathText(tx.S, tx.Size)
		if tx.X+w/2 >= box.X0 || !tx.Math {
			t.Errorf("the caption reaches x = %v, the readout starts at %v", tx.X+w/2, box.X0)
		}
	}
}

// TestSwarmLine: a run with a swarm gets a line under its row with the
// note and each outcome's share, a share too small to round to 1% reading
// "<1%" (not "0%", which would say none); the rows below move down.
func TestSwarmLine(t *testing.T) {
	var h HUD
	f := frame()
	h.Prepare(f)
	before := h.Legend()
	f.Runs[0].SwarmNote = "2,000 particles:"
	f.Runs[0].Swarm = []Share{{Value: 0.6}, {Value: 0.398}, {Value: 0.002}}
	h.Prepare(f)
	got := joined(h.Texts())
	for _, want := range []string{"2,000 particles:", "60%", "40%", "<1%"} {
		if !strings.Contains(got, want+"\n") {
			t.Errorf("the swarm line lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "0%\n") && !strings.Contains(got, "<1%\n") {
		t.Error("a share of 0.2% reads 0%")
	}
	if lg := h.Legend(); !(lg.H() > before.H()) {
		t.Errorf("the legend did not grow for the swarm line: %v, before %v", lg, before)
	}
	if Percent(0) != "0%" || Percent(0.004) != "<1%" || Percent(0.25) != "25%" {
		t.Errorf("Percent: %q %q %q", Percent(0), Percent(0.004), Percent(0.25))
	}
}

// TestLegendOfManyRuns: with more runs than fit, the legend stops at three
// quarters of the screen with a line saying how many more there are, keeps
// the selected run's row, and a click on a row finds its run.
func TestLegendOfManyRuns(t *testing.T) {
	tests := []struct {
		name      string
		runs      int
		selected  int // 1 + index, 0: none
		wantAll   bool
		wantMore  string
		wantLastK int // the run of the last row shown (-1: not checked)
	}{
		{"few", 5, 0, true, "", 4},
		{"ten thousand", 10000, 0, false, "more runs", -1},
		{"ten thousand, the last selected", 10000, 10000, false, "more runs", 9999},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := frame()
			f.Runs = make([]Run, tc.runs)
			for i := range f.Runs {
				f.Runs[i] = Run{Label: "run " + strings.Repeat("x", i%7), Loss: float64(i)}
			}
			f.Selected = tc.selected
			var h HUD
			h.Prepare(f)
			lg := h.Legend()
			if lg.Y1 > 0.75*f.H+1 {
				t.Errorf("the legend reaches down to %.0f of %.0f", lg.Y1, f.H)
			}
			if tc.wantAll != (len(h.rows) == tc.runs) {
				t.Errorf("%d rows shown of %d runs", len(h.rows), tc.runs)
			}
			if len(h.rows) < 2 && tc.runs > 1 {
				t.Errorf("only %d rows", len(h.rows))
			}
			got := joined(h.Texts())
			if tc.wantMore != "" {
				want := strings.Replace("… and N more runs", "N", strconv.Itoa(tc.runs-len(h.rows)), 1)
				if !strings.Contains(got, want) {
					t.Errorf("no line %q in\n%s", want, got)
				}
			} else if strings.Contains(got, "more runs") {
				t.Error("a line of more runs when all are shown")
			}
			last := len(h.rows) - 1
			if tc.wantLastK >= 0 && h.rowRuns[last] != tc.wantLastK {
				t.Errorf("the last row shows run %d, want %d", h.rowRuns[last], tc.wantLastK)
			}
			// A click in the middle of each row finds the run it shows.
			for k, r := range h.rows {
				if i, ok := LegendRowAt(f, (r.X0+r.X1)/2, (r.Y0+r.Y1)/2); !ok || i != h.rowRuns[k] {
					t.Errorf("a click on row %d found run %d (%v), want %d", k, i, ok, h.rowRuns[k])
				}
			}
		})
	}
}
