// Package node is the execution stage of the engine: the simulated Node.js runtime.
//
// A Process is one simulated OS process (pid, argv, env, file system, standard streams, the
// libuv thread pool); a Realm is one of its JavaScript threads: a goja runtime with its own
// event loop (package loop), nextTick queue and module cache. The Node API is bound onto
// that core one module per file: host_<module>.go for what Go provides, lib/<module>.js for
// what is plain JavaScript.
//
// Every callback the loop runs goes through one small compiled JavaScript trampoline that
// calls it and then drains the nextTick queue. goja runs promise jobs only when the outermost
// Go-to-JavaScript call returns, so this gives Node's order: the callback, every nextTick,
// then every microtask, again until both queues are empty (processTicksAndRejections in
// lib/internal/process/task_queues.js). A trampoline written in Go would let goja drain the
// promise jobs before the ticks.
//
// Left out: inspector, async_hooks, vm contexts, native addons, and anything that would need
// the real network or the real file system.
package node
