// Package record writes rendered frames to a file: an animated GIF (pure Go,
// one median-cut palette per recording), an MP4 or WebM video (frames piped to
// ffmpeg), a single PNG, or a directory of numbered PNGs.
//
// Frames arrive as *image.RGBA from whoever renders them; the package knows
// nothing about Ebiten. Alpha is ignored: pixels are taken as opaque (Go's
// premultiplied colours, so a transparent pixel shows as if over black).
//
// Output is deterministic: the same frames and options give byte-identical
// files. GIFs are encoded in pure Go with one palette per recording (see
// Options.PaletteFrames), each frame stored as the rectangle that changed
// with unchanged pixels transparent. Videos are encoded by ffmpeg with
// bit-exact flags and one encoder thread, which makes two runs identical and
// independent of the number of cores (checked for libx264 and libvpx-vp9 with
// Debian 12's ffmpeg 5.1; another ffmpeg build may encode differently).
//
// Every format writes to a temporary name next to the destination and renames
// it into place on Close. Abort, a failed WriteFrame or a failed Close removes
// the temporary file, so an interrupted or failed recording never leaves a
// broken or partial file behind. Create checks the destination (directory
// exists and is writable, the path is not a directory, ffmpeg is on PATH for
// videos) before any frame is rendered. Signals are the caller's business:
// call Abort from the handler.
package record

import (
	"errors"
	"fmt"
	"image"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// Format is the kind of file a recording is written to.
type Format int

// The output formats, chosen from the path by FormatFor.
const (
	GIF    Format = iota + 1 // animated GIF, pure Go
	MP4                      // H.264 video through ffmpeg
	WebM                     // VP9 video through ffmpeg
	PNG                      // a single PNG image (exactly one frame)
	PNGDir                   // a directory of frame-00001.png, frame-00002.png, ...
)

// String returns the format's usual name: "gif", "mp4", "webm", "png" or "png directory".
func (f Format) String() string {
	switch f {
	case GIF:
		return "gif"
	case MP4:
		return "mp4"
	case WebM:
		return "webm"
	case PNG:
		return "png"
	case PNGDir:
		return "png directory"
	}
	return fmt.Sprintf("Format(%d)", int(f))
}

// Animated reports whether the format holds many frames played at a frame rate.
func (f Format) Animated() bool { return f == GIF || f == MP4 || f == WebM }

// FormatFor chooses the output format from a path: a path ending in a slash
// is a PNG directory; otherwise the extension decides (.gif, .mp4, .webm,
// .png, any letter case); a path without a known extension that names an
// existing directory is a PNG directory too. Anything else is an error.
func FormatFor(path string) (Format, error) {
	if path == "" {
		return 0, errors.New("record: empty output path (want a .gif, .mp4, .webm or .png file, or a directory)")
	}
	if strings.HasSuffix(path, "/") || strings.HasSuffix(path, string(filepath.Separator)) {
		return PNGDir, nil
	}
	ext := strings.ToLower(filepath.Ext(path))
	switch ext {
	case ".gif":
		return GIF, nil
	case ".mp4":
		return MP4, nil
	case ".webm":
		return WebM, nil
	case ".png":
		return PNG, nil
	}
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		return PNGDir, nil
	}
	if ext == "" {
		return 0, fmt.Errorf("record: %q has no extension (want .gif, .mp4, .webm, .png or a directory ending in /)", path)
	}
	return 0, fmt.Errorf("record: unknown output format %q (want .gif, .mp4, .webm, .png or a directory)", ext)
}

// Options are the settings of a recording. The zero value is usable for GIF
// and PNG output (size taken from the first frame, 30 frames per second,
// looping forever).
type Options struct {
	// Width and Height are the frame size in pixels. Every frame must have
	// this size. Zero takes the size of the first frame, except for .mp4 and
	// .webm, which need it up front (and even: H.264 and VP9 store colour at
	// half resolution).
	Width, Height int

	// FPS is the frame rate in frames per second; 0 means 30. A GIF stores
	// delays in hundredths of a second and plays at most 50 fps; delays
	// alternate (30 fps: 3, 4, 3, 3, 4, 3 ...) so the average rate is right.
	FPS float64

	// Frames is the number of frames the caller expects to write, used only
	// by the progress bar (0: unknown).
	Frames int

	// Loop is how many times a GIF plays: 0 (the default) loops forever,
	// 1 plays once, n plays n times. Videos ignore it.
	Loop int

	// Dither turns on ordered (8x8 Bayer) dithering for GIF output, which
	// trades banding in smooth gradients for a fine regular pattern and
	// larger files. Off by default.
	Dither bool

	// PaletteFrames is how many leading frames the GIF palette is built
	// from. 0 (the default) builds it from every frame, as long as the
	// frames fit in a 256 MiB buffer (about 87 frames at 800x600); frames
	// beyond the buffer are mapped to the palette of the ones before. A
	// positive value trades colour fidelity in later frames for memory and
	// steady per-frame work; the buffer bounds it too (MaxPaletteFrames).
	PaletteFrames int

	// Progress, when it is a terminal, receives a progress bar redrawn as
	// frames are written and cleared on Close or Abort. Nil shows nothing.
	Progress io.Writer
}

