package node

import (
	"github.com/dop251/goja"

	"looplab/engine/node/lib"
)

// Structured clone, as V8's ValueSerializer does it for postMessage, workerData and the global
// structuredClone: a value of one realm becomes a realm-free tree of Go values (a message), which
// the receiving realm turns back into JavaScript when the message is delivered. goja values of
// primitive type hold no runtime, so primitives are kept as they are.

type cloneKind uint8

const (
	clonePrimitive cloneKind = iota
	cloneRef                 // a second reference to an object already in the message
	cloneObject
	cloneArray
	cloneDate
	cloneRegExp
	cloneMap
	cloneSet
	cloneArrayBuffer
	cloneShared // a SharedArrayBuffer: shared, never copied
	cloneView   // a typed array or DataView over a buffer in the message
	cloneError
	cloneBoxed // new Number(1), new String('a'), new Boolean(true)
	clonePort  // a transferred MessagePort
)

// cloned is one node of a serialized value.
type cloned struct {
	kind   cloneKind
	id     int        // the object's index (cloneRef: the index referred to)
	value  goja.Value // clonePrimitive, cloneBoxed
	keys   []string   // own enumerable properties of objects, arrays and errors
	items  []*cloned  // their values; Map entries as key, value pairs; Set members
	length int64      // cloneArray
	num    float64    // cloneDate
	a, b   string     // RegExp source and flags; Error name and message; view type
	stack  *string    // cloneError
	cause  *cloned    // cloneError
	bytes  []byte     // cloneArrayBuffer (a copy, or the transferred bytes themselves)
	shared *sharedBlock
	buffer *cloned // cloneView
	offset int     // cloneView: byteOffset
	count  int     // cloneView: length (byteLength for a DataView)
	port   *msgPort
}

// message is a serialized value with what it transfers.
type message struct {
	root    *cloned
	objects int
}

type serializer struct {
	r    *Realm
	memo map[*goja.Object]int
	// transfer holds the ArrayBuffers and MessagePorts of the transfer list.
	transfer map[*goja.Object]bool
	detach   []goja.ArrayBuffer
	ports    []*msgPort
	// errorDetails keeps every own property of errors, as Node's error_serdes does for the
	// 'error' event of a Worker; postMessage keeps only name, message, stack and cause.
	errorDetails bool
	source       *msgPort // the port the message is posted on, which cannot travel in it
}

// serialize clones v (with transferList, an array or undefined) into a message. It throws
// Node's DataCloneError for values that cannot be cloned; only when it succeeds are the
// transferred buffers detached and the transferred ports taken from this realm.
func (r *Realm) serialize(v goja.Value, transferList goja.Value, source *msgPort) *message {
	s := &serializer{r: r, memo: map[*goja.Object]int{}, transfer: map[*goja.Object]bool{}, source: source}
	s.readTransferList(transferList)
	root := s.write(v)
	for _, ab := range s.detach {
		ab.Detach()
	}
	for _, p := range s.ports {
		p.release()
	}
	return &message{root: root, objects: len(s.memo)}
}

func (s *serializer) readTransferList(list goja.Value) {
	if list == nil || goja.IsUndefined(list) || goja.IsNull(list) {
		return
	}
	r := s.r
	o, ok := list.(*goja.Object)
	if !ok {
		panic(r.typeError("ERR_INVALID_ARG_TYPE", `The "transferList" argument must be of type object. Received `+r.describeReceived(list)))
	}
	if t := o.Get("transfer"); t != nil && !goja.IsUndefined(t) && o.ClassName() != "Array" {
		list = t // postMessage(value, { transfer: [...] })
		if o, ok = t.(*goja.Object); !ok {
			return
		}
	}
	n := int(o.Get("length").ToInteger())
	for i := range n {
		item, ok := o.Get(itoa(i)).(*goja.Object)
		if !ok {
			panic(r.dataCloneError("Value not transferable"))
		}
		if s.transfer[item] {
			panic(r.dataCloneError("Transfer list contains duplicate"))
		}
		switch {
		case r.portOf(item) != nil:
			p := r.portOf(item)
			if p == s.source {
				panic(r.dataCloneError("Transfer list contains source port"))
			}
		case r.sharedBlockOf(item) != nil:
			continue // V8 leaves SharedArrayBuffers in a transfer list alone: they are shared anyway
		default:
			// A detached ArrayBuffer may be transferred again: it arrives empty, as in Node.
			if _, ok := item.Export().(goja.ArrayBuffer); !ok {
				panic(r.dataCloneError("Value not transferable"))
			}
		}
		s.transfer[item] = true
	}
}

