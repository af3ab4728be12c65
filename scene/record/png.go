package record

import (
	"bufio"
	"errors"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"runtime"
	"sync"
)

// pngWriter writes exactly one frame to a PNG file.
type pngWriter struct {
	out    *tempFile
	size   frameSize
	frames int
	err    error
	closed bool
}

func newPNGWriter(path string, opts Options) (*pngWriter, error) {
	out, err := createTemp(path)
	if err != nil {
		return nil, err
	}
	return &pngWriter{out: out, size: frameSize{opts.Width, opts.Height}}, nil
}

func (p *pngWriter) WriteFrame(img *image.RGBA) error {
	if p.err != nil {
		return p.err
	}
	if p.closed {
		return errors.New("record: WriteFrame after Close")
	}
	if p.frames > 0 {
		return p.fail(errors.New("record: a .png holds one frame, got a second one (record to a directory for numbered frames)"))
	}
	if err := p.size.check(img, p.frames); err != nil {
		return p.fail(err)
	}
	bw := bufio.NewWriter(p.out)
	err := encodePNG(bw, img)
	if err == nil {
		err = bw.Flush()
	}
	if err != nil {
		return p.fail(fmt.Errorf("record: cannot write %s: %v", p.out.path, err))
	}
	p.frames++
	return nil
}

func (p *pngWriter) fail(err error) error {
	if p.err == nil {
		p.err = err
		p.out.discard()
	}
	return p.err
}

func (p *pngWriter) Close() error {
	if p.err != nil {
		return p.err
	}
	if p.closed {
		return nil
	}
	if p.frames == 0 {
		return p.fail(errors.New("record: no frames were written"))
	}
	if err := p.out.commit(); err != nil {
		p.err = err
		return err
	}
	p.closed = true
	return nil
}

// interrupt removes the temporary file at once.
func (p *pngWriter) interrupt() { p.out.interrupt() }

func (p *pngWriter) Abort() {
	if p.closed || p.err != nil {
		return
	}
	p.fail(errAborted)
}

// encodePNG writes img as an opaque PNG: alpha is dropped, as in the other formats.
func encodePNG(w *bufio.Writer, img *image.RGBA) error {
	b := img.Bounds()
	opaque := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	for y := range b.Dy() {
		row := opaque.Pix[y*opaque.Stride : y*opaque.Stride+4*b.Dx()]
		copy(row, rowBytes(img, y))
		for i := 3; i < len(row); i += 4 {
			row[i] = 255
		}
	}
	return (&png.Encoder{CompressionLevel: png.DefaultCompression}).Encode(w, opaque)
}

// FrameName is the file name of frame n (counting from 1) in a PNG directory:
// frame-00001.png, frame-00002.png, ...
func FrameName(n int) string { return fmt.Sprintf("frame-%05d.png", n) }

// pngDirWriter writes numbered PNGs into a temporary directory and moves
// them into place on Close.
//
// When the destination does not exist, the frames go to a temporary sibling
// directory renamed to the destination at the end (one atomic step). When it
// exists, it must not already hold frame-*.png files (Create fails otherwise,
// so frames of an older, longer recording are never mixed with new ones); the
// frames go to a temporary directory inside it and are moved in one by one on
// Close. Other files in an existing directory are left alone.
type pngDirWriter struct {
	dir    string // destination
	tmp    string // temporary directory holding the frames so far
	exists bool   // destination existed before: move frames one by one
	size   frameSize
	frames int
	prog   *Progress

	// Frames are compressed by one goroutine per core while the caller
	// renders the next ones; each goes to its own file, so order is free.
	jobs chan pngJob
	wg   sync.WaitGroup
	mu   sync.Mutex
	werr error
	// aborted (set by interrupt) and committed (the frames are in place)
	// are guarded by mu too: the frames move into place or go, never both.
	aborted, committed bool

	err    error
	closed bool
}

type pngJob struct {
	img  *image.RGBA
	name string
}

func newPNGDirWriter(path string, opts Options) (*pngDirWriter, error) {
	dir := filepath.Clean(path)
	w := &pngDirWriter{dir: dir, size: frameSize{opts.Width, opts.Height}}
	if err := checkFrameDir(path); err != nil {
		return nil, err
	}
	_, err := os.Stat(dir)
	switch {
	case err == nil:
		old, _ := filepath.Glob(filepath.Join(dir, "frame-*.png"))
		if len(old) > 0 {
			return nil, fmt.Errorf("record: %s already holds frame-*.png files (%d); remove them or choose another directory", path, len(old))
		}
		w.exists = true
		w.tmp, err = os.MkdirTemp(dir, ".frames.tmp-*")
	default: // missing; its parent is a directory (checkFrameDir)
		w.tmp, err = os.MkdirTemp(filepath.Dir(dir), "."+filepath.Base(dir)+".tmp-*")
	}
	if err != nil {
		return nil, fmt.Errorf("record: cannot write frames to %s: %v", path, unwrapPath(err))
	}
	w.prog = NewProgress(opts.Progress, opts.Frames)
	workers := max(1, runtime.GOMAXPROCS(0))
	w.jobs = make(chan pngJob, workers)
	for range workers {
		w.wg.Go(w.encode)
	}
	return w, nil
}

