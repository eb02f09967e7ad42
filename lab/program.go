package lab

import (
	"cmp"
	"slices"
	"time"
)

// Program is the Model of a measured server: a lesson's own http.createServer program, run by
// the engine under the lab's load (package lab/measure) rather than simulated by New. It is
// not among Models, the models a Params may ask to simulate.
const Program Model = "program"

// MaxMeasuredRequests bounds clients × requests when a server program is measured: the engine
// runs its JavaScript for real, every request through its http stack, so a few hundred
// requests already take seconds in the browser.
const MaxMeasuredRequests = 400

// Waits are what client i of p waits before each of its requests: before the first, its
// arrival; before the k-th, the think time after response k-1. They are the very waits of the
// models' clients, spread included, so a measured program sees the models' workload.
func (p Params) Waits(i int) []time.Duration {
	w := make([]time.Duration, p.Requests)
	w[0] = p.arrival(i)
	for k := 1; k < p.Requests; k++ {
		w[k] = p.vary(p.Think, i, k-1, drawThink)
	}
	return w
}

// RequestTimes are the start and end of one request, in virtual time.
type RequestTimes struct{ Start, End time.Duration }

// Measured turns the times of a measured server's requests into a Result through the models'
// own stats, so that it compares with them. Its time starts at the first request. Only
// responses and latencies are known from outside the server: the gauges (requests waiting,
// threads busy, CPU, memory) and Threads stay zero. Its windows are cut as a model's are (windowWidth), from the run's actual length.
func Measured(reqs []RequestTimes) Result {
	r := Result{Model: Program}
	if len(reqs) == 0 {
		return r
	}
	reqs = slices.SortedStableFunc(slices.Values(reqs), func(a, b RequestTimes) int { return cmp.Compare(a.End, b.End) })
	t0 := slices.MinFunc(reqs, func(a, b RequestTimes) int { return cmp.Compare(a.Start, b.Start) }).Start
	last := reqs[len(reqs)-1].End - t0
	st := newStats(windowWidth(last, len(reqs)))
	for _, q := range reqs {
		st.complete(q.End-t0, q.End-q.Start)
	}
	r.Windows, r.Totals = st.windows(last, true), st.totals(last, &cpu{})
	return r
}
