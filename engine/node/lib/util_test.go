package lib

import (
	"bufio"
	"encoding/json"
	"flag"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/dop251/goja"
)

// -update regenerates testdata/util/expected.json by running node. The flag is shared with
// other tests of the package that may define it too, so it is only defined if still missing.
func init() {
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "regenerate golden files by running node")
	}
}

func updateRequested() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

const (
	utilCasesFile    = "testdata/util/cases.txt"
	utilExpectedFile = "testdata/util/expected.json"
)

// utilKnownDifferences lists cases whose output knowingly differs from Node's, with the reason.
// They are run and logged but do not fail the test.
var utilKnownDifferences = map[string]string{
	"util.inspect((() => { class Foo { constructor() { this.x = 1; } } const f = new Foo(); Object.setPrototypeOf(f, null); return f; })())": "goja does not remember the constructor of an object whose prototype was set to null, V8 does",
	"util.format('%o', function foo() {})": "goja orders function own properties prototype, length, name and has no sloppy arguments/caller; V8: length, name, arguments, caller, prototype",
}

type utilCase struct {
	JS  string `json:"js"`
	Out string `json:"out"`
}

func newUtilRuntime(t *testing.T) *testRuntime {
	tr := newTestRuntime(t, nil)
	tr.bindings = map[string]map[string]any{"util": UtilBinding(tr.rt)}
	tr.rt.Set("util", tr.require("util"))
	return tr
}

func readUtilCases(t *testing.T) []string {
	f, err := os.Open(utilCasesFile)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var cases []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cases = append(cases, line)
	}
	return cases
}

// nodeUtilScript evaluates every case in real Node and prints [{js, out}] as JSON.
const nodeUtilScript = `
const util = require('util');
const fs = require('fs');
const cases = JSON.parse(fs.readFileSync(0, 'utf8'));
const out = cases.map((js) => {
  let res;
  try { res = String((0, eval)(js)); } catch (e) { res = 'THROW ' + e.name + ': ' + e.message; }
  return { js, out: res };
});
process.stdout.write(JSON.stringify(out, null, 1) + '\n');
`

func updateUtilExpected(t *testing.T, cases []string) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatal("-update needs node on PATH")
	}
	in, _ := json.Marshal(cases)
	// util must be a global for indirect eval: define it before running the script.
	cmd := exec.Command(node, "-e", "globalThis.util = require('util');"+nodeUtilScript)
	cmd.Stdin = strings.NewReader(string(in))
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v", err)
	}
	if err := os.WriteFile(utilExpectedFile, out, 0o644); err != nil {
		t.Fatal(err)
	}
}

func evalUtilCase(rt *goja.Runtime, js string) (res string) {
	defer func() {
		if r := recover(); r != nil {
			res = "PANIC " + strings.TrimSpace(strings.Split(toString(r), "\n")[0])
		}
	}()
	v, err := rt.RunString(js)
	if err != nil {
		if ex, ok := err.(*goja.Exception); ok {
			if o, ok := ex.Value().(*goja.Object); ok {
				return "THROW " + o.Get("name").String() + ": " + o.Get("message").String()
			}
		}
		return "ERROR " + err.Error()
	}
	return v.String()
}

