package capture

import (
	"image"
	"time"
)

// Pipeline hands frames to a Writer on a goroutine of its own, so that
// quantising and encoding frame n overlap with rendering frame n+1. Frames
// reach the writer in order; a fixed set of buffers bounds the memory. The
// renderer takes a buffer (Next, or TryNext when it would rather drop a
// frame than wait), fills it and sends it.
type Pipeline struct {
	w    Writer
	jobs chan job
	free chan *image.RGBA
	done chan struct{}
	err  error         // the writer's first error: read it after fail or done is closed
	fail chan struct{} // closed on the writer's first error
	busy time.Duration // time spent in WriteFrame
	sent int           // frames written (repeats counted)
}

type job struct {
	img    *image.RGBA
	repeat int
}

// NewPipeline starts a pipeline of buffers frames of width x height pixels
// into w.
func NewPipeline(w Writer, width, height, buffers int) *Pipeline {
	q := &Pipeline{
		w: w, jobs: make(chan job, buffers), free: make(chan *image.RGBA, buffers),
		done: make(chan struct{}), fail: make(chan struct{}),
	}
	for range buffers {
		q.free <- image.NewRGBA(image.Rect(0, 0, width, height))
	}
	go q.run()
	return q
}

func (q *Pipeline) run() {
	defer close(q.done)
	for j := range q.jobs {
		for range j.repeat {
			if q.err != nil {
				break
			}
			t := time.Now()
			if err := q.w.WriteFrame(j.img); err != nil {
				q.err = err
				close(q.fail)
			} else {
				q.sent++
			}
			q.busy += time.Since(t)
		}
		q.free <- j.img
	}
}

// Next returns a buffer for the next frame, waiting while the writer is
// behind by every buffer; it fails once the writer has failed.
func (q *Pipeline) Next() (*image.RGBA, error) {
	if q.failed() {
		return nil, q.err
	}
	select {
	case <-q.fail:
		return nil, q.err // set before fail was closed
	case img := <-q.free:
		return img, nil
	}
}

// TryNext returns a buffer for the next frame, or false when the writer is
// behind (or has failed): the caller drops that frame.
func (q *Pipeline) TryNext() (*image.RGBA, bool) {
	if q.failed() {
		return nil, false
	}
	select {
	case img := <-q.free:
		return img, true
	default:
		return nil, false
	}
}

// failed reports whether the writer has failed (a select would pick a free
// buffer or the failure at random when both are there).
func (q *Pipeline) failed() bool {
	select {
	case <-q.fail:
		return true
	default:
		return false
	}
}

// Send queues a frame filled by the caller, to be written repeat times.
func (q *Pipeline) Send(img *image.RGBA, repeat int) { q.jobs <- job{img, repeat} }

// Finish waits for the queued frames to be written and returns the
// writer's first error, the frames written and the time the writer took.
func (q *Pipeline) Finish() (frames int, busy time.Duration, err error) {
	close(q.jobs)
	<-q.done
	return q.sent, q.busy, q.err
}
