package node

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/dop251/goja"
)

// uncaught mirrors process._fatalException (lib/internal/process/execution.js): an
// 'uncaughtException' listener gets the error and the thread goes on; without one the error
// is printed the way Node prints it and the process exits with code 1.
func (r *Realm) uncaught(err goja.Value, ex *goja.Exception, fromPromise bool) {
	if r.dead {
		return
	}
	if r.listenerCount("uncaughtException") > 0 {
		origin := "uncaughtException"
		if fromPromise {
			origin = "unhandledRejection"
		}
		if _, e := r.emitDirect("uncaughtException", err, r.rt.ToValue(origin)); e != nil {
			// An exception inside the handler itself: Node's exit code 7.
			var ex2 *goja.Exception
			if asException(e, &ex2) {
				r.fatal(ex2.Value(), ex2, false, 7)
			}
		}
		return
	}
	r.fatal(err, ex, fromPromise, 1)
}

// fatal prints an uncaught error like Node, runs the 'exit' listeners and ends the process.
func (r *Realm) fatal(err goja.Value, ex *goja.Exception, fromPromise bool, code int) {
	r.fatalError = true
	if r.fatalInWorker(err, code) {
		return // the Worker object in the parent emits 'error'
	}
	r.write("stderr", r.fatalReport(err, ex, fromPromise))
	r.exit(code)
}

// fatalReport formats an uncaught error as Node 20 does: where it was thrown, the source line
// with a caret, then the error itself.
func (r *Realm) fatalReport(err goja.Value, ex *goja.Exception, fromPromise bool) string {
	var b strings.Builder
	if fromPromise && !r.isError(err) {
		return fmt.Sprintf("node:internal/process/promises:389\n      new UnhandledPromiseRejection(reason);\n      ^\n\n"+
			"UnhandledPromiseRejection: This error originated either by throwing inside of an async function without a catch block, "+
			"or by rejecting a promise which was not handled with .catch(). The promise rejected with the reason \"%s\".\n"+
			"    at throwUnhandledRejectionsMode (node:internal/process/promises:389:7)\n"+
			"    at processPromiseRejections (node:internal/process/promises:470:17)\n"+
			"    at process.processTicksAndRejections (node:internal/process/task_queues:96:32) {\n"+
			"  code: 'ERR_UNHANDLED_REJECTION'\n}\n\nNode.js %s\n", r.reasonString(err), NodeVersion)
	}
	isErr := r.isError(err)
	if !isErr {
		b.WriteString("\n") // Node starts the report of a thrown non-error with a blank line
	}
	if o, ok := err.(*goja.Object); ok && r.syntaxHeaders[o] != "" {
		b.WriteString(r.syntaxHeaders[o])
		// A SyntaxError of ours has no frames (Node's has its loader's), which inspect would
		// bracket: its stack is printed as it is.
		if stack := r.stringOf(o.Get("stack")); !strings.Contains(stack, "\n    at ") {
			b.WriteString("\n" + stack + "\n")
		} else {
			b.WriteString(r.fatalObjectText(o, isErr))
		}
	} else {
		r.guard(func() { b.WriteString(r.throwLocation(err, ex)) })
		if o, ok := err.(*goja.Object); ok {
			b.WriteString(r.fatalObjectText(o, isErr))
		} else {
			b.WriteString(r.stringOf(err) + "\n" + traceUncaughtHint)
		}
	}
	fmt.Fprintf(&b, "\nNode.js %s\n", NodeVersion)
	return b.String()
}

const traceUncaughtHint = "(Use `node --trace-uncaught ...` to show where the exception was thrown)\n"

// fatalObjectText mirrors how ReportFatalException (src/node_errors.cc) prints a thrown
// object: util.inspect of it (fatalExceptionStackEnhancers.afterInspector, which reads its
// stack first); if that throws, "name: message"; if those throw or are missing, its string,
// or nothing if even that throws. The program's getters, proxies and toString run there:
// what they throw only makes the report shorter, as in Node.
func (r *Realm) fatalObjectText(o *goja.Object, isErr bool) string {
	var text string
	ok := false
	if r.guard(func() { o.Get("stack"); text, ok = r.tryInspect(o) }) == nil && ok {
		if isErr {
			return "\n" + text + "\n"
		}
		return text + "\n"
	}
	var name, message goja.Value
	r.guard(func() { message, name = o.Get("message"), o.Get("name") })
	if isErr {
		text = "\n"
	} else {
		text = ""
	}
	if message == nil || goja.IsUndefined(message) || name == nil || goja.IsUndefined(name) {
		text += r.stringOf(o)
	} else {
		text += r.stringOf(name) + ": " + r.stringOf(message)
	}
	return text + "\n" + traceUncaughtHint
}

