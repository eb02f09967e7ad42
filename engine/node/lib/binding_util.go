package lib

import (
	"reflect"
	"strings"
	"sync"
	"unsafe"

	"github.com/dop251/goja"
)

// UtilBinding returns the host functions behind internalBinding('util'): the facts about a
// value that JavaScript cannot see in goja (a promise's state, a proxy's target, the entries
// left in a Map or Set iterator, which internal kind of object a value is). They play the part
// of V8's C++ helpers in Node's lib/internal/util/inspect.js and lib/internal/util/types.js.
//
//	constants                       { kPending, kFulfilled, kRejected, ALL_PROPERTIES, ONLY_ENUMERABLE }
//	getPromiseDetails(p)            [state, result] (result only when settled); undefined if p is no promise
//	getProxyDetails(p, full=true)   [target, handler] when full, else target; null parts when revoked;
//	                                undefined if p is no proxy
//	previewEntries(obj, isIter)     Map/Set iterator: the entries not yet consumed, as a flat array
//	                                ([k1, v1, k2, v2, ...] for entries iterators); with isIter true the
//	                                answer is [entries, isKeyValue]. WeakMap/WeakSet: [] (goja does
//	                                not let their contents be listed).
//	internalType(v)                 the kind of object: 'map', 'set', 'weakmap', 'weakset',
//	                                'mapiterator', 'setiterator', 'arrayiterator', 'stringiterator',
//	                                'regexpstringiterator', 'generator', 'promise', 'proxy',
//	                                'typedarray', 'arraybuffer', 'dataview', 'date', 'regexp', 'error',
//	                                'arguments', 'array', 'boxednumber', 'boxedstring', 'boxedboolean',
//	                                'boxedsymbol', 'boxedbigint', 'function', 'asyncfunction',
//	                                'generatorfunction', 'classfunction', 'boundfunction',
//	                                'nativefunction', 'object'; '' for primitives
//	getConstructorName(v)           the internal class name V8 would report ('Object', 'Map', ...)
//	regexpSource(re)                re.source escaped as V8 does (goja writes '/' as \u002f)
func UtilBinding(rt *goja.Runtime) map[string]any {
	constants := rt.NewObject()
	constants.Set("kPending", int(goja.PromiseStatePending))
	constants.Set("kFulfilled", int(goja.PromiseStateFulfilled))
	constants.Set("kRejected", int(goja.PromiseStateRejected))
	constants.Set("ALL_PROPERTIES", 0)
	constants.Set("ONLY_ENUMERABLE", 2)

	return map[string]any{
		"constants": constants,
		"getPromiseDetails": func(v goja.Value) goja.Value {
			o, ok := v.(*goja.Object)
			if !ok || o.ExportType() != reflect.TypeOf((*goja.Promise)(nil)) {
				return goja.Undefined()
			}
			p := o.Export().(*goja.Promise)
			if p.State() == goja.PromiseStatePending {
				return rt.NewArray(int(p.State()))
			}
			res := p.Result()
			if res == nil {
				res = goja.Undefined()
			}
			return rt.NewArray(int(p.State()), res)
		},
		"getProxyDetails": func(call goja.FunctionCall) goja.Value {
			o, ok := call.Argument(0).(*goja.Object)
			if !ok || o.ExportType() != reflect.TypeOf(goja.Proxy{}) {
				return goja.Undefined()
			}
			p := o.Export().(goja.Proxy)
			target, handler := goja.Value(goja.Null()), goja.Value(goja.Null())
			if t := p.Target(); t != nil {
				target = t
			}
			if h := p.Handler(); h != nil {
				handler = h
			}
			if len(call.Arguments) > 1 && !call.Argument(1).ToBoolean() {
				return target
			}
			return rt.NewArray(target, handler)
		},
		"previewEntries": func(call goja.FunctionCall) goja.Value {
			entries, keyValue := previewEntries(call.Argument(0))
			list := make([]any, len(entries))
			for i, e := range entries {
				list[i] = e
			}
			arr := rt.NewArray(list...)
			if len(call.Arguments) > 1 && call.Argument(1).ToBoolean() {
				return rt.NewArray(arr, keyValue)
			}
			return arr
		},
		"internalType": func(v goja.Value) string {
			return internalType(v)
		},
		"getConstructorName": func(v goja.Value) string {
			return constructorName(v)
		},
		"regexpSource": func(v goja.Value) goja.Value {
			src, ok := regexpSource(v)
			if !ok {
				return goja.Undefined()
			}
			return rt.ToValue(src)
		},
	}
}

