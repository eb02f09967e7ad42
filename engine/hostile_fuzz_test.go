package engine

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// FuzzHostile runs programs a hostile user would write: a base program (a conformance case, a
// class of crash found before, or nothing) followed by statements that the fuzzer's bytes pick
// from the Node API surface, called with odd arguments (negative, huge, NaN, Proxies, throwing
// getters, revoked objects, cycles, wrong types), caught or left to escape, at once or from a
// callback. Whatever the program does, the engine must end the run within its limits and
// print nothing of its own Go: no panic, no internal error, no Go stack or frame.
//
//	go test ./engine -run '^$' -fuzz FuzzHostile -parallel 1 -fuzztime 10m
func FuzzHostile(f *testing.F) {
	for _, name := range conformanceCases() {
		if b, err := os.ReadFile(name); err == nil {
			f.Add(string(b), []byte{})
		}
	}
	for _, src := range hostileClasses {
		f.Add(src, []byte{})
	}
	// Each generator seed walks a different part of the tables.
	for i := 0; i < 32; i++ {
		f.Add("", []byte{byte(i), byte(i * 7), byte(i * 13), byte(i * 31), byte(255 - i), byte(i * 3), byte(i * 5), byte(i * 11)})
	}
	f.Fuzz(func(t *testing.T, base string, choices []byte) {
		src := base + "\n" + hostileProgram(choices)
		limits := Limits{RealTime: 5 * time.Second, Callbacks: 20_000, VirtualTime: time.Minute, Events: 20_000, Memory: 1 << 30}
		started := time.Now()
		res := runJS(t, "main.js", src, func(o *Options) { o.Limits = limits; o.Syntax = testSyntax })
		// The real-time limit interrupts JavaScript; a run that outlives it by far is stuck
		// somewhere no interrupt reaches.
		if took := time.Since(started); took > limits.RealTime+30*time.Second {
			t.Fatalf("the run took %s, past its limit of %s:\n%s", took, limits.RealTime, src)
		}
		if res.ExitCode == exitInternal || res.Internal != "" {
			t.Fatalf("internal engine error:\n%s\n--- program:\n%s", res.Stderr, src)
		}
		for _, out := range []string{res.Stdout, res.Stderr} {
			if marker := goOutput(out); marker != "" {
				t.Fatalf("Go output (%q) reached the program's output:\n%s\n--- program:\n%s", marker, out, src)
			}
		}
	})
}

// conformanceCases are the corpus's programs, beside the checkout or at $LOOPLAB_CONFORMANCE;
// none if it is not there.
func conformanceCases() []string {
	dir := os.Getenv("LOOPLAB_CONFORMANCE")
	if dir == "" {
		dir = "../../shared/conformance"
	}
	names, _ := filepath.Glob(filepath.Join(dir, "cases", "*.js"))
	return names
}

// goOutput reports the first sign of the engine's Go in a run's output, or "".
func goOutput(out string) string {
	for _, marker := range []string{"goroutine ", ".go:", "looplab/engine", "GoError", "panic:", "runtime error"} {
		if strings.Contains(out, marker) {
			return marker
		}
	}
	return ""
}

// hostileClasses are the crashes of issue 10, each a seed of its class.
var hostileClasses = []string{
	`require('util').deprecate(function () {}, 'x')()`,
	`process.emitWarning('x', 'DeprecationWarning')`,
	`const { Worker } = require('worker_threads'); new Worker('/nonexistent.js').on('error', (e) => console.log(e.code))`,
	`require('child_process').fork('/nonexistent.js').on('exit', (c) => console.log(c))`,
	`const fs = require('fs'); const fd = fs.openSync('/tmp/x', 'w+'); fs.ftruncateSync(fd, -1); fs.readSync(fd, Buffer.alloc(4), -1, 1, 0)`,
	`const { proxy, revoke } = Proxy.revocable({}, {}); revoke(); throw proxy`,
	`Object.prototype.get = 5; throw new Error('x')`,
	`delete globalThis.Reflect; throw new Error('x')`,
	`throw { get stack() { throw new Error('stack') }, toString() { throw new Error('toString') } }`,
	`Promise.reject(new Proxy({}, { getPrototypeOf() { throw new Error('proto') } }))`,
	`const { Worker } = require('worker_threads'); const w = new Worker('setInterval(() => {}, 1)', { eval: true });
const { port1 } = new MessageChannel(); w.terminate(); w.postMessage(port1, [port1])`,
}

