package node

import (
	"fmt"
	"time"

	"github.com/dop251/goja"

	"looplab/engine/loop"
	"looplab/engine/trace"
	"looplab/engine/vfs"
)

// NodeVersion is the Node.js version the engine reproduces.
const NodeVersion = "v20.20.2"

// Config holds what every process of a run shares.
type Config struct {
	// Deterministic: JavaScript costs only counted work, never measured wall time.
	Deterministic bool
	// CostScale converts measured goja time into simulated V8 time (goja is slower).
	CostScale float64
	// StackDepth is the call depth at which a RangeError is thrown.
	StackDepth int
	// Epoch is the wall-clock time at virtual time zero (what Date.now() adds to).
	Epoch time.Time
	// Cores is the number of simulated CPU cores (os.cpus().length).
	Cores int
	// TransformModule turns an ES module into a script (package transform/esm); nil means
	// ES modules are not available in this build.
	TransformModule func(src, filename string) (imports []string, code string, err error)
	// LowerScript rewrites a CommonJS file that goja cannot parse (dynamic import(), for
	// await, async generators); nil means such files are syntax errors.
	LowerScript func(src, filename string) (string, error)
	// PlainLoops runs every loop in goja as written, pure numeric ones too (engine/fastloop).
	PlainLoops bool
	// MaxCallbacks and MaxOutput bound a run (see engine.Limits).
	MaxCallbacks int
	MaxOutput    int
	// Memory is the run's memory limit in bytes, for the whole machine; 0 means none.
	Memory int64
	// Write receives every write to stdout or stderr of any process.
	Write func(stream, text string)
}

// Process is one simulated OS process.
type Process struct {
	cfg      *Config
	sched    *loop.Scheduler
	PID      int
	PPID     int
	Argv     []string
	Env      map[string]string
	Cwd      string
	FS       *vfs.FS
	Pool     *loop.Pool
	ExitCode int
	exited   bool
	main     *Realm
	// Stopped says why a limit ended the process, if one did.
	Stopped   string
	callbacks int
	output    int
	threadIDs *int
	// sources keeps every loaded file's text, for the source line of an error report.
	sources    map[string]string
	warnedOnce bool
	workers    *workerGroup   // worker threads (host_worker_threads.go)
	cp         *childProc     // set in a child process: its parent and pipes (host_child_process.go)
	family     *processFamily // the run's processes and pid counter (host_child_process.go)
}

// NewProcess prepares a process; Start runs its main module.
func NewProcess(cfg *Config, sched *loop.Scheduler, pid int, argv []string, env map[string]string, cwd string, fs *vfs.FS) *Process {
	p := &Process{cfg: cfg, sched: sched, PID: pid, Argv: argv, Env: env, Cwd: cwd, FS: fs, threadIDs: new(int), sources: map[string]string{}}
	p.Pool = loop.NewPool(sched, loop.PoolSize(env["UV_THREADPOOL_SIZE"]))
	p.Pool.NewThreadID = func(name string, index int) int {
		parent := 0 // the main thread of the run
		if p.cp != nil {
			// Each process has a pool of its own: a child's pool threads say whose they are.
			name, parent = name+" of "+p.cp.name, p.cp.traceID
		}
		return p.newThread(name, "pool", index, parent, 0)
	}
	return p
}

// newThread announces a simulated thread in the trace and returns its id.
func (p *Process) newThread(name, role string, index, parent int, memory int64) int {
	id := *p.threadIDs
	*p.threadIDs++
	p.sched.Record(p.sched.Now(), trace.Event{Thread: id, Kind: trace.ThreadStart, Name: name, Role: role, N: index, Parent: parent, Memory: memory})
	return id
}

// Start runs the main module at argv[1] on a new main thread.
func (p *Process) Start() {
	id := p.newThread("main thread", "main", 0, 0, processRSS)
	p.sched.Spawn(id, p.sched.Now(), p.threadBody(func(th *loop.Thread) {
		p.main = newRealm(p, th)
		p.main.runMain(p.Argv[1])
	}))
}

// threadBody wraps the body of one of p's threads: an interrupt (a limit, process.exit()) that
// lands in the engine's own JavaScript, loading a module or naming its functions, rather than
// in the program's, unwinds the thread as the stop it is instead of as an engine crash.
func (p *Process) threadBody(body func(*loop.Thread)) func(*loop.Thread) {
	return func(th *loop.Thread) {
		defer func() {
			if x := recover(); x != nil {
				interrupted, ok := x.(*goja.InterruptedError)
				if !ok {
					panic(x)
				}
				if sig, ok := interrupted.Value().(limitSignal); ok {
					p.stop(sig.why)
				}
			}
		}()
		body(th)
	}
}

