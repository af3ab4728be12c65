package optim

import (
	"encoding/json"
	"maps"
	"math"
	"strings"
	"testing"
)

func TestParseSpec(t *testing.T) {
	tests := []struct {
		in     string
		method string
		want   map[string]float64 // values that differ from the defaults
	}{
		{"adam", "adam", nil},
		{"Adam", "adam", nil},
		{"  adam : lr = 0.1 , beta1=0.8 ", "adam", map[string]float64{"lr": 0.1, "beta1": 0.8}},
		{"adam:lr=0.1,beta1=0.8,amsgrad=true", "adam", map[string]float64{"lr": 0.1, "beta1": 0.8, "amsgrad": 1}},
		{"adam:amsgrad=1", "adam", map[string]float64{"amsgrad": 1}},
		{"adam:amsgrad=FALSE", "adam", nil},
		{"adam:betas=0.8/0.99", "adam", map[string]float64{"beta1": 0.8, "beta2": 0.99}},
		{"adam:lr=1e-2,eps=0", "adam", map[string]float64{"lr": 0.01, "eps": 0}},
		{"adamw", "adamw", nil},
		{"adamw:weight_decay=0", "adamw", map[string]float64{"weight_decay": 0}},
		{"rprop:etas=0.4/1.5,step_sizes=1e-5/10", "rprop", map[string]float64{"etaminus": 0.4, "etaplus": 1.5, "step_min": 1e-5, "step_max": 10}},
		{"gd", "sgd", nil},
		{"gd:lr=0.1", "sgd", map[string]float64{"lr": 0.1}},
		{"momentum", "sgd", map[string]float64{"momentum": 0.9}},
		{"momentum:momentum=0.5", "sgd", map[string]float64{"momentum": 0.5}},
		{"nesterov", "sgd", map[string]float64{"momentum": 0.9, "nesterov": 1}},
		{"nesterov:lr=0.01,momentum=0.2", "sgd", map[string]float64{"lr": 0.01, "momentum": 0.2, "nesterov": 1}},
		{"sgd:nesterov=true,momentum=0.9", "sgd", map[string]float64{"momentum": 0.9, "nesterov": 1}},
		{"sgd:lr=0", "sgd", map[string]float64{"lr": 0}},
		{"sgd:dampening=0.5,momentum=0.9", "sgd", map[string]float64{"dampening": 0.5, "momentum": 0.9}},
		{"rmsprop:centered=true,momentum=0.5", "rmsprop", map[string]float64{"centered": 1, "momentum": 0.5}},
		{"nadam:momentum_decay=0.01,decoupled_weight_decay=true,weight_decay=0.1", "nadam", map[string]float64{"momentum_decay": 0.01, "decoupled_weight_decay": 1, "weight_decay": 0.1}},
		{"adadelta:rho=1", "adadelta", map[string]float64{"rho": 1}},
		{"adagrad:initial_accumulator_value=0.1,lr_decay=0.01", "adagrad", map[string]float64{"initial_accumulator_value": 0.1, "lr_decay": 0.01}},
		{"radam:maximize=true", "radam", map[string]float64{"maximize": 1}},
		{"adamax:LR=0.5", "adamax", map[string]float64{"lr": 0.5}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseSpec(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			m, err := LookupMethod(tt.method)
			if err != nil {
				t.Fatal(err)
			}
			want := m.Defaults()
			maps.Copy(want.Values, tt.want)
			if got.Method != want.Method || !maps.Equal(got.Values, want.Values) {
				t.Errorf("got %v %v, want %v %v", got.Method, got.Values, want.Method, want.Values)
			}
		})
	}
}

