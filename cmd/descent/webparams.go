package main

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
)

// urlFlags maps the page's URL parameters to the flags they stand for.
// Parameters that may repeat (opt, start) become repeated flags.
var urlFlags = map[string]string{
	"scene": "scene", "surface": "surface", "expr": "expr", "domain": "domain",
	"opt": "optimizer", "optimizer": "optimizer", "start": "start",
	"steps": "steps", "mesh": "mesh", "colormap": "colormap", "rate": "rate",
	"camera": "camera", "batch": "batch", "noise": "noise", "seed": "seed",
	"hud": "hud", "dark": "dark", "scale": "scale", "paused": "paused", "trail": "trail",
	"view": "view", "layout": "layout", "rotate": "rotate",
	"controls": "controls", "autoplay": "autoplay", "loop": "loop",
	"swarm": "swarm", "swarm-radius": "swarm-radius",
}

// specParams are the parameters whose values are optimizer specs: a '+' in
// them is the schedule separator, as typed, not an escaped space.
var specParams = map[string]bool{"opt": true, "optimizer": true}

// urlArgs turns a URL query ("?scene=bowl-turntable&hud=false") into
// command-line arguments, rejecting unknown parameters. Besides the usual
// escapes, an optimizer spec may be typed as it is on the command line:
// ?opt=sgd:lr=0.1+multisteplr:milestones=30;60 (a '+' there is a '+', and
// ';' is not a separator).
func urlArgs(query string) ([]string, error) {
	q, err := parseQuery(strings.TrimPrefix(query, "?"))
	if err != nil {
		return nil, fmt.Errorf("bad page address: %v", err)
	}
	keys := make([]string, 0, len(q))
	for k := range q {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var args []string
	for _, k := range keys {
		if k == "beacon" {
			continue // the page's own: report the first frame to the server
		}
		name, ok := urlFlags[k]
		if !ok {
			known := make([]string, 0, len(urlFlags))
			for k := range urlFlags {
				known = append(known, k)
			}
			slices.Sort(known)
			return nil, fmt.Errorf("unknown page parameter %q (known: %s)", k, strings.Join(known, ", "))
		}
		for _, v := range q[k] {
			args = append(args, "-"+name+"="+v)
		}
	}
	return args, nil
}

// parseQuery is url.ParseQuery with the page's rules: pairs are separated
// by '&' only, and in an optimizer spec '+' stands for itself.
func parseQuery(query string) (url.Values, error) {
	q := url.Values{}
	for _, pair := range strings.Split(query, "&") {
		if pair == "" {
			continue
		}
		rawKey, rawValue, _ := strings.Cut(pair, "=")
		key, err := url.QueryUnescape(rawKey)
		if err != nil {
			return nil, err
		}
		if specParams[key] {
			rawValue = strings.ReplaceAll(rawValue, "+", "%2B")
		}
		value, err := url.QueryUnescape(rawValue)
		if err != nil {
			return nil, err
		}
		q[key] = append(q[key], value)
	}
	return q, nil
}
