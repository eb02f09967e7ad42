package lab

import "time"

// thread is a simulated OS thread: while runnable it has CPU work left, and done is what it
// does once that work is finished.
type thread struct {
	left time.Duration
	done func()
}

// core remembers the thread it ran last: running another one costs a context switch.
type core struct{ last *thread }

// cpu is the machine's cores, shared by all threads of one server model. The OS scheduler is
// round robin: a runnable thread gets a free core, or waits in the run queue; it runs for at
// most one time slice while others wait. This keeps a heavy CPU load from starving short
// requests, as a time-sharing scheduler does, while costing one event per slice.
type cpu struct {
	sim        *sim
	slice      time.Duration
	switchCost time.Duration
	idle       []*core
	runq       fifo[*thread]
	busy       int // cores running a thread
	switches   int
	switchTime time.Duration
}

func newCPU(s *sim, p Params) *cpu {
	c := &cpu{sim: s, slice: p.Slice, switchCost: p.Switch}
	for range p.Cores {
		c.idle = append(c.idle, &core{})
	}
	return c
}

// run makes th runnable with work of CPU time to do, then done.
func (c *cpu) run(th *thread, work time.Duration, done func()) {
	th.left, th.done = work, done
	// A thread queued earlier goes first even when a core is idle at this instant (one being
	// handed over in sliceEnd), so the run queue stays first come, first served.
	if n := len(c.idle); n > 0 && c.runq.len() == 0 {
		k := c.idle[n-1]
		c.idle = c.idle[:n-1]
		c.busy++
		c.dispatch(k, th)
		return
	}
	c.runq.push(th)
}

// dispatch runs th on k for one slice, paying a switch if k last ran another thread.
func (c *cpu) dispatch(k *core, th *thread) {
	d := min(th.left, c.slice)
	th.left -= d
	if k.last != th {
		k.last = th
		c.switches++
		c.switchTime += c.switchCost
		d += c.switchCost
	}
	c.sim.at(c.sim.now()+d, func() { c.sliceEnd(k, th) })
}

func (c *cpu) sliceEnd(k *core, th *thread) {
	if th.left > 0 && c.runq.len() == 0 {
		c.dispatch(k, th) // nobody else wants the core: keep going without a switch
		return
	}
	if th.left > 0 {
		c.runq.push(th)
	}
	c.idle = append(c.idle, k)
	c.busy--
	if th.left == 0 {
		th.done()
	}
	for len(c.idle) > 0 {
		next, ok := c.runq.pop()
		if !ok {
			break
		}
		k := c.idle[len(c.idle)-1]
		c.idle = c.idle[:len(c.idle)-1]
		c.busy++
		c.dispatch(k, next)
	}
}
