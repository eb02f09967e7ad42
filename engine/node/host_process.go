package node

import (
	"fmt"
	"math/big"
	"path"
	"sort"
	"time"

	"github.com/dop251/goja"

	"looplab/engine/trace"
)

// execPath is what process.execPath and process.argv[0] say: the simulated node binary.
const execPath = "/usr/local/bin/node"

// newProcessObject builds `process`: an EventEmitter with Node's properties.
func (r *Realm) newProcessObject() *goja.Object {
	p := r.rt.NewObject()
	ee := r.requireBuiltin("events").ToObject(r.rt)
	p.SetPrototype(ee.Get("prototype").ToObject(r.rt))
	if init, ok := goja.AssertFunction(ee); ok {
		init(p)
	}
	proc := r.proc
	p.Set("title", "node")
	p.Set("version", NodeVersion)
	p.Set("versions", map[string]any{"node": NodeVersion[1:], "v8": "11.3.244.8-node.33", "uv": "1.46.0", "modules": "115"})
	p.Set("release", map[string]any{"name": "node", "lts": "Iron"})
	p.Set("platform", "linux")
	p.Set("arch", "x64")
	p.Set("pid", proc.PID)
	p.Set("ppid", proc.PPID)
	p.Set("execPath", execPath)
	p.Set("execArgv", r.rt.NewArray())
	p.Set("argv", toAnyStrings(proc.Argv))
	p.Set("env", r.envObject())
	p.Set("exitCode", goja.Undefined())
	p.Set("cwd", func() string { return proc.Cwd })
	p.Set("chdir", func(dir string) {
		if !path.IsAbs(dir) {
			dir = path.Join(proc.Cwd, dir)
		}
		proc.Cwd = path.Clean(dir)
	})
	p.Set("umask", func() int { return 0o22 })
	p.Set("uptime", func() float64 { r.clockRead(); return r.th.Now().Seconds() })
	p.Set("hrtime", r.hrtime())
	p.Set("memoryUsage", r.memoryUsage())
	p.Set("cpuUsage", func() map[string]any {
		r.charge()
		return map[string]any{"user": r.th.Now().Microseconds(), "system": 0}
	})
	p.Set("nextTick", r.queueNextTick)
	p.Set("exit", func(c goja.FunctionCall) goja.Value {
		code := r.exitCodeArg(c.Argument(0))
		r.exit(code)
		return goja.Undefined()
	})
	p.Set("reallyExit", p.Get("exit"))
	p.Set("abort", func() { r.write("stderr", "Aborted\n"); r.exitWith(134) })
	p.Set("emitWarning", func(c goja.FunctionCall) goja.Value {
		r.emitWarningValue(c.Argument(0), c.Argument(1), c.Argument(2))
		return goja.Undefined()
	})
	p.Set("stdout", r.stream("stdout", 1))
	p.Set("stderr", r.stream("stderr", 2))
	p.Set("stdin", r.stdin())
	p.Set("features", map[string]any{"inspector": false})
	p.Set("config", map[string]any{"variables": map[string]any{}})
	return p
}

