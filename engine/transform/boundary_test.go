package transform

import (
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"
)

// The browser's main wasm module includes this package; esbuild must stay out
// of it (see doc.go), so no file here may import it.
func TestNoEsbuildImport(t *testing.T) {
	files, _ := filepath.Glob("*.go")
	for _, name := range files {
		f, err := parser.ParseFile(token.NewFileSet(), name, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range f.Imports {
			if strings.Contains(imp.Path.Value, "esbuild") {
				t.Errorf("%s imports %s", name, imp.Path.Value)
			}
		}
	}
}
