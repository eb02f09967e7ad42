package node

import (
	"fmt"
	"net/url"
	"path"
	"strings"

	"github.com/dop251/goja"
)

// esmRecord is one ES module of the graph being loaded.
type esmRecord struct {
	file      string
	imports   []string
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

// loadESMGraph parses file and, depth first, every module it imports; order receives the
// modules in evaluation order.
func (r *Realm) loadESMGraph(file, from string, seen map[string]bool, order *[]*esmRecord) *esmRecord {
	if rec, ok := r.esm[file]; ok {
		return rec
	}
	node, err := r.proc.FS.Lookup(file)
	if err != nil || node.Dir {
		e := r.newError("Error", fmt.Sprintf("Cannot find module '%s' imported from %s", file, from))
		e.Set("code", "ERR_MODULE_NOT_FOUND")
		panic(e)
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
	for _, spec := range imports {
		if dep := r.resolveImport(spec, file); dep != "" && !strings.HasPrefix(dep, "node:") {
			r.loadESMGraph(dep, file, seen, order)
		}
	}
	*order = append(*order, rec)
	return rec
}

// resolveImport resolves an import specifier: "node:NAME" for built-ins, an absolute path for
// files, "" when nothing matches.
func (r *Realm) resolveImport(spec, from string) string {
	if name := strings.TrimPrefix(spec, "node:"); isBuiltin(name) {
		return "node:" + name
	}
	if strings.HasPrefix(spec, "file://") {
		if u, err := url.Parse(spec); err == nil {
			return u.Path
		}
	}
	file := spec
	if !path.IsAbs(file) {
		file = path.Join(path.Dir(from), spec)
	}
	if n, err := r.proc.FS.Lookup(file); err == nil && !n.Dir {
		return file
	}
	return ""
}

// namespaceOf returns the namespace object an import of spec from file sees.
func (r *Realm) namespaceOf(spec, from string) *goja.Object {
	target := r.resolveImport(spec, from)
	switch {
	case target == "":
		e := r.newError("Error", fmt.Sprintf("Cannot find module '%s' imported from %s", path.Join(path.Dir(from), spec), from))
		e.Set("code", "ERR_MODULE_NOT_FOUND")
		panic(e)
	case strings.HasPrefix(target, "node:"):
		return r.cjsNamespace(r.requireBuiltin(strings.TrimPrefix(target, "node:")))
	case strings.HasSuffix(target, ".mjs"):
		return r.esm[target].namespace
	}
	return r.cjsNamespace(r.loadCJS(target, from).Get("exports"))
}

// cjsNamespace is what importing a CommonJS module gives: default is module.exports, and its
// own properties are named exports.
func (r *Realm) cjsNamespace(exports goja.Value) *goja.Object {
	ns := r.rt.NewObject()
	if o, ok := exports.(*goja.Object); ok {
		for _, k := range o.Keys() {
			ns.Set(k, o.Get(k))
		}
	}
	ns.Set("default", exports)
	return ns
}

// evaluateESM runs one module body with its imports bound; it returns the body's promise.
func (r *Realm) evaluateESM(rec *esmRecord) goja.Value {
	if rec.evaluated {
		return r.rt.ToValue(nil)
	}
	rec.evaluated = true
	imports := make([]any, len(rec.imports))
	for i, spec := range rec.imports {
		imports[i] = r.namespaceOf(spec, rec.file)
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
		target := r.resolveImport(spec, from)
		switch {
		case target == "":
			e := r.newError("Error", fmt.Sprintf("Cannot find module '%s' imported from %s", path.Join(path.Dir(from), spec), from))
			e.Set("code", "ERR_MODULE_NOT_FOUND")
			reject(e)
		case strings.HasPrefix(target, ".mjs") || strings.HasSuffix(target, ".mjs"):
			resolve(r.importFile(target, from))
		default:
			resolve(r.namespaceOf(spec, from))
		}
	}()
	return r.rt.ToValue(p)
}
