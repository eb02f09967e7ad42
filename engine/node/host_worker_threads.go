package node

import (
	"fmt"
	"path"
	"runtime"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	"github.com/dop251/goja"

	"looplab/engine/loop"
	"looplab/engine/trace"
)

// worker_threads: every Worker is a simulated thread of the same process, with a goja runtime
// (Realm), a loop and queues of its own, sharing the process's file system and thread pool (as
// libuv's pool is one per process). Messages are structured-cloned when posted and delivered as
// I/O completions to the receiving loop's poll phase, a little later in virtual time than they
// were sent. lib/worker_threads.js holds the JavaScript classes (Worker, MessagePort,
// MessageChannel); this file holds threads, ports and their lifetimes.

// Modeled costs of worker threads. Measured with Node v20.20.2 on the 2-core build container:
// new Worker() to 'online' takes 70-130 ms there (a fresh V8 isolate, Node's bootstrap and the
// worker's own module loader), 10-25 ms on a desktop machine; a message round trip between two
// idle threads takes 13-40 µs. The model takes the desktop figure.
const (
	workerStartup = 15 * time.Millisecond
	// messageLatency is how long a posted message takes to reach the receiving loop (one way).
	messageLatency = 15 * time.Microsecond
	// terminateLatency is how long terminate() takes to stop a running worker.
	terminateLatency = 50 * time.Microsecond
	// spinQuantum is how long, in real time, a worker may hold the baton without parking before
	// the watchdog decides that it is stuck in a loop that never yields (see watch). It matches
	// the page's time limit for a run: a worker computing for seconds in goja (fib(30) takes
	// about 4 s) must not be taken for a stuck one. Pure loops never meet it: they check in
	// (engine/fastloop), and `for (;;) {}` is found endless at once.
	spinQuantum = 10 * time.Second
)

// threadState is a realm's share of worker_threads and shared memory.
type threadState struct {
	kShared  *goja.Symbol // keys the sharedBlock of a SharedArrayBuffer object
	kPort    *goja.Symbol // keys the msgPort of a MessagePort object
	sabProto *goja.Object
	self     *workerThread // nil on the main thread
	ports    []*msgPort    // ports this realm owns, closed when the thread ends
	// hooks are functions of lib/worker_threads.js: newPort(handle), emit(target, name, value),
	// onExit(worker, code).
	newPort, emit, onExit goja.Callable
	workerData            goja.Value
	arrayFrom, isView     goja.Callable
}

// ts returns the realm's thread state, creating it on first use.
func (r *Realm) ts() *threadState {
	if r.threads == nil {
		r.threads = &threadState{kShared: goja.NewSymbol("looplab.shared"), kPort: goja.NewSymbol("looplab.port")}
	}
	return r.threads
}

// workerGroup is the process's share: thread ids and the workers that have not exited.
type workerGroup struct {
	nextThreadID int
	live         []*workerThread
}

func (p *Process) workerGroup() *workerGroup {
	if p.workers == nil {
		p.workers = &workerGroup{nextThreadID: 1}
	}
	return p.workers
}

// workerThread is one Worker, seen from both sides.
type workerThread struct {
	id      int // threadId
	name    string
	traceID int
	parent  *Realm
	realm   *Realm // nil until the thread starts
	th      *loop.Thread
	// toParent's messages reach the Worker object (its owner is the parent); toWorker is the
	// worker's parentPort.
	toParent, toWorker *msgPort
	object             *goja.Object // the Worker object in the parent realm
	refed              bool         // the Worker keeps the parent's loop alive
	file, source       string
	eval               bool
	data               *message
	env                map[string]string
	limits             any // resourceLimits, exported from the parent's realm
	started, exited    bool
	terminating        bool
	watchStop          chan struct{}
	watchOnce          sync.Once
	fired              atomic.Bool // the watchdog interrupted the thread
}

// worker returns the Worker this realm runs, nil on the main thread.
func (r *Realm) worker() *workerThread {
	if r.threads == nil {
		return nil
	}
	return r.threads.self
}

