package lab

import (
	"time"

	"looplab/engine/loop"
)

// client is one closed-loop client with its request in flight (it never has more than one).
type client struct {
	id      int
	sent    int           // requests answered so far; also the index of the one in flight
	at      time.Duration // when the request in flight was sent
	cpu, io time.Duration // what the request in flight needs
}

// sim is one server model under the load of p, on its own scheduler.
type sim struct {
	p        Params
	model    Model
	sched    *loop.Scheduler
	cpu      *cpu
	server   server
	stats    *stats
	inServer int // requests sent and not yet answered
	finished bool
}

func newSim(p Params, m Model, width time.Duration) *sim {
	s := &sim{p: p, model: m, sched: loop.NewScheduler(nil), stats: newStats(width)}
	s.cpu = newCPU(s, p)
	switch m {
	case ThreadPool:
		s.server = &poolServer{sim: s, pool: threadPool{size: p.Threads}}
	case Node:
		s.server = &nodeServer{sim: s}
	case NodeWorkers:
		s.server = &nodeServer{sim: s, workers: &threadPool{size: p.Workers}}
	}
	for i := range p.Clients {
		c := &client{id: i}
		s.at(p.arrival(i), func() { s.send(c) })
	}
	return s
}

// arrival is when client i sends its first request: the clients arrive spread evenly over one
// think time, as users who come in over a moment rather than in one instant (with Z = 0 they
// do arrive together).
func (p Params) arrival(i int) time.Duration {
	return time.Duration(int64(p.Think) * int64(i) / int64(p.Clients))
}

func (s *sim) now() time.Duration { return s.sched.Now() }

// at schedules fn at virtual time t. Every change of state happens in such an action, so the
// gauges are brought up to date after each one.
func (s *sim) at(t time.Duration, fn func()) {
	s.sched.At(t, func() {
		fn()
		s.observe()
	})
}

func (s *sim) observe() {
	mem := float64(s.server.threads()*s.p.StackKB+s.inServer*s.p.ConnKB) / 1024
	s.stats.observe(s.now(), float64(s.server.waiting()), float64(s.server.busy()),
		100*float64(s.cpu.busy)/float64(s.p.Cores), mem)
}

func (s *sim) send(c *client) {
	c.at = s.now()
	c.cpu = s.vary(s.p.CPU, c, drawCPU)
	c.io = s.vary(s.p.IO, c, drawIO)
	s.inServer++
	s.server.accept(c)
}

func (s *sim) respond(c *client) {
	s.inServer--
	s.stats.complete(s.now(), s.now()-c.at)
	c.sent++
	if c.sent < s.p.Requests {
		s.at(s.now()+s.vary(s.p.Think, c, drawThink), func() { s.send(c) })
	}
}

// The quantities a request draws with the spread.
const (
	drawCPU uint64 = iota
	drawIO
	drawThink
)

func (s *sim) vary(d time.Duration, c *client, quantity uint64) time.Duration {
	return s.p.vary(d, c.id, c.sent, quantity)
}

// vary draws d with the spread for a client's request. The draw depends only on the seed, the
// client, the request and which quantity it is, so every model sees exactly the same workload,
// and so does a measured server program (Params.Waits).
func (p Params) vary(d time.Duration, client, request int, quantity uint64) time.Duration {
	if p.Spread == 0 || d == 0 {
		return d
	}
	h := mix(mix(mix(mix(p.Seed)^uint64(client))^uint64(request)) ^ quantity)
	u := float64(h>>11) / (1 << 53) // uniform in [0, 1)
	return time.Duration(float64(d) * (1 + p.Spread*(2*u-1)))
}

// mix is splitmix64's finalizer: a cheap, well-spread hash of one word.
func mix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ x>>30) * 0xbf58476d1ce4e5b9
	x = (x ^ x>>27) * 0x94d049bb133111eb
	return x ^ x>>31
}

// advance runs the model until virtual time until, or to its end.
func (s *sim) advance(until time.Duration) {
	paused := false
	s.sched.Limit = until
	s.sched.OnLimit = func() { paused = true }
	s.sched.Run()
	s.finished = !paused
}
