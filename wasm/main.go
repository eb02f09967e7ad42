//go:build js && wasm

// Command wasm is the engine compiled for the browser. It runs inside a Web Worker (never on
// the page's thread: a program that never yields would freeze the page, and js/wasm has no
// preemption), exposes one function, looplabRun(requestJSON) → replyJSON, and then tells the
// worker script it is ready.
//
// The ES-module transform (engine/transform/esm, built on esbuild) is deliberately not linked
// here: it would add about 1.7 MB brotli to a binary that must stay under 3.5 MB. The worker
// loads it as a second module, wasm/esm, only when a program needs it (see site/js/worker.js),
// and the engine reaches it through syntax.go.
package main

import (
	"fmt"
	"runtime/debug"

	"github.com/hack-pad/safejs"

	"looplab/wasm/bridge"
)

func main() {
	run, err := safejs.FuncOf(func(_ safejs.Value, args []safejs.Value) (reply any) {
		// A panic is a broken engine invariant; report it to the page instead of killing the
		// worker, so the page can say what happened and start a fresh one. Its Go stack goes
		// to the worker's console only, for whoever files the issue.
		defer func() {
			if p := recover(); p != nil {
				fmt.Printf("looplab: internal engine error: %v\n%s", p, debug.Stack())
				reply = string(bridge.Crashed(p))
			}
		}()
		if len(args) != 1 {
			return string(bridge.Failed("looplabRun takes one JSON string"))
		}
		request, err := args[0].String()
		if err != nil {
			return string(bridge.Failed(err.Error()))
		}
		// A nil *jsSyntax must not become a non-nil engine.Syntax: the engine tests for nil.
		if syntax := loadedSyntax(); syntax != nil {
			return string(bridge.Run([]byte(request), syntax))
		}
		return string(bridge.Run([]byte(request), nil))
	})
	if err != nil {
		panic(err)
	}
	if err := safejs.Global().Set("looplabRun", run); err != nil {
		panic(err)
	}
	ready, err := safejs.Global().Get("looplabReady")
	if err == nil {
		_, _ = ready.Invoke()
	}
	select {} // keep the exported function alive for as long as the worker lives
}
