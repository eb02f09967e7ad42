package engine

import (
	"fmt"
	"path"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"strings"
	"time"

	"looplab/engine/loop"
	"looplab/engine/node"
	"looplab/engine/trace"
	"looplab/engine/vfs"
)

// Syntax lowers source that goja cannot parse. engine/transform/esm provides it; a build that
// leaves it out (to keep the browser's first download small) runs CommonJS only.
type Syntax interface {
	// Module turns an ES module into a script (see engine/transform/esm).
	Module(src, filename string) (imports []string, code string, err error)
	// Script lowers a CommonJS file with dynamic import(), for await or async generators.
	Script(src, filename string) (string, error)
}

// Defaults for Options and Limits.
const (
	DefaultCores       = 4
	defaultVirtualTime = time.Hour
	defaultEvents      = 200_000
	defaultCallbacks   = 1_000_000
	defaultOutput      = 1 << 20
	defaultStackDepth  = 10_000
	defaultMemory      = 4 << 30
	// firstPID is the pid of the main process; Node prints real pids, the simulation a fixed one.
	firstPID = 4242
)

// costScale converts measured goja time into simulated V8 time: goja runs tight JavaScript
// about 100 times slower than V8 natively and about 700 times slower in wasm
// (docs/cost-model.md has the measurements).
func costScale() float64 {
	if runtime.GOARCH == "wasm" {
		return 1.0 / 700
	}
	return 1.0 / 100
}

