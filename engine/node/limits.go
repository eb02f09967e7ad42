package node

import (
	"math"
	"runtime"
	"runtime/metrics"
	"strconv"

	"github.com/dop251/goja"
)

// V8's and Node's size limits (Node v20.20.2 on 64-bit Linux, checked with `node -e`):
const (
	// maxStringLength is V8's String::kMaxLength, 2**29-24 UTF-16 code units
	// (buffer.constants.MAX_STRING_LENGTH); a longer string is "RangeError: Invalid string length".
	maxStringLength = 1<<29 - 24
	// maxTypedArrayLength: `new Uint8Array(2**32)` works, `new Uint8Array(2**32+1)` is
	// "RangeError: Invalid typed array length: 4294967297", whatever the element size.
	maxTypedArrayLength = 1 << 32
	// maxSafeInteger bounds ToIndex (ArrayBuffer lengths, typed array offsets).
	maxSafeInteger = 1<<53 - 1
	// smallAllocation is the size below which an allocation is not checked against the memory
	// limit where it happens: the watch between and during JavaScript steps sees it soon enough.
	smallAllocation = 1 << 20
)

// HeapBytes is the Go heap that the whole simulated machine uses now: every process, worker
// and file of a run lives in this one Go process, so this one figure counts them all.
func HeapBytes() int64 {
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(sample)
	return int64(sample[0].Value.Uint64())
}

// canAllocate reports whether n more bytes keep the run within its memory limit. Where V8
// would ask the system for the memory and fail (`new ArrayBuffer(2**35)` on a machine
// without 32 GB: "RangeError: Array buffer allocation failed"), the engine asks this first:
// Go cannot fail an allocation, it dies ("fatal error: out of memory"). Garbage counts in the
// heap figure until it is collected, so a refusal is confirmed after a collection.
func (p *Process) canAllocate(n int64) bool {
	limit := p.cfg.Memory
	switch {
	case limit <= 0 || n < smallAllocation:
		return true
	case n > limit:
		return false
	case HeapBytes()+n <= limit:
		return true
	}
	runtime.GC()
	return HeapBytes()+n <= limit
}

// allocationFailed is V8's error when the memory for a buffer cannot be had.
func (r *Realm) allocationFailed() *goja.Object {
	return r.newError("RangeError", "Array buffer allocation failed")
}

// checkAllocation throws allocationFailed unless n bytes fit in the run's memory.
func (r *Realm) checkAllocation(n int64) {
	if !r.proc.canAllocate(n) {
		panic(r.allocationFailed())
	}
}

// checkStringLength throws V8's RangeError for a string of n code units.
func (r *Realm) checkStringLength(n float64) {
	if n > maxStringLength {
		panic(r.newError("RangeError", "Invalid string length"))
	}
}

