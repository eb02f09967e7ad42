package engine

import (
	"io/fs"
	"time"

	"looplab/engine/trace"
)

// Options describe one run: the program, its simulated machine and its limits.
type Options struct {
	// Files is the simulated file system: absolute path to content. The main module must be in
	// it or on Disk.
	Files map[string][]byte
	// Disk, if set, lies under Files: the simulated file system starts as a copy of it, read
	// lazily (paths without the leading slash, as os.DirFS("/") names them); the program's
	// writes stay in the simulation. The CLI passes the real disk; the browser has none.
	Disk fs.FS
	// Main is the absolute path of the file to run, like the FILE of `node FILE`.
	Main string
	// Args are the program's arguments (process.argv after the script path).
	Args []string
	// Env is the program's environment (process.env), e.g. UV_THREADPOOL_SIZE.
	Env map[string]string
	// Cwd is process.cwd(); empty means the directory of Main.
	Cwd string
	// Cores is the number of simulated CPU cores; 0 means 4.
	Cores int
	// Deterministic makes the trace depend on the program alone: running JavaScript costs only
	// counted work (clock reads, function calls, callbacks), never measured wall time.
	Deterministic bool
	// PlainLoops makes goja run every loop as written, instead of running pure numeric loops
	// natively (engine/fastloop); for comparing the two.
	PlainLoops bool
	// Trace asks for a trace; without it only the output and the exit code are produced.
	Trace bool
	// Limits stop a program that never ends; zero fields take the defaults.
	Limits Limits
	// Syntax lowers ES modules and newer syntax; nil runs CommonJS only.
	Syntax Syntax
	// Stdout and Stderr, if set, receive output as it is written (the CLI streams through them).
	Stdout, Stderr func(text string)
	// Debug adds the Go stack to the report of an internal engine error (the CLI sets it from
	// LOOPLAB_DEBUG=1); without it the report is one line.
	Debug bool
}

// Limits bound a run. When one is reached the run stops with a message saying which and what
// was still pending.
type Limits struct {
	VirtualTime time.Duration // default 1 hour of simulated time
	RealTime    time.Duration // default 0: none (the browser terminates its worker instead)
	Events      int           // trace events kept; default 200,000
	Callbacks   int           // callbacks run; default 1,000,000
	OutputBytes int           // stdout+stderr; default 1 MiB
	Memory      int64         // bytes of the engine's heap; default 4 GiB natively, none in wasm (the browser's own limit ends the worker)
	StackDepth  int           // JavaScript call depth before RangeError; default 10,000
}

// Result is what a run produced.
type Result struct {
	Stdout, Stderr string
	ExitCode       int
	Trace          *trace.Trace // nil unless Options.Trace
	// Stopped is non-empty when a limit ended the run; it says which limit and what was pending.
	Stopped string
	// Internal is non-empty when the engine itself failed (a bug in Looplab, never the
	// program's): what went wrong and where the program was. ExitCode is then 70.
	Internal string
}
