package node

import (
	"fmt"
	"path"
	"strings"

	"github.com/dop251/goja"

	"looplab/engine/node/lib"
)

// bindings are the internalBinding(name) objects that lib/*.js modules call into.
var bindings = map[string]func(r *Realm) goja.Value{
	"util": func(r *Realm) goja.Value {
		b := lib.UtilBinding(r.rt)
		b["columnOffset"] = r.columnOffset
		return r.rt.ToValue(b)
	},
	"timers": (*Realm).timersBinding,
	"console": func(r *Realm) goja.Value {
		return r.rt.ToValue(map[string]any{
			"write": func(stream, text string) { r.write(stream, text) },
			"now":   func() float64 { r.clockRead(); return r.performanceNow() },
		})
	},
}

func (r *Realm) internalBinding(name string) goja.Value {
	build, ok := bindings[name]
	if !ok {
		panic(r.newError("Error", "No such binding: "+name))
	}
	return r.nameNatives(r.plainObject(build(r)))
}

// installGlobals sets up the global object as Node's bootstrap does before the main module.
func (r *Realm) installGlobals() {
	g := r.rt.GlobalObject()
	gojas := map[string]bool{}
	for _, k := range g.GetOwnPropertyNames() {
		gojas[k] = true
	}
	defer func() { r.nameNatives(g, newKeys(g, gojas)...) }()
	g.Set("global", g)
	g.Delete("GoError") // goja's, not Node's; goja keeps its own reference
	r.installGuard()
	r.installStackTraces()
	// goja has no Symbol.asyncIterator; the lowered for-await helpers look it up by this name.
	if sym := r.rt.Get("Symbol").ToObject(r.rt); sym.Get("asyncIterator") == nil {
		forFn, _ := goja.AssertFunction(sym.Get("for"))
		v, _ := forFn(sym, r.rt.ToValue("Symbol.asyncIterator"))
		sym.DefineDataProperty("asyncIterator", v, goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_FALSE)
	}
	r.installAllocationLimits(g)
	r.installTimers(g)
	r.installSharedMemory(g)
	r.captureIntrinsics(g)
	g.Set("queueMicrotask", r.queueMicrotask)
	r.process = r.newProcessObject()
	g.DefineDataProperty("process", r.process, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE) // not enumerable, as in Node
	r.requireBuiltin("timers")
	for _, name := range enumerableGlobals {
		r.lazyGlobal(g, name, true)
	}
	for _, name := range hiddenGlobals {
		r.lazyGlobal(g, name, false)
	}
}

// enumerableGlobals are the lazily loaded globals that Node 20 makes enumerable, in the order
// Object.keys(globalThis) lists them there (after global, the timers and queueMicrotask);
// test/common fails a test that leaves any other enumerable global behind.
var enumerableGlobals = []string{"structuredClone", "atob", "btoa", "performance"}

// hiddenGlobals are the lazily loaded globals Node 20 defines non-enumerable.
var hiddenGlobals = []string{"console", "Buffer", "URL", "URLSearchParams", "TextEncoder", "TextDecoder",
	"AbortController", "AbortSignal", "EventTarget", "Event", "CustomEvent", "DOMException",
	"WeakRef", "FinalizationRegistry"}

// newKeys lists the own properties of o that are not in old.
func newKeys(o *goja.Object, old map[string]bool) []string {
	var keys []string
	for _, k := range o.GetOwnPropertyNames() {
		if !old[k] {
			keys = append(keys, k)
		}
	}
	return keys
}

// captureIntrinsics keeps the built-in globals as they are before the program runs, for the
// library modules (lib.Wrapper) and the engine's own errors.
func (r *Realm) captureIntrinsics(g *goja.Object) {
	r.intrinsics = map[string]goja.Value{}
	r.intrinsicArgs = make([]goja.Value, len(lib.Intrinsics))
	for i, name := range lib.Intrinsics {
		v := g.Get(name)
		if v == nil {
			v = goja.Undefined()
		}
		r.intrinsics[name], r.intrinsicArgs[i] = v, v
	}
}

// intrinsic is the built-in global name as it was before the program ran.
func (r *Realm) intrinsic(name string) goja.Value {
	if v, ok := r.intrinsics[name]; ok {
		return v
	}
	return r.rt.Get(name)
}

// lazyGlobal defines a global that loads its module on first use, as Node's bootstrap does
// for most of its globals; start-up stays cheap for programs that never touch them.
func (r *Realm) lazyGlobal(g *goja.Object, name string, enumerable bool) {
	enum := goja.FLAG_FALSE
	if enumerable {
		enum = goja.FLAG_TRUE
	}
	getter := r.rt.ToValue(func() goja.Value {
		v := r.globalValue(name)
		g.DefineDataProperty(name, v, goja.FLAG_TRUE, goja.FLAG_TRUE, enum)
		return v
	})
	setter := r.rt.ToValue(func(v goja.Value) {
		g.DefineDataProperty(name, v, goja.FLAG_TRUE, goja.FLAG_TRUE, enum)
	})
	g.DefineAccessorProperty(name, getter, setter, goja.FLAG_TRUE, enum)
}

