package scene

import (
	"fmt"
	"strings"
)

// Error is a problem with a scene: where it is and what is wrong. File and
// Line are empty and zero for a scene built in code; Run is the 1-based run
// the problem belongs to, or 0 for the scene itself.
type Error struct {
	File string
	Line int
	Run  int
	Msg  string
}

// Error formats the problem as `scene: FILE:LINE: run N: MESSAGE`, leaving
// out the parts that are unknown.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("scene: ")
	if e.File != "" {
		b.WriteString(e.File)
		if e.Line > 0 {
			fmt.Fprintf(&b, ":%d", e.Line)
		}
		b.WriteString(": ")
	}
	if e.Run > 0 {
		fmt.Fprintf(&b, "run %d: ", e.Run)
	}
	b.WriteString(e.Msg)
	return b.String()
}

// lines remembers where each key of a parsed scene was set, so that checks
// made after parsing can still name the line.
type lines struct {
	file    string
	scene   map[string]int   // scene key to line
	runs    []map[string]int // per run: key to line; "[run]" is the header
	story   int              // the line of the [storyboard] header (0: none)
	cues    []int            // the line of each cue
	notesAt int              // the line of the [notes] header (0: none)
	notes   []int            // the line of each note
}

// note returns the error for a problem with note i.
func (l *lines) note(i int, format string, args ...any) error {
	e := &Error{Msg: fmt.Sprintf(format, args...)}
	if l != nil {
		e.File = l.file
		if i < len(l.notes) {
			e.Line = l.notes[i]
		}
	}
	return e
}

// cue returns the error for a problem with cue i of the storyboard.
func (l *lines) cue(i int, format string, args ...any) error {
	e := &Error{Msg: fmt.Sprintf(format, args...)}
	if l != nil {
		e.File = l.file
		if i < len(l.cues) {
			e.Line = l.cues[i]
		}
	}
	return e
}

// story0 returns the error for a problem with the storyboard as a whole.
func (l *lines) story0(format string, args ...any) error {
	e := &Error{Msg: fmt.Sprintf(format, args...)}
	if l != nil {
		e.File, e.Line = l.file, l.story
	}
	return e
}

// at returns the error for a problem with key of run (0: the scene).
func (l *lines) at(run int, key string, format string, args ...any) error {
	e := &Error{Run: run, Msg: fmt.Sprintf(format, args...)}
	if l == nil {
		return e
	}
	e.File = l.file
	switch {
	case run == 0:
		e.Line = l.scene[key]
	case run <= len(l.runs):
		e.Line = l.runs[run-1][key]
		if e.Line == 0 {
			e.Line = l.runs[run-1]["[run]"]
		}
	}
	return e
}

// set reports whether key was given in the file (always false for a scene
// built in code).
func (l *lines) set(key string) bool {
	if l == nil {
		return false
	}
	_, ok := l.scene[key]
	return ok
}
