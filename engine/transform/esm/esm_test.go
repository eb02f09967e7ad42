package esm

import (
	"errors"
	"path"
	"strings"
	"testing"

	"github.com/dop251/goja"

	"looplab/engine/transform"
)

// loader is a minimal module host: it transforms, instruments and runs
// modules from an in-memory file system, dependencies first, and gives each
// a namespace object whose properties are the live export getters.
type loader struct {
	t     *testing.T
	vm    *goja.Runtime
	files map[string]string
	ns    map[string]*goja.Object
	out   []string
}

func newLoader(t *testing.T, files map[string]string) *loader {
	l := &loader{t: t, vm: goja.New(), files: files, ns: map[string]*goja.Object{}}
	id := func(call goja.FunctionCall) goja.Value { return call.Argument(1) }
	nop := func(goja.FunctionCall) goja.Value { return goja.Undefined() }
	l.vm.Set(transform.EnterFunc, nop)
	l.vm.Set(transform.LeaveFunc, nop)
	l.vm.Set(transform.AwaitFunc, id)
	l.vm.Set(transform.YieldFunc, id)
	l.vm.Set("print", func(call goja.FunctionCall) goja.Value {
		var parts []string
		for _, a := range call.Arguments {
			parts = append(parts, a.String())
		}
		l.out = append(l.out, strings.Join(parts, " "))
		return goja.Undefined()
	})
	return l
}

func (l *loader) load(spec string) *goja.Object {
	if ns, ok := l.ns[spec]; ok {
		return ns
	}
	ns := l.vm.NewObject()
	l.ns[spec] = ns
	if spec == "fs" {
		fs := l.vm.NewObject()
		fs.Set("name", "fs-module")
		fs.Set("readFile", func() string { return "contents" })
		ns.Set("readFile", fs.Get("readFile"))
		ns.Set("default", fs)
		return ns
	}
	src, ok := l.files[spec]
	if !ok {
		l.t.Fatalf("no module %q", spec)
	}
	m, err := Module(src, spec)
	if err != nil {
		l.t.Fatalf("Module(%s): %v", spec, err)
	}
	prg, _, err := transform.Instrument(m.Code, spec)
	if err != nil {
		l.t.Fatalf("Instrument(%s): %v\n%s", spec, err, m.Code)
	}
	fnVal, err := l.vm.RunProgram(prg)
	if err != nil {
		l.t.Fatalf("run %s: %v", spec, err)
	}
	fn, ok := goja.AssertFunction(fnVal)
	if !ok {
		l.t.Fatalf("%s: completion value is %v, not a function", spec, fnVal)
	}
	var deps []any
	for _, dep := range m.Imports {
		deps = append(deps, l.load(dep))
	}
	export := func(name string, getter goja.Value) {
		if err := ns.DefineAccessorProperty(name, getter, nil, goja.FLAG_FALSE, goja.FLAG_TRUE); err != nil {
			l.t.Fatal(err)
		}
	}
	meta := l.vm.NewObject()
	meta.Set("url", "file://"+spec)
	meta.Set("filename", spec)
	meta.Set("dirname", path.Dir(spec))
	dynamicImport := func(spec string) *goja.Promise {
		p, resolve, _ := l.vm.NewPromise()
		resolve(l.load(spec))
		return p
	}
	if _, err := fn(goja.Undefined(), l.vm.ToValue(deps), l.vm.ToValue(export), meta, l.vm.ToValue(dynamicImport)); err != nil {
		l.t.Fatalf("evaluate %s: %v", spec, err)
	}
	return ns
}

func TestModuleImportsAndExports(t *testing.T) {
	files := map[string]string{
		"/app/counter.mjs": `
export let count = 0;
export function inc() { count++; return this; }
export default function () { return "def"; }
export const { a, b: [bee] } = { a: "A", b: ["B"] };`,
		"/app/re.mjs": `
export * from "/app/counter.mjs";
export { inc as increment, default as counterDefault } from "/app/counter.mjs";
export * as all from "/app/counter.mjs";
export const count = "re's own count";`,
		"/app/main.mjs": `
import def, { count, inc, a, bee } from "/app/counter.mjs";
import * as ns from "/app/re.mjs";
import fs, { readFile } from "fs";
print(count, a, bee);
print(inc() === undefined);
print(count, ns.all.count, ns.count);
ns.increment();
print(count, def(), ns.counterDefault === def, readFile(), fs.name);
const t = ` + "`" + `
import x from "nope";
export { y };
${count}` + "`" + `;
print(JSON.stringify(t));
function shadow(count) { return count; }
{ const inc = "block"; print(shadow(42), inc); }
const obj = { count, def };
print(obj.count, import.meta.url, import.meta.dirname);
print(Object.keys(ns).sort().join());
export { count as reexported };`,
	}
	m, err := Module(files["/app/main.mjs"], "/app/main.mjs")
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(m.Imports, " "); got != "/app/counter.mjs /app/re.mjs fs" {
		t.Fatalf("Imports = %q", got)
	}
	if m.HasTopLevelAwait {
		t.Fatal("HasTopLevelAwait without an await")
	}
	l := newLoader(t, files)
	main := l.load("/app/main.mjs")
	want := []string{
		"0 A B",
		"true",
		"1 1 re's own count",
		"2 def true contents fs-module",
		`"\nimport x from \"nope\";\nexport { y };\n2"`,
		"42 block",
		"2 file:///app/main.mjs /app",
		"a,all,bee,count,counterDefault,inc,increment", // export * skips default
	}
	if got := strings.Join(l.out, "\n"); got != strings.Join(want, "\n") {
		t.Fatalf("got\n%s\nwant\n%s", got, strings.Join(want, "\n"))
	}
	if v := main.Get("reexported"); v == nil || v.ToInteger() != 2 {
		t.Fatalf("reexported = %v", v)
	}
}

