package fastloop

import (
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

// reduce is the driver of a counted loop whose body is the reduction r. The counter and the
// accumulator live in registers (see run); a value that is a counter term is computed inline
// by termBurst, which calls nothing, so that Go's register allocator keeps everything in
// registers. A checkpoint leaves the burst, and so does a value off the fast path (a
// remainder of a negative or fractional counter), which takes one iteration the general way.
func (l counted) reduce(r reduction) stmt {
	if r.term.op == callValue {
		byCall := l.reduceByCall(r)
		return func(m *machine) flow {
			l.init(m)
			return byCall(m)
		}
	}
	return func(m *machine) flow {
		l.init(m)
		for {
			switch l.termBurst(m, r) {
			case burstDone:
				return normal
			case burstCheckpoint:
				if m.checkpoint(l.id, *l.nslots) {
					return stop
				}
			case burstUnusual:
				if l.stepByCall(m, r) {
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

// termBurst runs iterations of a reduction over a counter term until the loop ends, a
// checkpoint is due or a value needs the general path; the slots are up to date when it
// returns.
func (l counted) termBurst(m *machine, r reduction) burstEnd {
	i, b, k, op, step := l.test.counter.slot&slotMask, l.test.bound.slot, l.test.bound.value, l.test.op, l.step
	a, t, subtract := r.acc&slotMask, r.term, r.subtract
	x, acc, iters := m.s[i], m.s[a], m.iters
	end := burstDone
	for {
		limit := k
		if b >= 0 {
			limit = m.s[b&slotMask]
		}
		if !holds(op, x, limit) {
			break
		}
		var v float64
		switch t.op {
		case 0:
			v = x
		case token.REMAINDER:
			var ok bool
			if v, ok = t.d.fast(x); !ok {
				end = burstUnusual
			}
		case token.MULTIPLY:
			v = float64(x * t.k)
		case token.PLUS:
			v = x + t.k
		case token.MINUS:
			v = x - t.k
		default:
			if x > -2147483649 && x < 2147483648 {
				v = float64(int32(x) & int32(t.k))
			} else {
				end = burstUnusual
			}
		}
		if end == burstUnusual {
			break
		}
		if subtract {
			acc -= v
		} else {
			acc += v
		}
		x += step
		if iters++; iters >= CheckEvery {
			end = burstCheckpoint
			break
		}
	}
	m.s[i], m.s[a], m.iters = x, acc, iters
	return end
}

// stepByCall runs one iteration of the reduction the general way; the loop's test held.
// It reports whether a checkpoint stopped the run.
func (l counted) stepByCall(m *machine, r reduction) bool {
	i, a := l.test.counter.slot&slotMask, r.acc&slotMask
	if v := r.term.value(m); r.subtract {
		m.s[a] -= v
	} else {
		m.s[a] += v
	}
	m.s[i] += l.step
	m.iters++
	return m.iters >= CheckEvery && m.checkpoint(l.id, *l.nslots)
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
