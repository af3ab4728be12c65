package scene

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// Write writes s in the scene file format: the scene's keys, then one [run]
// section per run. Keys whose value is the zero value are left out (alpha
// and camera are always written). For a normalized scene, Parse reads the
// text back to an equal scene (Name and Dir come from the file, not the
// text). Text that would not read back the same (a line break, a " # " that
// would start a comment, a comma inside a label) is an error.
func (s *Scene) Write(w io.Writer) error {
	var b strings.Builder
	writeKeys := func(run bool, rc *RunConfig) error {
		for _, f := range fields {
			if f.run != run {
				continue
			}
			v, ok := f.get(s, rc)
			if !ok {
				continue
			}
			if err := writable(f.name, v); err != nil {
				return err
			}
			fmt.Fprintf(&b, "%s = %s\n", f.name, v)
		}
		return nil
	}
	if s.Name != "" {
		fmt.Fprintf(&b, "# %s\n", s.Name)
	}
	if err := writeKeys(false, nil); err != nil {
		return err
	}
	for _, lbl := range []string{s.XLabel, s.YLabel, s.ZLabel} {
		if strings.Contains(lbl, ",") {
			return &Error{Msg: fmt.Sprintf("cannot write label %q: labels cannot contain commas", lbl)}
		}
	}
	for i := range s.Runs {
		b.WriteString("\n[run]\n")
		if err := writeKeys(true, &s.Runs[i]); err != nil {
			return err
		}
	}
	if len(s.Notes) > 0 {
		b.WriteString("\n[notes]\n")
		for _, n := range s.Notes {
			if err := writable("note", n.String()); err != nil {
				return err
			}
			b.WriteString(n.String() + "\n")
		}
	}
	if len(s.Story) > 0 {
		b.WriteString("\n[storyboard]\n")
		for _, c := range s.Story {
			b.WriteString(c.String() + "\n")
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// writable reports an error when v would not read back as the value of key.
func writable(key, v string) error {
	switch {
	case strings.ContainsAny(v, "\r\n"):
		return &Error{Msg: fmt.Sprintf("cannot write %s %q: it contains a line break", key, v)}
	case v != strings.TrimSpace(v):
		return &Error{Msg: fmt.Sprintf("cannot write %s %q: it starts or ends with a space", key, v)}
	case stripComment("x = "+v) != "x = "+v:
		return &Error{Msg: fmt.Sprintf("cannot write %s %q: its ' # ' would start a comment", key, v)}
	}
	return nil
}

// WriteFile writes s to a scene file at path through a temporary file in
// the same directory, renamed into place at the end, so that a failure
// never leaves half a file (and an existing file stays as it was). A
// symbolic link or a read-only file at path is refused rather than
// replaced.
func (s *Scene) WriteFile(path string) error {
	if fi, err := os.Lstat(path); err == nil {
		switch {
		case fi.Mode()&os.ModeSymlink != 0:
			return fmt.Errorf("scene: save: %s is a symbolic link; save to the file it points to, or another name", path)
		case !fi.Mode().IsRegular():
			return fmt.Errorf("scene: save: %s is not a regular file", path)
		case fi.Mode().Perm()&0o200 == 0:
			return fmt.Errorf("scene: save: %s is read-only", path)
		}
	}
	var b bytes.Buffer
	if err := s.Write(&b); err != nil {
		return fmt.Errorf("scene: save: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".descent-*.scene.tmp")
	if err != nil {
		return fmt.Errorf("scene: save: %w", err)
	}
	name := tmp.Name()
	_, werr := tmp.Write(b.Bytes())
	if cerr := tmp.Close(); werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = os.Rename(name, path)
	}
	if werr != nil {
		os.Remove(name)
		return fmt.Errorf("scene: save: %w", werr)
	}
	return nil
}