// Writer receives frames and writes them to the output.
//
// The image may be reused by the caller as soon as WriteFrame returns. Calls
// are serialised, except Abort: it may come from another goroutine (a signal
// handler) at any time and acts at once, also while a frame is being
// written or Close is still encoding: it kills ffmpeg, removes the
// temporary output and makes the call in progress fail (which then cleans
// up the rest). Close finishes the file and renames it into place; Abort
// throws everything away and leaves the destination as it was. After an
// error from WriteFrame the temporary output is already gone; call Abort
// (harmless) or Close (which returns the same error). Abort after a
// successful Close does nothing, so `defer w.Abort()` is a safe pattern.
type Writer interface {
	WriteFrame(img *image.RGBA) error
	Close() error
	Abort()
}

// Bounds of a recording, checked by Create.
const (
	// MaxFrames is the most frames of a recording: an hour of video at
	// about 30 fps, some hours of rendering at 800x600.
	MaxFrames = 100_000
	// MaxLoop is the most times a GIF can be asked to play: the file
	// stores the repeats after the first play in 16 bits.
	MaxLoop = 65536
)

// MaxPaletteFrames returns the most frames of width x height a GIF's
// palette may be built from (Options.PaletteFrames): as many as fit in its
// 256 MiB buffer, at least one. Frames past the buffer are mapped to the
// palette of the frames before, whatever PaletteFrames says.
func MaxPaletteFrames(width, height int) int {
	if width <= 0 || height <= 0 {
		return gifBufferBytes / 4
	}
	return max(1, gifBufferBytes/(4*width*height))
}

// Create checks the destination and opens a Writer for the format FormatFor
// gives for path. It fails before any frame is written when the path cannot
// be written: missing or unwritable directory, a directory where a file is
// wanted, ffmpeg missing for .mp4 or .webm, or bad options.
func Create(path string, opts Options) (Writer, error) {
	f, err := FormatFor(path)
	if err != nil {
		return nil, err
	}
	if opts.Width < 0 || opts.Height < 0 {
		return nil, fmt.Errorf("record: invalid frame size %dx%d", opts.Width, opts.Height)
	}
	if opts.Width > 65535 || opts.Height > 65535 {
		return nil, fmt.Errorf("record: frame size %dx%d is too large (at most 65535 a side)", opts.Width, opts.Height)
	}
	if (opts.Width == 0) != (opts.Height == 0) {
		return nil, fmt.Errorf("record: invalid frame size %dx%d (give both or neither)", opts.Width, opts.Height)
	}
	if opts.FPS < 0 || opts.FPS != opts.FPS || opts.FPS > 1000 {
		return nil, fmt.Errorf("record: invalid frame rate %g", opts.FPS)
	}
	if opts.FPS == 0 {
		opts.FPS = 30
	}
	if opts.Frames < 0 || opts.Frames > MaxFrames {
		return nil, fmt.Errorf("record: invalid frame count %d (at most %d)", opts.Frames, MaxFrames)
	}
	if opts.Loop < 0 || opts.Loop > MaxLoop {
		return nil, fmt.Errorf("record: invalid loop count %d (0 loops forever, at most %d)", opts.Loop, MaxLoop)
	}
	if opts.PaletteFrames < 0 {
		return nil, fmt.Errorf("record: invalid palette frame count %d", opts.PaletteFrames)
	}
	var w interruptible
	switch f {
	case GIF:
		w, err = newGIFWriter(path, opts)
	case MP4, WebM:
		w, err = newVideoWriter(path, f, opts)
	case PNG:
		w, err = newPNGWriter(path, opts)
	case PNGDir:
		w, err = newPNGDirWriter(path, opts)
	default:
		err = fmt.Errorf("record: unsupported format %v", f)
	}
	if err != nil {
		return nil, err
	}
	return &lockedWriter{w: w}, nil
}

// interruptible is a Writer whose work can be cut short from another
// goroutine: interrupt removes what can be removed at once, stops child
// processes, and makes the call in progress and every later one fail.
type interruptible interface {
	Writer
	interrupt()
}

// lockedWriter serialises the calls to a Writer, so that Abort may come from
// another goroutine (a signal handler) while a frame is being written: it
// interrupts the writer at once and finishes the clean-up itself when no
// call is in progress (else that call does, as it fails).
type lockedWriter struct {
	mu sync.Mutex
	w  interruptible
}

func (l *lockedWriter) WriteFrame(img *image.RGBA) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.WriteFrame(img)
}

func (l *lockedWriter) Close() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Close()
}

func (l *lockedWriter) Abort() {
	l.w.interrupt()
	if l.mu.TryLock() {
		defer l.mu.Unlock()
		l.w.Abort()
	}
}

// frameSize checks img against the recording's size, adopting the first
// frame's size when none was given.
type frameSize struct {
	w, h int
}

func (s *frameSize) check(img *image.RGBA, n int) error {
	if img == nil {
		return fmt.Errorf("record: frame %d is nil", n+1)
	}
	b := img.Bounds()
	if b.Empty() {
		return fmt.Errorf("record: frame %d is empty", n+1)
	}
	if s.w == 0 {
		s.w, s.h = b.Dx(), b.Dy()
	}
	if b.Dx() != s.w || b.Dy() != s.h {
		return fmt.Errorf("record: frame %d is %dx%d, want %dx%d", n+1, b.Dx(), b.Dy(), s.w, s.h)
	}
	if b.Dx() > 65535 || b.Dy() > 65535 {
		return fmt.Errorf("record: frame %d is %dx%d, too large", n+1, b.Dx(), b.Dy())
	}
	return nil
}

// rowBytes returns the bytes of row y (relative to the image's bounds) of img.
func rowBytes(img *image.RGBA, y int) []byte {
	b := img.Bounds()
	off := img.PixOffset(b.Min.X, b.Min.Y+y)
	return img.Pix[off : off+4*b.Dx()]
}
