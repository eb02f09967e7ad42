package main

import (
	"os"
	"path/filepath"
	"testing"
)

// The CLI copies the files nearest the main file first and stops at its budget, so that a file
// run from a crowded folder does not copy the whole tree; dot folders stay out.
func TestLoadFilesNearestFirst(t *testing.T) {
	root := t.TempDir()
	for _, name := range []string{"main.js", "a.js", "lib/b.js", "lib/deep/c.js", ".git/x", "z/y.js"} {
		p := filepath.Join(root, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("//"+name), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	main := filepath.Join(root, "main.js")
	all, err := loadFiles(main, 1<<20, 100)
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 5 || all[filepath.Join(root, "lib/deep/c.js")] == nil || all[filepath.Join(root, ".git/x")] != nil {
		t.Errorf("loaded %d files: %v", len(all), keys(all))
	}
	some, _ := loadFiles(main, 1<<20, 3) // main, a.js, then the first folder's file
	if len(some) != 3 || some[filepath.Join(root, "a.js")] == nil || some[filepath.Join(root, "lib/b.js")] == nil {
		t.Errorf("with a budget of 3 files: %v", keys(some))
	}
}

func keys(m map[string][]byte) []string {
	var k []string
	for p := range m {
		k = append(k, p)
	}
	return k
}
