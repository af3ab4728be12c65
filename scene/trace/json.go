package trace

import (
	"bufio"
	"encoding/json"
	"math"
	"strconv"
)

// jsonStream writes a trace's JSON document as the rows come, so that the
// memory it needs does not grow with the number of steps:
//
//	{"surface":S,"dim":D,"steps":N,"columns":[...],"runs":[
//	  {"run":1,"optimizer":SPEC,"start":[...],"trajectory":[[...],...],"diverged_at":null},...]}
//
// (without the line breaks). Each run's diverged_at follows its trajectory,
// since it is known only once the run has ended. Write errors stick in the
// bufio.Writer and are returned by row and end.
type jsonStream struct {
	w     *bufio.Writer
	buf   []byte // scratch for one row
	runs  int    // runs begun
	rows  int    // rows of the current run
	float func([]byte, float64) []byte
}

// newJSONStream starts the document on w with the trace's header fields.
func newJSONStream(w *bufio.Writer, surface string, dim, steps int, columns []string) *jsonStream {
	js := &jsonStream{w: w, float: appendJSONFloat}
	w.WriteString(`{"surface":`)
	js.string(surface)
	w.WriteString(`,"dim":` + strconv.Itoa(dim) + `,"steps":` + strconv.Itoa(steps) + `,"columns":[`)
	for i, c := range columns {
		if i > 0 {
			w.WriteByte(',')
		}
		js.string(c)
	}
	w.WriteString(`],"runs":[`)
	return js
}

// string writes s as a JSON string, escaped as encoding/json escapes it.
func (js *jsonStream) string(s string) {
	b, _ := json.Marshal(s) // a string always marshals
	js.w.Write(b)
}

// beginRun starts run n (1-based) of optimizer spec from start.
func (js *jsonStream) beginRun(n int, spec string, start []float64) {
	if js.runs > 0 {
		js.w.WriteByte(',')
	}
	js.runs++
	js.rows = 0
	js.w.WriteString(`{"run":` + strconv.Itoa(n) + `,"optimizer":`)
	js.string(spec)
	js.w.WriteString(`,"start":`)
	js.w.Write(js.appendRow(js.buf[:0], start))
	js.w.WriteString(`,"trajectory":[`)
}

// row writes one row of the current run's trajectory: the point, then the
// loss, then with withLR the lr of the next step (null without one: hasLR
// false after the last step).
func (js *jsonStream) row(p []float64, loss float64, withLR, hasLR bool, lr float64) error {
	b := js.buf[:0]
	if js.rows > 0 {
		b = append(b, ',')
	}
	js.rows++
	b = append(b, '[')
	for _, v := range p {
		b = js.float(b, v)
		b = append(b, ',')
	}
	b = js.float(b, loss)
	if withLR {
		if hasLR {
			b = js.float(append(b, ','), lr)
		} else {
			b = append(b, ",null"...)
		}
	}
	b = append(b, ']')
	js.buf = b
	_, err := js.w.Write(b)
	return err
}

// appendRow appends vs as a JSON array.
func (js *jsonStream) appendRow(b []byte, vs []float64) []byte {
	b = append(b, '[')
	for i, v := range vs {
		if i > 0 {
			b = append(b, ',')
		}
		b = js.float(b, v)
	}
	return append(b, ']')
}

// beginState ends the current run's trajectory and starts its "state":
// one object per trajectory row, written with stateRow.
func (js *jsonStream) beginState() {
	js.w.WriteString(`],"state":[`)
	js.rows = 0
}

// stateRow writes one row's state object (already JSON).
func (js *jsonStream) stateRow(obj []byte) {
	if js.rows > 0 {
		js.w.WriteByte(',')
	}
	js.rows++
	js.w.Write(obj)
}

// endRun ends the current run; divergedAt is the step it diverged at, or
// nil when it did not.
func (js *jsonStream) endRun(divergedAt *int) {
	js.w.WriteString(`],"diverged_at":`)
	if divergedAt == nil {
		js.w.WriteString("null}")
		return
	}
	js.w.WriteString(strconv.Itoa(*divergedAt) + "}")
}

// end ends the document with a line break, as json.Encoder does, and
// returns the first write error.
func (js *jsonStream) end() error {
	_, err := js.w.WriteString("]}\n")
	return err
}

// appendJSONFloat appends a finite v as encoding/json writes a float64:
// the shortest decimal that reads back to v, in exponent form only below
// 1e-6 and from 1e21 on, with a one-digit negative exponent unpadded.
func appendJSONFloat(b []byte, v float64) []byte {
	format := byte('f')
	if a := math.Abs(v); a != 0 && (a < 1e-6 || a >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, v, format, -1, 64)
	if format == 'e' {
		// e-09 becomes e-9, as encoding/json writes it.
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b
}
