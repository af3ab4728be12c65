package basins

import (
	"bufio"
	"io"
	"strconv"
)

// CSVHeader is the header of WriteCSV's output for a single map; with
// several maps an "optimizer" column comes first.
const CSVHeader = "x,y,end_x,end_y,loss,minimum,steps"

// WriteCSV writes one row per start of each map, cells in order k = 0, 1,
// ... (rows of the grid from the bottom, each from the left): the start,
// the run's last finite point and its loss, the outcome (a minimum's index
// as in `descent list minima`, None = -1 or Diverged = -2) and StepsTo.
// Numbers are in shortest round-trip form, as `descent trace` writes them
// (trace.FormatFloat).
// With several maps each row starts with its map's optimizer spec, and the
// maps follow one another.
func WriteCSV(w io.Writer, maps ...*Map) error {
	bw := bufio.NewWriterSize(w, 256<<10)
	if len(maps) > 1 {
		bw.WriteString("optimizer,")
	}
	bw.WriteString(CSVHeader + "\n")
	buf := make([]byte, 0, 256)
	for _, m := range maps {
		spec := m.Spec.String()
		for k := range m.Outcome {
			buf = buf[:0]
			if len(maps) > 1 {
				buf = appendField(buf, spec)
			}
			x, y := m.Start(k)
			for _, v := range []float64{x, y, m.EndX[k], m.EndY[k], m.Loss[k]} {
				buf = strconv.AppendFloat(buf, v, 'g', -1, 64)
				buf = append(buf, ',')
			}
			buf = strconv.AppendInt(buf, int64(m.Outcome[k]), 10)
			buf = append(buf, ',')
			buf = strconv.AppendInt(buf, int64(m.StepsTo[k]), 10)
			buf = append(buf, '\n')
			if _, err := bw.Write(buf); err != nil {
				return err
			}
		}
	}
	return bw.Flush()
}

// appendField appends s and a comma, quoted as CSV needs when it holds a
// comma or a quote (specs with several settings do).
func appendField(buf []byte, s string) []byte {
	quote := false
	for _, r := range s {
		if r == ',' || r == '"' {
			quote = true
		}
	}
	if !quote {
		return append(append(buf, s...), ',')
	}
	buf = append(buf, '"')
	for _, r := range s {
		if r == '"' {
			buf = append(buf, '"')
		}
		buf = append(buf, string(r)...)
	}
	return append(buf, '"', ',')
}
