package widget

import "testing"

// TestEditor runs editing sequences: each step is an action, and the
// text with the caret (|) and selection ([ ]) after it.
func TestEditor(t *testing.T) {
	show := func(e *editor) string {
		lo, hi := e.selection()
		out := ""
		for i := 0; i <= len(e.text); i++ {
			if i == lo && lo != hi {
				out += "["
			}
			if i == e.caret && lo == hi {
				out += "|"
			}
			if i == hi && lo != hi {
				out += "]"
			}
			if i < len(e.text) {
				out += string(e.text[i])
			}
		}
		return out
	}
	type step struct {
		do   func(e *editor)
		want string
	}
	tests := []struct {
		name  string
		start string
		steps []step
	}{
		{"type after the text", "0.1", []step{
			{func(e *editor) { e.insert([]rune("5")) }, "0.15|"},
			{func(e *editor) { e.backspace(); e.backspace() }, "0.|"},
			{func(e *editor) { e.insert([]rune("05")) }, "0.05|"},
		}},
		{"select all, then type replaces", "0.1", []step{
			{func(e *editor) { e.selectAll() }, "[0.1]"},
			{func(e *editor) { e.insert([]rune("0.05")) }, "0.05|"},
		}},
		{"select all, then backspace empties", "x^2 + y^2", []step{
			{func(e *editor) { e.selectAll(); e.backspace() }, "|"},
			{func(e *editor) { e.backspace() }, "|"},
		}},
		{"caret moves and edits in the middle", "x^2+y^2", []step{
			{func(e *editor) { e.move(0, false) }, "|x^2+y^2"},
			{func(e *editor) { e.right(false); e.right(false); e.right(false) }, "x^2|+y^2"},
			{func(e *editor) { e.insert([]rune(" ")) }, "x^2 |+y^2"},
			{func(e *editor) { e.right(false); e.insert([]rune(" ")) }, "x^2 + |y^2"},
			{func(e *editor) { e.del() }, "x^2 + |^2"},
			{func(e *editor) { e.insert([]rune("z")) }, "x^2 + z|^2"},
			{func(e *editor) { e.left(false); e.left(false); e.left(false) }, "x^2 |+ z^2"},
			{func(e *editor) { e.move(0, false); e.left(false) }, "|x^2 + z^2"},
			{func(e *editor) { e.move(100, false); e.right(false) }, "x^2 + z^2|"},
		}},
		{"shift-select and replace", "sin(x)", []step{
			{func(e *editor) { e.move(0, false); e.right(true); e.right(true); e.right(true) }, "[sin](x)"},
			{func(e *editor) { e.insert([]rune("cos")) }, "cos|(x)"},
			{func(e *editor) { e.left(true); e.left(true) }, "c[os](x)"},
			{func(e *editor) { e.right(false) }, "cos|(x)"},
		}},
		{"control characters are not typed", "", []step{
			{func(e *editor) { e.insert([]rune("a\tb\nc\x7fα")) }, "abcα|"},
		}},
		{"delete at the end and backspace at the start do nothing", "ab", []step{
			{func(e *editor) { e.del() }, "ab|"},
			{func(e *editor) { e.move(0, false); e.backspace() }, "|ab"},
		}},
	}
	for _, tt := range tests {
		var e editor
		e.set(tt.start)
		for i, s := range tt.steps {
			s.do(&e)
			if got := show(&e); got != s.want {
				t.Errorf("%s, step %d: %q, want %q", tt.name, i+1, got, s.want)
				break
			}
		}
	}
}
