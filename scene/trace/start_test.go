package trace

import (
	"strings"
	"testing"
)

// TestStartNotFinite: a run whose start has no finite loss is refused by
// New, naming the run, the start, the value and step 0, instead of being
// reported as diverged at step 1 with no rows.
func TestStartNotFinite(t *testing.T) {
	tests := []struct {
		name string
		opts Options
		want string
	}{
		{"infinite everywhere", Options{Expr: "1/0"}, "trace: run 1 (sgd) starts where the loss is not finite (step 0: f(-4) = +Inf)"},
		{"second start", Options{Expr: "log(x)", Starts: [][]float64{{1}, {-1}}, Optimizers: []string{"sgd", "adam"}},
			"trace: run 3 (sgd) starts where the loss is not finite (step 0: f(-1) = NaN)"},
	}
	for _, tc := range tests {
		_, err := New(tc.opts)
		if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want %q", tc.name, err, tc.want)
		}
	}
}