// threadName is how messages from this thread are labelled.
func (r *Realm) threadName() string {
	if w := r.worker(); w != nil {
		return w.name
	}
	return "main thread"
}

func init() {
	bindings["worker_threads"] = (*Realm).workerThreadsBinding
}

func (r *Realm) workerThreadsBinding() goja.Value {
	st := r.ts()
	b := r.rt.NewObject()
	b.Set("kHandle", st.kPort)
	b.Set("setup", func(newPort, emit, onExit goja.Value) {
		st.newPort, _ = goja.AssertFunction(newPort)
		st.emit, _ = goja.AssertFunction(emit)
		st.onExit, _ = goja.AssertFunction(onExit)
	})
	b.Set("info", func() goja.Value {
		info := r.rt.NewObject()
		w := r.worker()
		info.Set("isMainThread", w == nil)
		if w == nil {
			info.Set("threadId", 0)
			info.Set("workerData", goja.Null())
			info.Set("parentPort", goja.Null())
			info.Set("resourceLimits", r.rt.NewObject())
			return info
		}
		info.Set("threadId", w.id)
		if w.data != nil {
			st.workerData = r.deserialize(w.data)
			w.data = nil
		}
		info.Set("workerData", st.workerData)
		info.Set("parentPort", r.adoptPort(w.toWorker))
		info.Set("resourceLimits", r.rt.ToValue(w.limits))
		return info
	})
	b.Set("spawn", r.spawnWorker)
	b.Set("terminate", func(o *goja.Object) {
		if w := r.workerOf(o); w != nil {
			w.terminate(r)
		}
	})
	b.Set("workerRef", func(o *goja.Object, ref bool) {
		if w := r.workerOf(o); w != nil && !w.exited && w.refed != ref {
			w.refed = ref
			r.loop.RefHandle(map[bool]int{true: 1, false: -1}[ref])
		}
	})
	b.Set("workerHasRef", func(o *goja.Object) bool {
		w := r.workerOf(o)
		return w != nil && w.refed && !w.exited
	})
	b.Set("post", func(c goja.FunctionCall) goja.Value {
		o, _ := c.Argument(0).(*goja.Object)
		if p := r.portOf(o); p != nil && p.obj == o {
			p.post(r, c.Argument(1), c.Argument(2))
		} else if w := r.workerOf(o); w != nil {
			w.toParent.post(r, c.Argument(1), c.Argument(2))
		}
		return goja.Undefined()
	})
	port := func(o *goja.Object) *msgPort {
		if p := r.portOf(o); p != nil && p.obj == o && p.owner == r {
			return p
		}
		return nil
	}
	b.Set("portStart", func(o *goja.Object) {
		if p := port(o); p != nil {
			p.start()
		}
	})
	b.Set("portClose", func(o *goja.Object) {
		if p := port(o); p != nil {
			p.close(r)
		}
	})
	b.Set("portRef", func(o *goja.Object, ref bool) {
		if p := port(o); p != nil {
			p.ref = ref
			p.updateRef()
		}
	})
	b.Set("portHasRef", func(o *goja.Object) bool {
		p := port(o)
		return p != nil && p.holding
	})
	b.Set("receive", func(o *goja.Object) goja.Value {
		p := port(o)
		if p == nil || len(p.inbox) == 0 {
			return goja.Undefined()
		}
		e := p.inbox[0]
		p.inbox = p.inbox[1:]
		res := r.rt.NewObject()
		res.Set("message", r.deserialize(e.msg))
		return res
	})
	b.Set("newChannel", func() goja.Value {
		a, z := &msgPort{label: "message on MessagePort"}, &msgPort{label: "message on MessagePort"}
		a.peer, z.peer = z, a
		return r.rt.NewArray(r.adoptPort(a), r.adoptPort(z))
	})
	b.Set("structuredClone", r.structuredClone)
	return b
}

