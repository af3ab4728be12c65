package chart

import (
	"image/color"
	"math"
	"slices"
	"strings"
	"testing"

	"descent/optim"
	"descent/scene/plot"
	"descent/scene/run"
	"descent/scene/surface"
	"descent/shaders"
)

func TestHistoryDecimates(t *testing.T) {
	h := NewHistory()
	const steps = 10000
	for s := 0; s <= steps; s++ {
		h.Add(s, float64(steps-s), float64(s), 0.1)
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
	h.points(valueLoss, func(s int, v float64) { last = s })
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
	h.Reset()
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
	bad.Add(0, 5, math.NaN(), 0.1)
	bad.Add(1, math.Inf(1), math.NaN(), 0.1)
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
	neg.Add(0, 1, math.NaN(), 0.1)
	neg.Add(1, -3, math.NaN(), 0.1)
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

// TestLRAxisAndCursor: with LR the chart gives room to an lr axis whose
// top tick covers the largest lr and draws the lr lines; with a cursor the
// legend gives each run's value at the cursor and a line marks it.
func TestLRAxisAndCursor(t *testing.T) {
	surf, err := surface.Lookup("bowl")
	if err != nil {
		t.Fatal(err)
	}
	spec, err := optim.ParseSpec("sgd:lr=0.2+cosineannealinglr:T_max=40")
	if err != nil {
		t.Fatal(err)
	}
	opt, _ := optim.New(spec)
	sched, err := optim.NewSchedule(spec, opt)
	if err != nil {
		t.Fatal(err)
	}
	r, _ := run.New(surf, opt, []float64{0, 0}, run.Stochastic{}, 1000)
	r.SetSchedule(sched)
	h := NewHistory()
	for range 40 {
		_ = r.Step()
	}
	h.Sync(r, surf)
	var lrs []float64
	h.points(valueLR, func(_ int, v float64) { lrs = append(lrs, v) })
	if len(lrs) != 41 || lrs[0] != 0.2 || math.Abs(lrs[40]) > 1e-15 || !(lrs[20] < lrs[10]) {
		t.Fatalf("lr history %v: want the cosine from 0.2 to 0", lrs)
	}
	frame := Frame{
		Pane:   plot.Rect{X0: 0, Y0: 400, X1: 1280, Y1: 720},
		Style:  plot.Style{Theme: plot.Light(), Scale: 1, LineW: 1},
		Series: []Series{{History: h, Label: "cosine", Color: color.RGBA{255, 0, 0, 255}, Loss: 7.5}},
	}
	var c Chart
	c.Prepare(frame)
	plain, plainLines := c.plot.Px, c.data.Len()
	frame.LR = true
	c.Prepare(frame)
	texts := joined(c.Texts())
	if !strings.Contains(texts, "lr (dashed)\n") || !strings.Contains(texts, "\n0.2\n") {
		t.Errorf("the lr axis lacks its title or a tick at 0.2:\n%s", texts)
	}
	if !(c.plot.Px.X1 < plain.X1) || c.plot.Px.X0 != plain.X0 {
		t.Errorf("plot %v with the lr axis, %v without: the axis needs room on the right", c.plot.Px, plain)
	}
	if !(c.data.Len() > plainLines+20) {
		t.Errorf("%d shapes with the lr lines, %d without", c.data.Len(), plainLines)
	}
	// A run whose lr is a hundredth of the other's: a log axis.
	small := NewHistory()
	for k := range 41 {
		small.Add(k, 1, math.NaN(), 0.002)
	}
	two := frame
	two.Series = append(slices.Clone(frame.Series), Series{History: small, Label: "small", Color: color.RGBA{0, 0, 255, 255}})
	c.Prepare(two)
	if texts := joined(c.Texts()); !strings.Contains(texts, "lr (dashed, log)\n") || !strings.Contains(texts, "\n0.01\n") {
		t.Errorf("lrs 0.2 and 0.002 want a log lr axis with a tick at 0.01:\n%s", texts)
	}
	frame.LR, frame.HasCursor, frame.Cursor = false, true, 12
	c.Prepare(frame)
	texts = joined(c.Texts())
	if !strings.Contains(texts, "step 12\n") || !strings.Contains(texts, "cosine  7.5\n") {
		t.Errorf("the cursor's label or the legend's value at the cursor is missing:\n%s", texts)
	}
}

// TestDashes: a dashed line covers dash/(dash+gap) of its length whatever
// the pieces it is drawn in.
func TestDashes(t *testing.T) {
	for _, pieces := range []int{1, 3, 17} {
		var l shaders.Lines
		phase := 0.0
		for i := range pieces {
			x0, x1 := 120*float64(i)/float64(pieces), 120*float64(i+1)/float64(pieces)
			phase = dashed(&l, x0, 0, x1, 0, 7, 5, phase, 1, shaders.Color{})
		}
		// Each dash is one quad (two triangles); 120 px hold ten 12 px periods.
		if got := l.Len() / 2; got < 10 || got > 10+pieces {
			t.Errorf("%d pieces: %d dashes, want 10 (a dash split by a piece's end counts twice)", pieces, got)
		}
	}
}
