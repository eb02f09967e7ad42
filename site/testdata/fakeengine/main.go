//go:build js && wasm

// Command fakeengine stands in for the engine while developing the page: it answers every run
// with the hand-written sample trace, and spins forever on a program containing "while(true)",
// like the real engine would. Build it by hand into dist/engine.wasm; build.sh never uses it.
package main

import (
	_ "embed"
	"encoding/json"
	"strings"

	"github.com/hack-pad/safejs"
)

//go:embed sample-trace.json
var sample string

func main() {
	run, _ := safejs.FuncOf(func(_ safejs.Value, args []safejs.Value) any {
		req, _ := args[0].String()
		if strings.Contains(req, "while(true)") || strings.Contains(req, "while (true)") {
			for {
			}
		}
		reply, _ := json.Marshal(map[string]any{
			"stdout": "Task 1\nTask 3\ntick\npromise\nfile read\nimmediate\ntimeout\n", "stderr": "", "exitCode": 0,
			"trace": json.RawMessage(sample),
		})
		return string(reply)
	})
	_ = safejs.Global().Set("looplabRun", run)
	if ready, err := safejs.Global().Get("looplabReady"); err == nil {
		_, _ = ready.Invoke()
	}
	select {}
}
