// Package mlp is the small neural network behind the "mlp-slice" surface: a
// fully connected classifier with tanh hidden layers on float64 vectors, its
// loss (mean binary cross-entropy with logits plus an L2 penalty) with the
// exact gradient by back-propagation, deterministic training with the
// project's own Adam, the filter-normalised random directions of Li et al.,
// "Visualizing the Loss Landscape of Neural Nets" (2018), and the two-moons
// data set it learns.
package mlp

import (
	"fmt"
	"math"
)

// Net is the shape of a fully connected network: Sizes[0] inputs, tanh
// hidden layers of Sizes[1..len-2] units and one output unit, the logit of
// label 1. Its parameters live in one flat vector, layer after layer: the
// weight matrix row by row (row j holds the incoming weights of unit j, the
// unit's "filter") and then the layer's biases.
type Net struct {
	Sizes []int
}

// Validate reports whether the shape makes sense: at least an input and an
// output layer, one output unit, no empty layer.
func (n Net) Validate() error {
	if len(n.Sizes) < 2 {
		return fmt.Errorf("mlp: a network needs at least an input and an output layer, got sizes %v", n.Sizes)
	}
	for _, s := range n.Sizes {
		if s < 1 {
			return fmt.Errorf("mlp: layer sizes must be at least 1, got %v", n.Sizes)
		}
	}
	if n.Sizes[len(n.Sizes)-1] != 1 {
		return fmt.Errorf("mlp: the output layer must have one unit (a logit), got sizes %v", n.Sizes)
	}
	return nil
}

// Layer locates layer l's parameters (l = 1 .. len(Sizes)-1) in the flat
// vector: weights at [w, w+out*in), biases at [b, b+out).
type Layer struct {
	In, Out int
	W, B    int
}

// Layers returns where every layer's parameters sit in the flat vector.
func (n Net) Layers() []Layer {
	layers := make([]Layer, len(n.Sizes)-1)
	off := 0
	for l := range layers {
		in, out := n.Sizes[l], n.Sizes[l+1]
		layers[l] = Layer{In: in, Out: out, W: off, B: off + in*out}
		off += in*out + out
	}
	return layers
}

// NumParams returns the length of the parameter vector.
func (n Net) NumParams() int {
	total := 0
	for l := 1; l < len(n.Sizes); l++ {
		total += n.Sizes[l-1]*n.Sizes[l] + n.Sizes[l]
	}
	return total
}

// widest returns the largest layer size.
func (n Net) widest() int {
	w := 0
	for _, s := range n.Sizes {
		w = max(w, s)
	}
	return w
}

// Logit returns the network's output for one input at parameters w: the
// logit of label 1 (Sigmoid of it is the probability).
func (n Net) Logit(w, input []float64) float64 {
	act := make([]float64, 2*n.widest())
	return n.forward(n.Layers(), w, input, act, nil)
}

// forward runs the network (laid out as layers) on one input and returns
// the logit. act is scratch of twice the widest layer. When acts is not nil
// it receives every hidden layer's activations, layer after layer (for
// back-propagation).
func (n Net) forward(layers []Layer, w, input []float64, act []float64, acts []float64) float64 {
	width := len(act) / 2
	cur, next := act[:width], act[width:]
	copy(cur, input)
	off := 0
	for l, ly := range layers {
		last := l == len(layers)-1
		for j := range ly.Out {
			row := w[ly.W+j*ly.In : ly.W+(j+1)*ly.In]
			in := cur[:len(row)]
			s := w[ly.B+j]
			for k, v := range row {
				s += float64(v * in[k])
			}
			if !last {
				s = math.Tanh(s)
			}
			next[j] = s
		}
		if !last && acts != nil {
			copy(acts[off:off+ly.Out], next[:ly.Out])
			off += ly.Out
		}
		cur, next = next, cur
	}
	return cur[0]
}

// hiddenUnits returns the number of hidden activations of one input.
func (n Net) hiddenUnits() int {
	h := 0
	for _, s := range n.Sizes[1 : len(n.Sizes)-1] {
		h += s
	}
	return h
}

// Loss returns the mean binary cross-entropy with logits of the network at
// w over the points (inputs[i], labels[i]), labels 0 or 1, plus the L2
// penalty lambda/2 * |w|^2, and adds its gradient to grad when grad is not
// nil (grad must then be zeroed by the caller and hold NumParams numbers).
// Only the points idx count when idx is not nil.
func (n Net) Loss(w []float64, inputs [][]float64, labels []float64, idx []int, lambda float64, grad []float64) float64 {
	count := len(labels)
	if idx != nil {
		count = len(idx)
	}
	if count == 0 {
		return 0
	}
	inv := 1 / float64(count)
	width := n.widest()
	act := make([]float64, 2*width)
	acts := make([]float64, n.hiddenUnits())
	delta := make([]float64, 2*width)
	layers := n.Layers()
	var sum float64
	for c := range count {
		i := c
		if idx != nil {
			i = idx[c]
		}
		z := n.forward(layers, w, inputs[i], act, acts)
		y := labels[i]
		sum += BCEWithLogits(z, y)
		if grad == nil {
			continue
		}
		// Back-propagate d loss / d z = (sigmoid(z) - y) / count.
		cur, prev := delta[:width], delta[width:2*width]
		cur[0] = (Sigmoid(z) - y) * inv
		end := len(acts)
		for l := len(layers) - 1; l >= 0; l-- {
			ly := layers[l]
			var in []float64
			if l == 0 {
				in = inputs[i]
			} else {
				in = acts[end-ly.In : end]
				end -= ly.In
			}
			back := prev[:ly.In]
			clear(back)
			for j := range ly.Out {
				d := cur[j]
				grad[ly.B+j] += d
				row := ly.W + j*ly.In
				g, wr := grad[row:row+ly.In], w[row:row+ly.In]
				in := in[:len(g)]
				back := back[:len(g)]
				for k := range g {
					g[k] += float64(d * in[k])
					back[k] += float64(d * wr[k])
				}
			}
			if l > 0 {
				in := in[:len(back)]
				for k := range back {
					back[k] = float64(back[k] * float64(1-float64(in[k]*in[k])))
				}
			}
			cur, prev = prev, cur
		}
	}
	loss := sum * inv
	if lambda != 0 {
		var sq float64
		for k, v := range w {
			sq += float64(v * v)
			if grad != nil {
				grad[k] += float64(lambda * v)
			}
		}
		loss += float64(lambda / 2 * sq)
	}
	return loss
}

// BCEWithLogits is torch's binary cross-entropy of the logit z against the
// label y, in its stable form max(z, 0) - z*y + log1p(exp(-|z|)).
func BCEWithLogits(z, y float64) float64 {
	return float64(math.Max(z, 0)-float64(z*y)) + math.Log1p(math.Exp(-math.Abs(z)))
}

// Sigmoid is 1 / (1 + exp(-z)), the probability of label 1 for the logit z.
func Sigmoid(z float64) float64 {
	return 1 / (1 + math.Exp(-z))
}