func (r *Realm) globalValue(name string) goja.Value {
	switch name {
	case "console":
		return r.requireBuiltin("console")
	case "Buffer", "atob", "btoa":
		return r.requireBuiltin("buffer").ToObject(r.rt).Get(name)
	case "URL", "URLSearchParams":
		return r.requireBuiltin("url").ToObject(r.rt).Get(name)
	case "TextEncoder", "TextDecoder":
		return r.requireBuiltin("util").ToObject(r.rt).Get(name)
	case "performance":
		return r.requireBuiltin("perf_hooks").ToObject(r.rt).Get("performance")
	case "structuredClone":
		return r.requireBuiltin("v8").ToObject(r.rt).Get("structuredClone")
	case "AbortController", "AbortSignal":
		return r.requireBuiltin("internal/abort_controller").ToObject(r.rt).Get(name)
	case "EventTarget", "Event", "CustomEvent":
		return r.requireBuiltin("internal/event_target").ToObject(r.rt).Get(name)
	case "DOMException":
		return r.requireBuiltin("internal/domexception").ToObject(r.rt).Get(name)
	case "WeakRef":
		return r.requireBuiltin("internal/weakref").ToObject(r.rt).Get("StrongRef")
	case "FinalizationRegistry":
		return r.requireBuiltin("internal/weakref").ToObject(r.rt).Get("NoFinalizationRegistry")
	}
	return goja.Undefined()
}

// queueMicrotask mirrors the global queueMicrotask: the callback joins the same FIFO queue as
// promise reactions; an exception in it is an uncaught exception, not a rejection.
func (r *Realm) queueMicrotask(c goja.FunctionCall) goja.Value {
	fn, ok := goja.AssertFunction(c.Argument(0))
	if !ok {
		panic(r.typeError("ERR_INVALID_ARG_TYPE", `The "callback" argument must be of type function. Received `+r.describeReceived(c.Argument(0))))
	}
	p, resolve, _ := r.rt.NewPromise()
	then, _ := goja.AssertFunction(r.rt.ToValue(p).ToObject(r.rt).Get("then"))
	job := r.rt.ToValue(func(goja.FunctionCall) goja.Value {
		if _, err := fn(goja.Undefined()); err != nil {
			r.handleEscape(err)
		}
		return goja.Undefined()
	})
	then(r.rt.ToValue(p), job)
	resolve(goja.Undefined())
	return goja.Undefined()
}

// newError creates an Error (or a subclass by name) in this realm.
func (r *Realm) newError(class, message string) *goja.Object {
	o, err := r.rt.New(r.intrinsic(class), r.rt.ToValue(message))
	if err != nil {
		panic(err)
	}
	return o
}

// typeError is a TypeError with a Node error code, e.g. ERR_INVALID_ARG_TYPE.
func (r *Realm) typeError(code, message string) *goja.Object {
	e := r.newError("TypeError", message)
	e.Set("code", code)
	return e
}

// describeReceived mirrors the "Received ..." tail of Node's ERR_INVALID_ARG_TYPE messages.
func (r *Realm) describeReceived(v goja.Value) string {
	switch {
	case v == nil || goja.IsUndefined(v):
		return "undefined"
	case goja.IsNull(v):
		return "null"
	}
	if o, ok := v.(*goja.Object); ok {
		if _, isFn := goja.AssertFunction(o); isFn {
			return "function " + o.Get("name").String()
		}
		if ctor := o.Get("constructor"); ctor != nil && !goja.IsUndefined(ctor) {
			return "an instance of " + ctor.ToObject(r.rt).Get("name").String()
		}
		return r.inspect(v)
	}
	return fmt.Sprintf("type %s (%s)", typeOf(v), r.inspect(v))
}

func typeOf(v goja.Value) string {
	switch v.ExportType().Kind().String() {
	case "string":
		return "string"
	case "bool":
		return "boolean"
	case "int64", "float64":
		return "number"
	}
	return "object"
}

// inspect is util.inspect, for the engine's own messages.
func (r *Realm) inspect(v goja.Value) string {
	if text, ok := r.tryInspect(v); ok {
		return text
	}
	return r.stringOf(v)
}

// tryInspect is util.inspect(v), or false if it threw (a getter or proxy of the program).
func (r *Realm) tryInspect(v goja.Value) (text string, ok bool) {
	util := r.requireBuiltin("util").ToObject(r.rt)
	fn, ok := goja.AssertFunction(util.Get("inspect"))
	if !ok { // util did not load: its error is being reported
		return "", false
	}
	out, err := fn(goja.Undefined(), v)
	if err != nil {
		return "", false
	}
	return out.String(), true
}

// callSite is "file.js:LINE" of the innermost user frame, for trace labels.
func (r *Realm) callSite() string {
	for _, f := range r.rt.CaptureCallStack(8, nil) {
		pos := f.Position()
		if pos.Filename == "" || strings.HasPrefix(pos.Filename, "node:") {
			continue
		}
		return fmt.Sprintf("%s:%d", path.Base(pos.Filename), pos.Line)
	}
	return "node internals"
}
