// Package plot is the 2-D drawing toolkit every flat pane of the window
// shares: pixel and data rectangles, the pan-and-zoom transform between
// them, nice tick values and their labels, the axis frame, text items and
// the fonts that draw them, simple shapes (filled rectangles, arrows, the
// minimum marker) and the colour theme.
//
// Geometry goes into shaders.Lines batches and text into []Text lists while
// a frame is prepared; drawing them is a separate, cheap step, so panes do
// their layout without a display and tests check it headless.
package plot
