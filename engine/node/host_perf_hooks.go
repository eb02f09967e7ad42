package node

import "github.com/dop251/goja"

// internalBinding('perf_hooks'): the clock behind lib/perf_hooks.js. performance.now() reads
// the thread's virtual clock (each read costs a little, as Date.now() does, so a busy-wait on
// it ends); timeOrigin is the wall time at virtual time zero.
func init() {
	bindings["perf_hooks"] = func(r *Realm) goja.Value {
		return r.rt.ToValue(map[string]any{
			"now":        func() float64 { r.clockRead(); return r.performanceNow() },
			"timeOrigin": float64(r.proc.cfg.Epoch.UnixMicro()) / 1000,
			// loopStart is when the event loop began, for performance.nodeTiming: the simulated
			// process has no bootstrap, so its main module and loop start at time zero.
			"loopStart": 0,
		})
	}
}
