package optim

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
)

// Param describes one hyper-parameter of a method: its torch keyword, torch
// default, valid range, and hints for a settings panel.
type Param struct {
	// Name is torch's constructor keyword, with tuples split: beta1/beta2,
	// etaminus/etaplus, step_min/step_max.
	Name string
	// Default is torch's default value (0 or 1 for a boolean).
	Default float64
	// Min and Max bound the valid values; Max is +Inf when unbounded.
	Min, Max float64
	// MinOpen and MaxOpen exclude the bound itself from the valid range.
	MinOpen, MaxOpen bool
	// Bool marks a flag: its value is 0 (false) or 1 (true).
	Bool bool
	// Log suggests a logarithmic slider (learning rates, epsilons).
	Log bool
	// SliderMin and SliderMax are a sensible slider range inside [Min, Max].
	SliderMin, SliderMax float64
	// Doc is a one-line description.
	Doc string
}

// FormatValue formats v as a spec value: "true"/"false" for a boolean,
// otherwise the shortest decimal that parses back to v.
func (p Param) FormatValue(v float64) string {
	if p.Bool {
		if v != 0 {
			return "true"
		}
		return "false"
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

// Range describes the valid values, e.g. ">= 0", "in [0, 1)" or "true or false".
func (p Param) Range() string {
	if p.Bool {
		return "true or false"
	}
	f := func(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
	if math.IsInf(p.Max, 1) && math.IsInf(p.Min, -1) {
		return "a finite number"
	}
	if math.IsInf(p.Max, 1) {
		if p.MinOpen {
			return "> " + f(p.Min)
		}
		return ">= " + f(p.Min)
	}
	lo, hi := "[", "]"
	if p.MinOpen {
		lo = "("
	}
	if p.MaxOpen {
		hi = ")"
	}
	return "in " + lo + f(p.Min) + ", " + f(p.Max) + hi
}

// Check reports whether v is a valid value of p: finite, inside the range,
// and 0 or 1 for a boolean. The error names the key and the value.
func (p Param) Check(v float64) error {
	bad := math.IsNaN(v) || math.IsInf(v, 0)
	switch {
	case bad:
	case p.Bool:
		bad = v != 0 && v != 1
	default:
		bad = v < p.Min || (p.MinOpen && v == p.Min) || v > p.Max || (p.MaxOpen && v == p.Max)
	}
	if bad {
		return fmt.Errorf("optim: invalid %s: %s (must be %s)", p.Name, strconv.FormatFloat(v, 'g', -1, 64), p.Range())
	}
	return nil
}

// MarshalJSON encodes p with lower-case keys; an unbounded Min or Max is null
// (JSON has no infinity).
func (p Param) MarshalJSON() ([]byte, error) {
	var minv, maxv *float64
	if !math.IsInf(p.Min, 0) {
		minv = &p.Min
	}
	if !math.IsInf(p.Max, 0) {
		maxv = &p.Max
	}
	return json.Marshal(struct {
		Name      string   `json:"name"`
		Default   float64  `json:"default"`
		Min       *float64 `json:"min"`
		Max       *float64 `json:"max"`
		MinOpen   bool     `json:"min_open,omitempty"`
		MaxOpen   bool     `json:"max_open,omitempty"`
		Bool      bool     `json:"bool,omitempty"`
		Log       bool     `json:"log,omitempty"`
		SliderMin float64  `json:"slider_min"`
		SliderMax float64  `json:"slider_max"`
		Doc       string   `json:"doc"`
	}{p.Name, p.Default, minv, maxv, p.MinOpen, p.MaxOpen, p.Bool, p.Log, p.SliderMin, p.SliderMax, p.Doc})
}

// Method describes one optimizer: its spec name, a display title, a one-line
// description and its hyper-parameters in torch's constructor order.
type Method struct {
	Name   string  `json:"name"`
	Title  string  `json:"title"`
	Doc    string  `json:"doc"`
	Params []Param `json:"params"`

	// check validates relations between parameters (nil if none).
	check func(v map[string]float64) error
	// build makes the optimizer from complete, valid values.
	build func(v map[string]float64) Optimizer
}

// Param returns the parameter called name, and whether there is one.
func (m Method) Param(name string) (Param, bool) {
	for _, p := range m.Params {
		if p.Name == name {
			return p, true
		}
	}
	return Param{}, false
}

// Defaults returns the spec of m with every parameter at torch's default.
func (m Method) Defaults() Spec {
	v := make(map[string]float64, len(m.Params))
	for _, p := range m.Params {
		v[p.Name] = p.Default
	}
	return Spec{Method: m.Name, Values: v}
}

// Alias is a shorthand optimizer name standing for a method with some
// values preset, e.g. "momentum" for sgd with momentum=0.9.
type Alias struct {
	Name   string             `json:"name"`
	Method string             `json:"method"`
	Values map[string]float64 `json:"values"`
	Doc    string             `json:"doc"`
}

// Methods returns the registry in a stable order: sgd adagrad adadelta
// rmsprop adam adamw adamax nadam radam rprop. The result is a fresh copy
// the caller may modify.
func Methods() []Method {
	out := make([]Method, len(methods))
	for i, m := range methods {
		m.Params = append([]Param(nil), m.Params...)
		out[i] = m
	}
	return out
}

// LookupMethod returns the method called name (exact, lower case; aliases
// are resolved by ParseSpec, not here).
func LookupMethod(name string) (Method, error) {
	for _, m := range methods {
		if m.Name == name {
			m.Params = append([]Param(nil), m.Params...)
			return m, nil
		}
	}
	return Method{}, unknownOptimizer(name)
}

// Aliases returns the shorthand names ParseSpec accepts besides the methods.
func Aliases() []Alias {
	out := make([]Alias, len(aliases))
	for i, a := range aliases {
		a.Values = cloneValues(a.Values)
		out[i] = a
	}
	return out
}

var aliases = []Alias{
	{Name: "gd", Method: "sgd", Values: map[string]float64{}, Doc: "plain gradient descent (sgd)"},
	{Name: "momentum", Method: "sgd", Values: map[string]float64{"momentum": 0.9}, Doc: "sgd with momentum=0.9"},
	{Name: "nesterov", Method: "sgd", Values: map[string]float64{"momentum": 0.9, "nesterov": 1}, Doc: "sgd with momentum=0.9, nesterov=true"},
}

func cloneValues(v map[string]float64) map[string]float64 {
	c := make(map[string]float64, len(v))
	for k, x := range v {
		c[k] = x
	}
	return c
}

var inf = math.Inf(1)

// Parameter constructors shared by several methods.

func lrParam(def float64) Param {
	return Param{Name: "lr", Default: def, Min: 0, Max: inf, Log: true, SliderMin: 1e-5, SliderMax: 10, Doc: "learning rate"}
}

func weightDecayParam(def float64, doc string) Param {
	return Param{Name: "weight_decay", Default: def, Min: 0, Max: inf, SliderMin: 0, SliderMax: 1, Doc: doc}
}

func epsParam(def float64) Param {
	return Param{Name: "eps", Default: def, Min: 0, Max: inf, Log: true, SliderMin: 1e-12, SliderMax: 1, Doc: "term added to the denominator for numerical stability"}
}

func betaParams() []Param {
	return []Param{
		{Name: "beta1", Default: 0.9, Min: 0, Max: 1, MaxOpen: true, SliderMin: 0, SliderMax: 0.999, Doc: "decay of the running average of gradients (betas[0])"},
		{Name: "beta2", Default: 0.999, Min: 0, Max: 1, MaxOpen: true, SliderMin: 0, SliderMax: 0.9999, Doc: "decay of the running average of squared gradients (betas[1])"},
	}
}

func boolParam(name, doc string) Param {
	return Param{Name: name, Min: 0, Max: 1, Bool: true, SliderMin: 0, SliderMax: 1, Doc: doc}
}

var maximizeParam = boolParam("maximize", "maximize the objective instead of minimizing it")

var decoupledParam = boolParam("decoupled_weight_decay", "decoupled weight decay: shrink x by lr*weight_decay instead of adding to the gradient")

func params(groups ...any) []Param {
	var out []Param
	for _, g := range groups {
		switch g := g.(type) {
		case Param:
			out = append(out, g)
		case []Param:
			out = append(out, g...)
		}
	}
	return out
}

func isTrue(v float64) bool { return v != 0 }

var methods = []Method{
	{
		Name: "sgd", Title: "SGD", Doc: "stochastic gradient descent, optionally with momentum (torch.optim.SGD)",
		Params: params(
			lrParam(1e-3),
			Param{Name: "momentum", Default: 0, Min: 0, Max: inf, SliderMin: 0, SliderMax: 0.999, Doc: "momentum factor"},
			Param{Name: "dampening", Default: 0, Min: -inf, Max: inf, SliderMin: 0, SliderMax: 1, Doc: "dampening for momentum"},
			weightDecayParam(0, "L2 penalty added to the gradient"),
			boolParam("nesterov", "use Nesterov momentum (needs momentum > 0 and dampening 0)"),
			maximizeParam,
		),
		check: func(v map[string]float64) error {
			if isTrue(v["nesterov"]) && (v["momentum"] <= 0 || v["dampening"] != 0) {
				return fmt.Errorf("optim: invalid nesterov: true (Nesterov momentum requires momentum > 0 and dampening = 0; momentum is %s, dampening %s)",
					strconv.FormatFloat(v["momentum"], 'g', -1, 64), strconv.FormatFloat(v["dampening"], 'g', -1, 64))
			}
			return nil
		},
		build: func(v map[string]float64) Optimizer {
			return &SGD{LR: v["lr"], Momentum: v["momentum"], Dampening: v["dampening"], WeightDecay: v["weight_decay"],
				Nesterov: isTrue(v["nesterov"]), Maximize: isTrue(v["maximize"])}
		},
	},
	{
		Name: "adagrad", Title: "Adagrad", Doc: "per-coordinate steps scaled by the summed squared gradients (torch.optim.Adagrad)",
		Params: params(
			lrParam(1e-2),
			Param{Name: "lr_decay", Default: 0, Min: 0, Max: inf, SliderMin: 0, SliderMax: 1, Doc: "learning-rate decay: lr / (1 + (t-1)*lr_decay)"},
			weightDecayParam(0, "L2 penalty added to the gradient"),
			Param{Name: "initial_accumulator_value", Default: 0, Min: 0, Max: inf, SliderMin: 0, SliderMax: 1, Doc: "starting value of the sum of squared gradients"},
			epsParam(1e-10),
			maximizeParam,
		),
		build: func(v map[string]float64) Optimizer {
			return &Adagrad{LR: v["lr"], LRDecay: v["lr_decay"], WeightDecay: v["weight_decay"],
				InitialAccumulatorValue: v["initial_accumulator_value"], Eps: v["eps"], Maximize: isTrue(v["maximize"])}
		},
	},
	{
		Name: "adadelta", Title: "Adadelta", Doc: "steps scaled by running averages of squared updates and gradients (torch.optim.Adadelta)",
		Params: params(
			Param{Name: "lr", Default: 1, Min: 0, Max: inf, Log: true, SliderMin: 1e-3, SliderMax: 100, Doc: "coefficient that scales the update"},
			Param{Name: "rho", Default: 0.9, Min: 0, Max: 1, SliderMin: 0, SliderMax: 0.999, Doc: "decay of the running averages"},
			epsParam(1e-6),
			weightDecayParam(0, "L2 penalty added to the gradient"),
			maximizeParam,
		),
		build: func(v map[string]float64) Optimizer {
			return &Adadelta{LR: v["lr"], Rho: v["rho"], Eps: v["eps"], WeightDecay: v["weight_decay"], Maximize: isTrue(v["maximize"])}
		},
	},
	{
		Name: "rmsprop", Title: "RMSprop", Doc: "steps divided by the root of a running average of squared gradients (torch.optim.RMSprop)",
		Params: params(
			lrParam(1e-2),
			Param{Name: "alpha", Default: 0.99, Min: 0, Max: inf, SliderMin: 0, SliderMax: 0.999, Doc: "smoothing constant of the running averages"},
			epsParam(1e-8),
			weightDecayParam(0, "L2 penalty added to the gradient"),
			Param{Name: "momentum", Default: 0, Min: 0, Max: inf, SliderMin: 0, SliderMax: 0.999, Doc: "momentum factor"},
			boolParam("centered", "normalize by the estimated variance of the gradient"),
			maximizeParam,
		),
		build: func(v map[string]float64) Optimizer {
			return &RMSprop{LR: v["lr"], Alpha: v["alpha"], Eps: v["eps"], WeightDecay: v["weight_decay"],
				Momentum: v["momentum"], Centered: isTrue(v["centered"]), Maximize: isTrue(v["maximize"])}
		},
	},
	{
		Name: "adam", Title: "Adam", Doc: "bias-corrected running averages of the gradient and its square (torch.optim.Adam)",
		Params: params(
			lrParam(1e-3), betaParams(), epsParam(1e-8),
			weightDecayParam(0, "L2 penalty added to the gradient (decoupled if decoupled_weight_decay)"),
			boolParam("amsgrad", "use the AMSGrad variant (maximum of the squared-gradient averages)"),
			maximizeParam, decoupledParam,
		),
		build: func(v map[string]float64) Optimizer {
			return &Adam{LR: v["lr"], Beta1: v["beta1"], Beta2: v["beta2"], Eps: v["eps"], WeightDecay: v["weight_decay"],
				AMSGrad: isTrue(v["amsgrad"]), Maximize: isTrue(v["maximize"]), Decoupled: isTrue(v["decoupled_weight_decay"])}
		},
	},
	{
		Name: "adamw", Title: "AdamW", Doc: "Adam with decoupled weight decay (torch.optim.AdamW)",
		Params: params(
			lrParam(1e-3), betaParams(), epsParam(1e-8),
			weightDecayParam(1e-2, "decoupled weight decay: x *= 1 - lr*weight_decay each step"),
			boolParam("amsgrad", "use the AMSGrad variant (maximum of the squared-gradient averages)"),
			maximizeParam,
		),
		build: func(v map[string]float64) Optimizer {
			return &Adam{LR: v["lr"], Beta1: v["beta1"], Beta2: v["beta2"], Eps: v["eps"], WeightDecay: v["weight_decay"],
				AMSGrad: isTrue(v["amsgrad"]), Maximize: isTrue(v["maximize"]), Decoupled: true}
		},
	},
	{
		Name: "adamax", Title: "Adamax", Doc: "Adam with the infinity norm (torch.optim.Adamax)",
		Params: params(
			lrParam(2e-3), betaParams(), epsParam(1e-8),
			weightDecayParam(0, "L2 penalty added to the gradient"),
			maximizeParam,
		),
		build: func(v map[string]float64) Optimizer {
			return &Adamax{LR: v["lr"], Beta1: v["beta1"], Beta2: v["beta2"], Eps: v["eps"], WeightDecay: v["weight_decay"], Maximize: isTrue(v["maximize"])}
		},
	},
	{
		Name: "nadam", Title: "NAdam", Doc: "Adam with Nesterov momentum (torch.optim.NAdam)",
		Params: params(
			lrParam(2e-3), betaParams(), epsParam(1e-8),
			weightDecayParam(0, "L2 penalty added to the gradient (decoupled if decoupled_weight_decay)"),
			Param{Name: "momentum_decay", Default: 4e-3, Min: 0, Max: inf, Log: true, SliderMin: 1e-4, SliderMax: 1, Doc: "momentum decay of the mu schedule"},
			decoupledParam, maximizeParam,
			boolParam("legacy_mu_product", "reproduce torch < 2.0, whose NAdam counted mu_t twice in mu_product_next"),
		),
		build: func(v map[string]float64) Optimizer {
			return &NAdam{LegacyMuProduct: isTrue(v["legacy_mu_product"]), LR: v["lr"], Beta1: v["beta1"], Beta2: v["beta2"], Eps: v["eps"], WeightDecay: v["weight_decay"],
				MomentumDecay: v["momentum_decay"], Decoupled: isTrue(v["decoupled_weight_decay"]), Maximize: isTrue(v["maximize"])}
		},
	},
	{
		Name: "radam", Title: "RAdam", Doc: "Adam with a rectified adaptive learning rate (torch.optim.RAdam)",
		Params: params(
			lrParam(1e-3), betaParams(), epsParam(1e-8),
			weightDecayParam(0, "L2 penalty added to the gradient (decoupled if decoupled_weight_decay)"),
			decoupledParam, maximizeParam,
		),
		build: func(v map[string]float64) Optimizer {
			return &RAdam{LR: v["lr"], Beta1: v["beta1"], Beta2: v["beta2"], Eps: v["eps"], WeightDecay: v["weight_decay"],
				Decoupled: isTrue(v["decoupled_weight_decay"]), Maximize: isTrue(v["maximize"])}
		},
	},
	{
		Name: "rprop", Title: "Rprop", Doc: "per-coordinate step sizes adapted to sign changes of the gradient (torch.optim.Rprop)",
		Params: params(
			Param{Name: "lr", Default: 1e-2, Min: 0, Max: inf, Log: true, SliderMin: 1e-5, SliderMax: 10, Doc: "initial step size"},
			Param{Name: "etaminus", Default: 0.5, Min: 0, Max: 1, MinOpen: true, MaxOpen: true, SliderMin: 0.01, SliderMax: 0.99, Doc: "step-size factor after a sign change (etas[0])"},
			Param{Name: "etaplus", Default: 1.2, Min: 1, Max: inf, MinOpen: true, SliderMin: 1.01, SliderMax: 3, Doc: "step-size factor while the sign holds (etas[1])"},
			Param{Name: "step_min", Default: 1e-6, Min: 0, Max: inf, Log: true, SliderMin: 1e-9, SliderMax: 1, Doc: "smallest step size (step_sizes[0])"},
			Param{Name: "step_max", Default: 50, Min: 0, Max: inf, Log: true, SliderMin: 1e-3, SliderMax: 1000, Doc: "largest step size (step_sizes[1])"},
			maximizeParam,
		),
		check: func(v map[string]float64) error {
			if v["step_min"] > v["step_max"] {
				return fmt.Errorf("optim: invalid step_min: %s (must be <= step_max, %s)",
					strconv.FormatFloat(v["step_min"], 'g', -1, 64), strconv.FormatFloat(v["step_max"], 'g', -1, 64))
			}
			return nil
		},
		build: func(v map[string]float64) Optimizer {
			return &Rprop{LR: v["lr"], EtaMinus: v["etaminus"], EtaPlus: v["etaplus"], StepMin: v["step_min"], StepMax: v["step_max"], Maximize: isTrue(v["maximize"])}
		},
	},
}
