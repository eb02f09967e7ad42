package node

import (
	"fmt"
	"path"
	"sync"
	"time"

	"github.com/dop251/goja"
	"github.com/dop251/goja/ast"
	"github.com/dop251/goja/file"
	"github.com/dop251/goja/token"
	"github.com/dop251/goja/unistring"

	"looplab/engine/trace"
	"looplab/engine/transform"
)

// frame is one function activation on the simulated call stack.
type frame struct {
	id    int
	owner any // the promise reaction that re-pushed it, for frames of resumed async functions
}

// Counted costs in deterministic mode: one JavaScript call, one loop iteration (V8 runs a
// simple loop body in about a nanosecond; lesson 1's 100 million additions take Node ~70 ms).
const (
	costPerCall      = 20 * time.Nanosecond
	costPerIteration = 1 * time.Nanosecond
)

// syncEveryCalls is how often a callback that keeps calling functions lets the other threads
// catch up with its clock: a worker computing for seconds would otherwise hold the simulated
// machine until it yields, and the main thread's timers, messages and process.exit() wait.
const syncEveryCalls = 1024

// compileUser compiles user code with the call-stack guard (engine/transform): every function
// reports entering and leaving, which gives the trace its call stack and turns runaway
// recursion into Node's catchable RangeError instead of goja's uncatchable one.
func (r *Realm) compileUser(filename, src string) (*goja.Program, error) {
	// Loops are counted only where their iterations are the cost (deterministic mode); measured
	// mode sees their time on the clock and skips the counter's overhead.
	prg, tables, err := transform.InstrumentWith(src, filename, transform.Options{
		FirstID: len(r.funcs), CountLoops: r.cost.scale == 0,
		FastLoops: !r.proc.cfg.PlainLoops, FirstLoopID: len(r.loops),
	})
	if err != nil {
		return nil, err
	}
	for _, fi := range tables.Funcs {
		r.funcs = append(r.funcs, funcInfo{FuncInfo: fi, file: filename})
	}
	for _, l := range tables.Loops {
		r.loops = append(r.loops, &fastLoop{LoopInfo: l, file: filename})
	}
	return prg, nil
}

type funcInfo struct {
	transform.FuncInfo
	file string
}

// installGuard binds the host functions that instrumented code calls. They are constants of
// the global lexical scope under names no source text can spell (transform.EnterFunc): not
// properties of globalThis, not reachable from any program or from code it evaluates. Only
// the engine's own calls reach them, and each still checks its arguments.
func (r *Realm) installGuard() {
	hooks := r.rt.NewObject()
	hooks.Set("enter", func(id int) {
		if !r.isFunc(id) {
			return
		}
		if len(r.stack) >= r.proc.cfg.StackDepth {
			panic(r.newError("RangeError", "Maximum call stack size exceeded"))
		}
		if r.cost.scale == 0 {
			r.th.Spend(costPerCall)
		}
		if r.calls++; r.calls%syncEveryCalls == 0 {
			r.charge()
			r.th.Sync()
		}
		r.push(frame{id: id})
	})
	hooks.Set("leave", func(id int, iterations int64) {
		r.th.Spend(time.Duration(max(iterations, 0)) * costPerIteration) // 0 unless loops are counted
		r.pop(id)
	})
	hooks.Set("await", func(id int, v goja.Value) goja.Value {
		if r.isFunc(id) {
			r.pop(id)
			r.awaiting = id
		}
		return v
	})
	hooks.Set("loop", r.runFastLoop)
	hooks.Set("yield", func(id int, v goja.Value) goja.Value {
		r.pop(id)
		return v
	})
	g := r.rt.GlobalObject()
	g.Set(hooksCarrier, hooks)
	defer g.Delete(hooksCarrier)
	if _, err := r.rt.RunProgram(guardBindings()); err != nil {
		panic(err)
	}
}

// isFunc reports whether id names an instrumented function of this realm.
func (r *Realm) isFunc(id int) bool { return id >= 0 && id < len(r.funcs) }

// hooksCarrier is the global property that hands the hooks to guardBindings, during
// installGuard only.
const hooksCarrier = "%hooks"

// guardBindings is the script `const %enter = %hooks.enter, %leave = ...`, built as an AST
// because its names cannot be parsed; compiled once, shared by every runtime.
var guardBindings = sync.OnceValue(func() *goja.Program {
	decl := &ast.LexicalDeclaration{Token: token.CONST}
	for _, h := range [][2]string{{"enter", transform.EnterFunc}, {"leave", transform.LeaveFunc},
		{"await", transform.AwaitFunc}, {"yield", transform.YieldFunc}, {"loop", transform.LoopFunc}} {
		field, name := h[0], h[1]
		decl.List = append(decl.List, &ast.Binding{
			Target:      &ast.Identifier{Name: unistring.String(name)},
			Initializer: &ast.DotExpression{Left: &ast.Identifier{Name: hooksCarrier}, Identifier: ast.Identifier{Name: unistring.String(field)}},
		})
	}
	prg, err := goja.CompileAST(&ast.Program{Body: []ast.Statement{decl}, File: file.NewFile("node:internal/guard", "", 1)}, false)
	if err != nil {
		panic(fmt.Sprintf("node: the guard's bindings do not compile: %v", err))
	}
	return prg
})

func (r *Realm) push(f frame) {
	r.stack = append(r.stack, f)
	if r.proc.sched.Trace != nil && r.isFunc(f.id) {
		r.observeJobs()
		fi := r.funcs[f.id]
		r.record(trace.Event{Kind: trace.Push, Func: fi.Name, File: fi.file, Line: fi.Line, Column: fi.Column})
	}
}

// pop removes the frame of function id from the top of the stack. A frame that is not on top
// was already popped (an await that threw on resumption, a generator resumed by next()).
func (r *Realm) pop(id int) {
	if n := len(r.stack); n > 0 && r.stack[n-1].id == id {
		r.stack = r.stack[:n-1]
		if r.proc.sched.Trace != nil {
			r.record(trace.Event{Kind: trace.Pop})
		}
	}
}

// moduleFrameName names the module wrapper's frame the way a reader thinks of it.
func moduleFrameName(filename string) string { return "(module " + path.Base(filename) + ")" }
