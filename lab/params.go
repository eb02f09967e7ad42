package lab

import (
	"fmt"
	"math"
	"slices"
	"time"
)

// Model names a server model.
type Model string

const (
	ThreadPool  Model = "pool"    // a thread per request, from a pool of Threads
	Node        Model = "node"    // one event loop; CPU work on the loop
	NodeWorkers Model = "workers" // one event loop; CPU work on Workers worker threads
)

// Models are the known models, in the order the page shows them.
var Models = []Model{ThreadPool, Node, NodeWorkers}

// Params are a lab run's workload, servers and machine. Durations are time.Duration, so they
// travel as JSON integers of nanoseconds.
type Params struct {
	Models   []Model       `json:"models"`
	Clients  int           `json:"clients"`  // N, concurrent closed-loop clients
	Requests int           `json:"requests"` // R, requests each client sends
	Think    time.Duration `json:"think"`    // Z, a client's pause between a response and its next request
	IO       time.Duration `json:"io"`       // W, a request's blocking I/O wait
	CPU      time.Duration `json:"cpu"`      // C, a request's CPU time
	// Spread varies Z, W and C per request: each is drawn uniformly from [x(1-s), x(1+s)],
	// which keeps the mean. 0 makes every request alike.
	Spread  float64       `json:"spread"`
	Threads int           `json:"threads"` // T, the thread-per-request server's pool size
	Workers int           `json:"workers"` // worker threads of NodeWorkers
	Cores   int           `json:"cores"`
	StackKB int           `json:"stackKB"` // stack reserved per thread
	ConnKB  int           `json:"connKB"`  // memory per request in the server (socket, parser, buffers)
	Switch  time.Duration `json:"switch"`  // CPU cost of a context switch
	Slice   time.Duration `json:"slice"`   // the OS scheduler's time slice
	Seed    uint64        `json:"seed"`    // draws of the spread
}

// Defaults are the starting parameters; docs/lab-model.md gives the source of each number.
func Defaults() Params {
	return Params{
		Models:   []Model{ThreadPool, Node},
		Clients:  200,
		Requests: 20,
		Think:    100 * time.Millisecond,
		IO:       50 * time.Millisecond,
		CPU:      2 * time.Millisecond,
		Threads:  200,  // Tomcat's maxThreads
		Workers:  4,    // one per core
		Cores:    4,    //
		StackKB:  1024, // Java's -Xss on 64-bit Linux
		ConnKB:   4,
		Switch:   5 * time.Microsecond,
		Slice:    3 * time.Millisecond,
		Seed:     1,
	}
}

// Limits keep a run small enough to simulate in a second or two in the browser.
const (
	MaxClients       = 10_000
	MaxRequests      = 1_000
	MaxTotalRequests = 1_000_000
	MaxThreads       = 10_000
	MaxCores         = 64
)

// Validate reports the first parameter out of its range.
func (p Params) Validate() error {
	if len(p.Models) == 0 {
		return fmt.Errorf("no server model to run")
	}
	for i, m := range p.Models {
		if !slices.Contains(Models, m) {
			return fmt.Errorf("unknown model %q (known: pool, node, workers)", m)
		}
		if slices.Contains(p.Models[:i], m) {
			return fmt.Errorf("model %q is named twice", m)
		}
	}
	checks := []struct {
		name     string
		ok       bool
		expected string
	}{
		{"clients", p.Clients >= 1 && p.Clients <= MaxClients, fmt.Sprintf("1 to %d", MaxClients)},
		{"requests", p.Requests >= 1 && p.Requests <= MaxRequests, fmt.Sprintf("1 to %d", MaxRequests)},
		{"clients × requests", p.Clients*p.Requests <= MaxTotalRequests, fmt.Sprintf("at most %d", MaxTotalRequests)},
		{"think", p.Think >= 0 && p.Think <= time.Minute, "0 to 1m"},
		{"io", p.IO >= 0 && p.IO <= time.Minute, "0 to 1m"},
		{"cpu", p.CPU >= 0 && p.CPU <= 10*time.Second, "0 to 10s"},
		{"io + cpu", p.IO+p.CPU > 0, "more than 0: a request must take some time"},
		{"spread", p.Spread >= 0 && p.Spread <= 1, "0 to 1"},
		{"threads", p.Threads >= 1 && p.Threads <= MaxThreads, fmt.Sprintf("1 to %d", MaxThreads)},
		{"workers", p.Workers >= 1 && p.Workers <= MaxCores, fmt.Sprintf("1 to %d", MaxCores)},
		{"cores", p.Cores >= 1 && p.Cores <= MaxCores, fmt.Sprintf("1 to %d", MaxCores)},
		{"stack", p.StackKB >= 4 && p.StackKB <= 1<<20, "4 KB to 1 GB"},
		{"conn", p.ConnKB >= 0 && p.ConnKB <= 1<<20, "0 to 1 GB"},
		{"switch", p.Switch >= 0 && p.Switch <= time.Millisecond, "0 to 1ms"},
		{"slice", p.Slice >= 100*time.Microsecond && p.Slice <= time.Second, "100µs to 1s"},
	}
	for _, c := range checks {
		if !c.ok {
			return fmt.Errorf("%s must be %s", c.name, c.expected)
		}
	}
	return nil
}

// Bound is the throughput queueing theory gives for a model with fixed times and free context
// switches, in requests per second: the least of what the clients ask for, N/(W+C+Z), and what
// the model's bottleneck can serve (T threads each held W+C; one loop busy C per request;
// cores busy C per request).
func (p Params) Bound(m Model) float64 {
	perSecond := func(n int, d time.Duration) float64 {
		if d <= 0 {
			return math.Inf(1)
		}
		return float64(n) / d.Seconds()
	}
	x := min(perSecond(p.Clients, p.IO+p.CPU+p.Think), perSecond(p.Cores, p.CPU))
	switch m {
	case ThreadPool:
		x = min(x, perSecond(p.Threads, p.IO+p.CPU))
	case Node:
		x = min(x, perSecond(1, p.CPU))
	case NodeWorkers:
		x = min(x, perSecond(p.Workers, p.CPU))
	}
	return x
}
