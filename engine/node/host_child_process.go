package node

import (
	"fmt"
	"path"
	"strings"
	"time"

	"github.com/dop251/goja"

	"looplab/engine/loop"
	"looplab/engine/trace"
)

// child_process: every child is a simulated Process of its own (its own pid from a run-wide
// counter, goja runtime, loop and thread pool; nothing of its memory is shared with the parent)
// that shares the run's file system, network and scheduler, as processes of one machine share
// the disk and the kernel. Its main thread starts at the parent's virtual time plus the start-up
// cost of a node process. Everything that crosses between the two processes travels through
// modeled pipes: IPC messages (JSON text, or the structured clone for serialization:
// 'advanced'), the bytes of piped stdio, the end of a pipe (EOF, which is how a process learns
// that its peer disconnected), and the kernel's SIGCHLD that reports a child's exit. Each
// arrives as an I/O completion in the poll phase of the receiving loop, in the order it was sent.
// lib/child_process.js holds ChildProcess, the IPC channel's JavaScript side and the exec family;
// this file holds processes, pipes and their lifetimes.

// Modeled costs, measured with Node v20.20.2 on the 2-core build container (docs/cost-model.md,
// "Child processes"): `node -e 0` takes 70 ms there and fork() to the child's first message
// 90-105 ms; on a desktop machine `node -e 0` takes 35-45 ms. The model takes the desktop figure,
// as the worker model does. An IPC round trip between two idle processes took 50-65 µs.
const (
	processStartup = 40 * time.Millisecond
	// toolStartup is the start of a small program (echo, sleep, cat) run through exec.
	toolStartup = 1 * time.Millisecond
	// spawnCallCost is what spawn()/fork() costs the calling thread (fork+exec of the binary,
	// measured 1-3 ms for child_process.fork in the container).
	spawnCallCost = 1 * time.Millisecond
	// ipcLatency is how long bytes written to a pipe take to reach the reading loop (one way).
	ipcLatency = 30 * time.Microsecond
	// pipeBandwidth is how fast a pipe moves large messages, bytes per second.
	pipeBandwidth = 1 << 30
	// exitNotifyLatency is how long after a child ends its parent's loop learns of it (SIGCHLD
	// through libuv's signal pipe): after the pipes' EOF, as in Node, where 'disconnect' and the
	// end of stdout come before 'exit'.
	exitNotifyLatency = 60 * time.Microsecond
	// signalLatency is how long kill() takes to reach the child.
	signalLatency = 20 * time.Microsecond
)

// signalNumbers are the signals kill() knows, with their Linux numbers.
var signalNumbers = map[string]int{
	"SIGHUP": 1, "SIGINT": 2, "SIGQUIT": 3, "SIGABRT": 6, "SIGKILL": 9, "SIGUSR1": 10, "SIGUSR2": 12,
	"SIGPIPE": 13, "SIGALRM": 14, "SIGTERM": 15, "SIGCONT": 18, "SIGSTOP": 19,
}

// processFamily is what all processes of a run share: the pid counter and the list of
// processes, for the run's real-time limit.
type processFamily struct {
	nextPID int
	procs   []*Process
}

func (p *Process) familyOf() *processFamily {
	if p.family == nil {
		p.family = &processFamily{nextPID: p.PID + 1, procs: []*Process{p}}
	}
	return p.family
}

// spawnPlan is what lib/child_process.js resolved a spawn into: a node process running a file
// or source. Small shell tools (echo, sleep, cat) run as node source with a short start-up.
type spawnPlan struct {
	argv          []string
	execArgv      []string
	file          string // the main module, or "" for eval
	eval          string
	print         bool
	env           map[string]string
	cwd           string
	ipc           bool
	advanced      bool
	stdio         [3]string // "pipe", "inherit" or "ignore"
	tool          string    // "echo", ...: a simulated program, not node
	input         []byte    // spawnSync's input
	inheritStderr bool
}

