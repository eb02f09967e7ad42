package engine

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"looplab/engine/loop"
	"looplab/engine/trace"
)

// Programs that crashed the engine (issue 10), each with what real Node 20 prints for it: the
// whole stdout, and stderr whole or, where our report is known to differ elsewhere (V8's
// stack frames, the caret's column), in fragments.
func TestHostileProgramsEndAsNodeDoes(t *testing.T) {
	cases := []struct {
		name, src, stdout string
		stderr            []string // fragments; the first one with "=" prefix is the whole stderr
		code              int
	}{
		{"util.deprecate", `require('util').deprecate(function () {}, 'x')(); console.log('ok')`, "ok\n",
			[]string{"=(node:4242) DeprecationWarning: x\n(Use `node --trace-deprecation ...` to show where the warning was created)\n"}, 0},
		{"emitWarning deprecation and detail", `process.emitWarning('x', 'DeprecationWarning'); process.emitWarning('y', { type: 'Foo', code: 'C1', detail: 'some detail' })`, "",
			[]string{"=(node:4242) DeprecationWarning: x\n(Use `node --trace-deprecation ...` to show where the warning was created)\n(node:4242) [C1] Foo: y\nsome detail\n"}, 0},
		{"throw of a revoked proxy", `const { proxy, revoke } = Proxy.revocable({}, {}); revoke(); throw proxy`, "",
			[]string{"=\n/app/main.js:1\nconst { proxy, revoke } = Proxy.revocable({}, {}); revoke(); throw proxy\n                                                             ^\n\n(Use `node --trace-uncaught ...` to show where the exception was thrown)\n\nNode.js v20.20.2\n"}, 1},
		{"throw of a proxy whose get throws", `throw new Proxy({}, { get() { throw new Error('g') } })`, "",
			[]string{"=\n/app/main.js:1\nthrow new Proxy({}, { get() { throw new Error('g') } })\n^\n\n(Use `node --trace-uncaught ...` to show where the exception was thrown)\n\nNode.js v20.20.2\n"}, 1},
		{"throw of a symbol", `throw Symbol('s')`, "",
			[]string{"=\n/app/main.js:1\nthrow Symbol('s')\n^\n\n(Use `node --trace-uncaught ...` to show where the exception was thrown)\n\nNode.js v20.20.2\n"}, 1},
		{"uncaught revoked proxy from a timer", `const { proxy, revoke } = Proxy.revocable({}, {}); revoke(); setTimeout(() => { throw proxy })`, "",
			[]string{"(Use `node --trace-uncaught ...` to show where the exception was thrown)\n\nNode.js v20.20.2\n"}, 1},
		{"rejection with a throwing getPrototypeOf", `Promise.reject(new Proxy({}, { getPrototypeOf() { throw new Error('proto') } }))`, "",
			[]string{`The promise rejected with the reason "#<Object>".`}, 1},
		{"error whose stack getter throws", `const e = new Error('m'); Object.defineProperty(e, 'stack', { get() { throw new Error('st') } }); throw e`, "",
			[]string{"\n\nError: m\n(Use `node --trace-uncaught ...` to show where the exception was thrown)\n\nNode.js v20.20.2\n"}, 1},
		{"fork of a missing file", `require('child_process').fork('/nonexistent.js').on('exit', (c) => console.log('exit', c))`, "exit 1\n",
			[]string{"=node:internal/modules/cjs/loader:1210\n  throw err;\n  ^\n\nError: Cannot find module '/nonexistent.js'\n    at Module._resolveFilename (node:internal/modules/cjs/loader:1207:15)\n    at Module._load (node:internal/modules/cjs/loader:1038:27)\n    at Function.executeUserEntryPoint [as runMain] (node:internal/modules/run_main:164:12)\n    at node:internal/main/run_main_module:28:49 {\n  code: 'MODULE_NOT_FOUND',\n  requireStack: []\n}\n\nNode.js v20.20.2\n"}, 0},
		{"worker of a missing file", `const w = new (require('worker_threads').Worker)('/nonexistent.js'); w.on('error', (e) => console.log('error', e.code, e.message)); w.on('exit', (c) => console.log('exit', c))`,
			"error MODULE_NOT_FOUND Cannot find module '/nonexistent.js'\nexit 1\n", []string{"="}, 0},
		{"terminate before the worker starts, a transfer list meanwhile", `const { Worker, MessageChannel } = require('worker_threads');
const a = new Worker('setInterval(() => {}, 1)', { eval: true });
a.on('exit', (c) => console.log('a exit', c));
a.terminate().then((c) => console.log('a terminated', c));
const { port1 } = new MessageChannel();
a.postMessage(port1, [port1]);
const b = new Worker('setInterval(() => {}, 1)', { eval: true });
b.on('online', () => b.terminate().then((c) => console.log('b terminated', c)));
b.on('exit', (c) => console.log('b exit', c));`, "a exit 0\na terminated 0\nb exit 1\nb terminated 1\n", []string{"="}, 0},
		{"Object.prototype.get", `Object.prototype.get = 5; console.log('hi', { a: 1 }, new Map([[1, 2]]))`, "hi { a: 1 } Map(1) { 1 => 2 }\n", []string{"="}, 0},
		{"deleted Reflect", `delete globalThis.Reflect; console.log('hi', [1]); setTimeout(() => console.log('later'))`, "hi [ 1 ]\nlater\n", []string{"="}, 0},
		{"replaced Symbol, deleted Object", `globalThis.Symbol = 5; delete globalThis.Object; console.log('hi')`, "hi\n", []string{"="}, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := runJS(t, "main.js", c.src)
			if res.ExitCode != c.code || res.Stdout != c.stdout {
				t.Errorf("exit code %d, stdout %q; want %d, %q; stderr:\n%s", res.ExitCode, res.Stdout, c.code, c.stdout, res.Stderr)
			}
			for _, frag := range c.stderr {
				if whole, ok := strings.CutPrefix(frag, "="); ok {
					if res.Stderr != whole {
						t.Errorf("stderr\n%q\nwant\n%q", res.Stderr, whole)
					}
				} else if !strings.Contains(res.Stderr, frag) {
					t.Errorf("stderr lacks %q:\n%s", frag, res.Stderr)
				}
			}
		})
	}
}

