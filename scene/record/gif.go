package record

import (
	"bufio"
	"compress/lzw"
	"errors"
	"fmt"
	"image"
	"image/color"
	"math"
	"sync"
	"sync/atomic"
)

// gifMaxFPS is the fastest rate a GIF can play: delays are whole hundredths
// of a second and browsers slow down delays below 2 (to 10).
const gifMaxFPS = 50

// GIFMinFPS is the slowest rate a GIF can play: a frame's delay is stored
// in 16 bits of hundredths of a second, at most 655.35 s.
const GIFMinFPS = 100.0 / 65535

// gifBufferBytes bounds the RGBA frames kept to build the palette from when
// Options.PaletteFrames is 0.
const gifBufferBytes = 256 << 20

// gifColours is the palette size: 255 colours plus one transparent index
// used for pixels that did not change since the previous frame.
const (
	gifColours     = 255
	gifTransparent = 255
)

// gifWriter streams an animated GIF. Frames are kept (up to PaletteFrames or
// the buffer limit) until the palette is built; from then on each frame is
// mapped to palette indices on the calling goroutine (rows split over the
// cores) and handed to an encoder goroutine that crops it to the rectangle
// that changed, marks unchanged pixels transparent, LZW-compresses it and
// writes it out. The file is byte-for-byte a function of the frames and
// options.
type gifWriter struct {
	out    *tempFile
	opts   Options
	size   frameSize
	frames int
	prog   *Progress

	hist     *histogram
	buffered []*image.RGBA
	bufBytes int

	pal    color.Palette
	mapper *mapper

	jobs chan gifFrame
	done chan struct{}

	mu     sync.Mutex
	encErr error // first error of the encoder goroutine

	stopped atomic.Bool // set by interrupt: write nothing more

	err    error // sticky error: the writer is finished
	closed bool
}

// gifFrame is one frame of palette indices on its way to the encoder.
type gifFrame struct {
	pix   []uint8
	delay int // hundredths of a second
}

func newGIFWriter(path string, opts Options) (*gifWriter, error) {
	if opts.FPS > gifMaxFPS {
		return nil, fmt.Errorf("record: a GIF plays at most %d fps (got %g); lower the frame rate or record .mp4", gifMaxFPS, opts.FPS)
	}
	if opts.FPS < GIFMinFPS {
		return nil, fmt.Errorf("record: a GIF plays at least %.4f fps, a frame every 655.35 s (got %g)", GIFMinFPS, opts.FPS)
	}
	out, err := createTemp(path)
	if err != nil {
		return nil, err
	}
	return &gifWriter{
		out:  out,
		opts: opts,
		size: frameSize{opts.Width, opts.Height},
		hist: newHistogram(),
		prog: NewProgress(opts.Progress, opts.Frames),
	}, nil
}

// gifDelay is the delay of frame i (from 0) in hundredths of a second, chosen
// so that frame i starts at round(i*100/fps): the average rate is exact.
func gifDelay(i int, fps float64) int {
	return int(math.Round(float64(i+1)*100/fps) - math.Round(float64(i)*100/fps))
}

func (w *gifWriter) WriteFrame(img *image.RGBA) error {
	if w.err != nil {
		return w.err
	}
	if w.closed {
		return errors.New("record: WriteFrame after Close")
	}
	if w.stopped.Load() {
		return w.fail(errAborted)
	}
	if err := w.size.check(img, w.frames); err != nil {
		return w.fail(err)
	}
	if err := w.encoderErr(); err != nil {
		return w.fail(err)
	}
	if w.mapper == nil {
		w.hist.add(img)
		cp := image.NewRGBA(image.Rect(0, 0, w.size.w, w.size.h))
		for y := range w.size.h {
			copy(cp.Pix[y*cp.Stride:], rowBytes(img, y))
		}
		w.buffered = append(w.buffered, cp)
		w.bufBytes += len(cp.Pix)
		w.frames++
		if (w.opts.PaletteFrames > 0 && len(w.buffered) >= w.opts.PaletteFrames) || w.bufBytes >= gifBufferBytes {
			if err := w.startEncoding(); err != nil {
				return w.fail(err)
			}
		}
	} else {
		w.send(img, w.frames)
		w.frames++
	}
	w.prog.Set(w.frames)
	return nil
}

