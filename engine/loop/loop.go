package loop

import (
	"fmt"
	"strings"
	"time"

	"looplab/engine/trace"
)

// Loop is one thread's event loop: libuv's uv_loop_t together with the state Node keeps on
// top of it (timer lists, the immediate queue).
type Loop struct {
	th   *Thread
	host Host

	time       int64 // uv_now: the cached loop time in ms, refreshed by updateTime
	iteration  int
	stopFlag   bool
	timers     timers
	immediates []*Immediate
	// immediateRefs counts ref'd immediates; while it is positive Node keeps an idle handle
	// active, so the poll phase does not block.
	immediateRefs int
	pending       []*Task // callbacks deferred to the next pending phase
	completed     []*Task // I/O completions waiting for the poll phase
	closing       []*Task // close callbacks for the close phase
	requests      int     // active requests (pool jobs, ...): each keeps the loop alive
	handles       int     // ref'd active handles (servers, sockets, ...)
}

// New returns the loop of thread th, whose callbacks host runs.
func New(th *Thread, host Host) *Loop {
	return &Loop{th: th, host: host, timers: timers{lists: map[int64]*timerList{}}}
}

// Thread is the thread the loop runs on.
func (l *Loop) Thread() *Thread { return l.th }

// Run mirrors uv_run(loop, UV_RUN_DEFAULT) in libuv's src/unix/core.c, version 1.45 and
// later (Node 20): timers run once before the first turn and then at the end of every turn.
// It returns when nothing keeps the loop alive or Stop was called.
func (l *Loop) Run() {
	alive := l.alive()
	if !alive {
		l.updateTime()
	}
	if alive && !l.stopping() {
		l.beginIteration()
		l.updateTime()
		l.runTimers()
	}
	for alive && !l.stopping() {
		l.runPending()
		l.runIdle()
		l.runPrepare()
		l.ioPoll(l.backendTimeout())
		for i := 0; i < 8 && len(l.pending) > 0 && !l.stopping(); i++ {
			l.runPending()
		}
		l.runCheck()
		l.runClosingHandles()
		l.beginIteration()
		l.updateTime()
		l.runTimers()
		alive = l.alive()
	}
}

// Stop mirrors uv_stop: the loop returns at the next check, leaving its queues as they are.
func (l *Loop) Stop() { l.stopFlag = true }

func (l *Loop) stopping() bool { return l.stopFlag || l.th.s.stopping }

// alive mirrors uv__loop_alive: ref'd handles (Node's timer handle while ref'd timers exist,
// its idle handle while ref'd immediates exist, servers, sockets), active requests, or
// handles being closed.
func (l *Loop) alive() bool {
	return l.timers.refCount > 0 || l.immediateRefs > 0 || l.handles > 0 || l.requests > 0 ||
		len(l.closing) > 0 || len(l.pending) > 0 || len(l.completed) > 0
}

// Alive reports whether anything keeps the loop running (Node's uv_loop_alive check before
// 'beforeExit').
func (l *Loop) Alive() bool { return l.alive() }

// backendTimeout mirrors uv__backend_timeout: how long the poll phase may block, in ms; -1
// means until some I/O arrives.
func (l *Loop) backendTimeout() int64 {
	if l.stopping() || !(l.timers.refCount > 0 || l.handles > 0 || l.requests > 0 || len(l.completed) > 0) {
		return 0
	}
	if l.immediateRefs > 0 || len(l.pending) > 0 || len(l.closing) > 0 || len(l.completed) > 0 {
		return 0
	}
	// Node's timer handle stays active while unref'd, so libuv still wakes up for it.
	expiry, ok := l.nextExpiry()
	if !ok {
		return -1
	}
	return max(expiry-l.time, 0)
}

// updateTime mirrors uv__update_time: the loop's cached clock catches up with the thread's.
func (l *Loop) updateTime() { l.time = l.libuvNow() }

// libuvNow is the current time in whole ms, what Node's getLibuvNow() returns.
func (l *Loop) libuvNow() int64 { return int64(l.th.clock / time.Millisecond) }

// Now is the thread's current virtual time.
func (l *Loop) Now() time.Duration { return l.th.clock }

func (l *Loop) beginIteration() {
	l.iteration++
	l.record(trace.Event{Kind: trace.LoopIter, N: l.iteration})
}

func (l *Loop) runTimers() {
	defer l.phase("timers")()
	// Mirrors uv__run_timers: Node's single uv timer fires when its expiry has come.
	if expiry, ok := l.nextExpiry(); ok && expiry <= l.time {
		l.processTimers(l.libuvNow())
	}
}

func (l *Loop) runPending() {
	defer l.phase("pending")()
	batch := l.pending
	l.pending = nil
	l.runAll(batch, trace.QueuePending)
}

