package run

// Sample is one recorded iterate of a run: the point and the loss there.
type Sample struct {
	Step    int
	X, Y    float64
	Loss    float64
	GradX   float64 // gradient used for the step taken from this point
	GradY   float64
	HasGrad bool // false for the newest sample, whose step is not taken yet
	// LR is the learning rate of the step taken from this sample (for the
	// newest sample: of the next step), as set by the run's schedule.
	LR float64
}

// Trail is a bounded ring buffer of the most recent samples of a run. When it
// is full, adding a sample drops the oldest one, so memory stays flat however
// long a run goes on. Its storage grows with the samples pushed, up to the
// capacity, so a long trail costs memory only for the steps actually taken.
type Trail struct {
	buf   []Sample // grows up to limit; a ring once full
	limit int      // the most samples held
	start int      // index of the oldest sample
	n     int      // number of samples held
}

// trailFirstAlloc is how many samples a trail makes room for at first.
const trailFirstAlloc = 64

// NewTrail returns an empty trail that holds at most capacity samples
// (at least 2). Memory is taken as samples arrive, not up front.
func NewTrail(capacity int) *Trail {
	if capacity < 2 {
		capacity = 2
	}
	return &Trail{buf: make([]Sample, 0, min(capacity, trailFirstAlloc)), limit: capacity}
}

// Len returns the number of samples held.
func (t *Trail) Len() int { return t.n }

// Cap returns the most samples the trail holds.
func (t *Trail) Cap() int { return t.limit }

// At returns the i-th held sample, 0 being the oldest.
func (t *Trail) At(i int) Sample {
	return t.buf[(t.start+i)%len(t.buf)]
}

// Last returns the newest sample; ok is false when the trail is empty.
func (t *Trail) Last() (s Sample, ok bool) {
	if t.n == 0 {
		return Sample{}, false
	}
	return t.At(t.n - 1), true
}

// setLast replaces the newest sample.
func (t *Trail) setLast(s Sample) {
	if t.n > 0 {
		t.buf[(t.start+t.n-1)%len(t.buf)] = s
	}
}

// Push appends a sample, dropping the oldest when the trail is full.
func (t *Trail) Push(s Sample) {
	switch {
	case t.n < len(t.buf): // room in the storage (after Clear)
		t.buf[(t.start+t.n)%len(t.buf)] = s
		t.n++
	case len(t.buf) < t.limit: // not full: the storage grows (start is 0 until it is full)
		if len(t.buf) == cap(t.buf) {
			grown := make([]Sample, len(t.buf), min(t.limit, 2*cap(t.buf)))
			copy(grown, t.buf)
			t.buf = grown
		}
		t.buf = append(t.buf, s)
		t.n++
	default:
		t.buf[t.start] = s
		t.start = (t.start + 1) % len(t.buf)
	}
}

// Clear empties the trail, keeping its capacity.
func (t *Trail) Clear() {
	t.start, t.n = 0, 0
}
