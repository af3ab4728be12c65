//go:build !js

package main

import "os"

// exit ends the program with a status, when a command must stop before it
// returns (an interrupted recording still setting up); tests replace it.
var exit = os.Exit

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}
