package loop

import (
	"math"
	"time"
)

// CPU is the simulated machine's cores, shared by every thread of every process and by the
// thread pools: a processor-sharing server. Whatever wants a core at the same virtual time
// progresses at rate min(1, cores/active), so two one-second computations finish after about
// one second on two cores and after about two seconds on one.
type CPU struct {
	s     *Scheduler
	cores int
	jobs  []*cpuJob
	last  time.Duration // when the jobs' remaining work was last brought up to date
	next  *event        // the next completion
}

type cpuJob struct {
	remaining float64 // nanoseconds of work at full speed
	done      func(end time.Duration)
}

// SetCores gives the scheduler a machine of n cores (n < 1 means 1).
func (s *Scheduler) SetCores(n int) {
	s.cpu = &CPU{s: s, cores: max(n, 1)}
}

// Cores is the number of simulated cores.
func (s *Scheduler) Cores() int { return s.cpuOrDefault().cores }

func (s *Scheduler) cpuOrDefault() *CPU {
	if s.cpu == nil {
		s.SetCores(4)
	}
	return s.cpu
}

// Busy is how many pieces of work want a core right now (may exceed Cores).
func (c *CPU) Busy() int { return len(c.jobs) }

// run starts work of the given length (at full speed) at the scheduler's current time; done
// is called, at the virtual time it finishes, from a scheduler action.
func (c *CPU) run(work time.Duration, done func(end time.Duration)) {
	if work <= 0 {
		done(c.s.now)
		return
	}
	c.advance()
	c.jobs = append(c.jobs, &cpuJob{remaining: float64(work), done: done})
	c.reschedule()
}

// rate is how fast each job progresses now.
func (c *CPU) rate() float64 {
	return math.Min(1, float64(c.cores)/float64(len(c.jobs)))
}

// advance brings every job's remaining work up to the scheduler's current time.
func (c *CPU) advance() {
	if elapsed := float64(c.s.now - c.last); elapsed > 0 && len(c.jobs) > 0 {
		done := elapsed * c.rate()
		for _, j := range c.jobs {
			j.remaining -= done
		}
	}
	c.last = c.s.now
}

func (c *CPU) reschedule() {
	c.s.Cancel(c.next)
	c.next = nil
	if len(c.jobs) == 0 {
		return
	}
	least := c.jobs[0].remaining
	for _, j := range c.jobs[1:] {
		least = math.Min(least, j.remaining)
	}
	wait := time.Duration(math.Ceil(math.Max(least, 0) / c.rate()))
	c.next = c.s.At(c.s.now+wait, c.complete)
}

// complete finishes every job whose work is done.
func (c *CPU) complete() {
	c.next = nil
	c.advance()
	var finished []*cpuJob
	kept := c.jobs[:0]
	for _, j := range c.jobs {
		if j.remaining <= 0.5 { // within rounding of a nanosecond
			finished = append(finished, j)
		} else {
			kept = append(kept, j)
		}
	}
	c.jobs = kept
	c.reschedule()
	for _, j := range finished {
		j.done(c.s.now)
	}
}
