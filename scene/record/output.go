package record

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
)

// CheckOutput reports why a recording should not be written at path, or
// nil. Every output is written under a temporary name and renamed over
// path, which would silently replace a read-only file, or the symbolic link
// itself instead of the file it points to; both are refused, as are a path
// that is a directory and a directory that is missing. For a directory of
// frames (see FormatFor) the directory is checked the same way: not a
// symbolic link, not a file. It checks only: Create checks again.
func CheckOutput(path string) error {
	if f, err := FormatFor(path); err == nil && f == PNGDir {
		return checkFrameDir(path)
	}
	fi, err := os.Lstat(path)
	switch {
	case err == nil && fi.Mode()&os.ModeSymlink != 0:
		target, _ := os.Readlink(path)
		return fmt.Errorf("record: cannot write %s: it is a symbolic link (to %s); give the file it points to, or another name", path, target)
	case err == nil && fi.IsDir():
		return fmt.Errorf("record: cannot write %s: it is a directory", path)
	case err == nil && !fi.Mode().IsRegular():
		return fmt.Errorf("record: cannot write %s: it is not a regular file (%v)", path, fi.Mode().Type())
	case err == nil && fi.Mode().Perm()&0o200 == 0:
		return fmt.Errorf("record: cannot write %s: the file is read-only (mode %v); make it writable or choose another name", path, fi.Mode().Perm())
	}
	return checkDir(path, filepath.Dir(path))
}

// checkFrameDir checks the destination of a directory of frames: an
// existing directory that is not a symbolic link, or a new name in an
// existing directory.
func checkFrameDir(path string) error {
	dir := filepath.Clean(path)
	fi, err := os.Lstat(dir)
	switch {
	case err == nil && fi.Mode()&os.ModeSymlink != 0:
		target, _ := os.Readlink(dir)
		return fmt.Errorf("record: cannot write frames to %s: it is a symbolic link (to %s); give the directory it points to", path, target)
	case err == nil && !fi.IsDir():
		return fmt.Errorf("record: cannot write frames to %s: it is a file, not a directory", path)
	case err == nil:
		return nil
	}
	return checkDir(path, filepath.Dir(dir))
}

func checkDir(path, dir string) error {
	fi, err := os.Stat(dir)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return fmt.Errorf("record: cannot write %s: directory %s does not exist", path, dir)
	case err != nil:
		return fmt.Errorf("record: cannot write %s: %v", path, unwrapPath(err))
	case !fi.IsDir():
		return fmt.Errorf("record: cannot write %s: %s is not a directory", path, dir)
	}
	return nil
}

// unwrapPath drops the path from an *os.PathError, whose message would repeat it.
func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s: %w", pe.Op, pe.Err)
	}
	return err
}

// errAborted is the error of a recording thrown away by Abort.
var errAborted = errors.New("record: recording aborted")

// tempFile is an output file written under a temporary name in the
// destination's directory and renamed into place by commit. interrupt,
// safe to call from any goroutine, removes it at once and makes a later
// commit fail: after interrupt, the destination is never touched.
type tempFile struct {
	*os.File
	path string // final destination

	mu        sync.Mutex // orders commit's rename and interrupt's removal
	aborted   bool
	committed bool
}

// createTemp checks the destination and creates the temporary file beside it.
func createTemp(path string) (*tempFile, error) {
	if err := CheckOutput(path); err != nil {
		return nil, err
	}
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return nil, fmt.Errorf("record: cannot write %s: %v", path, unwrapPath(err))
	}
	return &tempFile{File: f, path: path}, nil
}

// commit flushes the file to disk, closes it and renames it over the
// destination, unless interrupt came first.
func (t *tempFile) commit() error {
	tmp := t.Name()
	err := t.Sync()
	if cerr := t.File.Close(); err == nil {
		err = cerr
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.aborted {
		os.Remove(tmp)
		return errAborted
	}
	if err == nil {
		err = os.Chmod(tmp, 0o644)
	}
	if err == nil {
		err = os.Rename(tmp, t.path)
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("record: cannot write %s: %v", t.path, err)
	}
	t.committed = true
	return nil
}

// interrupt removes the temporary file now, unless commit has already put
// it in place, and makes commit fail from now on.
func (t *tempFile) interrupt() {
	t.mu.Lock()
	defer t.mu.Unlock()
	if !t.committed {
		t.aborted = true
		os.Remove(t.Name())
	}
}

// discard closes and removes the temporary file.
func (t *tempFile) discard() {
	t.File.Close()
	os.Remove(t.Name())
}
