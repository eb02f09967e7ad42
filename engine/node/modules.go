package node

import (
	"fmt"
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

// compileModule compiles a CommonJS file inside the module wrapper. Syntax goja lacks (dynamic
// import(), for await, async generators) is lowered first when a lowering is configured.
func (r *Realm) compileModule(filename, src string) (goja.Callable, error) {
	v, err := r.compileWrapper(filename, src)
	if err != nil {
		return nil, err
	}
	fn, _ := goja.AssertFunction(v)
	return fn, nil
}

// compileWrapper is compileModule's wrapper function as a JavaScript value.
func (r *Realm) compileWrapper(filename, src string) (*goja.Object, error) {
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
	return v.(*goja.Object), nil
}
