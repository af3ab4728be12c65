// Package timeline lets the window show a run at any step it has already
// computed, backwards as well as forwards, in bounded memory.
//
// A Tape keeps snapshots of its run (run.Snapshot) at every k-th step, at
// most MaxMarks of them: when they fill, every other one is dropped and k
// doubles, so a run of any length costs the same memory and the snapshots
// still span it from step 0. Showing step s restores the last snapshot
// that leaves room to rebuild the run's trail (the trailing iterates the
// views draw) and steps the run forward to s. Runs are deterministic
// (their random draws included), so the recomputed steps are the same
// bits as the first time: going back and forth never changes a path.
//
// Recomputing costs at most k + trail steps: with the default trail of
// 1000 iterates, about 1,100 steps at 100,000 steps computed and 2,000 at
// 1,000,000.
package timeline

import (
	"descent/scene/run"
)

// MaxMarks is the most snapshots a Tape keeps.
const MaxMarks = 1024

// Tape records one run's snapshots as it steps.
type Tape struct {
	marks    []run.Snapshot // marks[i] is the state after i*every steps
	every    int
	frontier int  // the furthest step the run has computed
	diverged bool // the step after the frontier diverged
}

// New returns a tape for r, which must be at its start (step 0).
func New(r *run.Run) *Tape {
	t := &Tape{}
	t.Reset(r)
	return t
}

// Reset forgets everything recorded and starts again from r's state,
// which must be its start (the run restarted).
func (t *Tape) Reset(r *run.Run) {
	t.marks, t.every, t.frontier = t.marks[:0], 1, r.Steps()
	t.diverged = r.Diverged()
	t.mark(r)
}

// mark adds r's state as the next snapshot.
func (t *Tape) mark(r *run.Run) {
	t.marks = append(t.marks, r.Snapshot())
	if len(t.marks) < MaxMarks {
		return
	}
	// Full: keep every other snapshot (those at multiples of 2*every).
	k := 0
	for i := 0; i < len(t.marks); i += 2 {
		t.marks[k] = t.marks[i]
		k++
	}
	clear(t.marks[k:])
	t.marks = t.marks[:k]
	t.every *= 2
}

// Record notes r's state after a step: it moves the frontier and takes a
// snapshot when the step is due one. Call it after every step the run
// takes while playing (not while Seek replays).
func (t *Tape) Record(r *run.Run) {
	n := r.Steps()
	if n == t.frontier {
		t.diverged = r.Diverged() // a run that diverges stays at its last step
	}
	if n <= t.frontier {
		return // a step already computed (played again after a Seek)
	}
	t.frontier, t.diverged = n, r.Diverged()
	if n == len(t.marks)*t.every {
		t.mark(r)
	}
}

// Frontier returns the furthest step the run has computed.
func (t *Tape) Frontier() int { return t.frontier }

// Marks returns the number of snapshots kept.
func (t *Tape) Marks() int { return len(t.marks) }

// Every returns the number of steps between snapshots.
func (t *Tape) Every() int { return t.every }

// Seek shows r at step (clamped to the steps computed, 0 to Frontier) and
// returns the step shown and the number of steps it recomputed. A run
// already at the step does nothing; otherwise the run restarts from the
// last snapshot at or before step-(trail length-1), so that its trail is
// rebuilt whole, and steps forward.
func (t *Tape) Seek(r *run.Run, step int) (shown, recomputed int) {
	step = max(0, min(step, t.frontier))
	if step != r.Steps() {
		from := max(0, step-(r.Trail.Cap()-1))
		// Stepping on from where the run is needs fewer steps when it is
		// already past the trail's start and before the target.
		if n := r.Steps(); !(n >= from && n < step) {
			r.Restore(t.marks[min(from/t.every, len(t.marks)-1)])
		}
		for r.Steps() < step {
			if r.Step() != nil {
				break // diverged or ended: the same as the first time
			}
			recomputed++
		}
	}
	if step == t.frontier && t.diverged && !r.Diverged() {
		_ = r.Step() // it diverged here the first time: marked again
	}
	return r.Steps(), recomputed
}
