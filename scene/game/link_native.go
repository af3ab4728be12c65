//go:build !js

package game

import (
	"fmt"
	"io"
)

// shareLink prints the page query of the current setup on w: the desktop
// has no page to link to, but the query works on any copy of it.
func shareLink(q string, w io.Writer) error {
	_, err := fmt.Fprintf(w, "descent: page link: %s\n", q)
	return err
}
