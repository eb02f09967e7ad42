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

// Add records e at virtual time t and returns its index (-1 when not recorded).
func (r *Recorder) Add(t time.Duration, e Event) int {
	if r == nil {
		return -1
	}
	if r.limit > 0 && len(r.trace.Events) >= r.limit {
		r.trace.Dropped++
		return -1
	}
	e.T = t
	e.Micros = t.Microseconds()
	r.trace.Events = append(r.trace.Events, e)
	return len(r.trace.Events) - 1
}

// SetLabel gives the event at index (from Add) its label, for what is only named after it was
// recorded (a promise job is queued before the engine learns which reaction it runs).
func (r *Recorder) SetLabel(index int, label string) {
	if r != nil && index >= 0 && index < len(r.trace.Events) {
		r.trace.Events[index].Label = label
	}
}

// Trace returns what was recorded so far.
func (r *Recorder) Trace() *Trace {
	if r == nil {
		return nil
	}
	return &r.trace
}
