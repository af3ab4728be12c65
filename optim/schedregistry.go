package optim

import (
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
)

// ParamKind is the kind of value a scheduler parameter takes.
type ParamKind int

// The kinds of scheduler parameters.
const (
	KindNumber  ParamKind = iota // a finite number
	KindInteger                  // a whole number (torch documents it as an int)
	KindBool                     // true or false, stored as 1 or 0
	KindList                     // whole numbers joined by ';', e.g. milestones=30;60
	KindString                   // one word from Choices, written bare, e.g. mode=exp_range
)

// String names the kind: "number", "integer", "bool", "list" or "string".
func (k ParamKind) String() string {
	switch k {
	case KindInteger:
		return "integer"
	case KindBool:
		return "bool"
	case KindList:
		return "list"
	case KindString:
		return "string"
	}
	return "number"
}

// SchedulerParam describes one constructor argument of a learning-rate
// scheduler, in torch's name. The embedded Param holds the name, the default
// of a number, integer or boolean, its valid range (of each element, for a
// list), slider hints and a one-line description.
type SchedulerParam struct {
	Param
	// Kind is the kind of value the parameter takes.
	Kind ParamKind
	// Required marks an argument torch has no default for (step_size,
	// milestones, T_max, max_lr, ...): a spec must give it. Default (or List,
	// or Choices[0]) is then only a value for a settings panel to start from.
	Required bool
	// Optional marks an argument whose torch default is None (onecyclelr's
	// total_steps, epochs and steps_per_epoch, cycliclr's step_size_down):
	// a spec may leave it out. Default is a value for a panel to start from.
	Optional bool
	// Choices are the words a string parameter takes, torch's default first.
	Choices []string
	// List is the default (or, for a required list, a starting value) of a
	// list parameter.
	List []float64
}

// DefaultText returns the parameter's default as spec text: "0.1", "true",
// "30;60" or "cos". For a required or optional parameter it is the value a
// panel starts from.
func (p SchedulerParam) DefaultText() string {
	switch p.Kind {
	case KindList:
		return formatList(p.List)
	case KindString:
		return p.Choices[0]
	}
	return p.FormatValue(p.Default)
}

// Range describes the valid values, e.g. ">= 0", "a whole number >= 1",
// "whole numbers >= 0 joined by ';'", "cos or linear" or "true or false".
func (p SchedulerParam) Range() string {
	switch p.Kind {
	case KindInteger:
		return "a whole number " + p.Param.Range()
	case KindList:
		return "whole numbers " + p.Param.Range() + " joined by ';'"
	case KindString:
		return orList(p.Choices)
	}
	return p.Param.Range()
}

// Check reports whether v is a valid number, integer or boolean value of p.
// The error names the key and the value.
func (p SchedulerParam) Check(v float64) error {
	if err := p.Param.Check(v); err != nil {
		return fmt.Errorf("optim: invalid %s: %s (must be %s)", p.Name, strconv.FormatFloat(v, 'g', -1, 64), p.Range())
	}
	if (p.Kind == KindInteger || p.Kind == KindList) && v != math.Trunc(v) {
		return fmt.Errorf("optim: invalid %s: %s (must be %s)", p.Name, strconv.FormatFloat(v, 'g', -1, 64), p.Range())
	}
	return nil
}

// MarshalJSON encodes p as its Param with the kind, required, optional,
// choices and list added.
func (p SchedulerParam) MarshalJSON() ([]byte, error) {
	base, err := json.Marshal(p.Param)
	if err != nil {
		return nil, err
	}
	extra, err := json.Marshal(struct {
		Kind     string    `json:"kind"`
		Required bool      `json:"required,omitempty"`
		Optional bool      `json:"optional,omitempty"`
		Choices  []string  `json:"choices,omitempty"`
		List     []float64 `json:"list,omitempty"`
	}{p.Kind.String(), p.Required, p.Optional, p.Choices, p.List})
	if err != nil {
		return nil, err
	}
	// Join the two objects: {...base...,...extra...}.
	return append(append(base[:len(base)-1], ','), extra[1:]...), nil
}

// Scheduler describes one learning-rate scheduler of torch.optim.lr_scheduler:
// its spec name (the class name in lower case), the class name, a one-line
// description and its constructor arguments in torch's order.
type Scheduler struct {
	Name   string           `json:"name"`
	Title  string           `json:"title"`
	Doc    string           `json:"doc"`
	Params []SchedulerParam `json:"params"`

	// check validates relations between the arguments of a spec whose
	// defaults are filled (nil if none).
	check func(s SchedulerSpec) error
	// build makes the scheduler from a complete, valid spec.
	build func(s SchedulerSpec) scheduler
}

