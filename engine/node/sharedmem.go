package node

import (
	"encoding/binary"
	"fmt"
	"math"
	"math/big"
	"time"

	"github.com/dop251/goja"

	"looplab/engine/loop"
	"looplab/engine/trace"
)

// goja has neither SharedArrayBuffer nor Atomics. A SharedArrayBuffer here is one Go byte
// slice (a sharedBlock) that every realm wraps as an ArrayBuffer object of its own, with
// SharedArrayBuffer.prototype as its prototype: typed arrays built on it read and write the
// same bytes in every thread. Only one simulated thread runs at a time (the scheduler's baton),
// so plain loads and stores are enough to make Atomics atomic.

// sharedBlock is the memory behind one SharedArrayBuffer, shared by every realm that holds it.
type sharedBlock struct {
	data []byte
	// waiters are the threads blocked in Atomics.wait (or waiting in Atomics.waitAsync), per
	// byte index, in the order they started waiting (notify wakes the oldest first).
	waiters map[int][]*atomicsWaiter
}

// atomicsWaiter is one Atomics.wait or Atomics.waitAsync that has not returned yet.
type atomicsWaiter struct {
	r        *Realm
	notified bool
	done     bool                // waitAsync: the promise is settled (or about to be)
	settle   func(result string) // waitAsync only: queues the promise's resolution on r's loop
}

// Costs of shared-memory operations. Every Atomics call is a synchronisation point: it costs a
// little virtual time (like a clock read) and lets whatever other threads did before that time
// happen first, so a thread spinning on Atomics.load sees another thread's store after a bounded
// number of iterations.
const (
	costPerAtomic = time.Microsecond
	// notifyLatency is how long a futex wake takes to resume a thread blocked in Atomics.wait.
	notifyLatency = 5 * time.Microsecond
)

