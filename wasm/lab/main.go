//go:build js && wasm

// Command lab is the load lab (package lab) compiled for the browser, a small wasm module of
// its own, run in its own Web Worker (site/js/lab/worker.js): the engine's worker is for
// programs and is terminated when one runs too long, while a lab run always ends, and a page
// moving a slider needs it at once, not after the 20 MB engine has loaded.
//
// It exposes two functions. looplabLabStart(paramsJSON) starts a run, replacing the one before
// it, and returns "" or the reason the parameters are refused. looplabLabStep(n) simulates the
// next n chart windows and returns the lab.Chunk as JSON. The worker calls Step in small pieces
// so that it can post the charts' progress and notice a newer request in between.
package main

import (
	"encoding/json"
	"fmt"
	"runtime/debug"

	"github.com/hack-pad/safejs"

	"looplab/lab"
)

func main() {
	// A run allocates many small, short-lived events. wasm has no concurrent collector, so
	// collecting less often saves about a fifth of a run's time, for a few MB more memory.
	debug.SetGCPercent(400)
	var current *lab.Lab
	start, err := safejs.FuncOf(func(_ safejs.Value, args []safejs.Value) any {
		if len(args) != 1 {
			return "looplabLabStart takes one JSON string"
		}
		s, err := args[0].String()
		if err != nil {
			return err.Error()
		}
		var p lab.Params
		if err := json.Unmarshal([]byte(s), &p); err != nil {
			return fmt.Sprintf("decode lab parameters: %v", err)
		}
		l, err := lab.New(p)
		if err != nil {
			return err.Error()
		}
		current = l
		return ""
	})
	if err != nil {
		panic(err)
	}
	step, err := safejs.FuncOf(func(_ safejs.Value, args []safejs.Value) any {
		n := 1
		if len(args) == 1 {
			if v, err := args[0].Int(); err == nil && v > 0 {
				n = v
			}
		}
		if current == nil {
			return `{"done":true}`
		}
		b, _ := json.Marshal(current.Step(n))
		return string(b)
	})
	if err != nil {
		panic(err)
	}
	global := safejs.Global()
	if err := global.Set("looplabLabStart", start); err != nil {
		panic(err)
	}
	if err := global.Set("looplabLabStep", step); err != nil {
		panic(err)
	}
	if ready, err := global.Get("looplabLabReady"); err == nil {
		_, _ = ready.Invoke()
	}
	select {} // keep the exported functions alive for as long as the worker lives
}
