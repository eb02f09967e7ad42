package node

import (
	"strings"

	"github.com/dop251/goja"
	"github.com/dop251/goja/parser"
)

// The CommonJS loader and module resolution are lib/module.js; this file gives it the
// simulated disk, the compiler and the ES module loader (esm.go), and keeps the hooks it hands
// back so that the main module, import and the eval entry points go through it.

func init() {
	bindings["module"] = (*Realm).moduleBinding
	hostModules["process"] = func(r *Realm) goja.Value { return r.process }
}

// nodeBuiltins is Node 20's module.builtinModules; the simulation lists the ones it has.
var nodeBuiltins = strings.Fields(`_http_agent _http_client _http_common _http_incoming _http_outgoing
	_http_server _stream_duplex _stream_passthrough _stream_readable _stream_transform _stream_wrap
	_stream_writable _tls_common _tls_wrap assert assert/strict async_hooks buffer child_process
	cluster console constants crypto dgram diagnostics_channel dns dns/promises domain events fs
	fs/promises http http2 https inspector inspector/promises module net os path path/posix
	path/win32 perf_hooks process punycode querystring readline readline/promises repl stream
	stream/consumers stream/promises stream/web string_decoder sys timers timers/promises tls
	trace_events tty url util util/types v8 vm wasi worker_threads zlib`)

// moduleHooks are the functions lib/module.js hands to setHooks.
type moduleHooks struct {
	resolveMain, esmResolve, loadMain, importCJS, makeRequire goja.Callable
}

func (r *Realm) moduleBinding() goja.Value {
	return r.rt.ToValue(map[string]any{
		"builtins": func() []any {
			var out []any
			for _, name := range nodeBuiltins {
				if isBuiltin(name) {
					out = append(out, name)
				}
			}
			return out
		},
		"exists":      isBuiltin,
		"loadBuiltin": func(name string) goja.Value { return r.requireBuiltin(name) },
		// stat mirrors internalModuleStat: 0 a file, 1 a folder, -2 nothing.
		"stat": func(p string) int {
			n, err := r.proc.FS.Lookup(p)
			switch {
			case err != nil:
				return -2
			case n.Dir:
				return 1
			}
			return 0
		},
		"readFile": func(p string) goja.Value {
			n, err := r.proc.FS.Lookup(p)
			if err != nil || n.Dir {
				return goja.Undefined()
			}
			return r.rt.ToValue(string(n.Data))
		},
		"compile": func(filename, src string) goja.Value {
			r.proc.sources[filename] = src // for the uncaught error's source line
			fn, err := r.compileWrapper(filename, src)
			if err != nil {
				panic(err)
			}
			return fn
		},
		"importer": func(filename string) goja.Value {
			return r.rt.ToValue(func(spec string) goja.Value { return r.dynamicImport(spec, filename) })
		},
		"isModuleSyntax": r.isModuleSyntax,
		"requireESM":     r.requireESM,
		"setHooks": func(o *goja.Object) {
			fn := func(name string) goja.Callable { f, _ := goja.AssertFunction(o.Get(name)); return f }
			r.hooks = &moduleHooks{fn("resolveMain"), fn("esmResolve"), fn("loadMain"), fn("importCJS"), fn("makeRequire")}
		},
	})
}

// moduleAPI loads lib/module.js once and returns its hooks.
func (r *Realm) moduleAPI() *moduleHooks {
	if r.hooks == nil {
		r.requireBuiltin("module")
	}
	return r.hooks
}

// callHook calls a hook of lib/module.js; what it throws propagates as a JavaScript exception.
func (r *Realm) callHook(fn goja.Callable, args ...goja.Value) goja.Value {
	v, err := fn(goja.Undefined(), args...)
	if err != nil {
		panic(err)
	}
	return v
}

// pair splits the [kind, value] arrays the resolution hooks return.
func (r *Realm) pair(v goja.Value) (string, string) {
	o := v.ToObject(r.rt)
	return o.Get("0").String(), o.Get("1").String()
}

// resolveMain mirrors run_main's resolution of the entry point: its format and its file.
func (r *Realm) resolveMain(file string) (format, filename string) {
	return r.pair(r.callHook(r.moduleAPI().resolveMain, r.rt.ToValue(file)))
}

// esmResolve resolves an import specifier from the module at from: kind is "builtin" (target
// is the name), "module", "commonjs" or "json" (target is the file).
func (r *Realm) esmResolve(spec, from string) (kind, target string) {
	return r.pair(r.callHook(r.moduleAPI().esmResolve, r.rt.ToValue(spec), r.rt.ToValue(from)))
}

// requireAt returns a require function and a module object for code that runs as if it were
// the file at filename (`node -e`, a worker's eval source).
func (r *Realm) requireAt(filename string) (req, module *goja.Object) {
	o := r.callHook(r.moduleAPI().makeRequire, r.rt.ToValue(filename)).ToObject(r.rt)
	return o.Get("0").(*goja.Object), o.Get("1").(*goja.Object)
}

// isModuleSyntax mirrors Node 20.19's module detection for a .js file outside any "type": it
// is an ES module when it does not parse as CommonJS but parses as a module.
func (r *Realm) isModuleSyntax(filename, src string) bool {
	if r.proc.cfg.TransformModule == nil || (!strings.Contains(src, "import") && !strings.Contains(src, "export") && !strings.Contains(src, "await")) {
		return false
	}
	if _, err := parser.ParseFile(nil, filename, cjsWrapper+src+"\n})", 0, parser.WithDisableSourceMaps); err == nil {
		return false
	}
	if lower := r.proc.cfg.LowerScript; lower != nil {
		if lowered, err := lower(src, filename); err == nil {
			if _, err := parser.ParseFile(nil, filename, cjsWrapper+lowered+"\n})", 0, parser.WithDisableSourceMaps); err == nil {
				return false
			}
		}
	}
	_, _, err := r.proc.cfg.TransformModule(src, filename)
	return err == nil
}

// requireESM mirrors require() of an ES module in Node 20.19: the graph is loaded and
// evaluated at once; a module that awaits at its top level cannot be required.
func (r *Realm) requireESM(filename string) goja.Value {
	order := []*esmRecord{}
	root := r.loadESMGraph(filename, "", map[string]bool{}, &order)
	for _, rec := range order {
		p, _ := r.evaluateESM(rec).Export().(*goja.Promise)
		if p == nil {
			continue
		}
		switch p.State() {
		case goja.PromiseStatePending:
			e := r.newError("Error", "require() cannot be used on an ESM graph with top-level await. Use import() instead. To see where the top-level await comes from, use --experimental-print-required-tla.")
			e.Set("code", "ERR_REQUIRE_ASYNC_MODULE")
			panic(e)
		case goja.PromiseStateRejected:
			r.trackRejection(p, goja.PromiseRejectionHandle) // it is thrown instead
			panic(p.Result())
		}
	}
	return root.namespace
}