func (r *Realm) portOf(o *goja.Object) *msgPort {
	if o == nil {
		return nil
	}
	v := o.GetSymbol(r.ts().kPort)
	if v == nil {
		return nil
	}
	p, _ := v.Export().(*msgPort)
	return p
}

func (r *Realm) workerOf(o *goja.Object) *workerThread {
	if o == nil {
		return nil
	}
	v := o.GetSymbol(r.ts().kPort)
	if v == nil {
		return nil
	}
	w, _ := v.Export().(*workerThread)
	return w
}

// spawnWorker is the Go half of `new Worker(...)`: it starts a simulated thread at the
// creator's virtual time plus the start-up cost.
func (r *Realm) spawnWorker(c goja.FunctionCall) goja.Value {
	obj := c.Argument(0).(*goja.Object)
	target := c.Argument(1).String()
	opts, _ := c.Argument(2).(*goja.Object)
	get := func(name string) goja.Value {
		if opts == nil {
			return goja.Undefined()
		}
		if v := opts.Get(name); v != nil {
			return v
		}
		return goja.Undefined()
	}
	r.charge()
	p := r.proc
	g := p.workerGroup()
	w := &workerThread{id: g.nextThreadID, parent: r, object: obj, eval: get("eval").ToBoolean()}
	g.nextThreadID++
	w.name = fmt.Sprintf("worker %d", w.id)
	if w.eval {
		w.source = target
	} else {
		w.file = target
	}
	// workerData and its transfer list are cloned now, in the creating thread, as Node does.
	w.data = r.serialize(get("workerData"), get("transferList"), nil)
	w.env = r.envSnapshot(get("env"))
	w.limits = map[string]any{}
	if l, ok := get("resourceLimits").(*goja.Object); ok {
		w.limits = l.Export() // accepted and reported, not enforced
	}
	w.toParent = &msgPort{worker: w, label: "message from " + w.name, started: true}
	w.toWorker = &msgPort{worker: w, label: "message from " + r.threadName()}
	w.toParent.peer, w.toWorker.peer = w.toWorker, w.toParent
	w.toParent.owner, w.toParent.obj = r, obj
	obj.DefineDataPropertySymbol(r.ts().kPort, r.rt.ToValue(w), goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_FALSE)
	w.refed = true
	r.loop.RefHandle(1)
	g.live = append(g.live, w)

	// The thread appears in the trace when it is created, linked to its creator; it runs its
	// first JavaScript after the start-up cost.
	at := r.th.Now()
	w.traceID = *p.threadIDs
	*p.threadIDs++
	p.sched.Record(at, trace.Event{Thread: w.traceID, Kind: trace.ThreadStart, Name: w.name, Role: "worker", N: w.id, Parent: r.th.ID, Cause: r.current, Memory: workerRSS})
	w.th = p.sched.Spawn(w.traceID, at+workerStartup, p.threadBody(w.run))
	return r.rt.ToValue(map[string]any{"threadId": w.id})
}

// envSnapshot is the worker's process.env: options.env, or a copy of the creator's current
// process.env.
func (r *Realm) envSnapshot(opt goja.Value) map[string]string {
	src, ok := opt.(*goja.Object)
	if !ok || goja.IsUndefined(opt) || goja.IsNull(opt) {
		src = r.process.Get("env").ToObject(r.rt)
	}
	env := map[string]string{}
	for _, k := range src.Keys() {
		env[k] = src.Get(k).String()
	}
	return env
}

