package record_test

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/gif"
	"os"
	"path/filepath"

	"descent/scene/record"
)

// Record ten frames of a moving square to a looping GIF at 10 fps and read
// the file back.
func ExampleCreate() {
	dir, _ := os.MkdirTemp("", "record-example")
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "square.gif")

	w, err := record.Create(path, record.Options{Width: 64, Height: 48, FPS: 10, Frames: 10, Progress: os.Stderr})
	if err != nil {
		fmt.Println(err) // unwritable path, ffmpeg missing for .mp4 ...
		return
	}
	defer w.Abort() // removes the partial output unless Close succeeded
	frame := image.NewRGBA(image.Rect(0, 0, 64, 48))
	for i := range 10 {
		for y := range 48 {
			for x := range 64 {
				c := color.RGBA{240, 240, 240, 255}
				if x >= 4*i && x < 4*i+16 && y >= 16 && y < 32 {
					c = color.RGBA{200, 30, 30, 255}
				}
				frame.SetRGBA(x, y, c)
			}
		}
		if err := w.WriteFrame(frame); err != nil { // the frame may be reused at once
			fmt.Println(err)
			return
		}
	}
	if err := w.Close(); err != nil {
		fmt.Println(err)
		return
	}

	data, _ := os.ReadFile(path)
	g, _ := gif.DecodeAll(bytes.NewReader(data))
	fmt.Println(len(g.Image), "frames,", g.Config.Width, "x", g.Config.Height, "delays", g.Delay[:3], "loop", g.LoopCount)
	// Output: 10 frames, 64 x 48 delays [10 10 10] loop 0
}

func ExampleFormatFor() {
	for _, p := range []string{"talk.gif", "talk.mp4", "frames/", "slide.bmp"} {
		f, err := record.FormatFor(p)
		fmt.Println(f, err)
	}
	// Output:
	// gif <nil>
	// mp4 <nil>
	// png directory <nil>
	// Format(0) record: unknown output format ".bmp" (want .gif, .mp4, .webm, .png or a directory)
}
