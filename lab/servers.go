package lab

import "time"

// server is one server model: it takes a client's request and calls sim.respond when done.
type server interface {
	accept(c *client)
	waiting() int // requests waiting for a thread or for the loop
	busy() int    // threads doing or waiting on a request's work
	threads() int // threads that exist, each reserving its stack
}

// poolServer is a thread-per-request server: a request holds its thread through its CPU work
// and its blocking I/O. Requests beyond the pool's size wait in the accept queue.
type poolServer struct {
	sim  *sim
	pool threadPool
}

func (s *poolServer) accept(c *client) {
	s.pool.submit(func(th *thread) {
		s.sim.cpu.run(th, c.cpu, func() {
			// A blocking read: the thread sleeps off the CPU, and stays taken.
			s.sim.at(s.sim.now()+c.io, func() {
				s.sim.respond(c)
				s.pool.release(th)
			})
		})
	})
}

func (s *poolServer) waiting() int { return s.pool.queue.len() }
func (s *poolServer) busy() int    { return s.pool.busy }
func (s *poolServer) threads() int { return s.pool.created }

// callback is a unit of work for Node's loop: cost of CPU on the loop thread, then fn.
type callback struct {
	cost time.Duration
	fn   func()
}

// nodeServer is one event loop. Every callback runs on the loop thread, one after the other in
// the order they became ready; an I/O wait holds nothing, but its completion callback waits
// for the loop like any other. With workers, a request's CPU work goes to a worker thread and
// the loop only hands it over and collects the result.
type nodeServer struct {
	sim     *sim
	loop    thread
	running bool
	ready   fifo[callback]
	workers *threadPool // nil: CPU work runs on the loop
}

func (s *nodeServer) accept(c *client) {
	if s.workers == nil {
		s.post(c.cpu, func() { s.startIO(c) })
		return
	}
	s.post(0, func() {
		s.workers.submit(func(th *thread) {
			s.sim.cpu.run(th, c.cpu, func() {
				s.workers.release(th)
				s.post(0, func() { s.startIO(c) }) // the worker's message back to the loop
			})
		})
	})
}

func (s *nodeServer) startIO(c *client) {
	s.sim.at(s.sim.now()+c.io, func() {
		s.post(0, func() { s.sim.respond(c) })
	})
}

// post queues a callback; the loop runs it when everything queued before it has run.
func (s *nodeServer) post(cost time.Duration, fn func()) {
	s.ready.push(callback{cost, fn})
	if !s.running {
		s.next()
	}
}

// next runs the ready callbacks in order. One without CPU work (handing a request to a worker,
// sending a response) takes no time in this model, so it runs at once without asking for a
// core; that also saves the simulation an event per callback.
func (s *nodeServer) next() {
	s.running = true
	for {
		cb, ok := s.ready.pop()
		if !ok {
			s.running = false
			return
		}
		if cb.cost == 0 {
			cb.fn()
			continue
		}
		s.sim.cpu.run(&s.loop, cb.cost, func() {
			cb.fn()
			s.next()
		})
		return
	}
}

func (s *nodeServer) waiting() int {
	n := s.ready.len()
	if s.workers != nil {
		n += s.workers.queue.len()
	}
	return n
}

func (s *nodeServer) busy() int {
	n := 0
	if s.running {
		n = 1
	}
	if s.workers != nil {
		n += s.workers.busy
	}
	return n
}

func (s *nodeServer) threads() int {
	if s.workers != nil {
		return 1 + s.workers.created
	}
	return 1
}