// run is the body of the worker's thread: Node's worker start-up (lib/internal/main/worker_thread.js)
// followed by the same SpinEventLoop as the main thread.
func (w *workerThread) run(th *loop.Thread) {
	p := w.parent.proc
	defer w.stopWatch()
	if w.terminating {
		w.finish(0) // stopped before it ran any JavaScript: Node's exit code is then 0
		return
	}
	w.started = true
	r := newRealm(p, th)
	w.realm = r
	r.ts().self = w
	r.loop = loop.New(th, workerHost{r, w})
	env := r.rt.NewObject()
	keys := make([]string, 0, len(w.env))
	for k := range w.env {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		env.Set(k, w.env[k])
	}
	r.process.Set("env", env)
	// Node deserializes workerData (adopting the ports it transfers) before the worker's code
	// runs; loading the module does that here (see info).
	r.requireBuiltin("worker_threads")
	w.notifyParent(th.Now(), w.name+" online", func(pr *Realm) call {
		emit := pr.rt.ToValue(func(goja.FunctionCall) goja.Value {
			if _, err := pr.ts().emit(goja.Undefined(), w.object, pr.rt.ToValue("online")); err != nil {
				panic(err)
			}
			return goja.Undefined()
		})
		return call0(emit, goja.Undefined(), nil)
	})
	w.watch()
	if w.eval {
		r.runWorkerEval(w.source)
	} else {
		r.runMainModule(w.file)
	}
	w.afterJS()
	r.spinEventLoop(w.afterJS)
	r.finishMain()
	if !w.exited && !p.sched.Stopping() {
		w.finish(1) // terminated
	}
}

// runWorkerEval runs the source of `new Worker(src, { eval: true })` as Node runs
// '[worker eval]': a CommonJS body whose require resolves from the working directory.
func (r *Realm) runWorkerEval(src string) {
	leave := r.loop.Phase("main")
	defer leave()
	const filename = "[worker eval]"
	r.proc.sources[filename] = src
	load := r.rt.ToValue(func(goja.FunctionCall) goja.Value {
		fn, err := r.compileModule(filename, src)
		if err != nil {
			panic(err)
		}
		req, module := r.requireAt(path.Join(r.proc.Cwd, filename))
		module.Set("id", filename)
		exports := module.Get("exports")
		dynImport := r.rt.ToValue(func(spec string) goja.Value { return r.dynamicImport(spec, path.Join(r.proc.Cwd, filename)) })
		if _, err := fn(exports, exports, req, module, r.rt.ToValue(filename), r.rt.ToValue("."), dynImport); err != nil {
			panic(err)
		}
		return goja.Undefined()
	})
	r.RunTask(&loop.Task{ID: r.proc.sched.NewTaskID(), Queue: "main", Label: "worker eval", Fn: call0(load, goja.Undefined(), nil)})
}

// workerHost runs a worker's loop callbacks; after each one it checks whether the watchdog
// caught the thread spinning.
type workerHost struct {
	r *Realm
	w *workerThread
}

func (h workerHost) RunTask(t *loop.Task) {
	h.r.RunTask(t)
	h.w.afterJS()
}

func (h workerHost) CurrentTask() int { return h.r.CurrentTask() }

// watch starts the watchdog of a worker. A worker stuck in `for (;;) {}` never calls into Go,
// so it never parks and never hands the baton back: every other thread, the main thread
// included, would wait for it forever. The watchdog, on a goroutine of its own, notices a
// thread that has held the baton for spinQuantum of real time and interrupts its JavaScript
// (goja's Runtime.Interrupt is safe from another goroutine). The interrupted callback unwinds;
// afterJS then marks the thread busy forever in virtual time, and parks it, so
// the other threads go on and can terminate() it. A finite computation that runs longer than
// the quantum without parking is indistinguishable and is stopped the same way. In js/wasm no
// goroutine runs while JavaScript spins (Go has no preemption there), so the watchdog never
// fires and the page's time limit for a run applies instead.
func (w *workerThread) watch() {
	if runtime.GOARCH == "wasm" {
		return
	}
	w.watchStop = make(chan struct{})
	th, r := w.th, w.realm
	go func() {
		tick := time.NewTicker(spinQuantum / 8)
		defer tick.Stop()
		for {
			select {
			case <-w.watchStop:
				return
			case <-tick.C:
				if th.HeldFor() > spinQuantum {
					w.fired.Store(true)
					r.interrupt(spinSignal{})
					return
				}
			}
		}
	}()
}

func (w *workerThread) stopWatch() {
	w.watchOnce.Do(func() {
		if w.watchStop != nil {
			close(w.watchStop)
		}
	})
}