func TestParseSpecErrors(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", "empty optimizer spec"},
		{"   ", "empty optimizer spec"},
		{"adma", `unknown optimizer "adma" (did you mean "adam"?)`},
		{"sdg:lr=0.1", `unknown optimizer "sdg" (did you mean "sgd"?)`},
		{"xyzzy", `unknown optimizer "xyzzy" (known: sgd, adagrad, adadelta, rmsprop, adam, adamw, adamax, nadam, radam, rprop, gd, momentum, nesterov)`},
		{":lr=1", "missing optimizer name"},
		{"adam:", `nothing after ':' in "adam:"`},
		{"adam:lr", `missing '=' in "lr"`},
		{"adam:=0.1", `missing key before '=' in "=0.1"`},
		{"adam:lr=", `missing value for lr`},
		{"adam:lr=abc", `bad number for lr: "abc"`},
		{"adam:lr=0x", `bad number for lr: "0x"`},
		{"adam:lr=0.1;eps=1", `bad number for lr: "0.1;eps=1"`},
		{"adam:lr=1e-3:eps=1", `bad number for lr: "1e-3:eps=1"`},
		{"adam:lr=nan", `lr must be finite, got "nan"`},
		{"adam:lr=inf", `lr must be finite, got "inf"`},
		{"adam:eps=-Inf", `eps must be finite, got "-Inf"`},
		{"adam:lr=1e999", `lr must be finite, got "1e999"`},
		{"adam:lr=0.1,lr=0.2", `duplicate key lr`},
		{"adam:betas=0.8/0.9,beta1=0.7", `duplicate key beta1`},
		{"adam:lr=-1", `invalid lr: -1 (must be >= 0)`},
		{"adam:beta1=1", `invalid beta1: 1 (must be in [0, 1))`},
		{"adam:beta2=-0.1", `invalid beta2: -0.1 (must be in [0, 1))`},
		{"adam:eps=-1e-08", `invalid eps: -1e-08 (must be >= 0)`},
		{"adam:weight_decay=-0.1", `invalid weight_decay: -0.1 (must be >= 0)`},
		{"adam:lr=0.1,", `trailing comma in "adam:lr=0.1,"`},
		{"adam:lr=0.1,,eps=1", `empty KEY=VALUE between commas`},
		{"adam:momentum=0.9", `unknown key "momentum" for adam (valid keys: lr, beta1, beta2, eps, weight_decay, amsgrad, maximize, decoupled_weight_decay)`},
		{"adam:bta1=0.9", `unknown key "bta1" for adam (did you mean "beta1"?`},
		{"sgd:betas=0.9/0.99", `unknown key "betas" for sgd`},
		{"adam:betas=0.9", `betas needs two values A/B, got "0.9"`},
		{"adam:betas=0.9/0.99/0.1", `betas needs two values A/B`},
		{"adam:betas=0.9/x", `bad number for beta2: "x"`},
		{"adam:amsgrad=yes", `bad value for amsgrad: "yes" (want true, false, 1 or 0)`},
		{"adam:amsgrad=2", `bad value for amsgrad: "2"`},
		{"sgd:nesterov=true", `invalid nesterov: true (Nesterov momentum requires momentum > 0 and dampening = 0`},
		{"nesterov:dampening=0.1", `invalid nesterov: true`},
		{"nesterov:momentum=0", `invalid nesterov: true`},
		{"sgd:momentum=-0.1", `invalid momentum: -0.1 (must be >= 0)`},
		{"adagrad:lr_decay=-1", `invalid lr_decay: -1`},
		{"adagrad:initial_accumulator_value=-1", `invalid initial_accumulator_value: -1`},
		{"adadelta:rho=1.5", `invalid rho: 1.5 (must be in [0, 1])`},
		{"rmsprop:alpha=-0.5", `invalid alpha: -0.5 (must be >= 0)`},
		{"nadam:momentum_decay=-1", `invalid momentum_decay: -1 (must be >= 0)`},
		{"rprop:etaminus=1", `invalid etaminus: 1 (must be in (0, 1))`},
		{"rprop:etaminus=0", `invalid etaminus: 0 (must be in (0, 1))`},
		{"rprop:etaplus=1", `invalid etaplus: 1 (must be > 1)`},
		{"rprop:step_sizes=1/0.5", `invalid step_min: 1 (must be <= step_max, 0.5)`},
		{"rprop:step_min=-1", `invalid step_min: -1 (must be >= 0)`},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			_, err := ParseSpec(tt.in)
			if err == nil {
				t.Fatalf("ParseSpec(%q) succeeded, want an error containing %q", tt.in, tt.want)
			}
			if !strings.HasPrefix(err.Error(), "optim: ") {
				t.Errorf("error %q lacks the optim: prefix", err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("ParseSpec(%q) = %q, want it to contain %q", tt.in, err, tt.want)
			}
		})
	}
}

// otherValue returns a valid value of p different from its default.
func otherValue(p Param) float64 {
	if p.Bool {
		return 1 - p.Default
	}
	v := (p.SliderMin + p.SliderMax) / 3
	if v == p.Default {
		v = p.SliderMin + (p.SliderMax-p.SliderMin)/7
	}
	return v
}

