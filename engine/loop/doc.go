// Package loop is the scheduling stage of the engine: the virtual clock, the discrete-event
// scheduler that all simulated threads share, one event loop per JavaScript thread that
// follows libuv's uv_run phase by phase, Node's per-duration timer lists and immediate queue,
// and the libuv thread pool.
//
// Callbacks are opaque here: a Task carries a value that only the Host (the execution stage,
// package node) knows how to run. The loop decides when a callback runs, never what it does.
//
// Every simulated thread runs on its own goroutine, but the scheduler lets only one of them
// run at a time: it always resumes the thread whose next event is earliest in virtual time.
// That keeps runs deterministic while letting a thread block mid-callback (a sync call,
// Atomics.wait) exactly as a real thread would.
//
// Left out: signals, real file descriptors, the idle and prepare handles of user code (Node
// exposes none), and libuv's metrics.
package loop
