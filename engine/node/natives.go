package node

import (
	"sort"

	"github.com/dop251/goja"
)

// goja names every Go function it wraps after the Go symbol (runtime.FuncForPC), so
// `setTimeout.name` was "looplab/engine/node.(*Realm).installTimers.func1", and that name
// showed in String(setTimeout) and in stack traces. Node's built-ins are named after the
// property that holds them, and a Go function printed as `function setTimeout() { [native
// code] }` is what V8 shows for its own native functions.
//
// nameNativesSource renames the Go functions reachable from an object through own properties
// (data properties and accessors, without calling any getter, so lazy globals stay lazy),
// recursively through plain objects and functions: each takes the key that holds it. A Go
// function's name is recognised by its shape: a package path or a closure suffix, which no
// built-in of goja or Node has. Mirrors nothing in Node; the engine calls it on everything it
// hands to JavaScript in bulk: the globals, each built-in module, each internal binding, each
// module's require.
//
// Reflect, Set and Object.hasOwn are taken when the realm starts (the function is compiled
// then, for the globals), and descriptors have no prototype: a program that deletes Reflect or
// sets Object.prototype.get still gets its modules' functions named.
const nameNativesSource = `(function (Reflect, Set, hasOwn) { return function nameNatives(root, only) {
  const goName = /^[\w.\/()*-]+$/;
  const seen = new Set();
  const rename = (fn, key) => {
    if (typeof fn !== 'function' || !goName.test(fn.name) || !/\/|\.func\d|-fm$/.test(fn.name)) return;
    Reflect.defineProperty(fn, 'name', { __proto__: null, value: key, writable: false, enumerable: false, configurable: true });
  };
  const walk = (o, depth) => {
    if (seen.has(o) || depth > 3) return;
    seen.add(o);
    for (const key of depth === 0 && only !== undefined ? only : Reflect.ownKeys(o)) {
      if (typeof key !== 'string') continue;
      const d = Reflect.getOwnPropertyDescriptor(o, key);
      if (d === undefined) continue;
      if (hasOwn(d, 'value')) {
        rename(d.value, key);
        if (d.value !== null && (typeof d.value === 'object' || typeof d.value === 'function')) walk(d.value, depth + 1);
      } else {
        rename(d.get, 'get ' + key);
        rename(d.set, 'set ' + key);
      }
    }
  };
  walk(root, 0);
  return root;
}; })(Reflect, Set, Object.hasOwn)`

// nameNatives applies nameNativesSource to v (to the properties keys of it only, if any are
// given) and returns v.
func (r *Realm) nameNatives(v goja.Value, keys ...string) goja.Value {
	if _, ok := v.(*goja.Object); !ok {
		return v
	}
	if r.nameNativesFn == nil {
		r.nameNativesFn = r.compileFunctionSource("node:internal/bootstrap/natives", nameNativesSource)
	}
	only := goja.Undefined()
	if keys != nil {
		only = r.rt.ToValue(keys)
	}
	if _, err := r.nameNativesFn(goja.Undefined(), v, only); err != nil {
		panic(err)
	}
	return v
}

// plainObject returns an object built from a Go map (goja's wrapper of map[string]any, which
// bindings often are) as an ordinary object with the same properties, in key order. goja's
// wrapper converts a Go function anew on every read, so a name given to one would not stay.
func (r *Realm) plainObject(v goja.Value) goja.Value {
	o, ok := v.(*goja.Object)
	if !ok {
		return v
	}
	keys := o.Keys()
	wrapped := false
	for _, k := range keys {
		if _, isFn := goja.AssertFunction(o.Get(k)); isFn && o.Get(k) != o.Get(k) {
			wrapped = true
			break
		}
	}
	if !wrapped {
		return v
	}
	sort.Strings(keys)
	plain := r.rt.NewObject()
	for _, k := range keys {
		plain.Set(k, o.Get(k))
	}
	return plain
}
