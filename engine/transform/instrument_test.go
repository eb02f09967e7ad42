package transform

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/dop251/goja"
)

// host is a minimal stand-in for the engine's call-stack bookkeeping: it
// keeps the simulated stack, throws Node's RangeError past limit, and checks
// that every leave matches the frame on top.
type host struct {
	vm     *goja.Runtime
	limit  int
	stack  []int
	max    int
	log    []string
	infos  []FuncInfo
	broken string
}

func newHost(t testing.TB, infos []FuncInfo, limit int) *host {
	t.Helper()
	h := &host{vm: goja.New(), limit: limit, infos: infos}
	must := func(err error) {
		if err != nil {
			t.Fatal(err)
		}
	}
	must(h.vm.Set(EnterFunc, func(call goja.FunctionCall) goja.Value {
		id := int(call.Argument(0).ToInteger())
		if len(h.stack) >= h.limit {
			ctor := h.vm.Get("RangeError").ToObject(h.vm)
			obj, err := h.vm.New(ctor, h.vm.ToValue("Maximum call stack size exceeded"))
			if err != nil {
				panic(err)
			}
			panic(obj)
		}
		h.stack = append(h.stack, id)
		if len(h.stack) > h.max {
			h.max = len(h.stack)
		}
		return goja.Undefined()
	}))
	must(h.vm.Set(LeaveFunc, func(call goja.FunctionCall) goja.Value {
		id := int(call.Argument(0).ToInteger())
		if n := len(h.stack); n == 0 || h.stack[n-1] != id {
			h.broken = fmt.Sprintf("leave %d with stack %v", id, h.stack)
		} else {
			h.stack = h.stack[:n-1]
		}
		return goja.Undefined()
	}))
	// The stubs for await and yield pop the frame the way the real host does
	// when a function suspends; the real host pushes it again when the
	// continuation runs, which these tests model by popping only the top.
	must(h.vm.Set(AwaitFunc, func(call goja.FunctionCall) goja.Value {
		h.log = append(h.log, "await:"+h.infos[call.Argument(0).ToInteger()].Name)
		return call.Argument(1)
	}))
	must(h.vm.Set(YieldFunc, func(call goja.FunctionCall) goja.Value {
		h.log = append(h.log, "yield:"+h.infos[call.Argument(0).ToInteger()].Name)
		return call.Argument(1)
	}))
	must(h.vm.Set("print", func(call goja.FunctionCall) goja.Value {
		parts := make([]string, len(call.Arguments))
		for i, a := range call.Arguments {
			parts[i] = a.String()
		}
		h.log = append(h.log, strings.Join(parts, " "))
		return goja.Undefined()
	}))
	return h
}

// run instruments and runs src and returns what it printed, one entry per
// print call (await and yield markers filtered out).
func run(t *testing.T, src string, limit int) (*host, []string) {
	t.Helper()
	prg, infos, err := Instrument(src, "/app/main.js")
	if err != nil {
		t.Fatalf("instrument: %v", err)
	}
	h := newHost(t, infos, limit)
	if _, err := h.vm.RunProgram(prg); err != nil {
		t.Fatalf("run: %v", err)
	}
	var out []string
	for _, l := range h.log {
		if !strings.HasPrefix(l, "await:") && !strings.HasPrefix(l, "yield:") {
			out = append(out, l)
		}
	}
	if h.broken != "" {
		t.Fatalf("unbalanced stack: %s", h.broken)
	}
	return h, out
}

// runPlain runs src without instrumentation, for comparison.
func runPlain(t *testing.T, src string) []string {
	t.Helper()
	vm := goja.New()
	var out []string
	vm.Set("print", func(call goja.FunctionCall) goja.Value {
		parts := make([]string, len(call.Arguments))
		for i, a := range call.Arguments {
			parts[i] = a.String()
		}
		out = append(out, strings.Join(parts, " "))
		return goja.Undefined()
	})
	if _, err := vm.RunString(src); err != nil {
		t.Fatalf("plain run: %v", err)
	}
	return out
}