// hostileValues are the odd arguments; the prelude defines the named ones.
var hostileValues = []string{
	"-1", "-0", "0", "1.5", "2**31", "2**32", "2**53", "-(2**53)", "2**60", "1e300", "NaN", "Infinity", "-Infinity",
	"''", "'x'", "'\\u0000'", "'utf8'", "'bogus'", "'/tmp/f.txt'", "'/nonexistent'", "'a'.repeat(300)",
	"null", "undefined", "true", "{}", "[]", "[1, [2, [3]]]", "Symbol('s')", "10n", "-1n", "2n ** 64n",
	"() => {}", "function () { throw new Error('cb') }", "async () => { throw 1 }",
	"GETTER", "REVOKED", "TRAP", "CYCLE", "NOPROTO", "Buffer.alloc(4)", "new Uint8Array(2)",
	"new ArrayBuffer(8)", "new DataView(new ArrayBuffer(2))", "new Date(NaN)", "/x/g", "new Error('e')",
	"{ toString() { throw new Error('toString') } }", "{ valueOf() { throw 1 } }",
	"{ [Symbol.toPrimitive]() { throw 2 } }", "{ length: -1 }", "{ length: 2**32 }", "fd", "new Map([[1, CYCLE]])",
	"new Set([TRAP])", "Promise.reject(3)", "new EventEmitter()", "process", "globalThis",
}

// hostileCalls are the API surface; each $ is an argument from hostileValues.
var hostileCalls = []string{
	"fs.readSync(fd, $, $, $, $)", "fs.writeSync(fd, $, $, $, $)", "fs.ftruncateSync(fd, $)", "fs.truncateSync($, $)",
	"fs.read(fd, $, $, $, $, () => {})", "fs.write(fd, $, $, () => {})", "fs.readFileSync($, $)",
	"fs.writeFileSync($, $, $)", "fs.mkdirSync($, $)", "fs.statSync($, $)", "fs.readdirSync($, $)",
	"fs.openSync($, $)", "fs.closeSync($)", "fs.readFile($, $, () => {})", "fs.createReadStream($, $).on('error', () => {})",
	"fs.promises.readFile($).catch(() => {})", "fs.existsSync($)", "fs.rmSync($, $)", "fs.copyFileSync($, $)",
	"Buffer.alloc($, $)", "Buffer.from($, $)", "Buffer.concat($, $)", "Buffer.byteLength($, $)", "Buffer.compare($, $)",
	"Buffer.alloc(8).write($, $, $)", "Buffer.alloc(8).readUInt32LE($)", "Buffer.alloc(8).fill($, $, $)",
	"Buffer.alloc(8).toString($, $, $)", "Buffer.alloc(8).slice($, $)", "Buffer.alloc(8).copy($, $, $)",
	"util.inspect($, $)", "util.format($, $, $)", "util.inspect($, { depth: $, showHidden: true })",
	"util.isDeepStrictEqual($, $)", "util.promisify($)", "util.deprecate(() => 1, $)()", "util.types.isProxy($)",
	"console.log($, $)", "console.error($)", "console.table($)", "console.dir($, $)", "console.assert($, $)",
	"console.count($)", "console.time($)", "console.group($)",
	"structuredClone($)", "JSON.stringify($)", "String($)", "`${$}`", "$ + ''", "Object.keys($)",
	"path.join($, $)", "path.resolve($)", "path.parse($)", "new URL($, $)", "url.parse($)", "qs.stringify($)",
	"qs.parse($)", "new StringDecoder($).write($)",
	"setTimeout($, $)", "setImmediate($)", "process.nextTick($, $)", "queueMicrotask($)", "clearTimeout($)",
	"setTimeout(() => { throw $ }, $)", "Promise.reject($)", "Promise.resolve($).then($)", "throw $",
	"process.emitWarning($, $)", "process.emit($, $)", "process.on($, $)", "process.exitCode = $",
	"process.hrtime($)", "process.cwd.call($)", "process.memoryUsage()", "process.kill($, $)",
	"new EventEmitter().emit('error', $)", "new EventEmitter().on($, $).emit($, $)",
	"events.once($, $).catch(() => {})", "new EventEmitter().setMaxListeners($)",
	"crypto.createHash($).update($).digest($)", "crypto.randomBytes($)", "crypto.randomInt($, $)",
	"crypto.createHmac($, $).update($).digest()", "crypto.pbkdf2Sync($, $, 1, $, 'sha256')",
	"crypto.scryptSync($, $, 16)", "crypto.randomFillSync($, $, $)",
	"zlib.gzipSync($, $)", "zlib.gunzipSync($)", "zlib.inflateSync($)", "zlib.deflate($, () => {})",
	"new Worker($, { eval: true }).on('error', () => {})", "new Worker($, $).on('error', () => {})",
	"new MessageChannel().port1.postMessage($, $)", "new SharedArrayBuffer($)", "Atomics.wait($, $, $, $)",
	"Atomics.add(new Int32Array(new SharedArrayBuffer(8)), $, $)", "cp.fork($, $).on('error', () => {})",
	"cp.execSync($)", "cp.spawn($, $).on('error', () => {})",
	"assert.deepStrictEqual($, $)", "assert.strictEqual($, $)", "assert.throws($, $)",
	"os.cpus()[$]", "os.userInfo($)", "dns.lookup($, $, () => {})", "net.createServer($).listen($, $)",
	"net.connect($, $).on('error', () => {})", "new AbortController().abort($)", "AbortSignal.timeout($)",
	"performance.mark($)", "new TextDecoder($).decode($)", "new TextEncoder().encode($)", "atob($)", "btoa($)",
	"Reflect.apply($, $, $)", "new Proxy($, $)", "Object.setPrototypeOf($, $)", "Object.defineProperty($, $, $)",
	"Array.from($)", "new Array($)", "Array.prototype.join.call($, $)", "$.toString()", "$()", "new $()",
	"Error.captureStackTrace($)", "Error.prepareStackTrace = $", "Object.prototype.get = $",
	"globalThis.Reflect = $", "Symbol.prototype.toString = $", "Function.prototype.toString = $",
}

