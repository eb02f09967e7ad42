package node

import (
	"fmt"
	"time"

	"github.com/dop251/goja"

	"looplab/engine/loop"
	"looplab/engine/trace"
)

// cluster: the Go side of lib/cluster.js. A cluster is processes of child_process.fork that
// talk over their IPC channels (lib/cluster.js holds all of that protocol, as Node's
// lib/internal/cluster does in JavaScript). Go adds two things Node gets from the kernel:
//
//   - Passing a connection to another process. In Node's round-robin mode the primary owns the
//     listening socket, accepts every connection and sends its descriptor to a worker over the
//     IPC pipe (SCM_RIGHTS); the bytes the client sent meanwhile wait in the kernel, since
//     nobody reads that descriptor yet. Here a connection accepted by a shared listening
//     handle is parking from birth (its events wait, see tcpHandle.deliver in host_net.go),
//     and handOff moves the very handle to the worker's loop, in order with the channel's
//     other messages and with its latency; its waiting events follow it there.
//   - Node's bootstrap of a worker: a process forked with NODE_UNIQUE_ID in its environment
//     loads cluster and says 'online' before its main module runs.

// tcpHandleKey keys the Go handle behind a tcp_wrap object, for the primary's handOff.
var tcpHandleKey = goja.NewSymbol("looplab.tcpHandle")

// clusterHookKey keys, on a worker's process object, the function of lib/cluster.js that
// receives a connection.
var clusterHookKey = goja.NewSymbol("looplab.cluster")

// parkedEvent is an event of a parking connection, queued once it reaches its worker.
type parkedEvent struct {
	at time.Duration
	t  *loop.Task
}

func init() {
	bindings["cluster"] = (*Realm).clusterBinding
}

func handleOf(o *goja.Object) *tcpHandle {
	if o == nil {
		return nil
	}
	v := o.GetSymbol(tcpHandleKey)
	if v == nil {
		return nil
	}
	h, _ := v.Export().(*tcpHandle)
	return h
}

func (r *Realm) clusterBinding() goja.Value {
	b := r.rt.NewObject()
	// setup registers the worker's receiver of connections.
	b.Set("setup", func(onHandle goja.Value) {
		r.process.DefineDataPropertySymbol(clusterHookKey, onHandle, goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_FALSE)
	})
	// share marks the primary's listening handle: what it accepts is for the workers.
	b.Set("share", func(o *goja.Object) {
		if h := handleOf(o); h != nil {
			h.shared = true
		}
	})
	// handoff sends an accepted connection to a worker with a message (JSON text).
	b.Set("handoff", func(child, conn *goja.Object, message string) bool {
		c, h := r.childOf(child), handleOf(conn)
		if c == nil || h == nil || h.closed || !h.parking || h.r != r || !c.parentOpen || c.exited {
			return false
		}
		c.handOff(r, h, message)
		return true
	})
	// ref keeps a worker's loop alive while one of its servers listens on the primary's socket
	// (Node's child.js does it with an interval timer that never fires).
	b.Set("ref", func(ref bool) { r.loop.RefHandle(boolDelta(ref)) })
	return b
}

// handOff mirrors sending a handle over the IPC pipe: the connection leaves the primary's loop
// now and reaches the worker's after the channel's latency, behind what was sent before it.
func (c *childProc) handOff(from *Realm, h *tcpHandle, message string) {
	from.charge()
	h.setAlive(false)
	now := from.th.Now()
	at := arrival(&c.toChildAt, now, len(message)+1)
	cause := from.current
	sched := from.proc.sched
	label := fmt.Sprintf("connection %s from process %d", h.desc(), from.proc.PID)
	sched.At(at, func() {
		cr := c.realm
		if c.exited || !c.childOpen || cr == nil || cr.dead {
			h.abandon()
			return
		}
		h.r, h.obj = cr, nil
		h.parking = false
		h.setAlive(true)
		when := max(at, cr.th.Now())
		cr.loop.Complete(when, &loop.Task{ID: sched.NewTaskID(), Queue: trace.QueuePoll, Label: label, Cause: cause,
			Fn: lazyCall(func() call {
				fn := cr.process.GetSymbol(clusterHookKey)
				if fn == nil || h.closed {
					return call{fn: goja.Undefined()}
				}
				return call0(fn, goja.Undefined(), []goja.Value{cr.rt.ToValue(message), h.object()})
			})})
		parked := h.parked
		h.parked = nil
		for _, ev := range parked {
			h.enqueue(max(ev.at, when), ev.t)
		}
	})
}

// abandon closes a connection that no process will take (its worker died on the way): the
// client reads EOF.
func (h *tcpHandle) abandon() {
	if h.closed {
		return
	}
	if h.peer != nil && !h.finSent {
		h.shutdown(h.site)
	}
	h.closed, h.parking, h.parked, h.reading = true, false, nil, nil
	h.setAlive(false)
	h.net.handleClosed()
}

// setupClusterWorker mirrors initializeClusterWorker in Node's pre-execution: a process forked
// by cluster (NODE_UNIQUE_ID in its environment, an IPC channel) becomes a worker before its
// main module runs, and the variable is removed so that its own children do not inherit it.
func (r *Realm) setupClusterWorker() {
	c := r.proc.cp
	if c == nil || !c.plan.ipc || c.plan.file == "" || r.proc.Env["NODE_UNIQUE_ID"] == "" {
		return
	}
	mod, _ := r.requireBuiltin("cluster").(*goja.Object)
	if mod == nil {
		return
	}
	setup, ok := goja.AssertFunction(mod.Get("_setupWorker"))
	if !ok {
		return
	}
	// Bootstrap work runs outside any callback: start a slice so that what it costs (its
	// 'online' message charges the clock) is measured from now.
	r.cost.sliceStarted = time.Now()
	if _, err := setup(mod); err != nil {
		panic(err)
	}
	r.charge()
	if env, ok := r.process.Get("env").(*goja.Object); ok {
		env.Delete("NODE_UNIQUE_ID")
	}
}