// stringOf is V8's ToString as Node's C++ applies it to a thrown value (Utf8Value): "" when it
// throws (a symbol, a revoked proxy, a throwing toString).
func (r *Realm) stringOf(v goja.Value) string {
	if v == nil {
		return "undefined"
	}
	if _, isSymbol := v.(*goja.Symbol); isSymbol {
		return ""
	}
	text := ""
	r.guard(func() { text = v.String() })
	return text
}

// guard runs Go code that reads the program's values while the engine reports or delivers
// something: a getter, a proxy trap or a toString of the program may run there and throw. A
// JavaScript exception (goja panics with an *Exception, or with the error *Object itself when
// no JavaScript runs, as for a revoked proxy) comes back as the thrown value instead of
// unwinding the engine; anything else (an interrupt, an engine bug) goes on.
func (r *Realm) guard(fn func()) (thrown goja.Value) {
	defer func() {
		switch x := recover().(type) {
		case nil:
		case *goja.Exception:
			thrown = x.Value()
		case *goja.Object:
			thrown = x
		default:
			panic(x)
		}
	}()
	fn()
	return nil
}

// throwLocation is Node's "file:line\nsource\n   ^\n" header, from the innermost frame that
// belongs to the user's code: of the exception, or else of the error's own stack (a rejected
// Error reports where it was created).
func (r *Realm) throwLocation(err goja.Value, ex *goja.Exception) string {
	type place struct {
		file         string
		line, column int
	}
	var places []place
	if ex != nil {
		for _, f := range ex.Stack() {
			pos := f.Position()
			places = append(places, place{pos.Filename, pos.Line, pos.Column})
		}
	} else if o, ok := err.(*goja.Object); ok && r.isError(o) {
		for _, m := range stackFrame.FindAllStringSubmatch(o.Get("stack").String(), -1) {
			line, _ := strconv.Atoi(m[2])
			column, _ := strconv.Atoi(m[3])
			if line == 1 {
				column += r.columnOffset(m[1]) // the stack's columns are the file's, not the wrapper's
			}
			places = append(places, place{m[1], line, column})
		}
	}
	for _, p := range places {
		src, ok := r.proc.sources[p.file]
		lines := strings.Split(src, "\n")
		if !ok || p.line < 1 || p.line > len(lines) {
			continue
		}
		line := strings.TrimRight(lines[p.line-1], "\r")
		column := p.column
		if p.line == 1 {
			column -= r.columnOffset(p.file)
		}
		// goja places a thrown Error where it was created; V8 points at the throw statement,
		// which is usually on the same line.
		if i := strings.LastIndex(line[:min(max(column-1, 0), len(line))], "throw"); i >= 0 {
			column = i + 1
		}
		return fmt.Sprintf("%s:%d\n%s\n%s^\n", p.file, p.line, line, strings.Repeat(" ", max(column-1, 0)))
	}
	return ""
}

// stackFrame finds file, line and column in the frames of a V8 stack ("    at f (file:1:2)").
var stackFrame = regexp.MustCompile(`(?m)^    at (?:.* \()?([^()]*?):(\d+):(\d+)\)?$`)

// isError reports whether v is an Error object (its prototype chain reaches Error.prototype).
// A proxy whose getPrototypeOf throws is no error.
func (r *Realm) isError(v goja.Value) (is bool) {
	o, ok := v.(*goja.Object)
	if !ok {
		return false
	}
	proto := r.errorPrototype
	r.guard(func() {
		for p := o.Prototype(); p != nil; p = p.Prototype() {
			if p == proto {
				is = true
				return
			}
		}
	})
	return is
}

func asException(err error, target **goja.Exception) bool {
	ex, ok := err.(*goja.Exception)
	if ok {
		*target = ex
	}
	return ok
}

// reasonString is how V8 turns a thrown or rejected non-error into message text: primitives as
// themselves, objects as "#<Constructor>".
func (r *Realm) reasonString(v goja.Value) string {
	o, ok := v.(*goja.Object)
	if !ok {
		return v.String()
	}
	name := "Object"
	r.guard(func() { // V8's NoSideEffectsToString never throws
		if c, ok := o.Get("constructor").(*goja.Object); ok {
			if n, ok := c.Get("name").(goja.String); ok && n.String() != "" {
				name = n.String()
			}
		}
	})
	return "#<" + name + ">"
}
