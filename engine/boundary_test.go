package engine

import (
	"os/exec"
	"strings"
	"testing"
)

// TestBoundary keeps the engine free of browser and OS-process dependencies, so that it builds
// and tests natively and for js/wasm alike; the CLI (cmd/looplab) may use the OS.
func TestBoundary(t *testing.T) {
	forbidden := []string{"syscall/js", "github.com/hack-pad/safejs", "net/http", "os/exec"}
	out, err := exec.Command("go", "list", "-deps", "looplab/engine", "looplab/engine/loop", "looplab/engine/node",
		"looplab/engine/trace", "looplab/engine/transform", "looplab/engine/vfs").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	deps := strings.Fields(string(out))
	for _, dep := range deps {
		for _, f := range forbidden {
			if dep == f {
				t.Errorf("the engine depends on %s", f)
			}
		}
	}
	// The trace is its own stage: it must not know goja.
	out, err = exec.Command("go", "list", "-deps", "looplab/engine/trace").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	if strings.Contains(string(out), "github.com/dop251/goja") {
		t.Error("engine/trace depends on goja")
	}
}

// TestWasmBuild checks that the engine compiles for the browser.
func TestWasmBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("wasm build: skipped in -short mode")
	}
	cmd := exec.Command("go", "build", "-o", "/dev/null", "./")
	cmd.Env = append(cmd.Environ(), "GOOS=js", "GOARCH=wasm")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("GOOS=js GOARCH=wasm go build ./engine: %v\n%s", err, out)
	}
}
