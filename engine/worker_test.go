package engine

import (
	"strings"
	"testing"
	"time"

	"looplab/engine/trace"
)

// Tests of worker_threads, SharedArrayBuffer, Atomics and structured clone, run through
// engine.Run in deterministic mode.

func expectStdout(t *testing.T, src, want string) Result {
	t.Helper()
	res := runJS(t, "main.js", src)
	if res.Stdout != want {
		t.Errorf("stdout\n got: %q\nwant: %q\nstderr: %s", res.Stdout, want, res.Stderr)
	}
	return res
}

func TestStructuredCloneKinds(t *testing.T) {
	expectStdout(t, `
const re = /a+b/gi, d = new Date(86400000);
const src = { n: -0, s: 'x', big: 10n, arr: [1, , 3], m: new Map([[1, { k: 'v' }]]), set: new Set(['a']),
  d, re, u8: new Uint8Array([1, 2, 3]), err: new RangeError('bad'), nested: {} };
src.self = src;
src.nested.back = src.nested;
const c = structuredClone(src);
console.log(c !== src, c.self === c, c.nested.back === c.nested, Object.is(c.n, -0), c.big === 10n);
console.log(c.arr.length, 1 in c.arr, c.m.get(1).k, c.set.has('a'));
console.log(c.d instanceof Date, c.d.getTime(), c.re instanceof RegExp, c.re.source, c.re.flags);
console.log(c.u8 instanceof Uint8Array, Array.from(c.u8).join(), c.u8.buffer !== src.u8.buffer);
console.log(c.err instanceof RangeError, c.err.message);
class P { constructor() { this.x = 1; } hi() {} }
const p = structuredClone(new P());
console.log(Object.getPrototypeOf(p) === Object.prototype, p.x, typeof p.hi);
for (const bad of [() => {}, { f() {} }, Symbol('s')]) {
  try { structuredClone(bad); console.log('cloned?'); } catch (e) { console.log(e.name, e.message, e.code); }
}
`, `true true true true true
3 false v true
true 86400000 true a+b gi
true 1,2,3 true
true bad
true 1 undefined
DataCloneError () => {} could not be cloned. 25
DataCloneError f() {} could not be cloned. 25
DataCloneError Symbol(s) could not be cloned. 25
`)
}

func TestWorkerBasicsAndTrace(t *testing.T) {
	res := expectStdout(t, `
const { Worker, isMainThread, parentPort, workerData, threadId } = require('worker_threads');
if (isMainThread) {
  const w = new Worker(__filename, { workerData: { list: [1, 2, 3], when: new Date(0) } });
  w.on('online', () => console.log('online'));
  w.on('message', (m) => console.log('got', JSON.stringify(m)));
  w.on('exit', (code) => console.log('exit', code, w.threadId));
} else {
  parentPort.postMessage({ threadId, isMainThread, sum: workerData.list.reduce((a, b) => a + b), date: workerData.when instanceof Date });
}
`, "online\ngot {\"threadId\":1,\"isMainThread\":false,\"sum\":6,\"date\":true}\nexit 0 1\n")
	var start, exit *trace.Event
	var msgEnqueue, msgRun bool
	for i, e := range res.Trace.Events {
		switch {
		case e.Kind == trace.ThreadStart && e.Role == "worker":
			start = &res.Trace.Events[i]
		case e.Kind == trace.ThreadExit && start != nil && e.Thread == start.Thread:
			exit = &res.Trace.Events[i]
		case e.Kind == trace.Enqueue && e.Label == "message from worker 1" && e.Thread == 0 && e.Cause != 0:
			msgEnqueue = true
		case e.Kind == trace.CallbackRun && e.Label == "message from worker 1":
			msgRun = true
		}
	}
	if start == nil || start.Parent != 0 || start.N != 1 || start.Name != "worker 1" {
		t.Fatalf("worker thread-start missing or wrong: %+v", start)
	}
	if exit == nil || exit.Code == nil || *exit.Code != 0 {
		t.Fatalf("worker thread-exit missing or wrong: %+v", exit)
	}
	if exit.T < start.T+10*time.Millisecond {
		t.Errorf("worker ran %v after its creation, want at least the modeled start-up", exit.T-start.T)
	}
	if !msgEnqueue || !msgRun {
		t.Errorf("message from the worker not traced as a caused enqueue and a run (enqueue %v, run %v)", msgEnqueue, msgRun)
	}
}