func TestRecursionThrowsCatchableRangeError(t *testing.T) {
	src := `
function down(n) { return n === 0 ? 0 : 1 + down(n - 1); }
const arrow = n => n === 0 ? 0 : 1 + arrow(n - 1);
class R { m(n) { return n === 0 ? 0 : 1 + this.m(n - 1); } }
for (const [name, f] of [["decl", down], ["arrow", arrow], ["method", n => new R().m(n)]]) {
  try {
    f(100000);
    print(name, "no error");
  } catch (e) {
    print(name, e instanceof RangeError, e.message);
  }
}
print(down(50));
`
	h, out := run(t, src, 1000)
	want := []string{
		"decl true Maximum call stack size exceeded",
		"arrow true Maximum call stack size exceeded",
		"method true Maximum call stack size exceeded",
		"50",
	}
	if strings.Join(out, "\n") != strings.Join(want, "\n") {
		t.Fatalf("got\n%s\nwant\n%s", strings.Join(out, "\n"), strings.Join(want, "\n"))
	}
	if len(h.stack) != 0 {
		t.Fatalf("stack not empty after run: %v", h.stack)
	}
	if h.max != 1000 {
		t.Fatalf("max depth %d, want 1000", h.max)
	}
}

// The instrumented program must print exactly what the plain one prints.
func TestSemanticsKept(t *testing.T) {
	tests := []struct{ name, src string }{
		{"this and arguments", `
function f() { return [typeof this, arguments.length, arguments[1]].join(); }
print(f.call({}, 1, 2));
const o = { v: 7, m() { return this.v; }, get g() { return this.v + 1; }, set s(x) { this.v = x; } };
o.s = 9; print(o.m(), o.g);
function outer() { const a = (x) => x + this.k; return a(arguments[0]); }
print(outer.call({ k: "k" }, "arg"));`},
		{"strict prologue", `
function sloppy() { return this === undefined; }
function strict() { "use strict"; return this === undefined; }
const sa = () => { "use strict"; return typeof this; };
print(sloppy(), strict());
function strictAssign() { "use strict"; try { undeclared = 1; } catch (e) { return e.name; } }
print(strictAssign());`},
		{"super and derived constructors", `
class A { constructor(x) { this.x = x; } hi() { return "A" + this.x; } static s() { return "sA"; } }
class B extends A {
  constructor(x) { const y = x * 2; super(y); this.z = new.target.name; }
  hi() { return "B" + super.hi(); }
  static s() { return "sB" + super.s(); }
}
const b = new B(2);
print(b.x, b.z, b.hi(), B.s());
class C extends B {}
print(new C(1).hi(), new C(1).z);
function Ctor() { if (!new.target) return "call"; this.ok = true; }
print(Ctor(), new Ctor().ok);`},
		{"hoisting and var-function conflict", `
function f() { var g = 1; function g() {} return typeof g; }
function h() { return k(); function k() { return K; } }
const K = "K";
function lex() { const L = 5; function get() { return L; } return get(); }
function early() { return typeof later; var later = 1; }
print(f(), h(), lex(), early());`},
		{"parameters and defaults", `
function d(a, b = a + 1, ...rest) { return [a, b, rest.length].join(); }
print(d(1), d(1, 5, 6, 7));
const e = ({ x, y = 2 } = {}) => x + y;
print(e({ x: 1 }));`},
		{"generators", `
function* g(n) { const got = yield n; yield got * 2; yield; return "done"; }
const it = g(3);
print(JSON.stringify([it.next(), it.next(5), it.next(), it.next(), it.next()]));
function* d() { yield* [1, 2]; yield* g(0); }
print([...d()].join());
function* closer() { try { yield 1; yield 2; } finally { print("closed"); } }
for (const v of closer()) { print(v); break; }`},
		{"async ordering", `
const order = [];
async function a1() { order.push("a1 start"); await null; order.push("a1 after"); await a2(); order.push("a1 end"); }
async function a2() { order.push("a2"); await Promise.resolve(); order.push("a2 end"); return 1; }
const thenable = { then(r) { order.push("thenable"); r(5); } };
const a3 = async () => { const v = await thenable; order.push("a3 " + v); };
const p = Promise.resolve();
p.then(() => order.push("t1")).then(() => order.push("t2")).then(() => order.push("t3")).then(() => order.push("t4")).then(() => order.push("t5"));
a1(); a3();
order.push("sync end");
setTimeoutLike();
function setTimeoutLike() {}
Promise.resolve().then(() => 0).then(() => 0).then(() => 0).then(() => 0).then(() => 0).then(() => 0).then(() => print(order.join(", ")));`},
		{"async errors and finally", `
async function thrower() { await 0; throw new Error("boom"); }
async function catcher() { try { await thrower(); } catch (e) { return "caught " + e.message; } finally { print("fin"); } }
catcher().then(print);`},
		{"class fields and static blocks", `
class F { a = () => this.b; b = 4; static s = (() => "st")(); static { print("static", this.s); } }
print(new F().a());`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := runPlain(t, tt.src)
			_, got := run(t, tt.src, 10000)
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Fatalf("instrumented printed\n%s\nplain printed\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
		})
	}
}

