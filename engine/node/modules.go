package node

import (
	"encoding/json"
	"fmt"
	"path"
	"strings"
	"sync"

	"github.com/dop251/goja"

	"looplab/engine/node/lib"
)

// hostModules are the built-in modules that Go builds (host_<name>.go); every other built-in
// is a lib/<name>.js file.
var hostModules = map[string]func(r *Realm) goja.Value{}

// libFile maps a built-in module name to its lib/ file ("timers/promises" → "timers_promises").
func libFile(name string) string { return strings.ReplaceAll(name, "/", "_") }

// isBuiltin reports whether name (without "node:") is a built-in module.
func isBuiltin(name string) bool {
	if _, ok := hostModules[name]; ok {
		return true
	}
	_, ok := lib.Source(libFile(name))
	return ok && !strings.HasPrefix(name, "internal")
}

// requireBuiltin loads a built-in module once per realm.
func (r *Realm) requireBuiltin(name string) goja.Value {
	if v, ok := r.builtins[name]; ok {
		return v
	}
	if build, ok := hostModules[name]; ok {
		v := r.nameNatives(r.plainObject(build(r)))
		r.builtins[name] = v
		return v
	}
	module := r.rt.NewObject()
	exports := r.rt.NewObject()
	module.Set("exports", exports)
	r.builtins[name] = exports // a cycle between built-ins sees the partial exports, as in Node
	fn := r.runFunction(libProgram(name))
	req := r.rt.ToValue(func(n string) goja.Value { return r.requireBuiltin(strings.TrimPrefix(n, "node:")) })
	args := append([]goja.Value{exports, req, module, r.rt.ToValue(r.internalBinding)}, r.intrinsicArgs...)
	if _, err := fn(goja.Undefined(), args...); err != nil {
		panic(err)
	}
	v := module.Get("exports")
	r.builtins[name] = v
	return v
}

// libPrograms caches compiled lib/*.js modules: a goja.Program can be shared by runtimes, so
// every realm of every run after the first skips parsing and compiling them.
var libPrograms sync.Map // name → *goja.Program

func libProgram(name string) *goja.Program {
	if prg, ok := libPrograms.Load(name); ok {
		return prg.(*goja.Program)
	}
	src, _ := lib.Source(libFile(name))
	prg, err := goja.Compile("node:"+name, lib.Wrapper+src+"\n})", false)
	if err != nil {
		panic(fmt.Sprintf("node: built-in %s does not compile: %v", name, err))
	}
	libPrograms.Store(name, prg)
	return prg
}

// runFunction runs a program whose value is a function expression and returns the function.
func (r *Realm) runFunction(prg *goja.Program) goja.Callable {
	v, err := r.rt.RunProgram(prg)
	if err != nil {
		panic(err)
	}
	fn, ok := goja.AssertFunction(v)
	if !ok {
		panic("node: a built-in module did not compile to a function")
	}
	return fn
}

// cjsWrapper is Node's module wrapper, with one more parameter for dynamic import().
const cjsWrapper = "(function (exports, require, module, __filename, __dirname, __ll_import) {"

// columnOffset is how many columns the engine's module wrapper adds to line 1 of file.
func (r *Realm) columnOffset(file string) int {
	if r.wrapped[file] {
		return len(cjsWrapper)
	}
	return 0
}

// resolveFile mirrors Module._resolveFilename for relative and absolute paths: the exact file,
// then with .js, .json and .mjs, then the directory's index.js.
func (r *Realm) resolveFile(request, fromDir string) (string, bool) {
	base := request
	if !path.IsAbs(base) {
		base = path.Join(fromDir, request)
	}
	for _, candidate := range []string{base, base + ".js", base + ".json", base + ".mjs", base + "/index.js"} {
		if n, err := r.proc.FS.Lookup(candidate); err == nil && !n.Dir {
			return candidate, true
		}
	}
	return "", false
}

