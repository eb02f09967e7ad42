package loop

import (
	"fmt"
	"time"

	"looplab/engine/trace"
)

// Pool mirrors libuv's thread pool (src/threadpool.c): one per process, shared by all of its
// threads, with a FIFO queue of work requests and a fixed number of threads (UV_THREADPOOL_SIZE,
// default 4, at most 1024). Pool threads run no JavaScript; a job's completion callback goes
// back to the loop that submitted it and runs there in the poll phase.
type Pool struct {
	s       *Scheduler
	workers []*poolWorker
	queue   []*Job
	started bool
	// NewThreadID gives each pool thread its trace thread id when the pool starts.
	NewThreadID func(name string, index int) int
}

type poolWorker struct {
	traceID int
	busy    bool
}

// Job is one uv_work_t: Work runs on a pool thread at the virtual time the job starts and
// returns how long it takes there; Then is the completion callback for the submitting loop.
type Job struct {
	ID    int
	Label string
	Cause int
	Work  func() time.Duration
	Then  *Task
	loop  *Loop
}

// PoolSize reads UV_THREADPOOL_SIZE as libuv does: unset, invalid or below 1 means 4 (a value
// below 1 becomes 1), above 1024 becomes 1024.
func PoolSize(env string) int {
	var n int
	if _, err := fmt.Sscan(env, &n); err != nil || env == "" {
		return 4
	}
	return min(max(n, 1), 1024)
}

// NewPool returns a pool of size threads; they start on first use, as libuv's init_once.
func NewPool(s *Scheduler, size int) *Pool {
	p := &Pool{s: s}
	for range size {
		p.workers = append(p.workers, &poolWorker{})
	}
	return p
}

// Size is the number of pool threads.
func (p *Pool) Size() int { return len(p.workers) }

// Submit mirrors uv_queue_work: the job joins the pool's queue at the loop's current time and
// keeps the loop alive until its completion callback has run.
func (p *Pool) Submit(l *Loop, j *Job) {
	j.loop = l
	if j.ID == 0 {
		j.ID = p.s.NewTaskID()
	}
	l.BeginRequest()
	at := l.th.clock
	p.s.Record(at, trace.Event{Thread: l.th.ID, Kind: trace.PoolSubmit, ID: j.ID, Label: j.Label, Cause: j.Cause})
	p.s.At(at, func() {
		p.start()
		p.queue = append(p.queue, j)
		p.dispatch()
	})
}

func (p *Pool) start() {
	if p.started {
		return
	}
	p.started = true
	for i, w := range p.workers {
		w.traceID = p.NewThreadID(fmt.Sprintf("pool thread %d", i+1), i+1)
	}
}

// dispatch hands queued jobs to idle pool threads, first come first served.
func (p *Pool) dispatch() {
	for _, w := range p.workers {
		if len(p.queue) == 0 {
			return
		}
		if w.busy {
			continue
		}
		j := p.queue[0]
		p.queue = p.queue[1:]
		p.run(w, j)
	}
}

func (p *Pool) run(w *poolWorker, j *Job) {
	w.busy = true
	p.s.Record(p.s.now, trace.Event{Thread: w.traceID, Kind: trace.PoolStart, ID: j.ID, Worker: w.traceID, Label: j.Label})
	cost := j.Work()
	// A pool thread needs a core like any other thread.
	p.s.cpuOrDefault().run(cost, func(time.Duration) {
		w.busy = false
		p.s.Record(p.s.now, trace.Event{Thread: w.traceID, Kind: trace.PoolDone, ID: j.ID})
		// libuv unregisters the request in the poll phase, just before the callback; a
		// delivered completion keeps the loop alive until then (see Loop.alive).
		j.loop.EndRequest()
		j.loop.Complete(p.s.now, j.Then)
		p.dispatch()
	})
}
