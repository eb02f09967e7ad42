// Package transform is the source stage of the engine: it turns the user's
// script into a goja program that keeps a simulated call stack.
//
// goja's own stack limit (SetMaxCallStackSize) aborts the whole script with
// an error JavaScript cannot catch, while Node throws a catchable
// "RangeError: Maximum call stack size exceeded", and the trace needs every
// call and return with the function's name and line. So Instrument rewrites
// goja's AST before compiling it: each function body calls the host's
// %enter(id) and, from a finally block, %leave(id); each await and yield
// hands its operand through %await or %yield, so the host can take a
// suspended frame off the stack. Those names cannot be written in source, so
// the program cannot reach the host's functions (see EnterFunc). The rewrite keeps the user's source
// positions, so goja's stack traces and line numbers stay the user's.
//
// What it leaves out: parameter default expressions run before %enter,
// as part of the caller's frame; class field initializers and static blocks
// get no frame of their own (V8 shows them as separate frames); implicit
// class constructors get no frame. Function names follow ECMAScript's
// NamedEvaluation plus the property name of `obj.prop = function () {}`, not
// every inference V8 makes, and computed keys give "<anonymous>". A
// generator's resumption by next() is not reported: the host cannot observe
// it the way it observes promise jobs.
//
// This package must not import esbuild: the browser's main wasm module
// includes it and esbuild would exceed its size budget. Module syntax and the
// features goja lacks are the business of the esm sub-package.
package transform