func TestModuleTopLevelAwait(t *testing.T) {
	files := map[string]string{
		"/app/dep.mjs": `export const late = "loaded";`,
		"/app/main.mjs": `
print("a");
Promise.resolve().then(() => print("p1")).then(() => print("p2"));
await null;
print("b");
const { late } = await import("/app/dep.mjs");
print(late);
for await (const v of [Promise.resolve(1), 2]) print("v", v);`,
	}
	m, err := Module(files["/app/main.mjs"], "/app/main.mjs")
	if err != nil {
		t.Fatal(err)
	}
	if !m.HasTopLevelAwait {
		t.Fatal("HasTopLevelAwait = false")
	}
	if len(m.Imports) != 0 {
		t.Fatalf("dynamic import listed as static: %v", m.Imports)
	}
	l := newLoader(t, files)
	l.load("/app/main.mjs")
	got := strings.Join(l.out, " ")
	if !strings.HasPrefix(got, "a p1 b") || !strings.Contains(got, "loaded") || !strings.HasSuffix(got, "v 1 v 2") {
		t.Fatalf("got %q", got)
	}
}

func TestForAwaitOverAsyncGenerator(t *testing.T) {
	src := `
async function* gen() {
  yield "g1";
  await null;
  yield "g2";
}
async function main() {
  for await (const v of gen()) print(v);
  print("done");
}
main();
print("sync");`
	want := "sync g1 g2 done"
	// As a module.
	l := newLoader(t, map[string]string{"/app/gen.mjs": src})
	l.load("/app/gen.mjs")
	if got := strings.Join(l.out, " "); got != want {
		t.Fatalf("module: got %q, want %q", got, want)
	}
	// As a CommonJS script.
	code, err := Script(src, "/app/gen.js")
	if err != nil {
		t.Fatal(err)
	}
	prg, _, err := transform.Instrument(code, "/app/gen.js")
	if err != nil {
		t.Fatalf("%v\n%s", err, code)
	}
	l = newLoader(t, nil)
	if _, err := l.vm.RunProgram(prg); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(l.out, " "); got != want {
		t.Fatalf("script: got %q, want %q", got, want)
	}
}

func TestScriptDynamicImport(t *testing.T) {
	src := "const s = 'import(\"no\")';\nimport('fs').then(m => print(m.default.name, s));\nreturn;\nprint('unreached');"
	code, err := Script(src, "/app/dyn.js")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(code, `__ll_import("fs")`) || !strings.Contains(code, `'import("no")'`) && !strings.Contains(code, `"import(\"no\")"`) && !strings.Contains(code, "`import(\"no\")`") {
		t.Fatalf("code:\n%s", code)
	}
	l := newLoader(t, nil)
	prg, _, err := transform.Instrument("(function (__ll_import) {"+code+"\n})", "/app/dyn.js")
	if err != nil {
		t.Fatalf("%v\n%s", err, code)
	}
	fn, err := l.vm.RunProgram(prg)
	if err != nil {
		t.Fatal(err)
	}
	call, _ := goja.AssertFunction(fn)
	imp := func(spec string) *goja.Promise {
		p, resolve, _ := l.vm.NewPromise()
		resolve(l.load(spec))
		return p
	}
	if _, err := call(goja.Undefined(), l.vm.ToValue(imp)); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(l.out, " "); got != `fs-module import("no")` {
		t.Fatalf("got %q", got)
	}
}

// An error thrown on line 7 of a module reports line 7: esbuild's source
// map, carried inline through the rewrite, maps goja's positions back.
func TestModuleLineNumbers(t *testing.T) {
	src := `import { readFile } from "fs";
async function* lowered() { yield 1; }
for await (const x of lowered()) {}
const a = 1;

function thrower() {
  throw new Error("line seven");
}
try { thrower(); } catch (e) { print(e.stack); }`
	l := newLoader(t, map[string]string{"/app/lines.mjs": src})
	l.load("/app/lines.mjs")
	got := strings.Join(l.out, "\n")
	if !strings.Contains(got, "at thrower (/app/lines.mjs:7:") || !strings.Contains(got, "/app/lines.mjs:9:") {
		t.Fatalf("stack:\n%s", got)
	}
}

func TestSyntaxErrors(t *testing.T) {
	tests := []struct {
		name, src    string
		line, column int
		message      string
	}{
		{"unexpected token", "let a = 1;\nlet b = ;\n", 2, 9, `Unexpected ";"`},
		{"await in non-async function", "function f() {\n  await g();\n}\n", 2, 3, `"await" can only be used inside an "async" function`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, run := range []func(string, string) error{
				func(s, f string) error { _, err := Module(s, f); return err },
				func(s, f string) error { _, err := Script(s, f); return err },
			} {
				err := run(tt.src, "/app/bad.mjs")
				var se *transform.SyntaxError
				if !errors.As(err, &se) {
					t.Fatalf("got %v (%T), want *SyntaxError", err, err)
				}
				if se.Line != tt.line || se.Column != tt.column || se.Message != tt.message || se.File != "/app/bad.mjs" {
					t.Fatalf("got %+v", se)
				}
				if se.SourceLine != strings.Split(tt.src, "\n")[tt.line-1] {
					t.Fatalf("source line %q", se.SourceLine)
				}
			}
		})
	}
}
