package trace

import "time"

// Version is the version of the JSON encoding. It changes whenever a field changes meaning.
const Version = 1

// Kind says what an event records.
type Kind string

// Event kinds. Their fields are listed in docs/trace-format.md.
const (
	ThreadStart Kind = "thread-start" // a simulated thread begins (main, pool, worker, process)
	ThreadExit  Kind = "thread-exit"  // it ended, with Code
	LoopIter    Kind = "iteration"    // a new turn of uv_run begins; N counts them from 1
	PhaseEnter  Kind = "phase"        // the loop enters Phase
	PhaseLeave  Kind = "phase-end"    // and leaves it
	Push        Kind = "push"         // a function frame goes onto the call stack
	Pop         Kind = "pop"          // the top frame leaves it
	Enqueue     Kind = "enqueue"      // a callback joins queue Queue, as task ID
	Dequeue     Kind = "dequeue"      // task ID leaves its queue to run
	Cancel      Kind = "cancel"       // task ID leaves its queue without running
	CallbackRun Kind = "run"          // task ID's callback starts; Busy until its matching RunEnd
	RunEnd      Kind = "run-end"      // and ends
	PoolSubmit  Kind = "pool-submit"  // a job joins the thread pool's queue, as task ID
	PoolStart   Kind = "pool-start"   // a pool thread (Thread) picks job ID
	PoolDone    Kind = "pool-done"    // it finished; its completion waits for the poll phase
	Write       Kind = "write"        // the program wrote Text to Stream (stdout or stderr)
	Blocked     Kind = "blocked"      // the thread waits without running (Atomics.wait, sync call)
	Unblocked   Kind = "unblocked"    // and goes on
	Note        Kind = "note"         // something worth saying in the player (a warning, a stop)
)

// Queue names, as Node and libuv call them.
const (
	QueueNextTick  = "nextTick"
	QueueMicrotask = "microtask"
	QueueTimers    = "timers"
	QueueImmediate = "immediate"
	QueuePending   = "pending"
	QueuePoll      = "poll"
	QueueClose     = "close"
	QueuePool      = "pool"
)

// Event is one recorded state change. Fields that do not apply to a kind stay zero and are
// left out of the JSON.
type Event struct {
	T      time.Duration `json:"-"`                // virtual time since the run began
	Micros int64         `json:"t"`                // T in whole microseconds, as encoded
	Thread int           `json:"th"`               // the thread the event belongs to
	Kind   Kind          `json:"k"`                //
	ID     int           `json:"id,omitempty"`     // task id (Enqueue, Dequeue, Cancel, Run, Pool*)
	Cause  int           `json:"by,omitempty"`     // task id of the callback running when ID was queued; 0: the main script
	Queue  string        `json:"q,omitempty"`      // queue name (Enqueue, Dequeue, Cancel, Run)
	Label  string        `json:"label,omitempty"`  // what the task is, for people: "setTimeout 100 ms, main.js:4"
	Due    int64         `json:"due,omitempty"`    // microseconds: when a timer is due
	Phase  string        `json:"phase,omitempty"`  // PhaseEnter, PhaseLeave
	N      int           `json:"n,omitempty"`      // LoopIter count; ThreadStart kind's pool index
	Func   string        `json:"fn,omitempty"`     // Push: function name
	File   string        `json:"file,omitempty"`   // Push, Note about a place: source file
	Line   int           `json:"line,omitempty"`   // Push, Note about a place: line, 1-based
	Column int           `json:"col,omitempty"`    // Push: column, 1-based
	Worker int           `json:"worker,omitempty"` // PoolStart: the pool thread's trace thread id
	Stream string        `json:"stream,omitempty"` // Write: "stdout" or "stderr"
	Text   string        `json:"text,omitempty"`   // Write, Note
	Code   *int          `json:"code,omitempty"`   // ThreadExit: exit code
	Name   string        `json:"name,omitempty"`   // ThreadStart: display name
	Role   string        `json:"role,omitempty"`   // ThreadStart: "main", "pool", "worker", "process"
	Parent int           `json:"parent,omitempty"` // ThreadStart: the thread that started it
	Memory int64         `json:"mem,omitempty"`    // ThreadStart: modeled bytes of memory it adds (docs/resource-model.md)
}

// Trace is everything one run recorded.
type Trace struct {
	Version int     `json:"version"`
	Main    string  `json:"main"`    // the main module's path
	Events  []Event `json:"events"`  //
	Dropped int     `json:"dropped"` // events left out because the run exceeded its event budget
}
