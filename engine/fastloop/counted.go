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
	value    numFn
	subtract bool
	// term is set when value is the counter itself or the counter and a constant (`i`,
	// `i % 7`, `i * 2`, `i & 1`): the driver computes it without a call.
	term *counterTerm
}

// counterTerm is `counter op k`; op 0 means the counter itself.
type counterTerm struct {
	op token.Token
	k  float64
	d  divisor
}

var termOps = map[token.Token]bool{token.REMAINDER: true, token.MULTIPLY: true, token.PLUS: true, token.MINUS: true, token.AND: true}

// termOf recognises a counterTerm in the value of a reduction.
func (c *compiler) termOf(e ast.Expression, counter int) *counterTerm {
	isCounter := func(e ast.Expression) bool {
		id, ok := e.(*ast.Identifier)
		return ok && c.lookup(string(id.Name), false) == counter
	}
	if isCounter(e) {
		return &counterTerm{}
	}
	b, ok := e.(*ast.BinaryExpression)
	if !ok || !termOps[b.Operator] || !isCounter(b.Left) {
		return nil
	}
	k, ok := b.Right.(*ast.NumberLiteral)
	if !ok {
		return nil
	}
	t := &counterTerm{op: b.Operator, k: numberValue(k)}
	t.d = newDivisor(t.k)
	return t
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
	return reduction{acc: acc, value: value, subtract: e.Operator == token.MINUS, term: c.termOf(e.Right, t.counter.slot)}, true
}

// statement is the reduction as an ordinary body, for a loop that is not counted.
func (r reduction) statement() stmt {
	a, value, subtract := r.acc, r.value, r.subtract
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

func (l counted) reduce(r reduction) stmt {
	if r.term != nil {
		return l.reduceTerm(r)
	}
	i, b, k, op, step, id, nslots, init := l.test.counter.slot, l.test.bound.slot, l.test.bound.value, l.test.op, l.step, l.id, l.nslots, l.init
	a, value, sign := r.acc, r.value, 1.0
	if r.subtract {
		sign = -1 // acc - v is acc + -v exactly, -0 included
	}
	return func(m *machine) flow {
		init(m)
		x, acc := m.s[i&slotMask], m.s[a&slotMask]
		defer func() { m.s[i&slotMask], m.s[a&slotMask] = x, acc }()
		for {
			limit := k
			if b >= 0 {
				limit = m.s[b&slotMask]
			}
			if !holds(op, x, limit) {
				return normal
			}
			m.s[i&slotMask] = x
			acc += float64(sign * value(m)) // rounded: no fused multiply-add
			x += step
			m.iters++
			if m.iters >= CheckEvery {
				m.s[i&slotMask], m.s[a&slotMask] = x, acc
				if m.checkpoint(id, *nslots) {
					return stop
				}
			}
		}
	}
}

// reduceTerm is reduce for a value that is a counterTerm: nothing in the loop reads a slot
// but the bound, so the slots are brought up to date only at checkpoints and at the end.
func (l counted) reduceTerm(r reduction) stmt {
	i, b, k, op, step, id, nslots, init := l.test.counter.slot, l.test.bound.slot, l.test.bound.value, l.test.op, l.step, l.id, l.nslots, l.init
	a, term, subtract := r.acc, r.term, r.subtract
	return func(m *machine) flow {
		init(m)
		x, acc, iters := m.s[i&slotMask], m.s[a&slotMask], m.iters
		defer func() { m.s[i&slotMask], m.s[a&slotMask], m.iters = x, acc, iters }()
		for {
			limit := k
			if b >= 0 {
				limit = m.s[b&slotMask]
			}
			if !holds(op, x, limit) {
				return normal
			}
			var v float64
			switch term.op { // one predictable branch: cheaper than a call
			case 0:
				v = x
			case token.REMAINDER:
				var ok bool
				if v, ok = term.d.fast(x); !ok {
					v = remainder(x, term.k)
				}
			case token.MULTIPLY:
				v = float64(x * term.k)
			case token.PLUS:
				v = x + term.k
			case token.MINUS:
				v = x - term.k
			default:
				v = bitwiseAnd(x, term.k)
			}
			if subtract {
				acc -= v
			} else {
				acc += v
			}
			x += step
			if iters++; iters >= CheckEvery {
				m.s[i&slotMask], m.s[a&slotMask], m.iters = x, acc, iters
				stopped := m.checkpoint(id, *nslots)
				iters = m.iters
				if stopped {
					return stop
				}
			}
		}
	}
}