// childProc is one child process, seen from both sides.
type childProc struct {
	pid     int
	name    string // "process 4243"
	parent  *Realm // the thread that spawned it
	obj     *goja.Object
	proc    *Process
	realm   *Realm // the child's main thread, nil until it starts
	th      *loop.Thread
	traceID int
	plan    spawnPlan

	// The IPC channel: each end is open until it disconnects or reads the peer's EOF.
	parentOpen, childOpen bool
	toChildAt, toParentAt time.Duration // when the last bytes in each direction arrive (FIFO)
	early                 []func()      // deliveries to the child before its thread started
	parentChanUnref       bool          // child.channel.unref()
	parentChanHeld        bool
	childListeners        int // 'message' and 'disconnect' listeners on the child's process
	childChanUnref        bool
	childChanHeld         bool
	// The parent's uv_process_t and its stdio pipes keep its loop alive.
	procUnref, procHeld bool
	pipesOpen           [3]bool
	pipesHeld           int
	stdinHeld           bool

	exited   bool // the child ended
	notified bool // the parent's loop learned it
	code     int
	signal   string
	sync     *syncRun
}

// syncRun collects a spawnSync child's piped output while its parent is blocked.
type syncRun struct {
	out [3][]byte
}

func init() {
	bindings["child_process"] = (*Realm).childProcessBinding
}

// cpHooks are functions of lib/child_process.js that Go calls.
type cpHooks struct {
	onData, onMessage, onDisconnect, onExit, onSignal goja.Value
	setupChild                                        goja.Callable
	kChild                                            *goja.Symbol
}

func (r *Realm) cpHooks() *cpHooks {
	if r.childHooks == nil {
		r.childHooks = &cpHooks{kChild: goja.NewSymbol("looplab.child")}
	}
	return r.childHooks
}

func (r *Realm) childProcessBinding() goja.Value {
	h := r.cpHooks()
	b := r.rt.NewObject()
	b.Set("setup", func(o *goja.Object) {
		h.onData, h.onMessage, h.onDisconnect = o.Get("onData"), o.Get("onMessage"), o.Get("onDisconnect")
		h.onExit, h.onSignal = o.Get("onExit"), o.Get("onSignal")
		h.setupChild, _ = goja.AssertFunction(o.Get("setupChild"))
	})
	b.Set("execPath", execPath)
	b.Set("spawn", func(obj *goja.Object, plan *goja.Object) int {
		c := r.spawnChild(obj, r.readPlan(plan), nil)
		return c.pid
	})
	b.Set("spawnSync", func(plan *goja.Object) goja.Value { return r.spawnSync(r.readPlan(plan)) })
	// send takes a FunctionCall: a goja.Value parameter of a reflected Go function would be
	// exported and rebuilt, turning a Map into a plain object before it is cloned.
	b.Set("send", func(call goja.FunctionCall) goja.Value {
		target, _ := call.Argument(0).(*goja.Object)
		if c, fromParent := r.channelOf(target); c != nil {
			c.send(r, fromParent, call.Argument(1))
		}
		return goja.Undefined()
	})
	b.Set("disconnect", func(target *goja.Object) {
		if c, fromParent := r.channelOf(target); c != nil {
			c.disconnect(r, fromParent)
		}
	})
	b.Set("channelRef", func(target *goja.Object, ref bool) {
		c, fromParent := r.channelOf(target)
		if c == nil {
			return
		}
		if fromParent {
			c.parentChanUnref = !ref
		} else {
			c.childChanUnref = !ref
		}
		c.updateRefs()
	})
	b.Set("channelListeners", func(delta int) {
		if c := r.proc.cp; c != nil && r == c.realm {
			c.childListeners += delta
			c.updateRefs()
		}
	})
	b.Set("kill", func(obj *goja.Object, sig string) bool {
		c := r.childOf(obj)
		return c != nil && c.kill(r, sig)
	})
	b.Set("ref", func(obj *goja.Object, ref bool) {
		if c := r.childOf(obj); c != nil {
			c.procUnref = !ref
			c.updateRefs()
		}
	})
	b.Set("writeStdin", func(obj *goja.Object, data goja.Value) {
		if c := r.childOf(obj); c != nil {
			c.writeStdin(r, r.bytesOf(data), false)
		}
	})
	b.Set("endStdin", func(obj *goja.Object) {
		if c := r.childOf(obj); c != nil {
			c.writeStdin(r, nil, true)
		}
	})
	b.Set("stdinRef", func(ref bool) {
		if c := r.proc.cp; c != nil && r == c.realm && c.stdinHeld != ref {
			c.stdinHeld = ref
			r.loop.RefHandle(boolDelta(ref))
		}
	})
	return b
}