// TestSpecRoundTrip checks, for every method, that String reads back through
// ParseSpec to an equal Spec: all defaults, each parameter changed alone, and
// every parameter changed at once (where that combination is valid).
func TestSpecRoundTrip(t *testing.T) {
	for _, m := range Methods() {
		specs := []Spec{m.Defaults()}
		all := m.Defaults()
		for _, p := range m.Params {
			s := m.Defaults()
			s.Values[p.Name] = otherValue(p)
			all.Values[p.Name] = otherValue(p)
			specs = append(specs, s)
		}
		specs = append(specs, all)
		// Values with long shortest forms.
		s := m.Defaults()
		s.Values["lr"] = 0.1 + 0.2
		specs = append(specs, s)
		tested := 0
		for _, s := range specs {
			if s.Validate() != nil {
				continue // e.g. sgd with nesterov but no momentum
			}
			text := s.String()
			back, err := ParseSpec(text)
			if err != nil {
				t.Errorf("%s: ParseSpec(%q): %v", m.Name, text, err)
				continue
			}
			if back.Method != s.Method || !maps.Equal(back.Values, s.Values) {
				t.Errorf("%s: %q reads back as %v, want %v", m.Name, text, back.Values, s.Values)
			}
			if back.String() != text {
				t.Errorf("%s: String not stable: %q then %q", m.Name, text, back.String())
			}
			// Only non-default keys appear.
			for _, p := range m.Params {
				has := strings.Contains(text, ":"+p.Name+"=") || strings.Contains(text, ","+p.Name+"=")
				if has != (s.Values[p.Name] != p.Default) {
					t.Errorf("%s: %q: key %s present=%v, value %v default %v", m.Name, text, p.Name, has, s.Values[p.Name], p.Default)
				}
			}
			tested++
		}
		if tested < len(m.Params) {
			t.Errorf("%s: only %d specs were valid to round-trip", m.Name, tested)
		}
	}
}

func TestSpecString(t *testing.T) {
	tests := []struct{ in, want, label string }{
		{"adam", "adam", "Adam"},
		{"adam:lr=0.001", "adam", "Adam"},
		{"adam:amsgrad=true,lr=0.1", "adam:lr=0.1,amsgrad=true", "Adam lr=0.1 amsgrad"},
		{"adam:betas=0.8/0.999", "adam:beta1=0.8", "Adam beta1=0.8"},
		{"momentum", "sgd:momentum=0.9", "SGD momentum=0.9"},
		{"nesterov", "sgd:momentum=0.9,nesterov=true", "SGD momentum=0.9 nesterov"},
		{"gd:lr=0.1", "sgd:lr=0.1", "SGD lr=0.1"},
		{"adamw:weight_decay=0", "adamw:weight_decay=0", "AdamW weight_decay=0"},
		{"rprop:step_sizes=1e-7/50", "rprop:step_min=1e-07", "Rprop step_min=1e-07"},
		{"rmsprop:lr=3e-4,eps=1e-10", "rmsprop:lr=0.0003,eps=1e-10", "RMSprop lr=0.0003 eps=1e-10"},
		{"sgd:lr=0.30000000000000004", "sgd:lr=0.30000000000000004", "SGD lr=0.30000000000000004"},
	}
	for _, tt := range tests {
		s, err := ParseSpec(tt.in)
		if err != nil {
			t.Fatalf("%q: %v", tt.in, err)
		}
		if got := s.String(); got != tt.want {
			t.Errorf("ParseSpec(%q).String() = %q, want %q", tt.in, got, tt.want)
		}
		if got := s.Label(); got != tt.label {
			t.Errorf("ParseSpec(%q).Label() = %q, want %q", tt.in, got, tt.label)
		}
	}
}

func TestNewFromPartialSpec(t *testing.T) {
	opt, err := New(Spec{Method: "adam", Values: map[string]float64{"lr": 0.1}})
	if err != nil {
		t.Fatal(err)
	}
	a, ok := opt.(*Adam)
	if !ok {
		t.Fatalf("New(adam) is %T, want *Adam", opt)
	}
	if a.LR != 0.1 || a.Beta1 != 0.9 || a.Beta2 != 0.999 || a.Eps != 1e-8 || a.AMSGrad || a.Decoupled {
		t.Errorf("New(adam lr=0.1) = %+v, want torch's defaults besides lr", a)
	}
	opt, err = New(Spec{Method: "adamw"})
	if err != nil {
		t.Fatal(err)
	}
	if w := opt.(*Adam); !w.Decoupled || w.WeightDecay != 0.01 {
		t.Errorf("New(adamw) = %+v, want decoupled weight decay 0.01", w)
	}

	bad := []struct {
		spec Spec
		want string
	}{
		{Spec{Method: "adma"}, `unknown optimizer "adma"`},
		{Spec{Method: "momentum"}, `unknown optimizer "momentum"`}, // aliases are for ParseSpec
		{Spec{Method: "adam", Values: map[string]float64{"momentum": 0.9}}, `unknown key "momentum" for adam`},
		{Spec{Method: "adam", Values: map[string]float64{"lr": math.NaN()}}, `invalid lr: NaN`},
		{Spec{Method: "adam", Values: map[string]float64{"lr": math.Inf(1)}}, `invalid lr: +Inf`},
		{Spec{Method: "adam", Values: map[string]float64{"amsgrad": 0.5}}, `invalid amsgrad: 0.5 (must be true or false)`},
		{Spec{Method: "sgd", Values: map[string]float64{"nesterov": 1}}, `invalid nesterov`},
		{Spec{Method: "sgd", Values: map[string]float64{"dampening": math.NaN()}}, `invalid dampening: NaN (must be a finite number)`},
	}
	for _, b := range bad {
		if _, err := New(b.spec); err == nil || !strings.Contains(err.Error(), b.want) || !strings.HasPrefix(err.Error(), "optim: ") {
			t.Errorf("New(%+v) = %v, want an error containing %q", b.spec, err, b.want)
		}
	}
}