func toAnyStrings(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

// envObject is process.env: assignments are stored as strings, as Node does.
func (r *Realm) envObject() *goja.Object {
	env := r.rt.NewObject()
	keys := make([]string, 0, len(r.proc.Env))
	for k := range r.proc.Env {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		env.Set(k, r.proc.Env[k])
	}
	return env
}

func (r *Realm) hrtime() *goja.Object {
	fn := r.rt.ToValue(func(c goja.FunctionCall) goja.Value {
		r.clockRead()
		ns := r.th.Now().Nanoseconds()
		if prev, ok := c.Argument(0).Export().([]any); ok && len(prev) == 2 {
			ns -= toInt64(prev[0])*1e9 + toInt64(prev[1])
		}
		return r.rt.ToValue([]any{ns / 1e9, ns % 1e9})
	}).(*goja.Object)
	fn.Set("bigint", func() *big.Int {
		r.clockRead()
		return big.NewInt(r.th.Now().Nanoseconds())
	})
	return fn
}

func toInt64(v any) int64 {
	switch n := v.(type) {
	case int64:
		return n
	case float64:
		return int64(n)
	}
	return 0
}

// performanceNow is performance.now(): ms since the process started, with sub-ms precision.
func (r *Realm) performanceNow() float64 {
	return float64(r.th.Now()) / float64(time.Millisecond)
}

// stream is a minimal process.stdout / process.stderr: a synchronous writable.
func (r *Realm) stream(name string, fd int) *goja.Object {
	s := r.rt.NewObject()
	s.Set("fd", fd)
	s.Set("isTTY", false)
	s.Set("writable", true)
	s.Set("columns", 80)
	s.Set("write", func(c goja.FunctionCall) goja.Value {
		chunk := c.Argument(0)
		text := chunk.String()
		if o, ok := chunk.(*goja.Object); ok {
			if buf := o.Get("toString"); buf != nil {
				if fn, ok := goja.AssertFunction(buf); ok {
					v, _ := fn(o)
					text = v.String()
				}
			}
		}
		r.write(name, text)
		for _, a := range c.Arguments[1:] {
			if _, ok := goja.AssertFunction(a); ok {
				t := r.newTask(trace.QueueNextTick, "write callback", call0(a, goja.Undefined(), nil))
				r.ticks = append(r.ticks, &t)
			}
		}
		return r.rt.ToValue(true)
	})
	for _, m := range []string{"on", "once", "off", "end", "removeListener", "emit", "cork", "uncork"} {
		s.Set(m, func(goja.FunctionCall) goja.Value { return s })
	}
	return s
}

// stdin is an empty, ended stream: the simulation has no terminal.
func (r *Realm) stdin() *goja.Object {
	s := r.rt.NewObject()
	s.Set("fd", 0)
	s.Set("isTTY", false)
	for _, m := range []string{"on", "once", "off", "resume", "pause", "setEncoding", "removeListener", "unref", "ref"} {
		s.Set(m, func(goja.FunctionCall) goja.Value { return s })
	}
	return s
}

// memoryUsage reports the modeled footprint of this process (see docs/resource-model.md).
func (r *Realm) memoryUsage() *goja.Object {
	usage := r.modeledMemory // memory_model.go
	fn := r.rt.ToValue(r.memoryObject).(*goja.Object)
	fn.Set("rss", func() int64 { return usage()["rss"].(int64) })
	return fn
}

func (r *Realm) exitCodeArg(v goja.Value) int {
	if v == nil || goja.IsUndefined(v) {
		return r.currentExitCode()
	}
	return int(v.ToInteger())
}

// currentExitCode is process.exitCode, or 0.
func (r *Realm) currentExitCode() int {
	v := r.process.Get("exitCode")
	if v == nil || goja.IsUndefined(v) || goja.IsNull(v) {
		return 0
	}
	return int(v.ToInteger())
}

// exit mirrors process.exit(code): the 'exit' listeners run, then the process ends at once,
// leaving every queue as it is.
func (r *Realm) exit(code int) {
	r.emitExit(code)
	r.exitWith(r.currentExitCode())
}

// exitWith ends the process with code without running 'exit' listeners.
func (r *Realm) exitWith(code int) {
	if r.exitThread(code) {
		return // process.exit() in a worker ends only the worker
	}
	r.proc.ExitCode = code
	r.proc.exited = true
	r.halt()
	r.record(trace.Event{Kind: trace.ThreadExit, Code: &code})
	r.endWorkers()
	r.processExited(code) // its parent and children learn of it (host_child_process.go)
}

// emitExit mirrors process.emit('exit', code) in Node's exit path: once only, synchronously,
// with no nextTick processing afterwards (promise jobs still run when the call returns).
func (r *Realm) emitExit(code int) {
	if r.exiting {
		return
	}
	r.exiting = true
	r.process.Set("exitCode", code)
	r.process.Set("_exiting", true)
	defer r.loop.Phase("exit")()
	if _, err := r.emitDirect("exit", r.rt.ToValue(code)); err != nil {
		var ex *goja.Exception
		if asException(err, &ex) && !r.dead {
			r.write("stderr", r.fatalReport(ex.Value(), ex, false))
			r.process.Set("exitCode", 7)
		}
	}
}

// warningText mirrors onWarning in lib/internal/process/warning.js: the line Node prints for a
// warning, with the hint about its trace flag after the first one.
func (r *Realm) warningText(w *goja.Object) string {
	text := fmt.Sprintf("(node:%d) ", r.proc.PID)
	if c := w.Get("code"); truthy(c) {
		text += "[" + c.String() + "] "
	}
	text += r.warningString(w)
	if d, ok := w.Get("detail").(goja.String); ok {
		text += "\n" + d.String()
	}
	if !r.proc.warnedOnce {
		r.proc.warnedOnce = true
		flag := "--trace-warnings"
		if r.isDeprecation(w) {
			flag = "--trace-deprecation"
		}
		text += "\n(Use `node " + flag + " ...` to show where the warning was created)"
	}
	return text + "\n"
}

// warningString mirrors onWarning's text of a warning: its toString() when that is a function,
// else Error.prototype.toString of it.
func (r *Realm) warningString(w *goja.Object) string {
	if _, ok := goja.AssertFunction(w.Get("toString")); ok {
		return w.String()
	}
	errorToString, _ := goja.AssertFunction(r.errorPrototype.Get("toString"))
	v, err := errorToString(w)
	if err != nil {
		panic(err)
	}
	return v.String()
}

func (r *Realm) isDeprecation(w *goja.Object) bool {
	n := w.Get("name")
	return n != nil && n.StrictEquals(r.rt.ToValue("DeprecationWarning"))
}

// truthy is ToBoolean of a property that may be missing (Get answers nil for those).
func truthy(v goja.Value) bool { return v != nil && v.ToBoolean() }

// emitDirect calls process.emit(name, ...args) straight from Go: no nextTick draining after.
func (r *Realm) emitDirect(name string, args ...goja.Value) (goja.Value, error) {
	emit, ok := goja.AssertFunction(r.process.Get("emit"))
	if !ok { // the program replaced process.emit: calling it throws, as in Node
		emit, _ = goja.AssertFunction(r.rt.ToValue(func() { panic(r.rt.NewTypeError("process.emit is not a function")) }))
	}
	return emit(r.process, append([]goja.Value{r.rt.ToValue(name)}, args...)...)
}

// listenerCount is process.listenerCount(name).
func (r *Realm) listenerCount(name string) int {
	fn, ok := goja.AssertFunction(r.process.Get("listenerCount"))
	if !ok {
		return 0
	}
	v, err := fn(r.process, r.rt.ToValue(name))
	if err != nil {
		return 0
	}
	return int(v.ToInteger())
}

// emitWarning mirrors process.emitWarning: a 'warning' event on the next tick, and Node's
// default printing to stderr.
func (r *Realm) emitWarning(message, kind, code string) {
	w := r.newError("Error", message)
	w.Set("name", kind)
	if code != "" {
		w.Set("code", code)
	}
	r.queueWarning(w)
}

func (r *Realm) emitWarningValue(warning, kind, code goja.Value) {
	var w *goja.Object
	var detail goja.Value
	if o, ok := warning.(*goja.Object); ok && r.isError(o) {
		w = o
	} else {
		name := "Warning"
		if s, ok := kind.Export().(string); ok {
			name = s
		} else if o, ok := kind.(*goja.Object); ok {
			if t := o.Get("type"); t != nil && !goja.IsUndefined(t) {
				name = t.String()
			}
			if c := o.Get("code"); c != nil && !goja.IsUndefined(c) {
				code = c
			}
			detail = o.Get("detail")
		}
		w = r.newError("Error", warning.String())
		w.Set("name", name)
		if s, ok := code.Export().(string); ok {
			w.Set("code", s)
		}
		if d, ok := detail.(goja.String); ok {
			w.Set("detail", d)
		}
	}
	r.queueWarning(w)
}

func (r *Realm) queueWarning(w *goja.Object) {
	if r.isDeprecation(w) && truthy(r.process.Get("noDeprecation")) {
		return
	}
	// Mirrors emitWarning in lib/internal/process/warning.js: with throwDeprecation the warning
	// is thrown on the next tick, after the warnings before it were printed.
	throw := r.isDeprecation(w) && truthy(r.process.Get("throwDeprecation"))
	emit := r.rt.ToValue(func(goja.FunctionCall) goja.Value {
		if throw {
			panic(r.rt.ToValue(w))
		}
		// Node prints a warning whether or not 'warning' has listeners.
		r.emitDirect("warning", w)
		r.write("stderr", r.warningText(w))
		return goja.Undefined()
	})
	t := r.newTask(trace.QueueNextTick, "process.emitWarning", call0(emit, goja.Undefined(), nil))
	r.ticks = append(r.ticks, &t)
	r.record(trace.Event{Kind: trace.Enqueue, ID: t.ID, Queue: trace.QueueNextTick, Label: t.Label, Cause: t.Cause})
}
