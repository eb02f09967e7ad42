package engine

import (
	"strings"
	"testing"

	"looplab/engine/transform/esm"
)

// runJS runs src as /app/main.js (or .mjs) in deterministic mode and returns the result.
func runJS(t testing.TB, name, src string, extra ...func(*Options)) Result {
	t.Helper()
	opts := Options{Files: map[string][]byte{"/app/" + name: []byte(src)}, Main: "/app/" + name, Deterministic: true, Trace: true}
	for _, f := range extra {
		f(&opts)
	}
	return Run(opts)
}

// expectOrder runs src and checks that its stdout lines, joined by spaces, are want.
func expectOrder(t *testing.T, src, want string) {
	t.Helper()
	res := runJS(t, "main.js", src)
	got := strings.Join(strings.Fields(strings.ReplaceAll(res.Stdout, "\n", " ")), " ")
	if got != want {
		t.Errorf("order\n got: %s\nwant: %s\nstderr: %s", got, want, res.Stderr)
	}
}

// testSyntax gives tests ES module support, as the CLI and the browser have it.
var testSyntax Syntax = esm.Syntax{}