// Plain goja panics on this program (an arrow function reading the
// enclosing function's arguments); the instrumented one must not.
func TestArgumentsFromArrow(t *testing.T) {
	src := `
function outer() { const a = () => arguments[0] + this.k; return a(); }
function strict() { "use strict"; return (() => () => arguments.length + String(this))()(); }
print(outer.call({ k: "k" }, "arg"), strict(1, 2));`
	_, out := run(t, src, 100)
	if got := strings.Join(out, "\n"); got != "argk 2undefined" {
		t.Fatalf("got %q", got)
	}
}

func TestAwaitAndYieldAreReported(t *testing.T) {
	src := `
async function waiter() { await 1; await 2; }
const aw = async () => await 3;
function* gen() { yield 1; yield* [2]; }
waiter(); aw(); [...gen()];`
	h, _ := run(t, src, 100)
	got := strings.Join(h.log, " ")
	want := "await:waiter await:aw yield:gen yield:gen await:waiter"
	if got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
}

func TestFuncInfoNamesAndLines(t *testing.T) {
	src := `function decl() {}
const arrow = () => 1;
let fexpr = function () {};
var named = function inner() {};
const obj = {
  method() {},
  prop: function () {},
  get acc() { return 1; },
  set acc(v) {},
  arrowProp: () => {},
};
class Klass {
  constructor() {}
  m() {}
  static s() {}
  #priv() {}
  field = () => {};
}
const Anon = class { constructor() {} };
[1].map(function () {});
obj.assigned = function () {};
function defaults(cb = () => {}) {}
async function asyncFn() {}
function* genFn() {}
`
	_, infos, err := Instrument(src, "/app/names.js")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, fi := range infos {
		got = append(got, fmt.Sprintf("%s@%d:%d", fi.Name, fi.Line, fi.Column))
	}
	want := []string{
		"decl@1:1", "arrow@2:15", "fexpr@3:13", "inner@4:13",
		"method@6:3", "prop@7:9", "get acc@8:3", "set acc@9:3", "arrowProp@10:14",
		"Klass@13:3", "m@14:3", "s@15:10", "#priv@16:3", "field@17:11",
		"Anon@19:22",
		"<anonymous>@20:9", "assigned@21:16", "defaults@22:1", "cb@22:24",
		"asyncFn@23:1", "genFn@24:1",
	}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// Errors thrown from instrumented code keep the user's lines and columns:
// the stack trace is the one goja prints for the plain program, except for
// the bytecode offsets in parentheses.
func TestStackTraceKeepsPositions(t *testing.T) {
	src := `function a() {
  b();
}
function b() {
  throw new Error("deep");
}
try { a(); } catch (e) { print(e.stack); }`
	_, out := run(t, src, 100)
	got := bytecodeOffset.ReplaceAllString(strings.Join(out, "\n"), "")
	want := "Error: deep\n\tat b (/app/main.js:5:9)\n\tat a (/app/main.js:2:3)\n\tat /app/main.js:7:7\n"
	if got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
	vm := goja.New()
	v, err := vm.RunScript("/app/main.js", strings.Replace(src, "print(e.stack)", "e.stack", 1))
	if err != nil {
		t.Fatal(err)
	}
	if plain := bytecodeOffset.ReplaceAllString(v.String(), ""); plain != want {
		t.Fatalf("plain goja printed %q, want %q", plain, want)
	}
}

var bytecodeOffset = regexp.MustCompile(`\(\d+\)`)

func TestSyntaxErrors(t *testing.T) {
	tests := []struct {
		name, src    string
		line, column int
		message      string
	}{
		{"unexpected token", "let a = 1;\nlet b = ;\n", 2, 9, "Unexpected token ;"},
		{"module syntax", "const x = 1;\nimport fs from 'fs';\n", 2, 1, "Unexpected reserved word"},
		{"async generator", "\n\nasync function* g() {}\n", 3, 1, "Async generators are not supported yet"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := Instrument(tt.src, "/app/bad.js")
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("got %v (%T), want *SyntaxError", err, err)
			}
			if se.Line != tt.line || se.Column != tt.column || se.Message != tt.message || se.File != "/app/bad.js" {
				t.Fatalf("got %+v", se)
			}
		})
	}
	_, _, err := Instrument("let a = 1;\nlet b = ;\n", "/app/bad.js")
	want := "/app/bad.js:2\nlet b = ;\n        ^\n\nSyntaxError: Unexpected token ;"
	if got := err.(*SyntaxError).Node(); got != want {
		t.Fatalf("Node() = %q, want %q", got, want)
	}
}

