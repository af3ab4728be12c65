package mlp

import (
	"fmt"
	"math"
	"slices"
)

// Workspace is the scratch memory of HessVec for one network shape and a
// number of directions. A Workspace serves one call at a time: goroutines
// that compute Hessian-vector products concurrently each need their own
// (a sync.Pool of them suits).
type Workspace struct {
	sizes  []int       // the shape it was made for
	layers []Layer     // the shape's layers
	acts   []float64   // one input's activations entering each layer, a_0 .. a_{L-1}
	racts  [][]float64 // per direction: R(a_l), laid out as acts
	rz     []float64   // per direction: R(z), the output logit's
	delta  []float64   // d loss / d (pre-activation), two layers' worth
	rdelta [][]float64 // per direction: R(delta), two layers' worth
}

// NewWorkspace returns the scratch memory for HessVec on this network with
// up to k directions at once.
func (n Net) NewWorkspace(k int) *Workspace {
	ws := &Workspace{sizes: slices.Clone(n.Sizes), layers: n.Layers()}
	units := 0
	for _, s := range n.Sizes[:len(n.Sizes)-1] {
		units += s
	}
	width := n.widest()
	ws.acts = make([]float64, units)
	ws.delta = make([]float64, 2*width)
	ws.rz = make([]float64, k)
	ws.racts = make([][]float64, k)
	ws.rdelta = make([][]float64, k)
	for d := range k {
		ws.racts[d] = make([]float64, units)
		ws.rdelta[d] = make([]float64, 2*width)
	}
	return ws
}

// fits reports whether ws was made for network n and at least k directions.
func (ws *Workspace) fits(n Net, k int) bool {
	return ws != nil && len(ws.rz) >= k && slices.Equal(ws.sizes, n.Sizes)
}

// HessVec writes into hv[d] the product H·v[d] of the Hessian H of the loss
// of Loss (mean binary cross-entropy with logits over the points, plus
// lambda/2 * |w|^2) at w with each direction v[d]: exactly, by Pearlmutter's
// R-operator (forward-mode differentiation along v[d] of back-propagation's
// gradient), never by finite differences. All directions share one forward
// and backward pass per point; each adds about twice the work of a gradient.
// Only the points idx count when idx is not nil. Every v[d] and hv[d] holds
// NumParams numbers; hv[d] is overwritten. ws is scratch made by
// NewWorkspace for this network and at least len(v) directions; with nil
// (or a workspace that does not fit) HessVec allocates its own. It panics
// when lengths disagree.
func (n Net) HessVec(w []float64, inputs [][]float64, labels []float64, idx []int, lambda float64, v, hv [][]float64, ws *Workspace) {
	k := len(v)
	if len(hv) != k {
		panic(fmt.Sprintf("mlp: HessVec with %d directions but %d products", k, len(hv)))
	}
	np := n.NumParams()
	if len(w) != np {
		panic(fmt.Sprintf("mlp: HessVec with %d weights for a network of %d parameters", len(w), np))
	}
	for d := range k {
		if len(v[d]) != np || len(hv[d]) != np {
			panic(fmt.Sprintf("mlp: HessVec direction %d has %d numbers and its product %d, want %d", d, len(v[d]), len(hv[d]), np))
		}
		clear(hv[d])
	}
	if !ws.fits(n, k) {
		ws = n.NewWorkspace(k)
	}
	count := len(labels)
	if idx != nil {
		count = len(idx)
	}
	if count > 0 {
		inv := 1 / float64(count)
		for c := range count {
			i := c
			if idx != nil {
				i = idx[c]
			}
			n.hessVecPoint(ws, w, inputs[i], labels[i], inv, v, hv)
		}
	}
	if lambda != 0 {
		// The L2 term lambda/2 |w|^2 has the Hessian lambda*I.
		for d := range k {
			h, vd := hv[d], v[d]
			for j := range h {
				h[j] += float64(lambda * vd[j])
			}
		}
	}
}

