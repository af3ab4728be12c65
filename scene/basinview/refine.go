// Package basinview is the window's basins view: a basins-of-attraction map
// (package basins) computed off the frame loop and refined progressively,
// drawn under the contour map's iso-lines and the runs' paths, with a key of
// the minima's colours and each outcome's share.
//
// A Refiner keeps one map up to date with the problem the window shows
// (the surface, the run's optimizer and every hyper-parameter, the visible
// rectangle): a coarse map first, within a few milliseconds, then the full
// resolution. Natively it computes on goroutines of its own; on the web,
// where there is one thread, the window gives it a slice of every frame
// (Work). The rules it follows when the problem changes:
//
//   - A change of anything but a hyper-parameter's value or the visible
//     rectangle (the surface, the optimizer, the steps, the stochastic
//     settings, the run shown) cancels the work in progress at once and
//     hides the map shown: no map of the old problem is shown after it.
//     The new problem's coarse map follows, then its full map.
//   - A sweep, a hyper-parameter's value or the rectangle changing again
//     and again (dragging the lr slider, panning), keeps the full-resolution
//     map in progress and shows it when done: each map shown is labelled
//     with its own hyper-parameters (Result.Request) and is never older than
//     one already shown. The newest value's map is computed next, at full
//     resolution (a coarse pass would replace a fine map with a blurred
//     one), so a sweep refreshes at the rate full maps are computed, and
//     the map of the value the slider stops at follows within two full
//     maps' time. Values in between that nobody waited for are dropped
//     before any work is done for them.
//   - A coarse pass whose problem is outdated is cancelled, whatever the
//     change: it is cheap to start again.
package basinview

import (
	"context"
	"errors"
	"sync"
	"time"

	"descent/optim"
	"descent/scene/basins"
)

// DefaultCoarse is the cells per side of the coarse pass: 50 x 50 starts
// of 200 steps take about 5 ms on one core.
const DefaultCoarse = 50

// Request is the map a pane wants.
type Request struct {
	// Problem is the optimizer, surface, steps and domain of the map.
	Problem basins.Problem
	// N is the map's full resolution, cells per side.
	N int
	// Owner names what the map belongs to (the window's run index): a map
	// of another owner is never a frame of the same sweep.
	Owner int
}

// same reports whether a and b ask for the same map.
func (a Request) same(b Request) bool {
	return a.sweepOf(b) && a.Problem.Domain == b.Problem.Domain && specEqual(a.Problem.Spec, b.Problem.Spec)
}

// sweepOf reports whether a and b differ at most in hyper-parameter values
// and the domain: a map of one is a frame of a sweep that reached the other.
func (a Request) sweepOf(b Request) bool {
	pa, pb := a.Problem, b.Problem
	return a.Owner == b.Owner && a.N == b.N && pa.Surface == pb.Surface && pa.Spec.Method == pb.Spec.Method &&
		len(pa.Spec.Schedulers) == 0 && len(pb.Spec.Schedulers) == 0 &&
		pa.Steps == pb.Steps && pa.Stochastic == pb.Stochastic && pa.Tol == pb.Tol
}

// specEqual reports whether two specs have the same method, values and
// schedulers (their canonical forms are equal).
func specEqual(a, b optim.Spec) bool { return a.Method == b.Method && a.String() == b.String() }

// Result is the map a Refiner shows.
type Result struct {
	// Map is the newest map computed (nil: none to show yet).
	Map *basins.Map
	// Request is what Map was computed for.
	Request Request
	// Err is why the newest request has no map (a problem the engine
	// refuses), when Map is nil.
	Err error
	// Current reports that Map (or Err) is of the newest request; Full that
	// Map has the request's full resolution.
	Current, Full bool
	// Working reports that a map is being computed or waits to be.
	Working bool
}

