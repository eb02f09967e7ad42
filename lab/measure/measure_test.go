package measure

import (
	"math"
	"strings"
	"testing"
	"time"

	"looplab/engine"
	"looplab/lab"
)

// program is a server program as a lesson block holds it; its own clients (in listen's
// callback) and its server.close must stay out of the measurement.
func program(handler string) engine.Options {
	src := `const http = require('http');
const server = http.createServer((req, res) => {
` + handler + `
});
server.listen(0, '127.0.0.1', () => {
  // The program's own client: the harness must not run it.
  http.get({ port: server.address().port, path: '/own' }, (res) => { res.resume(); server.close(); });
});
`
	return engine.Options{Files: map[string][]byte{"/app/main.js": []byte(src)}, Main: "/app/main.js"}
}

// load is a closed system of fixed times: n clients, r requests each, think z.
func load(n, r int, z time.Duration) lab.Params {
	p := lab.Defaults()
	p.Clients, p.Requests, p.Think = n, r, z
	return p
}

// TestNonBlockingHandler: a handler that waits W for I/O without blocking leaves the clients
// the bottleneck, so throughput is N/(W+Z) (Little's law for the closed system) and the
// latency is about W.
func TestNonBlockingHandler(t *testing.T) {
	// 20 / (50 + 100 ms) = 133/s.
	p := load(20, 15, 100*time.Millisecond)
	r := measureOK(t, program(`  setTimeout(() => res.end('done'), 50);`), p)
	within(t, "throughput (req/s)", r.Totals.Throughput, 20/0.150, 0.05)
	within(t, "p50 latency (ms)", r.Totals.P50, 50, 0.05)
	within(t, "Little's law: X × (R + Z)", r.Totals.Throughput*(r.Totals.MeanMs+100)/1000, 20, 0.05)
}

// TestBusyHandler: a handler that busy-waits C ms holds the one loop, so the server serves at
// most 1/C however many clients ask, and requests queue behind each other.
func TestBusyHandler(t *testing.T) {
	// N/(C+Z) = 40 / 60 ms = 667/s asked for; the loop allows 1/C = 100/s.
	p := load(40, 10, 50*time.Millisecond)
	r := measureOK(t, program(`  const end = performance.now() + 10;
  while (performance.now() < end) {}
  res.end('done');`), p)
	within(t, "throughput (req/s)", r.Totals.Throughput, 100, 0.05)
	// Little's law: the 40 clients are thinking or queued, so a request waits for most of the
	// others: R = N/X − Z = 400 − 50 = 350 ms.
	within(t, "mean latency (ms)", r.Totals.MeanMs, 350, 0.1)
}

func TestWindowsCoverTheRequests(t *testing.T) {
	p := load(10, 10, 20*time.Millisecond)
	r := measureOK(t, program(`  setTimeout(() => res.end('done'), 5);`), p)
	done := 0
	for _, w := range r.Windows {
		done += w.Done
	}
	if done != 100 || r.Totals.Completed != 100 || r.Model != lab.Program {
		t.Errorf("windows hold %d responses, totals %d, model %q; want 100, 100, program", done, r.Totals.Completed, r.Model)
	}
	if len(r.Windows) < 5 {
		t.Errorf("%d windows, want at least 5", len(r.Windows))
	}
}

func TestFailures(t *testing.T) {
	for _, c := range []struct {
		name string
		prog engine.Options
		p    lab.Params
		want string
	}{
		{"too many requests", program(`res.end()`), load(100, 10, 0), "at most 400 requests"},
		{"no server", engine.Options{Files: map[string][]byte{"/app/main.js": []byte(`console.log('hi')`)}, Main: "/app/main.js"}, load(2, 2, 0), "does it call http.createServer and listen?"},
		{"handler throws", program(`  throw new Error('broken handler');`), load(2, 2, 0), "broken handler"},
		{"no main", engine.Options{Main: "/app/main.js"}, load(2, 2, 0), "not among its files"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := Server(c.prog, c.p)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("got %v, want an error with %q", err, c.want)
			}
		})
	}
}

func measureOK(t *testing.T, prog engine.Options, p lab.Params) lab.Result {
	t.Helper()
	start := time.Now()
	r, err := Server(prog, p)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d requests measured in %v: %.1f/s, mean %.1f ms, p50 %.1f ms, p99 %.1f ms",
		r.Totals.Completed, time.Since(start).Round(time.Millisecond), r.Totals.Throughput, r.Totals.MeanMs, r.Totals.P50, r.Totals.P99)
	return r
}

func within(t *testing.T, what string, got, want, tolerance float64) {
	t.Helper()
	dev := math.Abs(got-want) / want
	t.Logf("%s: %.2f, theory %.2f (%.2f%% off)", what, got, want, 100*dev)
	if dev > tolerance {
		t.Errorf("%s = %.2f, want %.2f within %.0f%%", what, got, want, 100*tolerance)
	}
}
