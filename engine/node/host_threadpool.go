package node

import (
	"fmt"
	"strings"
	"time"

	"github.com/dop251/goja"

	"looplab/engine/loop"
	"looplab/engine/trace"
)

// This file is the one way the host modules that use libuv's thread pool (fs, crypto, zlib,
// dns) do their work. A binding function takes, as its last argument, either nothing (the
// synchronous form: the calling thread does the work and is blocked for its modeled cost) or
// a request object { label, oncomplete(err, value) }, Node's FSReqCallback: then the work is
// one pool job and oncomplete runs in the poll phase of the loop that submitted it.

// hostOp is the work of one request. It runs at the virtual time the work starts: on the
// scheduler's goroutine for a pool job, on the calling thread for a sync call. It must not
// touch goja values; it returns a Go value that toJS turns into JavaScript on the realm's own
// goroutine, and its modeled cost.
type hostOp func() (result any, cost time.Duration, err error)

// hostResult converts an op's result on the JavaScript thread.
type hostResult func(r *Realm, v any) goja.Value

// sysError is a failed system call, reported as Node's uvException does
// (lib/internal/errors.js): "ENOENT: no such file or directory, open '/x'".
type sysError struct {
	code    string
	errno   int
	desc    string
	syscall string
	path    string
	dest    string
	// message, when set, replaces the uvException message (dns and zlib errors read differently).
	message string
	// errnoUndefined makes errno an own property whose value is undefined (c-ares errors).
	errnoUndefined bool
	extra          map[string]any
}

func (e *sysError) Error() string {
	if e.message != "" {
		return e.message
	}
	msg := fmt.Sprintf("%s: %s, %s", e.code, e.desc, e.syscall)
	if e.path != "" {
		msg += fmt.Sprintf(" '%s'", e.path)
	}
	if e.dest != "" {
		msg += fmt.Sprintf(" -> '%s'", e.dest)
	}
	return msg
}

// jsError makes the JavaScript Error for err: a sysError gets errno, code, syscall, path and
// dest in Node's order; anything else becomes a plain Error.
func (r *Realm) jsError(err error) *goja.Object {
	se, ok := err.(*sysError)
	if !ok {
		return r.newError("Error", err.Error())
	}
	e := r.newError("Error", se.Error())
	// Created from the loop with no JavaScript on the stack, the error has no frames; Node's
	// stack is then the message line alone (goja leaves a trailing newline).
	if st, ok := e.Get("stack").Export().(string); ok {
		e.Set("stack", strings.TrimRight(st, "\n"))
	}
	switch {
	case se.errnoUndefined:
		e.Set("errno", goja.Undefined())
	case se.errno != 0 || se.message == "":
		e.Set("errno", se.errno)
	}
	e.Set("code", se.code)
	if se.syscall != "" {
		e.Set("syscall", se.syscall)
	}
	if se.path != "" {
		e.Set("path", se.path)
	}
	if se.dest != "" {
		e.Set("dest", se.dest)
	}
	for k, v := range se.extra {
		e.Set(k, v)
	}
	return e
}

// hostCall runs op synchronously or as a pool job, depending on req (see the file comment).
// what names the blocking call in the trace ("fs.readFileSync").
func (r *Realm) hostCall(req goja.Value, what string, op hostOp, conv hostResult) goja.Value {
	o, async := req.(*goja.Object)
	if !async {
		if s, ok := req.Export().(string); ok {
			what = s // a synchronous call that names itself ("fs.readFileSync read, main.js:3")
		}
		r.charge()
		val, cost, err := op()
		r.blockFor(what, cost)
		if err != nil {
			panic(r.jsError(err))
		}
		return conv(r, val)
	}
	label := what
	if l := o.Get("label"); l != nil && !goja.IsUndefined(l) {
		label = l.String()
	}
	cb := o.Get("oncomplete")
	var val any
	var opErr error
	r.submitJob(label, func() time.Duration {
		var cost time.Duration
		val, cost, opErr = op()
		return cost
	}, func() call {
		if opErr != nil {
			return call{fn: cb, this: o, args: []goja.Value{r.jsError(opErr)}}
		}
		return call{fn: cb, this: o, args: []goja.Value{goja.Null(), conv(r, val)}}
	})
	return goja.Undefined()
}