// Options tune a Refiner.
type Options struct {
	// Workers is how many goroutines compute a map natively; 0 means none:
	// the caller computes with Work (the web page, recordings, tests).
	Workers int
	// Coarse is the coarse pass's cells per side (0: DefaultCoarse); a
	// request of at most this many cells has no coarse pass.
	Coarse int
	// Delivered, when set, is called after each map (or error) the refiner
	// shows, from the goroutine that computed it, without locks held.
	Delivered func()
}

// Refiner keeps one basins map up to date with the newest Request (see the
// package documentation for its rules). Its methods are safe for
// concurrent use.
type Refiner struct {
	opts Options

	mu      sync.Mutex
	want    Request
	wantGen uint64 // 0: nothing wanted yet
	pending bool   // want waits for its job
	job     *job   // the job in progress (nil: none)
	shown   shown
	closed  bool
	wake    chan struct{} // tells the loop that a job waits (capacity 1)
	loopWG  sync.WaitGroup
	started bool

	worker basins.Worker // Work's scratch memory
}

// shown is the map delivered last.
type shown struct {
	m    *basins.Map
	req  Request
	gen  uint64
	err  error
	full bool
}

// job computes one request's passes in turn.
type job struct {
	req    Request
	gen    uint64
	passes []int // cells per side of each pass
	pass   int
	b      *basins.Builder
	ctx    context.Context
	cancel context.CancelFunc
}

// NewRefiner returns a refiner with nothing to compute yet.
func NewRefiner(o Options) *Refiner {
	if o.Coarse <= 0 {
		o.Coarse = DefaultCoarse
	}
	return &Refiner{opts: o, wake: make(chan struct{}, 1)}
}

// Want makes r the request to show. A request equal to the newest one
// changes nothing.
func (r *Refiner) Want(q Request) {
	q.Problem.Spec = q.Problem.Spec.Clone() // the caller may change its own
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.closed || (r.wantGen > 0 && q.same(r.want)) {
		return
	}
	r.want, r.wantGen, r.pending = q, r.wantGen+1, true
	sweep := r.shown.m != nil && r.shown.req.sweepOf(q)
	if !sweep {
		r.shown = shown{} // no map of another problem stays on screen
	}
	if j := r.job; j != nil {
		full := j.pass == len(j.passes)-1
		if !(sweep && full && j.req.sweepOf(q)) {
			j.cancel()
			r.job = nil
		}
	}
	if r.opts.Workers > 0 {
		if !r.started {
			r.started = true
			r.loopWG.Add(1)
			go r.loop()
		}
		select {
		case r.wake <- struct{}{}:
		default:
		}
	}
}

// Result returns the map to show now.
func (r *Refiner) Result() Result {
	r.mu.Lock()
	defer r.mu.Unlock()
	s := r.shown
	return Result{
		Map: s.m, Request: s.req, Err: s.err, Full: s.full,
		Current: s.gen > 0 && s.gen == r.wantGen,
		Working: r.pending || r.job != nil,
	}
}

// Close stops the work in progress and waits for the refiner's goroutines
// to end; the refiner computes nothing more.
func (r *Refiner) Close() {
	r.mu.Lock()
	if r.closed {
		r.mu.Unlock()
		return
	}
	r.closed = true
	if r.job != nil {
		r.job.cancel()
		r.job = nil
	}
	r.pending = false
	close(r.wake)
	r.mu.Unlock()
	r.loopWG.Wait()
}

// Work computes, on the caller's goroutine, for about budget (at least one
// row of starts when there is work) and reports whether work remains. It
// is how a refiner without workers computes: the web page calls it once a
// frame, a recording until it reports false.
func (r *Refiner) Work(budget time.Duration) bool {
	start := time.Now()
	for {
		j, ok := r.current()
		if !ok {
			return false
		}
		if j == nil {
			continue // the job ended at a pass that could not start
		}
		done, err := j.b.Row(j.ctx, &r.worker)
		switch {
		case err != nil:
			r.drop(j)
		case !done || j.b.Done():
			r.finishPass(j)
		}
		if time.Since(start) >= budget {
			r.mu.Lock()
			defer r.mu.Unlock()
			return r.pending || r.job != nil
		}
	}
}

