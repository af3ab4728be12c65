//go:build js

package capture

import (
	"bytes"
	"errors"
	"image"
	"image/png"
	"syscall/js"
)

// createRecording fails in the browser: a page cannot stream frames to a
// file. Record with the desktop program ('descent record') instead.
func createRecording(path string, w, h int, fps float64) (Sink, error) {
	return nil, errors.New("recording needs the desktop program (descent record); F12 saves a PNG")
}

// SavePNG offers img as a PNG download named path. On the desktop it
// writes the file.
func SavePNG(path string, img *image.RGBA) error {
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return err
	}
	data := js.Global().Get("Uint8Array").New(buf.Len())
	js.CopyBytesToJS(data, buf.Bytes())
	blob := js.Global().Get("Blob").New([]any{data}, map[string]any{"type": "image/png"})
	url := js.Global().Get("URL").Call("createObjectURL", blob)
	a := js.Global().Get("document").Call("createElement", "a")
	a.Set("href", url)
	a.Set("download", path)
	a.Call("click")
	js.Global().Get("URL").Call("revokeObjectURL", url)
	return nil
}

// fileExists is false in the browser: downloads are named by the browser.
func fileExists(string) bool { return false }
