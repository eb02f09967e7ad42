package lib

import (
	"fmt"
	"strings"
	"testing"

	"github.com/dop251/goja"
)

// testRuntime loads modules of this package into a bare goja runtime, with require resolving
// only to other modules here and internalBinding answering from the bindings the test gives.
// It lets a library module be tested without the scheduler.
type testRuntime struct {
	t        *testing.T
	rt       *goja.Runtime
	cache    map[string]goja.Value
	bindings map[string]map[string]any
}

func newTestRuntime(t *testing.T, bindings map[string]map[string]any) *testRuntime {
	tr := &testRuntime{t: t, rt: goja.New(), cache: map[string]goja.Value{}, bindings: bindings}
	tr.rt.Set("require", tr.require)
	return tr
}

func (tr *testRuntime) require(name string) goja.Value {
	if v, ok := tr.cache[name]; ok {
		return v
	}
	src, ok := Source(strings.ReplaceAll(name, "/", "_")) // as libFile in engine/node/modules.go
	if !ok {
		panic(tr.rt.NewGoError(fmt.Errorf("no built-in module %q", name)))
	}
	fn, err := tr.rt.RunScript(name+".js", Wrapper+src+"\n})")
	if err != nil {
		tr.t.Fatalf("compile %s: %v", name, err)
	}
	module := tr.rt.NewObject()
	exports := tr.rt.NewObject()
	module.Set("exports", exports)
	tr.cache[name] = exports
	call, _ := goja.AssertFunction(fn)
	binding := func(b string) goja.Value { return tr.rt.ToValue(tr.bindings[b]) }
	args := []goja.Value{exports, tr.rt.Get("require"), module, tr.rt.ToValue(binding)}
	for _, name := range Intrinsics {
		args = append(args, tr.rt.Get(name))
	}
	if _, err := call(goja.Undefined(), args...); err != nil {
		tr.t.Fatalf("load %s: %v", name, err)
	}
	tr.cache[name] = module.Get("exports")
	return tr.cache[name]
}

// eval runs src with the modules reachable through require and returns its value as a string.
func (tr *testRuntime) eval(src string) string {
	tr.t.Helper()
	v, err := tr.rt.RunString(src)
	if err != nil {
		tr.t.Fatalf("eval %q: %v", src, err)
	}
	return v.String()
}
