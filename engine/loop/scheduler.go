package loop

import (
	"container/heap"
	"time"

	"looplab/engine/trace"
)

// Scheduler is the discrete-event core: a queue of actions ordered by virtual time, and the
// baton that lets exactly one simulated thread run at a time.
type Scheduler struct {
	now     time.Duration
	events  eventQueue
	seq     uint64
	baton   chan struct{} // a running thread hands control back on this
	threads []*Thread
	lastID  int
	Trace   *trace.Recorder
	// stopping is set when the run must end at once (a limit, a fatal error); parked threads
	// are then resumed only to unwind.
	stopping bool
	// Limit is the virtual time past which the run stops; OnLimit is told when it is reached.
	Limit   time.Duration
	OnLimit func()
	cpu     *CPU
	// crash is a panic a thread recovered, waiting to be re-panicked by fire (thread.go).
	crash *Crash
}

// NewScheduler returns a scheduler at virtual time zero that records into rec (may be nil).
func NewScheduler(rec *trace.Recorder) *Scheduler {
	return &Scheduler{baton: make(chan struct{}), Trace: rec}
}

// Now is the virtual time of the event being processed.
func (s *Scheduler) Now() time.Duration { return s.now }

// NewTaskID returns a fresh id for a task, a pool job or any traced item.
func (s *Scheduler) NewTaskID() int {
	s.lastID++
	return s.lastID
}

// Record adds a trace event at time t and returns its index in the trace (-1: not recorded).
func (s *Scheduler) Record(t time.Duration, e trace.Event) int { return s.Trace.Add(t, e) }

// event is one scheduled action.
type event struct {
	at       time.Duration
	seq      uint64
	fire     func()
	index    int
	canceled bool
}

// At schedules fire to run at virtual time t (never earlier than now) and returns a handle
// that Cancel accepts.
func (s *Scheduler) At(t time.Duration, fire func()) *event {
	if t < s.now {
		t = s.now
	}
	s.seq++
	e := &event{at: t, seq: s.seq, fire: fire}
	heap.Push(&s.events, e)
	return e
}

// Cancel drops a scheduled action that has not fired yet.
func (s *Scheduler) Cancel(e *event) {
	if e != nil && !e.canceled && e.index >= 0 {
		e.canceled = true
		heap.Remove(&s.events, e.index)
	}
}

// nextAt reports the time of the earliest pending action.
func (s *Scheduler) nextAt() (time.Duration, bool) {
	if len(s.events) == 0 {
		return 0, false
	}
	return s.events[0].at, true
}

// Run processes actions in time order until none is left. Threads started with Spawn run
// their bodies as actions resume them.
func (s *Scheduler) Run() {
	for len(s.events) > 0 {
		e := heap.Pop(&s.events).(*event)
		if s.Limit > 0 && e.at > s.Limit && s.OnLimit != nil {
			heap.Push(&s.events, e)
			s.OnLimit()
			return
		}
		if e.at > s.now {
			s.now = e.at
		}
		e.fire()
	}
}

// Stop ends the run: no further action fires, and parked threads unwind.
func (s *Scheduler) Stop() {
	if s.stopping {
		return
	}
	s.stopping = true
	for _, e := range s.events {
		e.index = -1
	}
	s.events = s.events[:0]
	for _, th := range s.threads {
		if th.parked {
			th.unwind()
		}
	}
}

// Stopping reports whether Stop was called.
func (s *Scheduler) Stopping() bool { return s.stopping }

type eventQueue []*event

func (q eventQueue) Len() int { return len(q) }
func (q eventQueue) Less(i, j int) bool {
	if q[i].at != q[j].at {
		return q[i].at < q[j].at
	}
	return q[i].seq < q[j].seq
}
func (q eventQueue) Swap(i, j int) {
	q[i], q[j] = q[j], q[i]
	q[i].index = i
	q[j].index = j
}
func (q *eventQueue) Push(x any) {
	e := x.(*event)
	e.index = len(*q)
	*q = append(*q, e)
}
func (q *eventQueue) Pop() any {
	old := *q
	e := old[len(old)-1]
	old[len(old)-1] = nil
	e.index = -1
	*q = old[:len(old)-1]
	return e
}
