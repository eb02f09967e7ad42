package loop

import (
	"fmt"
	"runtime/debug"
	"sync/atomic"
	"time"
)

// Thread is a simulated thread that runs JavaScript: it has its own clock, which runs ahead of
// the scheduler's while it executes a callback, and its own goroutine, which runs only while
// it holds the baton.
type Thread struct {
	ID     int
	s      *Scheduler
	clock  time.Duration
	resume chan bool // true: go on; false: unwind, the run is over
	parked bool
	wakeAt *event // the pending resumption of a parked thread
	done   bool
	// computing is set while the thread's last callback runs on the simulated cores (Compute).
	computing bool
	// holding is the wall-clock time (UnixNano) since which the thread holds the baton, 0 while
	// parked; a watchdog on another goroutine reads it (see HeldFor).
	holding atomic.Int64
	// Locate, if set, says where in the program the thread is (file:line, function, callback),
	// for the report of a crash on it.
	Locate func() string
}

// Crash is a panic on a simulated thread: a broken engine invariant, never the program's
// fault. The thread's goroutine recovers it and the scheduler re-panics with it on the
// goroutine that called Run, where the engine's entry point turns it into an internal error.
type Crash struct {
	Value  any    // what the thread panicked with
	Where  string // the thread's place in the program (Thread.Locate), or ""
	Thread int
	Stack  []byte // the Go stack of the thread's goroutine at the panic
}

func (c *Crash) Error() string { return fmt.Sprint(c.Value) }

// errUnwind is the panic value that unwinds a thread's goroutine when the run stops.
var errUnwind = fmt.Errorf("loop: run stopped")

// Spawn creates a thread that starts running body at virtual time at.
func (s *Scheduler) Spawn(id int, at time.Duration, body func(th *Thread)) *Thread {
	th := &Thread{ID: id, s: s, clock: at, resume: make(chan bool)}
	s.threads = append(s.threads, th)
	go th.main(body)
	th.parked = true
	th.wakeAt = s.At(at, th.fire)
	return th
}

func (th *Thread) main(body func(*Thread)) {
	defer func() {
		th.holding.Store(0)
		th.done = true
		th.parked = false
		if r := recover(); r != nil && r != errUnwind {
			// A broken engine invariant: hand it to the scheduler's goroutine, which re-panics
			// with it where the engine's entry point recovers it. Re-panicking here would kill
			// the whole program: nothing up this goroutine's stack recovers.
			th.s.crash = th.crashOf(r)
		}
		th.s.baton <- struct{}{}
	}()
	if !<-th.resume {
		panic(errUnwind)
	}
	th.holding.Store(time.Now().UnixNano())
	body(th)
}

// crashOf describes a panic on the thread, asking the thread where it was (Locate may itself
// fail on a broken thread: then the place is unknown).
func (th *Thread) crashOf(r any) *Crash {
	c := &Crash{Value: r, Thread: th.ID, Stack: debug.Stack()}
	if th.Locate != nil {
		func() {
			defer func() { recover() }()
			c.Where = th.Locate()
		}()
	}
	return c
}

// fire hands the baton to the thread and waits until it parks again or ends; a crash on the
// thread goes on as a panic on the scheduler's goroutine.
func (th *Thread) fire() {
	th.wakeAt = nil
	if th.clock < th.s.now {
		th.clock = th.s.now
	}
	th.parked = false
	th.resume <- true
	<-th.s.baton
	th.s.rethrow()
}

// park gives the baton back and waits to be resumed.
func (th *Thread) park() {
	th.parked = true
	th.holding.Store(0)
	th.s.baton <- struct{}{}
	if !<-th.resume {
		panic(errUnwind)
	}
	th.holding.Store(time.Now().UnixNano())
}

// HeldFor is how long, in real time, the thread has held the baton without parking; 0 while it
// is parked. Safe to call from any goroutine: a watchdog uses it to find a thread stuck in a
// loop that never yields.
func (th *Thread) HeldFor() time.Duration {
	since := th.holding.Load()
	if since == 0 {
		return 0
	}
	return time.Since(time.Unix(0, since))
}

// Heartbeat tells the watchdog that the thread, though it holds the baton, is not stuck: it
// runs code that checks in (a native loop, engine/fastloop).
func (th *Thread) Heartbeat() { th.holding.Store(time.Now().UnixNano()) }

func (th *Thread) unwind() {
	th.parked = false
	th.resume <- false
	<-th.s.baton
}

// rethrow re-panics, on the scheduler's goroutine, with a crash a thread handed over.
func (s *Scheduler) rethrow() {
	if c := s.crash; c != nil {
		s.crash = nil
		panic(c)
	}
}

// Now is the thread's own virtual time.
func (th *Thread) Now() time.Duration { return th.clock }

// Scheduler returns the scheduler the thread runs on.
func (th *Thread) Scheduler() *Scheduler { return th.s }

// Advance accounts for d of CPU time spent by the thread. If anything else is due before the
// thread's new time, the thread lets it happen first, so that I/O completions and messages
// that arrive while it computes are delivered in time order.
func (th *Thread) Advance(d time.Duration) {
	th.clock += d
	th.Sync()
}

// Sync lets every action due before the thread's own time happen before it goes on.
func (th *Thread) Sync() {
	if next, ok := th.s.nextAt(); ok && next < th.clock {
		th.wakeAt = th.s.At(th.clock, th.fire)
		th.park()
	}
}

// WaitUntil parks the thread until virtual time t or until Wake is called, whichever comes
// first. A negative t waits for Wake alone.
func (th *Thread) WaitUntil(t time.Duration) {
	if t >= 0 {
		th.wakeAt = th.s.At(t, th.fire)
	}
	th.park()
}

// Wake resumes a thread parked in WaitUntil at virtual time t (the time of whatever woke it),
// unless it was due to wake earlier anyway.
func (th *Thread) Wake(t time.Duration) {
	if !th.parked || th.done || th.computing {
		return // a computing thread is busy on a core, not waiting for I/O
	}
	if th.wakeAt != nil {
		if th.wakeAt.at <= t {
			return
		}
		th.s.Cancel(th.wakeAt)
	}
	th.wakeAt = th.s.At(t, th.fire)
}

// Compute puts the CPU time the thread spent since start (its clock ran ahead by that much
// while a callback executed) onto the machine's cores. When more threads and pool jobs want a
// core than there are, the work takes longer and the thread's clock ends later than start plus
// the work. The thread first lets everything due before start happen, so that the cores see
// their work in time order.
func (th *Thread) Compute(start time.Duration) {
	work := th.clock - start
	if work <= 0 {
		th.Sync()
		return
	}
	cpu := th.s.cpuOrDefault()
	if next, ok := th.s.nextAt(); len(cpu.jobs) == 0 && (!ok || next >= th.clock) {
		// Nothing else uses a core now, and nothing can start before this work ends (every
		// future start is a scheduled action): the work runs at full speed, no need to queue it.
		return
	}
	th.clock = start
	th.computing = true
	th.s.At(start, func() {
		cpu.run(work, func(end time.Duration) {
			th.wakeAt = th.s.At(end, th.fire)
		})
	})
	th.park()
	th.computing = false
}

// Spend accounts for d of CPU time without letting anything else run yet: the thread is in the
// middle of a callback and will Sync when it ends.
func (th *Thread) Spend(d time.Duration) { th.clock += d }