// bytesOf reads a string, Buffer, typed array or ArrayBuffer as bytes.
func (r *Realm) bytesOf(v goja.Value) []byte {
	switch x := v.Export().(type) {
	case string:
		return []byte(x)
	case goja.ArrayBuffer:
		return append([]byte(nil), x.Bytes()...)
	case []byte:
		return append([]byte(nil), x...)
	}
	if o, ok := v.(*goja.Object); ok {
		if buf, ok := o.Get("buffer").Export().(goja.ArrayBuffer); ok {
			off, n := int(o.Get("byteOffset").ToInteger()), int(o.Get("byteLength").ToInteger())
			return append([]byte(nil), buf.Bytes()[off:off+n]...)
		}
	}
	return []byte(v.String())
}

// readPlan converts the plan object that lib/child_process.js built.
func (r *Realm) readPlan(o *goja.Object) spawnPlan {
	str := func(name string) string {
		v := o.Get(name)
		if v == nil || goja.IsUndefined(v) || goja.IsNull(v) {
			return ""
		}
		return v.String()
	}
	strs := func(name string) []string {
		var out []string
		if a, ok := o.Get(name).(*goja.Object); ok {
			for i := 0; i < int(a.Get("length").ToInteger()); i++ {
				out = append(out, a.Get(fmt.Sprint(i)).String())
			}
		}
		return out
	}
	flag := func(name string) bool {
		v := o.Get(name)
		return v != nil && v.ToBoolean()
	}
	p := spawnPlan{argv: strs("argv"), execArgv: strs("execArgv"), file: str("file"), eval: str("eval"),
		print: flag("print"), cwd: str("cwd"), ipc: flag("ipc"),
		advanced: str("serialization") == "advanced", tool: str("tool"), env: map[string]string{}}
	for i, s := range strs("stdio") {
		if i < 3 {
			p.stdio[i] = s
		}
	}
	if env, ok := o.Get("env").(*goja.Object); ok {
		for _, k := range env.Keys() {
			if v := env.Get(k); v != nil && !goja.IsUndefined(v) {
				p.env[k] = v.String()
			}
		}
	}
	if in := o.Get("input"); in != nil && !goja.IsUndefined(in) && !goja.IsNull(in) {
		p.input = r.bytesOf(in)
	}
	if p.cwd == "" {
		p.cwd = r.proc.Cwd
	}
	return p
}

// childOf is the child process behind a ChildProcess object of this realm.
func (r *Realm) childOf(o *goja.Object) *childProc {
	if o == nil {
		return nil
	}
	v := o.GetSymbol(r.cpHooks().kChild)
	if v == nil {
		return nil
	}
	c, _ := v.Export().(*childProc)
	return c
}

// channelOf is the IPC channel a send or disconnect refers to: a ChildProcess object (the
// parent's end) or `process` in a child (the child's end).
func (r *Realm) channelOf(target *goja.Object) (c *childProc, fromParent bool) {
	if c := r.childOf(target); c != nil {
		return c, true
	}
	if c := r.proc.cp; c != nil && r == c.realm && target == r.process && c.plan.ipc {
		return c, false
	}
	return nil, false
}

// spawnChild starts a child process; sync, when set, collects its output for spawnSync.
func (r *Realm) spawnChild(obj *goja.Object, plan spawnPlan, sync *syncRun) *childProc {
	r.charge()
	r.th.Spend(spawnCallCost)
	parent := r.proc
	fam := parent.familyOf()
	pid := fam.nextPID
	fam.nextPID++
	p := NewProcess(parent.cfg, parent.sched, pid, plan.argv, plan.env, plan.cwd, parent.FS)
	p.PPID = parent.PID
	p.threadIDs = parent.threadIDs
	p.family = fam
	fam.procs = append(fam.procs, p)
	c := &childProc{pid: pid, parent: r, obj: obj, proc: p, plan: plan, sync: sync}
	c.name = fmt.Sprintf("process %d", pid)
	p.cp = c
	if obj != nil {
		obj.DefineDataPropertySymbol(r.cpHooks().kChild, r.rt.ToValue(c), goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_FALSE)
	}
	at := r.th.Now()
	c.toChildAt, c.toParentAt = at, at
	c.traceID = *p.threadIDs
	*p.threadIDs++
	what := strings.Join(append([]string{"node"}, plan.argv[1:]...), " ")
	if plan.tool != "" {
		what = strings.Join(plan.argv[1:], " ")
	} else if plan.file == "" {
		what = "node [eval]"
	}
	name := c.name + ": " + what
	if len(name) > 80 {
		name = name[:77] + "..."
	}
	parent.sched.Record(at, trace.Event{Thread: c.traceID, Kind: trace.ThreadStart, Name: name, Role: "process", N: pid, Parent: r.th.ID, Cause: r.current, Memory: processRSS + ipcChildExtra})
	startup := processStartup
	if plan.tool != "" {
		startup = toolStartup
	}
	if plan.ipc {
		c.parentOpen, c.childOpen = true, true
	}
	for fd := 0; fd < 3; fd++ {
		c.pipesOpen[fd] = plan.stdio[fd] == "pipe"
	}
	if sync == nil {
		c.updateRefs()
	}
	if len(plan.input) > 0 || sync != nil && plan.stdio[0] == "pipe" {
		c.writeStdin(r, plan.input, false)
		c.writeStdin(r, nil, true)
	}
	c.th = parent.sched.Spawn(c.traceID, at+startup, c.proc.threadBody(c.run))
	return c
}

