package lab

import (
	"math"
	"testing"
	"time"
)

// fixed is a workload with fixed times and free context switches: the case queueing theory
// answers exactly.
func fixed(m Model, clients, threads, cores int, think, io, cpu time.Duration) Params {
	p := Defaults()
	p.Models = []Model{m}
	p.Clients, p.Threads, p.Cores, p.Workers = clients, threads, cores, cores
	p.Think, p.IO, p.CPU = think, io, cpu
	p.Requests = 50
	p.Switch = 0
	return p
}

func millis(n float64) time.Duration { return time.Duration(n * float64(time.Millisecond)) }

// TestThroughputMatchesTheory checks the closed-system bounds of the issue, each case limited
// by a different term: min(N/(W+C+Z), T/(W+C), cores/C) for the thread pool and
// min(N/(W+C+Z), 1/C) for one loop. Every case also checks Little's law, N = X × (R + Z).
func TestThroughputMatchesTheory(t *testing.T) {
	cases := []struct {
		name string
		p    Params
		want float64 // requests per second, worked out by hand
	}{
		// 50 / (50 + 5 + 100 ms) = 322.6/s; T/(W+C) = 1818/s; cores/C = 800/s.
		{"pool limited by clients", fixed(ThreadPool, 50, 100, 4, millis(100), millis(50), millis(5)), 50 / 0.155},
		// T/(W+C) = 50 / 55 ms = 909/s; cores/C = 1600/s; N/(W+C+Z) = 18182/s.
		{"pool limited by threads", fixed(ThreadPool, 1000, 50, 8, 0, millis(50), millis(5)), 50 / 0.055},
		// cores/C = 4 / 10 ms = 400/s; T/(W+C) = 25000/s.
		{"pool limited by cores", fixed(ThreadPool, 1000, 500, 4, 0, millis(10), millis(10)), 400},
		// cores/C with CPU work longer than a time slice: round robin must not change it.
		{"pool limited by cores, sliced", fixed(ThreadPool, 300, 300, 2, 0, millis(10), millis(20)), 100},
		// 20 / (50 + 1 + 50 ms) = 198/s; 1/C = 1000/s.
		{"node limited by clients", fixed(Node, 20, 0, 4, millis(50), millis(50), millis(1)), 20 / 0.101},
		// 1/C = 200/s, however many cores and clients.
		{"node limited by the loop", fixed(Node, 1000, 0, 8, 0, millis(50), millis(5)), 200},
		// workers/C = 4 / 10 ms = 400/s.
		{"workers limited by workers", fixed(NodeWorkers, 1000, 0, 4, 0, millis(50), millis(10)), 400},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.p.Threads == 0 {
				c.p.Threads = 1
			}
			res, err := Simulate(c.p)
			if err != nil {
				t.Fatal(err)
			}
			tot := res[0].Totals
			if b := c.p.Bound(c.p.Models[0]); math.Abs(b-c.want) > 1e-6*c.want {
				t.Errorf("Bound = %.1f/s, want %.1f/s", b, c.want)
			}
			if tot.Completed != c.p.Clients*c.p.Requests {
				t.Errorf("%d responses, want %d", tot.Completed, c.p.Clients*c.p.Requests)
			}
			within(t, "throughput (req/s)", tot.Throughput, c.want)
			// Little's law over the whole cycle: clients = throughput × (response time + think).
			within(t, "Little's law: X × (R + Z)", tot.Throughput*(tot.MeanMs/1000+c.p.Think.Seconds()), float64(c.p.Clients))
		})
	}
}

func within(t *testing.T, what string, got, want float64) {
	t.Helper()
	dev := math.Abs(got-want) / want
	t.Logf("%s: %.2f, theory %.2f (%.2f%% off)", what, got, want, 100*dev)
	if dev > 0.05 {
		t.Errorf("%s = %.2f, want %.2f within 5%%", what, got, want)
	}
}

// TestSameParamsSameRun: runs are deterministic, spread included.
func TestSameParamsSameRun(t *testing.T) {
	p := Defaults()
	p.Spread = 0.5
	a, _ := Simulate(p)
	b, _ := Simulate(p)
	for i := range a {
		if a[i].Totals != b[i].Totals || len(a[i].Windows) != len(b[i].Windows) {
			t.Fatalf("%s: two runs differ: %+v and %+v", a[i].Model, a[i].Totals, b[i].Totals)
		}
	}
}