func itoa(i int) string {
	if i < 10 {
		return string(rune('0' + i))
	}
	return itoa(i/10) + string(rune('0'+i%10))
}

func (s *serializer) write(v goja.Value) *cloned {
	r := s.r
	o, ok := v.(*goja.Object)
	if !ok {
		if sym, ok := v.(*goja.Symbol); ok {
			panic(r.dataCloneError(sym.String() + " could not be cloned."))
		}
		if v == nil {
			v = goja.Undefined()
		}
		return &cloned{kind: clonePrimitive, value: v}
	}
	if id, seen := s.memo[o]; seen {
		return &cloned{kind: cloneRef, id: id}
	}
	if _, isFn := goja.AssertFunction(o); isFn {
		panic(r.dataCloneError(o.String() + " could not be cloned."))
	}
	id := len(s.memo)
	s.memo[o] = id
	c := &cloned{id: id}
	if b := r.sharedBlockOf(o); b != nil {
		c.kind, c.shared = cloneShared, b
		return c
	}
	if p := r.portOf(o); p != nil {
		if !s.transfer[o] {
			panic(r.dataCloneError("Object that needs transfer was found in message but not listed in transferList"))
		}
		c.kind, c.port = clonePort, p
		s.ports = append(s.ports, p)
		return c
	}
	if ab, ok := o.Export().(goja.ArrayBuffer); ok {
		c.kind = cloneArrayBuffer
		if ab.Detached() && !s.transfer[o] {
			panic(r.dataCloneError("An ArrayBuffer is detached and could not be cloned."))
		}
		if s.transfer[o] {
			c.bytes = ab.Bytes()
			s.detach = append(s.detach, ab)
		} else {
			c.bytes = append([]byte(nil), ab.Bytes()...)
		}
		return c
	}
	class := o.ClassName()
	if class == "Object" {
		// goja reports "Object" as the class of a Map or a Set: ask their brand checks.
		if r.hasBrand(o, "Map") {
			class = "Map"
		} else if r.hasBrand(o, "Set") {
			class = "Set"
		}
	}
	switch class {
	case "Array":
		c.kind = cloneArray
		c.length = o.Get("length").ToInteger()
		s.writeProperties(c, o, nil)
	case "Date":
		c.kind, c.num = cloneDate, o.ToFloat()
	case "RegExp":
		c.kind, c.a, c.b = cloneRegExp, o.Get("source").String(), o.Get("flags").String()
	case "Map":
		c.kind = cloneMap
		for _, pair := range r.entries(o) {
			kv := pair.(*goja.Object)
			c.items = append(c.items, s.write(kv.Get("0")), s.write(kv.Get("1")))
		}
	case "Set":
		c.kind = cloneSet
		for _, item := range r.entries(o) {
			c.items = append(c.items, s.write(item))
		}
	case "Error":
		s.writeError(c, o)
	case "Number", "String", "Boolean":
		c.kind = cloneBoxed
		valueOf, _ := goja.AssertFunction(o.Get("valueOf"))
		c.value, _ = valueOf(o)
	case "Object":
		if r.isView(o) {
			c.kind = cloneView
			c.a = o.GetSymbol(goja.SymToStringTag).String()
			if goja.IsUndefined(o.GetSymbol(goja.SymToStringTag)) {
				c.a = "DataView"
			}
			c.buffer = s.write(o.Get("buffer"))
			c.offset = int(o.Get("byteOffset").ToInteger())
			if c.a == "DataView" {
				c.count = int(o.Get("byteLength").ToInteger())
			} else {
				c.count = int(o.Get("length").ToInteger())
			}
			return c
		}
		if r.isError(o) {
			s.writeError(c, o)
			return c
		}
		c.kind = cloneObject
		s.writeProperties(c, o, nil)
	default:
		panic(r.dataCloneError("#<" + o.ClassName() + "> could not be cloned."))
	}
	return c
}

