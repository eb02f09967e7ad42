package lab

import (
	"slices"
	"time"
)

// Window is what one window of virtual time shows on the charts.
type Window struct {
	T       float64 `json:"t"`       // the window's end, in seconds
	Done    int     `json:"done"`    // responses in the window
	Rate    float64 `json:"rate"`    // responses per second
	P50     float64 `json:"p50"`     // latency percentiles of those responses, ms (0 without any)
	P95     float64 `json:"p95"`     //
	P99     float64 `json:"p99"`     //
	Waiting float64 `json:"waiting"` // requests waiting for a thread or the loop, time average
	Busy    float64 `json:"busy"`    // threads taken by a request, time average
	CPU     float64 `json:"cpu"`     // percent of all cores busy, time average
	MemMB   float64 `json:"memMB"`   // thread stacks and per-request memory, time average
}

// Totals sum up a model's whole run. Throughput and MeanMs are measured over the middle 80% of
// the responses, leaving out the start and the drain at the end (when clients that sent all
// their requests leave), so that they compare with queueing theory and with each other.
type Totals struct {
	Completed  int     `json:"completed"`
	Seconds    float64 `json:"seconds"`    // virtual time until the last response
	Throughput float64 `json:"throughput"` // responses per second
	Bound      float64 `json:"bound"`      // what queueing theory gives (Params.Bound), 0 if unbounded
	MeanMs     float64 `json:"meanMs"`
	P50        float64 `json:"p50"`
	P95        float64 `json:"p95"`
	P99        float64 `json:"p99"`
	MaxMs      float64 `json:"maxMs"`
	MaxWaiting float64 `json:"maxWaiting"`
	PeakBusy   float64 `json:"peakBusy"`
	Threads    int     `json:"threads"` // threads created
	PeakMemMB  float64 `json:"peakMemMB"`
	CPU        float64 `json:"cpu"`      // average percent of all cores busy
	Switches   int     `json:"switches"` // context switches
	SwitchMs   float64 `json:"switchMs"` // CPU time they took
}

// gauge integrates a quantity over time, window by window, so that a window shows its time
// average rather than whatever the value was at one instant.
type gauge struct {
	v, peak float64
	since   time.Duration
	sums    []float64 // per window: the integral of v over it, in value × nanoseconds
}

func (g *gauge) advance(to, width time.Duration) {
	for g.since < to {
		k := int(g.since / width)
		end := min(to, time.Duration(k+1)*width)
		for len(g.sums) <= k {
			g.sums = append(g.sums, 0)
		}
		g.sums[k] += g.v * float64(end-g.since)
		g.since = end
	}
}

func (g *gauge) set(now, width time.Duration, v float64) {
	g.advance(now, width)
	g.v = v
	g.peak = max(g.peak, v)
}

func (g *gauge) average(k int, span time.Duration) float64 {
	if k >= len(g.sums) || span <= 0 {
		return 0
	}
	return g.sums[k] / float64(span)
}

// stats collects one model's measurements.
type stats struct {
	width                   time.Duration
	waiting, busy, cpu, mem gauge
	perWindow               [][]time.Duration // latencies of the responses in each window
	ends, latencies         []time.Duration   // of every response, in the order they came
	emitted                 int               // windows already handed out
}

func newStats(width time.Duration) *stats { return &stats{width: width} }

func (st *stats) observe(now time.Duration, waiting, busy, cpu, mem float64) {
	st.waiting.set(now, st.width, waiting)
	st.busy.set(now, st.width, busy)
	st.cpu.set(now, st.width, cpu)
	st.mem.set(now, st.width, mem)
}

func (st *stats) complete(now, latency time.Duration) {
	k := int(now / st.width)
	for len(st.perWindow) <= k {
		st.perWindow = append(st.perWindow, nil)
	}
	st.perWindow[k] = append(st.perWindow[k], latency)
	st.ends = append(st.ends, now)
	st.latencies = append(st.latencies, latency)
}

// windows hands out the windows that end by upTo. At the end of the run (final), the last,
// partial window is handed out too, averaged over the part that was simulated.
func (st *stats) windows(upTo time.Duration, final bool) []Window {
	for _, g := range []*gauge{&st.waiting, &st.busy, &st.cpu, &st.mem} {
		g.advance(upTo, st.width)
	}
	n := int(upTo / st.width)
	if final && time.Duration(n)*st.width < upTo {
		n++
	}
	var out []Window
	for k := st.emitted; k < n; k++ {
		start := time.Duration(k) * st.width
		end := min(start+st.width, upTo)
		span := end - start
		w := Window{
			T:       end.Seconds(),
			Waiting: st.waiting.average(k, span),
			Busy:    st.busy.average(k, span),
			CPU:     st.cpu.average(k, span),
			MemMB:   st.mem.average(k, span),
		}
		if k < len(st.perWindow) {
			lat := st.perWindow[k]
			st.perWindow[k] = nil
			slices.Sort(lat)
			w.Done = len(lat)
			// Over the full width even for the last, partial window: a few responses in its
			// last microseconds are not a burst of throughput.
			w.Rate = float64(len(lat)) / st.width.Seconds()
			w.P50, w.P95, w.P99 = ms(percentile(lat, 50)), ms(percentile(lat, 95)), ms(percentile(lat, 99))
		}
		out = append(out, w)
	}
	st.emitted = max(st.emitted, n)
	return out
}

func (st *stats) totals(end time.Duration, c *cpu) Totals {
	t := Totals{
		Completed:  len(st.ends),
		Seconds:    end.Seconds(),
		MaxWaiting: st.waiting.peak,
		PeakBusy:   st.busy.peak,
		PeakMemMB:  st.mem.peak,
		Switches:   c.switches,
		SwitchMs:   ms(c.switchTime),
	}
	if end > 0 {
		var cpuSum float64
		for _, s := range st.cpu.sums {
			cpuSum += s
		}
		t.CPU = cpuSum / float64(end)
	}
	n := len(st.ends)
	if n == 0 {
		return t
	}
	lo, hi := n/10, n-1-n/10
	if st.ends[hi] > st.ends[lo] {
		t.Throughput = float64(hi-lo) / (st.ends[hi] - st.ends[lo]).Seconds()
	} else if end > 0 {
		t.Throughput = float64(n) / end.Seconds()
	}
	var sum time.Duration
	for _, l := range st.latencies[lo : hi+1] {
		sum += l
	}
	t.MeanMs = ms(sum) / float64(hi-lo+1)
	sorted := slices.Clone(st.latencies)
	slices.Sort(sorted)
	t.P50, t.P95, t.P99 = ms(percentile(sorted, 50)), ms(percentile(sorted, 95)), ms(percentile(sorted, 99))
	t.MaxMs = ms(sorted[n-1])
	return t
}

// percentile is the nearest-rank percentile of sorted values (0 for none).
func percentile(sorted []time.Duration, p int) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	rank := (p*len(sorted) + 99) / 100 // ceil(p/100 × n)
	return sorted[max(rank, 1)-1]
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
