package panel

import (
	"fmt"
	"math"
	"strconv"

	"descent/optim"
	"descent/scene/plot"
)

// A schedule recipe is a common learning-rate schedule a lecturer picks in
// one click: its schedulers, sized to the scene's steps and the run's lr.
type scheduleRecipe struct {
	name  string
	build func(steps int, lr float64) string // the spec text after the optimizer's
}

// scheduleRecipes are the ready-made schedules of the "Add schedule" list,
// after its first item (any single scheduler is offered there too).
var scheduleRecipes = []scheduleRecipe{
	{"step decay (x0.3 every quarter)", func(n int, _ float64) string {
		return fmt.Sprintf("steplr:step_size=%d,gamma=0.3", max(1, n/4))
	}},
	{"cosine to 0", func(n int, _ float64) string {
		return fmt.Sprintf("cosineannealinglr:T_max=%d", max(1, n))
	}},
	{"warm-up (a tenth) + cosine", func(n int, _ float64) string {
		return fmt.Sprintf("linearlr:start_factor=0.05,total_iters=%d+cosineannealinglr:T_max=%d", max(1, n/10), max(1, n))
	}},
	{"one-cycle (peak = lr)", func(n int, lr float64) string {
		return fmt.Sprintf("onecyclelr:max_lr=%s,total_steps=%d,cycle_momentum=false", strconv.FormatFloat(lr, 'g', -1, 64), max(2, n))
	}},
	{"exponential (x0.99 a step)", func(int, float64) string { return "exponentiallr:gamma=0.99" }},
	{"reduce on plateau", func(int, float64) string { return "reducelronplateau:patience=5,factor=0.5" }},
}

// scheduleSteps is the number of steps a recipe is sized to: the scene's,
// or 100 for a scene that runs on.
func scheduleSteps(steps int) int {
	if steps > 0 {
		return steps
	}
	return 100
}

// addChoices lists the "Add schedule" items: a title, the recipes, then
// every scheduler of torch.optim.lr_scheduler alone.
func addChoices() []string {
	items := []string{"Add a schedule..."}
	for _, r := range scheduleRecipes {
		items = append(items, r.name)
	}
	for _, sc := range optim.Schedulers() {
		items = append(items, sc.Title)
	}
	return items
}

// scheduleWidgets lays out run i's learning-rate schedule: each scheduler
// of the chain (stepped together, in order, as torch chains them) with all
// its parameters, a list to add a recipe or any scheduler, and a button to
// go back to a constant lr.
func (p *Panel) scheduleWidgets(host Host, i int) {
	u := &p.ui
	e := &p.runs[i]
	scheds := optim.Schedulers()
	names := make([]string, len(scheds)+1)
	names[0] = "(remove)"
	for k, sc := range scheds {
		names[k+1] = sc.Title
	}
	for k, ss := range e.spec.Schedulers {
		u.Push("sched" + strconv.Itoa(k))
		sc, err := optim.LookupScheduler(ss.Name)
		if err != nil {
			u.Pop()
			continue
		}
		u.Row(2, 3)
		u.Label(fmt.Sprintf("Schedule %d", k+1), false)
		choice := 0
		for n, s := range scheds {
			if s.Name == ss.Name {
				choice = n + 1
			}
		}
		if u.Dropdown("name", &choice, names) {
			spec := e.spec.Clone()
			if choice == 0 {
				spec.Schedulers = append(spec.Schedulers[:k], spec.Schedulers[k+1:]...)
			} else {
				spec.Schedulers[k] = sized(scheds[choice-1], host.Scene().Steps, spec)
			}
			p.setSpec(host, i, spec)
			u.Pop()
			return
		}
		for _, prm := range sc.Params {
			if p.schedParamWidgets(host, i, k, prm) {
				u.Pop()
				return
			}
		}
		u.Pop()
	}
	u.Row(1)
	add := 0
	if u.Dropdown("add-schedule", &add, addChoices()) && add > 0 {
		spec := e.spec.Clone()
		steps := scheduleSteps(host.Scene().Steps)
		lr := spec.Values["lr"]
		if add <= len(scheduleRecipes) {
			parsed, err := optim.ParseSpec(spec.Method + "+" + scheduleRecipes[add-1].build(steps, lr))
			if err != nil {
				p.err = err.Error()
				return
			}
			spec.Schedulers = append(spec.Schedulers, parsed.Schedulers...)
		} else {
			spec.Schedulers = append(spec.Schedulers, sized(scheds[add-1-len(scheduleRecipes)], host.Scene().Steps, spec))
		}
		p.setSpec(host, i, spec)
		return
	}
	if len(e.spec.Schedulers) > 0 {
		u.Row(1)
		if u.Button("Constant lr (no schedule)") {
			spec := e.spec.Clone()
			spec.Schedulers = nil
			p.setSpec(host, i, spec)
		}
	}
}

