package node

import (
	"fmt"
	"math/rand"
	"strings"
	"sync/atomic"
	"time"

	"github.com/dop251/goja"

	"looplab/engine/loop"
	"looplab/engine/trace"
)

// Realm is one JavaScript thread of a process: a goja runtime with its own loop, nextTick
// queue and module cache.
type Realm struct {
	proc *Process
	rt   *goja.Runtime
	th   *loop.Thread
	loop *loop.Loop

	trampoline goja.Callable
	takeTick   goja.Value
	ticks      []*loop.Task
	running    *loop.Task // the tick or callback whose code runs now
	current    int        // id of the task whose callback runs now (Host.CurrentTask)

	hooks     *moduleHooks          // lib/module.js's loader (host_module.go)
	builtins  map[string]goja.Value // loaded built-in modules by name
	process   *goja.Object          // the `process` object (an EventEmitter)
	unhandled []*goja.Promise       // rejected promises without a handler, in order
	exiting   bool                  // 'exit' is being or has been emitted
	dead      bool                  // the thread must not run more JavaScript
	// interrupted is set, from any goroutine, when the thread's JavaScript is interrupted;
	// a native loop, which goja's interrupt does not reach, reads it (host_fastloop.go).
	interrupted atomic.Bool
	fatalError  bool // an uncaught exception ended the thread
	// busyForever says why the thread will never yield again (a loop that never ends), for
	// the stop reason of a run that cannot go on (Process.WhyStuck); "" while it may.
	busyForever string

	cost costMeter
	// cpuFrom is the virtual time from which the running callback's CPU time has not been put
	// on the simulated cores yet: its start, or the last checkpoint of a native loop.
	cpuFrom time.Duration
	// kHandle keys the Go object behind a Timeout or Immediate handed to JavaScript.
	kHandle *goja.Symbol
	// syntaxHeaders holds the "file:line / source / caret" header of errors we created
	// (SyntaxErrors, a missing main module), which have no frame of the program to point at.
	syntaxHeaders   map[*goja.Object]string
	errorPrototype  *goja.Object
	esm             map[string]*esmRecord
	esmDriverFn     goja.Callable
	nameNativesFn   goja.Callable         // natives.go
	reaction        *reaction             // the promise reaction whose handler runs now
	job             *promiseJob           // the promise job running now, for the trace
	jobs            *[]func()             // goja's job queue (microtasks.go)
	wrappedJobs     map[uintptr]bool      // the wrappers standing in goja's job queue
	funcs           []funcInfo            // every instrumented function, by id
	loops           []*fastLoop           // every loop that runs natively, by id (host_fastloop.go)
	stack           []frame               // the simulated call stack of user functions
	calls           int                   // user function calls so far (guard.go syncs every syncEveryCalls)
	awaiting        int                   // the function whose await registers the next reaction
	wrapped         map[string]bool       // files compiled inside the CommonJS wrapper (columnOffset)
	moduleWrappers  map[*goja.Object]bool // their wrapper functions, whose frames V8 names Object.<anonymous>
	formattingStack bool                  // an error's stack is being formatted (stack.go)
	mainEvaluation  *goja.Promise         // an ES module main's evaluation, for exit code 13
	intrinsics      map[string]goja.Value // the built-in globals before the program ran (globals.go)
	intrinsicArgs   []goja.Value          // the same, in the order of lib.Intrinsics
	timeoutClass    goja.Value
	immediateClass  goja.Value
	threads         *threadState // worker_threads and shared memory (host_worker_threads.go)
	childHooks      *cpHooks     // child_process (host_child_process.go)
}

// exitSignal is the interrupt value that unwinds JavaScript after process.exit().
type exitSignal struct{}