func (s *serializer) writeProperties(c *cloned, o *goja.Object, skip map[string]bool) {
	for _, k := range o.Keys() {
		if skip[k] {
			continue
		}
		c.keys = append(c.keys, k)
		c.items = append(c.items, s.write(o.Get(k)))
	}
}

// standardErrors are the error constructors V8's serializer keeps; any other name becomes Error.
var standardErrors = map[string]bool{"Error": true, "EvalError": true, "RangeError": true, "ReferenceError": true, "SyntaxError": true, "TypeError": true, "URIError": true}

func (s *serializer) writeError(c *cloned, o *goja.Object) {
	c.kind = cloneError
	c.a = "Error"
	if name := o.Get("name"); name != nil && !goja.IsUndefined(name) {
		if n := name.String(); standardErrors[n] || s.errorDetails {
			c.a = n
		}
	}
	if m := o.Get("message"); m != nil && !goja.IsUndefined(m) {
		c.b = m.String()
	}
	if st := o.Get("stack"); st != nil && !goja.IsUndefined(st) {
		text := st.String()
		c.stack = &text
	}
	if cause := o.Get("cause"); cause != nil && !goja.IsUndefined(cause) {
		c.cause = s.write(cause)
	}
	if s.errorDetails {
		s.writeProperties(c, o, map[string]bool{"name": true, "message": true, "stack": true, "cause": true})
	}
}

// hasBrand reports whether o is a real Map or Set (ctor): their prototype's has() throws a
// TypeError for any other receiver.
func (r *Realm) hasBrand(o *goja.Object, ctor string) bool {
	proto := r.rt.Get(ctor).ToObject(r.rt).Get("prototype").ToObject(r.rt)
	has, ok := goja.AssertFunction(proto.Get("has"))
	if !ok {
		return false
	}
	_, err := has(o, goja.Undefined())
	return err == nil
}

// entries lists a Map's [key, value] pairs or a Set's members in insertion order.
func (r *Realm) entries(o *goja.Object) []goja.Value {
	st := r.ts()
	if st.arrayFrom == nil {
		st.arrayFrom, _ = goja.AssertFunction(r.intrinsic("Array").ToObject(r.rt).Get("from"))
	}
	v, err := st.arrayFrom(goja.Undefined(), o)
	if err != nil {
		panic(err)
	}
	var out []goja.Value
	arr := v.(*goja.Object)
	n := int(arr.Get("length").ToInteger())
	for i := range n {
		out = append(out, arr.Get(itoa(i)))
	}
	return out
}

// isView is ArrayBuffer.isView: typed arrays and DataViews.
func (r *Realm) isView(o *goja.Object) bool {
	st := r.ts()
	if st.isView == nil {
		st.isView, _ = goja.AssertFunction(r.intrinsic("ArrayBuffer").ToObject(r.rt).Get("isView"))
	}
	v, err := st.isView(goja.Undefined(), o)
	return err == nil && v.ToBoolean()
}

