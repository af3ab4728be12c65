package suggest

import "testing"

func TestDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"adam", "adam", 0},
		{"", "", 0},
		{"", "sgd", 3},
		{"abc", "", 3},
		{"adm", "adam", 1},        // an insertion
		{"adamw", "adam", 1},      // a deletion
		{"adan", "adam", 1},       // a substitution
		{"adma", "adam", 1},       // a swap of neighbours
		{"rmsprop", "rmsporp", 1}, // a swap inside the word
		{"kitten", "sitting", 3},  // two substitutions and an insertion
		{"ca", "abc", 3},          // no substring is edited twice
		{"ADAM", "adam", 0},       // case is ignored
		{"RMSporp", "rmsprop", 1}, // case and a swap
		{"über", "uber", 1},       // runes, not bytes
		{"ßa", "aß", 1},           // a swap of multi-byte runes
		{"ÉTÉ", "été", 0},         // case outside ASCII
		{"日本語", "日本", 1},          // one rune missing
		{"six-hump-camel", "sixhumpcamel", 2},
	}
	for _, tt := range tests {
		if got := Distance(tt.a, tt.b); got != tt.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
		if got := Distance(tt.b, tt.a); got != tt.want {
			t.Errorf("Distance(%q, %q) = %d, want %d (the distance is symmetric)", tt.b, tt.a, got, tt.want)
		}
	}
}

func TestNearest(t *testing.T) {
	optimizers := []string{"sgd", "adam", "adamw", "nadam", "rmsprop", "gd", "momentum"}
	functions := []string{"abs", "atan", "atan2", "cos", "cosh", "exp", "log", "sin", "sinh", "sqrt"}
	tests := []struct {
		name       string
		word       string
		candidates []string
		want       string
	}{
		{"typo", "rosenbrok", []string{"bowl", "rosenbrock"}, "rosenbrock"},
		{"two edits", "himmelblue", []string{"himmelblau", "rastrigin"}, "himmelblau"},
		{"two insertions", "sixhumpcamel", []string{"six-hump-camel"}, "six-hump-camel"},
		{"swap", "adma", optimizers, "adam"},
		{"swap in a short word", "sdg", optimizers, "sgd"},
		{"swap in a long word", "rmsporp", optimizers, "rmsprop"},
		{"closest wins over first", "nadm", optimizers, "nadam"},
		{"first of equals wins", "sinn", functions, "sin"},
		{"first of equals in the caller's order", "sinn", []string{"sinh", "sin"}, "sinh"},
		{"case", "Sin", functions, "sin"},
		{"case and typo", "ROSENBROK", []string{"rosenbrock"}, "rosenbrock"},
		{"candidate keeps its case", "viridis", []string{"Viridis"}, "Viridis"},
		{"unicode", "naïve", []string{"naive", "native"}, "naive"},
		{"unicode case", "GRÖSSE", []string{"größe", "grösse"}, "grösse"},
		{"one edit in three runes", "sqr", functions, "sqrt"},
		{"one edit in two runes is too many", "ab", []string{"cb"}, ""},
		{"two edits in four runes are too many", "abcd", []string{"abxy"}, ""},
		{"three edits are too many", "himmelbxyz", []string{"himmelblau"}, ""},
		{"section", "runs", []string{"run"}, "run"},
		{"prefix: candidate begins the word", "cosine", functions, "cos"},
		{"prefix: word begins the candidate", "desc", []string{"title", "description"}, "description"},
		{"prefix ignores case", "COSINE", functions, "cos"},
		{"prefix: the closest", "sinusoidal", []string{"sin", "sinus"}, "sinus"},
		{"prefix: word too short", "co", []string{"cosine"}, ""},
		{"prefix: candidate too short", "eval", []string{"x", "y", "e", "pi"}, ""},
		{"nothing close", "banana-split-sundae", []string{"parabola", "bowl", "rosenbrock"}, ""},
		{"nothing close among functions", "foo", functions, ""},
		{"empty word", "", optimizers, ""},
		{"no candidates", "adam", nil, ""},
	}
	for _, tt := range tests {
		if got := Nearest(tt.word, tt.candidates); got != tt.want {
			t.Errorf("%s: Nearest(%q, %q) = %q, want %q", tt.name, tt.word, tt.candidates, got, tt.want)
		}
	}
}
