package optim

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"descent/scene/suggest"
)

// Spec is an optimizer method with a value for each of its parameters, and
// the learning-rate schedulers that drive it. Booleans are 0 (false) or 1
// (true). ParseSpec fills every parameter; New and Validate fill missing ones
// with torch's defaults, so a caller may write
// Spec{Method: "adam", Values: map[string]float64{"lr": 0.1}}.
type Spec struct {
	Method string             // a method name from Methods (not an alias)
	Values map[string]float64 // parameter name to value
	// Schedulers are the learning-rate schedulers written after '+', built
	// in this order and stepped together once per step (see NewSchedule);
	// none means a constant learning rate.
	Schedulers []SchedulerSpec
}

// ParseSpec parses "NAME[:KEY=VALUE[,KEY=VALUE]...]", e.g.
// "adam:lr=0.1,beta1=0.8,amsgrad=true", optionally followed by
// learning-rate schedulers "+SCHEDULER[:KEY=VALUE,...]", e.g.
// "sgd:lr=0.1+linearlr:start_factor=0.1,total_iters=10+cosineannealinglr:T_max=200",
// and validates the result.
//
// NAME is a method or an alias (gd, momentum, nesterov); explicit keys
// override an alias's values. KEYs are torch's keywords with tuples split;
// the tuples themselves are accepted with a slash: betas=0.8/0.99,
// etas=0.5/1.2, step_sizes=1e-6/50. Booleans take true/false/1/0. Names and
// keys are case-insensitive; spaces around tokens are ignored.
//
// SCHEDULER is a torch.optim.lr_scheduler class name in lower case (see
// Schedulers), its KEYs torch's constructor arguments: lists are joined by
// ';' (multisteplr:milestones=30;60), strings are bare
// (onecyclelr:anneal_strategy=linear). A '+' right after '=', ';' or a
// number's 'e' is a sign, not a separator (lr=1e+3).
//
// Every error starts with "optim:" and names the offending token.
func ParseSpec(s string) (Spec, error) {
	parts := splitSchedulers(s)
	spec, err := parseOptimizer(parts[0])
	if err != nil {
		return Spec{}, err
	}
	for _, part := range parts[1:] {
		sc, err := parseScheduler(part, strings.TrimSpace(s))
		if err != nil {
			return Spec{}, err
		}
		spec.Schedulers = append(spec.Schedulers, sc)
	}
	if err := spec.Validate(); err != nil {
		return Spec{}, err
	}
	return spec, nil
}

// parseOptimizer parses the optimizer part of a spec, before any '+'.
func parseOptimizer(s string) (Spec, error) {
	text := strings.TrimSpace(s)
	if text == "" {
		return Spec{}, fmt.Errorf("optim: empty optimizer spec (want NAME[:KEY=VALUE,...], e.g. adam:lr=0.1)")
	}
	name, rest, hasParams := strings.Cut(text, ":")
	name = strings.ToLower(strings.TrimSpace(name))
	if name == "" {
		return Spec{}, fmt.Errorf("optim: missing optimizer name before ':' in %q", text)
	}
	m, preset, err := resolve(name)
	if err != nil {
		return Spec{}, err
	}
	spec := m.Defaults()
	for k, v := range preset {
		spec.Values[k] = v
	}
	if hasParams {
		if err := parseParams(m, text, rest, spec.Values); err != nil {
			return Spec{}, err
		}
	}
	return spec, nil
}

// resolve finds the method for a method name or alias, with the alias's
// preset values.
func resolve(name string) (Method, map[string]float64, error) {
	for _, m := range methods {
		if m.Name == name {
			return m, nil, nil
		}
	}
	for _, a := range aliases {
		if a.Name == name {
			m, err := LookupMethod(a.Method)
			return m, a.Values, err
		}
	}
	if _, err := LookupScheduler(name); err == nil {
		return Method{}, nil, fmt.Errorf("optim: %s is a learning-rate scheduler, not an optimizer: write it after one and '+', e.g. sgd:lr=0.1+%s", name, name)
	}
	return Method{}, nil, unknownOptimizer(name)
}

// tuples maps torch's tuple keywords to the split parameter names.
var tuples = map[string][2]string{
	"betas":      {"beta1", "beta2"},
	"etas":       {"etaminus", "etaplus"},
	"step_sizes": {"step_min", "step_max"},
}

