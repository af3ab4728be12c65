package panel

import (
	"strconv"
	"strings"

	"descent/scene"
	"descent/scene/note"
)

// notesSection lists the scene's notes: each one's text to edit (Enter
// applies; the TeX of package mathtext works) and a button to remove it,
// then buttons to add a title or a caption line.
func (p *Panel) notesSection(host Host) {
	if !p.ui.Heading("Notes", &p.sections[3]) {
		return
	}
	u := &p.ui
	s := host.Scene()
	u.Label(`M pins a callout at the point under the pointer. Text may use \alpha, x_t, x^{2}, \nabla f.`, true)
	for i, n := range s.Notes {
		u.Push("note" + strconv.Itoa(i))
		u.Row(2, 3)
		u.Label(notePlace(n), false)
		if u.Button("Remove") {
			p.noteText = map[int]string{} // the fields below move up
			p.edit(host, func(s *scene.Scene) {
				if i < len(s.Notes) {
					s.Notes = append(s.Notes[:i], s.Notes[i+1:]...)
				}
			})
			u.Pop()
			return
		}
		if n.Kind == note.Callout || n.Kind == note.Label || n.Text != "" {
			u.Row(1)
			text := n.Text
			if t, ok := p.noteText[i]; ok {
				text = t
			}
			if u.TextField("text", &text) {
				p.setNoteText(host, i, text)
			}
			p.noteText[i] = text
		}
		u.Pop()
	}
	u.Row(1, 1)
	if u.Button("Add a title") {
		p.addNote(host, note.Note{Kind: note.Label, Place: "top", Text: "Title"})
	}
	if u.Button("Add a caption line") {
		p.addNote(host, note.Note{Kind: note.Label, Place: "bottom", Text: "Caption"})
	}
}

// notePlace says briefly what a note is and where.
func notePlace(n note.Note) string {
	s := n.String()
	if i := strings.Index(s, `: "`); i >= 0 {
		s = s[:i]
	}
	return s
}

// setNoteText sets note i's text, checked as a scene file would check it.
func (p *Panel) setNoteText(host Host, i int, text string) {
	probe := host.Scene().Notes[i]
	probe.Text = strings.TrimSpace(text)
	if _, err := note.Parse(probe.String()); err != nil || probe.Text == "" && (probe.Kind == note.Callout || probe.Kind == note.Label) {
		p.err = "note: a note's text is 1.." + strconv.Itoa(note.MaxText) + " characters without quotes"
		return
	}
	delete(p.noteText, i)
	p.edit(host, func(s *scene.Scene) {
		if i < len(s.Notes) {
			s.Notes[i].Text = probe.Text
		}
	})
}

// addNote adds note n to the scene.
func (p *Panel) addNote(host Host, n note.Note) {
	if len(host.Scene().Notes) >= note.MaxNotes {
		p.err = "note: at most " + strconv.Itoa(note.MaxNotes) + " notes"
		return
	}
	p.edit(host, func(s *scene.Scene) { s.Notes = append(s.Notes, n) })
}
