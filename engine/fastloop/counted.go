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

// reduce is the driver of a counted loop whose body is the reduction r. Nothing reads a
// slot but the bound and a called value, so the counter is stored only for a call, and the
// slots are brought up to date at checkpoints and at the end.
func (l counted) reduce(r reduction) stmt {
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
			case callValue:
				m.s[i&slotMask] = x
				v = term.value(m)
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
