package record

import (
	"errors"
	"fmt"
	"image"
	"io"
	"os/exec"
	"strconv"
	"strings"
	"sync"
)

// videoWriter pipes raw RGBA frames to an ffmpeg process that encodes them
// into a temporary file beside the destination.
type videoWriter struct {
	out    *tempFile
	format Format
	size   frameSize
	frames int
	prog   *Progress

	cmd    *exec.Cmd
	stdin  io.WriteCloser
	stderr *tailBuffer
	row    []byte

	err    error
	closed bool
}

// ffmpegArgs returns ffmpeg's arguments to encode raw WxH RGBA frames from
// stdin at fps into file tmp. The bitexact flags and the single encoder
// thread keep ffmpeg from writing its version or varying the output, so the
// same frames give the same bytes.
func ffmpegArgs(f Format, w, h int, fps float64, tmp string) []string {
	args := []string{
		"-hide_banner", "-loglevel", "error", "-nostats", "-y",
		"-f", "rawvideo", "-pix_fmt", "rgba", "-s", fmt.Sprintf("%dx%d", w, h),
		"-r", strconv.FormatFloat(fps, 'g', -1, 64), "-i", "-",
		"-an", "-map_metadata", "-1", "-fflags", "+bitexact", "-flags:v", "+bitexact",
		"-threads", "1",
	}
	switch f {
	case MP4:
		args = append(args, "-c:v", "libx264", "-pix_fmt", "yuv420p", "-crf", "18",
			"-movflags", "+faststart", "-f", "mp4", tmp)
	case WebM:
		args = append(args, "-c:v", "libvpx-vp9", "-pix_fmt", "yuv420p", "-crf", "30", "-b:v", "0",
			"-deadline", "good", "-cpu-used", "4", "-f", "webm", tmp)
	}
	return args
}

func newVideoWriter(path string, f Format, opts Options) (*videoWriter, error) {
	ext := "." + f.String()
	bin, err := exec.LookPath("ffmpeg")
	if err != nil {
		return nil, fmt.Errorf("record: %s needs ffmpeg on PATH (install ffmpeg, or record a .gif)", ext)
	}
	if opts.Width == 0 {
		return nil, fmt.Errorf("record: %s needs the frame size up front", ext)
	}
	if opts.Width%2 != 0 || opts.Height%2 != 0 {
		return nil, fmt.Errorf("record: %s needs an even frame size, got %dx%d", ext, opts.Width, opts.Height)
	}
	out, err := createTemp(path)
	if err != nil {
		return nil, err
	}
	v := &videoWriter{
		out:    out,
		format: f,
		size:   frameSize{opts.Width, opts.Height},
		prog:   NewProgress(opts.Progress, opts.Frames),
		stderr: &tailBuffer{max: 4096},
	}
	v.cmd = exec.Command(bin, ffmpegArgs(f, opts.Width, opts.Height, opts.FPS, out.Name())...)
	v.cmd.Stderr = v.stderr
	ownProcessGroup(v.cmd)
	v.stdin, err = v.cmd.StdinPipe()
	if err == nil {
		err = v.cmd.Start()
	}
	if err != nil {
		out.discard()
		return nil, fmt.Errorf("record: cannot start ffmpeg: %v", err)
	}
	return v, nil
}

func (v *videoWriter) WriteFrame(img *image.RGBA) error {
	if v.err != nil {
		return v.err
	}
	if v.closed {
		return errors.New("record: WriteFrame after Close")
	}
	if err := v.size.check(img, v.frames); err != nil {
		return v.fail(err)
	}
	b := img.Bounds()
	var err error
	if img.Stride == 4*b.Dx() && b.Min == (image.Point{}) {
		_, err = v.stdin.Write(img.Pix[:4*b.Dx()*b.Dy()])
	} else {
		for y := range b.Dy() {
			if _, err = v.stdin.Write(rowBytes(img, y)); err != nil {
				break
			}
		}
	}
	if err != nil {
		// ffmpeg stopped reading: its exit status and stderr say why.
		werr := v.cmd.Wait()
		return v.fail(v.ffmpegError(werr))
	}
	v.frames++
	v.prog.Set(v.frames)
	return nil
}

// ffmpegError describes a failed ffmpeg run with the end of its stderr.
func (v *videoWriter) ffmpegError(err error) error {
	msg := strings.TrimSpace(v.stderr.String())
	if err == nil {
		err = errors.New("stopped reading frames")
	}
	if msg == "" {
		return fmt.Errorf("record: ffmpeg failed writing %s: %v", v.out.path, err)
	}
	return fmt.Errorf("record: ffmpeg failed writing %s: %v: %s", v.out.path, err, msg)
}

// fail kills ffmpeg if it still runs, removes the temporary file and records err.
func (v *videoWriter) fail(err error) error {
	if v.err == nil {
		v.err = err
		v.stdin.Close()
		if v.cmd.ProcessState == nil {
			v.cmd.Process.Kill()
			v.cmd.Wait()
		}
		v.out.discard()
		v.prog.Clear()
	}
	return v.err
}

func (v *videoWriter) Close() error {
	if v.err != nil {
		return v.err
	}
	if v.closed {
		return nil
	}
	if v.frames == 0 {
		return v.fail(errors.New("record: no frames were written"))
	}
	v.stdin.Close()
	if err := v.cmd.Wait(); err != nil {
		return v.fail(v.ffmpegError(err))
	}
	v.prog.Clear()
	// ffmpeg wrote the file by name; the temporary file's own handle only reserved it.
	if err := v.out.commit(); err != nil {
		v.err = err
		return err
	}
	v.closed = true
	return nil
}

// interrupt removes the temporary file and kills ffmpeg at once (the
// writer exists only once ffmpeg has started).
func (v *videoWriter) interrupt() {
	v.out.interrupt()
	v.cmd.Process.Kill()
}

func (v *videoWriter) Abort() {
	if v.closed || v.err != nil {
		return
	}
	v.fail(errAborted)
}

// tailBuffer keeps the last max bytes written to it.
type tailBuffer struct {
	mu  sync.Mutex
	max int
	buf []byte
}

func (t *tailBuffer) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.buf = append(t.buf, p...)
	if len(t.buf) > t.max {
		t.buf = append(t.buf[:0], t.buf[len(t.buf)-t.max:]...)
	}
	return len(p), nil
}

func (t *tailBuffer) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return string(t.buf)
}
