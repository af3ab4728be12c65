package optim

import (
	"encoding/json"
	"maps"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// TestSchedulerDefaults: every scheduler and parameter torch has, with
// torch's defaults (required arguments have none: a spec must give them).
func TestSchedulerDefaults(t *testing.T) {
	want := map[string]string{
		"steplr":                      "step_size=required gamma=0.1",
		"multisteplr":                 "milestones=required gamma=0.1",
		"exponentiallr":               "gamma=required",
		"cosineannealinglr":           "T_max=required eta_min=0",
		"cosineannealingwarmrestarts": "T_0=required T_mult=1 eta_min=0",
		"linearlr":                    "start_factor=0.3333333333333333 end_factor=1 total_iters=5",
		"constantlr":                  "factor=0.3333333333333333 total_iters=5",
		"polynomiallr":                "total_iters=5 power=1",
		"onecyclelr": "max_lr=required total_steps=None epochs=None steps_per_epoch=None pct_start=0.3 anneal_strategy=cos " +
			"cycle_momentum=true base_momentum=0.85 max_momentum=0.95 div_factor=25 final_div_factor=10000 three_phase=false",
		"cycliclr": "base_lr=required max_lr=required step_size_up=2000 step_size_down=None mode=triangular gamma=1 " +
			"scale_mode=cycle cycle_momentum=true base_momentum=0.8 max_momentum=0.9",
		"reducelronplateau": "mode=min factor=0.1 patience=10 threshold=0.0001 threshold_mode=rel cooldown=0 min_lr=0 eps=1e-08",
	}
	var names []string
	for _, sc := range Schedulers() {
		names = append(names, sc.Name)
		var parts []string
		for _, p := range sc.Params {
			v := p.DefaultText()
			switch {
			case p.Required:
				v = "required"
			case p.Optional:
				v = "None"
			}
			parts = append(parts, p.Name+"="+v)
		}
		if got := strings.Join(parts, " "); got != want[sc.Name] {
			t.Errorf("%s:\n got %s\nwant %s", sc.Name, got, want[sc.Name])
		}
		if sc.Title == "" || !strings.Contains(sc.Doc, "torch.optim.lr_scheduler."+sc.Title) {
			t.Errorf("%s: title %q, doc %q", sc.Name, sc.Title, sc.Doc)
		}
		for _, p := range sc.Params {
			if p.Doc == "" || (p.Kind == KindString) != (len(p.Choices) > 0) || (p.Kind == KindBool) != p.Bool {
				t.Errorf("%s.%s: incomplete description %+v", sc.Name, p.Name, p)
			}
			if p.Kind != KindString && p.Kind != KindList && !p.Required && !p.Optional {
				if err := p.Check(p.Default); err != nil {
					t.Errorf("%s.%s: default %v is invalid: %v", sc.Name, p.Name, p.Default, err)
				}
			}
		}
		// Defaults() is a runnable spec.
		if err := sc.Defaults().Validate(); err != nil {
			t.Errorf("%s: Defaults(): %v", sc.Name, err)
		}
	}
	if len(names) != len(want) {
		t.Errorf("schedulers %v, want %d", names, len(want))
	}
	// Schedulers returns a copy.
	all := Schedulers()
	all[0].Params[0].Name = "changed"
	all[1].Params[0].List[0] = -5
	if Schedulers()[0].Params[0].Name != "step_size" || Schedulers()[1].Params[0].List[0] != 30 {
		t.Error("Schedulers shares its slices with the registry")
	}
}

func TestParseSpecWithSchedulers(t *testing.T) {
	tests := []struct{ in, canonical, label string }{
		{"sgd:lr=0.1+steplr:step_size=30", "sgd:lr=0.1+steplr:step_size=30", "SGD lr=0.1 + StepLR step_size=30"},
		{" SGD : lr = 0.1 + StepLR : Step_Size = 30 , GAMMA = 0.5 ", "sgd:lr=0.1+steplr:step_size=30,gamma=0.5", "SGD lr=0.1 + StepLR step_size=30 gamma=0.5"},
		{"momentum:lr=0.01+multisteplr:milestones=30;60", "sgd:lr=0.01,momentum=0.9+multisteplr:milestones=30;60", "SGD lr=0.01 momentum=0.9 + MultiStepLR milestones=30;60"},
		{"sgd:lr=0.1,momentum=0.9+linearlr:start_factor=0.1,total_iters=10+cosineannealinglr:T_max=200",
			"sgd:lr=0.1,momentum=0.9+linearlr:start_factor=0.1,total_iters=10+cosineannealinglr:T_max=200",
			"SGD lr=0.1 momentum=0.9 + LinearLR start_factor=0.1 total_iters=10 + CosineAnnealingLR T_max=200"},
		{"adam+cosineannealinglr:t_max=50", "adam+cosineannealinglr:T_max=50", "Adam + CosineAnnealingLR T_max=50"},
		{"adam+linearlr", "adam+linearlr", "Adam + LinearLR"},
		{"adam+linearlr:total_iters=5", "adam+linearlr", "Adam + LinearLR"},
		{"adam:lr=0.1+onecyclelr:max_lr=0.5,total_steps=200,anneal_strategy=LINEAR,three_phase=true",
			"adam:lr=0.1+onecyclelr:max_lr=0.5,total_steps=200,anneal_strategy=linear,three_phase=true",
			"Adam lr=0.1 + OneCycleLR max_lr=0.5 total_steps=200 anneal_strategy=linear three_phase"},
		{"sgd+onecyclelr:max_lr=1,epochs=4,steps_per_epoch=25,cycle_momentum=false",
			"sgd+onecyclelr:max_lr=1,epochs=4,steps_per_epoch=25,cycle_momentum=false",
			"SGD + OneCycleLR max_lr=1 epochs=4 steps_per_epoch=25 cycle_momentum=false"},
		{"sgd+cycliclr:max_lr=0.01,base_lr=0.001,mode=exp_range,gamma=0.99,step_size_down=30",
			"sgd+cycliclr:base_lr=0.001,max_lr=0.01,step_size_down=30,mode=exp_range,gamma=0.99",
			"SGD + CyclicLR base_lr=0.001 max_lr=0.01 step_size_down=30 mode=exp_range gamma=0.99"},
		{"adam+reducelronplateau:patience=5,threshold_mode=abs,mode=max",
			"adam+reducelronplateau:mode=max,patience=5,threshold_mode=abs", "Adam + ReduceLROnPlateau mode=max patience=5 threshold_mode=abs"},
		{"adam:lr=1e+0+exponentiallr:gamma=+0.9", "adam:lr=1+exponentiallr:gamma=0.9", "Adam lr=1 + ExponentialLR gamma=0.9"},
		{"sgd:lr=1E+0 + steplr:step_size=+3", "sgd:lr=1+steplr:step_size=3", "SGD lr=1 + StepLR step_size=3"},
		{"sgd+multisteplr:milestones=+5;+10", "sgd+multisteplr:milestones=5;10", "SGD + MultiStepLR milestones=5;10"},
		{"adam+exponentiallr:gamma=0.9+exponentiallr:gamma=0.5", "adam+exponentiallr:gamma=0.9+exponentiallr:gamma=0.5", "Adam + ExponentialLR gamma=0.9 + ExponentialLR gamma=0.5"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			s, err := ParseSpec(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if got := s.String(); got != tt.canonical {
				t.Errorf("String %q, want %q", got, tt.canonical)
			}
			if got := s.Label(); got != tt.label {
				t.Errorf("Label %q, want %q", got, tt.label)
			}
			back, err := ParseSpec(s.String())
			if err != nil || !reflect.DeepEqual(back, s) {
				t.Errorf("String reads back as %+v (%v), want %+v", back, err, s)
			}
		})
	}
}

func TestParseSchedulerErrors(t *testing.T) {
	tests := []struct{ in, want string }{
		{"sgd+steplrr:step_size=3", `unknown scheduler "steplrr" (did you mean "steplr"?)`},
		{"sgd+cosine:T_max=3", `unknown scheduler "cosine" (did you mean "cosineannealinglr"?)`},
		{"sgd+warmup", `unknown scheduler "warmup" (known: steplr, multisteplr, exponentiallr, cosineannealinglr, cosineannealingwarmrestarts, linearlr, constantlr, polynomiallr, onecyclelr, cycliclr, reducelronplateau)`},
		{"steplr:step_size=3", `steplr is a learning-rate scheduler, not an optimizer: write it after one and '+', e.g. sgd:lr=0.1+steplr`},
		{"sgd+", `missing scheduler name after '+' in "sgd+"`},
		{"sgd++steplr:step_size=3", `missing scheduler name after '+'`},
		{"sgd+:gamma=2", `missing scheduler name before ':' in ":gamma=2"`},
		{"sgd+steplr", `steplr needs step_size (e.g. steplr:step_size=30)`},
		{"sgd+steplr:", `nothing after ':' in "steplr:" (want KEY=VALUE, e.g. steplr:step_size=30)`},
		{"sgd+steplr:step_size=3,", `trailing comma in "steplr:step_size=3,"`},
		{"sgd+steplr:step_size=3,,gamma=1", `empty KEY=VALUE between commas`},
		{"sgd+steplr:step_size", `missing '=' in "step_size" (want KEY=VALUE)`},
		{"sgd+steplr:=3", `missing key before '=' in "=3"`},
		{"sgd+steplr:step_size=", `missing value for step_size in "step_size="`},
		{"sgd+steplr:step_size=3,gama=0.5", `unknown key "gama" for steplr (did you mean "gamma"? valid keys: step_size, gamma)`},
		{"sgd+steplr:step_size=3,step_size=4", `duplicate key step_size in "steplr:step_size=3,step_size=4"`},
		{"sgd+steplr:step_size=3,gamma=-1", `optim: invalid gamma: -1 (must be > 0)`},
		{"sgd+steplr:step_size=3,gamma=abc", `bad number for gamma: "abc"`},
		{"sgd+steplr:step_size=2.5", `invalid step_size: 2.5 (must be a whole number >= 1)`},
		{"sgd+steplr:step_size=0", `invalid step_size: 0 (must be a whole number >= 1)`},
		{"sgd+steplr:step_size=inf", `step_size must be finite, got "inf"`},
		{"sgd+multisteplr:milestones=30;x", `bad number for milestones: "x"`},
		{"sgd+multisteplr:milestones=30;;60", `bad list for milestones: "30;;60" (want whole numbers joined by ';', e.g. milestones=30;80)`},
		{"sgd+multisteplr:milestones=30;-1", `invalid milestones: -1 (must be whole numbers >= 0 joined by ';')`},
		{"sgd+multisteplr:milestones=30.5", `invalid milestones: 30.5`},
		{"sgd+cosineannealinglr:T_max=0", `invalid T_max: 0 (must be a whole number >= 1)`},
		{"sgd+cosineannealinglr:T_max=10,eta_min=-0.1", `invalid eta_min: -0.1 (must be >= 0)`},
		{"sgd+cosineannealingwarmrestarts:T_0=10,T_mult=0", `invalid T_mult: 0 (must be a whole number >= 1)`},
		{"sgd+linearlr:start_factor=0", `invalid start_factor: 0 (must be in (0, 1])`},
		{"sgd+linearlr:end_factor=1.5", `invalid end_factor: 1.5 (must be in [0, 1])`},
		{"sgd+constantlr:factor=0", `invalid factor: 0 (must be in (0, 1])`},
		{"sgd+polynomiallr:power=-1", `invalid power: -1 (must be >= 0)`},
		{"sgd+onecyclelr:max_lr=1", `onecyclelr needs total_steps, or epochs and steps_per_epoch`},
		{"sgd+onecyclelr:max_lr=1,epochs=3", `onecyclelr needs total_steps, or epochs and steps_per_epoch`},
		{"sgd+onecyclelr:total_steps=10", `onecyclelr needs max_lr (e.g. onecyclelr:max_lr=0.1)`},
		{"sgd+onecyclelr:max_lr=1,total_steps=10,anneal_strategy=cosine", `bad value for anneal_strategy: "cosine" (want cos or linear; did you mean "cos"?)`},
		{"sgd+onecyclelr:max_lr=1,total_steps=10,pct_start=1.5", `invalid pct_start: 1.5 (must be in [0, 1])`},
		{"sgd+onecyclelr:max_lr=1,total_steps=10,pct_start=0.1", `invalid pct_start: 0.1 (phase 1 of onecyclelr would have no steps with total_steps 10: torch divides by zero)`},
		{"sgd+onecyclelr:max_lr=1,total_steps=10,three_phase=yes", `bad value for three_phase: "yes" (want true, false, 1 or 0)`},
		{"sgd+onecyclelr:max_lr=1,total_steps=0", `invalid total_steps: 0 (must be a whole number >= 1)`},
		{"adagrad+onecyclelr:max_lr=1,total_steps=10", `onecyclelr cycles the momentum, which adagrad does not have (neither momentum nor beta1): add cycle_momentum=false`},
		{"adam+cycliclr:base_lr=0.1,max_lr=1", `cycliclr cycles the momentum, which adam does not have (torch 1.13's CyclicLR cycles only sgd's and rmsprop's momentum, not beta1): add cycle_momentum=false`},
		{"sgd+cycliclr:base_lr=0.1", `cycliclr needs max_lr (e.g. cycliclr:base_lr=0.001,max_lr=0.01)`},
		{"sgd+cycliclr:base_lr=0.1,max_lr=1,mode=triangulr", `bad value for mode: "triangulr" (want triangular, triangular2 or exp_range; did you mean "triangular"?)`},
		{"sgd+cycliclr:base_lr=0.1,max_lr=1,mode=sawtooth", `bad value for mode: "sawtooth" (want triangular, triangular2 or exp_range)`},
		{"sgd+cycliclr:base_lr=0.1,max_lr=1,base_momentum=1", `invalid base_momentum: 1 (must be in [0, 1))`},
		{"sgd+reducelronplateau:factor=1", `invalid factor: 1 (must be in [0, 1))`},
		{"sgd+reducelronplateau:threshold_mode=relative", `bad value for threshold_mode: "relative" (want rel or abs; did you mean "rel"?)`},
		{"sgd+reducelronplateau:patience=-1", `invalid patience: -1 (must be a whole number >= 0)`},
		{"adma+steplr:step_size=3", `unknown optimizer "adma" (did you mean "adam"?)`},
		{"sgd:lr=-1+steplr:step_size=3", `invalid lr: -1 (must be >= 0)`},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			_, err := ParseSpec(tt.in)
			if err == nil {
				t.Fatalf("ParseSpec(%q) succeeded, want an error containing %q", tt.in, tt.want)
			}
			if !strings.HasPrefix(err.Error(), "optim: ") || strings.Contains(err.Error(), "\n") {
				t.Errorf("error %q is not one line starting with optim:", err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("ParseSpec(%q) = %q, want it to contain %q", tt.in, err, tt.want)
			}
		})
	}
}