// hessVecPoint adds one input's share (weight inv) of H·v[d] to hv[d].
//
// With s_l = W_l a_l + b_l, a_{l+1} = tanh(s_l) on the hidden layers and
// the logit z = s_{L-1}, back-propagation gives delta_{L-1} = (sigmoid(z) -
// y)*inv, dW_l = delta_l a_l^T, db_l = delta_l and delta_{l-1} = (W_l^T
// delta_l) * (1 - a_l^2). The R-operator R(.) = d/dt (.)(w + t*v) at t = 0
// applied to each line, with (V_l, c_l) the direction's parts:
//
//	R(s_l)         = V_l a_l + W_l R(a_l) + c_l,  R(a_{l+1}) = (1 - a_{l+1}^2) R(s_l)
//	R(delta_{L-1}) = sigmoid'(z) R(z) * inv
//	(H v)_{W_l}    = R(delta_l) a_l^T + delta_l R(a_l)^T,  (H v)_{b_l} = R(delta_l)
//	R(delta_{l-1}) = (V_l^T delta_l + W_l^T R(delta_l)) * (1 - a_l^2) - 2 a_l R(a_l) * (W_l^T delta_l)
func (n Net) hessVecPoint(ws *Workspace, w, input []float64, y, inv float64, v, hv [][]float64) {
	layers := ws.layers
	k := len(v)
	// Forward: activations and their R-derivatives along every direction.
	copy(ws.acts, input[:layers[0].In])
	for d := range k {
		clear(ws.racts[d][:layers[0].In])
	}
	var z float64
	off := 0 // where a_l starts in acts
	for l, ly := range layers {
		last := l == len(layers)-1
		a := ws.acts[off : off+ly.In]
		out := off + ly.In
		for j := range ly.Out {
			row := w[ly.W+j*ly.In : ly.W+(j+1)*ly.In]
			a := a[:len(row)]
			s := w[ly.B+j]
			for q, wq := range row {
				s += float64(wq * a[q])
			}
			t := s
			if !last {
				t = math.Tanh(s)
				ws.acts[out+j] = t
			} else {
				z = s
			}
			for d := range k {
				vrow := v[d][ly.W+j*ly.In : ly.W+(j+1)*ly.In]
				ra := ws.racts[d][off : off+len(vrow)]
				row := row[:len(vrow)]
				a := a[:len(vrow)]
				rs := v[d][ly.B+j]
				for q, vq := range vrow {
					rs += float64(vq*a[q]) + float64(row[q]*ra[q])
				}
				if last {
					ws.rz[d] = rs
				} else {
					ws.racts[d][out+j] = float64(1-float64(t*t)) * rs
				}
			}
		}
		off = out
	}
	// Backward: delta and R(delta), layer by layer from the output.
	width := len(ws.delta) / 2
	cur, prev := ws.delta[:width], ws.delta[width:]
	cur[0] = (Sigmoid(z) - y) * inv
	sp := sigmoidPrime(z) * inv
	for d := range k {
		ws.rdelta[d][0] = float64(sp * ws.rz[d])
	}
	swapped := false // whether cur is the second half of every buffer
	end := len(ws.acts)
	for l := len(layers) - 1; l >= 0; l-- {
		ly := layers[l]
		lo := end - ly.In
		a := ws.acts[lo:end]
		back := prev[:ly.In]
		if l > 0 {
			clear(back)
		}
		for j := range ly.Out {
			dj := cur[j]
			row := ly.W + j*ly.In
			wr := w[row : row+ly.In]
			for d := range k {
				rcur, rback := halves(ws.rdelta[d], width, swapped)
				rdj := rcur[j]
				h := hv[d]
				h[ly.B+j] += rdj
				g := h[row : row+ly.In]
				ra := ws.racts[d][lo:end]
				ra, a := ra[:len(g)], a[:len(g)]
				for q := range g {
					g[q] += float64(rdj*a[q]) + float64(dj*ra[q])
				}
				if l > 0 {
					vr := v[d][row : row+ly.In]
					rb, vr, wr := rback[:len(g)], vr[:len(g)], wr[:len(g)]
					if j == 0 {
						clear(rb)
					}
					for q := range rb {
						rb[q] += float64(vr[q]*dj) + float64(wr[q]*rdj)
					}
				}
			}
			if l > 0 {
				wr := wr[:len(back)]
				for q := range back {
					back[q] += float64(dj * wr[q])
				}
			}
		}
		if l > 0 {
			for q, aq := range a {
				der := float64(1 - float64(aq*aq))
				for d := range k {
					_, rback := halves(ws.rdelta[d], width, swapped)
					ra := ws.racts[d][lo+q]
					rback[q] = float64(rback[q]*der) - float64(2*aq*ra)*back[q]
				}
				back[q] = float64(back[q] * der)
			}
		}
		end = lo
		cur, prev = prev, cur
		swapped = !swapped
	}
}

// halves returns the current and the previous half of a two-layer buffer.
func halves(buf []float64, width int, swapped bool) (cur, prev []float64) {
	if swapped {
		return buf[width:], buf[:width]
	}
	return buf[:width], buf[width:]
}

// sigmoidPrime is sigmoid'(z) = sigmoid(z)(1 - sigmoid(z)), computed as
// e/(1+e)^2 with e = exp(-|z|) so that it neither overflows nor loses
// precision for large |z|.
func sigmoidPrime(z float64) float64 {
	e := math.Exp(-math.Abs(z))
	return e / ((1 + e) * (1 + e))
}
