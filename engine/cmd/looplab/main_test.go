package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	for name, text := range files {
		p := filepath.Join(root, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

func runCLI(t *testing.T, dir string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	t.Chdir(dir)
	var out, errOut strings.Builder
	code = run(args, &out, &errOut)
	return out.String(), errOut.String(), code
}

// The program sees the real disk, as a test of Node's own suite needs (require('../common')
// from test/parallel), and what it writes stays in the simulation.
func TestReadsTheDiskWritesStayInTheSimulation(t *testing.T) {
	root := writeTree(t, map[string]string{
		"test/common/index.js": "module.exports = { answer: 42 };",
		"test/parallel/t.js": `const fs = require('fs');
console.log(require('../common').answer, process.cwd() === __dirname);
fs.writeFileSync(__dirname + '/out.txt', 'x');
fs.unlinkSync(__filename);
console.log(fs.readFileSync(__dirname + '/out.txt', 'utf8'), fs.existsSync(__filename));`,
	})
	dir := filepath.Join(root, "test/parallel")
	stdout, stderr, code := runCLI(t, dir, "t.js")
	if want := "42 true\nx false\n"; stdout != want || code != 0 {
		t.Fatalf("stdout %q, code %d, stderr %q; want %q, 0", stdout, code, stderr, want)
	}
	if _, err := os.Stat(filepath.Join(dir, "out.txt")); !os.IsNotExist(err) {
		t.Errorf("the program's write reached the disk: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "t.js")); err != nil {
		t.Errorf("the program's unlink reached the disk: %v", err)
	}
}

// A missing main file is Node's MODULE_NOT_FOUND, exit 1.
func TestMissingMainFile(t *testing.T) {
	dir := t.TempDir()
	_, stderr, code := runCLI(t, dir, "nosuch.js")
	want := "Error: Cannot find module '" + filepath.Join(dir, "nosuch.js") + "'"
	if code != 1 || !strings.Contains(stderr, want) || strings.Contains(stderr, "goroutine") {
		t.Errorf("code %d, stderr %q; want 1 and %q", code, stderr, want)
	}
}
