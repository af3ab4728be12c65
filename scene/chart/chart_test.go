package chart

import (
	"image/color"
	"math"
	"strings"
	"testing"

	"descent/optim"
	"descent/scene/plot"
	"descent/scene/run"
	"descent/scene/surface"
)

func TestHistoryDecimates(t *testing.T) {
	h := NewHistory()
	const steps = 10000
	for s := 0; s <= steps; s++ {
		h.Add(s, float64(steps-s), float64(s))
	}
	if h.Len() >= HistoryCap || h.Len() < HistoryCap/4 {
		t.Fatalf("kept %d points, want fewer than %d and at least %d", h.Len(), HistoryCap, HistoryCap/4)
	}
	if h.steps[0] != 0 {
		t.Errorf("first kept step %d, want 0", h.steps[0])
	}
	for i := 1; i < len(h.steps); i++ {
		if h.steps[i]-h.steps[i-1] != h.every {
			t.Fatalf("steps %d and %d are not %d apart", h.steps[i-1], h.steps[i], h.every)
		}
		if h.loss[i] != float64(steps-h.steps[i]) || h.dist[i] != float64(h.steps[i]) {
			t.Fatalf("point %d holds the wrong values", i)
		}
	}
	var last int
	h.points(false, func(s int, v float64) { last = s })
	if last != steps {
		t.Errorf("the newest point is step %d, want %d", last, steps)
	}
}

// newRun returns a gradient-descent run on the bowl from (0, 0).
func newRun(t *testing.T, lr float64) (*run.Run, *surface.Surface) {
	t.Helper()
	surf, err := surface.Lookup("bowl")
	if err != nil {
		t.Fatal(err)
	}
	opt, err := optim.New(optim.Spec{Method: "sgd", Values: map[string]float64{"lr": lr}})
	if err != nil {
		t.Fatal(err)
	}
	r, err := run.New(surf, opt, []float64{0, 0}, run.Stochastic{}, 1000)
	if err != nil {
		t.Fatal(err)
	}
	return r, surf
}

func TestHistorySyncsWithRun(t *testing.T) {
	r, surf := newRun(t, 0.1)
	h := NewHistory()
	for range 30 {
		_ = r.Step()
		if r.Steps()%7 == 0 {
			h.Sync(r, surf) // now and then, as a window would
		}
	}
	h.Sync(r, surf)
	step, loss, dist := h.Last()
	if step != r.Steps() || loss != r.Loss() {
		t.Fatalf("history at step %d loss %v, run at %d loss %v", step, loss, r.Steps(), r.Loss())
	}
	if want := math.Hypot(r.Point()[0]-2, r.Point()[1]-3); math.Abs(dist-want) > 1e-9 {
		t.Errorf("distance to the minimum %v, want %v", dist, want)
	}
	if h.Len() != r.Steps()+1 {
		t.Errorf("%d points for %d steps", h.Len(), r.Steps())
	}
	r.Reset()
	_ = r.Step()
	h.Sync(r, surf)
	if step, _, _ := h.Last(); step != 1 || h.Len() != 2 {
		t.Errorf("after a restart the history holds steps up to %d (%d points), want 1 (2)", step, h.Len())
	}
}

// TestChartLegendAndScales: the legend names each run with its newest
// value, a diverged run says so, and a log chart of losses below zero with
// no known floor falls back to a linear scale.
func TestChartLegendAndScales(t *testing.T) {
	r, surf := newRun(t, 0.1)
	h := NewHistory()
	for range 20 {
		_ = r.Step()
	}
	h.Sync(r, surf)
	bad := NewHistory()
	bad.Add(0, 5, math.NaN())
	bad.Add(1, math.Inf(1), math.NaN())
	var c Chart
	frame := Frame{
		Pane:  plot.Rect{X0: 0, Y0: 400, X1: 1280, Y1: 720},
		Style: plot.Style{Theme: plot.Light(), Scale: 1, LineW: 1},
		Series: []Series{
			{History: h, Label: "SGD", Color: color.RGBA{255, 0, 0, 255}},
			{History: bad, Label: "Adam", Color: color.RGBA{0, 0, 255, 255}, Grey: true, DivergedAt: 1},
		},
		Log: true, MaxSteps: 50, MinValue: 0,
	}
	c.Prepare(frame)
	texts := joined(c.Texts())
	for _, want := range []string{"SGD  " + plot.FormatValue(r.Loss()), "Adam  diverged at 1", "loss (log)", "step"} {
		if !strings.Contains(texts, want+"\n") {
			t.Errorf("chart lacks %q:\n%s", want, texts)
		}
	}
	if c.plot.Vis.X1 != 50 {
		t.Errorf("x axis ends at %v, want the step limit 50", c.plot.Vis.X1)
	}
	if c.data.Len() == 0 {
		t.Error("no lines drawn")
	}

	neg := NewHistory()
	neg.Add(0, 1, math.NaN())
	neg.Add(1, -3, math.NaN())
	frame.Series = []Series{{History: neg, Label: "saddle"}}
	frame.MinValue = math.NaN()
	c.Prepare(frame)
	if texts := joined(c.Texts()); !strings.Contains(texts, "loss (linear)\n") {
		t.Errorf("negative losses with no floor on a log chart:\n%s", texts)
	}
	frame.MinValue = -4
	c.Prepare(frame)
	if texts := joined(c.Texts()); !strings.Contains(texts, "loss − min (log)\n") {
		t.Errorf("negative losses above a known floor:\n%s", texts)
	}
}

func joined(texts []plot.Text) string {
	var b strings.Builder
	for _, t := range texts {
		b.WriteString(t.S + "\n")
	}
	return b.String()
}
