package mathtext

import (
	"reflect"
	"testing"
)

func TestParse(t *testing.T) {
	tests := []struct {
		in   string
		want []Span
	}{
		{"plain text", []Span{{Text: "plain text"}}},
		{`\alpha = 0.9`, []Span{{Text: "α = 0.9"}}},
		{`x_t`, []Span{{Text: "x"}, {Text: "t", Level: -1}}},
		{`x_{t+1} = x_t - \eta g_t`, []Span{{Text: "x"}, {Text: "t+1", Level: -1}, {Text: " = x"}, {Text: "t", Level: -1}, {Text: " - η g"}, {Text: "t", Level: -1}}},
		{`e^{-x^2}`, []Span{{Text: "e"}, {Text: "-x", Level: 1}, {Text: "2", Level: 2}}},
		{`\nabla f`, []Span{{Text: "Δ", Flip: true}, {Text: "f"}}},
		{`1 - \beta_1^t`, []Span{{Text: "1 - β"}, {Text: "1", Level: -1}, {Text: "t", Level: 1}}},
		{`\Delta\theta`, []Span{{Text: "Δθ"}}},
		{`50\% \_ \{ \} \\`, []Span{{Text: `50\% _ { } \`}}},
		{`\unknown x`, []Span{{Text: `\unknown x`}}},
		{`a^`, []Span{{Text: "a^"}}},
		{`x_{_{_{deep}}}`, []Span{{Text: "x"}, {Text: "deep", Level: -2}}},
		{`{unclosed`, []Span{{Text: "unclosed"}}},
		{`\`, []Span{{Text: `\`}}},
		{"λ already", []Span{{Text: "λ already"}}},
		{`\hat{m}_t / \sqrt{\hat v_t}`, []Span{{Text: "m", Accent: "ˆ"}, {Text: "t", Level: -1}, {Text: " / √"}, {Text: "v", Accent: "ˆ"}, {Text: "t", Level: -1}}},
		{`\bar{xy} \vec v`, []Span{{Text: "xy", Accent: "¯"}, {Text: " "}, {Text: "v", Accent: "→"}}},
	}
	for _, tt := range tests {
		if got := Parse(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Parse(%q) = %+v, want %+v", tt.in, got, tt.want)
		}
	}
}

func TestPlain(t *testing.T) {
	if got := Plain(`\nabla f(x_t) \leq \epsilon`); got != "∇f(xt) ≤ ε" {
		t.Errorf("Plain = %q", got)
	}
	if HasMath("plain") || !HasMath(`x_t`) || !HasMath(`\alpha`) {
		t.Error("HasMath")
	}
}
