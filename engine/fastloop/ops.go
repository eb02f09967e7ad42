package fastloop

import "github.com/dop251/goja/token"

// The closures below are specialised for the operand shapes that tight loops are made of
// (a variable and a constant, two variables); everything else takes the general form. A read
// of a variable that shares an expression with a call is made first, into a local, because
// Go leaves the order of a plain read and a call unspecified and JavaScript fixes it.

var numberOps = map[token.Token]func(x, y float64) float64{
	token.PLUS: add, token.MINUS: subtract, token.MULTIPLY: multiply, token.SLASH: divide,
	token.REMAINDER: remainder, token.AND: bitwiseAnd, token.OR: bitwiseOr,
	token.EXCLUSIVE_OR: bitwiseXor, token.SHIFT_LEFT: leftShift,
	token.SHIFT_RIGHT: signedRightShift, token.UNSIGNED_SHIFT_RIGHT: unsignedRightShift,
}

// arithmetic compiles l op r for a numeric operator.
func arithmetic(op token.Token, l, r operand) numFn {
	a, b, k := l.slot, r.slot, r.value
	switch {
	case op == token.PLUS && l.slot >= 0 && r.isConst:
		return func(m *machine) float64 { return m.s[a&slotMask] + k }
	case op == token.PLUS && l.slot >= 0 && r.slot >= 0:
		return func(m *machine) float64 { return m.s[a&slotMask] + m.s[b&slotMask] }
	case op == token.MINUS && l.slot >= 0 && r.isConst:
		return func(m *machine) float64 { return m.s[a&slotMask] - k }
	case op == token.MULTIPLY && l.slot >= 0 && r.isConst:
		return func(m *machine) float64 { return float64(m.s[a&slotMask] * k) }
	case op == token.MULTIPLY && l.slot >= 0 && r.slot >= 0:
		return func(m *machine) float64 { return float64(m.s[a&slotMask] * m.s[b&slotMask]) }
	case op == token.REMAINDER && l.slot >= 0 && r.isConst:
		d := newDivisor(k)
		return func(m *machine) float64 { return d.rem(m.s[a&slotMask]) }
	case op == token.REMAINDER && l.slot >= 0 && r.slot >= 0:
		return func(m *machine) float64 { return remainder(m.s[a&slotMask], m.s[b&slotMask]) }
	}
	f, ok := numberOps[op]
	if !ok {
		reject("operator %s", op)
	}
	x, y := l.fn, r.fn
	switch {
	case r.isConst && op == token.PLUS:
		return func(m *machine) float64 { return x(m) + k }
	case r.isConst:
		return func(m *machine) float64 { return f(x(m), k) }
	case r.slot >= 0 && op == token.PLUS:
		return func(m *machine) float64 {
			v := x(m) // first: it may assign the right operand
			return v + m.s[b&slotMask]
		}
	}
	switch op {
	case token.PLUS:
		return func(m *machine) float64 { return x(m) + y(m) }
	case token.MINUS:
		return func(m *machine) float64 { return x(m) - y(m) }
	case token.MULTIPLY:
		return func(m *machine) float64 { return float64(x(m) * y(m)) }
	}
	return func(m *machine) float64 { return f(x(m), y(m)) }
}

// compare compiles a comparison of two numbers. For numbers == is ===.
func compare(op token.Token, l, r operand) boolFn {
	a, b, k := l.slot, r.slot, r.value
	if l.slot >= 0 && r.isConst {
		switch op {
		case token.LESS:
			return func(m *machine) bool { return m.s[a&slotMask] < k }
		case token.LESS_OR_EQUAL:
			return func(m *machine) bool { return m.s[a&slotMask] <= k }
		case token.GREATER:
			return func(m *machine) bool { return m.s[a&slotMask] > k }
		case token.GREATER_OR_EQUAL:
			return func(m *machine) bool { return m.s[a&slotMask] >= k }
		case token.EQUAL, token.STRICT_EQUAL:
			return func(m *machine) bool { return m.s[a&slotMask] == k }
		case token.NOT_EQUAL, token.STRICT_NOT_EQUAL:
			return func(m *machine) bool { return m.s[a&slotMask] != k }
		}
	}
	if l.slot >= 0 && r.slot >= 0 {
		switch op {
		case token.LESS:
			return func(m *machine) bool { return m.s[a&slotMask] < m.s[b&slotMask] }
		case token.LESS_OR_EQUAL:
			return func(m *machine) bool { return m.s[a&slotMask] <= m.s[b&slotMask] }
		case token.GREATER:
			return func(m *machine) bool { return m.s[a&slotMask] > m.s[b&slotMask] }
		case token.GREATER_OR_EQUAL:
			return func(m *machine) bool { return m.s[a&slotMask] >= m.s[b&slotMask] }
		}
	}
	x, y := l.fn, r.fn
	switch op {
	case token.LESS:
		return func(m *machine) bool { return x(m) < y(m) }
	case token.LESS_OR_EQUAL:
		return func(m *machine) bool { return x(m) <= y(m) }
	case token.GREATER:
		return func(m *machine) bool { return x(m) > y(m) }
	case token.GREATER_OR_EQUAL:
		return func(m *machine) bool { return x(m) >= y(m) }
	case token.EQUAL, token.STRICT_EQUAL:
		return func(m *machine) bool { return x(m) == y(m) }
	case token.NOT_EQUAL, token.STRICT_NOT_EQUAL:
		return func(m *machine) bool { return x(m) != y(m) }
	}
	reject("comparison %s", op)
	return nil
}

// store compiles `variable = value` for its effect.
func store(s int, value numFn) stmt {
	return func(m *machine) flow {
		m.s[s&slotMask] = value(m)
		return normal
	}
}

// updateInPlace compiles `variable op= value` for its effect.
func updateInPlace(op token.Token, s int, self, value operand) stmt {
	b, k := value.slot, value.value
	switch {
	case op == token.PLUS && value.isConst:
		return func(m *machine) flow {
			m.s[s&slotMask] += k
			return normal
		}
	case op == token.PLUS && value.slot >= 0:
		return func(m *machine) flow {
			m.s[s&slotMask] += m.s[b&slotMask]
			return normal
		}
	case op == token.PLUS:
		y := value.fn
		return func(m *machine) flow {
			old := m.s[s&slotMask]
			m.s[s&slotMask] = old + y(m)
			return normal
		}
	case op == token.MINUS && value.isConst:
		return func(m *machine) flow {
			m.s[s&slotMask] -= k
			return normal
		}
	}
	x := arithmetic(op, self, value)
	return func(m *machine) flow {
		m.s[s&slotMask] = x(m)
		return normal
	}
}
