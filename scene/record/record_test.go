package record

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

func TestFormatFor(t *testing.T) {
	dir := t.TempDir()
	existing := join(dir, "frames")
	if err := os.Mkdir(existing, 0o755); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		path    string
		want    Format
		wantErr string
	}{
		{"out.gif", GIF, ""},
		{"OUT.GIF", GIF, ""},
		{"a/b/c.mp4", MP4, ""},
		{"clip.webm", WebM, ""},
		{"shot.png", PNG, ""},
		{"frames/", PNGDir, ""},
		{existing, PNGDir, ""},
		{existing + "/", PNGDir, ""},
		{"picture.bmp", 0, `record: unknown output format ".bmp" (want .gif, .mp4, .webm, .png or a directory)`},
		{"movie.MOV", 0, `record: unknown output format ".mov" (want .gif, .mp4, .webm, .png or a directory)`},
		{join(dir, "missing"), 0, "has no extension"},
		{"", 0, "empty output path"},
	}
	for _, tt := range tests {
		got, err := FormatFor(tt.path)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("FormatFor(%q) error %v, want one containing %q", tt.path, err, tt.wantErr)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("FormatFor(%q) = %v, %v; want %v", tt.path, got, err, tt.want)
		}
	}
}

// TestCreateFailsEarly checks that destinations that cannot be written and
// bad options fail in Create, before any frame, and leave nothing behind.
func TestCreateFailsEarly(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	file := join(dir, "file.txt")
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(join(dir, "taken.gif"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(join(dir, "old"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(join(dir, "old", FrameName(1)), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		path    string
		opts    Options
		wantErr string
	}{
		{"missing directory", join(dir, "nope", "out.gif"), Options{}, "does not exist"},
		{"under a file", join(file, "out.gif"), Options{}, "is not a directory"},
		{"png under a file", join(file, "out.png"), Options{}, "is not a directory"},
		{"frames under a file", join(file, "frames") + "/", Options{}, "is not a directory"},
		{"frames dir is a file", file + "/", Options{}, "it is a file"},
		{"frames in missing directory", join(dir, "nope", "frames") + "/", Options{}, "does not exist"},
		{"directory given for a gif", join(dir, "taken.gif"), Options{}, "it is a directory"},
		{"old frames in directory", join(dir, "old"), Options{}, "already holds frame-*.png"},
		{"unknown extension", join(dir, "x.bmp"), Options{}, `unknown output format ".bmp"`},
		{"gif too fast", join(dir, "fast.gif"), Options{FPS: 60}, "a GIF plays at most 50 fps"},
		{"negative size", join(dir, "x.gif"), Options{Width: -1, Height: 5}, "invalid frame size"},
		{"half a size", join(dir, "x.gif"), Options{Width: 10}, "give both or neither"},
		{"negative fps", join(dir, "x.gif"), Options{FPS: -1}, "invalid frame rate"},
		{"negative loop", join(dir, "x.gif"), Options{Loop: -2}, "invalid loop count"},
		{"too large", join(dir, "x.gif"), Options{Width: 70000, Height: 10}, "too large"},
		{"mp4 without size", join(dir, "x.mp4"), Options{}, "needs the frame size"},
		{"mp4 odd size", join(dir, "x.mp4"), Options{Width: 101, Height: 100}, "needs an even frame size"},
		{"mp4 missing directory", join(dir, "nope", "x.mp4"), Options{Width: 100, Height: 100}, "does not exist"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if strings.HasSuffix(tt.path, ".mp4") {
				if _, err := exec.LookPath("ffmpeg"); err != nil {
					t.Skip("ffmpeg is not on PATH: this case needs it to get past the ffmpeg check")
				}
			}
			before := dirNames(t, dir)
			w, err := Create(tt.path, tt.opts)
			if err == nil {
				w.Abort()
				t.Fatalf("Create(%q) succeeded, want an error containing %q", tt.path, tt.wantErr)
			}
			if !strings.Contains(err.Error(), tt.wantErr) || !strings.HasPrefix(err.Error(), "record: ") {
				t.Errorf("error %q, want one starting with \"record: \" and containing %q", err, tt.wantErr)
			}
			if after := dirNames(t, dir); strings.Join(after, ",") != strings.Join(before, ",") {
				t.Errorf("directory changed from %v to %v", before, after)
			}
		})
	}
}

// TestCreateWithoutFFmpeg empties PATH: videos must fail in Create naming ffmpeg.
func TestCreateWithoutFFmpeg(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	for _, ext := range []string{".mp4", ".webm"} {
		dir := t.TempDir()
		_, err := Create(join(dir, "out"+ext), Options{Width: 64, Height: 64})
		want := "record: " + ext + " needs ffmpeg on PATH (install ffmpeg, or record a .gif)"
		if err == nil || err.Error() != want {
			t.Errorf("%s: error %v, want %q", ext, err, want)
		}
		if names := dirNames(t, dir); len(names) != 0 {
			t.Errorf("%s: directory holds %v, want nothing", ext, names)
		}
	}
}

// TestFailureLeavesNothing aborts recordings, breaks them with a wrong
// frame, and closes them without frames: in every case the directory must be
// left as it was, with no output and no temporary file.
func TestFailureLeavesNothing(t *testing.T) {
	t.Parallel()
	type step int
	const (
		abort step = iota
		wrongSize
		noFrames
		secondPNG
	)
	hasFFmpeg := true
	if _, err := exec.LookPath("ffmpeg"); err != nil {
		hasFFmpeg = false
	}
	tests := []struct {
		name string
		file string
		how  step
	}{
		{"gif abort", "out.gif", abort},
		{"gif abort after palette", "out.gif", abort},
		{"gif wrong size", "out.gif", wrongSize},
		{"gif no frames", "out.gif", noFrames},
		{"png abort", "out.png", abort},
		{"png second frame", "out.png", secondPNG},
		{"png no frames", "out.png", noFrames},
		{"frames abort", "frames/", abort},
		{"frames wrong size", "frames/", wrongSize},
		{"frames no frames", "frames/", noFrames},
		{"mp4 abort", "out.mp4", abort},
		{"mp4 wrong size", "out.mp4", wrongSize},
		{"mp4 no frames", "out.mp4", noFrames},
		{"webm abort", "out.webm", abort},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if (strings.HasSuffix(tt.file, ".mp4") || strings.HasSuffix(tt.file, ".webm")) && !hasFFmpeg {
				t.Skip("ffmpeg is not on PATH")
			}
			dir := t.TempDir()
			opts := Options{Width: 48, Height: 32}
			if tt.name == "gif abort after palette" {
				opts.PaletteFrames = 1
			}
			w, err := Create(dir+"/"+tt.file, opts)
			if err != nil {
				t.Fatal(err)
			}
			if len(dirNames(t, dir)) != 1 {
				t.Errorf("expected one temporary entry while recording, found %v", dirNames(t, dir))
			}
			switch tt.how {
			case abort:
				for i := range 3 {
					if tt.file == "out.png" && i > 0 {
						break
					}
					if err := w.WriteFrame(testFrame(48, 32, i)); err != nil {
						t.Fatal(err)
					}
				}
				w.Abort()
				if err := w.Close(); err == nil {
					t.Error("Close after Abort succeeded")
				}
			case wrongSize:
				if err := w.WriteFrame(testFrame(48, 32, 0)); err != nil {
					t.Fatal(err)
				}
				if err := w.WriteFrame(testFrame(50, 32, 1)); err == nil {
					t.Fatal("a 50x32 frame in a 48x32 recording was accepted")
				}
				if err := w.WriteFrame(testFrame(48, 32, 2)); err == nil {
					t.Error("WriteFrame after a failure succeeded")
				}
				if err := w.Close(); err == nil {
					t.Error("Close after a failure succeeded")
				}
			case noFrames:
				if err := w.Close(); err == nil || !strings.Contains(err.Error(), "no frames") {
					t.Errorf("Close without frames: error %v, want \"no frames\"", err)
				}
			case secondPNG:
				if err := w.WriteFrame(testFrame(48, 32, 0)); err != nil {
					t.Fatal(err)
				}
				if err := w.WriteFrame(testFrame(48, 32, 1)); err == nil || !strings.Contains(err.Error(), "one frame") {
					t.Errorf("second frame to a .png: error %v, want one saying a .png holds one frame", err)
				}
				if err := w.Close(); err == nil {
					t.Error("Close after a failure succeeded")
				}
			}
			w.Abort() // harmless twice
			if names := dirNames(t, dir); len(names) != 0 {
				t.Errorf("directory holds %v, want nothing", names)
			}
		})
	}
}

// TestCloseReplacesAndAbortAfterClose checks that Close replaces an existing
// file, leaves it readable by others, and that Abort after Close keeps it.
func TestCloseReplacesAndAbortAfterClose(t *testing.T) {
	dir := t.TempDir()
	path := join(dir, "out.gif")
	if err := os.WriteFile(path, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	w, err := Create(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.WriteFrame(testFrame(20, 20, 0)); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	w.Abort()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Size() < 100 || fi.Mode().Perm() != 0o644 {
		t.Errorf("output is %d bytes with mode %v, want a GIF with mode 0644", fi.Size(), fi.Mode().Perm())
	}
	if names := dirNames(t, dir); len(names) != 1 || names[0] != "out.gif" {
		t.Errorf("directory holds %v, want only out.gif", names)
	}
	if err := w.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	if err := w.WriteFrame(testFrame(20, 20, 1)); err == nil {
		t.Error("WriteFrame after Close succeeded")
	}
}

func TestFormatString(t *testing.T) {
	for f, want := range map[Format]string{GIF: "gif", MP4: "mp4", WebM: "webm", PNG: "png", PNGDir: "png directory", 0: "Format(0)"} {
		if got := f.String(); got != want {
			t.Errorf("Format(%d).String() = %q, want %q", int(f), got, want)
		}
	}
	if !GIF.Animated() || PNG.Animated() || PNGDir.Animated() {
		t.Error("Animated: want true for GIF only among GIF, PNG, PNGDir")
	}
}

// TestAbortFromAnotherGoroutine aborts while frames are being written, as a
// signal handler would; run with -race.
func TestAbortFromAnotherGoroutine(t *testing.T) {
	t.Parallel()
	for _, file := range []string{"out.gif", "frames/", "out.mp4"} {
		if strings.HasSuffix(file, ".mp4") {
			if _, err := exec.LookPath("ffmpeg"); err != nil {
				continue
			}
		}
		dir := t.TempDir()
		w, err := Create(dir+"/"+file, Options{Width: 64, Height: 48, PaletteFrames: 2})
		if err != nil {
			t.Fatal(err)
		}
		frames := testFrames(64, 48, 4)
		started := make(chan struct{})
		done := make(chan int)
		go func() {
			n := 0
			for i := 0; ; i++ {
				if i == 3 {
					close(started)
				}
				if w.WriteFrame(frames[i%4]) != nil {
					break
				}
				n++
			}
			done <- n
		}()
		<-started
		w.Abort()
		if n := <-done; n < 3 {
			t.Errorf("%s: only %d frames written before the abort", file, n)
		}
		if err := w.Close(); err == nil {
			t.Errorf("%s: Close after Abort succeeded", file)
		}
		if names := dirNames(t, dir); len(names) != 0 {
			t.Errorf("%s: directory holds %v after Abort, want nothing", file, names)
		}
	}
}

// TestCreateReadOnlyDirectory needs a user whose permissions are enforced:
// root writes anywhere, so the test is skipped there (the "under a file"
// cases of TestCreateFailsEarly fail for everyone).
func TestCreateReadOnlyDirectory(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("running as root: a read-only directory is still writable")
	}
	dir := t.TempDir()
	if err := os.Chmod(dir, 0o555); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(dir, 0o755)
	for _, name := range []string{"out.gif", "out.png", "frames/"} {
		_, err := Create(dir+"/"+name, Options{})
		if err == nil || !strings.Contains(err.Error(), "permission denied") {
			t.Errorf("%s in a read-only directory: error %v, want permission denied", name, err)
		}
	}
}