// installSharedMemory puts SharedArrayBuffer and Atomics on the global object.
func (r *Realm) installSharedMemory(g *goja.Object) {
	st := r.ts()
	ctor := r.rt.ToValue(func(c goja.ConstructorCall) *goja.Object {
		n := r.toIndexFloat(c.Argument(0), "Invalid array buffer length")
		r.checkAllocation(int64(n))
		o := r.newSharedObject(&sharedBlock{data: make([]byte, int(n))})
		if c.This != nil && c.This.Prototype() != nil {
			o.SetPrototype(c.This.Prototype()) // subclasses keep their prototype
		}
		return o
	}).(*goja.Object)
	ctor.DefineDataProperty("name", r.rt.ToValue("SharedArrayBuffer"), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	ctor.DefineDataProperty("length", r.rt.ToValue(1), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	proto := ctor.Get("prototype").(*goja.Object)
	st.sabProto = proto
	this := func(c goja.FunctionCall, method string) *sharedBlock {
		if o, ok := c.This.(*goja.Object); ok {
			if b := r.sharedBlockOf(o); b != nil {
				return b
			}
		}
		panic(r.rt.NewTypeError(fmt.Sprintf("Method SharedArrayBuffer.prototype.%s called on incompatible receiver %s", method, r.describeValue(c.This))))
	}
	getter := func(name string, fn func(b *sharedBlock) goja.Value) {
		get := r.rt.ToValue(func(c goja.FunctionCall) goja.Value { return fn(this(c, name)) })
		proto.DefineAccessorProperty(name, get, nil, goja.FLAG_TRUE, goja.FLAG_FALSE)
	}
	getter("byteLength", func(b *sharedBlock) goja.Value { return r.rt.ToValue(len(b.data)) })
	getter("maxByteLength", func(b *sharedBlock) goja.Value { return r.rt.ToValue(len(b.data)) })
	getter("growable", func(b *sharedBlock) goja.Value { return r.rt.ToValue(false) })
	proto.Set("slice", func(c goja.FunctionCall) goja.Value {
		b := this(c, "slice")
		start, end := relativeRange(c.Argument(0), c.Argument(1), len(b.data))
		data := make([]byte, max(end-start, 0))
		copy(data, b.data[start:max(end, start)])
		return r.newSharedObject(&sharedBlock{data: data})
	})
	proto.DefineDataPropertySymbol(goja.SymToStringTag, r.rt.ToValue("SharedArrayBuffer"), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	g.DefineDataProperty("SharedArrayBuffer", ctor, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	g.DefineDataProperty("Atomics", r.atomicsObject(), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
}

// newSharedObject wraps b as a SharedArrayBuffer object of this realm.
func (r *Realm) newSharedObject(b *sharedBlock) *goja.Object {
	st := r.ts()
	o := r.rt.ToValue(r.rt.NewArrayBuffer(b.data)).(*goja.Object)
	o.SetPrototype(st.sabProto)
	o.DefineDataPropertySymbol(st.kShared, r.rt.ToValue(b), goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_FALSE)
	return o
}

// sharedBlockOf returns the memory of a SharedArrayBuffer object, nil for anything else.
func (r *Realm) sharedBlockOf(o *goja.Object) *sharedBlock {
	v := o.GetSymbol(r.ts().kShared)
	if v == nil {
		return nil
	}
	b, _ := v.Export().(*sharedBlock)
	return b
}

// toIndex mirrors ECMAScript's ToIndex.
func (r *Realm) toIndex(v goja.Value, rangeMessage string) int {
	if v == nil || goja.IsUndefined(v) {
		return 0
	}
	f := v.ToFloat()
	if math.IsNaN(f) {
		return 0
	}
	f = math.Trunc(f)
	if f < 0 || f > 1<<53-1 || f > math.MaxInt32*8 {
		panic(r.newError("RangeError", rangeMessage))
	}
	return int(f)
}

// relativeRange resolves the (start, end) arguments of slice() against a length.
func relativeRange(a, b goja.Value, n int) (int, int) {
	rel := func(v goja.Value, def int) int {
		if v == nil || goja.IsUndefined(v) {
			return def
		}
		f := v.ToFloat()
		if math.IsNaN(f) {
			return 0
		}
		f = math.Trunc(f)
		if f < 0 {
			return int(math.Max(float64(n)+f, 0))
		}
		return int(math.Min(f, float64(n)))
	}
	return rel(a, 0), rel(b, n)
}

// describeValue is V8's short form of a value in TypeError messages: "[object Array]", "1".
func (r *Realm) describeValue(v goja.Value) string {
	if o, ok := v.(*goja.Object); ok {
		tag := o.ClassName()
		if t := o.GetSymbol(goja.SymToStringTag); t != nil && !goja.IsUndefined(t) {
			tag = t.String()
		}
		return "[object " + tag + "]"
	}
	if v == nil {
		return "undefined"
	}
	return v.String()
}

// atomicView is the integer typed array an Atomics operation works on.
type atomicView struct {
	data   []byte // the bytes of the view's buffer
	block  *sharedBlock
	kind   string
	size   int // bytes per element
	signed bool
	bigint bool
	offset int // the view's byteOffset
	length int
}

var atomicKinds = map[string]struct {
	size           int
	signed, bigint bool
}{
	"Int8Array": {1, true, false}, "Uint8Array": {1, false, false},
	"Int16Array": {2, true, false}, "Uint16Array": {2, false, false},
	"Int32Array": {4, true, false}, "Uint32Array": {4, false, false},
	"BigInt64Array": {8, true, true}, "BigUint64Array": {8, false, true},
}

// atomicViewOf mirrors ValidateIntegerTypedArray (waitable: only Int32Array and BigInt64Array,
// as Atomics.wait and notify require).
func (r *Realm) atomicViewOf(v goja.Value, waitable bool) *atomicView {
	o, ok := v.(*goja.Object)
	var kind string
	if ok && r.isView(o) {
		if t := o.GetSymbol(goja.SymToStringTag); t != nil && !goja.IsUndefined(t) {
			kind = t.String()
		}
	}
	k, known := atomicKinds[kind]
	if waitable && kind != "Int32Array" && kind != "BigInt64Array" {
		panic(r.rt.NewTypeError(r.describeValue(v) + " is not an int32 or BigInt64 typed array."))
	}
	if !known {
		panic(r.rt.NewTypeError(r.describeValue(v) + " is not an integer or BigInt typed array."))
	}
	buf, _ := o.Get("buffer").(*goja.Object)
	view := &atomicView{kind: kind, size: k.size, signed: k.signed, bigint: k.bigint}
	if buf != nil {
		view.block = r.sharedBlockOf(buf)
		if ab, ok := buf.Export().(goja.ArrayBuffer); ok {
			view.data = ab.Bytes()
		}
	}
	view.offset = int(o.Get("byteOffset").ToInteger())
	view.length = int(o.Get("length").ToInteger())
	return view
}

// atomicIndex mirrors ValidateAtomicAccess: the byte position of element i.
func (r *Realm) atomicIndex(view *atomicView, i goja.Value) int {
	idx := r.toIndex(i, "Invalid atomic access index")
	if idx >= view.length {
		panic(r.newError("RangeError", "Invalid atomic access index"))
	}
	return view.offset + idx*view.size
}

func (v *atomicView) load(pos int) uint64 {
	b := v.data[pos : pos+v.size]
	switch v.size {
	case 1:
		return uint64(b[0])
	case 2:
		return uint64(binary.LittleEndian.Uint16(b))
	case 4:
		return uint64(binary.LittleEndian.Uint32(b))
	}
	return binary.LittleEndian.Uint64(b)
}

func (v *atomicView) store(pos int, raw uint64) {
	b := v.data[pos : pos+v.size]
	switch v.size {
	case 1:
		b[0] = byte(raw)
	case 2:
		binary.LittleEndian.PutUint16(b, uint16(raw))
	case 4:
		binary.LittleEndian.PutUint32(b, uint32(raw))
	default:
		binary.LittleEndian.PutUint64(b, raw)
	}
}

func (v *atomicView) mask() uint64 {
	if v.size >= 8 {
		return math.MaxUint64
	}
	return 1<<(uint(v.size)*8) - 1
}

func (v *atomicView) matches(pos int, expected uint64) bool {
	return v.load(pos)&v.mask() == expected&v.mask()
}

// atomicToJS turns a raw element into the JavaScript value the view's type reads.
func (r *Realm) atomicToJS(v *atomicView, raw uint64) goja.Value {
	bits := uint(v.size * 8)
	if v.signed && bits < 64 {
		shift := 64 - bits
		raw = uint64(int64(raw<<shift) >> shift)
	} else {
		raw &= v.mask()
	}
	if v.bigint {
		if v.signed {
			return r.rt.ToValue(big.NewInt(int64(raw)))
		}
		return r.rt.ToValue(new(big.Int).SetUint64(raw))
	}
	if v.signed {
		return r.rt.ToValue(int64(raw))
	}
	return r.rt.ToValue(int64(raw))
}

// atomicOperand converts an argument as the view's type requires (ToIntegerOrInfinity or
// ToBigInt) and returns its raw bits and the value Atomics.store returns.
func (r *Realm) atomicOperand(v *atomicView, a goja.Value) (uint64, goja.Value) {
	if v.bigint {
		var n *big.Int
		switch x := a.Export().(type) {
		case *big.Int:
			n = x
		case bool:
			n = big.NewInt(0)
			if x {
				n.SetInt64(1)
			}
		default:
			panic(r.rt.NewTypeError(fmt.Sprintf("Cannot convert %s to a BigInt", a.String())))
		}
		wrapped := new(big.Int).And(n, new(big.Int).SetUint64(math.MaxUint64))
		return wrapped.Uint64(), r.rt.ToValue(n)
	}
	f := 0.0
	if a != nil {
		f = a.ToFloat()
	}
	if math.IsNaN(f) {
		f = 0
	}
	f = math.Trunc(f)
	if f == 0 {
		f = 0 // -0 becomes +0
	}
	var raw uint64
	if !math.IsInf(f, 0) {
		m := math.Mod(f, 1<<64)
		if m < 0 {
			m += 1 << 64
		}
		if m >= 1<<63 {
			raw = uint64(int64(m - 1<<64))
		} else {
			raw = uint64(m)
		}
	}
	return raw, r.rt.ToValue(f)
}

// atomicsSync makes an Atomics call a synchronisation point in virtual time: the callback's
// CPU time so far goes onto the cores, and everything due before its end happens first.
func (r *Realm) atomicsSync() {
	r.charge()
	r.th.Spend(costPerAtomic)
	r.th.Compute(r.cpuFrom)
	r.cpuFrom = r.th.Now()
	r.cost.sliceStarted = time.Now() // time parked is no CPU time of this thread
}

func (r *Realm) atomicsObject() *goja.Object {
	a := r.rt.NewObject()
	rmw := func(name string, op func(old, val uint64) uint64) {
		a.Set(name, func(c goja.FunctionCall) goja.Value {
			view := r.atomicViewOf(c.Argument(0), false)
			pos := r.atomicIndex(view, c.Argument(1))
			val, _ := r.atomicOperand(view, c.Argument(2))
			r.atomicsSync()
			old := view.load(pos)
			view.store(pos, op(old, val))
			return r.atomicToJS(view, old)
		})
	}
	rmw("add", func(old, v uint64) uint64 { return old + v })
	rmw("sub", func(old, v uint64) uint64 { return old - v })
	rmw("and", func(old, v uint64) uint64 { return old & v })
	rmw("or", func(old, v uint64) uint64 { return old | v })
	rmw("xor", func(old, v uint64) uint64 { return old ^ v })
	rmw("exchange", func(_, v uint64) uint64 { return v })
	a.Set("compareExchange", func(c goja.FunctionCall) goja.Value {
		view := r.atomicViewOf(c.Argument(0), false)
		pos := r.atomicIndex(view, c.Argument(1))
		expected, _ := r.atomicOperand(view, c.Argument(2))
		replacement, _ := r.atomicOperand(view, c.Argument(3))
		r.atomicsSync()
		old := view.load(pos)
		if view.matches(pos, expected) {
			view.store(pos, replacement)
		}
		return r.atomicToJS(view, old)
	})
	a.Set("load", func(c goja.FunctionCall) goja.Value {
		view := r.atomicViewOf(c.Argument(0), false)
		pos := r.atomicIndex(view, c.Argument(1))
		r.atomicsSync()
		return r.atomicToJS(view, view.load(pos))
	})
	a.Set("store", func(c goja.FunctionCall) goja.Value {
		view := r.atomicViewOf(c.Argument(0), false)
		pos := r.atomicIndex(view, c.Argument(1))
		raw, ret := r.atomicOperand(view, c.Argument(2))
		r.atomicsSync()
		view.store(pos, raw)
		return ret
	})
	a.Set("isLockFree", func(n int) bool { return n == 1 || n == 2 || n == 4 || n == 8 })
	a.Set("wait", func(c goja.FunctionCall) goja.Value { return r.rt.ToValue(r.atomicsWait(c)) })
	a.Set("waitAsync", r.atomicsWaitAsync)
	a.Set("notify", func(c goja.FunctionCall) goja.Value {
		view := r.atomicViewOf(c.Argument(0), true)
		pos := r.atomicIndex(view, c.Argument(1))
		count := math.Inf(1)
		if n := c.Argument(2); !goja.IsUndefined(n) {
			count = math.Max(math.Trunc(n.ToFloat()), 0)
			if math.IsNaN(count) {
				count = 0
			}
		}
		r.atomicsSync()
		if view.block == nil {
			return r.rt.ToValue(0) // nobody can wait on memory that is not shared
		}
		return r.rt.ToValue(r.atomicsNotify(view.block, pos, count))
	})
	a.DefineDataPropertySymbol(goja.SymToStringTag, r.rt.ToValue("Atomics"), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	return a
}

// waitArgs validates the arguments of Atomics.wait and Atomics.waitAsync; timeout < 0 means
// forever.
func (r *Realm) waitArgs(c goja.FunctionCall) (view *atomicView, pos int, expected uint64, timeout time.Duration) {
	view = r.atomicViewOf(c.Argument(0), true)
	if view.block == nil {
		panic(r.rt.NewTypeError(r.describeValue(c.Argument(0)) + " is not a shared typed array."))
	}
	pos = r.atomicIndex(view, c.Argument(1))
	expected, _ = r.atomicOperand(view, c.Argument(2))
	timeout = -1
	if t := c.Argument(3); !goja.IsUndefined(t) {
		ms := t.ToFloat()
		if !math.IsNaN(ms) && !math.IsInf(ms, 1) {
			timeout = time.Duration(math.Max(ms, 0) * float64(time.Millisecond))
		}
	}
	return
}

// atomicsWait mirrors Atomics.wait: the simulated thread blocks (main thread included, as in
// Node) until Atomics.notify wakes it or the timeout passes. Nothing else runs on the thread
// meanwhile: its timers and messages wait.
func (r *Realm) atomicsWait(c goja.FunctionCall) string {
	view, pos, expected, timeout := r.waitArgs(c)
	r.atomicsSync()
	if !view.matches(pos, expected) {
		return "not-equal"
	}
	if timeout == 0 {
		return "timed-out"
	}
	deadline := time.Duration(-1)
	if timeout > 0 {
		deadline = r.th.Now() + timeout
	}
	w := &atomicsWaiter{r: r}
	b := view.block
	b.addWaiter(pos, w)
	r.record(trace.Event{Kind: trace.Blocked, Label: "Atomics.wait, " + r.callSite()})
	for !w.notified && !r.dead && !r.proc.sched.Stopping() {
		if deadline >= 0 && r.th.Now() >= deadline {
			break
		}
		r.th.WaitUntil(deadline)
	}
	r.cost.sliceStarted = time.Now()
	result := "ok"
	if !w.notified {
		b.removeWaiter(pos, w)
		result = "timed-out"
	}
	r.record(trace.Event{Kind: trace.Unblocked, Label: "Atomics.wait: " + result})
	return result
}

// atomicsWaitAsync mirrors Atomics.waitAsync: { async: false, value } when the result is known
// at once, else { async: true, value: a promise } settled from the loop. As in Node, a pending
// waitAsync does not keep the loop alive.
func (r *Realm) atomicsWaitAsync(c goja.FunctionCall) goja.Value {
	view, pos, expected, timeout := r.waitArgs(c)
	r.atomicsSync()
	result := r.rt.NewObject()
	if !view.matches(pos, expected) {
		result.Set("async", false)
		result.Set("value", "not-equal")
		return result
	}
	if timeout == 0 {
		result.Set("async", false)
		result.Set("value", "timed-out")
		return result
	}
	promise, resolve, _ := r.rt.NewPromise()
	w := &atomicsWaiter{r: r}
	cause := r.current
	w.settle = func(value string) {
		if w.done || r.dead {
			return
		}
		w.done = true
		at := r.proc.sched.Now()
		fn := r.rt.ToValue(func(goja.FunctionCall) goja.Value {
			resolve(value)
			return goja.Undefined()
		})
		r.loop.Complete(at, &loop.Task{ID: r.proc.sched.NewTaskID(), Queue: trace.QueuePoll, Label: "Atomics.waitAsync: " + value, Cause: cause, Fn: call0(fn, goja.Undefined(), nil)})
	}
	b := view.block
	b.addWaiter(pos, w)
	if timeout > 0 {
		r.proc.sched.At(r.th.Now()+timeout, func() {
			if !w.notified && !w.done {
				b.removeWaiter(pos, w)
				w.settle("timed-out")
			}
		})
	}
	result.Set("async", true)
	result.Set("value", promise)
	return result
}

// atomicsNotify wakes up to count waiters on the byte at pos, oldest first.
func (r *Realm) atomicsNotify(b *sharedBlock, pos int, count float64) int {
	woken := 0
	at := r.th.Now() + notifyLatency
	for float64(woken) < count && len(b.waiters[pos]) > 0 {
		w := b.waiters[pos][0]
		b.waiters[pos] = b.waiters[pos][1:]
		w.notified = true
		woken++
		if w.settle != nil {
			settle := w.settle
			r.proc.sched.At(at, func() { settle("ok") })
			continue
		}
		w.r.th.Wake(at)
	}
	if len(b.waiters[pos]) == 0 {
		delete(b.waiters, pos)
	}
	return woken
}

func (b *sharedBlock) addWaiter(pos int, w *atomicsWaiter) {
	if b.waiters == nil {
		b.waiters = map[int][]*atomicsWaiter{}
	}
	b.waiters[pos] = append(b.waiters[pos], w)
}

func (b *sharedBlock) removeWaiter(pos int, w *atomicsWaiter) {
	list := b.waiters[pos]
	for i, x := range list {
		if x == w {
			b.waiters[pos] = append(list[:i:i], list[i+1:]...)
			break
		}
	}
	if len(b.waiters[pos]) == 0 {
		delete(b.waiters, pos)
	}
}
