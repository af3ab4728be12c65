package optim

import (
	"fmt"
	"strconv"
	"strings"

	"descent/scene/suggest"
)

// parseList parses whole numbers joined by ';'.
func parseList(p SchedulerParam, text string) ([]float64, error) {
	parts := strings.Split(text, ";")
	out := make([]float64, 0, len(parts))
	for _, part := range parts {
		part = strings.TrimSpace(part)
		if part == "" {
			return nil, fmt.Errorf("optim: bad list for %s: %q (want whole numbers joined by ';', e.g. %s=%s)", p.Name, text, p.Name, p.DefaultText())
		}
		v, err := parseValue(p.Param, part)
		if err != nil {
			return nil, err
		}
		if err := p.Check(v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}

// parseChoice matches text to one of p's choices, ignoring case.
func parseChoice(p SchedulerParam, text string) (string, error) {
	for _, c := range p.Choices {
		if strings.EqualFold(c, text) {
			return c, nil
		}
	}
	hint := ""
	if near := suggest.Nearest(text, p.Choices); near != "" {
		hint = fmt.Sprintf("; did you mean %q?", near)
	}
	return "", fmt.Errorf("optim: bad value for %s: %q (want %s%s)", p.Name, text, orList(p.Choices), hint)
}

// formatList writes whole numbers joined by ';'.
func formatList(l []float64) string {
	parts := make([]string, len(l))
	for i, v := range l {
		parts[i] = strconv.FormatFloat(v, 'g', -1, 64)
	}
	return strings.Join(parts, ";")
}

// parseScheduler parses one "NAME[:KEY=VALUE,...]" part of a spec; whole
// is the spec, for messages.
func parseScheduler(part, whole string) (SchedulerSpec, error) {
	text := strings.TrimSpace(part)
	if text == "" {
		return SchedulerSpec{}, fmt.Errorf("optim: missing scheduler name after '+' in %q", whole)
	}
	name, rest, hasParams := strings.Cut(text, ":")
	name = strings.ToLower(strings.TrimSpace(name))
	if name == "" {
		return SchedulerSpec{}, fmt.Errorf("optim: missing scheduler name before ':' in %q", text)
	}
	sc, err := LookupScheduler(name)
	if err != nil {
		return SchedulerSpec{}, err
	}
	s := SchedulerSpec{Name: sc.Name}
	if hasParams {
		if strings.TrimSpace(rest) == "" {
			return SchedulerSpec{}, fmt.Errorf("optim: nothing after ':' in %q (want KEY=VALUE, e.g. %s)", text, example(sc))
		}
		items := strings.Split(rest, ",")
		for i, item := range items {
			item = strings.TrimSpace(item)
			if item == "" {
				if i == len(items)-1 {
					return SchedulerSpec{}, fmt.Errorf("optim: trailing comma in %q", text)
				}
				return SchedulerSpec{}, fmt.Errorf("optim: empty KEY=VALUE between commas in %q", text)
			}
			key, val, ok := strings.Cut(item, "=")
			if !ok {
				return SchedulerSpec{}, fmt.Errorf("optim: missing '=' in %q (want KEY=VALUE)", item)
			}
			key = strings.TrimSpace(key)
			if key == "" {
				return SchedulerSpec{}, fmt.Errorf("optim: missing key before '=' in %q", item)
			}
			p, ok := sc.Param(key)
			if !ok {
				return SchedulerSpec{}, unknownSchedulerKey(sc, key)
			}
			if s.has(p.Name) {
				return SchedulerSpec{}, fmt.Errorf("optim: duplicate key %s in %q", p.Name, text)
			}
			if strings.TrimSpace(val) == "" {
				return SchedulerSpec{}, fmt.Errorf("optim: missing value for %s in %q", p.Name, item)
			}
			if err := s.Set(p.Name, val); err != nil {
				return SchedulerSpec{}, err
			}
		}
	}
	return s.complete()
}

// example is a short valid spec of sc for messages, e.g. "steplr:step_size=30".
func example(sc Scheduler) string {
	var parts []string
	for _, p := range sc.Params {
		if p.Required {
			parts = append(parts, p.Name+"="+p.DefaultText())
		}
	}
	if len(parts) == 0 {
		p := sc.Params[0]
		parts = append(parts, p.Name+"="+p.DefaultText())
	}
	return sc.Name + ":" + strings.Join(parts, ",")
}

// splitSchedulers cuts a spec at each '+' that starts a scheduler: every
// '+' but the sign of a number (after '=', ';' or a digit's exponent 'e').
func splitSchedulers(text string) []string {
	var parts []string
	last := 0
	for i := 0; i < len(text); i++ {
		if text[i] != '+' || isSign(text, i) {
			continue
		}
		parts = append(parts, text[last:i])
		last = i + 1
	}
	return append(parts, text[last:])
}

// isSign reports whether the '+' at text[i] is the sign of a number or of
// its exponent.
func isSign(text string, i int) bool {
	before := strings.TrimRight(text[:i], " \t")
	if before == "" {
		return false
	}
	switch c := before[len(before)-1]; {
	case c == '=' || c == ';':
		return true
	case (c == 'e' || c == 'E') && len(before) > 1:
		d := before[len(before)-2]
		return d >= '0' && d <= '9' || d == '.'
	}
	return false
}

// unknownScheduler is the error for a name that is not a scheduler.
func unknownScheduler(name string) error {
	names := make([]string, len(schedulers))
	for i, sc := range schedulers {
		names[i] = sc.Name
	}
	if near := suggest.Nearest(name, names); near != "" {
		return fmt.Errorf("optim: unknown scheduler %q (did you mean %q?)", name, near)
	}
	return fmt.Errorf("optim: unknown scheduler %q (known: %s)", name, strings.Join(names, ", "))
}

// unknownSchedulerKey is the error for a key sc does not have.
func unknownSchedulerKey(sc Scheduler, key string) error {
	names := make([]string, len(sc.Params))
	for i, p := range sc.Params {
		names[i] = p.Name
	}
	hint := ""
	if near := suggest.Nearest(key, names); near != "" {
		hint = fmt.Sprintf("did you mean %q? ", near)
	}
	return fmt.Errorf("optim: unknown key %q for %s (%svalid keys: %s)", key, sc.Name, hint, strings.Join(names, ", "))
}