// parseParams parses the KEY=VALUE list after the colon into values.
func parseParams(m Method, text, rest string, values map[string]float64) error {
	if strings.TrimSpace(rest) == "" {
		return fmt.Errorf("optim: nothing after ':' in %q (want KEY=VALUE, e.g. %s:lr=0.1)", text, m.Name)
	}
	items := strings.Split(rest, ",")
	seen := make(map[string]bool, len(items))
	for i, item := range items {
		item = strings.TrimSpace(item)
		if item == "" {
			if i == len(items)-1 {
				return fmt.Errorf("optim: trailing comma in %q", text)
			}
			return fmt.Errorf("optim: empty KEY=VALUE between commas in %q", text)
		}
		key, val, ok := strings.Cut(item, "=")
		if !ok {
			return fmt.Errorf("optim: missing '=' in %q (want KEY=VALUE)", item)
		}
		key = strings.ToLower(strings.TrimSpace(key))
		val = strings.TrimSpace(val)
		if key == "" {
			return fmt.Errorf("optim: missing key before '=' in %q", item)
		}
		if val == "" {
			return fmt.Errorf("optim: missing value for %s in %q", key, item)
		}
		keys, vals := []string{key}, []string{val}
		if pair, isTuple := tuples[key]; isTuple {
			if _, ok := m.Param(pair[0]); !ok {
				return unknownKey(m, key)
			}
			a, b, ok := strings.Cut(val, "/")
			if !ok || strings.Contains(b, "/") {
				return fmt.Errorf("optim: %s needs two values A/B, got %q", key, val)
			}
			keys = pair[:]
			vals = []string{strings.TrimSpace(a), strings.TrimSpace(b)}
		}
		for j, k := range keys {
			p, ok := m.Param(k)
			if !ok {
				return unknownKey(m, k)
			}
			if seen[k] {
				return fmt.Errorf("optim: duplicate key %s in %q", k, text)
			}
			seen[k] = true
			v, err := parseValue(p, vals[j])
			if err != nil {
				return err
			}
			values[k] = v
		}
	}
	return nil
}

// parseValue parses one value of p.
func parseValue(p Param, s string) (float64, error) {
	if p.Bool {
		switch strings.ToLower(s) {
		case "true", "1":
			return 1, nil
		case "false", "0":
			return 0, nil
		}
		return 0, fmt.Errorf("optim: bad value for %s: %q (want true, false, 1 or 0)", p.Name, s)
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		if ne, ok := err.(*strconv.NumError); ok && ne.Err == strconv.ErrRange {
			return 0, fmt.Errorf("optim: %s must be finite, got %q (out of float64 range)", p.Name, s)
		}
		return 0, fmt.Errorf("optim: bad number for %s: %q", p.Name, s)
	}
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, fmt.Errorf("optim: %s must be finite, got %q", p.Name, s)
	}
	return v, nil
}

// Validate checks the method name, that every key is a parameter of the
// method, and every value against torch's rules (and finiteness); then each
// scheduler the same way (see SchedulerSpec.Validate), and that the method
// has the momentum a scheduler cycles. Missing keys count as torch's
// defaults.
func (s Spec) Validate() error {
	_, _, _, err := s.complete()
	return err
}

// complete returns the method, a full copy of the values and complete
// copies of the schedulers, defaults filled, after validating them.
func (s Spec) complete() (Method, map[string]float64, []SchedulerSpec, error) {
	m, err := LookupMethod(s.Method)
	if err != nil {
		return Method{}, nil, nil, err
	}
	values := make(map[string]float64, len(m.Params))
	for k, v := range s.Values {
		if _, ok := m.Param(k); !ok {
			return Method{}, nil, nil, unknownKey(m, k)
		}
		values[k] = v
	}
	for _, p := range m.Params {
		v, ok := values[p.Name]
		if !ok {
			v = p.Default
			values[p.Name] = v
		}
		if err := p.Check(v); err != nil {
			return Method{}, nil, nil, err
		}
	}
	if m.check != nil {
		if err := m.check(values); err != nil {
			return Method{}, nil, nil, err
		}
	}
	var scheds []SchedulerSpec
	for _, sc := range s.Schedulers {
		c, err := sc.complete()
		if err != nil {
			return Method{}, nil, nil, err
		}
		if err := checkMomentum(c, m.Name); err != nil {
			return Method{}, nil, nil, err
		}
		scheds = append(scheds, c)
	}
	return m, values, scheds, nil
}