// dataCloneError is Node's DOMException [DataCloneError].
func (r *Realm) dataCloneError(msg string) *goja.Object {
	e := r.newError("Error", msg)
	e.DefineDataProperty("name", r.rt.ToValue("DataCloneError"), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	e.DefineDataProperty("code", r.rt.ToValue(25), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	return e
}

// deserialize turns a message into values of this realm. Transferred ports join this realm.
func (r *Realm) deserialize(m *message) goja.Value {
	d := &deserializer{r: r, objects: make([]goja.Value, m.objects)}
	return d.read(m.root)
}

type deserializer struct {
	r       *Realm
	objects []goja.Value
}

func (d *deserializer) newObject(ctor string, args ...goja.Value) *goja.Object {
	o, err := d.r.rt.New(d.r.rt.Get(ctor), args...)
	if err != nil {
		panic(err)
	}
	return o
}

func (d *deserializer) read(c *cloned) goja.Value {
	r := d.r
	var o *goja.Object
	switch c.kind {
	case clonePrimitive:
		return c.value
	case cloneRef:
		return d.objects[c.id]
	case cloneObject:
		o = r.rt.NewObject()
	case cloneArray:
		o = r.rt.NewArray()
		o.Set("length", c.length)
	case cloneDate:
		o = d.newObject("Date", r.rt.ToValue(c.num))
	case cloneRegExp:
		o = d.newObject("RegExp", r.rt.ToValue(c.a), r.rt.ToValue(c.b))
	case cloneMap, cloneSet:
		name, method := "Map", "set"
		if c.kind == cloneSet {
			name, method = "Set", "add"
		}
		o = d.newObject(name)
		d.objects[c.id] = o
		add, _ := goja.AssertFunction(o.Get(method))
		for i := 0; i < len(c.items); {
			if c.kind == cloneMap {
				add(o, d.read(c.items[i]), d.read(c.items[i+1]))
				i += 2
			} else {
				add(o, d.read(c.items[i]))
				i++
			}
		}
		return o
	case cloneArrayBuffer:
		o = r.rt.ToValue(r.rt.NewArrayBuffer(c.bytes)).(*goja.Object)
	case cloneShared:
		o = r.newSharedObject(c.shared)
	case cloneView:
		buf := d.read(c.buffer)
		o = d.newObject(c.a, buf, r.rt.ToValue(c.offset), r.rt.ToValue(c.count))
	case cloneError:
		ctor := c.a
		if !standardErrors[ctor] {
			ctor = "Error"
		}
		o = d.newObject(ctor, r.rt.ToValue(c.b))
		if ctor != c.a {
			o.Set("name", c.a)
		}
		if c.stack != nil {
			o.DefineDataProperty("stack", r.rt.ToValue(*c.stack), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
		}
		d.objects[c.id] = o
		if c.cause != nil {
			o.DefineDataProperty("cause", d.read(c.cause), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
		}
	case cloneBoxed:
		o = c.value.ToObject(r.rt)
	case clonePort:
		o = r.adoptPort(c.port)
	}
	d.objects[c.id] = o
	for i, k := range c.keys {
		o.Set(k, d.read(c.items[i]))
	}
	return o
}

// structuredClone is the global structuredClone(value, { transfer }).
func (r *Realm) structuredClone(c goja.FunctionCall) goja.Value {
	if len(c.Arguments) == 0 {
		panic(r.typeError("ERR_MISSING_ARGS", `The "value" argument must be specified`))
	}
	var transfer goja.Value
	if opts, ok := c.Argument(1).(*goja.Object); ok {
		transfer = opts.Get("transfer")
	}
	return r.deserialize(r.serialize(c.Argument(0), transfer, nil))
}

func init() {
	// The global structuredClone comes from the v8 module (globals.go). Provide a minimal v8
	// module when nobody else does; a fuller lib/v8.js or host v8 module takes precedence.
	if _, ok := lib.Source("v8"); !ok {
		if _, ok := hostModules["v8"]; !ok {
			hostModules["v8"] = func(r *Realm) goja.Value {
				m := r.rt.NewObject()
				m.Set("structuredClone", r.structuredClone)
				return m
			}
		}
	}
}