func TestRegistry(t *testing.T) {
	want := []string{"sgd", "adagrad", "adadelta", "rmsprop", "adam", "adamw", "adamax", "nadam", "radam", "rprop"}
	ms := Methods()
	if len(ms) != len(want) {
		t.Fatalf("%d methods, want %d", len(ms), len(want))
	}
	torchLR := map[string]float64{"sgd": 1e-3, "adagrad": 1e-2, "adadelta": 1, "rmsprop": 1e-2, "adam": 1e-3,
		"adamw": 1e-3, "adamax": 2e-3, "nadam": 2e-3, "radam": 1e-3, "rprop": 1e-2}
	for i, m := range ms {
		if m.Name != want[i] {
			t.Errorf("method %d is %s, want %s", i, m.Name, want[i])
		}
		if m.Title == "" || m.Doc == "" {
			t.Errorf("%s: missing title or doc", m.Name)
		}
		if got, err := LookupMethod(m.Name); err != nil || got.Name != m.Name {
			t.Errorf("LookupMethod(%s) = %v, %v", m.Name, got.Name, err)
		}
		if p, ok := m.Param("lr"); !ok || p.Default != torchLR[m.Name] || m.Params[0].Name != "lr" {
			t.Errorf("%s: lr is not the first parameter with torch's default %g", m.Name, torchLR[m.Name])
		}
		seen := map[string]bool{}
		for _, p := range m.Params {
			if seen[p.Name] {
				t.Errorf("%s: duplicate parameter %s", m.Name, p.Name)
			}
			seen[p.Name] = true
			if p.Doc == "" {
				t.Errorf("%s.%s: no doc", m.Name, p.Name)
			}
			if err := p.Check(p.Default); err != nil {
				t.Errorf("%s: default invalid: %v", m.Name, err)
			}
			if !p.Bool {
				for _, v := range []float64{p.SliderMin, p.SliderMax} {
					if err := p.Check(v); err != nil {
						t.Errorf("%s: slider end invalid: %v", m.Name, err)
					}
				}
				if !(p.SliderMin < p.SliderMax) || p.Default < p.SliderMin || p.Default > p.SliderMax {
					t.Errorf("%s.%s: slider [%g, %g] does not hold the default %g", m.Name, p.Name, p.SliderMin, p.SliderMax, p.Default)
				}
				if p.Log && p.SliderMin <= 0 {
					t.Errorf("%s.%s: log slider must start above 0", m.Name, p.Name)
				}
			}
		}
		if err := m.Defaults().Validate(); err != nil {
			t.Errorf("%s: defaults invalid: %v", m.Name, err)
		}
	}
	// Methods returns a copy.
	ms[0].Params[0].Default = 42
	if Methods()[0].Params[0].Default == 42 {
		t.Error("Methods shares its storage with the registry")
	}
	if _, err := LookupMethod("gd"); err == nil {
		t.Error("LookupMethod(gd) succeeded; aliases are ParseSpec's")
	}
	for _, a := range Aliases() {
		s, err := ParseSpec(a.Name)
		if err != nil || s.Method != a.Method {
			t.Errorf("alias %s: %v %v", a.Name, s, err)
		}
		for k, v := range a.Values {
			if s.Values[k] != v {
				t.Errorf("alias %s: %s = %v, want %v", a.Name, k, s.Values[k], v)
			}
		}
	}
	// The registry encodes as JSON (unbounded maxima become null).
	b, err := json.Marshal(Methods())
	if err != nil {
		t.Fatal(err)
	}
	var back []struct {
		Name   string
		Params []struct {
			Name    string
			Default float64
			Max     *float64
		}
	}
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if back[4].Name != "adam" || back[4].Params[1].Name != "beta1" || back[4].Params[1].Max == nil || *back[4].Params[1].Max != 1 || back[4].Params[0].Max != nil {
		t.Errorf("JSON of adam: %s", b)
	}
}
