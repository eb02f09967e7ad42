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

// Wrapper is the function head every module body is compiled inside. Its parameters after
// internalBinding are named after the built-in globals in Intrinsics and receive the values
// those globals had before the program ran: a program that deletes or replaces a global
// (`delete globalThis.Reflect`, `Symbol = 5`) does not break the library, as Node's library,
// which holds its own copies (primordials), is not broken.
var Wrapper = "(function (exports, require, module, internalBinding, " + strings.Join(Intrinsics, ", ") + ") {"

// Intrinsics are the ECMAScript globals a module body sees as they were at start-up.
var Intrinsics = []string{
	"Object", "Function", "Array", "Number", "Boolean", "String", "Symbol", "BigInt", "Date", "RegExp",
	"Promise", "Proxy", "Reflect", "JSON", "Math", "Map", "Set", "WeakMap", "WeakSet",
	"Error", "TypeError", "RangeError", "SyntaxError", "ReferenceError", "EvalError", "URIError", "AggregateError",
	"ArrayBuffer", "SharedArrayBuffer", "Atomics", "DataView", "Uint8Array", "Int8Array", "Uint8ClampedArray",
	"Uint16Array", "Int16Array", "Uint32Array", "Int32Array", "Float32Array", "Float64Array",
	"BigInt64Array", "BigUint64Array", "parseInt", "parseFloat", "isNaN", "isFinite",
	"encodeURIComponent", "decodeURIComponent", "encodeURI", "decodeURI", "globalThis",
}

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
