package record

import (
	"bytes"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
)

func needFFmpeg(t *testing.T, tools ...string) {
	t.Helper()
	for _, tool := range append([]string{"ffmpeg"}, tools...) {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not on PATH: install ffmpeg to test video output", tool)
		}
	}
}

// probe asks ffprobe for the codec, size and number of frames of a video.
func probe(t *testing.T, path string) (codec string, w, h, frames int) {
	t.Helper()
	out, err := exec.Command("ffprobe", "-v", "error", "-count_frames", "-select_streams", "v:0",
		"-show_entries", "stream=codec_name,width,height,nb_read_frames", "-of", "csv=p=0", path).Output()
	if err != nil {
		t.Fatalf("ffprobe %s: %v", path, err)
	}
	f := strings.Split(strings.TrimSpace(string(out)), ",")
	if len(f) != 4 {
		t.Fatalf("ffprobe said %q", out)
	}
	w, _ = strconv.Atoi(f[1])
	h, _ = strconv.Atoi(f[2])
	frames, _ = strconv.Atoi(f[3])
	return f[0], w, h, frames
}

// TestVideo writes MP4 and WebM files, checks codec, size and frame count with
// ffprobe, and checks that the same frames give byte-identical files.
func TestVideo(t *testing.T) {
	t.Parallel()
	needFFmpeg(t, "ffprobe")
	tests := []struct {
		file, codec string
		w, h, n     int
		fps         float64
	}{
		{"out.mp4", "h264", 96, 64, 12, 30},
		{"out.webm", "vp9", 64, 48, 7, 12.5},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			frames := testFrames(tt.w, tt.h, tt.n)
			dir := t.TempDir()
			opts := Options{Width: tt.w, Height: tt.h, FPS: tt.fps, Frames: tt.n}
			writeAll(t, join(dir, "a-"+tt.file), opts, frames)
			writeAll(t, join(dir, "b-"+tt.file), opts, frames)
			codec, w, h, n := probe(t, join(dir, "a-"+tt.file))
			if codec != tt.codec || w != tt.w || h != tt.h || n != tt.n {
				t.Errorf("ffprobe: %s %dx%d %d frames, want %s %dx%d %d frames", codec, w, h, n, tt.codec, tt.w, tt.h, tt.n)
			}
			a, b := readFile(t, join(dir, "a-"+tt.file)), readFile(t, join(dir, "b-"+tt.file))
			if !bytes.Equal(a, b) {
				t.Errorf("two encodings of the same frames differ (%d and %d bytes)", len(a), len(b))
			}
			if names := dirNames(t, dir); len(names) != 2 {
				t.Errorf("directory holds %v, want the two videos only", names)
			}
		})
	}
}

// TestVideoFFmpegFails puts a fake ffmpeg on PATH that reads a little and
// fails: the error must carry its stderr, and nothing may be left behind.
func TestVideoFFmpegFails(t *testing.T) {
	if _, err := exec.LookPath("sh"); err != nil {
		t.Skip("no sh to run the fake ffmpeg")
	}
	bin := t.TempDir()
	script := "#!/bin/sh\nhead -c 100 >/dev/null\necho 'Unknown encoder libx264 (fake)' >&2\nexit 1\n"
	if err := os.WriteFile(join(bin, "ffmpeg"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", bin+":"+os.Getenv("PATH"))
	for _, frames := range []int{1, 40} {
		dir := t.TempDir()
		w, err := Create(join(dir, "out.mp4"), Options{Width: 64, Height: 64})
		if err != nil {
			t.Fatal(err)
		}
		err = nil
		for i := 0; i < frames && err == nil; i++ {
			err = w.WriteFrame(testFrame(64, 64, i))
		}
		if err == nil {
			err = w.Close()
		}
		if err == nil || !strings.Contains(err.Error(), "Unknown encoder libx264 (fake)") || !strings.HasPrefix(err.Error(), "record: ffmpeg failed") {
			t.Errorf("%d frames: error %v, want ffmpeg's message", frames, err)
		}
		w.Abort()
		if names := dirNames(t, dir); len(names) != 0 {
			t.Errorf("%d frames: directory holds %v, want nothing", frames, names)
		}
	}
}
