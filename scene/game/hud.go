package game

import (
	"fmt"
	"image/color"
	"math"

	"descent/shaders"
)

// runInfo is what the legend and HUD show about one run.
type runInfo struct {
	label      string
	color      color.RGBA
	loss       float64
	dist       float64 // distance to the nearest known minimum
	hasDist    bool
	divergedAt int // 0 while the run has not diverged
}

// hudInput is everything the overlays show.
type hudInput struct {
	w, h       float64
	scale      float64 // UI scale for text
	lineW      float64 // device scale for lines
	theme      Theme
	title      string
	runs       []runInfo
	step       int
	maxSteps   int
	rate       float64
	paused     bool
	finished   bool
	autoRotate bool
	ortho      bool
	showHUD    bool // H hides the HUD, hints and notes
	noHint     bool // no "F1 help" hint: nobody can press keys (descent record)
	help       bool
	stats      string
	note       string
	measure    measureFunc
}

// helpLines lists every key for the help overlay.
var helpLines = [][2]string{
	{"Left drag", "orbit the camera"},
	{"Right drag, Shift+drag", "pan"},
	{"Wheel", "zoom towards the cursor"},
	{"Arrow keys", "orbit"},
	{"+ / -", "zoom in / out"},
	{"A", "auto-rotate on / off"},
	{"O", "orthographic / perspective"},
	{"R", "reset the view"},
	{"Space", "pause / resume"},
	{"N or .", "single step"},
	{"Backspace", "restart all runs"},
	{"[ / ]", "slower / faster"},
	{"H", "hide / show the HUD"},
	{"F1 or ?", "this help"},
	{"F3", "frame statistics"},
	{"F9", "record the window (again: stop)"},
	{"F12", "save a PNG screenshot"},
	{"K", "copy a link to this setup"},
	{"Esc or Q", "quit"},
}