// updateRefs keeps the loops' counts of ref'd handles in step with the channel, the process
// handle and the pipes. The parent's channel is ref'd while open; the child's only while it has
// 'message' or 'disconnect' listeners (Node's _forkChild counts them), so a child that does not
// listen exits when its work is done even though it is still connected.
func (c *childProc) updateRefs() {
	if c.sync != nil {
		return
	}
	set := func(l *loop.Loop, held *bool, want bool) {
		if *held != want {
			*held = want
			l.RefHandle(boolDelta(want))
		}
	}
	pl := c.parent.loop
	set(pl, &c.parentChanHeld, c.parentOpen && !c.parentChanUnref && !c.parent.dead)
	set(pl, &c.procHeld, !c.notified && !c.procUnref && !c.parent.dead)
	pipes := 0
	for fd := 1; fd < 3; fd++ {
		if c.pipesOpen[fd] && !c.procUnref {
			pipes++
		}
	}
	if pipes != c.pipesHeld && !c.parent.dead {
		pl.RefHandle(pipes - c.pipesHeld)
		c.pipesHeld = pipes
	}
	if cr := c.realm; cr != nil && !cr.dead {
		set(cr.loop, &c.childChanHeld, c.childOpen && c.childListeners > 0 && !c.childChanUnref)
	}
}

// run is the child's main thread: Node's start-up, then the main module or the -e/-p source,
// then the event loop until nothing keeps it alive.
func (c *childProc) run(th *loop.Thread) {
	if c.exited {
		return // killed before it started
	}
	p := c.proc
	r := newRealm(p, th)
	p.main, c.realm = r, r
	// Node's bootstrap sets up process.send and the piped stdin before the main module runs.
	r.requireBuiltin("child_process")
	h := r.cpHooks()
	if _, err := h.setupChild(goja.Undefined(), r.process, r.rt.ToValue(c.plan.ipc), r.rt.ToValue(c.plan.advanced),
		r.rt.ToValue(c.plan.stdio[0] == "pipe"), r.rt.ToValue(toAnyStrings(c.plan.execArgv))); err != nil {
		panic(err)
	}
	c.updateRefs()
	r.setupClusterWorker() // host_cluster.go
	for _, f := range c.early {
		f()
	}
	c.early = nil
	if c.plan.file != "" {
		r.runMain(c.plan.file)
		return
	}
	r.runEvalMain(c.plan.eval, c.plan.print)
}

// runEvalMain mirrors `node -e SRC` and `node -p SRC`: the source runs as a script in the global
// scope, where require, module, exports, __filename and __dirname are defined; -p prints its
// value. Then the same SpinEventLoop as runMain.
func (r *Realm) runEvalMain(src string, print bool) {
	leave := r.loop.Phase("main")
	const filename = "[eval]"
	r.proc.sources[filename] = src
	load := r.rt.ToValue(func(goja.FunctionCall) goja.Value {
		g := r.rt.GlobalObject()
		req, module := r.requireAt(path.Join(r.proc.Cwd, filename))
		module.Set("id", filename)
		g.Set("module", module)
		g.Set("exports", module.Get("exports"))
		g.Set("require", req)
		g.Set("__filename", filename)
		g.Set("__dirname", ".")
		prg, err := r.compileUser(filename, src)
		if err != nil {
			panic(r.syntaxError(filename, err))
		}
		v, err := r.rt.RunProgram(prg)
		if err != nil {
			panic(err)
		}
		if print {
			console := g.Get("console").ToObject(r.rt)
			logFn, _ := goja.AssertFunction(console.Get("log"))
			if _, err := logFn(console, v); err != nil {
				panic(err)
			}
		}
		return goja.Undefined()
	})
	r.RunTask(&loop.Task{ID: r.proc.sched.NewTaskID(), Queue: "main", Label: "main script [eval]", Fn: call0(load, goja.Undefined(), nil)})
	leave()
	r.spinEventLoop(nil)
	r.finishMain()
}

