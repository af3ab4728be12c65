package record

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"testing"
)

func TestPNG(t *testing.T) {
	dir := t.TempDir()
	img := testFrame(70, 50, 4)
	img.Pix[3] = 0 // alpha is dropped: the PNG is opaque
	writeAll(t, join(dir, "shot.png"), Options{}, []*image.RGBA{img})
	got, err := png.Decode(bytes.NewReader(readFile(t, join(dir, "shot.png"))))
	if err != nil {
		t.Fatal(err)
	}
	if e := meanAbsError(t, got, img); e != 0 {
		t.Errorf("PNG differs from the frame: mean error %g", e)
	}
	if _, _, _, a := got.At(0, 0).RGBA(); a != 0xffff {
		t.Errorf("alpha at (0,0) is %d, want opaque", a)
	}
	if names := dirNames(t, dir); len(names) != 1 {
		t.Errorf("directory holds %v, want shot.png only", names)
	}
}

// TestPNGDir writes numbered frames into a new directory and into an
// existing one that holds another file.
func TestPNGDir(t *testing.T) {
	tests := []struct {
		name   string
		exists bool
		n      int
	}{
		{"new directory", false, 3},
		{"existing directory", true, 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			parent := t.TempDir()
			dir := join(parent, "frames")
			var want []string
			if tt.exists {
				if err := os.Mkdir(dir, 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(join(dir, "notes.txt"), nil, 0o644); err != nil {
					t.Fatal(err)
				}
				want = append(want, "notes.txt")
			}
			frames := testFrames(40, 30, tt.n)
			writeAll(t, dir+"/", Options{Frames: tt.n}, frames)
			for i := range tt.n {
				want = append(want, FrameName(i+1))
			}
			want = sortedCopy(want)
			if got := dirNames(t, dir); !stringsEqual(got, want) {
				t.Errorf("directory holds %v, want %v", got, want)
			}
			if got := dirNames(t, parent); len(got) != 1 {
				t.Errorf("parent holds %v, want frames only", got)
			}
			for i, f := range frames {
				img, err := png.Decode(bytes.NewReader(readFile(t, join(dir, FrameName(i+1)))))
				if err != nil {
					t.Fatal(err)
				}
				if e := meanAbsError(t, img, f); e != 0 {
					t.Errorf("frame %d differs: mean error %g", i+1, e)
				}
			}
		})
	}
	if FrameName(1) != "frame-00001.png" || FrameName(123456) != "frame-123456.png" {
		t.Errorf("FrameName: %q, %q", FrameName(1), FrameName(123456))
	}
}