func TestWorkerMessagesBothWaysAndClose(t *testing.T) {
	expectStdout(t, `
const { Worker } = require('worker_threads');
const w = new Worker(`+"`"+`
  const { parentPort } = require('worker_threads');
  parentPort.on('message', (m) => m === 'bye' ? parentPort.close() : parentPort.postMessage(m.map((x) => x * 2)));
`+"`"+`, { eval: true });
w.postMessage([1, 2]);
w.postMessage([3]);
w.on('message', (m) => { console.log(m.join()); if (m[0] === 6) w.postMessage('bye'); });
w.on('exit', (c) => console.log('exit', c));
`, "2,4\n6\nexit 0\n")
}

func TestWorkerErrorExitAndTerminate(t *testing.T) {
	expectStdout(t, `
const { Worker } = require('worker_threads');
const a = new Worker('class MyError extends Error {}; const e = new MyError("x"); e.code = "E_X"; throw e;', { eval: true });
a.on('error', (e) => console.log('error', e instanceof Error, e.message, e.code));
a.on('exit', (c) => {
  console.log('a exit', c);
  const b = new Worker('process.on("exit", (c) => {}); setTimeout(() => process.exit(9), 5)', { eval: true });
  b.on('exit', (c) => {
    console.log('b exit', c);
    const c2 = new Worker('setInterval(() => {}, 1000)', { eval: true });
    c2.on('online', async () => console.log('terminated with', await c2.terminate()));
  });
});
`, "error true x E_X\na exit 1\nb exit 9\nterminated with 1\n")
}

func TestWorkerUncaughtWithoutListenerCrashesMain(t *testing.T) {
	res := runJS(t, "main.js", `
const { Worker } = require('worker_threads');
new Worker('throw new TypeError("nobody listens")', { eval: true });
`)
	if res.ExitCode != 1 || !strings.Contains(res.Stderr, "nobody listens") {
		t.Errorf("exit %d, stderr %q: want the worker's error to become the main thread's uncaught exception", res.ExitCode, res.Stderr)
	}
}

func TestWorkerUnrefLetsMainExit(t *testing.T) {
	res := expectStdout(t, `
const { Worker } = require('worker_threads');
const w = new Worker('setInterval(() => {}, 10)', { eval: true });
w.unref();
setTimeout(() => console.log('main done'), 30);
`, "main done\n")
	if res.ExitCode != 0 || res.Stopped != "" {
		t.Errorf("exit %d, stopped %q", res.ExitCode, res.Stopped)
	}
}

func TestTransferDetachesAndSharedMemoryIsShared(t *testing.T) {
	expectStdout(t, `
const { Worker, MessageChannel } = require('worker_threads');
const ab = new ArrayBuffer(8);
const sab = new SharedArrayBuffer(8);
const { port1, port2 } = new MessageChannel();
port1.postMessage({ ab, sab }, [ab]);
console.log('after post', ab.byteLength, sab.byteLength, sab instanceof SharedArrayBuffer, sab instanceof ArrayBuffer);
port2.once('message', ({ ab: got, sab: s }) => {
  console.log('received', got.byteLength, s instanceof SharedArrayBuffer);
  new Int32Array(s)[1] = 42;
  console.log('shared write seen', new Int32Array(sab)[1]);
  port2.close();
});
try { port1.postMessage(ab); } catch (e) { console.log(e.name, e.message); }
`, "after post 0 8 true false\nDataCloneError An ArrayBuffer is detached and could not be cloned.\nreceived 8 true\nshared write seen 42\n")
}

