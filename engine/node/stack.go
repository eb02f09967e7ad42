package node

import (
	"fmt"
	"math"
	"strings"

	"github.com/dop251/goja"
)

// defaultStackTraceLimit is V8's Error.stackTraceLimit.
const defaultStackTraceLimit = 10

// installStackTraces gives errors V8's stacks: the stack property in V8's format
// ("Error: m\n    at f (file:1:2)"), Error.captureStackTrace, Error.stackTraceLimit and
// Error.prepareStackTrace. goja captures the frames when an error is made; the engine formats
// them the first time the stack is read (goja patched: third_party/goja/PATCHES.md).
func (r *Realm) installStackTraces() {
	errorCtor := r.rt.Get("Error").ToObject(r.rt)
	errorCtor.Set("stackTraceLimit", defaultStackTraceLimit)
	r.rt.SetStackFormatter(func(err *goja.Object, frames []goja.StackFrame) goja.Value {
		return r.formatStack(err, frames)
	})
	capture := r.rt.ToValue(func(c goja.FunctionCall) goja.Value {
		target, ok := c.Argument(0).(*goja.Object)
		if !ok {
			panic(r.typeError("ERR_INVALID_ARG_TYPE", "Invalid argument"))
		}
		frames := r.rt.CaptureCallStack(0, nil)[1:] // without captureStackTrace itself
		if top, ok := c.Argument(1).(*goja.Object); ok {
			frames = framesBelow(frames, top)
		}
		target.DefineDataProperty("stack", r.formatStack(target, frames), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
		return goja.Undefined()
	})
	errorCtor.DefineDataProperty("captureStackTrace", capture, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	r.nameNatives(errorCtor, "captureStackTrace")
}

// framesBelow drops the frames above the innermost call of fn, and that call, as V8's
// captureStackTrace(obj, fn) does; a function not on the stack leaves no frames.
func framesBelow(frames []goja.StackFrame, fn *goja.Object) []goja.StackFrame {
	for i := range frames {
		if f := frames[i].Func(); f != nil && f.SameAs(fn) {
			return frames[i+1:]
		}
	}
	return nil
}

// formatStack makes an error's stack property from its frames: the user's
// Error.prepareStackTrace(error, callSites) if there is one, else V8's text.
func (r *Realm) formatStack(err *goja.Object, frames []goja.StackFrame) goja.Value {
	if r.formattingStack {
		return goja.Undefined() // a prepareStackTrace or getter that makes errors while one is formatted
	}
	r.formattingStack = true
	defer func() { r.formattingStack = false }()
	errorCtor := r.rt.Get("Error").ToObject(r.rt)
	frames = r.userFrames(frames, stackTraceLimit(errorCtor.Get("stackTraceLimit")))
	if prepare, ok := goja.AssertFunction(errorCtor.Get("prepareStackTrace")); ok {
		sites := make([]any, len(frames))
		for i := range frames {
			sites[i] = r.v8CallSite(frames[i])
		}
		v, jsErr := prepare(errorCtor, err, r.rt.ToValue(sites))
		if jsErr != nil {
			panic(jsErr)
		}
		return v
	}
	var b strings.Builder
	b.WriteString(r.errorHeader(err))
	for i := range frames {
		b.WriteString("\n    at ")
		b.WriteString(r.frameText(frames[i]))
	}
	return r.rt.ToValue(b.String())
}

// stackTraceLimit reads Error.stackTraceLimit as V8 does: a number not below 0, else none.
func stackTraceLimit(v goja.Value) int {
	if v == nil || goja.IsUndefined(v) {
		return 0
	}
	n := v.Export()
	switch x := n.(type) {
	case int64:
		return int(max(x, 0))
	case float64:
		if math.IsNaN(x) {
			return 0
		}
		return int(math.Min(math.Max(x, 0), math.MaxInt32))
	}
	return 0
}

// userFrames are the frames V8 would show: the engine's own (its node: library and trampoline,
// Go functions) stay out, as V8 shows none of Node's C++; at most limit of them.
func (r *Realm) userFrames(frames []goja.StackFrame, limit int) []goja.StackFrame {
	var out []goja.StackFrame
	for i := range frames {
		if len(out) >= limit {
			break
		}
		if frames[i].IsNative() || strings.HasPrefix(frames[i].SrcName(), "node:") {
			continue
		}
		out = append(out, frames[i])
	}
	return out
}

// errorHeader is the first line of a stack, V8's ErrorUtils::ToString: "name: message".
func (r *Realm) errorHeader(err *goja.Object) (header string) {
	defer func() {
		if recover() != nil {
			header = "Error" // a throwing name or message getter: the frames still print
		}
	}()
	name, msg := "Error", ""
	if v := err.Get("name"); v != nil && !goja.IsUndefined(v) {
		name = v.String()
	}
	if v := err.Get("message"); v != nil && !goja.IsUndefined(v) {
		msg = v.String()
	}
	switch {
	case name == "":
		return msg
	case msg == "":
		return name
	}
	return name + ": " + msg
}

// frameText is one frame as V8 prints it: "f (file:1:2)", "Foo.method (file:1:2)",
// "Object.<anonymous> (file:1:2)" for a module's top level, or "file:1:2".
func (r *Realm) frameText(f goja.StackFrame) string {
	file, line, column := r.framePosition(f)
	where := fmt.Sprintf("%s:%d:%d", file, line, column)
	if name := r.frameName(f); name != "" {
		return name + " (" + where + ")"
	}
	return where
}

func (r *Realm) framePosition(f goja.StackFrame) (file string, line, column int) {
	pos := f.Position()
	column = pos.Column
	if pos.Line == 1 {
		column -= r.columnOffset(pos.Filename)
	}
	return pos.Filename, pos.Line, column
}

// frameName is V8's name of a frame's function: with the type of its receiver when it is a
// method call ("Timeout.later"), "Object.<anonymous>" for a module's top level.
func (r *Realm) frameName(f goja.StackFrame) string {
	name := f.FuncName()
	if name == "<anonymous>" || name == "<native>" {
		name = ""
	}
	typeName := r.receiverType(f.This())
	switch {
	case name == "" && f.Func() != nil && r.moduleWrappers[f.Func()]:
		return "Object.<anonymous>"
	case name == "":
		return ""
	case typeName != "":
		return typeName + "." + name
	}
	return name
}

// receiverType is the constructor name V8 shows before a method's name; none for a plain
// call (this is undefined or the global object).
func (r *Realm) receiverType(this goja.Value) (name string) {
	o, ok := this.(*goja.Object)
	if !ok || o.SameAs(r.rt.GlobalObject()) {
		return ""
	}
	defer func() {
		if recover() != nil {
			name = "" // a throwing constructor getter or a revoked proxy
		}
	}()
	if ctor, ok := o.Get("constructor").(*goja.Object); ok {
		if n := ctor.Get("name"); n != nil {
			return n.String()
		}
	}
	return ""
}

// v8CallSite is V8's CallSite object, what Error.prepareStackTrace receives for each frame.
func (r *Realm) v8CallSite(f goja.StackFrame) *goja.Object {
	file, line, column := r.framePosition(f)
	site := r.rt.NewObject()
	constant := func(v any) func() any { return func() any { return v } }
	fnName := f.FuncName()
	if fnName == "<anonymous>" || fnName == "<native>" {
		fnName = ""
	}
	var fnNameValue any
	if fnName != "" {
		fnNameValue = fnName
	}
	typeName := r.receiverType(f.This())
	var typeNameValue any
	if typeName != "" {
		typeNameValue = typeName
	}
	site.Set("getFileName", constant(file))
	site.Set("getScriptNameOrSourceURL", constant(file))
	site.Set("getLineNumber", constant(line))
	site.Set("getColumnNumber", constant(column))
	site.Set("getFunctionName", constant(fnNameValue))
	site.Set("getMethodName", constant(fnNameValue))
	site.Set("getTypeName", constant(typeNameValue))
	site.Set("getThis", constant(nil))
	site.Set("getFunction", constant(nil))
	site.Set("getEvalOrigin", constant(nil))
	site.Set("isNative", constant(false))
	site.Set("isToplevel", constant(typeName == ""))
	site.Set("isEval", constant(false))
	site.Set("isConstructor", constant(false))
	site.Set("isAsync", constant(false))
	site.Set("isPromiseAll", constant(false))
	site.Set("getPromiseIndex", constant(nil))
	text := r.frameText(f)
	site.Set("toString", constant(text))
	return site
}