func newRealm(p *Process, th *loop.Thread) *Realm {
	r := &Realm{proc: p, th: th, rt: goja.New(), builtins: map[string]goja.Value{}}
	r.loop = loop.New(th, r)
	th.Locate = r.locate
	r.kHandle = goja.NewSymbol("looplab.handle")
	r.syntaxHeaders = map[*goja.Object]string{}
	r.awaiting = -1
	r.esm = map[string]*esmRecord{}
	r.wrapped = map[string]bool{}
	r.moduleWrappers = map[*goja.Object]bool{}
	r.wrappedJobs = map[uintptr]bool{}
	r.cost = newCostMeter(p.cfg)
	r.rt.SetFieldNameMapper(goja.UncapFieldNameMapper())
	r.rt.SetTimeSource(func() time.Time {
		r.clockRead()
		return p.cfg.Epoch.Add(r.th.Now())
	})
	seed := time.Now().UnixNano()
	if p.cfg.Deterministic {
		seed = int64(p.PID)
	}
	r.rt.SetRandSource(rand.New(rand.NewSource(seed)).Float64)
	// A backstop only: the call-stack guard throws a catchable RangeError well before this.
	r.rt.SetMaxCallStackSize(p.cfg.StackDepth * 4)
	r.rt.SetPromiseRejectionTracker(r.trackRejection)
	r.rt.SetAsyncContextTracker(r)
	r.errorPrototype = r.rt.Get("Error").ToObject(r.rt).Get("prototype").(*goja.Object)
	r.trampoline = r.compileTrampoline()
	r.takeTick = r.rt.ToValue(r.nextTick)
	r.installGlobals()
	return r
}

// locate says where the thread's program is, for the report of an engine crash: the innermost
// user function on the simulated stack and the callback that runs.
func (r *Realm) locate() string {
	var parts []string
	if n := len(r.stack); n > 0 && r.stack[n-1].id < len(r.funcs) {
		fi := r.funcs[r.stack[n-1].id]
		parts = append(parts, fmt.Sprintf("in %s (%s:%d:%d)", fi.Name, fi.file, fi.Line, fi.Column))
	}
	if r.running != nil {
		parts = append(parts, "running "+r.running.Label)
	}
	return strings.Join(parts, ", ")
}

// CurrentTask implements loop.Host.
func (r *Realm) CurrentTask() int { return r.current }

// record adds a trace event on this thread at its current time.
func (r *Realm) record(e trace.Event) int {
	e.Thread = r.th.ID
	return r.proc.sched.Record(r.th.Now(), e)
}

// newTask prepares a task queued by the running code: its id, its label and its cause.
func (r *Realm) newTask(queue, label string, fn any) loop.Task {
	return loop.Task{ID: r.proc.sched.NewTaskID(), Queue: queue, Label: label, Cause: r.current, Fn: fn}
}

// halt stops the thread: no more JavaScript runs on it.
func (r *Realm) halt() {
	r.dead = true
	r.loop.Stop()
	r.interrupt(exitSignal{})
}

// interrupt stops the JavaScript running on the thread; safe from any goroutine.
func (r *Realm) interrupt(v any) {
	r.interrupted.Store(true)
	r.rt.Interrupt(v)
}

// write is console and process.stdout output from this thread.
func (r *Realm) write(stream, text string) {
	r.charge()
	r.proc.write(r.th.ID, r.th.Now(), stream, text)
}

// costMeter turns the work a callback does into virtual CPU time.
type costMeter struct {
	scale        float64 // measured goja time → simulated V8 time; 0 in deterministic mode
	perRead      time.Duration
	perCallback  time.Duration
	sliceStarted time.Time
}

// Costs of counted work, chosen so that a busy-wait on Date.now() ends after a bounded number
// of iterations and a callback never takes zero time.
const (
	costPerClockRead = 10 * time.Microsecond
	costPerCallback  = time.Microsecond
)

func newCostMeter(cfg *Config) costMeter {
	m := costMeter{scale: cfg.CostScale, perRead: costPerClockRead, perCallback: costPerCallback}
	if cfg.Deterministic {
		m.scale = 0
	}
	return m
}

// charge moves the thread's clock forward by the work done since the last charge. Every host
// call that timestamps something charges first, which also makes it a moment to notice promise
// jobs queued since the last one (observeJobs).
func (r *Realm) charge() {
	r.observeJobs()
	if r.cost.scale > 0 {
		now := time.Now()
		if !r.cost.sliceStarted.IsZero() { // before the first callback there is nothing to charge
			r.th.Spend(time.Duration(float64(now.Sub(r.cost.sliceStarted)) * r.cost.scale))
		}
		r.cost.sliceStarted = now
	}
}

// clockRead is every read of the clock by JavaScript: it costs a little, so that busy-waits end.
func (r *Realm) clockRead() {
	r.charge()
	r.th.Spend(r.cost.perRead)
}

func (r *Realm) beginSlice() {
	r.cost.sliceStarted = time.Now()
	r.th.Spend(r.cost.perCallback)
}