// startEncoding builds the palette from the buffered frames, writes the
// header, starts the encoder goroutine and feeds it the buffered frames.
func (w *gifWriter) startEncoding() error {
	w.pal = medianCut(w.hist, gifColours)
	w.hist = nil
	w.mapper = &mapper{lut: buildLUT(w.pal), dither: w.opts.Dither}
	bw := bufio.NewWriterSize(w.out, 1<<16)
	if err := writeGIFHeader(bw, w.size.w, w.size.h, w.pal, w.opts.Loop); err != nil {
		return fmt.Errorf("record: cannot write %s: %v", w.out.path, err)
	}
	w.jobs = make(chan gifFrame, 2)
	w.done = make(chan struct{})
	go w.encode(bw)
	buf := w.buffered
	w.buffered = nil
	for i, img := range buf {
		if w.stopped.Load() {
			return errAborted
		}
		w.send(img, i)
		buf[i] = nil
	}
	return nil
}

// send maps frame i to palette indices and queues it for the encoder.
func (w *gifWriter) send(img *image.RGBA, i int) {
	pix := make([]uint8, w.size.w*w.size.h)
	w.mapper.mapFrame(img, pix)
	w.jobs <- gifFrame{pix: pix, delay: gifDelay(i, w.opts.FPS)}
}

// encode runs on its own goroutine: it writes each frame as the rectangle
// that changed since the previous one, with unchanged pixels transparent.
// After an error it keeps draining the queue without writing.
func (w *gifWriter) encode(bw *bufio.Writer) {
	defer close(w.done)
	var prev []uint8
	var sub []uint8
	var err error
	for f := range w.jobs {
		if err == nil && w.stopped.Load() {
			err = errAborted
		}
		if err != nil {
			continue
		}
		if prev == nil {
			err = writeGIFFrame(bw, f.pix, image.Rect(0, 0, w.size.w, w.size.h), f.delay)
			prev = f.pix
			continue
		}
		r := changedRect(prev, f.pix, w.size.w, w.size.h)
		sub = sub[:0]
		for y := r.Min.Y; y < r.Max.Y; y++ {
			p := prev[y*w.size.w+r.Min.X : y*w.size.w+r.Max.X]
			c := f.pix[y*w.size.w+r.Min.X : y*w.size.w+r.Max.X]
			for x, v := range c {
				if v == p[x] {
					v = gifTransparent
				}
				sub = append(sub, v)
			}
		}
		err = writeGIFFrame(bw, sub, r, f.delay)
		prev = f.pix
	}
	if err == nil {
		err = bw.Flush()
	}
	if err == nil {
		err = bw.WriteByte(0x3b) // trailer
		if err == nil {
			err = bw.Flush()
		}
	}
	if err != nil {
		w.mu.Lock()
		w.encErr = fmt.Errorf("record: cannot write %s: %v", w.out.path, err)
		w.mu.Unlock()
	}
}

// changedRect is the smallest rectangle holding every pixel that differs
// between prev and cur; a 1x1 rectangle at the origin when none does (a GIF
// frame cannot be empty, and that pixel is written transparent).
func changedRect(prev, cur []uint8, w, h int) image.Rectangle {
	y0, y1 := -1, -1
	x0, x1 := w, 0
	for y := range h {
		p, c := prev[y*w:(y+1)*w], cur[y*w:(y+1)*w]
		l := 0
		for l < w && p[l] == c[l] {
			l++
		}
		if l == w {
			continue
		}
		r := w
		for r > l && p[r-1] == c[r-1] {
			r--
		}
		if y0 < 0 {
			y0 = y
		}
		y1 = y + 1
		x0, x1 = min(x0, l), max(x1, r)
	}
	if y0 < 0 {
		return image.Rect(0, 0, 1, 1)
	}
	return image.Rect(x0, y0, x1, y1)
}

func (w *gifWriter) encoderErr() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.encErr
}

// stopEncoder closes the queue and waits for the encoder to finish.
func (w *gifWriter) stopEncoder() {
	if w.jobs != nil {
		close(w.jobs)
		<-w.done
		w.jobs = nil
	}
}

// fail records err, removes the temporary file and returns err.
func (w *gifWriter) fail(err error) error {
	if w.err == nil {
		w.err = err
		w.stopEncoder()
		w.out.discard()
		w.buffered = nil
		w.prog.Clear()
	}
	return w.err
}