// requireFrom is the require function of the module at filename.
func (r *Realm) requireFrom(filename string) *goja.Object {
	dir := path.Dir(filename)
	req := r.rt.ToValue(func(c goja.FunctionCall) goja.Value {
		request := c.Argument(0).String()
		if name := strings.TrimPrefix(request, "node:"); isBuiltin(name) {
			return r.requireBuiltin(name)
		}
		file, ok := r.resolveFile(request, dir)
		if !ok {
			panic(r.moduleNotFound(request, filename))
		}
		return r.loadCJS(file, filename).Get("exports")
	}).(*goja.Object)
	req.Set("resolve", func(request string) string {
		if name := strings.TrimPrefix(request, "node:"); isBuiltin(name) {
			return request
		}
		file, ok := r.resolveFile(request, dir)
		if !ok {
			panic(r.moduleNotFound(request, filename))
		}
		return file
	})
	req.Set("cache", r.rt.NewObject())
	if r.mainModule != nil {
		req.Set("main", r.mainModule)
	}
	req.DefineDataProperty("name", r.rt.ToValue("require"), goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_TRUE)
	r.nameNatives(req)
	return req
}

// moduleNotFound is Node's MODULE_NOT_FOUND error; from is "" for the main module, which no
// module required.
func (r *Realm) moduleNotFound(request, from string) *goja.Object {
	if from == "" {
		e := r.newError("Error", fmt.Sprintf("Cannot find module '%s'", request))
		e.Set("code", "MODULE_NOT_FOUND")
		e.Set("requireStack", []any{})
		return e
	}
	e := r.newError("Error", fmt.Sprintf("Cannot find module '%s'\nRequire stack:\n- %s", request, from))
	e.Set("code", "MODULE_NOT_FOUND")
	e.Set("requireStack", []any{from})
	return e
}

// loadCJS loads and runs a CommonJS (or JSON) file once, returning its module object.
func (r *Realm) loadCJS(filename, parent string) *goja.Object {
	if m, ok := r.modules[filename]; ok {
		return m
	}
	node, _ := r.proc.FS.Lookup(filename)
	src := string(node.Data)
	module := r.rt.NewObject()
	exports := r.rt.NewObject()
	module.Set("id", filename)
	module.Set("filename", filename)
	module.Set("path", path.Dir(filename))
	module.Set("exports", exports)
	module.Set("loaded", false)
	module.Set("children", r.rt.NewArray())
	r.modules[filename] = module
	if r.mainModule == nil {
		r.mainModule = module
		module.Set("id", ".")
	}
	if strings.HasSuffix(filename, ".json") {
		var v any
		if err := json.Unmarshal(node.Data, &v); err != nil {
			panic(r.newError("SyntaxError", fmt.Sprintf("%s: %v", filename, err)))
		}
		module.Set("exports", v)
		return module
	}
	r.proc.sources[filename] = src
	fn, err := r.compileModule(filename, src)
	if err != nil {
		panic(err)
	}
	req := r.requireFrom(filename)
	module.Set("require", req)
	dynImport := r.rt.ToValue(func(spec string) goja.Value { return r.dynamicImport(spec, filename) })
	if _, err := fn(exports, exports, req, module, r.rt.ToValue(filename), r.rt.ToValue(path.Dir(filename)), dynImport); err != nil {
		delete(r.modules, filename)
		panic(err)
	}
	module.Set("loaded", true)
	return module
}

// compileModule compiles a CommonJS file inside the module wrapper. Syntax goja lacks (dynamic
// import(), for await, async generators) is lowered first when a lowering is configured.
func (r *Realm) compileModule(filename, src string) (goja.Callable, error) {
	body := strings.TrimPrefix(src, "#!")
	if len(body) != len(src) {
		body = "//" + body // keep a shebang line as a comment, so lines still match
	}
	r.wrapped[filename] = true
	first := len(r.funcs)
	prg, err := r.compileUser(filename, cjsWrapper+body+"\n})")
	if err != nil && r.proc.cfg.LowerScript != nil {
		if lowered, lerr := r.proc.cfg.LowerScript(body, filename); lerr == nil {
			first = len(r.funcs)
			prg, err = r.compileUser(filename, cjsWrapper+lowered+"\n})")
		}
	}
	if err == nil && first < len(r.funcs) {
		r.funcs[first].Name = moduleFrameName(filename)
	}
	if err != nil {
		panic(r.syntaxError(filename, err))
	}
	v, err := r.rt.RunProgram(prg)
	if err != nil {
		return nil, err
	}
	r.moduleWrappers[v.(*goja.Object)] = true
	fn, _ := goja.AssertFunction(v)
	return fn, nil
}