// otherText returns a valid value of p, as spec text, that differs from
// its default.
func otherText(p SchedulerParam) string {
	switch p.Kind {
	case KindList:
		return "7;3;7"
	case KindString:
		return p.Choices[len(p.Choices)-1]
	case KindBool:
		if p.Default == 0 {
			return "true"
		}
		return "false"
	}
	v := p.SliderMin + (p.SliderMax-p.SliderMin)/3
	if p.Kind == KindInteger {
		v = float64(int(v) + 1)
	}
	return p.FormatValue(v)
}

// TestSchedulerSpecRoundTrip: for every scheduler and parameter, a spec
// with that parameter changed writes itself with String and reads back
// equal, and Set/Text agree.
func TestSchedulerSpecRoundTrip(t *testing.T) {
	for _, sc := range Schedulers() {
		method := "sgd"
		for _, p := range sc.Params {
			s := sc.Defaults()
			if sc.Name == "onecyclelr" && p.Name != "total_steps" {
				s.Values["total_steps"] = 100
			}
			text := otherText(p)
			if err := s.Set(p.Name, text); err != nil {
				t.Errorf("%s: Set(%s, %q): %v", sc.Name, p.Name, text, err)
				continue
			}
			if got, ok := s.Text(p.Name); !ok || got != text {
				t.Errorf("%s: Text(%s) = %q, %v; want %q", sc.Name, p.Name, got, ok, text)
			}
			if err := s.Validate(); err != nil {
				continue // e.g. epochs without steps_per_epoch
			}
			spec := Spec{Method: method, Values: map[string]float64{}, Schedulers: []SchedulerSpec{s}}
			back, err := ParseSpec(spec.String())
			if err != nil {
				t.Errorf("%s: ParseSpec(%q): %v", sc.Name, spec.String(), err)
				continue
			}
			got := back.Schedulers[0]
			want, _ := s.complete()
			if !maps.Equal(got.Values, want.Values) || !maps.Equal(got.Strings, want.Strings) ||
				!maps.EqualFunc(got.Lists, want.Lists, slices.Equal) {
				t.Errorf("%s: %q reads back as %+v, want %+v", sc.Name, spec.String(), got, want)
			}
			if !strings.Contains(spec.String(), p.Name+"="+text) {
				t.Errorf("%s: %q lacks %s=%s", sc.Name, spec.String(), p.Name, text)
			}
		}
	}
}