// submitJob queues one uv_work_t on the process's pool. The job and the completion task share
// one id, so the page can follow a job from submit through its pool thread to the callback
// that the poll phase runs.
func (r *Realm) submitJob(label string, work func() time.Duration, then func() call) {
	r.charge()
	task := r.newTask(trace.QueuePoll, label, lazyCall(then))
	r.proc.Pool.Submit(r.loop, &loop.Job{ID: task.ID, Label: label, Cause: task.Cause, Work: work, Then: &task})
}

// blockFor accounts for a synchronous call that keeps the calling thread waiting for cost.
func (r *Realm) blockFor(what string, cost time.Duration) {
	r.record(trace.Event{Kind: trace.Blocked, Label: what})
	r.th.Spend(cost)
	r.record(trace.Event{Kind: trace.Unblocked, Label: what})
}

// completeLater delivers a callback to the poll phase after delay without using the pool, as
// network I/O completes (dns.resolve* sends a UDP query and waits for the socket).
func (r *Realm) completeLater(label string, delay time.Duration, then func() call) {
	r.charge()
	task := r.newTask(trace.QueuePoll, label, lazyCall(then))
	r.loop.BeginRequest()
	l := r.loop
	r.proc.sched.At(r.th.Now()+delay, func() {
		l.EndRequest()
		l.Complete(r.proc.sched.Now(), &task)
	})
}

// Results that need no conversion beyond goja's own.
func plainResult(r *Realm, v any) goja.Value {
	if v == nil {
		return goja.Undefined()
	}
	return r.rt.ToValue(v)
}

// bufferResult turns bytes into a Buffer (a Uint8Array until lib/buffer.js is loaded).
func bufferResult(r *Realm, v any) goja.Value {
	b, _ := v.([]byte)
	return r.newBuffer(b)
}

// newBuffer wraps b, without copying, as a Buffer. It runs outside the trampoline (a
// completion builds its arguments before the callback is entered), so it must not panic: when
// Buffer.from cannot run (the runtime was interrupted because the run is stopping, or the
// program replaced Buffer.from with something that throws) the bytes come back as a plain
// Uint8Array.
func (r *Realm) newBuffer(b []byte) goja.Value {
	ab := r.rt.ToValue(r.rt.NewArrayBuffer(b))
	if bv := r.requireBuiltin("buffer"); bv != nil {
		if ctor, ok := bv.ToObject(r.rt).Get("Buffer").(*goja.Object); ok {
			if from, ok := goja.AssertFunction(ctor.Get("from")); ok {
				if v, err := from(ctor, ab, r.rt.ToValue(0), r.rt.ToValue(len(b))); err == nil {
					return v
				}
			}
		}
	}
	u8, err := r.rt.New(r.intrinsic("Uint8Array"), ab)
	if err != nil {
		return goja.Undefined()
	}
	return u8
}

// bytesArg reads a Buffer, TypedArray, DataView, ArrayBuffer or string (as UTF-8) argument.
// The slice shares the JavaScript object's memory, as the pointer libuv gets does.
func bytesArg(v goja.Value) ([]byte, bool) {
	if v == nil {
		return nil, false
	}
	switch x := v.Export().(type) {
	case []byte:
		return x, true
	case goja.ArrayBuffer:
		return x.Bytes(), true
	case string:
		return []byte(x), true
	}
	if o, ok := v.(*goja.Object); ok {
		// Other typed arrays and DataView: their bytes through the underlying buffer.
		if buf, ok := o.Get("buffer").Export().(goja.ArrayBuffer); ok {
			off := int(o.Get("byteOffset").ToInteger())
			n := int(o.Get("byteLength").ToInteger())
			b := buf.Bytes()
			if off >= 0 && n >= 0 && off+n <= len(b) {
				return b[off : off+n], true
			}
		}
	}
	return nil, false
}

// kib formats a byte count the way pool job labels show it.
func kib(n int) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1024:
		return fmt.Sprintf("%d KiB", (n+1023)/1024)
	}
	return fmt.Sprintf("%d B", n)
}

// perMB is a cost rate: the time to move one MiB.
func perMB(n int, rate time.Duration) time.Duration {
	return time.Duration(float64(rate) * float64(n) / (1 << 20))
}