// sized returns the defaults of sc with the arguments that count steps
// fitted to a run of steps steps (T_max, total_steps, total_iters, step
// sizes), its peak at the optimizer's lr and momentum cycling only for an
// optimizer that has a momentum or beta1 to cycle, so that a newly chosen
// scheduler runs at once and shows its whole shape.
func sized(sc optim.Scheduler, steps int, opt optim.Spec) optim.SchedulerSpec {
	s := sc.Defaults()
	lr := opt.Values["lr"]
	n := scheduleSteps(steps)
	set := func(name string, v int) {
		if _, ok := sc.Param(name); ok {
			_ = s.Set(name, strconv.Itoa(v)) // a whole number in range: cannot fail
		}
	}
	switch sc.Name {
	case "cosineannealinglr":
		set("T_max", n)
	case "cosineannealingwarmrestarts":
		set("T_0", max(1, n/4))
	case "onecyclelr":
		set("total_steps", max(2, n))
		if lr > 0 {
			_ = s.Set("max_lr", strconv.FormatFloat(lr, 'g', -1, 64))
		}
	case "polynomiallr", "linearlr", "constantlr":
		set("total_iters", max(1, n/2))
	case "steplr":
		set("step_size", max(1, n/4))
	case "cycliclr":
		set("step_size_up", max(1, n/8))
		if lr > 0 {
			_ = s.Set("max_lr", strconv.FormatFloat(lr, 'g', -1, 64))
			_ = s.Set("base_lr", strconv.FormatFloat(lr/10, 'g', -1, 64))
		}
	}
	if _, ok := sc.Param("cycle_momentum"); ok && !cyclesCleanly(opt, s) {
		_ = s.Set("cycle_momentum", "false")
	}
	if s.Validate() != nil {
		return sc.Defaults()
	}
	return s
}

// schedParamWidgets lays out parameter prm of scheduler k of run i: a
// checkbox for a flag, a list of its words for a string, a text field for
// a list of steps, a field and a slider for a number. It reports whether
// it changed the scene (the caller then stops laying out stale widgets).
func (p *Panel) schedParamWidgets(host Host, i, k int, prm optim.SchedulerParam) bool {
	u := &p.ui
	e := &p.runs[i]
	ss := e.spec.Schedulers[k]
	if prm.Kind == optim.KindBool || prm.Kind == optim.KindString {
		u.Row(2, 3)
	} else {
		u.Row(2, 1.2, 1.8)
	}
	u.Label(prm.Name, false)
	key := strconv.Itoa(k) + "/" + prm.Name
	switch prm.Kind {
	case optim.KindBool:
		on := ss.Values[prm.Name] != 0
		if u.Checkbox("", &on) {
			return p.setSchedParam(host, i, k, prm.Name, strconv.FormatBool(on))
		}
		return false
	case optim.KindString:
		choice := 0
		for n, c := range prm.Choices {
			if c == ss.Strings[prm.Name] {
				choice = n
			}
		}
		if u.Dropdown(prm.Name, &choice, prm.Choices) {
			return p.setSchedParam(host, i, k, prm.Name, prm.Choices[choice])
		}
		return false
	}
	txt, ok := e.schedText[key]
	if !ok {
		txt, _ = ss.Text(prm.Name)
	}
	if u.TextField(prm.Name, &txt) {
		e.schedText[key] = txt
		return p.setSchedParam(host, i, k, prm.Name, txt)
	}
	e.schedText[key] = txt
	if prm.Kind == optim.KindList {
		u.Label("(steps joined by ;)", true)
		return false
	}
	v, given := ss.Values[prm.Name]
	lo, hi := prm.SliderMin, prm.SliderMax
	if !(hi > lo) {
		lo, hi = prm.Min, math.Min(prm.Max, prm.Min+10)
	}
	if !given {
		v = prm.Default
	}
	format := func(v float64) string { return plot.FormatValue(v) }
	if prm.Log && lo > 0 {
		lv := math.Log10(math.Max(v, lo))
		show := func(v float64) string { return plot.FormatValue(plot.RoundTo(math.Pow(10, v), 3)) + " (log)" }
		if u.Slider(prm.Name+"/slider", &lv, math.Log10(lo), math.Log10(hi), 0.01, show) {
			return p.setSchedParam(host, i, k, prm.Name, plot.FormatValue(plot.RoundTo(math.Pow(10, lv), 3)))
		}
		return false
	}
	step := (hi - lo) / 100
	if prm.Kind == optim.KindInteger {
		step = math.Max(1, math.Round(step))
		format = func(v float64) string { return strconv.Itoa(int(math.Round(v))) }
	}
	if u.Slider(prm.Name+"/slider", &v, lo, hi, step, format) {
		if prm.Kind == optim.KindInteger {
			return p.setSchedParam(host, i, k, prm.Name, strconv.Itoa(int(math.Round(v))))
		}
		return p.setSchedParam(host, i, k, prm.Name, plot.FormatValue(plot.RoundTo(v, 4)))
	}
	return false
}

// setSchedParam sets one argument of scheduler k of run i from its text;
// a bad value or a spec that no longer validates (T_max 0, a one-cycle
// shorter than the run) shows the error and changes nothing.
func (p *Panel) setSchedParam(host Host, i, k int, name, text string) bool {
	spec := p.runs[i].spec.Clone()
	if err := spec.Schedulers[k].Set(name, text); err != nil {
		p.err = err.Error()
		return false
	}
	before := host.Scene()
	p.setSpec(host, i, spec)
	return host.Scene() != before
}

// cyclesCleanly reports whether scheduler s may cycle the momentum of the
// optimizer of spec: the optimizer has a momentum in use (SGD or RMSprop
// with momentum) or a beta1 the scheduler knows how to cycle.
func cyclesCleanly(spec optim.Spec, s optim.SchedulerSpec) bool {
	m, err := optim.LookupMethod(spec.Method)
	if err != nil {
		return false
	}
	if _, ok := m.Param("beta1"); !ok && spec.Values["momentum"] == 0 {
		return false // cycling would switch on a momentum the run does not have
	}
	try := spec.Clone()
	try.Schedulers = []optim.SchedulerSpec{s}
	opt, err := optim.New(try)
	if err != nil {
		return false
	}
	_, err = optim.NewSchedule(try, opt)
	return err == nil
}