// TestSchedulerSpecSet: the panel's way in: text checked by kind and range,
// optional arguments removed by an empty text.
func TestSchedulerSpecSet(t *testing.T) {
	sc, err := LookupScheduler("onecyclelr")
	if err != nil {
		t.Fatal(err)
	}
	s := sc.Defaults()
	for _, c := range []struct{ key, text, err string }{
		{"total_steps", "300", ""},
		{"TOTAL_STEPS", "301", ""},
		{"anneal_strategy", "Linear", ""},
		{"three_phase", "1", ""},
		{"pct_start", "2", "optim: invalid pct_start: 2 (must be in [0, 1])"},
		{"total_steps", "1.5", "optim: invalid total_steps: 1.5 (must be a whole number >= 1)"},
		{"max_lr", "", "optim: missing value for max_lr"},
		{"anneal", "cos", `optim: unknown key "anneal" for onecyclelr (did you mean "anneal_strategy"?`},
	} {
		err := s.Set(c.key, c.text)
		if (err == nil) != (c.err == "") || (err != nil && !strings.HasPrefix(err.Error(), c.err)) {
			t.Errorf("Set(%s, %q) = %v, want %q", c.key, c.text, err, c.err)
		}
	}
	if got := s.String(); got != "onecyclelr:max_lr=0.1,total_steps=301,anneal_strategy=linear,three_phase=true" {
		t.Errorf("String %q", got)
	}
	if err := s.Set("total_steps", ""); err != nil || s.has("total_steps") {
		t.Errorf("clearing an optional argument: %v, still there: %v", err, s.has("total_steps"))
	}
	if err := s.Validate(); err == nil || !strings.Contains(err.Error(), "needs total_steps") {
		t.Errorf("Validate without a length: %v", err)
	}
	// A map key of the wrong kind or case is refused by Validate.
	bad := SchedulerSpec{Name: "steplr", Values: map[string]float64{"step_size": 3}, Strings: map[string]string{"gamma": "x"}}
	if err := bad.Validate(); err == nil || !strings.Contains(err.Error(), `steplr's gamma is a number`) {
		t.Errorf("a number kept as a string: %v", err)
	}
	if _, err := LookupScheduler("nope"); err == nil || !strings.Contains(err.Error(), `unknown scheduler "nope"`) {
		t.Errorf("LookupScheduler: %v", err)
	}
}

