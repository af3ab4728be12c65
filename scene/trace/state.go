package trace

import (
	"math"
	"strconv"

	"descent/optim"
)

// stateColumns places an optimizer's state entries into the CSV record.
type stateColumns struct {
	base, width int
	dim         int
	col         map[string]int // entry name -> its first column in the record
	st          []optim.Entry  // reused by every row
	// names and at cache the column of each entry of the last row: the
	// entries of one run come in the same order every row.
	names []string
	at    []int
}

func newStateColumns(keys []optim.Key, dim, base int) *stateColumns {
	c := &stateColumns{base: base, dim: dim, col: map[string]int{}}
	at := base
	for _, k := range keys {
		if k.Name == "step" {
			continue
		}
		c.col[k.Name] = at
		if k.Scalar {
			at++
		} else {
			at += dim
		}
	}
	c.width = at - base
	return c
}

// fill writes o's state into record's state columns (empty where o has no
// entry, and on row 0, where the state is empty).
func (c *stateColumns) fill(record []string, o optim.Optimizer, step int) {
	cells := record[c.base : c.base+c.width]
	for i := range cells {
		cells[i] = ""
	}
	c.st = o.State(c.st)
	for j, e := range c.st {
		if e.Name == "step" {
			continue
		}
		var at int
		if j < len(c.names) && c.names[j] == e.Name {
			at = c.at[j]
		} else {
			var ok bool
			if at, ok = c.col[e.Name]; !ok {
				continue // not announced by StateKeys: settings changed mid-trace (never in a trace)
			}
			for len(c.names) <= j {
				c.names, c.at = append(c.names, ""), append(c.at, 0)
			}
			c.names[j], c.at[j] = e.Name, at
		}
		n := len(e.Values)
		if !e.Scalar && n > c.dim {
			n = c.dim
		}
		for q := range n {
			record[at+q] = FormatFloat(e.Values[q])
		}
	}
}

// appendStateJSON appends the state as a JSON object in the entries' order:
// scalars as numbers, tensors as arrays, non-finite values as null.
func appendStateJSON(buf []byte, st []optim.Entry) []byte {
	buf = append(buf, '{')
	for i, e := range st {
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = strconv.AppendQuote(buf, e.Name)
		buf = append(buf, ':')
		if e.Scalar {
			buf = appendJSONNumber(buf, e.Value())
			continue
		}
		buf = append(buf, '[')
		for q, v := range e.Values {
			if q > 0 {
				buf = append(buf, ',')
			}
			buf = appendJSONNumber(buf, v)
		}
		buf = append(buf, ']')
	}
	return append(buf, '}')
}

// appendJSONNumber appends v in shortest round-trip form, or null when it is
// not finite (JSON has no infinities).
func appendJSONNumber(buf []byte, v float64) []byte {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return append(buf, "null"...)
	}
	return strconv.AppendFloat(buf, v, 'g', -1, 64)
}