// implName is the name of the Go type that implements o inside goja ("mapObject", ...). goja
// keeps it in the unexported field Object.self; reading a type name through reflect is allowed.
func implName(o *goja.Object) string {
	f := reflect.ValueOf(o).Elem().FieldByIndex(selfIndex())
	if f.IsNil() {
		return ""
	}
	name := f.Elem().Type().String()
	return strings.TrimPrefix(name, "*goja.")
}

var selfIndexOnce struct {
	sync.Once
	index []int
}

func selfIndex() []int {
	selfIndexOnce.Do(func() {
		f, ok := reflect.TypeOf(goja.Object{}).FieldByName("self")
		if !ok {
			panic("goja.Object has no field self")
		}
		selfIndexOnce.index = f.Index
	})
	return selfIndexOnce.index
}

func internalType(v goja.Value) string {
	o, ok := v.(*goja.Object)
	if !ok {
		return ""
	}
	switch name := implName(o); name {
	case "mapObject":
		return "map"
	case "setObject":
		return "set"
	case "weakMapObject":
		return "weakmap"
	case "weakSetObject":
		return "weakset"
	case "mapIterObject":
		return "mapiterator"
	case "setIterObject":
		return "setiterator"
	case "arrayIterObject":
		return "arrayiterator"
	case "stringIterObject":
		return "stringiterator"
	case "regExpStringIterObject":
		return "regexpstringiterator"
	case "generatorObject":
		return "generator"
	case "Promise":
		return "promise"
	case "proxyObject":
		return "proxy"
	case "typedArrayObject":
		return "typedarray"
	case "arrayBufferObject":
		return "arraybuffer"
	case "dataViewObject":
		return "dataview"
	case "dateObject":
		return "date"
	case "regexpObject":
		return "regexp"
	case "errorObject":
		return "error"
	case "argumentsObject":
		return "arguments"
	case "arrayObject", "sparseArrayObject":
		return "array"
	case "stringObject":
		return "boxedstring"
	case "primitiveValueObject":
		switch o.ClassName() {
		case "Number":
			return "boxednumber"
		case "Boolean":
			return "boxedboolean"
		case "String":
			return "boxedstring"
		}
		pv := reflect.ValueOf(o).Elem().FieldByIndex(selfIndex()).Elem().Elem().FieldByName("pValue")
		if pv.IsValid() && !pv.IsNil() {
			switch pv.Elem().Type().String() {
			case "*goja.Symbol":
				return "boxedsymbol"
			case "*goja.valueBigInt":
				return "boxedbigint"
			}
		}
		return "object"
	case "asyncFuncObject", "asyncArrowFuncObject", "asyncMethodFuncObject":
		return "asyncfunction"
	case "generatorFuncObject", "generatorMethodFuncObject":
		return "generatorfunction"
	case "classFuncObject":
		return "classfunction"
	case "boundFuncObject":
		return "boundfunction"
	case "nativeFuncObject", "wrappedFuncObject":
		return "nativefunction"
	default:
		if strings.HasSuffix(name, "FuncObject") {
			return "function"
		}
		if o.ClassName() == "Array" {
			return "array"
		}
		if _, ok := goja.AssertFunction(o); ok {
			return "function"
		}
		return "object"
	}
}

func constructorName(v goja.Value) string {
	o, ok := v.(*goja.Object)
	if !ok {
		return ""
	}
	switch internalType(v) {
	case "map":
		return "Map"
	case "set":
		return "Set"
	case "weakmap":
		return "WeakMap"
	case "weakset":
		return "WeakSet"
	case "promise":
		return "Promise"
	case "typedarray":
		return "TypedArray"
	case "arraybuffer":
		return "ArrayBuffer"
	case "dataview":
		return "DataView"
	case "date":
		return "Date"
	case "regexp":
		return "RegExp"
	case "error":
		return "Error"
	case "array":
		return "Array"
	case "boxednumber":
		return "Number"
	case "boxedstring":
		return "String"
	case "boxedboolean":
		return "Boolean"
	case "boxedsymbol":
		return "Symbol"
	case "boxedbigint":
		return "BigInt"
	case "function", "asyncfunction", "generatorfunction", "classfunction", "boundfunction", "nativefunction":
		return "Function"
	}
	if c := o.ClassName(); c != "" {
		return c
	}
	return "Object"
}

