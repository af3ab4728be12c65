package plot

import "image/color"

// Theme holds the colours of the window. Every pane takes its colours from
// the theme it is given; none is written elsewhere.
type Theme struct {
	// Dark tells a dark theme from a light one (for caches keyed by look).
	Dark       bool
	Background color.RGBA
	Pane       color.RGBA // the three back panes of the 3-D axis box
	PaneGrid   color.RGBA // grid lines on the panes, seams between panes
	Edge       color.RGBA // box edges, plot frames and ticks
	Text       color.RGBA
	Muted      color.RGBA // secondary text
	Panel      color.RGBA // legend, HUD and control panel backgrounds (alpha used)
	Grey       color.RGBA // diverged runs
	MeshLine   [3]float32 // grid lines on the surface (linear RGB in [0, 1])

	ContourLine      color.RGBA // iso-lines of the contour view
	ContourLineAlpha float64
	Outline          color.RGBA // dark outline of markers and current points
	Halo             color.RGBA // light halo under paths, the minimum's cross
	Recording        color.RGBA // the REC indicator
	ToastBack        color.RGBA // background of on-screen confirmations (alpha used)
	ToastText        color.RGBA

	Label0 color.RGBA // fit view: data points of label 0
	Label1 color.RGBA // fit view: data points of label 1

	Field  color.RGBA // control panel: text fields, sliders' tracks, lists
	Button color.RGBA // control panel: buttons and headers
	Hover  color.RGBA // control panel: the widget under the pointer
	Accent color.RGBA // control panel: focus, selection, slider thumbs, ticks
}

// Light returns the default look: white paper, light grey panes, dark text,
// like matplotlib's 3-D axes but crisper.
func Light() Theme {
	return Theme{
		Background: color.RGBA{0xfc, 0xfc, 0xfd, 0xff},
		Pane:       color.RGBA{0xee, 0xf0, 0xf4, 0xff},
		PaneGrid:   color.RGBA{0xd3, 0xd7, 0xde, 0xff},
		Edge:       color.RGBA{0x6b, 0x72, 0x80, 0xff},
		Text:       color.RGBA{0x1f, 0x23, 0x2b, 0xff},
		Muted:      color.RGBA{0x5b, 0x63, 0x70, 0xff},
		Panel:      color.RGBA{0xff, 0xff, 0xff, 0xe6},
		Grey:       color.RGBA{0x9a, 0xa0, 0xa8, 0xff},
		MeshLine:   [3]float32{0.08, 0.09, 0.12},

		ContourLine:      color.RGBA{0x20, 0x24, 0x2c, 0xff},
		ContourLineAlpha: 0.62,
		Outline:          color.RGBA{0x15, 0x17, 0x1c, 0xff},
		Halo:             color.RGBA{0xff, 0xff, 0xff, 0xff},
		Recording:        color.RGBA{0xe0, 0x1b, 0x24, 0xff},
		ToastBack:        color.RGBA{0x1f, 0x23, 0x2b, 0xe0},
		ToastText:        color.RGBA{0xff, 0xff, 0xff, 0xff},
		Label0:           color.RGBA{0x4a, 0x7a, 0xc8, 0xff},
		Label1:           color.RGBA{0xd9, 0x6a, 0x2b, 0xff},

		Field:  color.RGBA{0xf1, 0xf3, 0xf6, 0xff},
		Button: color.RGBA{0xe3, 0xe7, 0xed, 0xff},
		Hover:  color.RGBA{0xd5, 0xdb, 0xe4, 0xff},
		Accent: color.RGBA{0x25, 0x63, 0xeb, 0xff},
	}
}

// Dark returns a dark look for dim rooms.
func Dark() Theme {
	return Theme{
		Dark:       true,
		Background: color.RGBA{0x12, 0x14, 0x19, 0xff},
		Pane:       color.RGBA{0x1d, 0x21, 0x29, 0xff},
		PaneGrid:   color.RGBA{0x33, 0x39, 0x44, 0xff},
		Edge:       color.RGBA{0x8a, 0x93, 0xa3, 0xff},
		Text:       color.RGBA{0xe8, 0xeb, 0xf0, 0xff},
		Muted:      color.RGBA{0xa8, 0xb0, 0xbc, 0xff},
		Panel:      color.RGBA{0x1a, 0x1d, 0x24, 0xe6},
		Grey:       color.RGBA{0x6b, 0x72, 0x80, 0xff},
		MeshLine:   [3]float32{0.02, 0.02, 0.03},

		ContourLine:      color.RGBA{0x10, 0x10, 0x14, 0xff},
		ContourLineAlpha: 0.7,
		Outline:          color.RGBA{0x15, 0x17, 0x1c, 0xff},
		Halo:             color.RGBA{0xff, 0xff, 0xff, 0xff},
		Recording:        color.RGBA{0xe0, 0x1b, 0x24, 0xff},
		ToastBack:        color.RGBA{0x1f, 0x23, 0x2b, 0xe0},
		ToastText:        color.RGBA{0xff, 0xff, 0xff, 0xff},
		Label0:           color.RGBA{0x6c, 0x9c, 0xe8, 0xff},
		Label1:           color.RGBA{0xf0, 0x8c, 0x4a, 0xff},

		Field:  color.RGBA{0x24, 0x29, 0x33, 0xff},
		Button: color.RGBA{0x2c, 0x32, 0x3d, 0xff},
		Hover:  color.RGBA{0x38, 0x40, 0x4d, 0xff},
		Accent: color.RGBA{0x60, 0x9c, 0xfa, 0xff},
	}
}

// Font sizes in pixels at label scale 1 (negative sizes ask for bold: see
// Text.Size).
const (
	TitleSize     = 22 // the scene's title
	TextSize      = 15 // legend labels, the step counter
	SmallSize     = 13 // tick labels, hints, legend infos
	AxisTitleSize = 14 // titles of 2-D axes
	BoxTitleSize  = 15 // titles of the 3-D box's axes
	LabelSize     = 12 // contour labels
	HelpSize      = 16 // the help overlay's rows
	HelpHeadSize  = 20 // the help overlay's heading
)

// Spacing in pixels at label scale 1.
const (
	Margin = 16 // from the window's edges to overlays
	Pad    = 12 // inside overlay panels
)
