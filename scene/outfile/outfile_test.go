package outfile

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCommitAndDiscard(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name    string
		commit  bool
		want    string // content at the destination; "" for no file
		already bool   // the destination exists beforehand with "old"
	}{
		{name: "commit", commit: true, want: "new"},
		{name: "discard", commit: false, want: ""},
		{name: "commit over", commit: true, want: "new", already: true},
		{name: "discard keeps old", commit: false, want: "old", already: true},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(dir, strings.ReplaceAll(tt.name, " ", "-")+string(rune('a'+i)))
			if tt.already {
				if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			f, err := Create(path)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := f.WriteString("new"); err != nil {
				t.Fatal(err)
			}
			if tt.commit {
				if err := f.Commit(); err != nil {
					t.Fatal(err)
				}
			}
			f.Discard()
			got, err := os.ReadFile(path)
			if tt.want == "" {
				if err == nil {
					t.Errorf("destination exists with %q, want none", got)
				}
			} else if string(got) != tt.want {
				t.Errorf("destination holds %q (%v), want %q", got, err, tt.want)
			}
			left, _ := filepath.Glob(filepath.Join(dir, ".*tmp-*"))
			if len(left) > 0 {
				t.Errorf("temporary files left: %v", left)
			}
		})
	}
}

func TestCreateErrors(t *testing.T) {
	dir := t.TempDir()
	for _, tt := range []struct{ path, want string }{
		{dir, "it is a directory"},
		{filepath.Join(dir, "missing", "x.png"), "no such file or directory"},
	} {
		_, err := Create(tt.path)
		if err == nil || !strings.HasPrefix(err.Error(), "outfile: cannot write "+tt.path) || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Create(%q) = %v, want an error containing %q", tt.path, err, tt.want)
		}
	}
}

func TestCommitTwice(t *testing.T) {
	f, err := Create(filepath.Join(t.TempDir(), "a"))
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Commit(); err != nil {
		t.Fatal(err)
	}
	if err := f.Commit(); err == nil || !strings.Contains(err.Error(), "already committed") {
		t.Errorf("second Commit = %v, want 'already committed'", err)
	}
}
