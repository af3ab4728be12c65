package surface

import (
	"bytes"
	"io/fs"
	"strings"
	"testing"

	"descent/assets"
)

// FuzzReadCSV checks that ReadCSV never panics, that its errors name the
// file and hold one line, and that every surface it builds has between two
// and MaxCSVRows points and a finite solution with a finite loss there.
func FuzzReadCSV(f *testing.F) {
	ols, err := fs.ReadFile(assets.Data, "data/ols-1000.csv")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(string(ols[:bytes.IndexByte(ols[200:], '\n')+201]))
	for _, s := range []string{
		"x,y\n1,2\n2,4\n3,7\n", "1,2\n2,4\n", " x , y \r\n\r\n 1 , 2 \r\n2,4\r\n", "\ufeffx,y\n0,1\n1,0\n",
		"x,y\n1,2\n3\n", "1,2\n3,4,5\n", "1,2\n2,NaN\n", "1e308,1\n-1e308,2\n", "x,y\n2,1\n2,5\n",
		"1,2\n1.0000000000000002,3\n", "0x1p-2,1\n3,4\n", "1_000,2\n3,4\n", "x,y\nx,y\n", "",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		s, err := ReadCSV(strings.NewReader(text), "data.csv")
		if err != nil {
			msg := err.Error()
			if !strings.HasPrefix(msg, "surface: data.csv") || strings.Contains(msg, "\n") {
				t.Fatalf("error %q should be one line naming the file", msg)
			}
			return
		}
		n := s.Data.Len()
		if n < 2 || n > MaxCSVRows {
			t.Fatalf("%d points", n)
		}
		x, y, loss := s.Data.Solution()
		if !finite(x) || !finite(y) || !finite(loss) || loss < 0 {
			t.Fatalf("solution (%v, %v) with loss %v", x, y, loss)
		}
		if f := s.Data.Eval(x, y); !finite(f) {
			t.Fatalf("loss %v at the solution (%v, %v)", f, x, y)
		}
	})
}