// processExited is called when a process ends (exit, fatal error, the end of its loop): its
// parent learns of it, and its own children see their IPC channels close.
func (r *Realm) processExited(code int) {
	p := r.proc
	if c := p.cp; c != nil && r == c.realm {
		c.ended(r.th.Now(), code, "")
	}
	if fam := p.family; fam != nil {
		for _, q := range fam.procs {
			if c := q.cp; c != nil && c.parent.proc == p && c.parentOpen {
				c.parentOpen = false
				c.eofToChild(r.th.Now())
			}
		}
	}
}

// ended records the end of the child: pipes and channel close from its side, and the parent's
// loop is told a little later.
func (c *childProc) ended(at time.Duration, code int, signal string) {
	if c.exited {
		return
	}
	c.exited = true
	c.code, c.signal = code, signal
	if c.childOpen {
		c.childOpen = false
		c.eofToParent(at)
	}
	for fd := 1; fd < 3; fd++ {
		if c.pipesOpen[fd] {
			c.pipeEOF(at, fd)
		}
	}
	if c.sync != nil {
		c.notified = true
		c.parent.th.Wake(at + exitNotifyLatency)
		return
	}
	label := fmt.Sprintf("%s exit (code %d)", c.name, code)
	if signal != "" {
		label = fmt.Sprintf("%s exit (signal %s)", c.name, signal)
	}
	c.toParent(at+exitNotifyLatency, label, 0, func(pr *Realm) call {
		c.notified = true
		c.updateRefs()
		codeV := goja.Null()
		sigV := goja.Null()
		if signal != "" {
			sigV = pr.rt.ToValue(signal)
		} else {
			codeV = pr.rt.ToValue(code)
		}
		return call0(pr.cpHooks().onExit, goja.Undefined(), []goja.Value{c.obj, codeV, sigV})
	})
}

// arrival is when bytes sent now reach the other end: after the previous bytes in that
// direction (a pipe is FIFO), a latency, and their size at the pipe's bandwidth.
func arrival(last *time.Duration, now time.Duration, n int) time.Duration {
	at := now + ipcLatency + time.Duration(int64(n)*int64(time.Second)/pipeBandwidth)
	at = deliveryTime(at)
	if at < *last {
		at = *last
	}
	*last = at
	return at
}

// toParent delivers an event to the parent's loop at time at.
func (c *childProc) toParent(at time.Duration, label string, cause int, build func(pr *Realm) call) {
	pr := c.parent
	pr.proc.sched.At(at, func() {
		if pr.dead {
			return
		}
		pr.loop.Complete(at, &loop.Task{ID: pr.proc.sched.NewTaskID(), Queue: trace.QueuePoll, Label: label, Cause: cause,
			Fn: lazyCall(func() call { return build(pr) })})
	})
}

// toChild delivers an event to the child's loop at time at, or when it starts.
func (c *childProc) toChild(at time.Duration, label string, cause int, build func(cr *Realm) call) {
	sched := c.parent.proc.sched
	sched.At(at, func() {
		deliver := func() {
			cr := c.realm
			if cr == nil || cr.dead {
				return
			}
			when := max(at, cr.th.Now())
			cr.loop.Complete(when, &loop.Task{ID: sched.NewTaskID(), Queue: trace.QueuePoll, Label: label, Cause: cause,
				Fn: lazyCall(func() call { return build(cr) })})
		}
		if c.exited {
			return
		}
		if c.realm == nil {
			c.early = append(c.early, deliver)
			return
		}
		deliver()
	})
}

// ipcPayload is one message in the pipe: JSON text, or a structured clone.
type ipcPayload struct {
	text string
	msg  *message
	size int
}

func (c *childProc) decode(r *Realm, pl ipcPayload) goja.Value {
	if pl.msg != nil {
		return r.deserialize(pl.msg)
	}
	return r.rt.ToValue(pl.text)
}

