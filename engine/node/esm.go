package node

import (
	"fmt"
	"path"
	"strings"

	"github.com/dop251/goja"
)

// esmRecord is one ES module of the graph being loaded.
type esmRecord struct {
	file      string
	imports   []string
	deps      []esmDep
	fn        goja.Callable
	namespace *goja.Object
	evaluated bool
	tla       bool
}

// runESMMain mirrors how Node runs an .mjs entry point: the module graph is loaded first,
// then evaluated inside a promise job, so the module body's own promise jobs run before any
// process.nextTick callback it queued.
func (r *Realm) runESMMain(file string) {
	promise := r.importFile(file, "")
	r.mainEvaluation, _ = promise.Export().(*goja.Promise)
	catch, _ := goja.AssertFunction(promise.ToObject(r.rt).Get("catch"))
	catch(promise, r.rt.ToValue(func(c goja.FunctionCall) goja.Value {
		r.uncaught(c.Argument(0), nil, false)
		return goja.Undefined()
	}))
}

// importFile loads the graph below file and returns a promise of its namespace, evaluating it
// in a promise job.
func (r *Realm) importFile(file, from string) goja.Value {
	if r.proc.cfg.TransformModule == nil {
		panic(r.newError("Error", "ES modules are not available in this build of the engine"))
	}
	order := []*esmRecord{}
	root := r.loadESMGraph(file, from, map[string]bool{}, &order)
	records := make([]any, len(order))
	for i, rec := range order {
		rec := rec
		records[i] = map[string]any{
			"tla": rec.tla,
			"run": func() goja.Value { return r.evaluateESM(rec) },
		}
	}
	v, err := r.esmDriver(goja.Undefined(), r.rt.ToValue(records), root.namespace)
	if err != nil {
		panic(err)
	}
	return v
}

// esmDriverSource evaluates a module graph in post-order inside one promise job; a module with
// top-level await holds back the ones after it until it settles.
const esmDriverSource = `(function evaluateGraph(records, namespace) {
  let i = 0;
  function next() {
    while (i < records.length) {
      const rec = records[i++];
      const done = rec.run();
      if (rec.tla) return done.then(next);
    }
    return namespace;
  }
  return Promise.resolve().then(next);
})`

func (r *Realm) esmDriver(this goja.Value, args ...goja.Value) (goja.Value, error) {
	if r.esmDriverFn == nil {
		r.esmDriverFn = r.compileFunctionSource("node:internal/modules/esm", esmDriverSource)
	}
	return r.esmDriverFn(this, args...)
}

func (r *Realm) compileFunctionSource(name, src string) goja.Callable {
	v, err := r.rt.RunScript(name, src)
	if err != nil {
		panic(err)
	}
	fn, _ := goja.AssertFunction(v)
	return fn
}

// loadESMGraph parses file and, depth first, every ES module it imports; order receives the
// modules in evaluation order. Resolution errors are thrown here, before anything runs, as
// Node links the whole graph first.
func (r *Realm) loadESMGraph(file, from string, seen map[string]bool, order *[]*esmRecord) *esmRecord {
	if rec, ok := r.esm[file]; ok {
		return rec
	}
	node, err := r.proc.FS.Lookup(file)
	if err != nil || node.Dir {
		panic(r.esmNotFound(file, from))
	}
	src := string(node.Data)
	r.proc.sources[file] = src
	imports, code, err := r.proc.cfg.TransformModule(src, file)
	if err != nil {
		panic(r.syntaxError(file, err))
	}
	rec := &esmRecord{file: file, imports: imports, namespace: r.rt.NewObject()}
	rec.tla = strings.Contains(code, "await") // refined by the transform when it can tell
	r.esm[file] = rec
	first := len(r.funcs)
	prg, err := r.compileUser(file, code)
	if err == nil && first < len(r.funcs) {
		r.funcs[first].Name = moduleFrameName(file)
	}
	if err != nil {
		panic(r.syntaxError(file, err))
	}
	v, err := r.rt.RunProgram(prg)
	if err != nil {
		panic(err)
	}
	rec.fn, _ = goja.AssertFunction(v)
	rec.deps = make([]esmDep, len(imports))
	for i, spec := range imports {
		kind, target := r.esmResolve(spec, file)
		rec.deps[i] = esmDep{kind, target}
		if kind == "module" {
			r.loadESMGraph(target, file, seen, order)
		}
	}
	*order = append(*order, rec)
	return rec
}

func (r *Realm) esmNotFound(file, from string) *goja.Object {
	e := r.newError("Error", fmt.Sprintf("Cannot find module '%s' imported from %s", file, from))
	e.Set("code", "ERR_MODULE_NOT_FOUND")
	return e
}

