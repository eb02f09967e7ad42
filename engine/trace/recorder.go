package trace

import "time"

// Recorder collects events in order. A nil *Recorder records nothing, so the engine can run
// without a trace at no cost beyond a nil check.
type Recorder struct {
	trace Trace
	limit int
}

// NewRecorder returns a recorder that keeps at most limit events (0: no limit); later events
// are counted in Trace.Dropped, so a runaway program cannot exhaust memory through its trace.
func NewRecorder(main string, limit int) *Recorder {
	return &Recorder{trace: Trace{Version: Version, Main: main}, limit: limit}
}

// Add records e at virtual time t.
func (r *Recorder) Add(t time.Duration, e Event) {
	if r == nil {
		return
	}
	if r.limit > 0 && len(r.trace.Events) >= r.limit {
		r.trace.Dropped++
		return
	}
	e.T = t
	e.Micros = t.Microseconds()
	r.trace.Events = append(r.trace.Events, e)
}

// Trace returns what was recorded so far.
func (r *Recorder) Trace() *Trace {
	if r == nil {
		return nil
	}
	return &r.trace
}