func (w *pngDirWriter) encode() {
	for j := range w.jobs {
		if w.writeErr() != nil || w.isAborted() {
			continue
		}
		if err := writePNGFile(filepath.Join(w.tmp, j.name), j.img); err != nil {
			w.mu.Lock()
			w.werr = fmt.Errorf("record: cannot write frames to %s: %v", w.dir, unwrapPath(err))
			w.mu.Unlock()
		}
	}
}

func writePNGFile(path string, img *image.RGBA) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(f)
	err = encodePNG(bw, img)
	if err == nil {
		err = bw.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// isAborted reports whether interrupt has come.
func (w *pngDirWriter) isAborted() bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.aborted
}

// interrupt removes the temporary directory at once, unless the frames are
// already in place; the workers write no more frames.
func (w *pngDirWriter) interrupt() {
	w.mu.Lock()
	if w.committed {
		w.mu.Unlock()
		return
	}
	w.aborted = true
	w.mu.Unlock()
	os.RemoveAll(w.tmp)
}

func (w *pngDirWriter) writeErr() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.werr
}

func (w *pngDirWriter) WriteFrame(img *image.RGBA) error {
	if w.err != nil {
		return w.err
	}
	if w.closed {
		return errors.New("record: WriteFrame after Close")
	}
	if w.isAborted() {
		return w.fail(errAborted)
	}
	if err := w.size.check(img, w.frames); err != nil {
		return w.fail(err)
	}
	if err := w.writeErr(); err != nil {
		return w.fail(err)
	}
	cp := image.NewRGBA(image.Rect(0, 0, w.size.w, w.size.h))
	for y := range w.size.h {
		copy(cp.Pix[y*cp.Stride:], rowBytes(img, y))
	}
	w.frames++
	w.jobs <- pngJob{img: cp, name: FrameName(w.frames)}
	w.prog.Set(w.frames)
	return nil
}

func (w *pngDirWriter) stop() {
	if w.jobs != nil {
		close(w.jobs)
		w.wg.Wait()
		w.jobs = nil
	}
}

func (w *pngDirWriter) fail(err error) error {
	if w.err == nil {
		w.err = err
		w.stop()
		os.RemoveAll(w.tmp)
		w.prog.Clear()
	}
	return w.err
}

func (w *pngDirWriter) Close() error {
	if w.err != nil {
		return w.err
	}
	if w.closed {
		return nil
	}
	if w.frames == 0 {
		return w.fail(errors.New("record: no frames were written"))
	}
	w.stop()
	if err := w.writeErr(); err != nil {
		return w.fail(err)
	}
	w.prog.Clear()
	if err := w.moveIntoPlace(); errors.Is(err, errAborted) {
		return w.fail(err)
	} else if err != nil {
		return w.fail(fmt.Errorf("record: cannot write frames to %s: %v", w.dir, unwrapPath(err)))
	}
	w.closed = true
	return nil
}

// moveIntoPlace renames the temporary directory to the destination, or, when
// the destination existed, moves each frame into it. An interrupt before
// the last frame is in place takes back the frames already moved.
func (w *pngDirWriter) moveIntoPlace() error {
	if err := os.Chmod(w.tmp, 0o755); err != nil {
		return err
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.aborted {
		return errAborted
	}
	if !w.exists {
		if err := os.Rename(w.tmp, w.dir); err != nil {
			return err
		}
		w.committed = true
		return nil
	}
	takeBack := func(moved int) {
		for m := 1; m <= moved; m++ {
			os.Remove(filepath.Join(w.dir, FrameName(m)))
		}
	}
	for n := 1; n <= w.frames; n++ {
		// Let an interrupt in between frames.
		w.mu.Unlock()
		w.mu.Lock()
		if w.aborted {
			takeBack(n - 1)
			return errAborted
		}
		name := FrameName(n)
		if err := os.Rename(filepath.Join(w.tmp, name), filepath.Join(w.dir, name)); err != nil {
			takeBack(n - 1) // all or nothing
			return err
		}
	}
	w.committed = true
	return os.Remove(w.tmp)
}

func (w *pngDirWriter) Abort() {
	if w.closed || w.err != nil {
		return
	}
	w.fail(errAborted)
}
