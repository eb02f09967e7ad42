package node

import (
	"path"
	"time"

	"github.com/dop251/goja"

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

// installGuard defines the host functions that instrumented code calls.
func (r *Realm) installGuard(g *goja.Object) {
	define := func(name string, fn any) {
		g.DefineDataProperty(name, r.rt.ToValue(fn), goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_FALSE)
	}
	define(transform.EnterFunc, func(id int) {
		if len(r.stack) >= r.proc.cfg.StackDepth {
			panic(r.newError("RangeError", "Maximum call stack size exceeded"))
		}
		if r.cost.scale == 0 {
			r.th.Spend(costPerCall)
		}
		r.push(frame{id: id})
	})
	define(transform.LeaveFunc, func(id int, iterations int64) {
		r.th.Spend(time.Duration(iterations) * costPerIteration) // 0 unless loops are counted
		r.pop(id)
	})
	define(transform.AwaitFunc, func(id int, v goja.Value) goja.Value {
		r.pop(id)
		r.awaiting = id
		return v
	})
	define(transform.LoopFunc, r.runFastLoop)
	define(transform.YieldFunc, func(id int, v goja.Value) goja.Value {
		r.pop(id)
		return v
	})
}

func (r *Realm) push(f frame) {
	r.stack = append(r.stack, f)
	if r.proc.sched.Trace != nil && f.id < len(r.funcs) {
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