// current returns the job whose rows are to be computed, starting the
// pending one and its next pass when needed; ok is false when there is
// nothing to do.
func (r *Refiner) current() (j *job, ok bool) {
	delivered := false
	defer r.notify(&delivered)
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.closed {
		return nil, false
	}
	if r.job == nil {
		if !r.pending {
			return nil, false
		}
		r.job = r.newJob()
	}
	j = r.job
	if j.b == nil && !r.startPass(j) {
		delivered = true
		return nil, true
	}
	return j, true
}

// notify calls the Delivered hook when *delivered is set.
func (r *Refiner) notify(delivered *bool) {
	if *delivered && r.opts.Delivered != nil {
		r.opts.Delivered()
	}
}

// newJob turns the pending request into a job: a coarse pass first, unless
// a map of the same sweep is shown (its full map replaces that one) or the
// request is no larger than the coarse pass.
func (r *Refiner) newJob() *job {
	q := r.want
	r.pending = false
	j := &job{req: q, gen: r.wantGen}
	j.ctx, j.cancel = context.WithCancel(context.Background())
	if r.shown.m == nil && q.N > r.opts.Coarse {
		j.passes = append(j.passes, r.opts.Coarse)
	}
	j.passes = append(j.passes, q.N)
	return j
}

// startPass builds j's builder for its current pass (under the lock). A
// problem the engine refuses ends the job with its error shown; false
// means the job has ended.
func (r *Refiner) startPass(j *job) bool {
	b, err := basins.NewBuilder(j.req.Problem, j.passes[j.pass])
	if err != nil {
		if j.gen >= r.shown.gen {
			r.shown = shown{req: j.req, gen: j.gen, err: err}
		}
		r.endJob(j)
		return false
	}
	j.b = b
	return true
}

// finishPass shows j's map when its pass is complete and moves on to the
// next pass, or ends the job.
func (r *Refiner) finishPass(j *job) {
	delivered := false
	defer r.notify(&delivered)
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.job != j {
		return // cancelled meanwhile
	}
	if !j.b.Done() {
		return // other workers still compute its last rows
	}
	if j.gen > r.shown.gen || (j.gen == r.shown.gen && !r.shown.full) {
		r.shown = shown{m: j.b.Map(), req: j.req, gen: j.gen, full: j.pass == len(j.passes)-1}
		delivered = true
	}
	j.pass++
	j.b = nil
	// A later pass starts only for the newest request.
	if j.pass >= len(j.passes) || j.gen != r.wantGen {
		r.endJob(j)
	}
}

// drop ends a job cancelled while its rows were computed.
func (r *Refiner) drop(j *job) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.job == j {
		r.endJob(j)
	}
}

// endJob ends j (under the lock).
func (r *Refiner) endJob(j *job) {
	j.cancel()
	if r.job == j {
		r.job = nil
	}
}

// loop computes jobs on the refiner's workers until Close.
func (r *Refiner) loop() {
	defer r.loopWG.Done()
	workers := make([]basins.Worker, r.opts.Workers)
	for range r.wake {
		for {
			j, ok := r.current()
			if !ok {
				break
			}
			if j == nil {
				continue
			}
			r.runPass(j, workers)
		}
	}
}

// runPass computes the rows of j's current pass on every worker at once.
func (r *Refiner) runPass(j *job, workers []basins.Worker) {
	b := j.b
	var wg sync.WaitGroup
	errs := make([]error, len(workers))
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				ok, err := b.Row(j.ctx, &workers[w])
				if err != nil || !ok {
					errs[w] = err
					return
				}
			}
		}()
	}
	wg.Wait()
	if errors.Join(errs...) != nil || !b.Done() {
		r.drop(j)
		return
	}
	r.finishPass(j)
}
