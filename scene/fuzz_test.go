package scene

import (
	"bytes"
	"io/fs"
	"reflect"
	"strings"
	"testing"

	"descent/assets"
)

// FuzzParse checks that Parse never panics, that its errors are *Error
// values naming the file, and that every scene it accepts survives a
// Write/Parse round trip unchanged.
func FuzzParse(f *testing.F) {
	files, err := presetFiles()
	if err != nil {
		f.Fatal(err)
	}
	for _, name := range files {
		b, err := fs.ReadFile(assets.Scenes, name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(b))
	}
	f.Add("surface = bowl\n[run]\noptimizer = gd\n")
	f.Add("expr = x^3 - x\naxes = -2, 2, -1, 1\n[run]\noptimizer = adam:lr=0.1\nstart = 0.5\n")
	f.Add("title = A # b\nsurface=ols\n[run]\noptimizer=sgd\nbatch=3\nnoise=0.1\nseed=9\ncolor=#abc\n")
	f.Fuzz(func(t *testing.T, text string) {
		s, err := Parse(strings.NewReader(text), "f.scene")
		if err != nil {
			if _, ok := err.(*Error); !ok || !strings.HasPrefix(err.Error(), "scene: f.scene") {
				t.Fatalf("error %q (%T) should be a *Error naming the file", err, err)
			}
			return
		}
		var buf bytes.Buffer
		if err := s.Write(&buf); err != nil {
			return // a value that cannot be written back is refused, not mangled
		}
		back, err := Parse(&buf, "f.scene")
		if err != nil {
			t.Fatalf("written scene does not parse: %v\n%s", err, buf.String())
		}
		if !reflect.DeepEqual(s, back) {
			t.Fatalf("round trip changed the scene:\n%+v\n%+v\n%s", s, back, buf.String())
		}
	})
}
