package engine

import (
	"os"
	"strings"
	"testing"
)

// TestEngineHooksOutOfReach checks that the functions instrumented code calls (the call-stack
// guard, native loops) and the locals it declares are beyond the program's reach: not globals,
// not nameable even by eval, and not in the way of the program's own names. Expected lines
// are real Node 20's output for the same program.
func TestEngineHooksOutOfReach(t *testing.T) {
	src := `console.log([typeof __ll_enter, typeof __ll_leave, typeof __ll_loop, typeof __ll_await, typeof __ll_yield].join(' '));
console.log(Object.getOwnPropertyNames(globalThis).filter(n => /^(__|%)|GoError/.test(n)).length);
for (const src of ['%enter(0)', '__ll_leave(0, -1e15)']) { try { eval(src) } catch (e) { console.log(e.name) } }
var __ll_n = 5, __ll_r = 6;
function h() { let __ll_n = 1; for (let i = 0; i < 3; i++) __ll_n++; let __ll_r = 0; while (__ll_r < 4) __ll_r++; return __ll_n + __ll_r }
console.log(h(), __ll_n, __ll_r);
const t0 = Date.now(); try { __ll_leave(0, -1e15) } catch {} console.log(Date.now() >= t0);
`
	want := "undefined undefined undefined undefined undefined\n0\nSyntaxError\nReferenceError\n8 5 6\ntrue\n"
	res := runJS(t, "main.js", src)
	if res.Stdout != want || res.ExitCode != 0 {
		t.Errorf("got (exit %d):\n%s\nwant:\n%s\nstderr: %s", res.ExitCode, res.Stdout, want, res.Stderr)
	}
}

// TestGlobalsAreNodes checks that every global property a program sees is one Node 20 has
// (testdata/node-globals.txt is `Object.getOwnPropertyNames(globalThis)` in node v20.20.2).
func TestGlobalsAreNodes(t *testing.T) {
	data, err := os.ReadFile("testdata/node-globals.txt")
	if err != nil {
		t.Fatal(err)
	}
	node := map[string]bool{}
	for _, name := range strings.Fields(string(data)) {
		node[name] = true
	}
	res := runJS(t, "main.js", "console.log(Object.getOwnPropertyNames(globalThis).join('\\n'));")
	for _, name := range strings.Fields(res.Stdout) {
		if !node[name] {
			t.Errorf("global %q is not one of Node's", name)
		}
	}
	if len(strings.Fields(res.Stdout)) < 60 {
		t.Errorf("too few globals, the program did not run? stdout:\n%s\nstderr:\n%s", res.Stdout, res.Stderr)
	}
}

// TestBuiltinsHaveNodesNames checks that functions the engine implements in Go are named as
// Node names them, print as native code, and never show a Go symbol (goja names a Go function
// after it, e.g. "looplab/engine/node.(*Realm).installTimers.func1"), in their name, their
// source text or a stack trace; the names expected are real Node 20's.
func TestBuiltinsHaveNodesNames(t *testing.T) {
	src := `const { Worker } = require('worker_threads');
console.log([setTimeout, setInterval, setImmediate, clearTimeout, clearInterval, clearImmediate, queueMicrotask, require, process.nextTick, require.resolve].map(f => f.name).join(' '));
console.log(String(setTimeout).startsWith('function setTimeout('), String(queueMicrotask).startsWith('function queueMicrotask('));
const goName = /looplab|\.func\d|-fm\b|\(\*/;
const bad = [], seen = new Set();
function walk(o, path, depth) {
  if (o === null || (typeof o !== 'object' && typeof o !== 'function') || seen.has(o) || depth > 4) return;
  seen.add(o);
  for (const k of Reflect.ownKeys(o)) {
    const d = Reflect.getOwnPropertyDescriptor(o, k);
    for (const v of [d.value, d.get, d.set]) {
      if (typeof v === 'function' && (goName.test(v.name) || goName.test(String(v)))) bad.push(path + '.' + String(k) + ': ' + v.name);
      walk(v, path + '.' + String(k), depth + 1);
    }
  }
  walk(Object.getPrototypeOf(o), path + '.__proto__', depth + 1);
}
walk(globalThis, 'globalThis', 0);
for (const m of ['fs', 'os', 'net', 'crypto', 'child_process', 'worker_threads', 'dns', 'zlib', 'timers', 'util', 'events', 'http', 'cluster', 'perf_hooks', 'v8', 'buffer', 'stream']) walk(require(m), m, 0);
walk(require('crypto').createHash('sha1'), 'hash', 0);
walk(require('net').createServer(), 'server', 0);
const w = new Worker('1', { eval: true });
walk(w, 'worker', 0);
w.terminate();
let stack = '';
try { require('fs').readFileSync('/nonexistent') } catch (e) { stack = e.stack }
if (goName.test(stack)) bad.push('stack: ' + stack);
console.log(bad.length ? bad.join('\n') : 'none');
`
	want := "setTimeout setInterval setImmediate clearTimeout clearInterval clearImmediate queueMicrotask require nextTick resolve\ntrue true\nnone\n"
	res := runJS(t, "main.js", src)
	if res.Stdout != want {
		t.Errorf("got:\n%s\nwant:\n%s\nstderr: %s", res.Stdout, want, res.Stderr)
	}
}
