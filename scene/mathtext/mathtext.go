// Package mathtext reads the little TeX a lecturer writes in a note or a
// caption (`\alpha`, `x_t`, `x^{2}`, `\nabla f`) into spans of plain text
// placed on the baseline, raised or lowered, for a vector font to draw.
//
// Commands name Greek letters (\alpha ... \omega, \Gamma ... \Omega), a
// few symbols (\nabla \partial \sum \sqrt \infty \approx \neq \leq \geq
// \pm \times \cdot \to \ell \in) and accents (\hat \bar \tilde \vec); `_` lowers and `^` raises the next
// character or {group}, nesting once more inside it. `\\`, `\_`, `\^`,
// `\{` and `\}` are the characters themselves; an unknown command is
// kept as written.
package mathtext

import (
	"strings"
	"unicode/utf8"
)

// Span is a run of text drawn at one level: 0 on the baseline, 1 raised
// (a superscript), -1 lowered (a subscript), 2 or -2 one step further.
type Span struct {
	Text  string
	Level int
	// Flip draws the text upside down: the font has no nabla, so \nabla is
	// a Delta turned over.
	Flip bool
	// Accent is drawn centred over the text (\hat, \bar, \tilde, \vec):
	// the font has no combining marks.
	Accent string
}

// accents maps an accent command to the mark drawn over its argument.
var accents = map[string]string{"hat": "ˆ", "bar": "¯", "tilde": "˜", "vec": "→"}

// symbols maps a command's name to its character.
var symbols = map[string]string{
	"alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "varepsilon": "ε",
	"zeta": "ζ", "eta": "η", "theta": "θ", "iota": "ι", "kappa": "κ", "lambda": "λ", "mu": "μ",
	"nu": "ν", "xi": "ξ", "pi": "π", "rho": "ρ", "sigma": "σ", "tau": "τ", "upsilon": "υ",
	"phi": "φ", "varphi": "φ", "chi": "χ", "psi": "ψ", "omega": "ω",
	"Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π", "Sigma": "Σ",
	"Upsilon": "Υ", "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω",
	"partial": "∂", "sum": "∑", "sqrt": "√", "infty": "∞", "approx": "≈", "neq": "≠", "ne": "≠",
	"leq": "≤", "le": "≤", "geq": "≥", "ge": "≥", "pm": "±", "times": "×", "cdot": "·",
	"to": "→", "rightarrow": "→", "leftarrow": "←", "ell": "ℓ", "in": "∊",
}

// MaxLevel is the deepest a script nests.
const MaxLevel = 2

// Parse reads s into spans. It never fails: what it does not understand is
// drawn as written.
func Parse(s string) []Span {
	p := &parser{src: s}
	p.run(0, false)
	return p.out
}

type parser struct {
	src    string
	i      int
	out    []Span
	accent string // the accent over what is read now ("" for none)
}

// emit adds text at level, joining it to the last span when it can.
func (p *parser) emit(text string, level int, flip bool) {
	if text == "" {
		return
	}
	if n := len(p.out); n > 0 && p.out[n-1].Level == level && !p.out[n-1].Flip && !flip && p.out[n-1].Accent == p.accent {
		p.out[n-1].Text += text
		return
	}
	p.out = append(p.out, Span{Text: text, Level: level, Flip: flip, Accent: p.accent})
}

// run reads until the end, or until a closing brace when inGroup.
func (p *parser) run(level int, inGroup bool) {
	for p.i < len(p.src) {
		c := p.src[p.i]
		switch {
		case c == '}' && inGroup:
			p.i++
			return
		case c == '\\':
			p.command(level)
		case (c == '_' || c == '^') && p.i+1 < len(p.src):
			p.i++
			next := level - 1
			if c == '^' {
				next = level + 1
			}
			next = max(-MaxLevel, min(MaxLevel, next))
			p.script(next)
		case c == '{':
			p.i++
			p.run(level, true)
		default:
			r, n := utf8.DecodeRuneInString(p.src[p.i:])
			p.emit(string(r), level, false)
			p.i += n
		}
	}
}

// script reads what a _ or ^ applies to: a {group}, a command, or one
// character.
func (p *parser) script(level int) {
	switch c := p.src[p.i]; c {
	case '{':
		p.i++
		p.run(level, true)
	case '\\':
		p.command(level)
	default:
		r, n := utf8.DecodeRuneInString(p.src[p.i:])
		p.emit(string(r), level, false)
		p.i += n
	}
}

// command reads a backslash command at p.i.
func (p *parser) command(level int) {
	p.i++ // the backslash
	if p.i >= len(p.src) {
		p.emit(`\`, level, false)
		return
	}
	if c := p.src[p.i]; strings.IndexByte(`\_^{}$ `, c) >= 0 {
		p.emit(string(c), level, false)
		p.i++
		return
	}
	j := p.i
	for j < len(p.src) && isLetter(p.src[j]) {
		j++
	}
	name := p.src[p.i:j]
	p.i = j
	switch {
	case accents[name] != "" && p.accent == "" && p.i < len(p.src):
		// The accent's argument: a {group} or one character, under the mark.
		if p.src[p.i] == ' ' {
			p.i++
		}
		if p.i < len(p.src) {
			p.accent = accents[name]
			p.script(level)
			p.accent = ""
		}
		return
	case name == "nabla":
		p.emit("Δ", level, true)
	case symbols[name] != "":
		p.emit(symbols[name], level, false)
	default:
		p.emit(`\`+name, level, false)
	}
	// The space that ends an operator is not drawn, as in TeX (\nabla f
	// is ∇f); after other commands it stays, as people read it
	// (\alpha = 0.9).
	if p.i < len(p.src) && p.src[p.i] == ' ' && (name == "nabla" || name == "partial") {
		p.i++
	}
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// Plain returns s as one line of plain text: Greek and symbols as their
// characters, scripts inline (`x_t` is "xt"); for measuring and for places
// that cannot draw scripts.
func Plain(s string) string {
	var b strings.Builder
	for _, sp := range Parse(s) {
		if sp.Flip {
			b.WriteString("∇")
			continue
		}
		b.WriteString(sp.Text)
	}
	return b.String()
}

// HasMath reports whether s uses anything Parse turns into more than its
// own characters: a backslash, _ or ^.
func HasMath(s string) bool { return strings.ContainsAny(s, `\_^`) }
