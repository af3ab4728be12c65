package optim

// cosReduceThreshold is math's reduceThreshold: below it math.Cos reduces
// its argument with a three-part Pi/4 (see cos_copy.go), above it with
// Payne-Hanek.
const cosReduceThreshold = 1 << 29