// installAllocationLimits puts the checks in front of goja's built-ins that allocate what
// the program asks for: goja allocates at once, and a size too large for the machine ends
// the Go runtime. Each replacement converts its arguments once, checks the sizes as V8
// does, and hands the converted values to goja's own function, so nothing the program can
// observe (a valueOf called twice) changes.
func (r *Realm) installAllocationLimits(g *goja.Object) {
	r.guardConstructor(g, "ArrayBuffer", 1, func(args []goja.Value) []goja.Value {
		n := r.toIndexFloat(argAt(args, 0), "Invalid array buffer length")
		r.checkAllocation(int64(n))
		return append([]goja.Value{r.rt.ToValue(n)}, tail(args, 1)...)
	})
	for _, ta := range []struct {
		name string
		size int64
	}{{"Int8Array", 1}, {"Uint8Array", 1}, {"Uint8ClampedArray", 1}, {"Int16Array", 2}, {"Uint16Array", 2},
		{"Int32Array", 4}, {"Uint32Array", 4}, {"Float32Array", 4}, {"Float64Array", 8}, {"BigInt64Array", 8}, {"BigUint64Array", 8}} {
		size := ta.size
		r.guardConstructor(g, ta.name, 3, func(args []goja.Value) []goja.Value {
			return r.checkTypedArrayArgs(args, size)
		})
	}
	strProto := g.Get("String").(*goja.Object).Get("prototype").(*goja.Object)
	r.guardMethod(strProto, "repeat", func(c goja.FunctionCall) goja.FunctionCall {
		if isNullish(c.This) || len(c.Arguments) == 0 {
			return c
		}
		s, count := c.This.ToString(), c.Argument(0).ToNumber()
		if n := math.Trunc(count.ToFloat()); n >= 0 && !math.IsInf(n, 1) && strLen(s) > 0 {
			r.checkStringLength(float64(strLen(s)) * n)
		}
		return goja.FunctionCall{This: s, Arguments: []goja.Value{count}}
	})
	for _, name := range []string{"padStart", "padEnd"} {
		r.guardMethod(strProto, name, func(c goja.FunctionCall) goja.FunctionCall {
			if isNullish(c.This) || len(c.Arguments) == 0 {
				return c
			}
			s, max := c.This.ToString(), c.Argument(0).ToNumber()
			args := []goja.Value{max}
			fill := " "
			if len(c.Arguments) > 1 && !goja.IsUndefined(c.Arguments[1]) {
				f := c.Arguments[1].ToString()
				fill = f.String()
				args = append(args, f)
			}
			if n := math.Trunc(max.ToFloat()); fill != "" && n > float64(strLen(s)) {
				r.checkStringLength(n)
			}
			return goja.FunctionCall{This: s, Arguments: args}
		})
	}
	arrProto := g.Get("Array").(*goja.Object).Get("prototype").(*goja.Object)
	r.guardMethod(arrProto, "join", func(c goja.FunctionCall) goja.FunctionCall {
		a, ok := c.This.(*goja.Object)
		if !ok || a.ClassName() != "Array" {
			return c // an array-like's length may be a getter: read by goja alone
		}
		sep := goja.Value(r.rt.ToValue(","))
		if len(c.Arguments) > 0 && !goja.IsUndefined(c.Arguments[0]) {
			sep = c.Arguments[0].ToString()
		}
		n := a.Get("length").ToFloat()
		total := (n - 1) * float64(strLen(sep))
		r.checkStringLength(total)
		if n <= 1e7 {
			for i := 0; i < int(n); i++ {
				if v := a.Get(strconv.Itoa(i)); v != nil {
					if s, ok := v.Export().(string); ok {
						total += float64(len(s))
					}
				}
			}
			r.checkStringLength(total)
		}
		return goja.FunctionCall{This: a, Arguments: []goja.Value{sep}}
	})
}

// checkTypedArrayArgs checks `new XArray(length)` and `new XArray(object)` as V8 does before
// it allocates, for elements of size bytes.
func (r *Realm) checkTypedArrayArgs(args []goja.Value, size int64) []goja.Value {
	first := argAt(args, 0)
	o, isObject := first.(*goja.Object)
	if !isObject {
		n := r.typedArrayLength(first.ToNumber())
		r.checkAllocation(int64(n) * size)
		return append([]goja.Value{r.rt.ToValue(n)}, tail(args, 1)...)
	}
	if _, isBuffer := o.Export().(goja.ArrayBuffer); isBuffer || r.sharedBlockOf(o) != nil {
		if len(args) > 2 && !goja.IsUndefined(args[2]) {
			n := r.typedArrayLength(args[2].ToNumber())
			return []goja.Value{o, argAt(args, 1), r.rt.ToValue(n)}
		}
		return args
	}
	if o.ClassName() == "Array" || isTypedArray(o) {
		// A plain array or a typed array: its length is not a getter the program wrote.
		n := r.typedArrayLength(o.Get("length").ToNumber())
		r.checkAllocation(int64(n) * size)
	}
	return args
}

// typedArrayLength is ToIndex of a typed array's length, with V8's message.
func (r *Realm) typedArrayLength(v goja.Value) float64 {
	f := math.Trunc(v.ToFloat())
	if math.IsNaN(f) {
		return 0
	}
	if f < 0 || f > maxTypedArrayLength {
		panic(r.newError("RangeError", "Invalid typed array length: "+r.rt.ToValue(f).String()))
	}
	return f
}