// previewEntries lists what a Map or Set iterator has not yet produced, without advancing it.
// goja keeps the position in unexported fields (mapIterObject.iter, an *orderedMapIter whose
// cur is the last entry produced, on a doubly linked list of *mapEntry); they are read through
// reflect and unsafe, read only.
func previewEntries(v goja.Value) (entries []goja.Value, keyValue bool) {
	o, ok := v.(*goja.Object)
	if !ok {
		return nil, false
	}
	name := implName(o)
	if name != "mapIterObject" && name != "setIterObject" {
		return nil, false
	}
	impl := reflect.ValueOf(o).Elem().FieldByIndex(selfIndex()).Elem().Elem() // the iterator struct
	kind := int(impl.FieldByName("kind").Int())                               // 0 key, 1 value, 2 key+value
	iter := impl.FieldByName("iter")
	if iter.IsNil() {
		return nil, kind == 2
	}
	it := iter.Elem()
	m := it.FieldByName("m")
	if m.IsNil() {
		return nil, kind == 2
	}
	cur := it.FieldByName("cur")
	// like orderedMapIter.next: if cur was deleted, step back to the last live entry
	for !cur.IsNil() && readValue(cur.Elem().FieldByName("key")) == nil {
		cur = cur.Elem().FieldByName("iterPrev")
	}
	var e reflect.Value
	if cur.IsNil() {
		e = m.Elem().FieldByName("iterFirst")
	} else {
		e = cur.Elem().FieldByName("iterNext")
	}
	isSet := name == "setIterObject"
	for ; !e.IsNil(); e = e.Elem().FieldByName("iterNext") {
		key := readValue(e.Elem().FieldByName("key"))
		if key == nil {
			continue
		}
		val := readValue(e.Elem().FieldByName("value"))
		if val == nil || isSet {
			val = key
		}
		switch kind {
		case 0:
			entries = append(entries, key)
		case 1:
			entries = append(entries, val)
		default:
			entries = append(entries, key, val)
		}
	}
	return entries, kind == 2
}

// readValue reads an unexported goja.Value field of an addressable struct.
func readValue(f reflect.Value) goja.Value {
	v := reflect.NewAt(f.Type(), unsafe.Pointer(f.UnsafeAddr())).Elem().Interface()
	if v == nil {
		return nil
	}
	return v.(goja.Value)
}

// regexpSource returns the source of a RegExp escaped the way V8's EscapeRegExpSource does it:
// '/' outside a character class becomes \/, line terminators become \n, \r, \u2028, \u2029.
func regexpSource(v goja.Value) (string, bool) {
	o, ok := v.(*goja.Object)
	if !ok || implName(o) != "regexpObject" {
		return "", false
	}
	f := reflect.ValueOf(o).Elem().FieldByIndex(selfIndex()).Elem().Elem().FieldByName("source")
	raw := reflect.NewAt(f.Type(), unsafe.Pointer(f.UnsafeAddr())).Elem().Interface()
	str, ok := raw.(goja.String)
	if !ok || str == nil {
		return "", false
	}
	src := []rune(str.String())
	if len(src) == 0 {
		return "(?:)", true
	}
	var b strings.Builder
	inClass := false
	for i := 0; i < len(src); i++ {
		c := src[i]
		switch {
		case c == '\\':
			b.WriteRune(c)
			if i+1 < len(src) {
				i++
				b.WriteRune(src[i])
			}
			continue
		case c == '/' && !inClass:
			b.WriteString("\\/")
			continue
		case c == '[':
			inClass = true
		case c == ']':
			inClass = false
		case c == '\n':
			b.WriteString("\\n")
			continue
		case c == '\r':
			b.WriteString("\\r")
			continue
		case c == 0x2028:
			b.WriteString("\\u2028")
			continue
		case c == 0x2029:
			b.WriteString("\\u2029")
			continue
		}
		b.WriteRune(c)
	}
	return b.String(), true
}
