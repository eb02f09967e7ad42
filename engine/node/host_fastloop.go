package node

import (
	"fmt"
	"math"
	"path"
	"time"

	"github.com/dop251/goja"

	"looplab/engine/fastloop"
	"looplab/engine/trace"
	"looplab/engine/transform"
)

// The host of engine/fastloop: __ll_loop(id, v1, …) runs a pure numeric loop natively.
//
// A native loop costs what the iterations would cost V8 (costPerIteration each, in measured
// mode too: its wall time is not goja's, so the goja-to-V8 scale does not apply). Every
// fastloop.CheckEvery iterations it checks in: the iterations so far run on the simulated
// cores, sharing them with whatever else computes, and everything due before their end on
// other threads happens first (so a worker computing in a loop can be terminated, and
// messages arrive in time order); a run that was stopped or interrupted stops the loop too. A loop that can never end is reported as such instead of running until
// a limit.

type fastLoop struct {
	transform.LoopInfo
	file string
}

func (r *Realm) runFastLoop(c goja.FunctionCall) goja.Value {
	id := c.Argument(0).ToInteger()
	if id < 0 || id >= int64(len(r.loops)) {
		return goja.Null() // not a call the transform wrote
	}
	l := r.loops[id]
	values := make([]float64, len(l.Vars))
	assigned := make([]bool, len(l.Vars))
	for i, v := range l.Vars {
		switch x := c.Argument(i + 1); {
		case goja.IsNumber(x):
			values[i] = x.ToFloat()
		case v.DeclaredInside:
			values[i] = math.NaN()
		default:
			return goja.Null() // goja runs the loop as written
		}
	}
	r.charge()
	host := &fastLoopHost{r: r}
	status, rest := l.Run(values, assigned, host)
	r.th.Spend(time.Duration(rest) * costPerIteration)
	r.cost.sliceStarted = time.Now()
	if n := host.iterations + rest; n >= notedIterations && r.proc.sched.Trace != nil {
		r.record(trace.Event{Kind: trace.Note, File: l.file, Line: l.Line, Text: fmt.Sprintf("The loop at %s:%d ran %d times: %s of CPU time, with the thread doing nothing else.",
			path.Base(l.file), l.Line, n, time.Duration(n)*costPerIteration)})
	}
	if status == fastloop.Endless {
		r.endlessLoop(l)
	}
	var written []any
	for i, v := range l.Vars {
		switch {
		case !v.Written:
		case v.DeclaredInside && !assigned[i]:
			written = append(written, c.Argument(i+1)) // its declaration never ran
		default:
			written = append(written, values[i])
		}
	}
	return r.rt.ToValue(written)
}

// notedIterations is how long a loop must run for the trace to say so: long loops are what
// blocks a thread, and a note on every short one would bury the rest.
const notedIterations = 10_000

type fastLoopHost struct {
	r          *Realm
	iterations int64 // reported at checkpoints so far
}

func (h *fastLoopHost) Checkpoint(iterations int64) bool {
	r := h.r
	h.iterations += iterations
	r.th.Spend(time.Duration(iterations) * costPerIteration)
	r.th.Heartbeat() // not stuck: the worker watchdog leaves it alone
	// The iterations so far go onto the cores now, where they share them with other threads;
	// everything due before their end happens first.
	r.th.Compute(r.cpuFrom)
	r.cpuFrom = r.th.Now()
	r.cost.sliceStarted = time.Now()
	if s := r.proc.sched; s.Limit > 0 && r.th.Now() > s.Limit && s.OnLimit != nil && !s.Stopping() {
		s.OnLimit() // nothing else may be scheduled to notice that the run's time is up
	}
	return !r.dead && !r.interrupted.Load() && !r.proc.sched.Stopping()
}

// endlessLoop handles a loop that came back to a state it was in: it would spin forever.
// The main thread of the run stops the run, since nothing can end that loop; a worker or a
// child process stays busy until it is terminated or killed, as in Node.
func (r *Realm) endlessLoop(l *fastLoop) {
	where := fmt.Sprintf("%s:%d", l.file, l.Line)
	if r.proc.cp == nil && r.worker() == nil {
		r.proc.Stop("an endless loop at " + where + " (it came back to the same state, so it can never end)")
		return
	}
	r.record(trace.Event{Kind: trace.Note, File: l.file, Line: l.Line,
		Text: fmt.Sprintf("The loop at %s:%d never ends: the thread stays busy until it is stopped.", path.Base(l.file), l.Line)})
	r.busyForever = "is in an endless loop at " + where
	for !r.dead && !r.proc.sched.Stopping() {
		r.th.WaitUntil(-1)
	}
}