// A panic on a simulated thread is not the program's fault: the run ends as an internal
// engine error, one line on stderr (also through the streaming Stderr, which is all the CLI
// prints) saying where the program was, exit code 70, no Go stack unless asked for.
func TestPanicOnAThreadIsAnInternalError(t *testing.T) {
	for _, debug := range []bool{false, true} {
		var streamed strings.Builder
		opts := Options{Debug: debug, Stderr: func(s string) { streamed.WriteString(s) }}
		sched := loop.NewScheduler(nil)
		th := sched.Spawn(0, 0, func(th *loop.Thread) { th.WaitUntil(time.Millisecond); panic("broken invariant") })
		th.Locate = func() string { return "in f (/app/main.js:3:1)" }
		unwound := false
		sched.Spawn(1, 0, func(th *loop.Thread) { defer func() { unwound = true }(); th.WaitUntil(-1) })
		res := func() (res Result) {
			defer func() { res = internalError(recover(), opts, sched, "out", "err\n") }()
			sched.Run()
			return Result{}
		}()
		want := "err\nlooplab: internal engine error (a bug in Looplab, not in your program): broken invariant (in f (/app/main.js:3:1)); please file it as an issue with the program (LOOPLAB_DEBUG=1 shows the engine's stack)\n"
		if res.ExitCode != 70 || res.Internal != "broken invariant (in f (/app/main.js:3:1))" || res.Stdout != "out" {
			t.Errorf("debug=%v: result %+v", debug, res)
		}
		if !debug && (res.Stderr != want || streamed.String() != strings.TrimPrefix(want, "err\n")) {
			t.Errorf("stderr %q, streamed %q; want %q", res.Stderr, streamed.String(), want)
		}
		if debug && !strings.Contains(res.Stderr, "goroutine ") {
			t.Errorf("debug: no Go stack in %q", res.Stderr)
		}
		if !unwound {
			t.Errorf("debug=%v: a parked thread outlived the crashed run", debug)
		}
	}
}