func TestAtomicsOperations(t *testing.T) {
	expectStdout(t, `
const ia = new Int32Array(new SharedArrayBuffer(16));
console.log(Atomics.add(ia, 0, 5), Atomics.sub(ia, 0, 2), Atomics.load(ia, 0));
console.log(Atomics.or(ia, 1, 6), Atomics.and(ia, 1, 3), Atomics.xor(ia, 1, 1), Atomics.load(ia, 1));
console.log(Atomics.exchange(ia, 2, 7), Atomics.compareExchange(ia, 2, 7, 9), Atomics.compareExchange(ia, 2, 1, 2), ia[2]);
console.log(Atomics.store(ia, 3, 2 ** 32 + 3), ia[3], Atomics.isLockFree(4), Atomics.notify(ia, 0, 1));
const u8 = new Uint8Array(new SharedArrayBuffer(1));
console.log(Atomics.add(u8, 0, 300), u8[0]);
console.log(Atomics.wait(ia, 0, 0), Atomics.wait(ia, 0, 3, 10));
try { Atomics.wait(new Int32Array(4), 0, 0); } catch (e) { console.log(e.constructor.name); }
try { Atomics.load(ia, 4); } catch (e) { console.log(e.constructor.name); }
const r = Atomics.waitAsync(ia, 0, 3, 20);
console.log(r.async);
r.value.then((v) => console.log('waitAsync', v));
setTimeout(() => {}, 30); // a pending waitAsync alone does not keep the loop alive
`, "0 5 3\n0 6 2 3\n0 7 9 9\n4294967299 3 true 0\n0 44\nnot-equal timed-out\nTypeError\nRangeError\ntrue\nwaitAsync timed-out\n")
}

func TestAtomicsWaitBlocksMainThreadUntilNotified(t *testing.T) {
	res := expectStdout(t, `
const { Worker } = require('worker_threads');
const ia = new Int32Array(new SharedArrayBuffer(4));
new Worker('const { workerData: ia } = require("worker_threads"); setTimeout(() => { Atomics.store(ia, 0, 1); Atomics.notify(ia, 0); }, 40)', { eval: true, workerData: ia });
const t0 = Date.now();
setTimeout(() => console.log('timer waited for the blocked thread'), 1);
console.log(Atomics.wait(ia, 0, 0), Atomics.load(ia, 0), Date.now() - t0 >= 40);
`, "ok 1 true\ntimer waited for the blocked thread\n")
	blocked, unblocked := false, false
	for _, e := range res.Trace.Events {
		if e.Thread == 0 && e.Kind == trace.Blocked {
			blocked = true
		}
		if e.Thread == 0 && e.Kind == trace.Unblocked && blocked {
			unblocked = true
		}
	}
	if !blocked || !unblocked {
		t.Errorf("main thread not traced as blocked then unblocked")
	}
}

func TestWorkersShareTheProcessPool(t *testing.T) {
	res := runJS(t, "main.js", `
const { Worker } = require('worker_threads');
for (let i = 0; i < 2; i++) new Worker('require("fs").readFile(__filename === "[worker eval]" ? "/app/main.js" : __filename, () => {})', { eval: true });
`)
	pools := map[int]bool{}
	for _, e := range res.Trace.Events {
		if e.Kind == trace.ThreadStart && e.Role == "pool" {
			if pools[e.N] {
				t.Errorf("pool thread %d started twice: the pool must be one per process", e.N)
			}
			pools[e.N] = true
		}
	}
	if res.ExitCode != 0 {
		t.Errorf("exit %d, stderr %s", res.ExitCode, res.Stderr)
	}
}

func TestTerminateStopsASpinningWorker(t *testing.T) {
	if testing.Short() {
		t.Skip("waits for the watchdog's real-time quantum")
	}
	start := time.Now()
	expectStdout(t, `
const { Worker } = require('worker_threads');
const w = new Worker('require("worker_threads").parentPort.postMessage("spin"); for (;;) {}', { eval: true });
w.once('message', async () => console.log('terminated', await w.terminate()));
`, "terminated 1\n")
	if time.Since(start) > 20*time.Second {
		t.Errorf("took %v", time.Since(start))
	}
}

// A worker that computes for a second or more of real time in goja (calls, not a native loop)
// is not taken for a stuck one: it posts its result. fib(27) takes about 1 s on a quiet
// machine, a tenth of the watchdog's quantum, so that a loaded one does not reach it.
func TestWorkerComputingForSecondsIsNotStopped(t *testing.T) {
	if testing.Short() {
		t.Skip("computes for about 1 s")
	}
	res := runJS(t, "main.js", `const { Worker, isMainThread, parentPort } = require('worker_threads');
const fib = (n) => (n < 2 ? n : fib(n - 1) + fib(n - 2));
if (isMainThread) new Worker(__filename).on('message', (v) => console.log('fib(27) =', v));
else parentPort.postMessage(fib(27));`)
	if res.Stdout != "fib(27) = 196418\n" {
		t.Fatalf("stdout %q, stderr %q", res.Stdout, res.Stderr)
	}
}
