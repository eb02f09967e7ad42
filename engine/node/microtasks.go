package node

import (
	"reflect"
	"unsafe"

	"looplab/engine/trace"
)

// reaction is what the trace knows of a promise reaction: where it was registered (a .then or
// an await) and which task was running then.
type reaction struct {
	label string
	cause int
	// resume is the async function whose await registered the reaction (-1: none); its frame
	// goes back on the stack while the reaction runs.
	resume int
}

// Grab, Resumed and Exited implement goja.AsyncContextTracker: goja calls Grab when a reaction
// is registered and Resumed/Exited around the job that runs its handler.
func (r *Realm) Grab() any {
	r.observeJobs()
	resume := r.awaiting
	r.awaiting = -1
	if r.proc.sched.Trace == nil && resume < 0 {
		return nil
	}
	rc := &reaction{resume: resume, cause: r.current}
	if r.proc.sched.Trace != nil {
		rc.label = "promise reaction, " + r.callSite()
		if resume >= 0 && resume < len(r.funcs) {
			rc.label = "resume async " + r.funcs[resume].Name + ", " + r.callSite()
		}
	}
	return rc
}

// Resumed implements goja.AsyncContextTracker: the job now running is this reaction's.
func (r *Realm) Resumed(ctx any) {
	r.observeJobs()
	rc, ok := ctx.(*reaction)
	if !ok {
		return
	}
	r.reaction = rc
	if job := r.job; job != nil {
		for _, at := range job.events {
			r.proc.sched.Trace.SetLabel(at, rc.label)
		}
	}
	if rc.resume >= 0 {
		r.push(frame{id: rc.resume, owner: rc})
	}
}

// Exited implements goja.AsyncContextTracker.
func (r *Realm) Exited() {
	rc := r.reaction
	if rc == nil {
		return
	}
	r.reaction = nil
	if n := len(r.stack); n > 0 && r.stack[n-1].owner == rc {
		r.pop(rc.resume)
	}
	r.observeJobs()
}

// A promise job as the trace sees it. goja queues jobs on a private slice and reports nothing
// when it does; the engine looks at that slice at every chance it gets (the end of the
// trampoline, every Grab, Resumed and Exited) and wraps each job it has not seen yet, so the
// trace records the job joining the microtask queue, and leaving it when it runs. Which
// reaction a job runs is learnt only when it starts (Resumed), so the job's events are labelled
// then. A job queued and run between two looks goes unrecorded.
type promiseJob struct {
	id      int
	events  []int   // indexes of its enqueue and run events, relabelled by Resumed
	wrapper uintptr // funcID of the wrapper that stands in the queue for the job
}

// jobQueue returns goja's private job queue of the realm's runtime.
func (r *Realm) jobQueue() *[]func() {
	if r.jobs == nil {
		f := reflect.ValueOf(r.rt).Elem().FieldByName("jobQueue")
		if !f.IsValid() || f.Type() != reflect.TypeOf([]func(){}) {
			return nil // goja changed: the trace goes without microtask enqueues
		}
		r.jobs = (*[]func())(unsafe.Pointer(f.UnsafeAddr()))
	}
	return r.jobs
}

// observeJobs wraps the jobs queued since the last look.
func (r *Realm) observeJobs() {
	if r.proc.sched.Trace == nil {
		return
	}
	q := r.jobQueue()
	if q == nil {
		return
	}
	for i, job := range *q {
		if r.wrappedJobs[funcID(job)] {
			continue
		}
		pj := &promiseJob{id: r.proc.sched.NewTaskID()}
		pj.events = append(pj.events, r.record(trace.Event{Kind: trace.Enqueue, ID: pj.id, Queue: trace.QueueMicrotask, Label: "promise job", Cause: r.current}))
		orig := job
		wrapper := func() { r.runJob(pj, orig) }
		pj.wrapper = funcID(wrapper)
		r.wrappedJobs[pj.wrapper] = true
		(*q)[i] = wrapper
	}
}

func (r *Realm) runJob(pj *promiseJob, job func()) {
	delete(r.wrappedJobs, pj.wrapper)
	r.charge()
	r.record(trace.Event{Kind: trace.Dequeue, ID: pj.id, Queue: trace.QueueMicrotask})
	pj.events = append(pj.events, r.record(trace.Event{Kind: trace.CallbackRun, ID: pj.id, Queue: trace.QueueMicrotask, Label: "promise job"}))
	prevJob, prevCurrent := r.job, r.current
	r.job, r.current = pj, pj.id
	defer func() {
		r.observeJobs() // what the job's own promise queued when it settled
		r.job, r.current = prevJob, prevCurrent
		r.charge()
		r.record(trace.Event{Kind: trace.RunEnd, ID: pj.id})
	}()
	job()
}

// funcID is the identity of a func value: the address of its closure.
func funcID(f func()) uintptr { return *(*uintptr)(unsafe.Pointer(&f)) }
