package esm

import (
	_ "embed"
	"strings"
)

// asyncGeneratorHelpers are async generators as the spec runs them (asyncgen.js).
//
//go:embed asyncgen.js
var asyncGeneratorHelpers string

// esbuildAsyncHelpers are the helpers esbuild defines for a lowered async generator; their
// turns differ from the spec's, so specAsyncGenerators replaces them.
var esbuildAsyncHelpers = []string{"__await", "__asyncGenerator", "__yieldStar"}

// specAsyncGenerators blanks esbuild's async generator helpers in its output (keeping every
// line, so the source map stays true) and appends asyncgen.js, whose function declarations
// hoist to the top. Code without them is returned as it is.
func specAsyncGenerators(code string) string {
	if !strings.Contains(code, "\nvar __asyncGenerator = ") && !strings.HasPrefix(code, "var __asyncGenerator = ") {
		return code
	}
	lines := strings.Split(code, "\n")
	for i := 0; i < len(lines); i++ {
		if !isHelperStart(lines[i]) {
			continue
		}
		end := i
		if strings.HasSuffix(lines[i], "{") { // a multi-line definition ends with a "};" of its own
			for end < len(lines) && lines[end] != "};" {
				end++
			}
		}
		for j := i; j <= end && j < len(lines); j++ {
			lines[j] = ""
		}
		i = end
	}
	return strings.Join(lines, "\n") + "\n" + asyncGeneratorHelpers
}

func isHelperStart(line string) bool {
	for _, name := range esbuildAsyncHelpers {
		if strings.HasPrefix(line, "var "+name+" = ") {
			return true
		}
	}
	return false
}
