package bridge

import (
	"os/exec"
	"strings"
	"testing"
)

// TestWasmLeavesOutBigModules guards the engine's download size (3.5 MB brotli): the markdown
// renderer runs at build time only, and the ES-module transform (esbuild, about 1.7 MB) is to
// be loaded as a second module when a program needs it.
func TestWasmLeavesOutBigModules(t *testing.T) {
	cmd := exec.Command("go", "list", "-deps", "looplab/wasm")
	cmd.Env = append(cmd.Environ(), "GOOS=js", "GOARCH=wasm")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	for _, banned := range []string{"github.com/evanw/esbuild", "github.com/yuin/goldmark", "looplab/engine/transform/esm", "looplab/lessons\n"} {
		if strings.Contains(string(out)+"\n", banned) {
			t.Errorf("the browser engine links %s", strings.TrimSpace(banned))
		}
	}
}