func (w *gifWriter) Close() error {
	if w.err != nil {
		return w.err
	}
	if w.closed {
		return nil
	}
	if w.frames == 0 {
		return w.fail(errors.New("record: no frames were written"))
	}
	if w.mapper == nil {
		if err := w.startEncoding(); err != nil {
			return w.fail(err)
		}
	}
	w.stopEncoder()
	if err := w.encoderErr(); err != nil {
		return w.fail(err)
	}
	w.prog.Clear()
	if err := w.out.commit(); err != nil {
		w.err = err
		return err
	}
	w.closed = true
	return nil
}

// interrupt stops the encoding and removes the temporary file at once.
func (w *gifWriter) interrupt() {
	w.stopped.Store(true)
	w.out.interrupt()
}

func (w *gifWriter) Abort() {
	if w.closed || w.err != nil {
		return
	}
	w.fail(errAborted)
}

// writeGIFHeader writes the GIF89a header, the logical screen with the
// global palette (padded to 256 entries, the last one standing for
// transparency) and, unless the GIF plays once, the NETSCAPE2.0 loop block.
func writeGIFHeader(bw *bufio.Writer, width, height int, pal color.Palette, loop int) error {
	bw.WriteString("GIF89a")
	writeU16(bw, width)
	writeU16(bw, height)
	bw.WriteByte(0xf7) // global colour table, 8 bits per channel, 256 entries
	bw.WriteByte(0)    // background colour index
	bw.WriteByte(0)    // pixel aspect ratio: unspecified
	for i := range 256 {
		var r, g, b uint32
		if i < len(pal) && i != gifTransparent {
			r, g, b, _ = pal[i].RGBA()
		}
		bw.Write([]byte{byte(r >> 8), byte(g >> 8), byte(b >> 8)})
	}
	if loop != 1 {
		repeat := 0 // forever
		if loop > 1 {
			repeat = min(loop-1, 65535)
		}
		bw.Write([]byte{0x21, 0xff, 0x0b})
		bw.WriteString("NETSCAPE2.0")
		bw.Write([]byte{0x03, 0x01})
		writeU16(bw, repeat)
		bw.WriteByte(0)
	}
	return bw.Flush()
}

// writeGIFFrame writes one frame: a graphic control extension (delay, leave
// the frame in place, transparent index) and the image at rectangle r whose
// palette indices are pix, LZW-compressed in 255-byte sub-blocks.
func writeGIFFrame(bw *bufio.Writer, pix []uint8, r image.Rectangle, delay int) error {
	bw.Write([]byte{0x21, 0xf9, 0x04, 1<<2 | 1})
	writeU16(bw, delay)
	bw.Write([]byte{gifTransparent, 0x00})
	bw.WriteByte(0x2c)
	writeU16(bw, r.Min.X)
	writeU16(bw, r.Min.Y)
	writeU16(bw, r.Dx())
	writeU16(bw, r.Dy())
	bw.WriteByte(0) // no local colour table, not interlaced
	bw.WriteByte(8) // LZW minimum code size
	blocks := &blockWriter{w: bw}
	lz := lzw.NewWriter(blocks, lzw.LSB, 8)
	if _, err := lz.Write(pix); err != nil {
		return err
	}
	if err := lz.Close(); err != nil {
		return err
	}
	blocks.flush()
	return bw.WriteByte(0) // block terminator
}

func writeU16(bw *bufio.Writer, v int) {
	bw.WriteByte(byte(v))
	bw.WriteByte(byte(v >> 8))
}

// blockWriter cuts a byte stream into GIF data sub-blocks of up to 255 bytes.
type blockWriter struct {
	w   *bufio.Writer
	buf [255]byte
	n   int
}

func (b *blockWriter) Write(p []byte) (int, error) {
	total := len(p)
	for len(p) > 0 {
		c := copy(b.buf[b.n:], p)
		b.n += c
		p = p[c:]
		if b.n == len(b.buf) {
			if err := b.flush(); err != nil {
				return total - len(p), err
			}
		}
	}
	return total, nil
}

func (b *blockWriter) flush() error {
	if b.n == 0 {
		return nil
	}
	b.w.WriteByte(byte(b.n))
	_, err := b.w.Write(b.buf[:b.n])
	b.n = 0
	return err
}
