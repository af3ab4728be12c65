// Package outfile writes a file so that it appears whole or not at all: the
// bytes go to a temporary file beside the destination, which Commit renames
// over it; Discard (or a crash, or Ctrl-C before Commit) leaves nothing at
// the destination and removes the temporary file.
package outfile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// File is an output file in the making.
type File struct {
	*os.File
	path string
	done bool
}

// Create starts writing path. It fails at once when path is a directory or
// its directory cannot be written.
func Create(path string) (*File, error) {
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		return nil, fmt.Errorf("outfile: cannot write %s: it is a directory", path)
	}
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, fmt.Errorf("outfile: cannot write %s: %v", path, err)
	}
	return &File{File: f, path: path}, nil
}

// Path returns the destination path.
func (f *File) Path() string { return f.path }

// Commit flushes the file to disk, closes it and renames it over the
// destination, readable by all (mode 0644).
func (f *File) Commit() error {
	if f.done {
		return fmt.Errorf("outfile: %s already committed or discarded", f.path)
	}
	f.done = true
	tmp := f.Name()
	err := f.Sync()
	if cerr := f.File.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp, 0o644)
	}
	if err == nil {
		err = os.Rename(tmp, f.path)
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("outfile: cannot write %s: %v", f.path, err)
	}
	return nil
}

// Discard closes and removes the temporary file; the destination is left
// as it was. It does nothing after Commit, so it may be deferred.
func (f *File) Discard() {
	if f.done {
		return
	}
	f.done = true
	f.File.Close()
	os.Remove(f.Name())
}