// Param returns the parameter called name (case-insensitive, as specs
// are), and whether there is one.
func (sc Scheduler) Param(name string) (SchedulerParam, bool) {
	for _, p := range sc.Params {
		if strings.EqualFold(p.Name, name) {
			return p, true
		}
	}
	return SchedulerParam{}, false
}

// Defaults returns the spec of sc with every parameter that has a default
// at that default, and each required parameter at the value a panel starts
// from, so that the result is a valid, runnable spec. Optional parameters
// are left out, but for the first ones a valid spec needs (onecyclelr's
// total_steps).
func (sc Scheduler) Defaults() SchedulerSpec {
	s := SchedulerSpec{Name: sc.Name}
	for _, p := range sc.Params {
		if !p.Optional {
			s.setDefault(p)
		}
	}
	for _, p := range sc.Params {
		if p.Optional && s.Validate() != nil {
			s.setDefault(p)
		}
	}
	return s
}

// Schedulers returns the registry of learning-rate schedulers in a stable
// order: steplr multisteplr exponentiallr cosineannealinglr
// cosineannealingwarmrestarts linearlr constantlr polynomiallr onecyclelr
// cycliclr reducelronplateau. The result is a fresh copy the caller may
// modify.
func Schedulers() []Scheduler {
	out := make([]Scheduler, len(schedulers))
	for i, sc := range schedulers {
		out[i] = sc.clone()
	}
	return out
}

// LookupScheduler returns the scheduler called name (lower case, exact).
func LookupScheduler(name string) (Scheduler, error) {
	for _, sc := range schedulers {
		if sc.Name == name {
			return sc.clone(), nil
		}
	}
	return Scheduler{}, unknownScheduler(name)
}

// clone copies sc with its own parameter slices.
func (sc Scheduler) clone() Scheduler {
	sc.Params = slices.Clone(sc.Params)
	for i := range sc.Params {
		sc.Params[i].Choices = slices.Clone(sc.Params[i].Choices)
		sc.Params[i].List = slices.Clone(sc.Params[i].List)
	}
	return sc
}

// orList writes "a, b or c".
func orList(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " or " + words[len(words)-1]
}

// Parameter constructors for the registry.

func number(name string, def, lo, hi, sliderLo, sliderHi float64, doc string) SchedulerParam {
	return SchedulerParam{Param: Param{Name: name, Default: def, Min: lo, Max: hi, SliderMin: sliderLo, SliderMax: sliderHi, Doc: doc}}
}

func integer(name string, def, lo, sliderHi float64, doc string) SchedulerParam {
	return SchedulerParam{Kind: KindInteger, Param: Param{Name: name, Default: def, Min: lo, Max: inf, SliderMin: lo, SliderMax: sliderHi, Doc: doc}}
}

func flag(name string, def float64, doc string) SchedulerParam {
	return SchedulerParam{Kind: KindBool, Param: Param{Name: name, Default: def, Min: 0, Max: 1, Bool: true, SliderMax: 1, Doc: doc}}
}

func choice(name string, choices []string, doc string) SchedulerParam {
	return SchedulerParam{Kind: KindString, Choices: choices, Param: Param{Name: name, Doc: doc}}
}

func required(p SchedulerParam) SchedulerParam { p.Required = true; return p }

func optional(p SchedulerParam) SchedulerParam { p.Optional = true; return p }

func logScale(p SchedulerParam) SchedulerParam { p.Log = true; return p }

// lrLike is a learning rate given to a scheduler (eta_min, max_lr, min_lr).
func lrLike(name string, def float64, doc string) SchedulerParam {
	return logScale(number(name, def, 0, inf, 1e-6, 10, doc))
}

func gammaParam(def float64, doc string) SchedulerParam {
	p := number("gamma", def, 0, inf, 0.5, 1, doc)
	p.MinOpen = true
	return p
}

// momentumParam is a momentum (or Adam's beta1) a scheduler cycles through.
func momentumParam(name string, def float64, doc string) SchedulerParam {
	p := number(name, def, 0, 1, 0, 0.999, doc)
	p.MaxOpen = true
	return p
}