// hostilePrelude names the odd values and loads the modules the calls use.
const hostilePrelude = `const fs = require('fs'), util = require('util'), path = require('path'), events = require('events');
const crypto = require('crypto'), zlib = require('zlib'), os = require('os'), url = require('url');
const qs = require('querystring'), cp = require('child_process'), assert = require('assert'), dns = require('dns');
const net = require('net'), { StringDecoder } = require('string_decoder'), { Worker } = require('worker_threads');
const { EventEmitter } = events;
const GETTER = { get x() { throw new Error('getter') }, get length() { throw new Error('length') } };
const REVOKED = (() => { const r = Proxy.revocable({}, {}); r.revoke(); return r.proxy; })();
const TRAP = new Proxy(function () {}, { get() { throw new Error('get') }, has() { throw 1 }, ownKeys() { throw 2 },
  getPrototypeOf() { throw 3 }, getOwnPropertyDescriptor() { throw 4 }, apply() { throw 5 }, construct() { throw 6 } });
const CYCLE = { a: [1] }; CYCLE.self = CYCLE; CYCLE.a.push(CYCLE);
const NOPROTO = Object.create(null);
fs.writeFileSync('/tmp/f.txt', 'hello');
const fd = fs.openSync('/tmp/f.txt', 'r+');
`

// hostileProgram turns the fuzzer's bytes into statements: each one picks a call, its
// arguments, and how it runs (caught, uncaught, or later from a timer).
func hostileProgram(choices []byte) string {
	if len(choices) == 0 {
		return ""
	}
	next := func() int {
		if len(choices) == 0 {
			return 0
		}
		b := int(choices[0])
		choices = choices[1:]
		return b
	}
	var b strings.Builder
	b.WriteString(hostilePrelude)
	for n := 0; len(choices) > 0 && n < 12; n++ {
		call := hostileCalls[(next()<<8|next())%len(hostileCalls)]
		for i := strings.IndexByte(call, '$'); i >= 0; i = strings.IndexByte(call, '$') {
			call = call[:i] + "(" + hostileValues[next()%len(hostileValues)] + ")" + call[i+1:]
		}
		switch mode := next() % 4; mode {
		case 0:
			b.WriteString("try { " + call + " } catch (e) { console.log('caught', typeof e) }\n")
		case 1:
			b.WriteString("setTimeout(() => { " + call + " }, " + strconv.Itoa(next()%10) + ")\n")
		case 2:
			b.WriteString("Promise.resolve().then(() => { " + call + " })\n")
		default:
			b.WriteString("try { " + call + " } catch (e) { console.log(e) }\n")
		}
	}
	return b.String()
}
