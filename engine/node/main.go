package node

import (
	"fmt"
	"path"

	"github.com/dop251/goja"

	"looplab/engine/loop"
)

// runMain mirrors Node's start-up for `node FILE`: run the main module, spin the event loop
// until nothing keeps it alive ('beforeExit' may add work), then emit 'exit'.
// Mirrors SpinEventLoop in src/api/embed_helpers.cc.
func (r *Realm) runMain(file string) {
	r.runMainModule(file)
	r.spinEventLoop(nil)
	r.finishMain()
}

// spinEventLoop mirrors SpinEventLoop in src/api/embed_helpers.cc: run the loop until nothing
// keeps it alive, where 'beforeExit' may add more work. afterBeforeExit, if set, runs after
// each 'beforeExit' (a worker checks its port there).
func (r *Realm) spinEventLoop(afterBeforeExit func()) {
	for !r.halted() {
		r.loop.Run()
		if r.halted() || r.loop.Alive() {
			continue
		}
		r.emitBeforeExit()
		if afterBeforeExit != nil {
			afterBeforeExit()
		}
		if !r.loop.Alive() {
			break
		}
	}
}

// halted reports whether the thread must stop: it exited, or the whole run stopped.
func (r *Realm) halted() bool { return r.dead || r.proc.sched.Stopping() }

// finishMain is the end of a thread whose loop ran dry: 'exit', then the exit code.
func (r *Realm) finishMain() {
	if !r.halted() {
		r.emitExit(r.currentExitCode())
		r.exitWith(r.finalExitCode())
	}
}

// finalExitCode is process.exitCode, or 13 when an ES module main never finished its
// top-level await (Node 20 exits so, after 'exit' listeners saw the ordinary code).
func (r *Realm) finalExitCode() int {
	if p := r.mainEvaluation; p != nil && p.State() == goja.PromiseStatePending {
		return 13
	}
	return r.currentExitCode()
}

// runMainModule runs the main module as the first macrotask, in the "main" phase.
func (r *Realm) runMainModule(file string) {
	leave := r.loop.Phase("main")
	defer leave()
	load := r.rt.ToValue(func(goja.FunctionCall) goja.Value {
		format, resolved := r.resolveMain(file)
		if format == "missing" {
			panic(r.mainNotFound(file))
		}
		file = resolved
		if format == "module" {
			r.runESMMain(file)
		} else {
			r.callHook(r.moduleAPI().loadMain, r.rt.ToValue(file))
		}
		return goja.Undefined()
	})
	r.RunTask(&loop.Task{ID: r.proc.sched.NewTaskID(), Queue: "main", Label: "main module " + path.Base(file), Fn: call0(load, goja.Undefined(), nil)})
}

// mainNotFound is the error of a main module that does not exist, reported as Node reports it:
// thrown in Module._load with its internal frames (there is no user frame to point at).
func (r *Realm) mainNotFound(file string) *goja.Object {
	e := r.newError("Error", fmt.Sprintf("Cannot find module '%s'", file))
	e.Set("code", "MODULE_NOT_FOUND")
	e.Set("requireStack", []any{})
	e.Set("stack", fmt.Sprintf("Error: Cannot find module '%s'\n"+
		"    at Module._resolveFilename (node:internal/modules/cjs/loader:1207:15)\n"+
		"    at Module._load (node:internal/modules/cjs/loader:1038:27)\n"+
		"    at Function.executeUserEntryPoint [as runMain] (node:internal/modules/run_main:164:12)\n"+
		"    at node:internal/main/run_main_module:28:49", file))
	r.syntaxHeaders[e] = "node:internal/modules/cjs/loader:1210\n  throw err;\n  ^\n"
	return e
}

// emitBeforeExit mirrors EmitProcessBeforeExit: 'beforeExit' runs like any callback, so work it
// schedules keeps the process alive.
func (r *Realm) emitBeforeExit() {
	leave := r.loop.Phase("exit")
	defer leave()
	fn := r.rt.ToValue(func(goja.FunctionCall) goja.Value {
		if _, err := r.emitDirect("beforeExit", r.rt.ToValue(r.currentExitCode())); err != nil {
			panic(err) // a listener threw: it escapes the trampoline as an uncaught exception
		}
		return goja.Undefined()
	})
	r.RunTask(&loop.Task{ID: r.proc.sched.NewTaskID(), Queue: "exit", Label: "process 'beforeExit'", Fn: call0(fn, goja.Undefined(), nil)})
}

// trackRejection is goja's HostPromiseRejectionTracker: remember promises rejected with no
// handler; a handler added later takes them off the list (Node's pendingUnhandledRejections).
func (r *Realm) trackRejection(p *goja.Promise, op goja.PromiseRejectionOperation) {
	switch op {
	case goja.PromiseRejectionReject:
		r.unhandled = append(r.unhandled, p)
	case goja.PromiseRejectionHandle:
		for i, q := range r.unhandled {
			if q == p {
				r.unhandled = append(r.unhandled[:i], r.unhandled[i+1:]...)
				break
			}
		}
	}
}

// processRejections mirrors processPromiseRejections in lib/internal/process/promises.js
// (mode "throw", Node 15+): an unhandled rejection goes to 'unhandledRejection' listeners, or
// becomes an uncaught exception. It reports whether JavaScript ran.
func (r *Realm) processRejections() bool {
	if len(r.unhandled) == 0 {
		return false
	}
	p := r.unhandled[0]
	r.unhandled = r.unhandled[1:]
	reason := p.Result()
	if r.listenerCount("unhandledRejection") > 0 {
		fn := r.rt.ToValue(func(goja.FunctionCall) goja.Value {
			r.emitDirect("unhandledRejection", reason, r.rt.ToValue(p))
			return goja.Undefined()
		})
		r.enter(fn, nil, nil)
		return true
	}
	// No exception to take the place from: the report locates an Error by its own stack.
	r.uncaught(reason, nil, true)
	return true
}

func (r *Realm) timersBinding() goja.Value {
	handle := func(o *goja.Object) any {
		if v := o.GetSymbol(r.kHandle); v != nil {
			return v.Export()
		}
		return nil
	}
	return r.rt.ToValue(map[string]any{
		"setClasses": func(t, i goja.Value) { r.timeoutClass, r.immediateClass = t, i },
		"ref": func(o *goja.Object, ref bool) {
			switch h := handle(o).(type) {
			case *loop.Timeout:
				r.loop.RefTimer(h, ref)
			case *loop.Immediate:
				r.loop.RefImmediate(h, ref)
			}
		},
		"hasRef": func(o *goja.Object) bool {
			switch h := handle(o).(type) {
			case *loop.Timeout:
				return h.HasRef()
			case *loop.Immediate:
				return h.HasRef()
			}
			return false
		},
		"refresh": func(o *goja.Object) {
			if h, ok := handle(o).(*loop.Timeout); ok {
				r.charge()
				r.loop.RefreshTimer(h)
			}
		},
		"id": func(o *goja.Object) int {
			if h, ok := handle(o).(*loop.Timeout); ok {
				return h.ID
			}
			return 0
		},
	})
}
