package node

import (
	"errors"

	"github.com/dop251/goja"

	"looplab/engine/loop"
	"looplab/engine/trace"
)

// call is a JavaScript function call waiting in a queue.
type call struct {
	fn   goja.Value
	this goja.Value
	args []goja.Value
}

// lazyCall builds its call when it runs: I/O completions create their result values on the
// thread that receives them, never on the pool thread that produced the bytes.
type lazyCall func() call

// trampolineSource mirrors what Node does around every callback it enters from the loop
// (InternalCallbackScope::Close, then processTicksAndRejections in
// lib/internal/process/task_queues.js): run the callback, then every nextTick callback. goja
// runs the promise jobs when this outermost call returns, which is exactly where Node runs
// its microtasks.
// Reflect.apply is taken when the realm starts, so that a program that deletes or replaces
// Reflect still gets its callbacks called.
const trampolineSource = `(function (apply) {
  return function trampoline(fn, thisArg, args, takeTick) {
    if (fn !== undefined) apply(fn, thisArg, args);
    for (let tick = takeTick(); tick !== undefined; tick = takeTick()) {
      apply(tick[0], undefined, tick[1]);
    }
  };
})(Reflect.apply)`

func (r *Realm) compileTrampoline() goja.Callable {
	v, err := r.rt.RunScript("node:internal/process/task_queues", trampolineSource)
	if err != nil {
		panic(err) // the source above is fixed: a failure is an engine bug
	}
	fn, _ := goja.AssertFunction(v)
	return fn
}

// RunTask implements loop.Host: run one callback from the loop, then drain the nextTick and
// microtask queues, and account for the virtual CPU time it all took.
func (r *Realm) RunTask(t *loop.Task) {
	if r.dead {
		return
	}
	p := r.proc
	p.callbacks++
	if p.cfg.MaxCallbacks > 0 && p.callbacks > p.cfg.MaxCallbacks {
		p.stop("the program ran more than the limit of callbacks")
		return
	}
	r.cpuFrom = r.th.Now()
	r.beginSlice()
	r.record(trace.Event{Kind: trace.CallbackRun, ID: t.ID, Queue: t.Queue, Label: t.Label})
	prev, prevTask := r.current, r.running
	r.current, r.running = t.ID, t
	if c, err := r.resolveCall(t.Fn); err != nil {
		r.handleEscape(err)
	} else {
		r.enter(c.fn, c.this, c.args)
	}
	r.drain()
	r.current, r.running = prev, prevTask
	r.charge()
	r.th.Compute(r.cpuFrom)
	r.record(trace.Event{Kind: trace.RunEnd, ID: t.ID})
}

// resolveCall builds the call of a task. A lazy call creates JavaScript values, so it can
// meet an interrupt or a JavaScript exception; those come back as the error.
func (r *Realm) resolveCall(fn any) (c call, err error) {
	switch f := fn.(type) {
	case call:
		return f, nil
	case lazyCall:
		defer func() {
			if x := recover(); x != nil {
				e, ok := x.(error)
				if !ok {
					panic(x)
				}
				err = e
			}
		}()
		return f(), nil
	}
	panic("node: task without a callable")
}

// enter calls into JavaScript through the trampoline and handles what escapes it.
func (r *Realm) enter(fn, this goja.Value, args []goja.Value) {
	if r.dead {
		return
	}
	if fn == nil {
		fn = goja.Undefined()
	}
	if this == nil {
		this = goja.Undefined()
	}
	_, err := r.trampoline(goja.Undefined(), fn, this, r.rt.NewArray(toAny(args)...), r.takeTick)
	r.handleEscape(err)
}

// drain repeats the tick-then-microtask cycle until both queues are empty and no promise
// rejection is left unhandled: the do-while of processTicksAndRejections.
func (r *Realm) drain() {
	for !r.dead {
		if len(r.ticks) > 0 {
			r.enter(nil, nil, nil)
			continue
		}
		if !r.processRejections() {
			return
		}
	}
}

// nextTick is takeTick: the trampoline's way to take the next nextTick callback.
func (r *Realm) nextTick() goja.Value {
	if r.running != nil && r.running.Queue == trace.QueueNextTick {
		r.charge()
		r.record(trace.Event{Kind: trace.RunEnd, ID: r.running.ID})
	}
	if len(r.ticks) == 0 || r.dead {
		// The trampoline is about to return and goja to run the promise jobs: the last chance
		// to see them queued.
		r.observeJobs()
		return goja.Undefined()
	}
	t := r.ticks[0]
	r.ticks = r.ticks[1:]
	r.charge()
	r.record(trace.Event{Kind: trace.Dequeue, ID: t.ID, Queue: trace.QueueNextTick})
	r.record(trace.Event{Kind: trace.CallbackRun, ID: t.ID, Queue: trace.QueueNextTick, Label: t.Label})
	r.current, r.running = t.ID, t
	c := t.Fn.(call)
	return r.rt.NewArray(c.fn, r.rt.NewArray(toAny(c.args)...))
}

// handleEscape deals with what a call into JavaScript threw past every catch. It switches on
// the error's type rather than using errors.As: goja's Exception.Unwrap runs instanceof on
// the thrown value, which a revoked proxy or a throwing getPrototypeOf trap makes throw.
func (r *Realm) handleEscape(err error) {
	switch e := err.(type) {
	case nil:
	case *goja.InterruptedError:
		if sig, ok := e.Value().(limitSignal); ok {
			r.proc.stop(sig.why)
		}
		// Otherwise process.exit() or a stop: the thread is already halted.
	case *goja.StackOverflowError:
		r.uncaught(r.rt.NewGoError(errors.New("Maximum call stack size exceeded")), nil, false)
	case *goja.Exception:
		r.uncaught(e.Value(), e, false)
	default:
		panic(err) // neither a JavaScript exception nor an interrupt: an engine bug
	}
}

func toAny(vals []goja.Value) []any {
	out := make([]any, len(vals))
	for i, v := range vals {
		out[i] = v
	}
	return out
}
