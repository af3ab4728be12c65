// Command descent shows gradient-descent optimizers racing across loss
// surfaces, prints their trajectories, and lists what it knows.
//
//	descent [flags]                       open the window
//	descent trace [flags]                 print trajectories, no window
//	descent inspect [flags] -at X,Y       loss, gradient, exact Hessian, eigen-pairs, largest stable lr at a point
//	descent record [flags] -o FILE        render frames to .gif/.mp4/.webm/.png, no interaction
//	descent basins [flags] -o FILE.png    colour every start of an N x N grid by the minimum it reaches
//	descent web -o DIR [-serve ADDR]      build the WebAssembly page (and serve it)
//	descent list [surfaces|optimizers|schedulers|scenes|minima]
//
// Exit status: 0 on success, 2 for bad usage or input, 1 for a failure while
// running.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
)

// usageError marks an error in the user's input: exit status 2.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

func badUsage(err error) error { return usageError{err} }

// run executes the command line args and returns the exit status.
func run(args []string, stdout, stderr io.Writer) int {
	cmd, rest := "", args
	if len(args) > 0 {
		switch args[0] {
		case "trace", "inspect", "record", "basins", "web", "list", "help":
			cmd, rest = args[0], args[1:]
		}
	}
	var err error
	switch cmd {
	case "trace":
		err = traceCommand(rest, stdout, stderr)
	case "inspect":
		err = inspectCommand(rest, stdout, stderr)
	case "record":
		err = recordCommand(rest, stderr)
	case "basins":
		err = basinsCommand(rest, stderr)
	case "web":
		err = webCommand(rest, stdout, stderr)
	case "list":
		err = listCommand(rest, stdout)
	case "help":
		fmt.Fprint(stdout, topUsage)
		return 0
	default:
		err = windowCommand(rest, stderr)
	}
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	}
	name := "descent"
	if cmd != "" {
		name += " " + cmd
	}
	fmt.Fprintf(stderr, "%s: %v\n", name, err)
	var ue usageError
	if errors.As(err, &ue) {
		return 2
	}
	return 1
}

const topUsage = `Descent shows gradient-descent optimizers racing across loss surfaces.

Usage:
  descent [flags]                       open the window (default scene, or -scene NAME|FILE)
  descent trace [flags]                 print trajectories as CSV or JSON, no window
  descent inspect [flags] -at X,Y       loss, gradient, exact Hessian, eigen-pairs and the
                                        largest stable learning rate at a point
  descent record [flags] -o FILE        render frames to .gif/.mp4/.webm/.png, no interaction
  descent basins [flags] -o FILE.png    colour every start of an N x N grid by the minimum it reaches (and -csv)
  descent web -o DIR [-serve ADDR]      build the WebAssembly page into DIR (and serve it)
  descent list [surfaces|optimizers|schedulers|scenes|minima]

Run 'descent COMMAND -h' for the flags of a command.
`

// usages holds each flag set's usage printer: flag.FlagSet calls its Usage on
// every parse error, but the usage text is printed only for -h.
var usages = map[*flag.FlagSet]func(){}

// newFlagSet returns a flag set that reports errors by returning them (the
// caller prints one line) and prints its usage only for -h.
func newFlagSet(name, synopsis string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	usages[fs] = func() {
		fmt.Fprintf(stderr, "Usage: %s\n\nFlags:\n", synopsis)
		fs.SetOutput(stderr)
		fs.PrintDefaults()
		fs.SetOutput(io.Discard)
	}
	return fs
}

// parseFlags parses args, turning flag errors into usage errors and rejecting
// stray arguments.
func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			usages[fs]()
			return err
		}
		return badUsage(err)
	}
	if fs.NArg() > 0 {
		return badUsage(fmt.Errorf("unexpected argument %q (flags come as -name value)", fs.Arg(0)))
	}
	return nil
}
