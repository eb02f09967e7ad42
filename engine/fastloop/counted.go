package fastloop

import (
	"math"

	"github.com/dop251/goja/ast"
	"github.com/dop251/goja/token"
)

// Counted loops, `for (…; i < n; i++) body` with a body that does not assign i, are the loops
// that run long. Their driver keeps the counter in a Go local, a register, and does the test
// and the update itself; a body that only accumulates, `acc += expression` with an
// expression that neither reads acc nor assigns anything, keeps acc in a register too. Slots
// in memory would chain every iteration through a store and a load.

type counted struct {
	id     int
	nslots *int
	init   stmt
	test   counterTest
	step   float64
}

// holds is the counted loop's test.
func holds(op token.Token, x, limit float64) bool {
	switch op {
	case token.LESS:
		return x < limit
	case token.LESS_OR_EQUAL:
		return x <= limit
	case token.GREATER:
		return x > limit
	}
	return x >= limit
}

func (l counted) run(body stmt) stmt {
	i, b, k, op, step, id, nslots, init := l.test.counter.slot, l.test.bound.slot, l.test.bound.value, l.test.op, l.step, l.id, l.nslots, l.init
	return func(m *machine) flow {
		init(m)
		x := m.s[i&slotMask]
		for {
			limit := k
			if b >= 0 {
				limit = m.s[b&slotMask]
			}
			m.s[i&slotMask] = x
			if !holds(op, x, limit) {
				return normal
			}
			if f := body(m); f == breakLoop {
				return normal
			} else if f == stop {
				return stop
			}
			x += step
			m.iters++
			if m.iters >= CheckEvery {
				m.s[i&slotMask] = x
				if m.checkpoint(id, *nslots) {
					return stop
				}
			}
		}
	}
}

// reduction is a loop body `acc += value` or `acc -= value`.
type reduction struct {
	acc      int
	subtract bool
	term     counterTerm
}

// counterTerm is the value a reduction adds, compiled as value. When it is the counter itself
// (op 0) or the counter and a constant (`i % 7`, `i * 2`, `i & 1`), a counted loop's driver
// computes it without a call; otherwise (op callValue) it calls value.
type counterTerm struct {
	op    token.Token
	k     float64
	d     divisor
	value numFn
}

const callValue = token.ILLEGAL

var termOps = map[token.Token]bool{token.REMAINDER: true, token.MULTIPLY: true, token.PLUS: true, token.MINUS: true, token.AND: true}

// termOf recognises the shape of the value of a reduction.
func (c *compiler) termOf(e ast.Expression, value numFn, counter int) counterTerm {
	isCounter := func(e ast.Expression) bool {
		id, ok := e.(*ast.Identifier)
		return ok && c.lookup(string(id.Name), false) == counter
	}
	if isCounter(e) {
		return counterTerm{value: value}
	}
	if b, ok := e.(*ast.BinaryExpression); ok && termOps[b.Operator] && isCounter(b.Left) {
		if k, ok := b.Right.(*ast.NumberLiteral); ok {
			v := numberValue(k)
			return counterTerm{op: b.Operator, k: v, d: newDivisor(v), value: value}
		}
	}
	return counterTerm{op: callValue, value: value}
}

// reduction compiles bodySt as a reduction, if it is one that a counted loop with test t can
// keep in a register: value must not read acc or write anything, and acc must be neither the
// counter nor the bound.
func (c *compiler) reduction(bodySt ast.Statement, t counterTest) (reduction, bool) {
	if t.op == 0 {
		return reduction{}, false
	}
	if b, ok := bodySt.(*ast.BlockStatement); ok && len(b.List) == 1 {
		bodySt = b.List[0]
	}
	st, ok := bodySt.(*ast.ExpressionStatement)
	if !ok {
		return reduction{}, false
	}
	e, ok := st.Expression.(*ast.AssignExpression)
	if !ok || (e.Operator != token.PLUS && e.Operator != token.MINUS) {
		return reduction{}, false
	}
	if _, ok := e.Left.(*ast.Identifier); !ok {
		return reduction{}, false
	}
	reads, writes := c.reads, c.writes
	value := c.number(e.Right)
	if c.writes != writes {
		return reduction{}, false // value assigns something: compiled again as a statement
	}
	acc := c.target(e.Left)
	if c.reads[acc] != reads[acc] || acc == t.counter.slot || acc == t.bound.slot {
		return reduction{}, false
	}
	return reduction{acc: acc, subtract: e.Operator == token.MINUS, term: c.termOf(e.Right, value, t.counter.slot)}, true
}