var schedulers = []Scheduler{
	{
		Name: "steplr", Title: "StepLR", Doc: "multiply the lr by gamma every step_size steps (torch.optim.lr_scheduler.StepLR)",
		Params: []SchedulerParam{
			required(integer("step_size", 30, 1, 500, "steps between decays")),
			gammaParam(0.1, "factor of each decay"),
		},
		build: func(s SchedulerSpec) scheduler {
			return &stepLR{stepSize: int(s.Values["step_size"]), gamma: s.Values["gamma"]}
		},
	},
	{
		Name: "multisteplr", Title: "MultiStepLR", Doc: "multiply the lr by gamma at each milestone step (torch.optim.lr_scheduler.MultiStepLR)",
		Params: []SchedulerParam{
			{Kind: KindList, Required: true, List: []float64{30, 80}, Param: Param{Name: "milestones", Min: 0, Max: inf, SliderMax: 1000,
				Doc: "steps at which the lr is multiplied by gamma (once per occurrence)"}},
			gammaParam(0.1, "factor of each decay"),
		},
		build: func(s SchedulerSpec) scheduler { return newMultiStepLR(s.Lists["milestones"], s.Values["gamma"]) },
	},
	{
		Name: "exponentiallr", Title: "ExponentialLR", Doc: "multiply the lr by gamma every step (torch.optim.lr_scheduler.ExponentialLR)",
		Params: []SchedulerParam{
			required(gammaParam(0.99, "factor of each step's decay")),
		},
		build: func(s SchedulerSpec) scheduler { return &exponentialLR{gamma: s.Values["gamma"]} },
	},
	{
		Name: "cosineannealinglr", Title: "CosineAnnealingLR", Doc: "cosine from the lr down to eta_min over T_max steps, and back up after (torch.optim.lr_scheduler.CosineAnnealingLR)",
		Params: []SchedulerParam{
			required(integer("T_max", 100, 1, 1000, "steps of the half period")),
			lrLike("eta_min", 0, "lowest lr"),
		},
		build: func(s SchedulerSpec) scheduler {
			return &cosineAnnealingLR{tMax: int(s.Values["T_max"]), etaMin: s.Values["eta_min"]}
		},
	},
	{
		Name: "cosineannealingwarmrestarts", Title: "CosineAnnealingWarmRestarts", Doc: "cosine from the lr down to eta_min, restarting after T_0 steps, each period T_mult times the last (torch.optim.lr_scheduler.CosineAnnealingWarmRestarts)",
		Params: []SchedulerParam{
			required(integer("T_0", 50, 1, 1000, "steps of the first period")),
			integer("T_mult", 1, 1, 4, "factor by which each period is longer than the last"),
			lrLike("eta_min", 0, "lowest lr"),
		},
		build: func(s SchedulerSpec) scheduler {
			return &warmRestarts{t0: int(s.Values["T_0"]), tMult: int(s.Values["T_mult"]), etaMin: s.Values["eta_min"]}
		},
	},
	{
		Name: "linearlr", Title: "LinearLR", Doc: "scale the lr linearly from start_factor to end_factor over total_iters steps: a warm-up (torch.optim.lr_scheduler.LinearLR)",
		Params: []SchedulerParam{
			{Param: Param{Name: "start_factor", Default: 1.0 / 3, Min: 0, Max: 1, MinOpen: true, SliderMin: 0.01, SliderMax: 1, Doc: "factor of the lr at the first step"}},
			number("end_factor", 1, 0, 1, 0, 1, "factor of the lr from step total_iters on"),
			integer("total_iters", 5, 0, 500, "steps until end_factor is reached"),
		},
		build: func(s SchedulerSpec) scheduler {
			return &linearLR{from: s.Values["start_factor"], to: s.Values["end_factor"], total: s.Values["total_iters"]}
		},
	},
	{
		Name: "constantlr", Title: "ConstantLR", Doc: "scale the lr by factor for the first total_iters steps (torch.optim.lr_scheduler.ConstantLR)",
		Params: []SchedulerParam{
			// torch accepts factor 0 and then divides by it at total_iters.
			{Param: Param{Name: "factor", Default: 1.0 / 3, Min: 0, Max: 1, MinOpen: true, SliderMin: 0.01, SliderMax: 1, Doc: "factor of the lr until total_iters"}},
			integer("total_iters", 5, 0, 500, "steps with the lr scaled"),
		},
		build: func(s SchedulerSpec) scheduler {
			return &constantLR{factor: s.Values["factor"], total: int(s.Values["total_iters"])}
		},
	},
	{
		Name: "polynomiallr", Title: "PolynomialLR", Doc: "decay the lr to 0 over total_iters steps as (1 - t/total_iters)^power (torch.optim.lr_scheduler.PolynomialLR)",
		Params: []SchedulerParam{
			integer("total_iters", 5, 0, 1000, "steps until the lr reaches 0"),
			number("power", 1, 0, inf, 0, 5, "power of the polynomial"),
		},
		build: func(s SchedulerSpec) scheduler {
			return &polynomialLR{total: s.Values["total_iters"], power: s.Values["power"]}
		},
	},
	{
		Name: "onecyclelr", Title: "OneCycleLR", Doc: "the 1cycle policy: lr up from max_lr/div_factor to max_lr, then down far below, momentum the other way (torch.optim.lr_scheduler.OneCycleLR)",
		Params: []SchedulerParam{
			required(lrLike("max_lr", 0.1, "highest lr")),
			optional(integer("total_steps", 100, 1, 2000, "steps of the cycle (default: epochs*steps_per_epoch)")),
			optional(integer("epochs", 10, 1, 100, "epochs of the cycle, with steps_per_epoch")),
			optional(integer("steps_per_epoch", 10, 1, 100, "steps per epoch, with epochs")),
			number("pct_start", 0.3, 0, 1, 0, 1, "share of the cycle spent raising the lr"),
			choice("anneal_strategy", []string{"cos", "linear"}, "shape of each phase"),
			flag("cycle_momentum", 1, "cycle the momentum (or Adam's beta1) inversely to the lr"),
			momentumParam("base_momentum", 0.85, "lowest momentum, at the peak lr"),
			momentumParam("max_momentum", 0.95, "highest momentum, at the start and the end"),
			func() SchedulerParam {
				p := number("div_factor", 25, 0, inf, 1, 100, "first lr = max_lr/div_factor")
				p.MinOpen = true
				return p
			}(),
			func() SchedulerParam {
				p := logScale(number("final_div_factor", 1e4, 0, inf, 1, 1e6, "last lr = first lr/final_div_factor"))
				p.MinOpen = true
				return p
			}(),
			flag("three_phase", 0, "a third phase: back to the first lr, then down to the last"),
		},
		check: checkOneCycle,
		build: func(s SchedulerSpec) scheduler { return newOneCycleLR(s) },
	},
	{
		Name: "cycliclr", Title: "CyclicLR", Doc: "the lr cycles between base_lr and max_lr in triangles, momentum the other way (torch.optim.lr_scheduler.CyclicLR)",
		Params: []SchedulerParam{
			required(lrLike("base_lr", 0.001, "lowest lr (replaces the optimizer's lr)")),
			required(lrLike("max_lr", 0.01, "highest lr")),
			integer("step_size_up", 2000, 1, 500, "steps of the rising half of a cycle"),
			optional(integer("step_size_down", 2000, 0, 500, "steps of the falling half (default: step_size_up)")),
			choice("mode", []string{"triangular", "triangular2", "exp_range"}, "triangular: fixed height; triangular2: halved each cycle; exp_range: scaled by gamma^step"),
			gammaParam(1, "exp_range's factor per step"),
			choice("scale_mode", []string{"cycle", "iterations"}, "what a custom scale_fn takes; without scale_fn (not available here) it has no effect, as in torch"),
			flag("cycle_momentum", 1, "cycle the momentum inversely to the lr (sgd, rmsprop)"),
			momentumParam("base_momentum", 0.8, "lowest momentum, at the peak lr"),
			momentumParam("max_momentum", 0.9, "highest momentum, at base_lr"),
		},
		build: func(s SchedulerSpec) scheduler { return newCyclicLR(s) },
	},
	{
		Name: "reducelronplateau", Title: "ReduceLROnPlateau", Doc: "multiply the lr by factor when the loss has not improved for patience steps (torch.optim.lr_scheduler.ReduceLROnPlateau)",
		Params: []SchedulerParam{
			choice("mode", []string{"min", "max"}, "min: the loss should fall; max: it should rise"),
			func() SchedulerParam {
				p := number("factor", 0.1, 0, 1, 0, 0.99, "factor of each reduction")
				p.MaxOpen = true
				return p
			}(),
			integer("patience", 10, 0, 100, "steps without improvement tolerated"),
			logScale(number("threshold", 1e-4, 0, inf, 1e-8, 1, "smallest change that counts as an improvement")),
			choice("threshold_mode", []string{"rel", "abs"}, "rel: relative to the best loss; abs: absolute"),
			integer("cooldown", 0, 0, 100, "steps after a reduction in which bad steps are not counted"),
			lrLike("min_lr", 0, "lowest lr"),
			logScale(number("eps", 1e-8, 0, inf, 1e-12, 1e-2, "smallest reduction applied")),
		},
		build: func(s SchedulerSpec) scheduler { return newPlateau(s) },
	},
}
