package game

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"strings"

	"descent/scene/input"
	"descent/scene/surface"
)

// maxDropped is the largest data file the window takes from a drop.
const maxDropped = 16 << 20

// handleDrop makes a CSV file dropped on the window (or the web page) the
// data of a model surface, as the panel's data field does with a path.
func (g *Game) handleDrop(in *input.State) {
	if in.Dropped == nil {
		return
	}
	name, data, err := firstCSV(in.Dropped)
	if err == nil {
		surface.AddData(name, data)
		s := g.sc.Clone()
		if err = s.UseData(name); err == nil {
			err = g.applyScene(s)
		}
	}
	if err != nil {
		g.notices.Say("Dropped file: %v", err)
		return
	}
	g.notices.Say("data from %s (%s)", name, g.sc.Surface)
}

// firstCSV returns the name and contents of the first .csv file in the
// dropped files.
func firstCSV(files fs.FS) (string, []byte, error) {
	var found string
	err := fs.WalkDir(files, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.EqualFold(path.Ext(p), ".csv") {
			found = p
			return fs.SkipAll
		}
		return nil
	})
	if err != nil {
		return "", nil, err
	}
	if found == "" {
		return "", nil, errors.New("no .csv file among the dropped files")
	}
	f, err := files.Open(found)
	if err != nil {
		return "", nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxDropped+1))
	if err != nil {
		return "", nil, err
	}
	if len(data) > maxDropped {
		return "", nil, fmt.Errorf("%s is larger than %d MB", path.Base(found), maxDropped>>20)
	}
	return path.Base(found), data, nil
}
