package node

import (
	"fmt"
	"regexp"
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
			"  code: 'ERR_UNHANDLED_REJECTION'\n}\n\nNode.js %s\n", r.inspect(err), NodeVersion)
	}
	if loc := r.throwLocation(err, ex); loc != "" {
		b.WriteString(loc)
	}
	if r.isError(err) {
		b.WriteString("\n")
		b.WriteString(r.inspect(err))
		b.WriteString("\n")
	} else {
		b.WriteString(r.inspect(err))
		b.WriteString("\n(Use `node --trace-uncaught ...` to show where the exception was thrown)\n")
	}
	fmt.Fprintf(&b, "\nNode.js %s\n", NodeVersion)
	return b.String()
}

// throwLocation is Node's "file:line\nsource\n   ^\n" header, from the innermost frame that
// belongs to the user's code.
func (r *Realm) throwLocation(err goja.Value, ex *goja.Exception) string {
	var frames []goja.StackFrame
	if ex != nil {
		frames = ex.Stack()
	}
	for _, f := range frames {
		pos := f.Position()
		src, ok := r.proc.sources[pos.Filename]
		if !ok || pos.Line < 1 {
			continue
		}
		lines := strings.Split(src, "\n")
		if pos.Line > len(lines) {
			continue
		}
		line := strings.TrimRight(lines[pos.Line-1], "\r")
		return fmt.Sprintf("%s:%d\n%s\n%s^\n", pos.Filename, pos.Line, line, strings.Repeat(" ", max(pos.Column-1, 0)))
	}
	return ""
}

// isError reports whether v is an Error object (its prototype chain reaches Error.prototype).
func (r *Realm) isError(v goja.Value) bool {
	o, ok := v.(*goja.Object)
	if !ok {
		return false
	}
	proto := r.errorPrototype
	for p := o.Prototype(); p != nil; p = p.Prototype() {
		if p == proto {
			return true
		}
	}
	return false
}

func asException(err error, target **goja.Exception) bool {
	ex, ok := err.(*goja.Exception)
	if ok {
		*target = ex
	}
	return ok
}

// gojaFrame matches one frame of goja's stack format: "\tat fn (file:1:2(34))".
var gojaFrame = regexp.MustCompile(`(?m)^\tat (?:(.+) \()?(.*?):(\d+):(\d+)\(\d+\)\)?$`)

// nodeStack rewrites a goja stack trace into V8's format ("    at fn (file:1:2)") and leaves
// out the engine's own frames.
func nodeStack(stack string) string {
	lines := strings.Split(strings.TrimRight(stack, "\n"), "\n")
	out := lines[:0]
	for _, line := range lines {
		if strings.HasPrefix(line, "\tat ") {
			m := gojaFrame.FindStringSubmatch(line)
			switch {
			case m == nil:
				continue // native frames: V8 shows none for built-ins we implement
			case strings.HasPrefix(m[2], "node:internal"):
				continue
			case m[1] == "":
				line = fmt.Sprintf("    at %s:%s:%s", m[2], m[3], m[4])
			default:
				line = fmt.Sprintf("    at %s (%s:%s:%s)", m[1], m[2], m[3], m[4])
			}
		}
		out = append(out, line)
	}
	return strings.Join(out, "\n")
}
