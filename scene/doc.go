// Package scene describes what Descent shows: a surface, the optimizer runs
// racing over it and how they are presented (mesh, colours, camera, playback
// rate, titles). Scenes come from embedded presets (Load, Presets, Default),
// from scene files (LoadFile, Parse) or from command-line flags (a Scene
// built in code, then Normalize and Validate); Surface and BuildRuns turn a
// Scene into a surface and live runs.
//
// # Scene files
//
// A scene file is plain text, one "key = value" per line. Blank lines are
// ignored, and '#' starts a comment when it begins a line or follows a space
// and is followed by a space or the end of the line (so colours like #d62728
// and titles like "Race #2" are values, not comments). Keys are
// case-insensitive. The scene's keys come first; each "[run]" line then starts
// one optimizer run, whose keys follow it:
//
//	# Gradient descent on a bowl, turning slowly.
//	title = Gradient Descent on Loss Function
//	description = one GD run on a bowl, camera turning
//	surface = bowl            # a built-in surface (descent list surfaces)
//	                          # or: expr = x^2 - y^2   (a formula in x and y)
//	                          # or: data = points.csv  (x,y columns; least squares)
//	                          # or: surface = logistic with data = labels.csv
//	                          #     (a data surface and its data; see surface.Models)
//	domain = -1, 5, 0, 6      # xmin, xmax, ymin, ymax (xmin, xmax for curves)
//	mesh = 400                # samples per side, 2..1000
//	colormap = viridis        # viridis coolwarm magma plasma cividis grey
//	alpha = 0.7               # surface opacity, 0..1
//	camera = 30, 120          # elevation, azimuth [, distance] in degrees
//	rotate = -2               # azimuth degrees per step when auto-rotating
//	autorotate = true
//	rate = 5                  # steps per second, up to 60
//	steps = 50                # steps per run (0 or absent: no limit)
//	labels = X axis, Y axis, Loss
//	view = 3d                 # 3d | contour | curve (curves are 1-D surfaces)
//	contour = loss            # what the contour view draws: loss | sqrt | log
//	arrows = false            # step arrows -lr*grad in the contour view
//	axes = -7, 9, 0, 50       # curve view limits: xmin, xmax, lossmin, lossmax
//	legend = true
//
//	[run]
//	optimizer = gd:lr=0.1     # an optimizer spec, as for descent trace -optimizer
//	start = 0, 0              # absent: the surface's default start
//	color = red               # a palette name or #rrggbb; absent: next palette colour
//	label = Trajectory        # absent: made from the spec
//	batch = 8                 # mini-batch size (data surfaces only)
//	noise = 0.1               # standard deviation of gradient noise
//	seed = 1                  # random seed of batches and noise
//
// Booleans are true/false (also yes/no, on/off, 1/0). A relative data path
// is read from the scene file's directory; the name of a built-in data set
// (surface.BuiltinData, e.g. logistic-200.csv) that names no file there
// reads the embedded copy, which is how presets use them. Exactly one of
// surface, expr and data is required (or a data surface and its data), and
// at least one run; everything else has a default (see
// Normalize). Errors name the file and the line, e.g.
//
//	scene: bowl.scene:7: unknown key "colourmap" (did you mean "colormap"?)
//	scene: race.scene:12: run 2: optimizer: optim: unknown optimizer "adma" (did you mean "adam"?)
//
// Write writes a scene back in this format.
package scene
