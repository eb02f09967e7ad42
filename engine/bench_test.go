package engine

import (
	"bytes"
	"testing"

	"looplab/engine/trace"
)

// benchProgram runs src b.N times and reports callbacks per second through the loop.
func benchProgram(b *testing.B, src string, callbacks int, withTrace bool) {
	b.Helper()
	for range b.N {
		res := Run(Options{Files: map[string][]byte{"/app/main.js": []byte(src)}, Main: "/app/main.js", Deterministic: true, Trace: withTrace})
		if res.ExitCode != 0 {
			b.Fatalf("exit %d: %s", res.ExitCode, res.Stderr)
		}
	}
	b.ReportMetric(float64(callbacks*b.N)/b.Elapsed().Seconds(), "callbacks/s")
}

func BenchmarkSetImmediateChain(b *testing.B) {
	benchProgram(b, `let n = 0; (function next() { if (++n < 10000) setImmediate(next); })();`, 10000, false)
}

func BenchmarkPromiseChain(b *testing.B) {
	benchProgram(b, `let p = Promise.resolve(0); for (let i = 0; i < 10000; i++) p = p.then((v) => v + 1);`, 10000, false)
}

func BenchmarkManyTimers(b *testing.B) {
	benchProgram(b, `for (let i = 0; i < 10000; i++) setTimeout(() => {}, i % 100);`, 10000, false)
}

func BenchmarkSetImmediateChainTraced(b *testing.B) {
	benchProgram(b, `let n = 0; (function next() { if (++n < 10000) setImmediate(next); })();`, 10000, true)
}

// BenchmarkStartup is the cost of a run of an empty program: a new goja runtime, the globals
// and the main module.
func BenchmarkStartup(b *testing.B) {
	benchProgram(b, `console.log('hi')`, 1, false)
}

// BenchmarkTraceBytesPerEvent reports the encoded size of an average trace event.
func BenchmarkTraceBytesPerEvent(b *testing.B) {
	src := `setTimeout(() => console.log('t'), 1); setImmediate(() => console.log('i')); Promise.resolve().then(() => console.log('p')); function f(n) { return n ? f(n - 1) : 0 } f(20);`
	var size, events int
	for range b.N {
		res := Run(Options{Files: map[string][]byte{"/app/main.js": []byte(src)}, Main: "/app/main.js", Deterministic: true, Trace: true})
		var buf bytes.Buffer
		if err := trace.Encode(&buf, res.Trace); err != nil {
			b.Fatal(err)
		}
		size, events = buf.Len(), len(res.Trace.Events)
	}
	b.ReportMetric(float64(size)/float64(events), "bytes/event")
	b.ReportMetric(float64(events), "events")
}
