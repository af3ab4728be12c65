//go:build !js

package link

import (
	"fmt"
	"io"
)

// Share shares the page query q of the current setup. On the desktop it is
// printed on w: there is no page to link to, but the query works on any
// copy of it. In the browser the page's address with q goes to the address
// bar and the clipboard.
func Share(q string, w io.Writer) error {
	_, err := fmt.Fprintf(w, "descent: page link: %s\n", q)
	return err
}
