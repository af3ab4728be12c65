//go:build js

package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"
	"syscall/js"

	"descent/scene"
	"descent/scene/game"
)

// In the browser the program has no command line: the page's URL is the
// configuration (with the page's own defaults: descent.js gives both as
// descent.query), and errors are shown on the page.
func main() {
	mark("main")
	var stderr bytes.Buffer
	query := js.Global().Get("location").Get("search").String()
	if d := js.Global().Get("descent"); d.Truthy() && d.Get("query").Type() == js.TypeString {
		query = d.Get("query").String()
	}
	err := webWindow(query, &stderr)
	if err != nil {
		msg := strings.TrimSpace(stderr.String())
		if msg == "" {
			msg = err.Error()
		}
		fmt.Fprintln(os.Stderr, "descent:", msg)
		if d := js.Global().Get("descent"); d.Truthy() {
			d.Call("fail", msg)
		}
		return
	}
}

// webWindow builds the scene the URL describes and runs the window in the page.
func webWindow(query string, stderr io.Writer) error {
	args, err := urlArgs(query)
	if err != nil {
		return err
	}
	fs := newFlagSet("descent", "page parameters", stderr)
	var sf sceneFlags
	sf.register(fs)
	var o game.Options
	var view, layout, rotate string
	fs.Float64Var(&o.Scale, "scale", 1, "label scale")
	fs.BoolVar(&o.Dark, "dark", false, "dark theme")
	fs.BoolVar(&o.Paused, "paused", false, "start paused")
	autoplay := fs.Bool("autoplay", true, "start playing (false: paused)")
	fs.StringVar(&o.Controls, "controls", "", "controls shown: none, minimal or full")
	fs.BoolVar(&o.Loop, "loop", false, "restart the runs once all have finished")
	hud := fs.Bool("hud", true, "show the HUD")
	fs.StringVar(&view, "view", "", "view")
	fs.StringVar(&layout, "layout", "", "layout")
	fs.StringVar(&rotate, "rotate", "", "degrees per step")
	if err := parseFlags(fs, args); err != nil {
		return fmt.Errorf("page parameters: %v", err)
	}
	if view != "" && !slices.Contains(scene.Views(), view) {
		return fmt.Errorf("unknown view %q (want %s)", view, strings.Join(scene.Views(), ", "))
	}
	if layout != "" && !slices.Contains(game.Layouts(), layout) {
		return fmt.Errorf("unknown layout %q (want %s)", layout, strings.Join(game.Layouts(), ", "))
	}
	if !(o.Scale >= 0.25 && o.Scale <= 8) {
		return fmt.Errorf("bad scale %v (want 0.25..8)", o.Scale)
	}
	if o.Controls != "" && !slices.Contains(game.Controls(), o.Controls) {
		return fmt.Errorf("unknown controls %q (want %s)", o.Controls, strings.Join(game.Controls(), ", "))
	}
	o.Paused = o.Paused || !*autoplay
	s, err := sf.build()
	if err != nil {
		return err
	}
	if o.TrailLength, err = sf.trailLength(len(s.Runs)); err != nil {
		return err
	}
	mark("scene")
	switch {
	case view != "":
		s.View = view
	case !slices.Contains(scene.Views(), s.View):
		s.View = scene.Views()[0]
	}
	if rotate != "" {
		r, err := strconv.ParseFloat(rotate, 64)
		if err != nil || math.IsNaN(r) || math.Abs(r) > 360 {
			return fmt.Errorf("bad rotate %q (want degrees per step in [-360, 360])", rotate)
		}
		s.Rotate, s.AutoRotate = r, r != 0
	}
	o.Layout = layout
	o.HideHUD = !*hud
	o.Stderr = os.Stderr
	o.FirstFrame = func() {
		if d := js.Global().Get("descent"); d.Truthy() {
			d.Call("ready")
		}
	}
	g, err := game.New(s, o)
	if err != nil {
		return err
	}
	mark("game")
	// descent.state() reports what the page shows, as JSON.
	if d := js.Global().Get("descent"); d.Truthy() {
		d.Set("state", js.FuncOf(func(js.Value, []js.Value) any {
			b, err := json.Marshal(g.State())
			if err != nil {
				return "{}"
			}
			return string(b)
		}))
	}
	return game.Run(g)
}

// mark notes in descent.marks when start-up reached stage name (ms after
// the page was requested), beside the loader's stages.
func mark(name string) {
	if m := js.Global().Get("descent").Get("marks"); m.Truthy() {
		m.Set(name, math.Round(js.Global().Get("performance").Call("now").Float()))
	}
}

// recordCommand is not available in the browser.
func recordCommand(args []string, stderr io.Writer) error {
	return errors.New("record runs only in the desktop program")
}

// webCommand is not available in the browser.
func webCommand(args []string, stdout, stderr io.Writer) error {
	return errors.New("web runs only in the desktop program")
}

// basinsCommand is not available in the browser.
func basinsCommand(args []string, stderr io.Writer) error {
	return errors.New("basins runs only in the desktop program")
}

// windowCommand is not used in the browser: the page's address is the
// command line (see webWindow).
func windowCommand(args []string, stderr io.Writer) error {
	return errors.New("in the browser the page's address configures the window")
}
