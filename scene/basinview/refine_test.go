package basinview

import (
	"context"
	"slices"
	"strings"
	"sync"
	"testing"

	"descent/optim"
	"descent/scene/basins"
	"descent/scene/surface"
)

// surfaces holds one surface per name, so that requests of a surface share
// it as the window's do.
var surfaces sync.Map

// request returns a request for spec on the named surface.
func request(t testing.TB, surf, spec string, steps, n int) Request {
	t.Helper()
	s, ok := surfaces.Load(surf)
	if !ok {
		l, err := surface.Lookup(surf)
		if err != nil {
			t.Fatal(err)
		}
		s, _ = surfaces.LoadOrStore(surf, l)
	}
	return requestOn(t, s.(*surface.Surface), spec, steps, n)
}

// requestOn returns a request for spec on s.
func requestOn(t testing.TB, s *surface.Surface, spec string, steps, n int) Request {
	t.Helper()
	sp, err := optim.ParseSpec(spec)
	if err != nil {
		t.Fatal(err)
	}
	return Request{Problem: basins.Problem{Surface: s, Spec: sp, Steps: steps}, N: n}
}

// computed returns Compute's map of q at n cells per side.
func computed(t *testing.T, q Request, n int) *basins.Map {
	t.Helper()
	m, err := basins.Compute(context.Background(), q.Problem, n, basins.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// sameMap reports whether two maps have the same outcomes and end points.
func sameMap(a, b *basins.Map) bool {
	return a.N == b.N && a.Domain == b.Domain && slices.Equal(a.Outcome, b.Outcome) &&
		slices.Equal(a.StepsTo, b.StepsTo) && slices.Equal(a.EndX, b.EndX) && slices.Equal(a.EndY, b.EndY)
}

// spec returns the spec a result's map was computed for.
func spec(r Result) string { return r.Request.Problem.Spec.String() }

// TestProgressiveRefinement: computed one row at a time, a refiner shows
// nothing until the coarse pass is complete, then the coarse map (current,
// not full), then the full map, each equal to Compute's.
func TestProgressiveRefinement(t *testing.T) {
	q := request(t, "himmelblau", "adam:lr=0.05", 60, 24)
	r := NewRefiner(Options{Coarse: 8})
	defer r.Close()
	if res := r.Result(); res.Map != nil || res.Working || res.Current {
		t.Fatalf("before any request: %+v", res)
	}
	r.Want(q)
	var passes []int
	for rows, more := 0, true; more; rows++ {
		if rows > 0 {
			more = r.Work(0)
		}
		res := r.Result()
		if res.Map != nil && (len(passes) == 0 || passes[len(passes)-1] != res.Map.N) {
			passes = append(passes, res.Map.N)
			if !res.Current || res.Full != (res.Map.N == 24) {
				t.Errorf("after %d rows: %d x %d map, current %v, full %v", rows, res.Map.N, res.Map.N, res.Current, res.Full)
			}
			if !sameMap(res.Map, computed(t, q, res.Map.N)) {
				t.Errorf("the %d x %d map differs from Compute's", res.Map.N, res.Map.N)
			}
		}
		if res.Map == nil && rows >= 8 {
			t.Fatalf("no map after %d rows (the coarse pass has 8)", rows)
		}
	}
	if !slices.Equal(passes, []int{8, 24}) {
		t.Errorf("maps shown at %v cells per side, want [8 24]", passes)
	}
	res := r.Result()
	if res.Working || !res.Full || !res.Current || res.Map.N != 24 {
		t.Errorf("at the end: %+v", res)
	}
	r.Want(q) // the same request: nothing to do
	if res := r.Result(); res.Working || res.Map == nil {
		t.Errorf("the same request again restarted the work: %+v", res)
	}
}

// TestChangeHidesStaleMap: any change that is not a sweep (another
// optimizer, surface, steps, run, or noise) hides the map shown at once and
// cancels the work in progress; after it no map of the old request is ever
// shown, and the new request's maps follow, coarse first.
func TestChangeHidesStaleMap(t *testing.T) {
	base := request(t, "himmelblau", "adam:lr=0.05", 40, 20)
	rosen := request(t, "rosenbrock", "adam:lr=0.05", 40, 20)
	tests := []struct {
		name   string
		change func(q Request) Request
	}{
		{"optimizer", func(q Request) Request {
			q.Problem.Spec = requestOn(t, q.Problem.Surface, "momentum:lr=0.005", 40, 20).Problem.Spec
			return q
		}},
		{"surface", func(Request) Request { return rosen }},
		{"steps", func(q Request) Request { q.Problem.Steps = 30; return q }},
		{"owner", func(q Request) Request { q.Owner = 1; return q }},
		{"noise", func(q Request) Request { q.Problem.Stochastic.Noise = 0.5; return q }},
	}
	for _, tt := range tests {
		for _, rowsBefore := range []int{3, 30} { // in the coarse pass, in the full pass
			r := NewRefiner(Options{Coarse: 10})
			r.Want(base)
			for range rowsBefore {
				r.Work(0)
			}
			if rowsBefore == 30 && r.Result().Map == nil {
				t.Fatalf("%s: no map after 30 rows", tt.name)
			}
			nq := tt.change(base)
			r.Want(nq)
			var sizes []int
			for more := true; more; {
				more = r.Work(0)
				res := r.Result()
				if res.Map != nil {
					if !res.Request.same(nq) || !res.Current {
						t.Fatalf("%s after %d rows: shows a map of %s (owner %d, %d steps), current %v", tt.name, rowsBefore, spec(res), res.Request.Owner, res.Request.Problem.Steps, res.Current)
					}
					if len(sizes) == 0 || sizes[len(sizes)-1] != res.Map.N {
						sizes = append(sizes, res.Map.N)
					}
				}
			}
			if !slices.Equal(sizes, []int{10, 20}) {
				t.Errorf("%s after %d rows: maps of %v cells per side, want [10 20]", tt.name, rowsBefore, sizes)
			}
			r.Close()
		}
	}
}

// TestSweep: while a hyper-parameter keeps changing, the full map in
// progress is finished and shown, labelled with its own lr and marked not
// current; the values nobody waited for are skipped; the last value's map
// follows at full resolution; maps never go back in time.
func TestSweep(t *testing.T) {
	at := func(lr string) Request { return request(t, "himmelblau", "adam:lr="+lr, 40, 20) }
	r := NewRefiner(Options{Coarse: 10})
	defer r.Close()
	r.Want(at("0.05"))
	for r.Work(0) {
	}
	r.Want(at("0.06"))
	if res := r.Result(); res.Map == nil || spec(res) != "adam:lr=0.05" || res.Current || !res.Working {
		t.Fatalf("sweeping to 0.06: shows %s, current %v", spec(res), res.Current)
	}
	var shown []string
	record := func() {
		res := r.Result()
		if s := spec(res); len(shown) == 0 || shown[len(shown)-1] != s {
			shown = append(shown, s)
			if !res.Full {
				t.Errorf("a coarse map of %s during the sweep", s)
			}
		}
	}
	for i := range 5 { // 0.06's full map half done, then 0.07, 0.08, 0.09, 0.1
		r.Work(0)
		record()
		r.Want(at([]string{"0.07", "0.08", "0.09", "0.1", "0.11"}[i]))
	}
	for r.Work(0) {
		record()
	}
	record()
	want := []string{"adam:lr=0.05", "adam:lr=0.06", "adam:lr=0.11"}
	if !slices.Equal(shown, want) {
		t.Errorf("maps shown %v, want %v", shown, want)
	}
	res := r.Result()
	if !res.Current || !res.Full || !sameMap(res.Map, computed(t, at("0.11"), 20)) {
		t.Errorf("the sweep's last map: current %v full %v", res.Current, res.Full)
	}
}

// TestCoarsePassOutdated: a sweep change during the coarse pass (nothing
// shown yet) cancels it: the old value's map never appears.
func TestCoarsePassOutdated(t *testing.T) {
	a := request(t, "himmelblau", "adam:lr=0.05", 40, 20)
	b := request(t, "himmelblau", "adam:lr=0.08", 40, 20)
	r := NewRefiner(Options{Coarse: 10})
	defer r.Close()
	r.Want(a)
	r.Work(0)
	r.Want(b)
	for more := true; more; {
		if res := r.Result(); res.Map != nil && spec(res) != "adam:lr=0.08" {
			t.Fatalf("shows %s after the change to 0.08", spec(res))
		}
		more = r.Work(0)
	}
	if res := r.Result(); !res.Full || spec(res) != "adam:lr=0.08" {
		t.Errorf("at the end: %s, full %v", spec(res), res.Full)
	}
}

// TestRefusedProblem: a problem the engine refuses is shown as an error of
// the current request, with no map.
func TestRefusedProblem(t *testing.T) {
	q := request(t, "parabola", "sgd:lr=0.1", 10, 20)
	r := NewRefiner(Options{})
	defer r.Close()
	r.Want(q)
	for r.Work(0) {
	}
	res := r.Result()
	if res.Map != nil || res.Err == nil || !strings.Contains(res.Err.Error(), "1-D") || !res.Current || res.Working {
		t.Errorf("1-D surface: %+v", res)
	}
}

// TestBackgroundWorkers: with workers of its own, a refiner computes on
// them: the maps come coarse then full, a non-sweep change made while a
// long map is computed cancels it (none of its maps appears afterwards),
// and Close ends the work in progress and the goroutines.
func TestBackgroundWorkers(t *testing.T) {
	var mu sync.Mutex
	var log []Result
	delivered := make(chan struct{}, 100)
	var r *Refiner
	r = NewRefiner(Options{Workers: 2, Coarse: 10, Delivered: func() {
		res := r.Result()
		mu.Lock()
		log = append(log, res)
		mu.Unlock()
		delivered <- struct{}{}
	}})
	quick := request(t, "himmelblau", "adam:lr=0.05", 30, 40)
	r.Want(quick)
	<-delivered
	<-delivered
	mu.Lock()
	if len(log) != 2 || log[0].Map.N != 10 || log[1].Map.N != 40 || !log[1].Full || !sameMap(log[1].Map, computed(t, quick, 40)) {
		t.Errorf("maps delivered: %+v", log)
	}
	log = nil
	mu.Unlock()

	slow := request(t, "himmelblau", "rmsprop:lr=0.01", 20_000, 400) // tens of seconds
	r.Want(slow)
	<-delivered // its coarse map: the full pass is under way
	next := request(t, "rosenbrock", "adam:lr=0.01", 30, 40)
	r.Want(next)
	for {
		<-delivered
		res := r.Result()
		if res.Full && res.Current {
			break
		}
	}
	mu.Lock()
	for i, res := range log[1:] {
		if res.Request.Problem.Surface != next.Problem.Surface {
			t.Errorf("map %d after the change is of %s", i+1, spec(res))
		}
	}
	mu.Unlock()
	r.Want(slow)
	<-delivered // coarse; the full pass is being computed
	r.Close()   // returns once the workers have stopped
	if res := r.Result(); res.Working {
		t.Errorf("working after Close: %+v", res)
	}
	r.Want(quick) // ignored after Close
	if r.Work(0) {
		t.Error("a closed refiner still has work")
	}
}