// spinSignal is the interrupt value of the watchdog.
type spinSignal struct{}

// afterJS runs on the worker's thread after each callback: a thread the watchdog interrupted
// stays busy until it is terminated (or the run ends).
func (w *workerThread) afterJS() {
	r := w.realm
	if r.busyForever != "" || r.dead {
		return
	}
	if !w.fired.Load() {
		return
	}
	r.busyForever = "runs JavaScript that never yields (an endless loop?)"
	r.record(trace.Event{Kind: trace.Note, Text: w.name + " runs JavaScript that never yields (an endless loop?): it stays busy until it is terminated"})
	for !w.terminating && !r.proc.sched.Stopping() {
		w.th.WaitUntil(-1)
	}
}

// terminate mirrors worker.terminate(): the worker's JavaScript stops as soon as possible and
// the thread exits with code 1.
func (w *workerThread) terminate(from *Realm) {
	if w.exited || w.terminating {
		return
	}
	w.terminating = true
	if w.realm != nil {
		w.realm.halt()
	}
	w.th.Wake(from.th.Now() + terminateLatency)
}

// exitThread is process.exit() and the natural end of a worker: only the worker ends. It
// reports false on the main thread.
func (r *Realm) exitThread(code int) bool {
	w := r.worker()
	if w == nil {
		return false
	}
	r.halt()
	w.finish(code)
	return true
}

// finish records the worker's end and tells the parent, whose Worker emits 'exit'.
func (w *workerThread) finish(code int) {
	if w.exited {
		return
	}
	w.exited = true
	w.stopWatch()
	p := w.parent.proc
	at := w.th.Now()
	p.sched.Record(at, trace.Event{Thread: w.traceID, Kind: trace.ThreadExit, Code: &code})
	if r := w.realm; r != nil {
		for _, port := range r.ts().ports {
			if port.owner == r {
				port.close(r)
			}
		}
	}
	w.toWorker.closed = true
	w.toWorker.inbox = nil
	g := p.workerGroup()
	for i, x := range g.live {
		if x == w {
			g.live = append(g.live[:i], g.live[i+1:]...)
			break
		}
	}
	w.notifyParent(at, fmt.Sprintf("%s exit (code %d)", w.name, code), func(pr *Realm) call {
		fn := pr.rt.ToValue(func(goja.FunctionCall) goja.Value {
			if w.refed {
				w.refed = false
				pr.loop.RefHandle(-1)
			}
			w.toParent.closed = true
			if _, err := pr.ts().onExit(goja.Undefined(), w.object, pr.rt.ToValue(code)); err != nil {
				panic(err)
			}
			return goja.Undefined()
		})
		return call0(fn, goja.Undefined(), nil)
	})
}

// fatalInWorker is an uncaught exception in a worker: Node serializes it (error_serdes) to the
// parent, where the Worker emits 'error', and the worker exits with code 1. Nothing is printed
// by the worker itself.
func (r *Realm) fatalInWorker(err goja.Value, code int) bool {
	w := r.worker()
	if w == nil {
		return false
	}
	msg := r.serializeError(err)
	w.notifyParent(r.th.Now(), w.name+" error", func(pr *Realm) call {
		fn := pr.rt.ToValue(func(goja.FunctionCall) goja.Value {
			if _, err := pr.ts().emit(goja.Undefined(), w.object, pr.rt.ToValue("error"), pr.deserialize(msg)); err != nil {
				panic(err)
			}
			return goja.Undefined()
		})
		return call0(fn, goja.Undefined(), nil)
	})
	r.exit(code)
	return true
}

// serializeError clones a thrown value for the parent, keeping an error's own properties.
func (r *Realm) serializeError(err goja.Value) (m *message) {
	defer func() {
		if x := recover(); x != nil {
			text := r.inspect(err)
			m = &message{root: &cloned{kind: cloneError, a: "Error", b: text}, objects: 1}
		}
	}()
	s := &serializer{r: r, memo: map[*goja.Object]int{}, transfer: map[*goja.Object]bool{}, errorDetails: true}
	root := s.write(err)
	return &message{root: root, objects: len(s.memo)}
}