// TestSchedulerJSON: the registry encodes with each parameter's kind, for
// `descent list schedulers -format json` and web panels.
func TestSchedulerJSON(t *testing.T) {
	b, err := json.Marshal(Schedulers())
	if err != nil {
		t.Fatal(err)
	}
	var back []struct {
		Name   string `json:"name"`
		Params []struct {
			Name     string    `json:"name"`
			Kind     string    `json:"kind"`
			Required bool      `json:"required"`
			Choices  []string  `json:"choices"`
			List     []float64 `json:"list"`
			Default  float64   `json:"default"`
			Min      *float64  `json:"min"`
		} `json:"params"`
	}
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if len(back) != 11 || back[1].Name != "multisteplr" {
		t.Fatalf("decoded %d schedulers", len(back))
	}
	ms := back[1].Params[0]
	if ms.Name != "milestones" || ms.Kind != "list" || !ms.Required || !slices.Equal(ms.List, []float64{30, 80}) || ms.Min == nil || *ms.Min != 0 {
		t.Errorf("milestones encoded as %+v", ms)
	}
	mode := back[9].Params[4]
	if mode.Name != "mode" || mode.Kind != "string" || !slices.Equal(mode.Choices, []string{"triangular", "triangular2", "exp_range"}) {
		t.Errorf("cycliclr mode encoded as %+v", mode)
	}
	if g := back[0].Params[1]; g.Name != "gamma" || g.Kind != "number" || g.Default != 0.1 {
		t.Errorf("steplr gamma encoded as %+v", g)
	}
}

// TestSpecClone: a clone's values, lists and strings are its own.
func TestSpecClone(t *testing.T) {
	s, err := ParseSpec("sgd:lr=0.1+multisteplr:milestones=30;60+reducelronplateau:mode=max")
	if err != nil {
		t.Fatal(err)
	}
	text := s.String()
	c := s.Clone()
	if !reflect.DeepEqual(c, s) {
		t.Fatalf("clone %+v differs from %+v", c, s)
	}
	c.Values["lr"] = 0.5
	c.Schedulers[0].Lists["milestones"][0] = 10
	c.Schedulers[1].Strings["mode"] = "min"
	c.Schedulers = append(c.Schedulers, SchedulerSpec{Name: "steplr"})
	if s.String() != text {
		t.Errorf("editing the clone changed the original: %q, was %q", s.String(), text)
	}
	if got := c.String(); !strings.HasPrefix(got, "sgd:lr=0.5+multisteplr:milestones=10;60+reducelronplateau+steplr") {
		t.Errorf("clone after edits %q", got)
	}
}
