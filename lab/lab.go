package lab

import (
	"math"
	"slices"
	"time"
)

// Lab runs the models of one Params side by side, a few windows of virtual time per Step, so
// that a page can draw the charts while the simulation runs and stop it when it is outdated.
type Lab struct {
	Width    time.Duration // of a chart window, the same for every model
	Expected time.Duration // how long the slowest model's run should take, by queueing theory
	p        Params
	sims     []*sim
	until    time.Duration
}

// Chunk is what one Step adds: per model, the windows that ended, and its totals once its run
// has ended.
type Chunk struct {
	WindowMs        float64    `json:"windowMs"`
	ExpectedSeconds float64    `json:"expectedSeconds"` // Lab.Expected: a first width for the time axis
	Runs            []RunChunk `json:"runs"`
	Done            bool       `json:"done"`
}

// RunChunk is one model's part of a Chunk.
type RunChunk struct {
	Model   Model    `json:"model"`
	Windows []Window `json:"windows"`
	Totals  *Totals  `json:"totals,omitempty"`
}

// windowsPerRun is about how many windows the slowest model's run is cut into: enough for a
// smooth chart, few enough that each window holds many responses.
const windowsPerRun = 80

// New prepares a lab run of p.
func New(p Params) (*Lab, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	l := &Lab{p: p, Expected: expected(p)}
	l.Width = windowWidth(l.Expected, p.Clients*p.Requests)
	for _, m := range p.Models {
		l.sims = append(l.sims, newSim(p, m, l.Width))
	}
	return l, nil
}

// expected is how long the slowest model's run takes if it serves every request at the
// throughput queueing theory gives it.
func expected(p Params) time.Duration {
	var longest float64 // seconds
	for _, m := range p.Models {
		longest = max(longest, float64(p.Clients*p.Requests)/p.Bound(m))
	}
	return time.Duration(longest * float64(time.Second))
}

// windowWidth cuts the expected length of a run of n responses into about windowsPerRun
// windows of a round width, or fewer for a small run: a window of a handful of responses makes
// a spiky throughput and meaningless percentiles, so each should hold about 20, with never
// fewer than 5 windows.
func windowWidth(expected time.Duration, n int) time.Duration {
	windows := min(windowsPerRun, max(5, n/20))
	return roundWidth(expected / time.Duration(windows))
}

// roundWidth is the least round width of at least target: 1, 2 or 5 times a power of ten,
// from 100 µs.
func roundWidth(target time.Duration) time.Duration {
	for w := 100 * time.Microsecond; ; w *= 10 {
		for _, f := range []time.Duration{1, 2, 5} {
			if f*w >= target {
				return f * w
			}
		}
	}
}

// Step simulates the next n windows of every model whose run has not ended.
func (l *Lab) Step(n int) Chunk {
	l.until += time.Duration(n) * l.Width
	c := Chunk{WindowMs: ms(l.Width), ExpectedSeconds: l.Expected.Seconds(), Done: true}
	for _, s := range l.sims {
		if s.finished {
			continue
		}
		s.advance(l.until)
		rc := RunChunk{Model: s.model}
		if s.finished {
			end := s.now()
			rc.Windows = s.stats.windows(end, true)
			t := s.stats.totals(end, s.cpu)
			t.Threads = s.server.threads()
			if b := l.p.Bound(s.model); !math.IsInf(b, 1) {
				t.Bound = b
			}
			rc.Totals = &t
		} else {
			rc.Windows = s.stats.windows(l.until, false)
			c.Done = false
		}
		c.Runs = append(c.Runs, rc)
	}
	return c
}

// Result is one model's whole run.
type Result struct {
	Model   Model    `json:"model"`
	Windows []Window `json:"windows"`
	Totals  Totals   `json:"totals"`
}

// Simulate runs p to the end, for tests, benchmarks and anything that needs no live charts.
func Simulate(p Params) ([]Result, error) {
	l, err := New(p)
	if err != nil {
		return nil, err
	}
	results := make([]Result, len(p.Models))
	for i, m := range p.Models {
		results[i].Model = m
	}
	for {
		c := l.Step(windowsPerRun)
		for _, rc := range c.Runs {
			i := slices.Index(p.Models, rc.Model)
			results[i].Windows = append(results[i].Windows, rc.Windows...)
			if rc.Totals != nil {
				results[i].Totals = *rc.Totals
			}
		}
		if c.Done {
			return results, nil
		}
	}
}
