// Package engine runs a JavaScript program the way Node.js 20 runs it, on virtual time, and
// returns its output, its exit code and a trace of everything that happened.
//
// The stages live in sub-packages (see docs/architecture.md): transform (source), loop
// (scheduling), node (execution) and trace (recording). This package wires them for one run;
// the CLI (cmd/looplab) and the browser bridge (wasm/) call Run and read only its Result.
//
// The engine imports no syscall/js, net/http or os/exec: it builds and tests natively and for
// js/wasm alike (boundary_test.go enforces it).
package engine
