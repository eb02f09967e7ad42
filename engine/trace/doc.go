// Package trace records what a simulated Node.js program did, as typed events with virtual
// timestamps, and encodes them as versioned JSON for the page that replays them.
//
// The trace is the only contract between the engine and its readers: the browser redraws every
// diagram (call stack, queues, loop phases, thread pool lanes, console) from the events alone,
// so stepping back is replaying up to an earlier event. Every event therefore says enough to
// update the picture by itself, and every queued callback carries the id of the event that
// queued it (its cause), so the page can say why a callback runs when it does.
//
// This package imports nothing of goja: recording is a stage of its own, like esbuild's printer.
// The JSON encoding is documented in docs/trace-format.md.
package trace
