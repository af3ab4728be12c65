package game

import (
	"strings"
	"testing"
	"testing/fstest"

	"descent/scene/input"
)

// TestDropDataFile drops CSV files on the window: one with labels makes a
// logistic regression of it, a second one replaces its data, a broken one
// or none changes nothing and says why.
func TestDropDataFile(t *testing.T) {
	g := newTestGame(t, "himmelblau-six")
	drop := func(files fstest.MapFS) {
		t.Helper()
		if err := g.tickWith(input.State{Dropped: files}); err != nil {
			t.Fatal(err)
		}
	}
	drop(fstest.MapFS{"notes.txt": {Data: []byte("hello")}, "dir/labels-drop.csv": {Data: []byte("x,label\n-2,0\n-1,0\n-0.5,1\n0.5,0\n1,1\n2,1\n")}})
	if g.sc.Surface != "logistic" || g.sc.Data != "labels-drop.csv" || g.surf.Model == nil || g.surf.Model.Len() != 6 {
		t.Fatalf("after the drop: surface %q data %q", g.sc.Surface, g.sc.Data)
	}
	if g.fit == nil {
		t.Error("a model surface without a fit view")
	}
	drop(fstest.MapFS{"more-labels-drop.csv": {Data: []byte("x,label\n-3,0\n3,1\n-1,1\n1,0\n")}})
	if g.sc.Surface != "logistic" || g.sc.Data != "more-labels-drop.csv" || g.surf.Model.Len() != 4 {
		t.Errorf("a second drop: surface %q data %q", g.sc.Surface, g.sc.Data)
	}
	before := g.sc
	for _, tc := range []struct {
		files fstest.MapFS
		want  string
	}{
		{fstest.MapFS{"bad-drop.csv": {Data: []byte("x,label\n1,0\n2,5\n")}}, "label 5 is not 0 or 1"},
		{fstest.MapFS{"notes.txt": {Data: []byte("x,y\n1,2\n")}}, "no .csv file"},
	} {
		drop(tc.files)
		if g.sc != before {
			t.Errorf("a failed drop changed the scene to %q", g.sc.Data)
		}
		if got := g.notices.Current(); !strings.Contains(got, tc.want) {
			t.Errorf("the notice says %q, want %q", got, tc.want)
		}
	}
}
