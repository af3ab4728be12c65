package optim

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

// SchedulerSpec is a learning-rate scheduler with its arguments, keyed by
// torch's names (T_max keeps its capital). Each argument lives in the map
// of its kind. A parsed or completed spec holds every argument that has a
// default; an optional argument (torch default None) is present only when
// given.
type SchedulerSpec struct {
	Name    string               // a scheduler name from Schedulers()
	Values  map[string]float64   // numbers, integers and booleans (0 or 1)
	Lists   map[string][]float64 // lists of whole numbers (milestones)
	Strings map[string]string    // words from the parameter's Choices
}

// setDefault sets p to its default (or starting value).
func (s *SchedulerSpec) setDefault(p SchedulerParam) {
	switch p.Kind {
	case KindList:
		s.setList(p.Name, slices.Clone(p.List))
	case KindString:
		s.setString(p.Name, p.Choices[0])
	default:
		s.setValue(p.Name, p.Default)
	}
}

func (s *SchedulerSpec) setValue(name string, v float64) {
	if s.Values == nil {
		s.Values = map[string]float64{}
	}
	s.Values[name] = v
}

func (s *SchedulerSpec) setList(name string, v []float64) {
	if s.Lists == nil {
		s.Lists = map[string][]float64{}
	}
	s.Lists[name] = v
}

func (s *SchedulerSpec) setString(name, v string) {
	if s.Strings == nil {
		s.Strings = map[string]string{}
	}
	s.Strings[name] = v
}

// has reports whether the argument called name is given.
func (s SchedulerSpec) has(name string) bool {
	_, v := s.Values[name]
	_, l := s.Lists[name]
	_, w := s.Strings[name]
	return v || l || w
}

// Text returns the argument called name as spec text ("0.5", "true",
// "30;60", "cos"), and false when it is not given.
func (s SchedulerSpec) Text(name string) (string, bool) {
	sc, err := LookupScheduler(s.Name)
	if err != nil {
		return "", false
	}
	p, ok := sc.Param(name)
	if !ok {
		return "", false
	}
	switch p.Kind {
	case KindList:
		l, ok := s.Lists[p.Name]
		return formatList(l), ok
	case KindString:
		w, ok := s.Strings[p.Name]
		return w, ok
	}
	v, ok := s.Values[p.Name]
	return p.FormatValue(v), ok
}

// Set parses text as the value of the argument called name (a torch name,
// case-insensitive) and sets it, after checking it against the
// parameter's kind and range; an empty text removes an optional argument.
// Relations between arguments are checked by Validate.
func (s *SchedulerSpec) Set(name, text string) error {
	sc, err := LookupScheduler(s.Name)
	if err != nil {
		return err
	}
	p, ok := sc.Param(name)
	if !ok {
		return unknownSchedulerKey(sc, name)
	}
	text = strings.TrimSpace(text)
	if text == "" && p.Optional {
		delete(s.Values, p.Name)
		return nil
	}
	if text == "" {
		return fmt.Errorf("optim: missing value for %s", p.Name)
	}
	switch p.Kind {
	case KindList:
		l, err := parseList(p, text)
		if err != nil {
			return err
		}
		s.setList(p.Name, l)
	case KindString:
		w, err := parseChoice(p, text)
		if err != nil {
			return err
		}
		s.setString(p.Name, w)
	default:
		v, err := parseValue(p.Param, text)
		if err != nil {
			return err
		}
		if err := p.Check(v); err != nil {
			return err
		}
		s.setValue(p.Name, v)
	}
	return nil
}

// Validate checks the scheduler name, that every argument is one of its
// parameters with a value of the right kind and range, that the required
// ones are given, and the relations torch checks between them. Missing
// arguments count as torch's defaults.
func (s SchedulerSpec) Validate() error {
	_, err := s.complete()
	return err
}