// Clone returns a deep copy of s: its values and schedulers may be edited
// without changing s (a settings panel changing one hyper-parameter keeps
// the rest, schedules included).
func (s Spec) Clone() Spec {
	c := Spec{Method: s.Method, Values: cloneValues(s.Values)}
	for _, sc := range s.Schedulers {
		c.Schedulers = append(c.Schedulers, sc.clone())
	}
	return c
}

// New validates s and returns a fresh optimizer for it. The schedulers of
// s, if any, are built for it by NewSchedule.
func New(s Spec) (Optimizer, error) {
	m, values, _, err := s.complete()
	if err != nil {
		return nil, err
	}
	return m.build(values), nil
}

// String returns the canonical text of s, which ParseSpec reads back to an
// equal Spec: the method name, then ":" and the non-default values in
// registry order (numbers in shortest round-trip form, booleans true/false),
// e.g. "adam:lr=0.1,amsgrad=true", then "+" and each scheduler's text (see
// SchedulerSpec.String). An all-default spec is just the name.
func (s Spec) String() string {
	text := s.optimizerString()
	for _, sc := range s.Schedulers {
		text += "+" + sc.String()
	}
	return text
}

// optimizerString is the optimizer's part of String.
func (s Spec) optimizerString() string {
	m, err := LookupMethod(s.Method)
	if err != nil {
		return s.Method
	}
	var b strings.Builder
	b.WriteString(m.Name)
	sep := ":"
	for _, p := range m.Params {
		v, ok := s.Values[p.Name]
		if !ok || v == p.Default {
			continue
		}
		b.WriteString(sep)
		b.WriteString(p.Name)
		b.WriteByte('=')
		b.WriteString(p.FormatValue(v))
		sep = ","
	}
	return b.String()
}

// Label returns a short human label for a legend: the method's title and
// its non-default values, booleans by name alone when true, e.g.
// "Adam lr=0.1 amsgrad" or "SGD momentum=0.9 nesterov", then " + " and each
// scheduler's label, e.g. "SGD lr=0.1 + CosineAnnealingLR T_max=100".
func (s Spec) Label() string {
	label := s.optimizerLabel()
	for _, sc := range s.Schedulers {
		label += " + " + sc.Label()
	}
	return label
}

// optimizerLabel is the optimizer's part of Label.
func (s Spec) optimizerLabel() string {
	m, err := LookupMethod(s.Method)
	if err != nil {
		return s.Method
	}
	parts := []string{m.Title}
	for _, p := range m.Params {
		v, ok := s.Values[p.Name]
		if !ok || v == p.Default {
			continue
		}
		if p.Bool && v != 0 {
			parts = append(parts, p.Name)
			continue
		}
		parts = append(parts, p.Name+"="+p.FormatValue(v))
	}
	return strings.Join(parts, " ")
}

// unknownOptimizer is the error for a name that is neither a method nor an
// alias, suggesting the nearest one.
func unknownOptimizer(name string) error {
	var names []string
	for _, m := range methods {
		names = append(names, m.Name)
	}
	for _, a := range aliases {
		names = append(names, a.Name)
	}
	if near := suggest.Nearest(name, names); near != "" {
		return fmt.Errorf("optim: unknown optimizer %q (did you mean %q?)", name, near)
	}
	return fmt.Errorf("optim: unknown optimizer %q (known: %s)", name, strings.Join(names, ", "))
}

// unknownKey is the error for a key the method does not have, listing the
// valid keys and suggesting the nearest one.
func unknownKey(m Method, key string) error {
	names := make([]string, len(m.Params))
	for i, p := range m.Params {
		names[i] = p.Name
	}
	hint := ""
	if near := suggest.Nearest(key, names); near != "" {
		hint = fmt.Sprintf("did you mean %q? ", near)
	}
	return fmt.Errorf("optim: unknown key %q for %s (%svalid keys: %s)", key, m.Name, hint, strings.Join(names, ", "))
}
