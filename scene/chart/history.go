// Package chart is the loss chart: each run's loss (or distance to the
// nearest known minimum) against the step, on a linear or log scale, drawn
// from a history that keeps a bounded number of points however long the
// runs go.
package chart

import (
	"math"

	"descent/scene/run"
	"descent/scene/surface"
)

// HistoryCap is the most points a History keeps. When it is full every
// other point is dropped and only every 2k-th step is kept from then on, so
// a run of any length costs the same memory and the chart still spans it
// from step 0.
const HistoryCap = 512

// History is one run's loss, distance to the nearest known minimum and
// learning rate per step, decimated to at most HistoryCap points, plus the
// newest step.
type History struct {
	every  int // steps between kept points
	steps  []int
	loss   []float64
	dist   []float64
	lr     []float64
	last   int // newest step seen (-1: none)
	lastL  float64
	lastD  float64
	lastLR float64
	hasMin bool
}

// NewHistory returns an empty history.
func NewHistory() *History {
	return &History{every: 1, last: -1}
}

// Last returns the newest step recorded (-1 when none) with its loss and
// distance (NaN when the surface has no known minimum).
func (h *History) Last() (step int, loss, dist float64) { return h.last, h.lastL, h.lastD }

// Len returns the number of points kept (the newest step may come on top).
func (h *History) Len() int { return len(h.steps) }

// Reset empties the history (the run restarted).
func (h *History) Reset() {
	h.every, h.last, h.hasMin = 1, -1, false
	h.steps, h.loss, h.dist, h.lr = h.steps[:0], h.loss[:0], h.dist[:0], h.lr[:0]
}

// Add records step's loss, distance and learning rate (the lr of the
// step after it); steps must come in increasing order.
func (h *History) Add(step int, loss, dist, lr float64) {
	h.last, h.lastL, h.lastD, h.lastLR = step, loss, dist, lr
	if step%h.every != 0 {
		return
	}
	h.steps = append(h.steps, step)
	h.loss = append(h.loss, loss)
	h.dist = append(h.dist, dist)
	h.lr = append(h.lr, lr)
	if len(h.steps) < HistoryCap {
		return
	}
	h.every *= 2
	k := 0
	for i := range h.steps {
		if h.steps[i]%h.every == 0 {
			h.steps[k], h.loss[k], h.dist[k], h.lr[k] = h.steps[i], h.loss[i], h.dist[i], h.lr[i]
			k++
		}
	}
	h.steps, h.loss, h.dist, h.lr = h.steps[:k], h.loss[:k], h.dist[:k], h.lr[:k]
}

// Sync adds the steps r has taken beyond the newest one recorded, read
// from its trail. A run shown at an earlier step (time travel) adds
// nothing: the history keeps every step computed; a restart needs Reset.
func (h *History) Sync(r *run.Run, surf *surface.Surface) {
	steps := r.Steps()
	t := r.Trail
	n := t.Len()
	if n == 0 || steps <= h.last {
		return
	}
	from := max(h.last+1, t.At(0).Step)
	for s := from; s <= steps; s++ {
		sm := t.At(n - 1 - (steps - s))
		d := math.NaN()
		if _, dd, ok := surf.NearestMinimum(sm.X, sm.Y); ok {
			d = dd
			h.hasMin = true
		}
		h.Add(s, sm.Loss, d, sm.LR)
	}
}

// The values a history holds per step.
const (
	valueLoss = iota
	valueDist
	valueLR
)

// points calls f for each kept point and the newest one, with the value
// of kind what (valueLoss, valueDist or valueLR).
func (h *History) points(what int, f func(step int, v float64)) {
	vals := [...][]float64{h.loss, h.dist, h.lr}[what]
	for i, s := range h.steps {
		f(s, vals[i])
	}
	if h.last >= 0 && (len(h.steps) == 0 || h.steps[len(h.steps)-1] != h.last) {
		f(h.last, [...]float64{h.lastL, h.lastD, h.lastLR}[what])
	}
}