// notifyParent delivers a worker event to the parent's loop, in order with the worker's
// messages.
func (w *workerThread) notifyParent(at time.Duration, label string, build func(pr *Realm) call) {
	pr := w.parent
	cause := 0
	if w.realm != nil {
		cause = w.realm.current
	}
	at += messageLatency
	pr.proc.sched.At(at, func() {
		if pr.dead {
			return
		}
		pr.loop.Complete(at, &loop.Task{ID: pr.proc.sched.NewTaskID(), Queue: trace.QueuePoll, Label: label, Cause: cause,
			Fn: lazyCall(func() call { return build(pr) })})
	})
}

// endWorkers ends every worker when the process exits (process.exit() or the main thread's
// end): Node tears the workers down with the process, and so does the run.
func (r *Realm) endWorkers() {
	p := r.proc
	if p.workers == nil || len(p.workers.live) == 0 {
		return
	}
	for _, w := range append([]*workerThread(nil), p.workers.live...) {
		w.terminating = true
		if w.realm != nil {
			w.realm.dead = true
		}
		w.stopWatch()
		w.exited = true
		code := 1
		p.sched.Record(r.th.Now(), trace.Event{Thread: w.traceID, Kind: trace.ThreadExit, Code: &code})
	}
	p.workers.live = nil
	if p.cp == nil {
		p.sched.Stop() // a child process ends alone; the run goes on (host_child_process.go)
	}
}

// msgPort is one end of a MessageChannel, or one of the two internal ends between a Worker
// object and its thread's parentPort.
type msgPort struct {
	peer   *msgPort
	owner  *Realm       // nil while the port travels inside a message
	obj    *goja.Object // its object in the owner's realm (the Worker object for toParent)
	worker *workerThread
	label  string // trace label of the messages that arrive here
	// started: messages are dispatched (start(), or a 'message' listener); before, they wait
	// in inbox, as they do while the port travels.
	started, closed bool
	// closedHere: close() was called on this end; messages already queued for it are dropped.
	// An end closed by its peer still dispatches what had arrived before, as Node drains.
	closedHere bool
	ref        bool // ref()/unref() and the 'message' listeners say the port keeps its loop alive
	holding    bool // it is counted in the owner loop's handles
	inbox      []*envelope
}

type envelope struct {
	msg   *message
	cause int
}

// adoptPort gives p an object in this realm (a MessagePort from lib/worker_threads.js).
func (r *Realm) adoptPort(p *msgPort) *goja.Object {
	if p.owner == r && p.obj != nil {
		return p.obj
	}
	st := r.ts()
	if st.newPort == nil {
		r.requireBuiltin("worker_threads") // its setup() installs the hooks
	}
	v, err := st.newPort(goja.Undefined())
	if err != nil {
		panic(err)
	}
	o := v.(*goja.Object)
	o.DefineDataPropertySymbol(st.kPort, r.rt.ToValue(p), goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_FALSE)
	p.owner, p.obj = r, o
	p.started, p.ref, p.holding = false, false, false
	st.ports = append(st.ports, p)
	return o
}

// release takes a transferred port away from its realm; its old object is dead from now on.
func (p *msgPort) release() {
	if p.holding {
		p.owner.loop.RefHandle(-1)
		p.holding = false
	}
	p.owner, p.obj = nil, nil
	p.started, p.ref = false, false
}

func (p *msgPort) updateRef() {
	want := p.owner != nil && p.ref && p.started && !p.closed
	if want != p.holding {
		p.holding = want
		p.owner.loop.RefHandle(map[bool]int{true: 1, false: -1}[want])
	}
}

