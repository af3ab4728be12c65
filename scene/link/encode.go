package link

import (
	"bytes"
	"compress/flate"
	"encoding/base64"
	"fmt"
	"io"
	"strings"

	"descent/scene"
)

// A whole scene travels in the page's address as the value of scene=: the
// scene file that scene.Write writes, compressed with DEFLATE and written
// in unpadded base64url after ScenePrefix. Whatever the scene file format
// holds (runs, colours, labels, and anything it gains later) travels with
// it; a preset travels by name instead.
const ScenePrefix = "~"

// Bounds of an encoded scene: MaxEncoded characters in the address (well
// within what browsers and servers accept) and MaxSceneText bytes of scene
// file once decompressed (a small value cannot unpack into a huge one).
const (
	MaxEncoded   = 8000
	MaxSceneText = 64 << 10
)

// IsEncoded reports whether v, a scene= value, is an encoded scene rather
// than a preset's name.
func IsEncoded(v string) bool { return strings.HasPrefix(v, ScenePrefix) }

// EncodeScene returns s as a scene= value: its scene file, compressed.
func EncodeScene(s *scene.Scene) (string, error) {
	var text bytes.Buffer
	if err := s.Write(&text); err != nil {
		return "", err
	}
	var z bytes.Buffer
	zw, err := flate.NewWriter(&z, flate.BestCompression)
	if err != nil {
		return "", err
	}
	zw.Write(text.Bytes())
	if err := zw.Close(); err != nil {
		return "", err
	}
	v := ScenePrefix + base64.RawURLEncoding.EncodeToString(z.Bytes())
	if len(v) > MaxEncoded {
		return "", fmt.Errorf("link: the scene is too large for a link (%d characters encoded, at most %d)", len(v), MaxEncoded)
	}
	return v, nil
}

// DecodeScene reads a scene= value written by EncodeScene. name names the
// scene in errors (its lines are the scene file's).
func DecodeScene(v, name string) (*scene.Scene, error) {
	if !IsEncoded(v) {
		return nil, fmt.Errorf("scene %q is not an encoded scene", v)
	}
	if len(v) > MaxEncoded {
		return nil, fmt.Errorf("the scene in the address is too long (%d characters, at most %d)", len(v), MaxEncoded)
	}
	// Addresses copied by hand may have lost trailing '=' padding or turned
	// the URL alphabet into the standard one: accept both.
	raw := strings.TrimRight(strings.TrimPrefix(v, ScenePrefix), "=")
	raw = strings.NewReplacer("+", "-", "/", "_").Replace(raw)
	z, err := base64.RawURLEncoding.DecodeString(raw)
	if err != nil {
		return nil, fmt.Errorf("the scene in the address is damaged (%v): copy the whole link", err)
	}
	zr := flate.NewReader(bytes.NewReader(z))
	defer zr.Close()
	text, err := io.ReadAll(io.LimitReader(zr, MaxSceneText+1))
	if err != nil {
		return nil, fmt.Errorf("the scene in the address is damaged (%v): copy the whole link", err)
	}
	if len(text) > MaxSceneText {
		return nil, fmt.Errorf("the scene in the address unpacks to more than %d bytes", MaxSceneText)
	}
	return scene.Parse(bytes.NewReader(text), name)
}