// send mirrors target._send in lib/internal/child_process.js: the message is serialized now
// and written to the pipe (a small write completes at once, as uv_try_write does); the other
// side reads it in its poll phase.
func (c *childProc) send(from *Realm, fromParent bool, value goja.Value) {
	from.charge()
	var pl ipcPayload
	if c.plan.advanced {
		pl.msg = from.serialize(value, goja.Undefined(), nil)
		pl.size = 64 * pl.msg.objects
	} else {
		pl.text = value.String()
		pl.size = len(pl.text) + 1
	}
	now := from.th.Now()
	cause := from.current
	if fromParent {
		if !c.childOpen || c.exited {
			return // the child's end is gone: the bytes are lost, as in a broken pipe
		}
		at := arrival(&c.toChildAt, now, pl.size)
		c.toChild(at, "message from "+fmt.Sprintf("process %d", c.parent.proc.PID), cause, func(cr *Realm) call {
			h := cr.cpHooks()
			return call0(h.onMessage, goja.Undefined(), []goja.Value{cr.process, c.decode(cr, pl)})
		})
		return
	}
	if !c.parentOpen {
		return
	}
	at := arrival(&c.toParentAt, now, pl.size)
	c.toParent(at, "message from "+c.name, cause, func(pr *Realm) call {
		if !c.parentOpen {
			return call{fn: goja.Undefined()}
		}
		return call0(pr.cpHooks().onMessage, goja.Undefined(), []goja.Value{c.obj, c.decode(pr, pl)})
	})
}

// disconnect closes one end of the channel; the other end reads EOF after what was sent before.
func (c *childProc) disconnect(from *Realm, fromParent bool) {
	now := from.th.Now()
	if fromParent {
		if !c.parentOpen {
			return
		}
		c.parentOpen = false
		c.updateRefs()
		c.eofToChild(now)
		return
	}
	if !c.childOpen {
		return
	}
	c.childOpen = false
	c.updateRefs()
	c.eofToParent(now)
}

func (c *childProc) eofToChild(now time.Duration) {
	if c.sync != nil {
		return
	}
	cause := 0
	if c.parent != nil {
		cause = c.parent.current
	}
	at := arrival(&c.toChildAt, now, 0)
	c.toChild(at, fmt.Sprintf("IPC channel closed by process %d", c.parent.proc.PID), cause, func(cr *Realm) call {
		if !c.childOpen {
			return call{fn: goja.Undefined()}
		}
		c.childOpen = false
		c.updateRefs()
		return call0(cr.cpHooks().onDisconnect, goja.Undefined(), []goja.Value{cr.process})
	})
}

func (c *childProc) eofToParent(now time.Duration) {
	if c.sync != nil {
		return
	}
	cause := 0
	if c.realm != nil {
		cause = c.realm.current
	}
	at := arrival(&c.toParentAt, now, 0)
	c.toParent(at, "IPC channel closed by "+c.name, cause, func(pr *Realm) call {
		if !c.parentOpen {
			return call{fn: goja.Undefined()}
		}
		c.parentOpen = false
		c.updateRefs()
		return call0(pr.cpHooks().onDisconnect, goja.Undefined(), []goja.Value{c.obj})
	})
}

// redirect routes the child's stdout and stderr: into its parent's pipe, to wherever the parent's
// own output goes (inherit), or nowhere (ignore). It reports whether it took the text.
func (c *childProc) redirect(th int, at time.Duration, stream, text string) bool {
	fd := 1
	if stream == "stderr" {
		fd = 2
	}
	switch c.plan.stdio[fd] {
	case "ignore":
		return true
	case "pipe":
		if c.sync != nil {
			c.sync.out[fd] = append(c.sync.out[fd], text...)
			return true
		}
		if !c.pipesOpen[fd] {
			return true
		}
		data := []byte(text)
		cause := 0
		if c.realm != nil {
			cause = c.realm.current
		}
		when := arrival(&c.toParentAt, at, len(data))
		c.toParent(when, fmt.Sprintf("%s data %d B from %s", stream, len(data), c.name), cause, func(pr *Realm) call {
			return call0(pr.cpHooks().onData, goja.Undefined(),
				[]goja.Value{c.obj, pr.rt.ToValue(fd), pr.rt.ToValue(pr.rt.NewArrayBuffer(data))})
		})
		return true
	}
	c.parent.proc.write(th, at, stream, text)
	return true
}