// esmDep is one resolved import of a module: its kind ("builtin", "module", "commonjs",
// "json") and its target (a built-in's name or a file).
type esmDep struct{ kind, target string }

// namespaceOf returns the namespace object an import of dep sees, evaluating a CommonJS
// module or reading a JSON one the first time, as Node's translators do.
func (r *Realm) namespaceOf(dep esmDep) *goja.Object {
	switch dep.kind {
	case "builtin":
		return r.builtinNamespace(r.requireBuiltin(dep.target))
	case "module":
		return r.esm[dep.target].namespace
	case "json":
		return r.jsonNamespace(dep.target)
	}
	exports := r.callHook(r.moduleAPI().importCJS, r.rt.ToValue(dep.target))
	return r.cjsNamespace(exports, r.cjsExportNames(dep.target, map[string]bool{}))
}

// builtinNamespace is what importing a built-in gives: default is its exports, and its own
// properties are named exports.
func (r *Realm) builtinNamespace(exports goja.Value) *goja.Object {
	ns := r.rt.NewObject()
	if o, ok := exports.(*goja.Object); ok {
		for _, k := range o.Keys() {
			ns.Set(k, o.Get(k))
		}
	}
	ns.Set("default", exports)
	return ns
}

// cjsNamespace mirrors the commonjs translator of lib/internal/modules/esm/translators.js:
// default is module.exports; the names found statically are named exports, holding the
// value of the property of that name if module.exports has it as its own.
func (r *Realm) cjsNamespace(exports goja.Value, names []string) *goja.Object {
	ns := r.rt.NewObject()
	own := map[string]bool{}
	o, _ := exports.(*goja.Object)
	if o != nil {
		for _, k := range o.GetOwnPropertyNames() {
			own[k] = true
		}
	}
	for _, k := range names {
		if k == "default" {
			continue
		}
		var v goja.Value = goja.Undefined()
		if own[k] {
			v = o.Get(k)
		}
		ns.Set(k, v)
	}
	ns.Set("default", exports)
	return ns
}

// jsonNamespace is a JSON module: its default export is the parsed file, once per file.
func (r *Realm) jsonNamespace(file string) *goja.Object {
	if rec, ok := r.esm[file]; ok {
		return rec.namespace
	}
	node, err := r.proc.FS.Lookup(file)
	if err != nil {
		panic(r.esmNotFound(file, ""))
	}
	parse, _ := goja.AssertFunction(r.rt.Get("JSON").ToObject(r.rt).Get("parse"))
	v, err := parse(goja.Undefined(), r.rt.ToValue(strings.TrimPrefix(string(node.Data), "\ufeff")))
	if err != nil {
		if ex, ok := err.(*goja.Exception); ok {
			if o, ok := ex.Value().(*goja.Object); ok {
				o.Set("message", file+": "+o.Get("message").String())
			}
		}
		panic(err)
	}
	ns := r.rt.NewObject()
	ns.Set("default", v)
	r.esm[file] = &esmRecord{file: file, namespace: ns, evaluated: true}
	return ns
}

// evaluateESM runs one module body with its imports bound; it returns the body's promise.
func (r *Realm) evaluateESM(rec *esmRecord) goja.Value {
	if rec.evaluated {
		return r.rt.ToValue(nil)
	}
	rec.evaluated = true
	imports := make([]any, len(rec.deps))
	for i, dep := range rec.deps {
		imports[i] = r.namespaceOf(dep)
	}
	export := func(name string, getter goja.Value) {
		rec.namespace.DefineAccessorProperty(name, getter, nil, goja.FLAG_FALSE, goja.FLAG_TRUE)
	}
	meta := r.rt.NewObject()
	meta.Set("url", "file://"+rec.file)
	meta.Set("filename", rec.file)
	meta.Set("dirname", path.Dir(rec.file))
	dynImport := func(spec string) goja.Value { return r.dynamicImport(spec, rec.file) }
	v, err := rec.fn(goja.Undefined(), r.rt.NewArray(imports...), r.rt.ToValue(export), meta, r.rt.ToValue(dynImport))
	if err != nil {
		panic(err)
	}
	return v
}

// dynamicImport is import(spec) from the module at from: a promise of the namespace.
func (r *Realm) dynamicImport(spec, from string) goja.Value {
	p, resolve, reject := r.rt.NewPromise()
	func() {
		defer func() {
			if x := recover(); x != nil {
				if v, ok := x.(goja.Value); ok {
					reject(v)
					return
				}
				if ex, ok := x.(*goja.Exception); ok {
					reject(ex.Value())
					return
				}
				panic(x)
			}
		}()
		kind, target := r.esmResolve(spec, from)
		if kind == "module" {
			resolve(r.importFile(target, from))
			return
		}
		resolve(r.namespaceOf(esmDep{kind, target}))
	}()
	return r.rt.ToValue(p)
}
