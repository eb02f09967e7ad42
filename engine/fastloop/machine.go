package fastloop

import "math"

// MaxSlots is the most variables (free and local) one loop may use.
const MaxSlots = 64

const slotMask = MaxSlots - 1 // s[i&slotMask] needs no bounds check

// CheckEvery is how many loop iterations run between two calls of the host's checkpoint.
const CheckEvery = 1 << 20

// flow is how a statement ended.
type flow uint8

const (
	normal flow = iota
	breakLoop
	continueLoop
	stop // the host stopped the run: unwind everything
)

// machine holds the state of one run of a Loop.
type machine struct {
	s        [MaxSlots]float64
	assigned [MaxSlots]bool // for variables declared inside: whether the declaration ran
	iters    int64          // iterations since the last checkpoint
	host     Host
	status   Status
	// seen is the state at an earlier checkpoint and the loop that took it: the checkpoint
	// numbered by the last power of two (Brent's cycle detection), so that a cycle of any
	// length is found once the distance between snapshots exceeds it.
	seen          [MaxSlots]float64
	seenLoop      int
	checks, power int
}

// Host is what a running loop calls back into.
type Host interface {
	// Checkpoint is called after every CheckEvery iterations, of this loop or of the loops
	// nested in it, with the number of iterations since the last call. It returns false to
	// stop the run.
	Checkpoint(iterations int64) bool
}

// Status is how a run ended.
type Status uint8

const (
	// Done: the loop ended; its variables hold their final values.
	Done Status = iota
	// Stopped: the host's checkpoint stopped the run; the variables hold whatever they held.
	Stopped
	// Endless: the loop came back to a state it was in CheckEvery iterations before, at the
	// same point, so it would repeat forever. The run stops there.
	Endless
)

// checkpoint is reached by loop id after CheckEvery iterations. It reports whether to unwind.
func (m *machine) checkpoint(id, nslots int) bool {
	n := m.iters
	m.iters = 0
	if !m.host.Checkpoint(n) {
		m.status = Stopped
		return true
	}
	if id == m.seenLoop && sameBits(m.s[:nslots], m.seen[:nslots]) {
		m.status = Endless
		return true
	}
	if m.checks++; m.checks >= m.power {
		m.power = 2*m.power + 1
		m.seenLoop = id
		copy(m.seen[:nslots], m.s[:nslots])
	}
	return false
}

func sameBits(a, b []float64) bool {
	for i := range a {
		if math.Float64bits(a[i]) != math.Float64bits(b[i]) {
			return false
		}
	}
	return true
}
