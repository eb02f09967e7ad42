package node

import (
	"fmt"
	"math"

	"github.com/dop251/goja"

	"looplab/engine/loop"
	"looplab/engine/trace"
)

// timerMaxMs is TIMEOUT_MAX in lib/internal/timers.js: 2^31-1.
const timerMaxMs = 1<<31 - 1

// coerceDelay mirrors the delay checks of `new Timeout()` in lib/internal/timers.js: a delay
// that is not a number in 1..2^31-1 becomes 1 ms, and one that is too large warns.
func (r *Realm) coerceDelay(v goja.Value) int64 {
	after := math.NaN()
	if v != nil && !goja.IsUndefined(v) {
		after = v.ToFloat()
	}
	if after > timerMaxMs {
		r.emitWarning(fmt.Sprintf("%s does not fit into a 32-bit signed integer.\nTimeout duration was set to 1.", formatNumber(after)), "TimeoutOverflowWarning", "")
		return 1
	}
	if !(after >= 1) {
		return 1
	}
	return int64(after) // Node keeps the fraction; libuv truncates to whole ms
}

func formatNumber(f float64) string {
	if f == math.Trunc(f) && math.Abs(f) < 1e21 {
		return fmt.Sprintf("%.0f", f)
	}
	return fmt.Sprint(f)
}

// handleObject creates the JavaScript Timeout or Immediate object (classes from lib/timers.js)
// that stands for a Go timer handle.
func (r *Realm) handleObject(class goja.Value, handle any) *goja.Object {
	o, err := r.rt.New(class)
	if err != nil {
		panic(err)
	}
	o.SetSymbol(r.kHandle, handle)
	return o
}

func (r *Realm) setTimer(call goja.FunctionCall, repeat bool) goja.Value {
	fn := call.Argument(0)
	if _, ok := goja.AssertFunction(fn); !ok {
		panic(r.typeError("ERR_INVALID_ARG_TYPE", `The "callback" argument must be of type function. Received `+r.describeReceived(fn)))
	}
	r.charge()
	ms := r.coerceDelay(call.Argument(1))
	name := "setTimeout"
	if repeat {
		name = "setInterval"
	}
	var args []goja.Value
	if len(call.Arguments) > 2 {
		args = append([]goja.Value(nil), call.Arguments[2:]...)
	}
	label := fmt.Sprintf("%s %d ms, %s", name, ms, r.callSite())
	var obj *goja.Object
	task := r.newTask(trace.QueueTimers, label, nil)
	t := r.loop.SetTimer(task, ms, repeat)
	obj = r.handleObject(r.timeoutClass, t)
	t.Fn = call0(fn, obj, args)
	return obj
}

func call0(fn goja.Value, this goja.Value, args []goja.Value) call {
	return call{fn: fn, this: this, args: args}
}

func (r *Realm) clearTimer(v goja.Value) {
	o, ok := v.(*goja.Object)
	if !ok {
		return
	}
	h := o.GetSymbol(r.kHandle)
	if h == nil {
		return
	}
	switch h := h.Export().(type) {
	case *loop.Timeout:
		r.loop.ClearTimer(h)
	case *loop.Immediate:
		r.loop.ClearImmediate(h)
	}
}

func (r *Realm) setImmediate(call goja.FunctionCall) goja.Value {
	fn := call.Argument(0)
	if _, ok := goja.AssertFunction(fn); !ok {
		panic(r.typeError("ERR_INVALID_ARG_TYPE", `The "callback" argument must be of type function. Received `+r.describeReceived(fn)))
	}
	r.charge()
	var args []goja.Value
	if len(call.Arguments) > 1 {
		args = append([]goja.Value(nil), call.Arguments[1:]...)
	}
	task := r.newTask(trace.QueueImmediate, "setImmediate, "+r.callSite(), nil)
	im := r.loop.SetImmediate(task)
	o := r.handleObject(r.immediateClass, im)
	im.Fn = call0(fn, o, args)
	return o
}

// queueNextTick mirrors process.nextTick in lib/internal/process/task_queues.js.
func (r *Realm) queueNextTick(call goja.FunctionCall) goja.Value {
	fn := call.Argument(0)
	if _, ok := goja.AssertFunction(fn); !ok {
		panic(r.typeError("ERR_INVALID_ARG_TYPE", `The "callback" argument must be of type function. Received `+r.describeReceived(fn)))
	}
	var args []goja.Value
	if len(call.Arguments) > 1 {
		args = append([]goja.Value(nil), call.Arguments[1:]...)
	}
	r.charge()
	t := r.newTask(trace.QueueNextTick, "process.nextTick, "+r.callSite(), call0(fn, goja.Undefined(), args))
	r.ticks = append(r.ticks, &t)
	r.record(trace.Event{Kind: trace.Enqueue, ID: t.ID, Queue: trace.QueueNextTick, Label: t.Label, Cause: t.Cause})
	return goja.Undefined()
}

// installTimers puts the timer functions on the global object; the timers module reuses them.
func (r *Realm) installTimers(g *goja.Object) {
	// In the order Node 20's Object.keys(globalThis) lists them.
	clear := func(c goja.FunctionCall) goja.Value { r.clearTimer(c.Argument(0)); return goja.Undefined() }
	g.Set("clearImmediate", clear)
	g.Set("setImmediate", r.setImmediate)
	g.Set("clearInterval", clear)
	g.Set("clearTimeout", clear)
	g.Set("setInterval", func(c goja.FunctionCall) goja.Value { return r.setTimer(c, true) })
	g.Set("setTimeout", func(c goja.FunctionCall) goja.Value { return r.setTimer(c, false) })
}
