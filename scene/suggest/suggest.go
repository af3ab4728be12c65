// Package suggest picks the "did you mean" name for a mistyped word, the one
// policy behind every such hint in Descent (optimizer names and keys, scene
// keys, sections and values, expression names, surface names).
//
// Words are compared ignoring case, rune by rune, with the
// optimal-string-alignment distance: the fewest insertions, deletions,
// substitutions and swaps of two neighbouring runes that turn one word into
// the other (Distance). A candidate is suggested when it is the closest one
// (the first of equals in the caller's order), at most 2 edits away, and
// those edits are fewer than half of the longer word's runes: "adma" gives
// "adam" and "Sin" gives "sin", but "ab" gives no "cb" (one edit in two
// runes is too many).
//
// When no candidate is that close, a candidate that shares a prefix of at
// least 3 runes with the word, because one of them begins the other, is
// suggested instead, the closest such one first: "cosine" gives "cos",
// "desc" gives "description".
//
// The package uses only the standard library, so that any package of the
// project may import it.
package suggest

import (
	"slices"
	"unicode"
)

// maxEdits is the largest distance a suggestion may be from the word.
const maxEdits = 2

// minPrefix is the shortest shared prefix, in runes, that the prefix
// fallback accepts.
const minPrefix = 3

// Nearest returns the candidate that word most plausibly misspells under the
// package's policy, or "" when none is close enough to suggest. The result
// is the candidate as given (in its own case).
func Nearest(word string, candidates []string) string {
	w := lowerRunes(word)
	best, bestDist := "", maxEdits+1
	for _, c := range candidates {
		cr := lowerRunes(c)
		d := distance(w, cr)
		if d < bestDist && 2*d < max(len(w), len(cr)) {
			best, bestDist = c, d
		}
	}
	if best != "" {
		return best
	}
	bestDist = -1
	for _, c := range candidates {
		cr := lowerRunes(c)
		if min(len(w), len(cr)) < minPrefix || !(hasPrefix(w, cr) || hasPrefix(cr, w)) {
			continue
		}
		if d := distance(w, cr); bestDist < 0 || d < bestDist {
			best, bestDist = c, d
		}
	}
	return best
}

// Distance returns the optimal-string-alignment distance between a and b,
// ignoring case and counted in runes: the fewest insertions, deletions,
// substitutions and swaps of two neighbouring runes that turn a into b (no
// substring is edited twice, so "ca" to "abc" is 3, not 2).
func Distance(a, b string) int {
	return distance(lowerRunes(a), lowerRunes(b))
}

// distance is Distance over runes already lower-cased.
func distance(a, b []rune) int {
	beforePrev := make([]int, len(b)+1) // row i-2
	prev := make([]int, len(b)+1)       // row i-1
	cur := make([]int, len(b)+1)        // row i
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], beforePrev[j-2]+1)
			}
		}
		beforePrev, prev, cur = prev, cur, beforePrev
	}
	return prev[len(b)]
}

// lowerRunes returns the runes of s, each lower-cased on its own (so the
// count of runes never changes).
func lowerRunes(s string) []rune {
	r := []rune(s)
	for i, c := range r {
		r[i] = unicode.ToLower(c)
	}
	return r
}

// hasPrefix reports whether s begins with prefix.
func hasPrefix(s, prefix []rune) bool {
	return len(prefix) <= len(s) && slices.Equal(s[:len(prefix)], prefix)
}