// layoutHUD places the title, legend, HUD, notes, help and statistics: it
// appends their text to texts (layer 1, the help on layer 2) and their
// panels to panels[0] (under layer 1's text) and panels[1] (the help's,
// over it).
func layoutHUD(in hudInput, texts []textItem, panels *[2]shaders.Lines) []textItem {
	s := in.scale
	th := in.theme
	measure := in.measure
	if measure == nil {
		measure = func(string, float64) (float64, float64) { return 0, 0 }
	}
	pad := 12 * s
	lw := float32(in.lineW)
	layer := 1
	panel := func(x0, y0, x1, y1 float64) {
		l := &panels[layer-1]
		pts := [][2]float32{{float32(x0), float32(y0)}, {float32(x1), float32(y0)}, {float32(x1), float32(y1)}, {float32(x0), float32(y1)}}
		bg := th.Panel
		a := float64(bg.A) / 255
		if layer == 2 {
			a = 0.97
		}
		bg.A = 255
		l.Polygon(pts, shaders.RGBA(bg, a))
		edge := shaders.RGBA(th.PaneGrid, 1)
		for k := range 4 {
			a, b := pts[k], pts[(k+1)%4]
			l.Segment(a[0], a[1], b[0], b[1], lw, edge)
		}
	}

	// Title, top centre.
	top := 14 * s
	titleRight := 0.0
	if in.title != "" {
		size := -22 * s
		w, h := measure(in.title, size)
		texts = append(texts, textItem{s: in.title, x: in.w / 2, y: top, ax: 0.5, ay: 0, size: size, col: th.Text, layer: layer})
		top += h
		titleRight = in.w/2 + w/2
	}

	// Legend, top right: swatch, label and, with the HUD, loss and distance.
	if len(in.runs) > 0 {
		size := 15 * s
		small := 13 * s
		_, rowH := measure("Ag", size)
		rowH *= 1.35
		labelW, infoW := 0.0, 0.0
		infos := make([]string, len(in.runs))
		for i, r := range in.runs {
			w, _ := measure(r.label, size)
			labelW = math.Max(labelW, w)
			if in.showHUD {
				switch {
				case r.divergedAt > 0:
					infos[i] = fmt.Sprintf("diverged at step %d", r.divergedAt)
				case r.hasDist:
					infos[i] = fmt.Sprintf("loss %s   to min %s", formatValue(r.loss), formatValue(r.dist))
				default:
					infos[i] = fmt.Sprintf("loss %s", formatValue(r.loss))
				}
			} else if r.divergedAt > 0 {
				infos[i] = fmt.Sprintf("diverged at step %d", r.divergedAt)
			}
			w, _ = measure(infos[i], small)
			infoW = math.Max(infoW, w)
		}
		sw := 30 * s
		gap := 10 * s
		width := pad + sw + gap + labelW + pad
		if infoW > 0 {
			width += 2*gap + infoW
		}
		x1 := in.w - 16*s
		x0 := x1 - width
		y0 := 16 * s
		if x0 < titleRight+16*s {
			y0 = top + 10*s // under the title when they would meet
		}
		y1 := y0 + pad*2 + rowH*float64(len(in.runs)) - rowH*0.35
		panel(x0, y0, x1, y1)
		for i, r := range in.runs {
			cy := y0 + pad + rowH*float64(i) + rowH*0.5/1.35
			col := r.color
			txt := th.Text
			if r.divergedAt > 0 {
				col, txt = th.Grey, th.Muted
			}
			c := shaders.RGBA(col, 1)
			sx := x0 + pad
			panels[0].Segment(float32(sx), float32(cy), float32(sx+sw), float32(cy), 2.6*lw, c)
			panels[0].Disc(float32(sx+sw/2), float32(cy), 4.5*lw, c)
			texts = append(texts, textItem{s: r.label, x: sx + sw + gap, y: cy, ax: 0, ay: 0.5, size: size, col: txt, layer: layer})
			if infos[i] != "" {
				texts = append(texts, textItem{s: infos[i], x: x1 - pad, y: cy, ax: 1, ay: 0.5, size: small, col: th.Muted, layer: layer})
			}
		}
	}

	if in.showHUD {
		// Step and playback state, top left.
		size := 15 * s
		status := fmt.Sprintf("step %d", in.step)
		if in.maxSteps > 0 {
			status = fmt.Sprintf("step %d / %d", in.step, in.maxSteps)
		}
		state := fmt.Sprintf("%s steps/s", formatValue(in.rate))
		switch {
		case in.finished:
			state = "finished"
		case in.paused:
			state = "paused"
		}
		line2 := state
		if in.autoRotate {
			line2 += " · turning"
		}
		if in.ortho {
			line2 += " · ortho"
		}
		texts = append(texts, textItem{s: status, x: 16 * s, y: 16 * s, size: -size, col: th.Text, layer: layer})
		_, h := measure(status, -size)
		texts = append(texts, textItem{s: line2, x: 16 * s, y: 16*s + h*1.15, size: 13 * s, col: th.Muted, layer: layer})
		// Hint and note, bottom.
		if !in.noHint {
			hint := "F1 help · drag to turn · wheel to zoom"
			texts = append(texts, textItem{s: hint, x: 16 * s, y: in.h - 12*s, ay: 1, size: 13 * s, col: th.Muted, layer: layer})
		}
		if in.note != "" {
			texts = append(texts, textItem{s: in.note, x: in.w - 16*s, y: in.h - 12*s, ax: 1, ay: 1, size: 13 * s, col: th.Muted, layer: layer})
		}
	}
	if in.stats != "" {
		texts = append(texts, textItem{s: in.stats, x: 16 * s, y: 64 * s, size: 13 * s, col: th.Text, layer: layer})
	}

	if in.help {
		layer = 2
		size := 16 * s
		keyW, descW, rowH := 0.0, 0.0, 0.0
		for _, l := range helpLines {
			w, h := measure(l[0], -size)
			keyW, rowH = math.Max(keyW, w), math.Max(rowH, h)
			w, _ = measure(l[1], size)
			descW = math.Max(descW, w)
		}
		rowH *= 1.3
		head := "Keys"
		_, headH := measure(head, -20*s)
		gap := 24 * s
		width := 2*pad + keyW + gap + descW + 2*pad
		height := 2*pad + headH*1.4 + rowH*float64(len(helpLines)) + pad
		x0, y0 := (in.w-width)/2, (in.h-height)/2
		panel(x0, y0, x0+width, y0+height)
		texts = append(texts, textItem{s: head, x: x0 + 2*pad, y: y0 + pad, size: -20 * s, col: th.Text, layer: layer})
		y := y0 + pad + headH*1.4
		for _, l := range helpLines {
			texts = append(texts,
				textItem{s: l[0], x: x0 + 2*pad, y: y, size: -size, col: th.Text, layer: layer},
				textItem{s: l[1], x: x0 + 2*pad + keyW + gap, y: y, size: size, col: th.Muted, layer: layer})
			y += rowH
		}
	}
	return texts
}