// toIndexFloat is ECMAScript's ToIndex without goja's 32-bit bound, for sizes checked against
// the memory limit after it.
func (r *Realm) toIndexFloat(v goja.Value, rangeMessage string) float64 {
	if v == nil || goja.IsUndefined(v) {
		return 0
	}
	f := math.Trunc(v.ToFloat())
	if math.IsNaN(f) {
		return 0
	}
	if f < 0 || f > maxSafeInteger {
		panic(r.newError("RangeError", rangeMessage))
	}
	return f
}

func isTypedArray(o *goja.Object) bool {
	switch o.Export().(type) {
	case []int8, []uint8, []int16, []uint16, []int32, []uint32, []float32, []float64, []int64, []uint64:
		return true
	}
	return false
}

// guardConstructor replaces the global constructor name with a Go constructor that runs
// check on the arguments and then constructs with goja's, passing new.target on, so that
// subclasses, instanceof, the prototype and the statics stay what they were.
func (r *Realm) guardConstructor(g *goja.Object, name string, length int, check func([]goja.Value) []goja.Value) {
	orig := g.Get(name).(*goja.Object)
	construct, _ := goja.AssertConstructor(orig)
	var w *goja.Object
	w = r.rt.ToValue(func(c goja.ConstructorCall) *goja.Object {
		// goja passes no new.target for `new W()`, nor tells it from a call without new
		// (which therefore constructs too, where V8 throws a TypeError).
		target := c.NewTarget
		if target == nil {
			target = w
		}
		o, err := construct(target, check(c.Arguments)...)
		if err != nil {
			panic(err)
		}
		return o
	}).(*goja.Object)
	proto := orig.Get("prototype").(*goja.Object)
	w.DefineDataProperty("prototype", proto, goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_FALSE)
	for _, key := range orig.GetOwnPropertyNames() {
		switch key {
		case "prototype", "name", "length":
		case "BYTES_PER_ELEMENT":
			w.DefineDataProperty(key, orig.Get(key), goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_FALSE)
		default: // isView
			w.DefineDataProperty(key, orig.Get(key), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
		}
	}
	if name == "ArrayBuffer" { // typed arrays inherit theirs from %TypedArray%
		species := r.rt.ToValue(func(c goja.FunctionCall) goja.Value { return c.This }).(*goja.Object)
		species.DefineDataProperty("name", r.rt.ToValue("get [Symbol.species]"), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE)
		w.DefineAccessorPropertySymbol(goja.SymSpecies, species, nil, goja.FLAG_TRUE, goja.FLAG_FALSE)
	}
	w.SetPrototype(orig.Prototype())
	proto.DefineDataProperty("constructor", w, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	w.DefineDataProperty("name", r.rt.ToValue(name), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	w.DefineDataProperty("length", r.rt.ToValue(length), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	g.DefineDataProperty(name, w, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
}

// guardMethod replaces obj[name], a built-in function, with a Go function that lets check
// convert and check the call first, then calls the original with what check returns.
func (r *Realm) guardMethod(obj *goja.Object, name string, check func(goja.FunctionCall) goja.FunctionCall) {
	orig := obj.Get(name).(*goja.Object)
	call, _ := goja.AssertFunction(orig)
	w := r.rt.ToValue(func(c goja.FunctionCall) goja.Value {
		c = check(c)
		v, err := call(c.This, c.Arguments...)
		if err != nil {
			panic(err)
		}
		return v
	}).(*goja.Object)
	w.DefineDataProperty("name", r.rt.ToValue(name), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	w.DefineDataProperty("length", orig.Get("length"), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	obj.DefineDataProperty(name, w, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
}

func argAt(args []goja.Value, i int) goja.Value {
	if i < len(args) {
		return args[i]
	}
	return goja.Undefined()
}

func tail(args []goja.Value, from int) []goja.Value {
	if from < len(args) {
		return args[from:]
	}
	return nil
}

func isNullish(v goja.Value) bool { return v == nil || goja.IsUndefined(v) || goja.IsNull(v) }

// strLen is the length of a string value in UTF-16 code units, as JavaScript counts it.
func strLen(v goja.Value) int {
	if s, ok := v.(goja.String); ok {
		return s.Length()
	}
	return len(v.String())
}