// pipeEOF ends the parent's stdout or stderr stream of the child.
func (c *childProc) pipeEOF(at time.Duration, fd int) {
	if c.sync != nil {
		c.pipesOpen[fd] = false
		return
	}
	stream := map[int]string{1: "stdout", 2: "stderr"}[fd]
	when := arrival(&c.toParentAt, at, 0)
	c.toParent(when, fmt.Sprintf("%s end from %s", stream, c.name), 0, func(pr *Realm) call {
		c.pipesOpen[fd] = false
		c.updateRefs()
		return call0(pr.cpHooks().onData, goja.Undefined(), []goja.Value{c.obj, pr.rt.ToValue(fd), goja.Null()})
	})
}

// writeStdin sends bytes (or the end) into the child's stdin pipe.
func (c *childProc) writeStdin(from *Realm, data []byte, end bool) {
	if c.plan.stdio[0] != "pipe" || c.exited || !c.pipesOpen[0] {
		return
	}
	if end {
		c.pipesOpen[0] = false
	}
	at := arrival(&c.toChildAt, from.th.Now(), len(data))
	label := fmt.Sprintf("stdin data %d B from process %d", len(data), from.proc.PID)
	if end {
		label = fmt.Sprintf("stdin end from process %d", from.proc.PID)
	}
	c.toChild(at, label, from.current, func(cr *Realm) call {
		var v goja.Value = goja.Null()
		if !end {
			v = cr.rt.ToValue(cr.rt.NewArrayBuffer(data))
		}
		return call0(cr.cpHooks().onData, goja.Undefined(), []goja.Value{cr.process, cr.rt.ToValue(0), v})
	})
}

// kill mirrors ChildProcess.prototype.kill: the signal reaches the child shortly after. A child
// with a listener for it gets the event; otherwise the signal's default action ends it.
func (c *childProc) kill(from *Realm, sig string) bool {
	if c.exited {
		return false
	}
	if sig == "0" {
		return true
	}
	at := from.th.Now() + signalLatency
	from.proc.sched.At(at, func() { c.signalArrives(at, sig) })
	return true
}

func (c *childProc) signalArrives(at time.Duration, sig string) {
	if c.exited {
		return
	}
	r := c.realm
	if r != nil && !r.dead && sig != "SIGKILL" && sig != "SIGSTOP" && r.listenerCount(sig) > 0 {
		r.loop.Complete(at, &loop.Task{ID: r.proc.sched.NewTaskID(), Queue: trace.QueuePoll, Label: "signal " + sig,
			Fn: lazyCall(func() call {
				return call0(r.cpHooks().onSignal, goja.Undefined(), []goja.Value{r.rt.ToValue(sig)})
			})})
		return
	}
	code := 128 + signalNumbers[sig]
	p := c.proc
	p.ExitCode, p.exited = code, true
	p.sched.Record(at, trace.Event{Thread: c.traceID, Kind: trace.Note, Text: fmt.Sprintf("%s killed by %s", c.name, sig)})
	p.sched.Record(at, trace.Event{Thread: c.traceID, Kind: trace.ThreadExit, Code: &code})
	if r != nil && !r.dead {
		r.halt()
		c.th.Wake(at)
	}
	c.ended(at, 0, sig)
}

// spawnSync runs a child while the calling thread waits, blocked, for it to end.
func (r *Realm) spawnSync(plan spawnPlan) goja.Value {
	sr := &syncRun{}
	c := r.spawnChild(nil, plan, sr)
	what := "spawnSync " + c.name
	r.record(trace.Event{Kind: trace.Blocked, Label: what})
	for !c.exited && !r.proc.sched.Stopping() {
		r.th.WaitUntil(-1)
	}
	r.record(trace.Event{Kind: trace.Unblocked, Label: what})
	res := r.rt.NewObject()
	res.Set("pid", c.pid)
	if c.signal != "" {
		res.Set("status", goja.Null())
		res.Set("signal", c.signal)
	} else {
		res.Set("status", c.code)
		res.Set("signal", goja.Null())
	}
	for fd, name := range []string{"", "stdout", "stderr"} {
		if fd > 0 {
			if plan.stdio[fd] == "pipe" {
				res.Set(name, r.rt.NewArrayBuffer(sr.out[fd]))
			} else {
				res.Set(name, goja.Null())
			}
		}
	}
	return res
}