// TestSpreadKeepsTheMean: the spread varies requests but not the workload's average, so the
// client-bound throughput stays close to theory.
func TestSpreadKeepsTheMean(t *testing.T) {
	p := fixed(ThreadPool, 50, 100, 4, millis(100), millis(50), millis(5))
	p.Spread = 0.8
	res, _ := Simulate(p)
	within(t, "throughput with spread", res[0].Totals.Throughput, 50/0.155)
	if res[0].Totals.P99 <= res[0].Totals.P50 {
		t.Errorf("with spread, p99 %.1f ms should exceed p50 %.1f ms", res[0].Totals.P99, res[0].Totals.P50)
	}
}

// TestContextSwitchesCost: with many more busy threads than cores, switching takes CPU time,
// so a CPU-bound pool serves less than the same pool with free switches; one loop, the only
// thread on its core, pays nothing.
func TestContextSwitchesCost(t *testing.T) {
	free := fixed(ThreadPool, 2000, 2000, 2, 0, millis(1), millis(10))
	free.Models = []Model{ThreadPool, Node}
	costly := free
	costly.Switch = 200 * time.Microsecond
	a, _ := Simulate(free)
	b, _ := Simulate(costly)
	// 10 ms of work in 3 ms slices is 4 slices, each starting with a switch: 0.8 ms more CPU.
	within(t, "pool throughput with costly switches", b[0].Totals.Throughput, a[0].Totals.Throughput*10/10.8)
	if b[0].Totals.Switches < 4*2000*50 {
		t.Errorf("%d switches for 100000 requests of 4 slices each", b[0].Totals.Switches)
	}
	if b[1].Totals.SwitchMs > 1 {
		t.Errorf("the loop spent %.1f ms switching; it is the only thread", b[1].Totals.SwitchMs)
	}
}

// TestMemoryCountsStacks: the pool's peak memory is its threads' stacks (plus requests); one
// loop's is one stack and the requests.
func TestMemoryCountsStacks(t *testing.T) {
	p := fixed(ThreadPool, 1000, 300, 4, 0, millis(50), millis(1))
	p.Models = []Model{ThreadPool, Node}
	p.StackKB, p.ConnKB = 1024, 4
	res, _ := Simulate(p)
	pool, node := res[0].Totals, res[1].Totals
	if pool.Threads != 300 || node.Threads != 1 {
		t.Errorf("threads: pool %d, node %d; want 300 and 1", pool.Threads, node.Threads)
	}
	// 300 stacks of 1 MB and 1000 requests of 4 KB.
	within(t, "pool peak memory (MB)", pool.PeakMemMB, 300+1000*4.0/1024)
	within(t, "node peak memory (MB)", node.PeakMemMB, 1+1000*4.0/1024)
}

func TestWindowsCoverTheRun(t *testing.T) {
	res, err := Simulate(Defaults())
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range res {
		done := 0
		for i, w := range r.Windows {
			done += w.Done
			if i > 0 && w.T <= r.Windows[i-1].T {
				t.Fatalf("%s: window %d ends at %v, before the one before it", r.Model, i, w.T)
			}
			if w.CPU < 0 || w.CPU > 100.0001 {
				t.Fatalf("%s: window %d: CPU %.1f%%", r.Model, i, w.CPU)
			}
		}
		if done != r.Totals.Completed {
			t.Errorf("%s: windows hold %d responses, totals %d", r.Model, done, r.Totals.Completed)
		}
		if last := r.Windows[len(r.Windows)-1].T; math.Abs(last-r.Totals.Seconds) > 1e-9 {
			t.Errorf("%s: last window ends at %v s, the run at %v s", r.Model, last, r.Totals.Seconds)
		}
	}
}

func TestValidate(t *testing.T) {
	for _, c := range []struct {
		change func(*Params)
		want   string
	}{
		{func(p *Params) { p.Clients = 10_001 }, "clients must be 1 to 10000"},
		{func(p *Params) { p.Models = []Model{"apache"} }, `unknown model "apache" (known: pool, node, workers)`},
		{func(p *Params) { p.Models = []Model{Node, Node} }, `model "node" is named twice`},
		{func(p *Params) { p.IO, p.CPU = 0, 0 }, "io + cpu must be more than 0: a request must take some time"},
	} {
		p := Defaults()
		c.change(&p)
		if err := p.Validate(); err == nil || err.Error() != c.want {
			t.Errorf("got %v, want %q", err, c.want)
		}
	}
}
