//go:build !js

package capture

import (
	"image"
	"os"

	"descent/scene/record"
)

// createRecording opens a recording of w x h frames at fps frames per
// second. The palette of a GIF comes from its first second, so that memory
// stays small however long the recording runs.
func createRecording(path string, w, h int, fps float64) (Sink, error) {
	return record.Create(path, record.Options{Width: w, Height: h, FPS: fps, PaletteFrames: int(fps)})
}

// SavePNG writes img to a PNG file at path through a temporary file, so a
// failure leaves nothing behind. In the browser it offers img as a download
// named path.
func SavePNG(path string, img *image.RGBA) error {
	w, err := record.Create(path, record.Options{})
	if err != nil {
		return err
	}
	if err := w.WriteFrame(img); err != nil {
		w.Abort()
		return err
	}
	return w.Close()
}

// fileExists reports whether a file named name exists.
func fileExists(name string) bool {
	_, err := os.Lstat(name)
	return err == nil
}
