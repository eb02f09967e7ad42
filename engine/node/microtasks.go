package node

import (
	"looplab/engine/trace"
)

// reaction is what the trace knows of a promise reaction: where it was registered (a .then or
// an await) and which task was running then.
type reaction struct {
	id    int
	label string
	cause int
	// resume is the async function whose await registered the reaction (-1: none); its frame
	// goes back on the stack while the reaction runs.
	resume int
}

// Grab, Resumed and Exited implement goja.AsyncContextTracker: goja calls Grab when a reaction
// is registered and Resumed/Exited around the job that runs it. The trace records each
// promise job as a run on the microtask queue.
//
// goja does not report the moment a job joins its queue (a reaction's job is queued when its
// promise settles, which can be long after registration), so the trace shows promise jobs
// when they run, not while they wait.
func (r *Realm) Grab() any {
	resume := r.awaiting
	r.awaiting = -1
	if r.proc.sched.Trace == nil && resume < 0 {
		return nil
	}
	rc := &reaction{resume: resume, cause: r.current}
	if r.proc.sched.Trace != nil {
		rc.id = r.proc.sched.NewTaskID()
		rc.label = "promise job, " + r.callSite()
		if resume >= 0 && resume < len(r.funcs) {
			rc.label = "resume async " + r.funcs[resume].Name + ", " + r.callSite()
		}
	}
	return rc
}

// Resumed implements goja.AsyncContextTracker.
func (r *Realm) Resumed(ctx any) {
	rc, ok := ctx.(*reaction)
	if !ok {
		return
	}
	r.microtask = rc
	if rc.id != 0 {
		r.charge()
		r.record(trace.Event{Kind: trace.CallbackRun, ID: rc.id, Queue: trace.QueueMicrotask, Label: rc.label, Cause: rc.cause})
	}
	if rc.resume >= 0 {
		r.push(frame{id: rc.resume, owner: rc})
	}
}

// Exited implements goja.AsyncContextTracker.
func (r *Realm) Exited() {
	rc := r.microtask
	if rc == nil {
		return
	}
	r.microtask = nil
	if n := len(r.stack); n > 0 && r.stack[n-1].owner == rc {
		r.pop(rc.resume)
	}
	if rc.id != 0 {
		r.charge()
		r.record(trace.Event{Kind: trace.RunEnd, ID: rc.id})
	}
}
