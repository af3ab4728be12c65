package scene

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"descent/scene/expr"
	"descent/scene/note"
	"descent/scene/story"
	"descent/scene/suggest"
	"descent/scene/textlines"
)

// Parse reads a scene file from r; name (usually the file name) appears in
// error messages and, without its directory and ".scene", becomes the
// scene's Name. The scene is normalized (defaults filled for the keys not
// given) and validated; a relative data path is read from the working
// directory (LoadFile reads it from the file's directory).
func Parse(r io.Reader, name string) (*Scene, error) {
	return parse(r, name, "")
}

// Bounds of a scene file, checked as it is read: a file of MaxFileBytes
// parses in about 0.1 s.
const (
	// MaxFileBytes is the largest scene file: 4 MiB, room for MaxRuns
	// verbose [run] sections and the longest formula.
	MaxFileBytes = 4 << 20
	// MaxLineBytes is the longest line of a scene file: the longest formula
	// (expr.MaxLength) with its key and a comment.
	MaxLineBytes = expr.MaxLength + 4<<10
)

// LoadFile reads the scene file at path (see Parse). A relative data path in
// it is read from the file's directory.
func LoadFile(path string) (*Scene, error) {
	f, err := os.Open(path)
	if err != nil {
		if os.IsNotExist(err) {
			return nil, fmt.Errorf("scene: %s: no such file", path)
		}
		return nil, fmt.Errorf("scene: %v", err)
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil {
		switch {
		case fi.IsDir():
			return nil, &Error{File: path, Msg: "is a directory, not a scene file"}
		case fi.Mode().IsRegular() && fi.Size() > MaxFileBytes:
			return nil, &Error{File: path, Msg: fmt.Sprintf("file of %d bytes is larger than %d (MaxFileBytes)", fi.Size(), MaxFileBytes)}
		}
	}
	return parse(f, path, filepath.Dir(path))
}

func parse(r io.Reader, name, dir string) (*Scene, error) {
	s := &Scene{Name: strings.TrimSuffix(filepath.Base(name), ".scene"), Dir: dir}
	l := &lines{file: name, scene: map[string]int{}}
	lr := textlines.New(r, MaxFileBytes, MaxLineBytes)
	n := 0
	fail := func(run int, format string, args ...any) error {
		return &Error{File: name, Line: n, Run: run, Msg: fmt.Sprintf(format, args...)}
	}
	inStory := false // in the [storyboard] section: one cue per line
	inNotes := false // in the [notes] section: one note per line
	for lr.Next() {
		n = lr.Line()
		raw := lr.Text()
		if n == 1 {
			raw = strings.TrimPrefix(raw, "\ufeff") // a byte-order mark from some editors
		}
		text := strings.TrimSpace(stripComment(raw))
		if text == "" {
			continue
		}
		run := len(s.Runs)
		if strings.HasPrefix(text, "[") {
			if !strings.HasSuffix(text, "]") {
				return nil, fail(0, "missing ']' in section header %q", text)
			}
			section := strings.ToLower(strings.TrimSpace(text[1 : len(text)-1]))
			switch section {
			case "storyboard":
				if l.story > 0 {
					return nil, fail(0, "a second [storyboard] section (the first starts on line %d)", l.story)
				}
				l.story, inStory, inNotes = n, true, false
				continue
			case "notes":
				if l.notesAt > 0 {
					return nil, fail(0, "a second [notes] section (the first starts on line %d)", l.notesAt)
				}
				l.notesAt, inNotes, inStory = n, true, false
				continue
			case "run":
			default:
				hint := ""
				if near := suggest.Nearest(section, []string{"run", "storyboard", "notes"}); near != "" {
					hint = fmt.Sprintf(" (did you mean \"[%s]\"?)", near)
				}
				return nil, fail(0, "unknown section %q%s: the sections are [run], [storyboard] and [notes]", text, hint)
			}
			inStory, inNotes = false, false
			if len(s.Runs) == MaxRuns {
				return nil, fail(0, "more than %d runs (MaxRuns)", MaxRuns)
			}
			s.Runs = append(s.Runs, RunConfig{})
			l.runs = append(l.runs, map[string]int{"[run]": n})
			continue
		}
		if inNotes {
			if len(s.Notes) >= note.MaxNotes {
				return nil, fail(0, "notes: more than %d notes", note.MaxNotes)
			}
			nt, err := note.Parse(text)
			if err != nil {
				return nil, fail(0, "notes: %s", strings.TrimPrefix(err.Error(), "note: "))
			}
			s.Notes = append(s.Notes, nt)
			l.notes = append(l.notes, n)
			continue
		}
		if inStory {
			if len(s.Story) >= story.MaxCues {
				return nil, fail(0, "storyboard: more than %d cues", story.MaxCues)
			}
			c, err := story.Parse(text)
			if err != nil {
				return nil, fail(0, "storyboard: %s", strings.TrimPrefix(err.Error(), "story: "))
			}
			s.Story = append(s.Story, c)
			l.cues = append(l.cues, n)
			continue
		}
		key, value, ok := strings.Cut(text, "=")
		if !ok {
			return nil, fail(run, "missing '=' in %q (want KEY = VALUE)", text)
		}
		key = strings.ToLower(strings.TrimSpace(key))
		value = strings.TrimSpace(value)
		if key == "" {
			return nil, fail(run, "missing key before '=' in %q", text)
		}
		f, known := lookupField(key)
		if !known {
			names := fieldNames(run > 0)
			if near := suggest.Nearest(key, names); near != "" {
				return nil, fail(run, "unknown key %q (did you mean %q?)", key, near)
			}
			if near := suggest.Nearest(key, fieldNames(run == 0)); near != "" {
				return nil, fail(run, "unknown key %q (did you mean %q? it belongs %s)", key, near, sectionOf(run == 0))
			}
			return nil, fail(run, "unknown key %q (keys here: %s)", key, strings.Join(names, ", "))
		}
		if f.run && run == 0 {
			return nil, fail(0, "key %q belongs in a [run] section (start one with a line [run])", key)
		}
		if !f.run && run > 0 {
			return nil, fail(run, "key %q belongs before the first [run] section", key)
		}
		seen := l.scene
		if run > 0 {
			seen = l.runs[run-1]
		}
		if first, dup := seen[key]; dup {
			return nil, fail(run, "duplicate key %q (first set on line %d)", key, first)
		}
		if value == "" {
			return nil, fail(run, "missing value for %s", key)
		}
		seen[key] = n
		var rc *RunConfig
		if run > 0 {
			rc = &s.Runs[run-1]
		}
		if err := f.set(s, rc, value); err != nil {
			return nil, fail(run, "%s", err.Error())
		}
	}
	var le *textlines.LimitError
	switch err := lr.Err(); {
	case errors.As(err, &le) && le.Line > 0:
		return nil, &Error{File: name, Line: le.Line, Msg: le.Reason() + " (MaxLineBytes)"}
	case errors.As(err, &le):
		return nil, &Error{File: name, Msg: le.Reason() + " (MaxFileBytes)"}
	case err != nil:
		return nil, &Error{File: name, Line: n + 1, Msg: err.Error()}
	}
	if err := s.check(l); err != nil {
		return nil, err
	}
	return s, nil
}

// sectionOf names where a key of the scene (run false) or of a run belongs.
func sectionOf(run bool) string {
	if run {
		return "in a [run] section"
	}
	return "before the first [run]"
}

// stripComment removes a comment: '#' at the start of the line, or after
// white space and followed by white space or the end of the line.
func stripComment(line string) string {
	t := strings.TrimLeft(line, " \t")
	if strings.HasPrefix(t, "#") {
		return ""
	}
	for i := 1; i < len(line); i++ {
		if line[i] != '#' || (line[i-1] != ' ' && line[i-1] != '\t') {
			continue
		}
		if i+1 == len(line) || line[i+1] == ' ' || line[i+1] == '\t' {
			return line[:i]
		}
	}
	return line
}