// testdata/node holds programs with the stdout real Node 20 prints for them (NAME.js,
// NAME.stdout); each must print the same here.
func TestProgramsPrintWhatNodePrints(t *testing.T) {
	programs, _ := filepath.Glob("testdata/node/*.js")
	if len(programs) == 0 {
		t.Fatal("no programs in testdata/node")
	}
	for _, name := range programs {
		t.Run(filepath.Base(name), func(t *testing.T) {
			src, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			want, err := os.ReadFile(strings.TrimSuffix(name, ".js") + ".stdout")
			if err != nil {
				t.Fatal(err)
			}
			res := runJS(t, "main.js", string(src))
			if res.Stdout != string(want) || res.ExitCode != 0 {
				t.Errorf("exit code %d, stderr %q, stdout differs from Node's:\n%s", res.ExitCode, res.Stderr, lineDiff(res.Stdout, string(want)))
			}
		})
	}
}

// lineDiff lists the lines where got and want differ.
func lineDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	var b strings.Builder
	for i := 0; i < max(len(g), len(w)); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			fmt.Fprintf(&b, "line %d:\n  got:  %s\n  want: %s\n", i+1, gl, wl)
		}
	}
	return b.String()
}

// Each way a run can stop says which: a loop that never ends in a worker or a child process
// (not "waits for something that can never happen"), a child's memory limit (named, not taken
// for a deadlock), and a real deadlock still as one.
func TestStopReasonsSayWhich(t *testing.T) {
	cases := []struct{ name, src, stopped string }{
		{"endless worker", `new (require('worker_threads').Worker)('for (;;) {}', { eval: true })`,
			"worker 1 is in an endless loop at [worker eval]:1 and keeps the program alive"},
		{"endless child", `const cp = require('child_process');
if (process.argv[2] === 'child') { for (;;) {} } else cp.fork(__filename, ['child'])`,
			"child process 4243 is in an endless loop at /app/main.js:2 and keeps the program alive"},
		{"child over the memory limit", `const cp = require('child_process');
if (process.argv[2] === 'child') { const a = []; for (;;) a.push('x'.repeat(1 << 20) + a.length) } else cp.fork(__filename, ['child'])`,
			"the program used more than the limit of 256 MiB of memory (in child process 4243)"},
		{"deadlock", `const { Worker } = require('worker_threads');
const w = new Worker('require("worker_threads").parentPort.on("message", () => {})', { eval: true });`,
			"the program waits for something that can never happen"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := runJS(t, "main.js", c.src, func(o *Options) { o.Limits.Memory = 256 << 20 })
			if !strings.HasPrefix(res.Stopped, c.stopped) || res.ExitCode != 124 {
				t.Errorf("stopped %q, exit code %d; want %q..., 124", res.Stopped, res.ExitCode, c.stopped)
			}
		})
	}
}

// process.exit() on the main thread ends the process while a worker computes: the worker lets
// the other threads catch up with its clock as it calls functions, so the main thread's
// message arrives in virtual time, not after the worker watchdog's seconds of real time.
func TestProcessExitDoesNotWaitForABusyWorker(t *testing.T) {
	res := runJS(t, "main.js", `const { Worker } = require('worker_threads');
const w = new Worker('const f = (n) => n < 2 ? n : f(n - 1) + f(n - 2); require("worker_threads").parentPort.postMessage("go"); for (;;) f(20)', { eval: true });
w.on('message', () => { console.log('exit'); process.exit(3) });`)
	if res.Stdout != "exit\n" || res.ExitCode != 3 || res.Stopped != "" {
		t.Fatalf("stdout %q, exit code %d, stopped %q", res.Stdout, res.ExitCode, res.Stopped)
	}
	for _, e := range res.Trace.Events {
		if e.Kind == trace.ThreadExit && e.Thread == 0 && e.Micros > 1_000_000 {
			t.Errorf("the main thread exited at %d µs of virtual time: it waited for the worker", e.Micros)
		}
	}
}