// statement is the reduction as an ordinary body, for a loop that is not counted.
func (r reduction) statement() stmt {
	a, subtract, value := r.acc, r.subtract, r.term.value
	return func(m *machine) flow {
		old := m.s[a&slotMask]
		if subtract {
			m.s[a&slotMask] = old - value(m)
		} else {
			m.s[a&slotMask] = old + value(m)
		}
		return normal
	}
}

// reduce is the driver of a counted loop whose body is the reduction r. When the value is a
// counter term and the counter a whole number, termBurst runs the loop on an integer counter,
// in a function that calls nothing, so that Go keeps the counter, the accumulator and the
// iteration count in registers: an integer add and compare per iteration instead of a
// floating-point chain. A checkpoint leaves the burst, and so does anything off that path (a
// fractional counter, a remainder of a negative counter), which takes one iteration the
// general way.
func (l counted) reduce(r reduction) stmt {
	step := int64(l.step)
	if r.term.op == callValue || float64(step) != l.step || step == 0 || step > 1<<31 || step < -1<<31 ||
		r.term.op == token.REMAINDER && r.term.d.magic == 0 {
		byCall := l.reduceByCall(r)
		return func(m *machine) flow {
			l.init(m)
			return byCall(m)
		}
	}
	return func(m *machine) flow {
		l.init(m)
		for {
			end := l.termBurst(m, r, step)
			if end == burstUnusual {
				end = l.stepByCall(m, r)
			}
			switch end {
			case burstDone:
				return normal
			case burstCheckpoint:
				if m.checkpoint(l.id, *l.nslots) {
					return stop
				}
			}
		}
	}
}

type burstEnd uint8

const (
	burstDone burstEnd = iota
	burstCheckpoint
	burstUnusual
)

// maxSafe is 2^53: below it every integer is exactly a float64, so an int64 counter computes
// what the float64 one would.
const maxSafe = 1 << 53

// trips is how many more iterations a counted loop on integer counter x with integer step
// makes when its bound does not change, at most limit: the test holds for x, x+step, … and
// fails for the first counter after them. (The counter cannot leave (-2^53, 2^53) within
// limit iterations, so float64 of every counter is exact.)
func trips(op token.Token, x, step int64, bound float64, limit int64) int64 {
	// The test as an integer comparison: x < end for < and <=, x > end for > and >=.
	var end float64
	switch op {
	case token.LESS:
		end = math.Ceil(bound)
	case token.LESS_OR_EQUAL:
		end = math.Floor(bound) + 1
	case token.GREATER:
		end = math.Floor(bound)
	default:
		end = math.Ceil(bound) - 1
	}
	up := op == token.LESS || op == token.LESS_OR_EQUAL
	switch {
	case end != end: // NaN: the test never holds
		return 0
	case up && float64(x) >= end || !up && float64(x) <= end:
		return 0
	case up != (step > 0) || math.IsInf(end, 0):
		return limit // moving away from the bound, or no bound: only the limit stops it
	}
	// ceil(gap / |step|): exact for the counts below limit that matter here (a rounding near
	// 2^52 could only undercount, and the caller checks the test after the last iteration).
	n := math.Ceil(math.Abs(end-float64(x)) / math.Abs(float64(step)))
	if n >= float64(limit) {
		return limit
	}
	return int64(n)
}

