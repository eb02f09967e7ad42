package engine

import (
	"strings"
	"testing"
	"time"

	"looplab/engine/trace"
)

// Pure numeric loops run natively (engine/fastloop) and print what goja prints running them
// as written; loops that turn out not to hold numbers fall back to goja.
func TestFastLoopsMatchPlainLoops(t *testing.T) {
	for _, src := range []string{
		`let total = 0; for (let i = 0; i < 1e6; i++) total += i; console.log(total);`,
		`let s = 'a'; for (let i = 0; i < 3; i++) s += i; console.log(s);`,
		`let h = 7; for (let i = 0; i < 1000; i++) { h = (h * 31 + i) | 0; if (h < 0) h = -h; } console.log(h);`,
		`var z; for (var i = 0; i < 0; i++) { var z = i; } console.log(z, i);`,
		`let n = 10, f = 1; while (n > 1) f *= n--; console.log(f, n);`,
		`let x = -0; for (let i = 0; i < 1; i++) x = x * 1; console.log(Object.is(x, -0));`,
		`function f(n) { let c = 0; for (let i = 1; i <= n; i++) if (n % i === 0) c++; return c; } console.log(f(360), f(97));`,
		`let o = {a: 1}; let k = 0; for (let i = 0; i < 3; i++) k += i; o.a = k; console.log(o);`,
		`const n = 5; let s = 0; for (const x = 2; s < n;) s += x; console.log(s);`,
	} {
		fast := runJS(t, "main.js", src)
		plain := runJS(t, "main.js", src, func(o *Options) { o.PlainLoops = true })
		if fast.Stdout != plain.Stdout || fast.ExitCode != plain.ExitCode || fast.Stderr != plain.Stderr {
			t.Errorf("%s\nnative: %q %q %d\n  goja: %q %q %d", src, fast.Stdout, fast.Stderr, fast.ExitCode, plain.Stdout, plain.Stderr, plain.ExitCode)
		}
	}
}

// A native loop costs what V8 would take: a nanosecond an iteration, in both modes.
func TestFastLoopCostsVirtualTime(t *testing.T) {
	src := `const t0 = Date.now(); let s = 0; for (let i = 0; i < 5e7; i++) s += i & 3; console.log(s, Date.now() - t0);`
	for _, deterministic := range []bool{true, false} {
		res := runJS(t, "main.js", src, func(o *Options) { o.Deterministic = deterministic })
		fields := strings.Fields(res.Stdout)
		if len(fields) != 2 || fields[0] != "75000000" {
			t.Fatalf("deterministic=%v: %q %s", deterministic, res.Stdout, res.Stderr)
		}
		if ms := fields[1]; ms != "50" && ms != "51" {
			t.Errorf("deterministic=%v: the loop took %s ms of virtual time, want 50", deterministic, ms)
		}
	}
}

// An endless loop on the main thread stops the run at once, with a message that says where.
func TestEndlessLoopOnMainThread(t *testing.T) {
	res := runJS(t, "main.js", "setTimeout(() => console.log('never'), 10);\nwhile (true) {}\n")
	if res.ExitCode != 124 || res.Stdout != "" || !strings.Contains(res.Stderr, "an endless loop at /app/main.js:2") {
		t.Fatalf("exit %d, stdout %q, stderr %q", res.ExitCode, res.Stdout, res.Stderr)
	}
	if !strings.Contains(res.Stderr, "setTimeout") {
		t.Errorf("the message does not list what was pending: %q", res.Stderr)
	}
}

// A worker that computes in a native loop shares virtual time with the main thread: the main
// thread's timers fire while it computes, and the result arrives after ~100 ms.
func TestWorkerComputingInAFastLoop(t *testing.T) {
	src := `const { Worker, isMainThread, parentPort } = require('worker_threads');
if (isMainThread) {
  const w = new Worker(__filename);
  let ticks = 0;
  const iv = setInterval(() => ticks++, 10);
  w.on('message', (sum) => { clearInterval(iv); console.log('sum', sum, 'ticks', ticks >= 8 && ticks <= 12); });
} else {
  let sum = 0;
  for (let i = 0; i < 1e8; i++) sum += i % 7;
  parentPort.postMessage(sum);
}`
	for _, deterministic := range []bool{true, false} {
		res := runJS(t, "main.js", src, func(o *Options) { o.Deterministic = deterministic })
		if res.Stdout != "sum 299999995 ticks true\n" {
			t.Errorf("deterministic=%v: %q %s", deterministic, res.Stdout, res.Stderr)
		}
	}
}

// A worker or child stuck in an endless loop stays busy until it is terminated or killed.
func TestEndlessLoopInWorkerAndChild(t *testing.T) {
	worker := `const { Worker, isMainThread, parentPort } = require('worker_threads');
if (isMainThread) {
  const w = new Worker(__filename);
  setTimeout(async () => console.log('terminated with', await w.terminate(), 'at', Date.now() - t0 >= 50), 50);
  const t0 = Date.now();
} else {
  for (;;) {}
}`
	child := `const { fork } = require('child_process');
if (process.argv[2] === 'child') {
  let x = 0;
  while (true) x = x + 0;
} else {
  const c = fork(__filename, ['child']);
  c.on('exit', (code, signal) => console.log('child exit', code, signal));
  setTimeout(() => c.kill(), 200);
}`
	for src, want := range map[string]string{worker: "terminated with 1 at true\n", child: "child exit null SIGTERM\n"} {
		res := runJS(t, "main.js", src)
		if res.Stdout != want || res.ExitCode != 0 {
			t.Errorf("%s\ngot %q (exit %d) %s, want %q", src, res.Stdout, res.ExitCode, res.Stderr, want)
		}
	}
}

// A native loop that runs past the virtual-time limit stops there, even with nothing else
// scheduled that would notice.
func TestFastLoopStopsAtTheVirtualTimeLimit(t *testing.T) {
	res := runJS(t, "main.js", "let x = 0;\nwhile (x >= 0) x = (x + 1) % 1e15;\n", func(o *Options) { o.Limits.VirtualTime = 50 * time.Millisecond })
	if res.ExitCode != 124 || !strings.Contains(res.Stderr, "limit of 50ms of simulated time") {
		t.Fatalf("exit %d, stderr %q", res.ExitCode, res.Stderr)
	}
}

// A long native loop gets a sentence in the trace, saying what it cost; a short one does not.
func TestLongFastLoopIsNoted(t *testing.T) {
	res := runJS(t, "main.js", "let s = 0;\nfor (let i = 0; i < 20000; i++) s += i;\nfor (let i = 0; i < 10; i++) s += i;\n")
	var notes []string
	for _, e := range res.Trace.Events {
		if e.Kind == trace.Note {
			notes = append(notes, e.Text)
			if e.File != "/app/main.js" || e.Line != 2 {
				t.Errorf("the note is about %s:%d, want /app/main.js:2", e.File, e.Line)
			}
		}
	}
	want := "The loop at main.js:2 ran 20000 times: 20µs of CPU time, with the thread doing nothing else."
	if len(notes) != 1 || notes[0] != want {
		t.Errorf("notes %q, want [%q]", notes, want)
	}
}