// post mirrors MessagePort.prototype.postMessage: the value is cloned now and arrives at the
// other end messageLatency later, in the receiving loop's poll phase.
func (p *msgPort) post(from *Realm, value, transferList goja.Value) {
	from.charge()
	msg := from.serialize(value, transferList, p)
	if p.closed || p.peer == nil || p.peer.closed {
		return // posting on a closed port does nothing, as in Node
	}
	target := p.peer
	at := from.th.Now() + messageLatency
	env := &envelope{msg: msg, cause: from.current}
	from.proc.sched.At(at, func() { target.arrive(at, env) })
}

// arrive runs at the virtual time a message reaches the port.
func (p *msgPort) arrive(at time.Duration, e *envelope) {
	switch {
	case p.closedHere:
	case p.owner == nil || !p.started:
		p.inbox = append(p.inbox, e)
	default:
		p.deliver(at, e)
	}
}

// deliver queues the message's 'message' event in the owner loop's poll phase.
func (p *msgPort) deliver(at time.Duration, e *envelope) {
	r := p.owner
	if r.dead {
		return
	}
	r.loop.Complete(at, &loop.Task{ID: r.proc.sched.NewTaskID(), Queue: trace.QueuePoll, Label: p.label, Cause: e.cause,
		Fn: lazyCall(func() call { return p.dispatch(r, e) })})
}

// dispatch builds the 'message' event on the receiving thread, when the callback runs.
func (p *msgPort) dispatch(r *Realm, e *envelope) call {
	noop := call{fn: goja.Undefined()}
	if p.closedHere || r.dead {
		return noop
	}
	if p.owner != r || !p.started {
		p.inbox = append(p.inbox, e) // it moved on (transferred) or stopped meanwhile
		return noop
	}
	target := p.obj
	var value goja.Value
	name := "message"
	func() {
		defer func() {
			if x := recover(); x != nil {
				name, value = "messageerror", r.newError("Error", fmt.Sprint(x))
			}
		}()
		value = r.deserialize(e.msg)
	}()
	emit := r.rt.ToValue(func(goja.FunctionCall) goja.Value {
		if _, err := r.ts().emit(goja.Undefined(), target, r.rt.ToValue(name), value); err != nil {
			panic(err)
		}
		return goja.Undefined()
	})
	return call0(emit, goja.Undefined(), nil)
}

// start mirrors MessagePort.prototype.start: queued messages are dispatched.
func (p *msgPort) start() {
	if p.started || p.closedHere || p.owner == nil {
		return
	}
	p.started = true
	p.updateRef()
	queued := p.inbox
	p.inbox = nil
	for _, e := range queued {
		p.deliver(p.owner.th.Now(), e)
	}
}

// close mirrors MessagePort.prototype.close: both ends close and emit 'close'.
func (p *msgPort) close(from *Realm) {
	if p.closed {
		return
	}
	at := from.th.Now()
	p.closedHere = true
	p.shut(at)
	if peer := p.peer; peer != nil && !peer.closed {
		when := at + messageLatency
		from.proc.sched.At(when, func() { peer.shut(when) })
	}
}

func (p *msgPort) shut(at time.Duration) {
	if p.closed {
		return
	}
	p.closed = true
	if p.closedHere {
		p.inbox = nil
	}
	r, obj := p.owner, p.obj
	if p.holding {
		p.holding = false
		r.loop.RefHandle(-1)
	}
	if r == nil || r.dead || p == nilPortOf(p.worker) {
		return
	}
	r.loop.Complete(at, &loop.Task{ID: r.proc.sched.NewTaskID(), Queue: trace.QueuePoll, Label: "MessagePort close", Fn: lazyCall(func() call {
		emit := r.rt.ToValue(func(goja.FunctionCall) goja.Value {
			if _, err := r.ts().emit(goja.Undefined(), obj, r.rt.ToValue("close")); err != nil {
				panic(err)
			}
			return goja.Undefined()
		})
		return call0(emit, goja.Undefined(), nil)
	})})
}

// nilPortOf is the internal end whose object is a Worker: it has no 'close' event.
func nilPortOf(w *workerThread) *msgPort {
	if w == nil {
		return nil
	}
	return w.toParent
}