// write sends program output to the run's sink and the trace, within the output budget.
func (p *Process) write(th int, at time.Duration, stream, text string) {
	if p.cp != nil && p.cp.redirect(th, at, stream, text) {
		return // a child's stdio goes to its parent (host_child_process.go)
	}
	if p.cfg.MaxOutput > 0 && p.output+len(text) > p.cfg.MaxOutput {
		p.stop("the program wrote more than the output limit of " + byteSize(p.cfg.MaxOutput))
		return
	}
	p.output += len(text)
	p.sched.Record(at, trace.Event{Thread: th, Kind: trace.Write, Stream: stream, Text: text})
	if p.cfg.Write != nil {
		p.cfg.Write(stream, text)
	}
}

// Ended reports whether the process finished (exit, fatal error) rather than being stopped.
func (p *Process) Ended() bool { return p.exited }

// Stop ends the whole run because a limit was reached.
func (p *Process) Stop(why string) { p.stop(why) }

// RecordStop ends the trace of a stopped run with the reason, after whatever the stop
// unwound, at the latest time the run reached: the page's last step then says why it ended.
func (p *Process) RecordStop() {
	if p.Stopped == "" {
		return
	}
	at, th := p.sched.Now(), 0
	if p.main != nil {
		at, th = max(at, p.main.th.Now()), p.main.th.ID
	}
	p.sched.Record(at, trace.Event{Thread: th, Kind: trace.Note, Text: "stopped: " + p.Stopped})
}

// stop ends the whole run because a limit was reached. In a child process the run's first
// process says so too, naming the child: the run's stop reason is the first process's.
func (p *Process) stop(why string) {
	if p.Stopped != "" {
		return
	}
	if p.cp != nil && p.family != nil && p.family.procs[0] != p {
		p.Stopped = why
		p.family.procs[0].stop(why + " (in child " + p.cp.name + ")")
		return
	}
	p.Stopped = why
	if p.main != nil {
		if t := p.main.running; t != nil {
			p.Stopped += "; running: " + t.Label
		}
		p.Stopped += "; still pending: " + p.main.loop.Pending()
		p.main.halt()
	}
	p.sched.Stop()
}

func byteSize(n int) string {
	if n >= 1<<20 {
		return fmt.Sprintf("%d MiB", n>>20)
	}
	return fmt.Sprintf("%d KiB", n>>10)
}

// limitSignal is the interrupt value that stops JavaScript when the real-time limit passes.
type limitSignal struct{ why string }

// InterruptAll stops whatever JavaScript is running, from any goroutine: the real-time limit
// of a run uses it on a program stuck in a loop that never yields.
func (p *Process) InterruptAll(why string) {
	procs := []*Process{p}
	if p.family != nil {
		procs = p.family.procs
	}
	for _, q := range procs {
		if r := q.main; r != nil {
			r.interrupt(limitSignal{why})
		}
		if q.workers != nil {
			for _, w := range q.workers.live {
				if w.realm != nil {
					w.realm.interrupt(limitSignal{why})
				}
			}
		}
	}
}

// WhyStuck says why a run whose scheduler ran out of events did not end: a worker thread that
// runs JavaScript that never yields (an endless loop, as far as anyone can tell) keeps its
// process alive, or else nothing can ever happen again (a deadlock).
func (p *Process) WhyStuck() string {
	procs := []*Process{p}
	if p.family != nil {
		procs = p.family.procs
	}
	for _, q := range procs {
		who := "the main thread"
		if q.cp != nil {
			who = "child " + q.cp.name
		}
		if r := q.main; r != nil && r.busyForever != "" {
			return who + " " + r.busyForever + " and keeps the program alive"
		}
		if q.workers == nil {
			continue
		}
		for _, w := range q.workers.live {
			if r := w.realm; r != nil && r.busyForever != "" {
				if q.cp != nil {
					return w.name + " of " + who + " " + r.busyForever + " and keeps the program alive"
				}
				return w.name + " " + r.busyForever + " and keeps the program alive"
			}
		}
	}
	return "the program waits for something that can never happen"
}
