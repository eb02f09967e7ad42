package engine

import (
	"strings"
	"testing"
)

// A program that allocates without end is stopped with a message, not left to take the
// machine's memory.
func TestMemoryBombIsStopped(t *testing.T) {
	res := runJS(t, "main.js", "const a = [];\nwhile (true) a.push(new Array(1e5).fill(1));\n", func(o *Options) { o.Limits.Memory = 200 << 20 })
	if res.ExitCode != 124 || !strings.Contains(res.Stderr, "more than the limit of 200 MiB of memory") {
		t.Fatalf("exit %d, stderr %q", res.ExitCode, res.Stderr)
	}
}
