//go:build js

package link

import (
	"errors"
	"io"
	"syscall/js"
)

// Share puts the page's address with query q in the address bar and on the
// clipboard. On the desktop it prints q on w.
func Share(q string, _ io.Writer) error {
	loc := js.Global().Get("location")
	href := loc.Get("origin").String() + loc.Get("pathname").String() + q
	if h := js.Global().Get("history"); h.Truthy() {
		h.Call("replaceState", nil, "", href)
	}
	clip := js.Global().Get("navigator").Get("clipboard")
	if !clip.Truthy() {
		return errors.New("no clipboard")
	}
	clip.Call("writeText", href)
	return nil
}