// complete returns a validated copy of s with the defaults filled.
func (s SchedulerSpec) complete() (SchedulerSpec, error) {
	sc, err := LookupScheduler(s.Name)
	if err != nil {
		return SchedulerSpec{}, err
	}
	c := SchedulerSpec{Name: sc.Name}
	for k := range s.Values {
		if p, ok := sc.Param(k); !ok || p.Name != k || (p.Kind != KindNumber && p.Kind != KindInteger && p.Kind != KindBool) {
			return SchedulerSpec{}, wrongKey(sc, k, ok)
		}
	}
	for k := range s.Lists {
		if p, ok := sc.Param(k); !ok || p.Name != k || p.Kind != KindList {
			return SchedulerSpec{}, wrongKey(sc, k, ok)
		}
	}
	for k := range s.Strings {
		if p, ok := sc.Param(k); !ok || p.Name != k || p.Kind != KindString {
			return SchedulerSpec{}, wrongKey(sc, k, ok)
		}
	}
	for _, p := range sc.Params {
		switch {
		case !s.has(p.Name) && p.Required:
			return SchedulerSpec{}, fmt.Errorf("optim: %s needs %s (e.g. %s)", sc.Name, p.Name, example(sc))
		case !s.has(p.Name) && p.Optional:
		case !s.has(p.Name):
			c.setDefault(p)
		case p.Kind == KindList:
			l := s.Lists[p.Name]
			if len(l) == 0 {
				return SchedulerSpec{}, fmt.Errorf("optim: %s needs at least one number (e.g. %s=%s)", p.Name, p.Name, p.DefaultText())
			}
			for _, v := range l {
				if err := p.Check(v); err != nil {
					return SchedulerSpec{}, err
				}
			}
			c.setList(p.Name, slices.Clone(l))
		case p.Kind == KindString:
			if !slices.Contains(p.Choices, s.Strings[p.Name]) {
				return SchedulerSpec{}, fmt.Errorf("optim: bad value for %s: %q (want %s)", p.Name, s.Strings[p.Name], orList(p.Choices))
			}
			c.setString(p.Name, s.Strings[p.Name])
		default:
			if err := p.Check(s.Values[p.Name]); err != nil {
				return SchedulerSpec{}, err
			}
			c.setValue(p.Name, s.Values[p.Name])
		}
	}
	if sc.check != nil {
		if err := sc.check(c); err != nil {
			return SchedulerSpec{}, err
		}
	}
	return c, nil
}

// wrongKey is the error for a map key that is not a parameter of sc of the
// map's kind (known says whether sc has it under some kind or case).
func wrongKey(sc Scheduler, key string, known bool) error {
	if !known {
		return unknownSchedulerKey(sc, key)
	}
	p, _ := sc.Param(key)
	return fmt.Errorf("optim: %s's %s is a %s, kept as %q", sc.Name, key, p.Kind, p.Name)
}

// String returns the canonical text of s, which ParseSpec reads back (after
// an optimizer and '+') to an equal spec: the name, then ":" and, in
// registry order, the required and given optional arguments and every other
// one that differs from its default, e.g. "cosineannealinglr:T_max=100".
func (s SchedulerSpec) String() string {
	sc, err := LookupScheduler(s.Name)
	if err != nil {
		return s.Name
	}
	var b strings.Builder
	b.WriteString(sc.Name)
	sep := ":"
	for _, p := range sc.Params {
		text, ok := s.Text(p.Name)
		if !ok || (!p.Required && !p.Optional && text == p.DefaultText()) {
			continue
		}
		b.WriteString(sep + p.Name + "=" + text)
		sep = ","
	}
	return b.String()
}

// Label returns a short human label: the class name and the arguments of
// String, booleans by name alone when true, e.g. "CosineAnnealingLR
// T_max=100" or "OneCycleLR max_lr=0.5 total_steps=200 three_phase".
func (s SchedulerSpec) Label() string {
	sc, err := LookupScheduler(s.Name)
	if err != nil {
		return s.Name
	}
	parts := []string{sc.Title}
	for _, p := range sc.Params {
		text, ok := s.Text(p.Name)
		if !ok || (!p.Required && !p.Optional && text == p.DefaultText()) {
			continue
		}
		if p.Kind == KindBool && text == "true" {
			parts = append(parts, p.Name)
			continue
		}
		parts = append(parts, p.Name+"="+text)
	}
	return strings.Join(parts, " ")
}

// clone returns a copy of s with its own maps.
func (s SchedulerSpec) clone() SchedulerSpec {
	c := SchedulerSpec{Name: s.Name, Values: maps.Clone(s.Values), Strings: maps.Clone(s.Strings)}
	if s.Lists != nil {
		c.Lists = make(map[string][]float64, len(s.Lists))
		for k, l := range s.Lists {
			c.Lists[k] = slices.Clone(l)
		}
	}
	return c
}

// checkMomentum reports whether method (an optimizer name) has the setting
// scheduler s cycles, as torch 1.13 requires: 'momentum' (sgd, rmsprop)
// for cycliclr, 'momentum' or betas for onecyclelr.
func checkMomentum(s SchedulerSpec, method string) error {
	if !cyclesMomentum(s) {
		return nil
	}
	kind := noMomentum
	switch method {
	case "sgd", "rmsprop":
		kind = momentumSetting
	case "adam", "adamw", "adamax", "nadam", "radam":
		kind = beta1Setting
	}
	switch {
	case s.Name == "cycliclr" && kind != momentumSetting:
		return fmt.Errorf("optim: cycliclr cycles the momentum, which %s does not have (torch 1.13's CyclicLR cycles only sgd's and rmsprop's momentum, not beta1): add cycle_momentum=false", method)
	case s.Name == "onecyclelr" && kind == noMomentum:
		return fmt.Errorf("optim: onecyclelr cycles the momentum, which %s does not have (neither momentum nor beta1): add cycle_momentum=false", method)
	}
	return nil
}
