package contour_test

import (
	"fmt"

	"descent/scene/contour"
)

// The regression-race scene contours sqrt(loss): build the transformed
// grid, pick levels, trace lines and fill bands.
func Example() {
	const n = 101
	dom := contour.Rect{MinX: -10, MinY: -10, MaxX: 10, MaxY: 10}
	loss := make([]float64, n*n)
	for j := 0; j < n; j++ {
		for i := 0; i < n; i++ {
			a := dom.MinX + float64(i)*(dom.MaxX-dom.MinX)/(n-1)
			b := dom.MinY + float64(j)*(dom.MaxY-dom.MinY)/(n-1)
			loss[j*n+i] = (a+2)*(a+2) + 4*(b-2)*(b-2)
		}
	}
	z := contour.TransformGrid(loss, contour.Sqrt)
	levels := contour.Levels(loss, 8, contour.Sqrt)
	for _, l := range levels {
		lines := contour.Lines(z, n, n, dom, l)
		fmt.Printf("%s: %d line(s), first closed: %v\n", contour.LevelText(l, contour.Sqrt), len(lines), lines[0].Closed)
	}
	bands := contour.Bands(z, n, n, dom, levels)
	fmt.Println("bands:", len(bands))
	// Output:
	// 2.5: 1 line(s), first closed: true
	// 5: 1 line(s), first closed: true
	// 7.5: 1 line(s), first closed: true
	// 10: 1 line(s), first closed: false
	// 12.5: 2 line(s), first closed: false
	// 15: 2 line(s), first closed: false
	// 17.5: 3 line(s), first closed: false
	// 20: 2 line(s), first closed: false
	// 22.5: 1 line(s), first closed: false
	// 25: 2 line(s), first closed: false
	// bands: 11
}

func ExampleDash() {
	line := []contour.Point2{{X: 0, Y: 0}, {X: 10, Y: 0}, {X: 10, Y: 10}}
	for _, d := range contour.Dash(line, 6, 3) {
		fmt.Println(d)
	}
	// Output:
	// [{0 0} {6 0}]
	// [{9 0} {10 0} {10 5}]
	// [{10 8} {10 10}]
}