// runIdle and runPrepare have no user callbacks in Node; they are recorded so that the page
// can show every phase of the turn.
func (l *Loop) runIdle()    { l.phase("idle")() }
func (l *Loop) runPrepare() { l.phase("prepare")() }

// ioPoll mirrors uv__io_poll: wait up to timeout ms (-1: until something arrives) for I/O,
// then run every completion that is ready.
func (l *Loop) ioPoll(timeout int64) {
	leave := l.phase("poll")
	defer leave()
	if len(l.completed) == 0 && timeout != 0 {
		deadline := time.Duration(-1)
		if timeout > 0 {
			deadline = time.Duration(l.time+timeout) * time.Millisecond
		}
		if deadline < 0 || deadline > l.th.clock {
			l.th.WaitUntil(deadline)
		}
		l.updateTime()
	}
	batch := l.completed
	l.completed = nil
	l.runAll(batch, trace.QueuePoll)
}

func (l *Loop) runCheck() {
	defer l.phase("check")()
	l.processImmediate()
}

func (l *Loop) runClosingHandles() {
	defer l.phase("close")()
	batch := l.closing
	l.closing = nil
	l.runAll(batch, trace.QueueClose)
}

func (l *Loop) runAll(batch []*Task, queue string) {
	for i, t := range batch {
		if l.stopping() {
			l.requeue(queue, batch[i:])
			return
		}
		l.record(trace.Event{Kind: trace.Dequeue, ID: t.ID, Queue: queue})
		l.host.RunTask(t)
		if t.Done != nil {
			t.Done()
		}
	}
}

// requeue puts back what a stopped phase did not run, so that a thread that goes on after an
// uncaught exception handler still runs it.
func (l *Loop) requeue(queue string, rest []*Task) {
	switch queue {
	case trace.QueuePending:
		l.pending = append(rest, l.pending...)
	case trace.QueuePoll:
		l.completed = append(rest, l.completed...)
	case trace.QueueClose:
		l.closing = append(rest, l.closing...)
	}
}

// phase records entering a phase and returns the function that records leaving it.
func (l *Loop) phase(name string) func() {
	l.record(trace.Event{Kind: trace.PhaseEnter, Phase: name})
	return func() { l.record(trace.Event{Kind: trace.PhaseLeave, Phase: name}) }
}

// Phase records a phase of the host's own (running the main module, 'exit' handlers).
func (l *Loop) Phase(name string) func() { return l.phase(name) }

func (l *Loop) record(e trace.Event) {
	e.Thread = l.th.ID
	l.th.s.Record(l.th.clock, e)
}

// QueuePending defers a callback to the next pending phase (libuv's uv__io_feed).
func (l *Loop) QueuePending(t *Task) {
	l.pending = append(l.pending, t)
	l.record(trace.Event{Kind: trace.Enqueue, ID: t.ID, Queue: trace.QueuePending, Label: t.Label, Cause: t.Cause})
}

// QueueClose queues a close callback for the close phase (uv_close).
func (l *Loop) QueueClose(t *Task) {
	l.closing = append(l.closing, t)
	l.record(trace.Event{Kind: trace.Enqueue, ID: t.ID, Queue: trace.QueueClose, Label: t.Label, Cause: t.Cause})
}

// Complete delivers an I/O completion at virtual time at: its callback waits for the poll
// phase, and a loop blocked in poll wakes up.
func (l *Loop) Complete(at time.Duration, t *Task) {
	l.completed = append(l.completed, t)
	l.th.s.Record(at, trace.Event{Thread: l.th.ID, Kind: trace.Enqueue, ID: t.ID, Queue: trace.QueuePoll, Label: t.Label, Cause: t.Cause})
	l.th.Wake(at)
}

// BeginRequest and EndRequest count an active request (uv_req_t): while one is active the loop
// stays alive.
func (l *Loop) BeginRequest() { l.requests++ }
func (l *Loop) EndRequest()   { l.requests-- }

// RefHandle counts a ref'd active handle (+1) or its release (-1).
func (l *Loop) RefHandle(delta int) { l.handles += delta }

// Pending describes what still keeps the loop alive, for the message of a stopped run.
func (l *Loop) Pending() string {
	var parts []string
	if timers := l.pendingTimers(); len(timers) > 0 {
		parts = append(parts, "timers: "+strings.Join(timers, ", "))
	}
	if l.immediateRefs > 0 {
		parts = append(parts, fmt.Sprintf("%d immediate(s)", l.immediateRefs))
	}
	if l.requests > 0 {
		parts = append(parts, fmt.Sprintf("%d request(s) in flight", l.requests))
	}
	if l.handles > 0 {
		parts = append(parts, fmt.Sprintf("%d open handle(s)", l.handles))
	}
	if len(parts) == 0 {
		return "nothing"
	}
	return strings.Join(parts, "; ")
}
