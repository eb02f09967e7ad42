package engine

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"looplab/engine/trace"
)

// FuzzRun feeds generated programs to the engine (seeded with the conformance corpus and the
// golden-trace programs) and checks invariants that must hold for any input: no engine panic
// reaches the user, deterministic mode is deterministic, no thread's clock goes back, and no
// task runs or leaves its queue twice.
func FuzzRun(f *testing.F) {
	seeds, _ := filepath.Glob("testdata/traces/*.js")
	corpus, _ := filepath.Glob(filepath.Join("../../shared/conformance/cases", "*.js"))
	for _, name := range append(seeds, corpus...) {
		// Seeds that compute for seconds (pbkdf2) or need other processes would make every
		// fuzz run slow; the conformance test covers them.
		if b, err := os.ReadFile(name); err == nil && !strings.Contains(string(b), "worker_threads") &&
			!strings.Contains(string(b), "child_process") && !strings.Contains(string(b), "pbkdf2") {
			f.Add(string(b))
		}
	}
	f.Add(`setTimeout(() => { throw new Error('x') }, 1); Promise.reject(1)`)
	f.Fuzz(func(t *testing.T, src string) {
		limits := func(o *Options) {
			o.Limits = Limits{RealTime: 2 * time.Second, Callbacks: 10_000, VirtualTime: time.Minute, Events: 20_000}
		}
		a := runJS(t, "main.js", src, limits)
		if a.ExitCode == 70 || strings.Contains(a.Stderr, "internal engine error") {
			t.Fatalf("engine error on %q:\n%s", src, a.Stderr)
		}
		if a.Stopped != "" && strings.Contains(a.Stopped, "real time") {
			return // a busy loop: timing decided where it stopped
		}
		b := runJS(t, "main.js", src, limits)
		if strings.Contains(b.Stopped, "real time") {
			return // the second run met the wall-clock limit the first one just escaped
		}
		if a.Stdout != b.Stdout || a.ExitCode != b.ExitCode || len(a.Trace.Events) != len(b.Trace.Events) {
			t.Fatalf("deterministic mode is not deterministic for %q", src)
		}
		checkTraceInvariants(t, a.Trace)
	})
}

func checkTraceInvariants(t *testing.T, tr *trace.Trace) {
	t.Helper()
	last := map[int]int64{}
	dequeued := map[int]bool{}
	for i, e := range tr.Events {
		if e.Micros < last[e.Thread] {
			t.Fatalf("event %d: thread %d's clock went back from %d to %d µs", i, e.Thread, last[e.Thread], e.Micros)
		}
		last[e.Thread] = e.Micros
		if e.Kind == trace.Dequeue && e.Queue != trace.QueueTimers {
			if dequeued[e.ID] {
				t.Fatalf("event %d: task %d left its queue twice", i, e.ID)
			}
			dequeued[e.ID] = true
		}
	}
}