// TestDeepSourcesKeepTheirMeaning runs sources deep enough for the instrumenter to cut their
// chains of operators and alias the hooks in nested functions (linear.go), and checks that
// they print what they print without instrumentation (logical chains stay short: goja's time
// to compile them unchanged doubles with every term), with a balanced stack as deep as the
// nesting: string and number additions in order, right-nested sums, logical chains, nested
// blocks ending in a labelled one, and
// functions nested past several alias levels whose parameter defaults call arrows (a
// parameter list cannot see its own body's aliases), awaits and yields.
func TestDeepSourcesKeepTheirMeaning(t *testing.T) {
	terms := make([]string, 200)
	for i := range terms {
		terms[i] = fmt.Sprint(i % 7)
		if i%30 == 29 {
			terms[i] = fmt.Sprintf("'s%d'", i)
		}
	}
	const depth = 150
	var nested strings.Builder
	for i := 0; i < depth; i++ {
		fmt.Fprintf(&nested, "function f%d(a = (() => %d)()) { let s = a; for (let i = 0; i < 2; i++) s += i;", i, i)
	}
	nested.WriteString("print('deepest', s); return s }")
	for i := depth - 2; i >= 0; i-- {
		fmt.Fprintf(&nested, " return s + f%d(); }", i+1)
	}
	nested.WriteString(" print(f0());")
	src := "print(" + strings.Join(terms, " + ") + ");\n" +
		"print(" + strings.Repeat("1 - (", 100) + "1" + strings.Repeat(")", 100) + ");\n" +
		"print(" + strings.Repeat("0 || ", 14) + "'or', " + strings.Repeat("1 && ", 14) + "'and', " + strings.Repeat("null ?? ", 14) + "'??');\n" +
		nested.String() + "\n" +
		"function* g() { " + strings.Repeat("yield* (function* () { ", 40) + "yield 'y';" + strings.Repeat(" })();", 40) + " }\n" +
		"print([...g()].join());\n" +
		"(function () { " + strings.Repeat("{ let x = 1; ", 100) + "L: { print('block'); break L; print('not') }" + strings.Repeat(" }", 100) + " })();\n" +
		"(async () => { " + strings.Repeat("await (async () => { ", 40) + "print(await 'a');" + strings.Repeat(" })();", 40) + " })();\n"
	want := runPlain(t, src)
	h, got := run(t, src, 10000)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("instrumented:\n%s\nplain:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if h.max != depth {
		t.Errorf("deepest stack %d, want %d", h.max, depth)
	}
}