// termBurst runs iterations of a reduction over a counter term, on an integer counter, until
// the loop ends, a checkpoint is due or an iteration needs the general path; the slots are up
// to date when it returns. The bound is fixed: the value writes nothing.
func (l counted) termBurst(m *machine, r reduction, step int64) burstEnd {
	i, a, t, subtract := l.test.counter.slot&slotMask, r.acc&slotMask, r.term, r.subtract
	x := m.s[i]
	xi := int64(x)
	if float64(xi) != x || x >= maxSafe || x <= -maxSafe || x == 0 && math.Signbit(x) {
		return burstUnusual // fractional, beyond 2^53, or -0
	}
	bound := l.test.bound.value
	if b := l.test.bound.slot; b >= 0 {
		bound = m.s[b&slotMask]
	}
	// Iterations before the counter could leave (-2^53, 2^53), and until the next checkpoint.
	room := min((maxSafe-1-max(xi, -xi))/max(step, -step), CheckEvery-m.iters)
	todo := trips(l.test.op, xi, step, bound, room)
	acc, kAnd := m.s[a], toInt32(t.k)
	n := int64(0)
	if last := xi + todo*step; t.op == token.REMAINDER && !subtract && xi >= 0 && xi < 1<<32 && last >= 0 && last < 1<<32 {
		// `sum += i % k`, the costliest term and the usual one in loops that run long, on a
		// counter that stays in [0, 2^32): the loop below without its switch and checks.
		for ; n < todo; n++ {
			acc += t.d.of(uint64(xi))
			xi += step
		}
	}
	for ; n < todo; n++ {
		var v float64
		switch t.op {
		case 0:
			v = float64(xi)
		case token.REMAINDER:
			if xi < 0 || xi >= 1<<32 {
				m.s[i], m.s[a], m.iters = float64(xi), acc, m.iters+n
				return burstUnusual
			}
			v = t.d.of(uint64(xi))
		case token.MULTIPLY:
			v = float64(float64(xi) * t.k)
		case token.PLUS:
			v = float64(xi) + t.k
		case token.MINUS:
			v = float64(xi) - t.k
		default: // &: ToInt32 of a whole number below 2^53 is its low 32 bits
			v = float64(int32(xi) & kAnd)
		}
		if subtract {
			acc -= v
		} else {
			acc += v
		}
		xi += step
	}
	m.s[i], m.s[a], m.iters = float64(xi), acc, m.iters+n
	switch {
	case !holds(l.test.op, float64(xi), bound):
		return burstDone
	case m.iters >= CheckEvery:
		return burstCheckpoint
	}
	return burstUnusual // the counter's safe range ends: the general way goes on
}

// stepByCall runs one iteration of the reduction the general way, if the loop's test holds
// (burstDone if not); burstUnusual means that the loop goes on.
func (l counted) stepByCall(m *machine, r reduction) burstEnd {
	i, a := l.test.counter.slot&slotMask, r.acc&slotMask
	bound := l.test.bound.value
	if b := l.test.bound.slot; b >= 0 {
		bound = m.s[b&slotMask]
	}
	if !holds(l.test.op, m.s[i], bound) {
		return burstDone
	}
	if v := r.term.value(m); r.subtract {
		m.s[a] -= v
	} else {
		m.s[a] += v
	}
	m.s[i] += l.step
	if m.iters++; m.iters >= CheckEvery {
		return burstCheckpoint
	}
	return burstUnusual
}

// reduceByCall is the driver of a reduction whose value is a closure: the counter is stored
// before each call, for the value to read.
func (l counted) reduceByCall(r reduction) stmt {
	i, b, k, op, step, id, nslots := l.test.counter.slot, l.test.bound.slot, l.test.bound.value, l.test.op, l.step, l.id, l.nslots
	a, value, subtract := r.acc, r.term.value, r.subtract
	return func(m *machine) flow {
		x, acc := m.s[i&slotMask], m.s[a&slotMask]
		for {
			limit := k
			if b >= 0 {
				limit = m.s[b&slotMask]
			}
			if !holds(op, x, limit) {
				m.s[i&slotMask], m.s[a&slotMask] = x, acc
				return normal
			}
			m.s[i&slotMask] = x
			if v := value(m); subtract {
				acc -= v
			} else {
				acc += v
			}
			x += step
			if m.iters++; m.iters >= CheckEvery {
				m.s[i&slotMask], m.s[a&slotMask] = x, acc
				if m.checkpoint(id, *nslots) {
					return stop
				}
			}
		}
	}
}
