package lessons_test

import (
	"regexp"
	"strings"
	"testing"

	"looplab/lessons"
)

var href = regexp.MustCompile(`href="([^"]*)"`)

// TestLinksResolve checks that every link between pages of the site (lessons, the glossary,
// the index and the sandbox) points at a page the build writes; links to other sites are left
// to their owners.
func TestLinksResolve(t *testing.T) {
	all, err := lessons.LoadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	glossary, err := lessons.LoadGlossary(".")
	if err != nil {
		t.Fatal(err)
	}
	pages := map[string]bool{"index.html": true, "sandbox.html": true, "glossary.html": true}
	for _, l := range all {
		pages[l.Slug+".html"] = true
	}
	for _, l := range append(all, glossary) {
		for _, m := range href.FindAllStringSubmatch(l.HTML, -1) {
			target, _, _ := strings.Cut(m[1], "#")
			if target == "" || strings.Contains(target, "://") || strings.HasPrefix(target, "mailto:") {
				continue
			}
			if !pages[target] {
				t.Errorf("%s links to %q, which is not a page of the site", l.File, m[1])
			}
		}
	}
}
