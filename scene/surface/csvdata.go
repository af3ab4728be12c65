package surface

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"

	"descent/assets"
	"descent/scene/textlines"
)

// table is the numeric columns a model needs, read from a CSV file: one row
// per data line, the columns in the order asked for, and the file's line
// number of each row for error messages.
type table struct {
	rows  [][]float64
	lines []int
}

// readTable reads the columns want (e.g. x, label) from the CSV text r;
// name appears in errors. A first line with a field that is not a number is
// a header: the columns are then found by name (case and spaces ignored,
// any order, other columns skipped). Without a header a line must hold
// exactly the wanted columns, in order. Blank lines are skipped; every
// value must be a finite number.
func readTable(r io.Reader, name string, want []string) (*table, error) {
	lr := textlines.New(r, MaxCSVBytes, MaxCSVLine)
	wantList := strings.Join(want, ",")
	var (
		t     table
		index []int // column of each wanted name
		width int   // fields per line
		line  int
	)
	for lr.Next() {
		line = lr.Line()
		text := strings.TrimSpace(lr.Text())
		if line == 1 {
			text = strings.TrimPrefix(text, "\ufeff")
		}
		if text == "" {
			continue
		}
		fields := strings.Split(text, ",")
		for i := range fields {
			fields[i] = strings.TrimSpace(fields[i])
		}
		if index == nil {
			width = len(fields)
			if isHeaderLine(fields) {
				idx, err := findColumns(fields, want, name, wantList)
				if err != nil {
					return nil, err
				}
				index = idx
				continue
			}
			if len(fields) != len(want) {
				return nil, fmt.Errorf("surface: %s:%d: want %d columns %s, got %d (or a header line naming them)", name, line, len(want), wantList, len(fields))
			}
			index = make([]int, len(want))
			for i := range index {
				index[i] = i
			}
		}
		if len(fields) != width {
			return nil, fmt.Errorf("surface: %s:%d: want %d columns like the first line, got %d", name, line, width, len(fields))
		}
		if len(t.rows) == MaxCSVRows {
			return nil, fmt.Errorf("surface: %s:%d: more than %d data rows", name, line, MaxCSVRows)
		}
		row := make([]float64, len(want))
		for j, col := range index {
			s := fields[col]
			f, err := strconv.ParseFloat(s, 64)
			if err != nil || !finite(f) {
				if s == "" {
					return nil, fmt.Errorf("surface: %s:%d: missing number in column %s", name, line, want[j])
				}
				return nil, fmt.Errorf("surface: %s:%d: bad number %q in column %s", name, line, s, want[j])
			}
			row[j] = f
		}
		t.rows = append(t.rows, row)
		t.lines = append(t.lines, line)
	}
	if err := lineError(lr, name); err != nil {
		return nil, err
	}
	if len(t.rows) == 0 {
		return nil, fmt.Errorf("surface: %s: no data rows", name)
	}
	return &t, nil
}

// isHeaderLine reports whether some field of a first line is not a number.
func isHeaderLine(fields []string) bool {
	for _, f := range fields {
		if _, err := strconv.ParseFloat(f, 64); err != nil && f != "" {
			return true
		}
	}
	return false
}

// findColumns returns the position of each wanted column in a header.
func findColumns(header, want []string, name, wantList string) ([]int, error) {
	lower := make([]string, len(header))
	for i, h := range header {
		lower[i] = strings.ToLower(h)
	}
	idx := make([]int, len(want))
	for j, w := range want {
		idx[j] = slices.Index(lower, w)
		if idx[j] < 0 {
			return nil, fmt.Errorf("surface: %s: no column %q (the header has %s; want columns %s)", name, w, strings.Join(header, ","), wantList)
		}
		if slices.Index(lower[idx[j]+1:], w) >= 0 {
			return nil, fmt.Errorf("surface: %s: column %q appears twice in the header", name, w)
		}
	}
	return idx, nil
}

// openData opens a data file. A bare file name (no directory) that is not
// found on disk but names a built-in data set (see BuiltinData) opens the
// embedded copy, so scenes and commands can say "logistic-200.csv" anywhere,
// in the web build too. Errors name the file.
func openData(path string) (io.ReadCloser, error) {
	if b, ok := added(path); ok {
		return io.NopCloser(bytes.NewReader(b)), nil
	}
	f, err := os.Open(path)
	if err == nil {
		return f, nil
	}
	if errors.Is(err, os.ErrNotExist) {
		if slices.Contains(BuiltinData(), path) {
			return assets.Data.Open("data/" + path)
		}
		return nil, fmt.Errorf("surface: %s: no such file", path)
	}
	return nil, fmt.Errorf("surface: %v", err)
}

// addedData holds data files handed to the program whole (dropped on the
// window or the web page) under their names.
var addedData struct {
	sync.Mutex
	files map[string][]byte
}

// AddData makes data the contents of the data file name: a data path equal
// to name reads it, before any file on disk. The window adds files dropped
// on it this way (the web page has no files to open).
func AddData(name string, data []byte) {
	addedData.Lock()
	defer addedData.Unlock()
	if addedData.files == nil {
		addedData.files = map[string][]byte{}
	}
	addedData.files[name] = bytes.Clone(data)
}

// added returns the contents of a data file added with AddData.
func added(name string) ([]byte, bool) {
	addedData.Lock()
	defer addedData.Unlock()
	b, ok := addedData.files[name]
	return b, ok
}

// BuiltinData returns the names of the data sets embedded in the program
// (assets/data), e.g. "logistic-200.csv". A data path that is exactly one of
// these names and is not found on disk reads the embedded file.
func BuiltinData() []string {
	names, _ := fs.Glob(assets.Data, "data/*.csv")
	for i, n := range names {
		names[i] = filepath.Base(n)
	}
	return names
}

// DataExists reports whether a data path can be opened: a file on disk or
// the name of a built-in data set.
func DataExists(path string) bool {
	if _, ok := added(path); ok {
		return true
	}
	if st, err := os.Stat(path); err == nil {
		return !st.IsDir()
	}
	return slices.Contains(BuiltinData(), path)
}

// ModelFor returns the model surface that suits the data file at path by
// its header: logistic when a column is named label, else least squares
// (ols). A file without a header suits ols. Errors name the file.
func ModelFor(path string) (string, error) {
	f, err := openData(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	lr := textlines.New(f, MaxCSVBytes, MaxCSVLine)
	for lr.Next() {
		text := strings.TrimSpace(strings.TrimPrefix(lr.Text(), "\ufeff"))
		if text == "" {
			continue
		}
		fields := strings.Split(text, ",")
		for i := range fields {
			fields[i] = strings.ToLower(strings.TrimSpace(fields[i]))
		}
		if isHeaderLine(fields) && slices.Contains(fields, "label") {
			return "logistic", nil
		}
		return "ols", nil
	}
	if err := lineError(lr, path); err != nil {
		return "", err
	}
	return "", fmt.Errorf("surface: %s: no data rows", path)
}

// lineError returns the error that stopped reader lr of the data file name,
// naming the file and the line (nil at the end of the data).
func lineError(lr *textlines.Reader, name string) error {
	var le *textlines.LimitError
	switch err := lr.Err(); {
	case errors.As(err, &le) && le.Line > 0:
		return fmt.Errorf("surface: %s:%d: %s", name, le.Line, le.Reason())
	case errors.As(err, &le):
		return fmt.Errorf("surface: %s: %s (MaxCSVBytes)", name, le.Reason())
	case err != nil:
		return fmt.Errorf("surface: %s:%d: %v", name, lr.Line()+1, err)
	}
	return nil
}