func toString(v any) string {
	if e, ok := v.(error); ok {
		return e.Error()
	}
	if s, ok := v.(string); ok {
		return s
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// TestUtilCases compares util.inspect/util.format/... in goja with Node's real output.
func TestUtilCases(t *testing.T) {
	cases := readUtilCases(t)
	if updateRequested() {
		updateUtilExpected(t, cases)
	}
	data, err := os.ReadFile(utilExpectedFile)
	if err != nil {
		t.Fatalf("%v (run with -update and node on PATH)", err)
	}
	var expected []utilCase
	if err := json.Unmarshal(data, &expected); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{}
	for _, c := range expected {
		want[c.JS] = c.Out
	}
	tr := newUtilRuntime(t)
	pass, known := 0, 0
	for _, js := range cases {
		exp, ok := want[js]
		if !ok {
			t.Errorf("no expectation for %s (run with -update)", js)
			continue
		}
		got := evalUtilCase(tr.rt, js)
		if got == exp {
			pass++
			continue
		}
		if reason, ok := utilKnownDifferences[js]; ok {
			known++
			t.Logf("known difference (%s): %s\n got: %q\nwant: %q", reason, js, got, exp)
			continue
		}
		t.Errorf("%s\n got: %s\nwant: %s", js, got, exp)
	}
	t.Logf("util cases: %d of %d match node; %d known differences", pass, len(cases), known)
}

// TestUtilHost covers what needs more than one expression or what Node cannot be asked
// directly (the Buffer marker, goja's own stacks, warnings, promise jobs). Expected strings
// were taken from node v20.
func TestUtilHost(t *testing.T) {
	tr := newUtilRuntime(t)
	check := func(js, want string) {
		t.Helper()
		if got := evalUtilCase(tr.rt, js); got != want {
			t.Errorf("%s\n got: %q\nwant: %q", js, got, want)
		}
	}
	// A stand-in for buffer.js: Uint8Array subclass carrying the marker.
	tr.eval(`class Buffer extends Uint8Array {}
		Buffer.prototype[Symbol.for('looplab.buffer')] = true;
		Buffer.from = (s) => { const b = new Buffer(s.length); for (let i = 0; i < s.length; i++) b[i] = s.charCodeAt(i); return b; };
		Buffer.alloc = (n) => new Buffer(n);`)
	check(`util.inspect(Buffer.from('hi'))`, `<Buffer 68 69>`)
	check(`(() => { const b = Buffer.from('hi'); b.extra = 1; return util.inspect(b); })()`, `<Buffer 68 69, extra: 1>`)
	check(`util.inspect(Buffer.alloc(60))`, "<Buffer "+strings.TrimSpace(strings.Repeat("00 ", 50))+" ... 10 more bytes>")
	check(`util.inspect({ buf: Buffer.from([1, 2, 3].map((c) => String.fromCharCode(c)).join('')) })`, `{ buf: <Buffer 01 02 03> }`)
	check(`util.inspect(Buffer.alloc(0))`, `<Buffer >`)
	check(`util.isBuffer(Buffer.alloc(1)) + ' ' + util.isBuffer(new Uint8Array(1))`, `true false`)
	check(`util.inspect(Buffer.from('hi'), { customInspect: false })`, `Buffer(2) [Uint8Array] [ 104, 105 ]`)

	// deprecate warns once through process.emitWarning.
	tr.eval(`globalThis.warnings = []; globalThis.process = { emitWarning: (msg, type, code) => warnings.push([msg, type, typeof code === 'string' ? code : typeof code].join('|')) };`)
	check(`(() => { const f = util.deprecate((a) => a * 2, 'f is old', 'DEP0'); const r = f(1) + f(2); const g = util.deprecate(() => 0, 'g is old', 'DEP0'); g(); const h = util.deprecate(() => 0, 'h is old'); h(); h(); return r + ' ' + warnings.join(';'); })()`,
		`6 f is old|DeprecationWarning|DEP0;h is old|DeprecationWarning|function`)
	tr.eval(`delete globalThis.process`)

	// promisify, callbackify, and promise state across job runs.
	tr.eval(`globalThis.log = [];
		const add = (a, b, cb) => cb(null, a + b);
		const fail = (cb) => cb(new Error('nope'));
		util.promisify(add)(1, 2).then((v) => log.push('sum ' + v));
		util.promisify(fail)().catch((e) => log.push('err ' + e.message));
		util.callbackify(async (x) => x * 3)(5, (err, v) => log.push('cb ' + err + ' ' + v));
		util.callbackify(async () => { throw null; })((err) => log.push('falsy ' + err.code + ' ' + err.reason));
		globalThis.later = new Promise((r) => Promise.resolve().then(() => r('done')));`)
	check(`log.sort().join(', ')`, `cb null 15, err nope, falsy ERR_FALSY_VALUE_REJECTION null, sum 3`)
	check(`util.inspect(later)`, `Promise { 'done' }`)

	// Map and Set iterators show only what is left, also after deletions.
	check(`(() => { const m = new Map([[1, 'a'], [2, 'b'], [3, 'c']]); const it = m.entries(); it.next(); m.delete(2); return util.inspect(it); })()`, `[Map Entries] { [ 3, 'c' ] }`)
	check(`(() => { const s = new Set([1, 2]); const it = s.values(); it.next(); it.next(); return util.inspect(it); })()`, `[Set Iterator] {  }`)

	check(`util.inspect(new Proxy({}, {}), { showProxy: true })`, `Proxy [ {}, {} ]`)
	check(`new util.TextDecoder().decode(new Uint8Array([0xe2, 0x82, 0xac, 0xff]))`, "\u20ac\ufffd")
}