// Run runs one program to its end, or until a limit stops it.
func Run(opts Options) (res Result) {
	lim := opts.Limits.withDefaults()
	var out, errOut strings.Builder
	var rec *trace.Recorder
	if opts.Trace {
		rec = trace.NewRecorder(opts.Main, lim.Events)
	}
	sched := loop.NewScheduler(rec)
	sched.Limit = lim.VirtualTime
	cores := opts.Cores
	if cores <= 0 {
		cores = DefaultCores
	}
	sched.SetCores(cores)
	epoch := time.Now()
	if opts.Deterministic {
		epoch = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	now := func() time.Time { return epoch.Add(sched.Now()) }
	fs := vfs.New(now)
	if opts.Disk != nil {
		fs = vfs.NewOver(opts.Disk, now)
	}
	fs.MkdirAll("/tmp")
	for name, data := range opts.Files {
		fs.MkdirAll(path.Dir(name))
		fs.WriteFile(name, data, false)
	}
	cfg := &node.Config{
		Deterministic: opts.Deterministic,
		PlainLoops:    opts.PlainLoops,
		CostScale:     costScale(),
		StackDepth:    lim.StackDepth,
		Memory:        lim.Memory,
		Epoch:         epoch,
		Cores:         cores,
		MaxCallbacks:  lim.Callbacks,
		MaxOutput:     lim.OutputBytes,
		Write: func(stream, text string) {
			if stream == "stderr" {
				errOut.WriteString(text)
				if opts.Stderr != nil {
					opts.Stderr(text)
				}
				return
			}
			out.WriteString(text)
			if opts.Stdout != nil {
				opts.Stdout(text)
			}
		},
	}
	if opts.Syntax != nil {
		cfg.TransformModule = opts.Syntax.Module
		cfg.LowerScript = opts.Syntax.Script
	}
	cwd := opts.Cwd
	if cwd == "" {
		cwd = path.Dir(opts.Main)
	}
	env := opts.Env
	if env == nil {
		env = map[string]string{}
	}
	proc := node.NewProcess(cfg, sched, firstPID, append([]string{"/usr/local/bin/node", opts.Main}, opts.Args...), env, cwd, fs)
	defer func() {
		// A panic here, or one a simulated thread handed over (loop.Crash), is a broken engine
		// invariant, never the user's fault: report it as such.
		if x := recover(); x != nil {
			res = internalError(x, opts, sched, out.String(), errOut.String())
		}
	}()
	sched.OnLimit = func() {
		proc.Stop(fmt.Sprintf("the program ran past the limit of %s of simulated time", lim.VirtualTime))
	}
	if lim.RealTime > 0 {
		// Natively a goroutine can interrupt goja; in wasm nothing runs while JavaScript spins,
		// so the browser terminates its worker instead.
		timer := time.AfterFunc(lim.RealTime, func() {
			proc.InterruptAll(fmt.Sprintf("the program ran longer than the limit of %s of real time", lim.RealTime))
		})
		defer timer.Stop()
	}
	if lim.Memory > 0 && runtime.GOARCH != "wasm" {
		defer watchMemory(lim.Memory, proc)()
	}
	proc.Start()
	sched.Run()
	if !proc.Ended() && proc.Stopped == "" {
		proc.Stop(proc.WhyStuck())
	}
	// Threads still parked (a child process or worker that outlived the main one) unwind, so
	// no goroutine outlives the run.
	sched.Stop()
	proc.RecordStop()
	res = Result{Stdout: out.String(), Stderr: errOut.String(), ExitCode: proc.ExitCode, Stopped: proc.Stopped, Trace: rec.Trace()}
	if proc.Stopped != "" {
		msg := "looplab: stopped: " + proc.Stopped + "\n"
		res.Stderr += msg
		if opts.Stderr != nil {
			opts.Stderr(msg)
		}
		if res.ExitCode == 0 {
			res.ExitCode = 124
		}
	}
	return res
}

// exitInternal is the exit code of an internal engine error: EX_SOFTWARE of sysexits.h.
const exitInternal = 70

// internalError ends a run whose engine panicked: threads still parked unwind, and the output
// so far gets one line saying what failed and where the program was (a Go stack only with
// Options.Debug), also through the streaming Stderr, which is all the CLI prints.
func internalError(x any, opts Options, sched *loop.Scheduler, stdout, stderr string) Result {
	what, where, stack := fmt.Sprint(x), "", []byte(nil)
	if c, ok := x.(*loop.Crash); ok {
		what, where, stack = fmt.Sprint(c.Value), c.Where, c.Stack
	} else {
		stack = debug.Stack()
	}
	func() {
		defer func() { recover() }() // a scheduler broken past unwinding leaves its goroutines
		sched.Stop()
	}()
	internal := what
	if where != "" {
		internal += " (" + where + ")"
	}
	msg := "looplab: internal engine error (a bug in Looplab, not in your program): " + internal +
		"; please file it as an issue with the program (LOOPLAB_DEBUG=1 shows the engine's stack)\n"
	if opts.Debug {
		msg += string(stack)
	}
	if opts.Stderr != nil {
		opts.Stderr(msg)
	}
	return Result{Stdout: stdout, Stderr: stderr + msg, ExitCode: exitInternal, Internal: internal}
}

// watchMemory stops the run when the heap grows past limit bytes: a program that allocates
// without end (Node would die with "JavaScript heap out of memory") is stopped with a message
// instead of taking the machine's memory. It returns the function that ends the watch.
func watchMemory(limit int64, proc *node.Process) func() {
	done := make(chan struct{})
	go func() {
		sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
		tick := time.NewTicker(20 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
				if metrics.Read(sample); int64(sample[0].Value.Uint64()) > limit {
					proc.InterruptAll(fmt.Sprintf("the program used more than the limit of %d MiB of memory", limit>>20))
					return
				}
			}
		}
	}()
	return func() { close(done) }
}

func (l Limits) withDefaults() Limits {
	if l.VirtualTime == 0 {
		l.VirtualTime = defaultVirtualTime
	}
	if l.Events == 0 {
		l.Events = defaultEvents
	}
	if l.Callbacks == 0 {
		l.Callbacks = defaultCallbacks
	}
	if l.OutputBytes == 0 {
		l.OutputBytes = defaultOutput
	}
	if l.Memory == 0 {
		l.Memory = defaultMemory
	}
	if l.StackDepth == 0 {
		l.StackDepth = defaultStackDepth
	}
	return l
}
