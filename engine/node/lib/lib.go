// Package lib holds the parts of Node's standard library that Looplab writes in JavaScript.
//
// Each NAME.js file is a CommonJS module body. The engine evaluates it inside
// (function (exports, require, module, internalBinding) { ... }), where require returns
// another built-in module and internalBinding returns an object of Go host functions.
// Keeping these in JavaScript lets them follow Node's own lib/ closely; the Go side only
// provides what JavaScript cannot do (clocks, queues, bytes, the thread pool).
package lib

import (
	"embed"
	"strings"
)

//go:embed *.js
var files embed.FS

// Wrapper is the function head every module body is compiled inside.
const Wrapper = "(function (exports, require, module, internalBinding) {"

// Source returns the JavaScript source of the built-in module name, or false.
func Source(name string) (string, bool) {
	b, err := files.ReadFile(name + ".js")
	if err != nil {
		return "", false
	}
	return string(b), true
}

// Names lists every module written in JavaScript.
func Names() []string {
	entries, _ := files.ReadDir(".")
	var names []string
	for _, e := range entries {
		names = append(names, strings.TrimSuffix(e.Name(), ".js"))
	}
	return names
}
