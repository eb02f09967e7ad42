//go:build js && wasm

// Command esm is the second, lazily loaded wasm module: the ES-module transform
// (engine/transform/esm, built on esbuild). It is kept out of the engine's wasm, whose size
// budget it would break; the worker loads it only for a program that needs it, into the same
// worker, and the engine reaches it through the global looplabSyntax (see wasm/syntax.go).
package main

import (
	"encoding/json"
	"errors"

	"github.com/hack-pad/safejs"

	"looplab/engine/transform/esm"
)

// reply is what both functions return, as JSON: the engine's side turns Error back into an error.
type reply struct {
	Imports []string `json:"imports,omitempty"`
	Code    string   `json:"code"`
	Error   string   `json:"error,omitempty"`
}

func encode(r reply, err error) any {
	if err != nil {
		r = reply{Error: err.Error()}
	}
	b, _ := json.Marshal(r)
	return string(b)
}

// args2 reads the (source, filename) arguments both functions take.
func args2(args []safejs.Value) (string, string, error) {
	if len(args) != 2 {
		return "", "", errArgs
	}
	src, err := args[0].String()
	if err != nil {
		return "", "", err
	}
	name, err := args[1].String()
	return src, name, err
}

var errArgs = errors.New("looplabSyntax functions take (source, filename)")

func main() {
	syntax := esm.Syntax{}
	module, err := safejs.FuncOf(func(_ safejs.Value, args []safejs.Value) any {
		src, name, err := args2(args)
		if err != nil {
			return encode(reply{}, err)
		}
		imports, code, err := syntax.Module(src, name)
		return encode(reply{Imports: imports, Code: code}, err)
	})
	if err != nil {
		panic(err)
	}
	script, err := safejs.FuncOf(func(_ safejs.Value, args []safejs.Value) any {
		src, name, err := args2(args)
		if err != nil {
			return encode(reply{}, err)
		}
		code, err := syntax.Script(src, name)
		return encode(reply{Code: code}, err)
	})
	if err != nil {
		panic(err)
	}
	obj, err := safejs.ValueOf(map[string]any{})
	if err != nil {
		panic(err)
	}
	if err := obj.Set("module", module); err != nil {
		panic(err)
	}
	if err := obj.Set("script", script); err != nil {
		panic(err)
	}
	if err := safejs.Global().Set("looplabSyntax", obj); err != nil {
		panic(err)
	}
	if ready, err := safejs.Global().Get("looplabSyntaxReady"); err == nil {
		_, _ = ready.Invoke()
	}
	select {}
}
